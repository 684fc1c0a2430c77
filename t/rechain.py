#!/usr/bin/env python3
# t/rechain.py DB SEQ DETAILS: what someone with write access to the file
# can do behind rs: rewrite the details of event SEQ and recompute the
# hash chain from there on, and the head the last commit recorded, the
# way lib/lifecycle.c computes it, so that the chain inside the file is
# whole again.  Only an anchor kept outside the file shows it.
import hashlib
import sqlite3
import sys


def field(v):
    if v is None:
        return b"-"
    b = str(v).encode("utf-8")
    return str(len(b)).encode() + b":" + b


def event_hash(prev, e):
    h = hashlib.sha256(prev)
    for k in ("request", "at", "actor", "kind", "details", "due_on"):
        h.update(field(e[k]))
    if (e["written_at"] is not None and e["written_at"] != e["at"]) or \
            e["time_reason"] is not None:
        h.update(field(e["written_at"]))
        h.update(field(e["time_reason"]))
    return h.digest()


db, seq, details = sys.argv[1], int(sys.argv[2]), sys.argv[3]
c = sqlite3.connect(db)
c.row_factory = sqlite3.Row
c.execute("DROP TRIGGER IF EXISTS events_no_update")
c.execute("UPDATE events SET details = ? WHERE seq = ?", (details, seq))
prev = bytes(32)
for e in c.execute("SELECT * FROM events ORDER BY seq").fetchall():
    if e["seq"] >= seq:
        h = event_hash(prev, e)
        c.execute("UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?",
                  (prev, h, e["seq"]))
        prev = h
    else:
        prev = bytes(e["hash"])
c.execute("UPDATE chain SET head = ?", (prev,))
c.commit()
c.close()
