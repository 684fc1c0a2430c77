/*
 * multipart.c - a web form sent as multipart/form-data (RFC 7578), the
 * only way a browser sends files.  It is MIME, so GMime parses it: the
 * body behind its Content-Type header is a MIME entity like any other.
 * Foundation layer: knows nothing of requests.
 */
#include <gmime/gmime.h>

#include <stdlib.h>
#include <string.h>

#include "rs.h"

/* The decoded bytes of a leaf part, NUL-terminated. */
static char *
part_data(GMimePart *part, size_t *len)
{
	GMimeDataWrapper *content;
	GMimeStream *mem;
	GByteArray *bytes;
	char *data;

	*len = 0;
	mem = g_mime_stream_mem_new();
	if ((content = g_mime_part_get_content(part)) != NULL)
		g_mime_data_wrapper_write_to_stream(content, mem);
	bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	data = rs_malloc(bytes->len + 1);
	if (bytes->len > 0)
		memcpy(data, bytes->data, bytes->len);
	data[bytes->len] = '\0';
	*len = bytes->len;
	g_object_unref(mem);
	return data;
}

/* A file name as a browser sends it, made a plain name: no directory
 * (old browsers send the whole path), no control character. */
static char *
file_name(const char *s)
{
	const char *p;
	char *name, *q;

	if ((p = strrchr(s, '/')) != NULL)
		s = p + 1;
	if ((p = strrchr(s, '\\')) != NULL)
		s = p + 1;
	name = rs_strdup(s);
	for (q = name; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			*q = '_';
	if (*name == '\0' || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
	    rs_utf8_invalid(name, strlen(name)) != strlen(name)) {
		free(name);
		name = rs_strdup("adjunto");
	}
	return name;
}

/* One part: a field, or a file when it has a file name. */
static const char *
add_part(GMimeObject *o, size_t max_fields, size_t max_files,
    struct rs_form *f)
{
	GMimeContentDisposition *cd;
	const char *name, *filename;
	struct rs_attachment *a;
	char *data;
	size_t len;

	if (!GMIME_IS_PART(o))
		return "a part within a part";
	if ((cd = g_mime_object_get_content_disposition(o)) == NULL ||
	    g_ascii_strcasecmp(g_mime_content_disposition_get_disposition(cd),
	    "form-data") != 0 ||
	    (name = g_mime_content_disposition_get_parameter(cd, "name")) ==
	    NULL)
		return "a part without Content-Disposition: form-data; name";
	filename = g_mime_content_disposition_get_parameter(cd, "filename");
	data = part_data(GMIME_PART(o), &len);
	if (filename != NULL) {
		/* a file input left empty still sends a part */
		if (*filename == '\0' && len == 0) {
			free(data);
			return NULL;
		}
		if (f->nfiles >= max_files) {
			free(data);
			return "too many files";
		}
		f->files = rs_realloc(f->files,
		    (f->nfiles + 1) * sizeof(*f->files));
		a = &f->files[f->nfiles++];
		a->name = file_name(filename);
		/* what the browser claims is not trusted: the type is the
		 * one rs gives the name, as for the desk's files */
		a->type = rs_strdup(rs_document_type(a->name));
		a->data = data;
		a->len = len;
		return NULL;
	}
	if (f->n >= max_fields || strlen(name) > 64) {
		free(data);
		return "too many fields";
	}
	if (strlen(data) != len || rs_utf8_invalid(data, len) != len) {
		free(data);
		return "a field that is not UTF-8 text";
	}
	rs_form_add(f, rs_strdup(name), data);
	return NULL;
}

int
rs_form_multipart(const char *content_type, const char *body, size_t len,
    size_t max_fields, size_t max_files, struct rs_form *f,
    const char **err)
{
	static int ready;
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeObject *o;
	GMimeMultipart *mp;
	const char *boundary;
	int i, n, r = -1;

	*err = NULL;
	if (rs_header_check(content_type) != NULL) {
		*err = "a Content-Type that is not one header line";
		return -1;
	}
	if (!ready) {
		g_mime_init();
		ready = 1;
	}
	stream = g_mime_stream_mem_new();
	g_mime_stream_write_string(stream, "Content-Type: ");
	g_mime_stream_write_string(stream, content_type);
	g_mime_stream_write_string(stream, "\r\n\r\n");
	g_mime_stream_write(stream, body, len);
	g_mime_stream_seek(stream, 0, GMIME_STREAM_SEEK_SET);
	parser = g_mime_parser_new_with_stream(stream);
	o = g_mime_parser_construct_part(parser, NULL);
	g_object_unref(parser);
	g_object_unref(stream);
	if (o == NULL || !GMIME_IS_MULTIPART(o)) {
		*err = "not multipart/form-data";
		goto done;
	}
	mp = GMIME_MULTIPART(o);
	boundary = g_mime_multipart_get_boundary(mp);
	if (boundary == NULL || *boundary == '\0' ||
	    !g_mime_content_type_is_type(g_mime_object_get_content_type(o),
	    "multipart", "form-data")) {
		*err = "not multipart/form-data";
		goto done;
	}
	n = g_mime_multipart_get_count(mp);
	for (i = 0; i < n; i++)
		if ((*err = add_part(g_mime_multipart_get_part(mp, i),
		    max_fields, max_files, f)) != NULL)
			goto done;
	r = 0;
done:
	if (o != NULL)
		g_object_unref(o);
	return r;
}
