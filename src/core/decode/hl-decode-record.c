/* hl-decode-record.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-decode"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hl-decode-private.h"
#include "hl-names.h"

/*
 * Records: the 5-byte record header, ChangeCipherSpec, alerts and
 * application data (an HTTP/1.x message split into its lines).
 */

/* Fills @draft with the header at @data (and the fragment after it), and
 * names it. */
static void
decode_record_header (HlField      *draft,
                      const guint8 *data,
                      gsize         len)
{
  g_autofree char *summary = NULL;
  HlReader r = { data, 0, 0, len };
  guint type = 0;
  guint version = 0;
  guint length = 0;
  gsize i;

  if (hl_reader_take (&r, draft, 1, _("the content type"), &i))
    {
      g_autofree char *text = hl_decode_named (hl_content_type_name (data[i]), data[i]);

      type = data[i];
      hl_field_add (draft, "record.content_type", _("Content type"), text, 0, 1);
    }

  if (hl_reader_take (&r, draft, 2, _("the record version"), &i))
    {
      g_autofree char *text = NULL;

      version = hl_decode_be (data + i, 2);
      text = hl_decode_version_text (version);
      hl_field_add (draft, "record.version", _("Version"), text, 1, 2);
    }

  if (hl_reader_take (&r, draft, 2, _("the record length"), &i))
    {
      const char *type_name = hl_content_type_name (type);
      const char *version_str = hl_decode_version_name (version);

      /* Every record has one: its texts are put together without printf. */
      char digits[HL_TEXT_DECIMAL_SIZE];
      g_autofree char *bytes = NULL;
      g_autofree char *version_hex = NULL;

      length = hl_decode_be (data + i, 2);
      hl_field_add (draft, "record.length", _("Length"), hl_text_decimal (length, digits), 3, 2);
      /* RFC 5246 §6.2.3: a protected fragment grows by at most 2048 bytes */
      if (length > 16384 + 2048)
        hl_decode_add_error (draft, 3, 2, _("a record holds at most 18432 bytes (2^14 + 2048), this one says %u"), length);

      bytes = hl_decode_bytes_text (length);
      if (version_str == NULL)
        version_str = version_hex = g_strdup_printf ("0x%04X", version);
      summary = g_strconcat (type_name ? type_name : "?", ", ", version_str, ", ", bytes, NULL);

      if (hl_reader_left (&r) > 0)
        {
          gsize avail = hl_reader_left (&r);
          g_autofree char *cut = length > avail ? hl_decode_bytes_text (avail) : NULL;

          hl_field_add (draft, "record.fragment", _("Fragment"), cut ? cut : bytes, 5, MIN (length, avail));
          if (length > avail)
            hl_decode_add_error (draft, 5, avail, _("truncated: the record says %u bytes, %lu follow the header"),
                                 length, (gulong)avail);
          r.pos += MIN (length, avail);
          hl_reader_finish (&r, draft, _("the record"));
        }
    }

  hl_field_set_contents (draft, len > 5 ? _("Record") : _("Record header"), summary, 0, len);
}

HlField *
hl_decode_record_header (const guint8 *data,
                         gsize         len)
{
  HlField *root;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  root = hl_decode_draft_root (len > HL_DECODE_RECORD_HEADER_LEN ? "record" : "record.header");
  decode_record_header (root, data, len);

  return root;
}

void
hl_decode_prepend_record_header (HlField      *fields,
                                 const guint8 *header)
{
  HlField *decoded;
  gsize length;

  g_return_if_fail (fields != NULL);
  g_return_if_fail (header != NULL);
  g_return_if_fail (hl_field_get_offset (fields) == 0);

  decoded = hl_decode_draft_new (fields, "record.header");
  decode_record_header (decoded, header, HL_DECODE_RECORD_HEADER_LEN);
  length = hl_field_get_length (fields);

  hl_field_move (fields, HL_DECODE_RECORD_HEADER_LEN);
  hl_field_set_contents (fields, hl_field_get_name (fields), hl_field_get_value (fields), 0,
                         HL_DECODE_RECORD_HEADER_LEN + length);
  hl_field_prepend (fields, decoded);
}

HlField *
hl_decode_change_cipher_spec (const guint8 *data,
                              gsize         len)
{
  g_autoptr(HlField) draft = NULL;
  HlReader r = { data, 0, 0, len };
  gsize i;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  draft = hl_decode_draft_root ("ccs");
  if (hl_reader_take (&r, draft, 1, _("the ChangeCipherSpec type"), &i))
    {
      g_autofree char *text = hl_decode_named (data[0] == 1 ? "change_cipher_spec" : NULL, data[0]);

      hl_field_add (draft, "ccs.type", _("Type"), text, 0, 1);
      if (data[0] != 1)
        hl_decode_add_error (draft, 0, 1, _("a ChangeCipherSpec is the single byte 1, this is %u"), data[0]);
      hl_reader_finish (&r, draft, _("the ChangeCipherSpec byte"));
    }

  return hl_decode_draft_commit (draft, "ChangeCipherSpec",
                                 _("from the next record on, this side encrypts with the new keys"), 0, len);
}

HlField *
hl_decode_alert (const guint8 *data,
                 gsize         len)
{
  g_autoptr(HlField) draft = NULL;
  g_autofree char *summary = NULL;
  HlReader r = { data, 0, 0, len };
  const char *level_name = NULL;
  gsize i;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  draft = hl_decode_draft_root ("alert");
  if (hl_reader_take (&r, draft, 1, _("the alert level"), &i))
    {
      g_autofree char *text = NULL;

      level_name = data[0] == 1 ? "warning" : data[0] == 2 ? "fatal" : NULL;
      text = hl_decode_named (level_name, data[0]);
      hl_field_add (draft, "alert.level", _("Level"), text, 0, 1);
    }

  if (hl_reader_take (&r, draft, 1, _("the alert description"), &i))
    {
      const char *description = hl_alert_name (data[1]);
      g_autofree char *text = hl_decode_named (description, data[1]);

      hl_field_add (draft, "alert.description", _("Description"), text, 1, 1);
      summary = g_strdup_printf ("%s: %s", level_name ? level_name : "?", description ? description : text);
      hl_reader_finish (&r, draft, _("the alert"));
    }

  return hl_decode_draft_commit (draft, _("Alert"), summary, 0, len);
}

static gboolean
is_text (const guint8 *p,
         gsize         n)
{
  const char *s = (const char *)p;
  const char *end;

  if (n == 0 || !g_utf8_validate (s, n, NULL))
    return FALSE;

  end = s + n;

  for (; s < end; s = g_utf8_next_char (s))
    {
      gunichar c = g_utf8_get_char (s);

      if (!g_unichar_isprint (c) && c != '\r' && c != '\n' && c != '\t')
        return FALSE;
    }

  return TRUE;
}

/* "GET / HTTP/1.1" or "HTTP/1.1 200 OK" (RFC 9112 §3, §4).  A request
 * starts with a method RFC 9110 §9 (or RFC 5789) defines: the rest of a
 * request that TLS 1.0's 1/n-1 split sent after its first byte, "ET /
 * HTTP/1.1", is no request line. */
static const char *
http_start_line (const char *line,
                 gsize       n)
{
  static const char * const methods[] = {
    "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
  };
  gsize method = 0;
  const char *last_space;
  gboolean known = FALSE;

  if (n >= 5 && memcmp (line, "HTTP/", 5) == 0)
    return _("Status line");

  while (method < n && g_ascii_isupper (line[method]))
    method++;
  if (method == 0 || method >= n || line[method] != ' ')
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (methods); i++)
    known |= strlen (methods[i]) == method && memcmp (line, methods[i], method) == 0;
  if (!known)
    return NULL;

  last_space = g_strrstr_len (line, n, " ");
  if (last_space == NULL || last_space == line + method ||
      (gsize)(line + n - last_space) < 6 || memcmp (last_space + 1, "HTTP/", 5) != 0)
    return NULL;

  return _("Request line");
}

/* Splits HTTP/1.x text into start line, header lines and body. */
static gboolean
add_http (HlField      *parent,
          const guint8 *p,
          gsize         n)
{
  const char *text = (const char *)p;
  gboolean in_header = TRUE;
  gsize pos = 0;

  while (pos < n)
    {
      const char *newline = memchr (text + pos, '\n', n - pos);
      gsize next = newline ? (gsize)(newline - text) + 1 : n;
      gsize line_len = (newline ? (gsize)(newline - text) : n) - pos;
      const char *line = text + pos;
      g_autofree char *value = NULL;

      if (newline != NULL && line_len > 0 && line[line_len - 1] == '\r')
        line_len--;

      if (pos == 0)
        {
          const char *name = http_start_line (line, line_len);

          if (name == NULL)
            return FALSE;
          value = hl_decode_escape (line, line_len);
          hl_field_add (parent, "http.start_line", name, value, pos, next - pos);
        }
      else if (!in_header)
        {
          g_autofree char *body = g_strndup (text + pos, n - pos);

          hl_field_add (parent, "http.body", _("Body"), body, pos, n - pos);
          next = n;
        }
      else if (line_len == 0)
        {
          hl_field_add (parent, "http.end_of_header", _("End of header"), _("an empty line"), pos, next - pos);
          in_header = FALSE;
        }
      else
        {
          const char *colon = memchr (line, ':', line_len);
          gsize name_len = colon ? (gsize)(colon - line) : 0;

          if (name_len > 0 && name_len < 64)
            {
              g_autofree char *header_name = hl_decode_escape (line, name_len);
              const char *v = colon + 1;

              while (v < line + line_len && (*v == ' ' || *v == '\t'))
                v++;
              value = hl_decode_escape (v, line + line_len - v);
              hl_field_add (parent, "http.header", header_name, value, pos, next - pos);
            }
          else
            {
              value = hl_decode_escape (line, line_len);
              hl_field_add (parent, "http.header_line", _("Header line"), value, pos, next - pos);
            }
        }

      pos = next;
    }

  return TRUE;
}

HlField *
hl_decode_application_data (const guint8 *data,
                            gsize         len)
{
  g_autoptr(HlField) draft = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  draft = hl_decode_draft_root ("app");
  summary = hl_decode_bytes_text (len);

  if (is_text (data, len))
    {
      g_autofree char *text = g_strndup ((const char *)data, len);
      HlField *http = hl_decode_draft_new (draft, "app.http");

      if (add_http (http, data, len))
        {
          HlField *first = hl_field_get_child (http, 0);

          hl_decode_draft_commit_to (draft, http, _("Text (HTTP)"), hl_field_get_value (first), 0, len);
        }
      else
        {
          hl_field_add (draft, "app.text", _("Text"), text, 0, len);
        }
    }
  else if (len > 0)
    {
      g_autofree char *hex = hl_text_hex_cut (data, len, HL_DECODE_HEX_MAX);

      hl_field_add (draft, "app.data", _("Data"), hex, 0, len);
    }

  return hl_decode_draft_commit (draft, _("Application data"), summary, 0, len);
}
