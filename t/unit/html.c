/* html.c: the page, escaping, and one mark per data point */
#include <string.h>

#include "rs.h"
#include "tap.h"

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay++)
		n++;
	return n;
}

int
main(void)
{
	static const struct rs_column cols[] = {
		{ "channel", "Canal", 0 },
		{ "count", "Cantidad", RS_NUMERIC },
	};
	static const char *const cells[] = {
		"correo", "12", "web <form> & co", "7", "presencial", NULL,
	};
	static const char *const days[] = { "lun", "mar", "mié", "jue" };
	static const double rec[] = { 4, 7, 0, 12 }, ans[] = { 3, 5, 6, 9 };
	struct rs_chart ch = { 0 };
	struct rs_buf b = { 0 };
	const char *s;

	plan(14);
	rs_html_begin(&b, "Informe diario & más", "martes 13 de agosto");
	rs_html_table(&b, "Recibidas por canal", cols, 2, cells, 3);
	rs_html_table(&b, "Vencidas", cols, 2, NULL, 0);
	ch.title = "Recibidas y respondidas por día";
	ch.lines = 1;
	ch.labels = days;
	ch.npoints = 4;
	ch.series[0] = "Recibidas";
	ch.series[1] = "Respondidas";
	ch.values[0] = rec;
	ch.values[1] = ans;
	ch.nseries = 2;
	rs_html_chart(&b, &ch);
	ch.lines = 0;
	ch.title = "Solo recibidas";
	ch.series[1] = NULL;
	ch.nseries = 1;
	rs_html_chart(&b, &ch);
	rs_html_end(&b, "Generado por rs");
	s = rs_buf_str(&b);

	ok(strncmp(s, "<!DOCTYPE html>\n<html lang=\"es\">", 31) == 0,
	    "a page in Spanish");
	ok(strstr(s, "<title>Informe diario &amp; más</title>") != NULL,
	    "the title escaped");
	ok(strstr(s, "<td>web &lt;form&gt; &amp; co</td>") != NULL,
	    "cells escaped");
	ok(strstr(s, "<td class=\"n\">12</td>") != NULL,
	    "numbers right-aligned");
	ok(strstr(s, "<td class=\"n\"></td>") != NULL, "an empty cell");
	ok(strstr(s, "<h2>Vencidas</h2>\n<p>Ninguno.</p>") != NULL,
	    "an empty table says so");
	is_int(count(s, "<circle class=\"point\""), 8,
	    "lines: one circle a point a series");
	is_int(count(s, "<rect class=\"point\""), 4, "bars: one rect a point");
	is_int(count(s, "<polyline"), 2, "one line a series");
	ok(strstr(s, "<title>mié, Recibidas: 0</title>") != NULL,
	    "each mark names its label, series and value");
	ok(strstr(s, "text-anchor=\"end\">20</text>") != NULL,
	    "the axis rounds 12 up to 20");
	ok(strstr(s, "<script") == NULL && strstr(s, "http://") ==
	    strstr(s, "http://www.w3.org/2000/svg"), "nothing from elsewhere");
	ok(strstr(s, "@media print") != NULL, "printable");
	ok(strcmp(s + strlen(s) - 15, "</body>\n</html>") == 0 ||
	    strcmp(s + strlen(s) - 16, "</body>\n</html>\n") == 0, "closed");
	rs_buf_free(&b);
	return done();
}
