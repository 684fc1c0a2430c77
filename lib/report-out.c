/*
 * report-out.c - report layer: a report (report.h) written in a format:
 * csv, tsv and json as one long table (section, group, metric, value), the
 * same for a spreadsheet (--excel), a table a section (--layout wide),
 * tables for people, and one self-contained page (-o html).  The mail
 * (-o eml) is in report-mail.c, apart, as it needs GMime.
 */
#include <stdlib.h>
#include <string.h>

#include "rs.h"
#include "report.h"


/* csv, tsv and json: every report is one table of four columns. */
static const struct rs_column long_columns[] = {
	{ "section", "Sección", 0 },
	{ "group", "Grupo", 0 },
	{ "metric", "Métrica", 0 },
	{ "value", "Valor", 0 },
};
#define NLONG (sizeof(long_columns) / sizeof(long_columns[0]))

typedef void cell_row_fn(void *, const char *const *);

/* A write error on standard output ends the command at the section
 * where it happened, not after the whole report. */
static void
checked(FILE *fp)
{
	if (fp == stdout)
		rs_stdout_check();
}

/* Each (section, group, metric, value) in order; the meta section leaves
 * out what does not apply to this report. */
static void
long_rows(const struct rs_report *rep, FILE *fp, cell_row_fn *fn, void *arg)
{
	const struct rs_report_section *s;
	const char *cells[NLONG];
	size_t i, j, k;

	for (i = 0; i < rep->nsections; i++) {
		s = rep->sections[i];
		for (j = 0; j < s->nrows; j++)
			for (k = 0; k < s->nmetrics; k++) {
				if (s->meta && s->rows[j].values[k] == NULL)
					continue;
				cells[0] = s->name;
				cells[1] = s->rows[j].group;
				cells[2] = s->metrics[k].name;
				cells[3] = s->rows[j].values[k];
				fn(arg, cells);
			}
		checked(fp);
	}
}

static void
out_row(void *arg, const char *const *cells)
{
	rs_out_row(arg, cells);
}

void
rs_report_long(const struct rs_report *rep, FILE *fp, enum rs_format fmt)
{
	struct rs_out *out;

	out = rs_out_new(fp, fmt, long_columns, NLONG);
	long_rows(rep, fp, out_row, out);
	rs_out_end(out);
}

/*
 * --excel (DESIGN §4): what a spreadsheet opens as it is: a UTF-8 byte
 * order mark, ';' between cells, CRLF line ends, and a cell that the
 * spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return) made text with a leading apostrophe.  A plain number
 * such as -6 is no formula and stays a number.
 */
static int
plain_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

static void
excel_cell(FILE *fp, const char *s)
{
	struct rs_buf b = { 0 };
	const char *dot;

	if (s == NULL)
		return;
	/* a Colombian spreadsheet reads 87,5 as a number and 87.5 as text:
	 * the decimal mark is the comma (never a thousands separator) */
	if (plain_number(s) && (dot = strchr(s, '.')) != NULL) {
		rs_buf_addf(&b, "%.*s,%s", (int)(dot - s), s, dot + 1);
		rs_csv_put(fp, rs_buf_str(&b), ';');
		rs_buf_free(&b);
		return;
	}
	if (strchr("=+-@\t\r", *s) != NULL && *s != '\0' && !plain_number(s)) {
		rs_buf_addc(&b, '\'');
		rs_buf_adds(&b, s);
		rs_csv_put(fp, rs_buf_str(&b), ';');
		rs_buf_free(&b);
		return;
	}
	rs_csv_put(fp, s, ';');
}

/* Where a spreadsheet's rows go, and how many cells each has. */
struct sheet {
	FILE	*fp;
	size_t	 n;
};

static void
excel_row(void *arg, const char *const *cells)
{
	const struct sheet *sh = arg;
	size_t i;

	for (i = 0; i < sh->n; i++) {
		if (i)
			putc(';', sh->fp);
		excel_cell(sh->fp, cells[i]);
	}
	fputs("\r\n", sh->fp);
}

void
rs_report_excel(const struct rs_report *rep, FILE *fp)
{
	struct sheet sh = { fp, NLONG };
	const char *names[NLONG];
	size_t i;

	fputs("\xef\xbb\xbf", fp);
	for (i = 0; i < NLONG; i++)
		names[i] = long_columns[i].name;
	excel_row(&sh, names);
	long_rows(rep, fp, excel_row, &sh);
}

/*
 * The wide layout, for spreadsheets: a table a section, one row a group
 * and one column a metric, each table under its own header line
 * (section, group, then the metrics' names) and apart from the next by
 * an empty line; the report section, what the report is, comes first.
 * excel: as --excel writes; else fmt, CSV or TSV.
 */
void
rs_report_wide(const struct rs_report *rep, FILE *fp, enum rs_format fmt,
    int excel)
{
	const struct rs_report_section *s;
	struct rs_column *cols;
	struct rs_out *out;
	struct sheet sh = { fp, 0 };
	const char **cells;
	size_t i, j, k, n;

	if (excel)
		fputs("\xef\xbb\xbf", fp);
	for (i = 0; i < rep->nsections; i++) {
		s = rep->sections[i];
		n = sh.n = s->nmetrics + 2;
		cols = rs_calloc(n, sizeof(*cols));
		cells = rs_calloc(n, sizeof(char *));
		cols[0] = long_columns[0];
		cols[1] = long_columns[1];
		for (k = 0; k < s->nmetrics; k++)
			cols[k + 2] = s->metrics[k];
		if (i > 0)
			fputs(excel ? "\r\n" : "\n", fp);
		out = NULL;
		if (excel) {
			for (k = 0; k < n; k++)
				cells[k] = cols[k].name;
			excel_row(&sh, cells);
		} else
			out = rs_out_new(fp, fmt, cols, n);
		for (j = 0; j < s->nrows; j++) {
			cells[0] = s->name;
			cells[1] = s->rows[j].group;
			for (k = 0; k < s->nmetrics; k++)
				cells[k + 2] = s->rows[j].values[k];
			if (excel)
				excel_row(&sh, cells);
			else
				rs_out_row(out, cells);
		}
		if (out != NULL)
			rs_out_end(out);	/* a header even with no rows */
		free(cols);
		free(cells);
		checked(fp);
	}
}

/* Tables: the heading, then each section under its Spanish title. */
static const struct rs_column pair_columns[] = {
	{ "metric", "Concepto", 0 },
	{ "value", "Valor", RS_NUMERIC },
};

/*
 * On a terminal the 30-day trend reads best as two lines of bars, one
 * a day, scaled together: ▁▂▃▄▅▆▇█ (a blank for none).
 */
static void
sparklines(FILE *fp, const struct rs_report_section *s)
{
	static const char *const bars[] = {
		"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"
	};
	double max = 0, v;
	size_t j, k;

	for (j = 0; j < s->nrows; j++)
		for (k = 0; k < 2; k++)
			if (s->rows[j].values[k] &&
			    (v = strtod(s->rows[j].values[k], NULL)) > max)
				max = v;
	fprintf(fp, "\n%s (%s a %s, máximo %g)\n", s->title,
	    s->nrows ? s->rows[0].group : "", s->nrows ?
	    s->rows[s->nrows - 1].group : "", max);
	for (k = 0; k < 2; k++) {
		fprintf(fp, "%-12s ", s->metrics[k].label);
		for (j = 0; j < s->nrows; j++) {
			v = s->rows[j].values[k] ?
			    strtod(s->rows[j].values[k], NULL) : 0;
			fputs(v <= 0 || max <= 0 ? " " :
			    bars[(int)((v / max) * 7.999)], fp);
		}
		fputc('\n', fp);
	}
}

void
rs_report_table(struct rs_report *rep, FILE *fp)
{
	const struct rs_report_section *s;
	struct rs_column *cols;
	struct rs_out *out;
	const char **cells;
	size_t i, j, k;

	fprintf(fp, "%s\n%s", rep->office, rs_buf_str(&rep->heading));
	for (i = 0; i < rep->nsections; i++) {
		s = rep->sections[i];
		if (s->meta)
			continue;
		if (strcmp(s->name, "by_day") == 0) {
			sparklines(fp, s);
			continue;
		}
		fprintf(fp, "\n%s\n", s->title);
		if (s->group_label == NULL) {
			/* one row: a line a metric reads better */
			out = rs_out_new(fp, RS_FMT_TABLE, pair_columns, 2);
			for (j = 0; j < s->nrows; j++)
				for (k = 0; k < s->nmetrics; k++) {
					const char *c[2];

					c[0] = s->metrics[k].label;
					c[1] = s->rows[j].values[k];
					rs_out_row(out, c);
				}
			rs_out_end(out);
			continue;
		}
		if (s->nrows == 0) {
			fprintf(fp, "(ninguna)\n");
			continue;
		}
		cols = rs_calloc(s->nmetrics + 1, sizeof(*cols));
		cells = rs_calloc(s->nmetrics + 1, sizeof(char *));
		cols[0].name = "group";
		cols[0].label = s->group_label;
		for (k = 0; k < s->nmetrics; k++)
			cols[k + 1] = s->metrics[k];
		out = rs_out_new(fp, RS_FMT_TABLE, cols, s->nmetrics + 1);
		for (j = 0; j < s->nrows; j++) {
			cells[0] = *s->rows[j].group ? s->rows[j].group :
			    "(sin dato)";
			for (k = 0; k < s->nmetrics; k++)
				cells[k + 1] = s->rows[j].values[k];
			rs_out_row(out, cells);
		}
		rs_out_end(out);
		free(cols);
		free(cells);
		checked(fp);
	}
	if (rep->footing.len > 0) {
		fprintf(fp, "\n%s", rs_buf_str(&rep->footing));
		checked(fp);
	}
}

/* The metric a section's bar chart shows: a rate when it has one. */
static int
chart_metric(const struct rs_report_section *s)
{
	size_t k;

	for (k = 0; k < s->nmetrics; k++)
		if (strstr(s->metrics[k].name, "rate") != NULL)
			return (int)k;
	for (k = 0; k < s->nmetrics; k++)
		if (s->metrics[k].flags & RS_NUMERIC)
			return (int)k;
	return -1;
}

/*
 * html: one self-contained page, a table a section, a chart where a
 * trend, an age or a rate is worth seeing.
 */
void
rs_report_html(struct rs_report *rep, struct rs_buf *b)
{
	const struct rs_report_section *s;
	struct rs_column *cols;
	struct rs_chart ch;
	const char **cells, **labels, *foot;
	struct rs_buf footer = { 0 };
	double *vals[2];
	size_t i, j, k, nc;
	int metric;

	rs_html_begin(b, rep->office, rs_buf_str(&rep->heading));
	for (i = 0; i < rep->nsections; i++) {
		s = rep->sections[i];
		if (s->meta)
			continue;
		nc = s->nmetrics + (s->group_label != NULL);
		cols = rs_calloc(nc, sizeof(*cols));
		cells = rs_calloc(nc * (s->nrows ? s->nrows : 1),
		    sizeof(char *));
		if (s->group_label) {
			cols[0].name = "group";
			cols[0].label = s->group_label;
		}
		for (k = 0; k < s->nmetrics; k++)
			cols[k + (s->group_label != NULL)] = s->metrics[k];
		for (j = 0; j < s->nrows; j++) {
			if (s->group_label)
				cells[j * nc] = *s->rows[j].group ?
				    s->rows[j].group : "(sin dato)";
			for (k = 0; k < s->nmetrics; k++)
				cells[j * nc + k + (s->group_label != NULL)] =
				    s->rows[j].values[k];
		}
		memset(&ch, 0, sizeof(ch));
		labels = rs_calloc(s->nrows ? s->nrows : 1, sizeof(char *));
		vals[0] = rs_calloc(s->nrows ? s->nrows : 1, sizeof(double));
		vals[1] = rs_calloc(s->nrows ? s->nrows : 1, sizeof(double));
		metric = chart_metric(s);
		for (j = 0; j < s->nrows; j++) {
			labels[j] = *s->rows[j].group ? s->rows[j].group :
			    "(sin dato)";
			for (k = 0; k < 2 && k < s->nmetrics; k++) {
				size_t mk = strcmp(s->name, "by_day") == 0 ?
				    k : (size_t)metric;
				const char *v = metric < 0 ? NULL :
				    s->rows[j].values[mk];

				vals[k][j] = v ? strtod(v, NULL) : 0;
			}
		}
		ch.labels = labels;
		ch.npoints = s->nrows;
		ch.title = s->title;
		if (strcmp(s->name, "by_day") == 0) {
			ch.lines = 1;
			ch.series[0] = "Recibidas";
			ch.series[1] = "Respondidas";
			ch.values[0] = vals[0];
			ch.values[1] = vals[1];
			ch.nseries = 2;
			rs_html_chart(b, &ch);
		} else {
			rs_html_table(b, s->title, cols, nc, cells, s->nrows);
			/* bars for the groups of a section: the backlog by
			 * age, the on-time rate by type, and the like */
			if (s->group_label && s->nrows > 1 && s->nrows <= 40 &&
			    metric >= 0 && strcmp(s->name, "overdue") &&
			    strcmp(s->name, "due_soon") &&
			    strcmp(s->name, "requests") &&
			    strcmp(s->name, "comments")) {
				ch.series[0] = s->metrics[metric].label;
				ch.values[0] = vals[0];
				ch.nseries = 1;
				ch.title = s->metrics[metric].label;
				rs_html_chart(b, &ch);
			}
		}
		free(labels);
		free(vals[0]);
		free(vals[1]);
		free(cols);
		free(cells);
	}
	foot = rs_buf_str(&rep->footing);
	rs_buf_add(&footer, foot, strcspn(foot, "\n"));
	if (*foot)
		rs_buf_adds(&footer, ". ");
	rs_buf_adds(&footer, "Generado por rs " RS_VERSION ".");
	rs_html_end(b, rs_buf_str(&footer));
	rs_buf_free(&footer);
}
