"""What an analyst would write instead of rs-due -f: pandas and numpy's
business-day functions with a holiday list (the one rs-due calendar
prints, so both compute the same dates).  Usage:
    due_pandas.py intake.csv holidays.csv today > out.csv
"""
import sys

import numpy as np
import pandas as pd

TERMS = {"peticion": 15, "queja": 15, "reclamo": 15, "sugerencia": 15,
         "denuncia": 15, "felicitacion": 0, "informacion": 10,
         "consulta": 30, "autoridad": 10}


def main():
    src, holfile, today = sys.argv[1], sys.argv[2], np.datetime64(sys.argv[3])
    holidays = pd.read_csv(holfile)["date"].to_numpy(dtype="datetime64[D]")
    cal = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    df = pd.read_csv(src, dtype=str, keep_default_na=False)
    received = pd.to_datetime(df["received_at"])
    day = received.dt.floor("D").to_numpy(dtype="datetime64[D]")
    secs = (received - received.dt.floor("D")).dt.total_seconds().to_numpy()
    busy = np.is_busday(day, busdaycal=cal)
    # the cut-off: the same day before 16:00 on a business day, else the
    # next business day
    effective = np.where(
        busy & (secs < 16 * 3600), day,
        np.where(busy, np.busday_offset(day, 1, roll="forward", busdaycal=cal),
                 np.busday_offset(day, 0, roll="forward", busdaycal=cal)))
    term = df["type"].map(TERMS).to_numpy()
    due = np.busday_offset(effective, np.where(term > 0, term, 0),
                           roll="forward", busdaycal=cal)
    # busday_count counts [today, due) (negated when due < today); rs
    # counts (today, due]: move both ends by one day
    left = (np.busday_count(today, due, busdaycal=cal)
            - np.is_busday(today, busdaycal=cal)
            + np.is_busday(due, busdaycal=cal))
    state = np.select([due < today, due == today, left <= 3],
                      ["vencida", "vence_hoy", "por_vencer"], "al_dia")
    df["effective_on"] = effective.astype(str)
    df["due_on"] = np.where(term > 0, due.astype(str), "")
    df["days_left"] = np.where(term > 0, left.astype(str), "")
    df["state"] = np.where(term > 0, state, "al_dia")
    df.to_csv(sys.stdout, index=False)


main()
