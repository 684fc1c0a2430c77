/*
 * html.c - reports as one self-contained, printable HTML page: tables and
 * inline SVG charts, no script, no file or font from elsewhere.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs.h"

#define CHART_W		640
#define CHART_H		240
#define MARGIN_L	48
#define MARGIN_B	40
#define MARGIN_T	16

void
rs_html_esc(struct rs_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			rs_buf_adds(b, "&amp;");
			break;
		case '<':
			rs_buf_adds(b, "&lt;");
			break;
		case '>':
			rs_buf_adds(b, "&gt;");
			break;
		case '"':
			rs_buf_adds(b, "&quot;");
			break;
		case '\'':
			rs_buf_adds(b, "&#39;");
			break;
		default:
			rs_buf_addc(b, *s);
		}
	}
}

void
rs_html_begin(struct rs_buf *b, const char *title, const char *subtitle)
{
	rs_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"es\">\n<head>\n"
	    "<meta charset=\"utf-8\"/>\n<title>");
	rs_html_esc(b, title);
	rs_buf_adds(b, "</title>\n<style>\n"
	    "body { font-family: sans-serif; margin: 2em; color: #222; }\n"
	    "h1 { font-size: 1.4em; margin-bottom: 0; }\n"
	    "p.sub { color: #555; margin-top: .2em; }\n"
	    "h2 { font-size: 1.1em; margin-top: 1.6em; "
	    "border-bottom: 1px solid #ccc; }\n"
	    "table { border-collapse: collapse; margin: .5em 0; }\n"
	    "th, td { border: 1px solid #ccc; padding: .2em .6em; "
	    "text-align: left; }\n"
	    "td.n { text-align: right; }\n"
	    "th { background: #eee; }\n"
	    "svg text { font-family: sans-serif; font-size: 11px; }\n"
	    /* printed on A4: no row, chart or title cut from what it
	     * heads, a long table's header on each of its pages, and no
	     * table wider than the paper */
	    "@page { size: A4; margin: 1.5cm 1.2cm; }\n"
	    "@media print { body { margin: 0; font-size: 10pt; }\n"
	    "  h2 { break-after: avoid; }\n"
	    "  tr, svg { break-inside: avoid; }\n"
	    "  thead { display: table-header-group; }\n"
	    "  table { max-width: 100%; }\n"
	    "  th, td { overflow-wrap: anywhere; } }\n"
	    "</style>\n</head>\n<body>\n<h1>");
	rs_html_esc(b, title);
	rs_buf_adds(b, "</h1>\n");
	if (subtitle && *subtitle) {
		rs_buf_adds(b, "<p class=\"sub\">");
		rs_html_esc(b, subtitle);
		rs_buf_adds(b, "</p>\n");
	}
}

void
rs_html_table(struct rs_buf *b, const char *title, const struct rs_column *cols,
    size_t ncols, const char *const *cells, size_t nrows)
{
	size_t r, c;
	const char *v;

	rs_buf_adds(b, "<h2>");
	rs_html_esc(b, title);
	rs_buf_adds(b, "</h2>\n");
	if (nrows == 0) {
		rs_buf_adds(b, "<p>Ninguno.</p>\n");
		return;
	}
	rs_buf_adds(b, "<table>\n<thead><tr>");
	for (c = 0; c < ncols; c++) {
		rs_buf_adds(b, "<th>");
		rs_html_esc(b, cols[c].label);
		rs_buf_adds(b, "</th>");
	}
	rs_buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (r = 0; r < nrows; r++) {
		rs_buf_adds(b, "<tr>");
		for (c = 0; c < ncols; c++) {
			v = cells[r * ncols + c];
			rs_buf_adds(b, cols[c].flags & RS_NUMERIC ?
			    "<td class=\"n\">" : "<td>");
			if (v && (cols[c].flags & RS_CODE))
				v = rs_label(v);
			rs_html_esc(b, v ? v : "");
			rs_buf_adds(b, "</td>");
		}
		rs_buf_adds(b, "</tr>\n");
	}
	rs_buf_adds(b, "</tbody>\n</table>\n");
}

/* Round up to 1, 2 or 5 times a power of ten: an axis people can read. */
static double
nice_max(double v)
{
	double p = 1;

	if (v <= 0)
		return 1;
	while (p * 10 <= v)
		p *= 10;
	if (v <= p)
		return p;
	if (v <= 2 * p)
		return 2 * p;
	if (v <= 5 * p)
		return 5 * p;
	return 10 * p;
}

static const char *const palette[] = { "#2a6f97", "#e07a1f", "#5a9a3f" };

/*
 * A chart of one or more series over the same labels: bars side by side,
 * or lines with a point per value.  Every data point is one mark (a
 * rect, or a circle) with a <title> naming it, so the chart can be read
 * without the eye and checked by a program.
 */
void
rs_html_chart(struct rs_buf *b, const struct rs_chart *ch)
{
	double max = 0, v, x, y, h, slot, bw;
	size_t i, s;
	int plot_w = CHART_W - MARGIN_L - 8;
	int plot_h = CHART_H - MARGIN_T - MARGIN_B;

	for (s = 0; s < ch->nseries; s++)
		for (i = 0; i < ch->npoints; i++)
			if ((v = ch->values[s][i]) > max)
				max = v;
	max = nice_max(max);
	rs_buf_adds(b, "<h2>");
	rs_html_esc(b, ch->title);
	rs_buf_adds(b, "</h2>\n");
	rs_buf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n",
	    CHART_W, CHART_H, CHART_W, CHART_H);
	rs_buf_adds(b, "<title>");
	rs_html_esc(b, ch->title);
	rs_buf_adds(b, "</title>\n");
	/* axes, and the maximum on the y axis */
	rs_buf_addf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#444\"/>\n", MARGIN_L, MARGIN_T, MARGIN_L,
	    MARGIN_T + plot_h);
	rs_buf_addf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#444\"/>\n", MARGIN_L, MARGIN_T + plot_h,
	    MARGIN_L + plot_w, MARGIN_T + plot_h);
	rs_buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%g"
	    "</text>\n<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n",
	    MARGIN_L - 4, MARGIN_T + 4, max, MARGIN_L - 4,
	    MARGIN_T + plot_h);
	slot = ch->npoints ? (double)plot_w / (double)ch->npoints : plot_w;
	bw = ch->lines ? 0 : slot * 0.8 / (double)(ch->nseries ? ch->nseries :
	    1);
	for (s = 0; s < ch->nseries; s++) {
		if (ch->lines && ch->npoints > 1) {
			rs_buf_addf(b, "<polyline fill=\"none\" stroke=\"%s\" "
			    "stroke-width=\"2\" points=\"", palette[s % 3]);
			for (i = 0; i < ch->npoints; i++) {
				x = MARGIN_L + slot * ((double)i + 0.5);
				y = MARGIN_T + plot_h - ch->values[s][i] /
				    max * plot_h;
				rs_buf_addf(b, "%s%.1f,%.1f", i ? " " : "", x,
				    y);
			}
			rs_buf_adds(b, "\"/>\n");
		}
		for (i = 0; i < ch->npoints; i++) {
			v = ch->values[s][i];
			h = v / max * plot_h;
			if (ch->lines) {
				x = MARGIN_L + slot * ((double)i + 0.5);
				rs_buf_addf(b, "<circle class=\"point\" "
				    "cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
				    "fill=\"%s\">", x, MARGIN_T + plot_h - h,
				    palette[s % 3]);
			} else {
				x = MARGIN_L + slot * (double)i + slot * 0.1 +
				    bw * (double)s;
				rs_buf_addf(b, "<rect class=\"point\" "
				    "x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
				    "height=\"%.1f\" fill=\"%s\">", x,
				    MARGIN_T + plot_h - h, bw, h,
				    palette[s % 3]);
			}
			rs_buf_adds(b, "<title>");
			rs_html_esc(b, ch->labels[i]);
			if (ch->series[s]) {
				rs_buf_adds(b, ", ");
				rs_html_esc(b, ch->series[s]);
			}
			rs_buf_addf(b, ": %g</title>%s\n", v,
			    ch->lines ? "</circle>" : "</rect>");
		}
	}
	/* a few labels under the x axis, never crowded */
	for (i = 0; i < ch->npoints; i += ch->npoints > 12 ?
	    ch->npoints / 6 : 1) {
		rs_buf_addf(b, "<text x=\"%.1f\" y=\"%d\" "
		    "text-anchor=\"middle\">", MARGIN_L + slot *
		    ((double)i + 0.5), MARGIN_T + plot_h + 16);
		rs_html_esc(b, ch->labels[i]);
		rs_buf_adds(b, "</text>\n");
	}
	/* the legend */
	for (s = 0; s < ch->nseries && ch->series[s]; s++) {
		rs_buf_addf(b, "<rect x=\"%zu\" y=\"%d\" width=\"10\" "
		    "height=\"10\" fill=\"%s\"/>", MARGIN_L + 140 * s,
		    CHART_H - 14, palette[s % 3]);
		rs_buf_addf(b, "<text x=\"%zu\" y=\"%d\">", MARGIN_L + 140 * s +
		    14, CHART_H - 5);
		rs_html_esc(b, ch->series[s]);
		rs_buf_adds(b, "</text>\n");
	}
	rs_buf_adds(b, "</svg>\n");
}

void
rs_html_end(struct rs_buf *b, const char *footer)
{
	if (footer && *footer) {
		rs_buf_adds(b, "<p class=\"sub\">");
		rs_html_esc(b, footer);
		rs_buf_adds(b, "</p>\n");
	}
	rs_buf_adds(b, "</body>\n</html>\n");
}
