/*
 * report-mail.c - report layer: rs-report -o eml: the report's page
 * (report-out.c) with the table text beside it, as one
 * multipart/alternative message.  Apart from the other renderers
 * because composing the message needs GMime (mail.c): of the report's
 * objects, only rs-report links this one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rs.h"
#include "report.h"

void
rs_report_mail(struct rs_report *rep, FILE *fp, const char *sender,
    const char *to, const char *verb, rs_day day)
{
	struct rs_buf page = { 0 }, subject = { 0 }, msgid = { 0 };
	struct rs_message m = { 0 };
	const char *err;
	char *text = NULL, *msg, date[RS_DATE_LEN];
	size_t tlen = 0;
	FILE *mem;

	rs_report_html(rep, &page);
	/* the text as the table, the page beside it */
	if ((mem = open_memstream(&text, &tlen)) == NULL)
		rs_die(EX_SOFTWARE, "memory stream: %s", strerror(errno));
	rs_report_table(rep, mem);
	fclose(mem);
	rs_format_date(day, date);
	/* the heading's first line names the report and its day */
	rs_buf_add(&subject, rs_buf_str(&rep->heading),
	    strcspn(rs_buf_str(&rep->heading), "\n"));
	if (subject.len == 0)
		rs_buf_adds(&subject, verb);
	rs_buf_addf(&msgid, "report.%s.%s.%ld@%s", verb, date,
	    (long)getpid(), strchr(sender, '@') + 1);
	m.from = sender;
	m.from_name = rep->office;
	m.to = to;
	m.subject = rs_buf_str(&subject);
	m.message_id = rs_buf_str(&msgid);
	m.body = text;
	m.html = rs_buf_str(&page);
	m.date = rs_now();
	if ((msg = rs_message_compose(&m, &err)) == NULL)
		rs_die(EX_DATAERR, "eml: %s", err);
	fputs(msg, fp);
	free(msg);
	free(text);
	rs_buf_free(&page);
	rs_buf_free(&subject);
	rs_buf_free(&msgid);
}
