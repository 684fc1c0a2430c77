/*
 * pgschema.c - store: an office's schema on PostgreSQL, made at once at
 * version RS_PG_BASE_VERSION; the later steps will come in both dialects.
 *
 * An office is a PostgreSQL schema, first in search_path: every object
 * below is named unqualified, so the same text makes any office, and
 * each office has its own counter, chain, queue and settings.  The
 * tables are those db.c's migrations leave at version 8, with
 * SQLite's types spelled for PostgreSQL so that the same statements
 * read them: INTEGER is bigint, TEXT text, BLOB bytea, and a flag stays
 * an integer 0 or 1.  A seq INTEGER PRIMARY KEY given no value takes
 * SQLite's, the largest + 1, from a trigger (KEY below).
 *
 * The rows a new office starts with (settings, terms, topics, the
 * business days) are not here: rs_db_pg_create copies them from a file
 * made in memory by db.c's own steps, so that both stores start alike
 * from one source.
 *
 * Full-text search: requests_fts holds one tsvector a request, kept by
 * a trigger, in the configuration rs_search: the simple dictionary
 * (whole words, lower case, no stemming) after unaccent, and every run
 * of characters that are neither letters nor digits a separator, as
 * SQLite's tokenizer RS_FTS_TOKENIZER has it, so that both stores find
 * the same requests.  rs_search_words cuts a text so, rs_search_doc a
 * request's columns (kept apart, as FTS5's phrases are), and
 * rs_search_tokens what the operator typed (lib/search.c).  The
 * unaccent extension is the database's, in schema public, shared by the
 * offices (an extension is installed once a database); it is trusted,
 * so whoever may create in the database may create it, and the first
 * office made creates it.
 *
 * The functions of SQLite that lib/'s statements call and PostgreSQL
 * lacks are here as well, with SQLite's results for the forms lib/
 * uses them in (json_extract with a path of keys and indexes, ...).
 * They return text where SQLite's result type varies with the value,
 * and they live in the office's schema too, found by search_path.
 * json_valid(NULL) is NULL, as from SQLite 3.46 (0 before).
 *
 * The refusals are SQLite's triggers, and TRUNCATE is refused as well.
 * The version is the one row of schema_version.
 */
#include <stddef.h>

#include "rs.h"

/* The message of a refused change, as SQLite's RAISE(ABORT, ...) has it;
 * a trigger function reads it from the trigger's argument. */
#define REFUSE(table, when, msg) \
	"CREATE TRIGGER " table "_no_" when " BEFORE " when " ON " table \
	" FOR EACH ROW EXECUTE FUNCTION rs_refuse('" msg "')", \
	"CREATE TRIGGER " table "_no_truncate BEFORE TRUNCATE ON " table \
	" FOR EACH STATEMENT EXECUTE FUNCTION rs_refuse('" msg "')"

/* SQLite's key for a row given none: one past the largest, so that a
 * write rolled back leaves no gap (a sequence would keep its step), and
 * rs.last_id says which for rs_db_last_id.  Every write holds the
 * office's lock, so no two transactions take the same.  A key given,
 * for an office copied in, stays. */
#define KEY(table, col) \
	"CREATE FUNCTION rs_key_" table "() RETURNS trigger" \
	" LANGUAGE plpgsql SET search_path FROM CURRENT AS $$" \
	" BEGIN" \
	"  IF new." col " IS NULL THEN" \
	"   SELECT coalesce(max(" col "), 0) + 1 INTO new." col \
	"    FROM " table ";" \
	"  END IF;" \
	"  PERFORM set_config('rs.last_id', new." col "::text, true);" \
	"  RETURN new;" \
	" END" \
	" $$", \
	"CREATE TRIGGER " table "_key BEFORE INSERT ON " table \
	" FOR EACH ROW EXECUTE FUNCTION rs_key_" table "()"

const char *const rs_pg_base[] = {
	"CREATE TABLE schema_version ("
	"  version integer NOT NULL"
	")",
	/* one row */
	"CREATE UNIQUE INDEX schema_version_one ON schema_version ((true))",
	"INSERT INTO schema_version (version) VALUES ("
	    RS_STRING(RS_PG_BASE_VERSION) ")",

	/* ---- SQLite's functions, for the forms lib/ calls them in ---- */

	/* a JSON value as SQLite writes it back: no space between tokens,
	 * the keys in their order */
	"CREATE FUNCTION rs_json_min(j json) RETURNS text"
	" LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$"
	" BEGIN"
	"  RETURN CASE json_typeof(j)"
	"   WHEN 'object' THEN '{' || coalesce((SELECT string_agg("
	"     to_json(k)::text || ':' || rs_json_min(v), ',' ORDER BY i)"
	"     FROM json_each(j) WITH ORDINALITY AS e(k, v, i)), '') || '}'"
	"   WHEN 'array' THEN '[' || coalesce((SELECT string_agg("
	"     rs_json_min(v), ',' ORDER BY i)"
	"     FROM json_array_elements(j) WITH ORDINALITY AS e(v, i)), '')"
	"     || ']'"
	"   ELSE btrim(j::text, E' \\t\\r\\n') END;"
	" END"
	" $$",
	/* SQLite's path ($, .key, ."key", [n]) as PostgreSQL's text[];
	 * NULL for a path SQLite refuses */
	"CREATE FUNCTION rs_json_path(path text) RETURNS text[]"
	" LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$"
	" DECLARE"
	"  rest text := path;"
	"  m text[];"
	"  out text[] := '{}';"
	" BEGIN"
	"  IF left(rest, 1) <> '$' THEN RETURN NULL; END IF;"
	"  rest := substr(rest, 2);"
	"  WHILE rest <> '' LOOP"
	"   m := regexp_match(rest,"
	"     '^(?:\\.\"([^\"]*)\"|\\.([^.[]+)|\\[([0-9]+)\\])(.*)$');"
	"   IF m IS NULL THEN RETURN NULL; END IF;"
	"   out := out || coalesce(m[1], m[2], m[3]);"
	"   rest := m[4];"
	"  END LOOP;"
	"  RETURN out;"
	" END"
	" $$",
	/* a value as SQLite's json_each and json_extract give it: a string
	 * without its quotes, true and false as 1 and 0, a number as
	 * written (a real with SQLite's .0), a container as JSON, null as
	 * NULL */
	"CREATE FUNCTION rs_json_sql(v json) RETURNS text"
	" LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE"
	" SET search_path FROM CURRENT AS $$"
	" DECLARE"
	"  n text;"
	" BEGIN"
	"  CASE json_typeof(v)"
	"  WHEN 'string' THEN RETURN v #>> '{}';"
	"  WHEN 'boolean' THEN RETURN CASE WHEN v::text = 'true' THEN '1'"
	"    ELSE '0' END;"
	"  WHEN 'number' THEN"
	"   n := btrim(v::text, E' \\t\\r\\n');"
	"   IF n ~ '^-?[0-9]+$' THEN RETURN n; END IF;"
	"   n := (n::double precision)::text;"
	"   IF n ~ '^-?[0-9]+$' THEN RETURN n || '.0'; END IF;"
	"   RETURN n;"
	"  WHEN 'object', 'array' THEN RETURN rs_json_min(v);"
	"  ELSE RETURN NULL;"
	"  END CASE;"
	" END"
	" $$",
	/* the type SQLite's json_each and json_type name for a value */
	"CREATE FUNCTION rs_json_kind(v json) RETURNS text"
	" LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
	" RETURN CASE json_typeof(v)"
	"  WHEN 'string' THEN 'text'"
	"  WHEN 'boolean' THEN btrim(v::text, E' \\t\\r\\n')"
	"  WHEN 'number' THEN CASE WHEN btrim(v::text, E' \\t\\r\\n')"
	"    ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END"
	"  ELSE json_typeof(v) END",
	/* the JSON at path in doc, NULL when there is none; a path SQLite
	 * refuses is an error, as there */
	"CREATE FUNCTION rs_json_at(doc text, path text) RETURNS json"
	/* its helpers are the office's, whatever the caller's path */
	" LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE"
	" SET search_path FROM CURRENT AS $$"
	" DECLARE"
	"  p text[] := rs_json_path(path);"
	" BEGIN"
	"  IF p IS NULL THEN"
	"   RAISE EXCEPTION 'bad JSON path: %', path;"
	"  END IF;"
	"  RETURN doc::json #> p;"
	" END"
	" $$",
	/* the value at path, as rs_json_sql gives it */
	"CREATE FUNCTION json_extract(doc text, path text) RETURNS text"
	" LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
	" RETURN rs_json_sql(rs_json_at(doc, path))",
	/* the type SQLite names for the value at path, NULL when none */
	"CREATE FUNCTION json_type(doc text, path text) RETURNS text"
	" LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
	" RETURN rs_json_kind(rs_json_at(doc, path))",
	/* 1 for well-formed JSON, else 0 */
	"CREATE FUNCTION json_valid(doc text) RETURNS integer"
	" LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$"
	" BEGIN"
	"  PERFORM doc::json;"
	"  RETURN 1;"
	" EXCEPTION WHEN invalid_text_representation THEN"
	"  RETURN 0;"
	" END"
	" $$",
	/* ---- SQLite's json1, as lib/ calls it: text in, text out ---- */

	/* the members of the object or array at path (or the value there,
	 * alone, keyless), in their order, with SQLite's columns but id and
	 * parent; an array's keys are its indexes, as text */
	"CREATE FUNCTION json_each(doc text, path text)"
	" RETURNS TABLE (key text, value text, type text, atom text,"
	"  fullkey text, path text)"
	" LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
	" SET search_path FROM CURRENT AS $$"
	"  WITH r(j) AS (SELECT doc::json #> rs_json_path(json_each.path))"
	"  SELECT m.k, rs_json_sql(m.v), rs_json_kind(m.v),"
	"   CASE WHEN json_typeof(m.v) IN ('object', 'array') THEN NULL"
	"    ELSE rs_json_sql(m.v) END,"
	"   CASE WHEN m.a THEN json_each.path || '[' || m.k || ']'"
	"    WHEN m.k IS NULL THEN json_each.path"
	"    ELSE json_each.path || '.' || m.k END,"
	"   json_each.path"
	"  FROM (SELECT o.k, o.v, o.i, false AS a FROM r,"
	"    json_each(CASE WHEN json_typeof(r.j) = 'object' THEN r.j END)"
	"    WITH ORDINALITY AS o(k, v, i)"
	"   UNION ALL SELECT (e.i - 1)::text, e.v, e.i, true FROM r,"
	"    json_array_elements(CASE WHEN json_typeof(r.j) = 'array'"
	"    THEN r.j END) WITH ORDINALITY AS e(v, i)"
	"   UNION ALL SELECT NULL, r.j, 1, false FROM r"
	"    WHERE json_typeof(r.j) NOT IN ('object', 'array')) AS m"
	"  ORDER BY m.i"
	" $$",
	"CREATE FUNCTION json_each(doc text)"
	" RETURNS TABLE (key text, value text, type text, atom text,"
	"  fullkey text, path text)"
	" LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
	" SET search_path FROM CURRENT"
	" RETURN json_each(doc, '$')",
	/* the document minified, as SQLite writes JSON back */
	"CREATE FUNCTION json(doc text) RETURNS text"
	" LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
	" SET search_path FROM CURRENT"
	" RETURN rs_json_min(doc::json)",
	/* a string as a JSON string, NULL as null */
	"CREATE FUNCTION json_quote(v text) RETURNS text"
	" LANGUAGE sql IMMUTABLE PARALLEL SAFE"
	" RETURN coalesce(to_json(v)::text, 'null')",
	"CREATE FUNCTION json_quote(v bigint) RETURNS text"
	" LANGUAGE sql IMMUTABLE PARALLEL SAFE"
	" RETURN coalesce(v::text, 'null')",
	/* the elements of the array at path; 0 for another value, NULL
	 * for none */
	"CREATE FUNCTION json_array_length(doc text, path text) RETURNS bigint"
	" LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
	" SET search_path FROM CURRENT AS $$"
	"  SELECT CASE json_typeof(j) WHEN 'array' THEN json_array_length(j)"
	"   ELSE 0 END"
	"  FROM (SELECT doc::json #> rs_json_path(path)) AS r(j)"
	"  WHERE j IS NOT NULL"
	" $$",
	"CREATE FUNCTION json_array_length(doc text) RETURNS bigint"
	" LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
	" SET search_path FROM CURRENT"
	" RETURN json_array_length(doc, '$')",
	/* j with the value at path p (keys and indexes) replaced by v, or
	 * removed when v is NULL; a missing key is added last when v is
	 * given (SQLite's json_set), the members kept in their order */
	"CREATE FUNCTION rs_json_edit(j json, p text[], v json) RETURNS json"
	" LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE"
	" SET search_path FROM CURRENT AS $$"
	" DECLARE"
	"  out text;"
	" BEGIN"
	"  IF j IS NULL OR p IS NULL THEN RETURN j; END IF;"
	"  IF cardinality(p) = 0 THEN RETURN v; END IF;"
	"  IF json_typeof(j) = 'object' THEN"
	"   SELECT string_agg(to_json(k)::text || ':' || rs_json_min(w), ','"
	"     ORDER BY i) INTO out FROM (SELECT k, CASE WHEN k = p[1] THEN"
	"     rs_json_edit(w, p[2:], v) ELSE w END AS w, i"
	"     FROM json_each(j) WITH ORDINALITY AS e(k, w, i)) AS m"
	"    WHERE NOT (k = p[1] AND cardinality(p) = 1 AND v IS NULL);"
	"   IF cardinality(p) = 1 AND v IS NOT NULL AND NOT EXISTS (SELECT"
	"     FROM json_each(j) AS e(k, w) WHERE k = p[1]) THEN"
	"    out := concat_ws(',', out, to_json(p[1])::text || ':' ||"
	"      rs_json_min(v));"
	"   END IF;"
	"   RETURN ('{' || coalesce(out, '') || '}')::json;"
	"  ELSIF json_typeof(j) = 'array' AND p[1] ~ '^[0-9]+$' THEN"
	"   SELECT string_agg(rs_json_min(w), ',' ORDER BY i) INTO out"
	"    FROM (SELECT CASE WHEN i - 1 = p[1]::bigint THEN"
	"     rs_json_edit(w, p[2:], v) ELSE w END AS w, i"
	"     FROM json_array_elements(j) WITH ORDINALITY AS e(w, i)) AS m"
	"    WHERE NOT (i - 1 = p[1]::bigint AND cardinality(p) = 1"
	"     AND v IS NULL);"
	"   IF cardinality(p) = 1 AND v IS NOT NULL AND"
	"     p[1]::bigint = json_array_length(j) THEN"
	"    out := concat_ws(',', out, rs_json_min(v));"
	"   END IF;"
	"   RETURN ('[' || coalesce(out, '') || ']')::json;"
	"  END IF;"
	"  RETURN j;"
	" END"
	" $$",
	/* the document without the value at path, minified */
	"CREATE FUNCTION json_remove(doc text, path text) RETURNS text"
	" LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE"
	" SET search_path FROM CURRENT AS $$"
	" DECLARE"
	"  p text[] := rs_json_path(path);"
	" BEGIN"
	"  IF doc IS NULL THEN RETURN NULL; END IF;"
	"  IF path IS NOT NULL AND p IS NULL THEN"
	"   RAISE EXCEPTION 'bad JSON path: %', path;"
	"  END IF;"
	"  RETURN rs_json_min(rs_json_edit(doc::json, p, NULL));"
	" END"
	" $$",
	/* the document with the value at path set to a string (NULL: to
	 * null), or a number, minified */
	"CREATE FUNCTION rs_json_set(doc text, path text, v json) RETURNS text"
	" LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE"
	" SET search_path FROM CURRENT AS $$"
	" DECLARE"
	"  p text[] := rs_json_path(path);"
	" BEGIN"
	"  IF doc IS NULL THEN RETURN NULL; END IF;"
	"  IF p IS NULL THEN"
	"   RAISE EXCEPTION 'bad JSON path: %', path;"
	"  END IF;"
	"  RETURN rs_json_min(rs_json_edit(doc::json, p,"
	"    coalesce(v, 'null'::json)));"
	" END"
	" $$",
	"CREATE FUNCTION json_set(doc text, path text, v text) RETURNS text"
	" LANGUAGE sql IMMUTABLE PARALLEL SAFE"
	" SET search_path FROM CURRENT"
	" RETURN rs_json_set(doc, path, to_json(v))",
	"CREATE FUNCTION json_set(doc text, path text, v bigint) RETURNS text"
	" LANGUAGE sql IMMUTABLE PARALLEL SAFE"
	" SET search_path FROM CURRENT"
	" RETURN rs_json_set(doc, path, to_json(v))",
	/* where needle starts in s, from 1; 0 when it is not there */
	"CREATE FUNCTION instr(s text, needle text) RETURNS integer"
	" LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
	" RETURN strpos(s, needle)",
	/* SQLite's printf of one integer: %d, with a 0 flag and a width */
	"CREATE FUNCTION printf(fmt text, n bigint) RETURNS text"
	" LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$"
	" DECLARE"
	"  m text[] := regexp_match(fmt, '^([^%]*)%(0?)([0-9]*)d(.*)$');"
	"  s text;"
	" BEGIN"
	"  IF fmt IS NULL THEN RETURN NULL; END IF;"
	"  IF m IS NULL OR m[4] ~ '%' THEN"
	"   RAISE EXCEPTION 'printf: only one %%d here, not %', fmt;"
	"  END IF;"
	"  s := coalesce(n, 0)::text;"
	"  IF m[3] <> '' AND length(s) < m[3]::integer THEN"
	"   IF m[2] = '0' AND n < 0 THEN"
	"    s := '-' || lpad(substr(s, 2), m[3]::integer - 1, '0');"
	"   ELSE"
	"    s := lpad(s, m[3]::integer, CASE m[2] WHEN '0' THEN '0'"
	"      ELSE ' ' END);"
	"   END IF;"
	"  END IF;"
	"  RETURN m[1] || s || m[4];"
	" END"
	" $$",
	/* strftime('%s', t): the seconds since 1970 of a time as SQLite
	 * reads one (a date, a time to the minute or the second, with
	 * fractions, T or a space, a Z or an offset; else UTC); NULL for
	 * what it cannot read */
	"CREATE FUNCTION strftime(fmt text, t text) RETURNS text"
	" LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$"
	" BEGIN"
	"  IF fmt <> '%s' THEN"
	"   RAISE EXCEPTION 'strftime: only %%s here, not %', fmt;"
	"  END IF;"
	"  IF t !~ ('^[0-9]{4}-[0-9]{2}-[0-9]{2}"
	"([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?"
	"([Zz]|[-+][0-9]{2}:[0-9]{2})?)?$') THEN"
	"   RETURN NULL;"
	"  END IF;"
	"  RETURN floor(extract(epoch FROM CASE"
	"   WHEN t ~ '([Zz]|[-+][0-9]{2}:[0-9]{2})$'"
	"   THEN regexp_replace(t, '[Zz]$', '+00:00')::timestamptz"
	"   ELSE t::timestamp AT TIME ZONE 'UTC' END))::bigint::text;"
	" EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format"
	"  THEN RETURN NULL;"
	" END"
	" $$",
	/* the storage class SQLite would name */
	"CREATE FUNCTION typeof(v anyelement) RETURNS text"
	" LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$"
	"  SELECT CASE WHEN v IS NULL THEN 'null'"
	"   ELSE CASE pg_typeof(v)"
	"    WHEN 'bigint'::regtype THEN 'integer'"
	"    WHEN 'integer'::regtype THEN 'integer'"
	"    WHEN 'smallint'::regtype THEN 'integer'"
	"    WHEN 'double precision'::regtype THEN 'real'"
	"    WHEN 'real'::regtype THEN 'real'"
	"    WHEN 'numeric'::regtype THEN 'real'"
	"    WHEN 'bytea'::regtype THEN 'blob'"
	"    ELSE 'text' END END"
	" $$",

	/* ... and of a literal: a string, or NULL */
	"CREATE FUNCTION typeof(v text) RETURNS text"
	" LANGUAGE sql IMMUTABLE PARALLEL SAFE"
	" RETURN CASE WHEN v IS NULL THEN 'null' ELSE 'text' END",

	/* SQLite's hex: the bytes (of a string, its UTF-8) in upper-case
	 * hexadecimal; '' for NULL */
	"CREATE FUNCTION hex(v bytea) RETURNS text"
	" LANGUAGE sql IMMUTABLE PARALLEL SAFE"
	" RETURN upper(encode(coalesce(v, ''::bytea), 'hex'))",
	"CREATE FUNCTION hex(v text) RETURNS text"
	" LANGUAGE sql IMMUTABLE PARALLEL SAFE"
	" RETURN upper(encode(convert_to(coalesce(v, ''), 'UTF8'), 'hex'))",
	/* SQLite's quote: a string between single quotes, its quotes
	 * doubled (no E'' for a backslash, as quote_literal has); a number
	 * as written; a blob as X'..'; NULL as the word */
	"CREATE FUNCTION quote(v text) RETURNS text"
	" LANGUAGE sql IMMUTABLE PARALLEL SAFE"
	" RETURN CASE WHEN v IS NULL THEN 'NULL'"
	"  ELSE '''' || replace(v, '''', '''''') || '''' END",
	"CREATE FUNCTION quote(v bigint) RETURNS text"
	" LANGUAGE sql IMMUTABLE PARALLEL SAFE"
	" RETURN coalesce(v::text, 'NULL')",
	"CREATE FUNCTION quote(v bytea) RETURNS text"
	" LANGUAGE sql IMMUTABLE PARALLEL SAFE"
	" RETURN CASE WHEN v IS NULL THEN 'NULL'"
	"  ELSE 'X''' || upper(encode(v, 'hex')) || '''' END",

	/* SQLite's group_concat(x) and group_concat(x, sep): the values
	 * not NULL joined by sep (a comma when none is given) */
	"CREATE FUNCTION rs_group_concat(acc text, v text, sep text)"
	" RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE"
	" RETURN CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v"
	"  ELSE acc || coalesce(sep, '') || v END",
	"CREATE FUNCTION rs_group_concat(acc text, v text) RETURNS text"
	" LANGUAGE sql IMMUTABLE PARALLEL SAFE"
	" RETURN rs_group_concat(acc, v, ',')",
	"CREATE AGGREGATE group_concat(text, text)"
	" (SFUNC = rs_group_concat, STYPE = text)",
	"CREATE AGGREGATE group_concat(text)"
	" (SFUNC = rs_group_concat, STYPE = text)",

	/* ---- the refusals: a radicado, an event, a document stays ---- */
	"CREATE FUNCTION rs_refuse() RETURNS trigger"
	" LANGUAGE plpgsql AS $$"
	" BEGIN"
	"  RAISE EXCEPTION '%', TG_ARGV[0];"
	" END"
	" $$",

	/* ---- the tables, as at version 8 ---- */
	"CREATE TABLE settings ("
	"  key text PRIMARY KEY,"
	"  value text NOT NULL"
	")",
	"CREATE TABLE topics ("
	"  topic text PRIMARY KEY,"
	"  team text NOT NULL,"
	"  description text NOT NULL"
	")",
	"CREATE TABLE closures ("
	"  day text PRIMARY KEY,"
	"  reason text NOT NULL,"
	"  added_at text"
	")",
	"CREATE TABLE counters ("
	"  year bigint PRIMARY KEY,"
	"  last bigint NOT NULL"
	")",
	"CREATE TABLE requests ("
	"  seq bigint PRIMARY KEY,"
	"  id text NOT NULL UNIQUE,"
	"  received_at text NOT NULL,"
	"  received_ts bigint NOT NULL,"
	"  effective_on text NOT NULL,"
	"  cutoff text NOT NULL DEFAULT '16:00',"
	"  due_on text,"
	"  term_days bigint,"
	"  channel text NOT NULL,"
	"  type text NOT NULL,"
	"  topic text,"
	"  team text,"
	"  priority bigint NOT NULL DEFAULT 0"
	"    CHECK (priority = 0 OR priority = 1 OR priority = 2),"
	"  preferential text,"
	"  name text NOT NULL,"
	"  salutation text,"
	"  id_number text,"
	"  email text,"
	"  phone text,"
	"  office text,"
	"  requester_kind text,"
	"  subject text,"
	"  description text,"
	"  external_ref text,"
	"  status text NOT NULL DEFAULT 'radicada' CHECK ("
	"    status = 'radicada' OR status = 'asignada' OR"
	"    status = 'en_espera' OR status = 'respondida' OR"
	"    status = 'cerrada' OR status = 'trasladada' OR"
	"    status = 'desistida' OR status = 'anulada'),"
	"  assignee text,"
	"  held_on text,"
	"  hold_limit text,"
	"  extended_to text,"
	"  extended_days bigint,"
	"  answered_at text,"
	"  outcome text,"
	"  forwarded_to text,"
	"  closed_at text,"
	"  rating bigint CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),"
	"  address text,"
	"  anonymous bigint NOT NULL DEFAULT 0"
	"    CHECK (anonymous = 0 OR anonymous = 1),"
	"  representative_name text,"
	"  representative_id_number text,"
	"  representative_email text,"
	"  representative_phone text,"
	"  priority_reason text"
	")",
	"CREATE UNIQUE INDEX requests_external_ref ON requests (external_ref)"
	"  WHERE external_ref IS NOT NULL",
	"CREATE INDEX requests_queue ON requests (priority DESC, received_ts, seq)"
	"  WHERE " RS_OPEN_SQL,
	"CREATE INDEX requests_received ON requests (received_ts)",
	"CREATE INDEX requests_answered ON requests (answered_at)"
	"  WHERE answered_at IS NOT NULL",
	"CREATE INDEX requests_waiting ON requests (" RS_ATTENTION_ORDER ")"
	"  WHERE " RS_WAITING_SQL,
	REFUSE("requests", "delete", "requests are never deleted"),
	"CREATE TABLE events ("
	"  seq bigint PRIMARY KEY,"
	"  request bigint NOT NULL,"
	"  at text NOT NULL,"
	"  actor text NOT NULL,"
	"  kind text NOT NULL,"
	"  details text,"
	"  due_on text,"
	"  prev_hash bytea NOT NULL,"
	"  hash bytea NOT NULL,"
	"  written_at text,"
	"  time_reason text"
	")",
	"CREATE INDEX events_request ON events (request, seq)",
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
	" FOR EACH ROW EXECUTE FUNCTION rs_refuse('events are append-only')",
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
	" FOR EACH ROW EXECUTE FUNCTION rs_refuse('events are append-only')",
	"CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events"
	" FOR EACH STATEMENT EXECUTE FUNCTION"
	" rs_refuse('events are append-only')",
	"CREATE TABLE chain ("
	"  id bigint PRIMARY KEY CHECK (id = 1),"
	"  events bigint NOT NULL,"
	"  head bytea NOT NULL"
	")",
	"CREATE TABLE notices ("
	"  seq bigint PRIMARY KEY,"
	"  request bigint NOT NULL,"
	"  kind text NOT NULL,"
	"  recipient text NOT NULL,"
	"  message_id text NOT NULL,"
	"  via text NOT NULL,"
	"  sent_at text NOT NULL,"
	"  sent_by text NOT NULL,"
	"  state text NOT NULL DEFAULT 'sent'"
	"    CHECK (state = 'sent' OR state = 'failed'),"
	"  failed_at text,"
	"  failure text,"
	"  envelope text,"
	"  accessed_at text"
	")",
	"CREATE INDEX notices_request ON notices (request, kind)",
	"CREATE INDEX notices_message_id ON notices (message_id)",
	"CREATE INDEX notices_failed ON notices (request)"
	"  WHERE state = 'failed'",
	"CREATE TABLE business_days ("
	"  day text PRIMARY KEY,"
	"  business bigint NOT NULL,"
	"  rank bigint NOT NULL,"
	"  holiday text,"
	"  closure text"
	")",
	"CREATE TABLE blobs ("
	"  hash text PRIMARY KEY,"
	"  size bigint NOT NULL,"
	"  data bytea,"
	"  purged_at text"
	")",
	"CREATE TABLE documents ("
	"  seq bigint PRIMARY KEY,"
	"  request bigint NOT NULL,"
	"  event bigint NOT NULL,"
	"  role text NOT NULL CHECK (role = 'message' OR"
	"    role = 'attachment' OR role = 'desk' OR role = 'answer'),"
	"  name text NOT NULL,"
	"  type text NOT NULL,"
	"  size bigint NOT NULL,"
	"  hash text NOT NULL REFERENCES blobs (hash),"
	"  added_at text NOT NULL,"
	"  message_id text"
	")",
	"CREATE INDEX documents_request ON documents (request, seq)",
	REFUSE("documents", "delete", "documents are never deleted"),
	"CREATE TABLE mail_seen ("
	"  message_id text PRIMARY KEY,"
	"  decision text NOT NULL,"
	"  request bigint,"
	"  inbox bigint"
	")",
	"CREATE TABLE inbox ("
	"  seq bigint PRIMARY KEY,"
	"  received_at text NOT NULL,"
	"  from_addr text NOT NULL,"
	"  from_name text,"
	"  subject text,"
	"  message_id text,"
	"  reason text NOT NULL,"
	"  request bigint,"
	"  hash text NOT NULL REFERENCES blobs (hash),"
	"  letter text NOT NULL,"
	"  state text NOT NULL DEFAULT 'pendiente' CHECK ("
	"    state = 'pendiente' OR state = 'adjuntado' OR"
	"    state = 'radicado' OR state = 'descartado'),"
	"  decided_at text,"
	"  decided_by text,"
	"  decision text"
	")",
	"CREATE INDEX inbox_pending ON inbox (seq) WHERE state = 'pendiente'",
	"CREATE TABLE terms ("
	"  type text NOT NULL,"
	"  valid_from text NOT NULL,"
	"  valid_until text CHECK (valid_until IS NULL OR"
	"    valid_until >= valid_from),"
	"  days bigint CHECK (days IS NULL OR days BETWEEN 1 AND 365),"
	"  law text,"
	"  description text NOT NULL,"
	/* SQLite's rowid, the order the types were added in, which the
	 * lists follow */
	"  rowid bigint NOT NULL UNIQUE,"
	"  PRIMARY KEY (type, valid_from)"
	")",
	"CREATE UNIQUE INDEX terms_in_force ON terms (type)"
	"  WHERE valid_until IS NULL",
	"CREATE TABLE saturdays ("
	"  from_day text PRIMARY KEY,"
	"  open bigint NOT NULL CHECK (open IN (0, 1)),"
	"  set_at text"
	")",
	"CREATE TABLE links ("
	"  request bigint NOT NULL,"
	"  other bigint NOT NULL,"
	"  kind text NOT NULL CHECK (kind = 'duplicate' OR kind = 'merged'"
	"    OR kind = 'identical'),"
	"  linked_at text NOT NULL,"
	"  actor text NOT NULL,"
	"  PRIMARY KEY (request, other),"
	"  CHECK (request <> other)"
	")",
	"CREATE INDEX links_other ON links (other)",
	"CREATE TABLE users ("
	"  login text PRIMARY KEY,"
	"  name text NOT NULL,"
	"  email text,"
	"  team text,"
	"  coordinator bigint NOT NULL DEFAULT 0"
	"    CHECK (coordinator = 0 OR coordinator = 1),"
	"  active bigint NOT NULL DEFAULT 1 CHECK (active = 0 OR active = 1)"
	")",
	"CREATE TABLE event_data ("
	"  event bigint PRIMARY KEY,"
	"  request bigint NOT NULL,"
	"  data text NOT NULL"
	")",
	"CREATE INDEX event_data_request ON event_data (request)",
	"CREATE TABLE access_codes ("
	"  request bigint NOT NULL,"
	"  hash text NOT NULL,"
	"  given text NOT NULL,"
	"  made_at text NOT NULL,"
	/* SQLite's rowid, which the audit names a code by */
	"  rowid bigint PRIMARY KEY"
	")",
	"CREATE INDEX access_codes_request ON access_codes (request)",
	"CREATE TABLE web_hits ("
	"  address text NOT NULL,"
	"  hour bigint NOT NULL,"
	"  hits bigint NOT NULL,"
	"  PRIMARY KEY (address, hour)"
	")",

	/* ---- the keys of rows inserted ---- */
	KEY("requests", "seq"),
	KEY("events", "seq"),
	KEY("notices", "seq"),
	KEY("documents", "seq"),
	KEY("inbox", "seq"),
	KEY("terms", "rowid"),
	KEY("access_codes", "rowid"),

	/* ---- finding a caller without a radicado ---- */
	"CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public",
	"CREATE TEXT SEARCH CONFIGURATION rs_search (COPY = pg_catalog.simple)",
	"ALTER TEXT SEARCH CONFIGURATION rs_search ALTER MAPPING FOR"
	"  asciiword, asciihword, hword_asciipart, word, hword, hword_part,"
	"  numword, numhword, hword_numpart"
	"  WITH public.unaccent, pg_catalog.simple",
	"CREATE TABLE requests_fts ("
	"  seq bigint PRIMARY KEY,"
	"  doc tsvector NOT NULL"
	")",
	"CREATE INDEX requests_fts_doc ON requests_fts USING gin (doc)",
	/* the words of a text as the tokenizer RS_FTS_TOKENIZER cuts
	 * them; a function of SQL's standard form, so that the
	 * configuration is the office's whatever the caller's search_path */
	"CREATE FUNCTION rs_search_words(t text) RETURNS tsvector"
	" LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
	" RETURN to_tsvector('rs_search',"
	"  regexp_replace(t, '[^[:alnum:]]+', ' ', 'g'))",
	/* a request's words as the FTS5 columns have them: a phrase
	 * matches within one column, so a lexeme no word can begin (a
	 * space) stands between two columns, as FTS5 keeps them apart */
	"CREATE FUNCTION rs_search_doc(r requests) RETURNS tsvector"
	" LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE"
	" SET search_path FROM CURRENT AS $$"
	" DECLARE"
	"  d tsvector := '';"
	"  c text;"
	" BEGIN"
	"  FOREACH c IN ARRAY ARRAY[r.name, r.representative_name,"
	"    r.id_number, r.email, r.phone, r.subject, r.description] LOOP"
	"   d := d || ''' '':1'::tsvector || coalesce(rs_search_words(c), '');"
	"  END LOOP;"
	"  RETURN d;"
	" END"
	" $$",
	/* the words of what the operator typed, as the index has them,
	 * in the order typed, between spaces; NULL when it has none
	 * (rs_search_new) */
	"CREATE FUNCTION rs_search_tokens(t text) RETURNS text"
	" LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
	" RETURN (SELECT string_agg(w.lexeme, ' ' ORDER BY p)"
	"  FROM unnest(rs_search_words(t)) AS w, unnest(w.positions) AS p)",
	/* whether the digits of v end with d: the digits stop at a letter
	 * after them, so that an extension ("ext. 1234") is not the end
	 * of a phone (lib/search.c's function of the same name) */
	"CREATE FUNCTION rs_digits_end(v text, d text) RETURNS integer"
	" LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$"
	" DECLARE"
	"  n text := left(regexp_replace(coalesce("
	"    substring(v FROM '[0-9][^A-Za-z]*'), ''), '[^0-9]', '', 'g'), 64);"
	" BEGIN"
	"  RETURN CASE WHEN d <> '' AND length(d) <= length(n)"
	"   AND right(n, length(d)) = d THEN 1 ELSE 0 END;"
	" END"
	" $$",
	/* the office's own requests_fts, whatever the search_path of the
	 * session that writes a request */
	"CREATE FUNCTION rs_requests_fts() RETURNS trigger"
	" LANGUAGE plpgsql SET search_path FROM CURRENT AS $$"
	" BEGIN"
	"  INSERT INTO requests_fts (seq, doc) VALUES (new.seq,"
	"   rs_search_doc(new))"
	"   ON CONFLICT (seq) DO UPDATE SET doc = excluded.doc;"
	"  RETURN NULL;"
	" END"
	" $$",
	"CREATE TRIGGER requests_fts_insert AFTER INSERT ON requests"
	" FOR EACH ROW EXECUTE FUNCTION rs_requests_fts()",
	"CREATE TRIGGER requests_fts_update AFTER UPDATE OF name,"
	"  representative_name, id_number, email, phone, subject, description"
	"  ON requests FOR EACH ROW EXECUTE FUNCTION rs_requests_fts()",

	/* ---- the documented views, as at version 8 ---- */
	"CREATE VIEW v_requests AS SELECT"
	"  r.id, r.status, r.received_at,"
	"  substr(r.received_at, 1, 10) AS received_on,"
	"  r.effective_on, r.due_on, r.term_days, r.channel, r.type,"
	"  r.topic, r.team, r.priority, r.preferential, r.requester_kind,"
	"  r.assignee, r.hold_limit, r.extended_to, r.forwarded_to,"
	"  substr(r.answered_at, 1, 10) AS answered_on, r.outcome,"
	"  substr(r.closed_at, 1, 10) AS closed_on, r.rating,"
	"  CASE WHEN r.answered_at IS NOT NULL THEN"
	"    a.rank - e.rank END AS business_days_taken,"
	"  CASE WHEN r.answered_at IS NULL OR r.due_on IS NULL THEN NULL"
	"    WHEN substr(r.answered_at, 1, 10) <= r.due_on THEN 1"
	"    ELSE 0 END AS on_time,"
	"  CASE WHEN r.status IN ('radicada', 'asignada', 'en_espera')"
	"    THEN 1 ELSE 0 END AS open,"
	"  (SELECT substr(min(n.sent_at), 1, 10) FROM notices n"
	"    WHERE n.request = r.seq AND n.kind = 'respuesta'"
	"    AND n.state = 'sent' AND n.via <> 'print') AS notified_on,"
	/* RS_ANSWER_RETURNED_SQL, its min() of a comparison spelled out */
	"  CASE WHEN (SELECT min(CASE WHEN n.state = 'failed' THEN 1 ELSE 0"
	"    END) FROM notices n WHERE n.request = r.seq"
	"    AND n.kind = 'respuesta') = 1 THEN 1 ELSE 0 END"
	"    AS answer_returned,"
	"  (SELECT substr(min(n.accessed_at), 1, 10) FROM notices n"
	"    WHERE n.request = r.seq AND n.kind = 'respuesta') AS answer_read_on"
	" FROM requests r"
	" LEFT JOIN business_days e ON e.day = r.effective_on"
	" LEFT JOIN business_days a ON a.day = substr(r.answered_at, 1, 10)",
	"CREATE VIEW v_events AS SELECT"
	"  e.seq, r.id, e.at, substr(e.at, 1, 10) AS on_day, e.actor, e.kind,"
	"  e.due_on, json_extract(e.details, '$.outcome') AS outcome,"
	"  json_extract(e.details, '$.as') AS closed_as,"
	"  json_extract(e.details, '$.late') AS late,"
	"  json_extract(e.details, '$.rating') AS rating,"
	"  json_extract(e.details, '$.kind') AS notice_kind"
	" FROM events e JOIN requests r ON r.seq = e.request",
	"CREATE VIEW v_notices AS SELECT"
	"  n.seq, r.id, n.kind, n.via, n.sent_at,"
	"  substr(n.sent_at, 1, 10) AS sent_on, n.state, n.failed_at,"
	"  n.accessed_at"
	" FROM notices n JOIN requests r ON r.seq = n.request",
	/* lib/export.c's pseudonym, as its SQLite function makes it: the
	 * value's spaces and tabs folded to one space and its ASCII
	 * capitals lowered, "persona-" and the first 10 hex digits of
	 * SHA-256 over the salt, the byte length, a colon and the value */
	"CREATE FUNCTION rs_pseudonym(v text, kind text) RETURNS text"
	" LANGUAGE sql STABLE PARALLEL SAFE"
	" RETURN CASE WHEN v IS NULL THEN NULL ELSE 'persona-' ||"
	"  (SELECT substr(encode(sha256(convert_to("
	"    (SELECT s.value FROM settings s WHERE s.key = 'anonymize_salt')"
	"    || octet_length(convert_to(f.v, 'UTF8')) || ':' || f.v,"
	"    'UTF8')), 'hex'), 1, 10)"
	"   FROM (SELECT translate(regexp_replace(btrim(v, ' \t'),"
	"    '[ \t]+', ' ', 'g'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',"
	"    'abcdefghijklmnopqrstuvwxyz') AS v) f) ||"
	"  CASE WHEN kind = 'email' THEN '@anonimo.invalid' ELSE '' END END",
	NULL
};
