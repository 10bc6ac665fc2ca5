/* hl-decode-hello.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-decode"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hl-decode-private.h"
#include "hl-names.h"

/*
 * ClientHello and ServerHello (RFC 5246 §7.4.1.2, §7.4.1.3): version,
 * random, session ID, cipher suites, compression methods; their
 * extensions are hl-decode-extensions.c's.
 */

static gboolean
read_version (HlReader   *r,
              HlField    *parent,
              const char *name,
              const char *what,
              guint      *version)
{
  g_autofree char *text = NULL;
  gsize i;

  if (!hl_reader_take (r, parent, 2, what, &i))
    return FALSE;

  *version = hl_decode_be (r->data + i, 2);
  text = hl_decode_version_text (*version);
  hl_field_add (parent, name, text, HL_READER_OFFSET (r, i), 2);

  return TRUE;
}

/* RFC 5246 §7.4.1.2: gmt_unix_time (4 bytes) and random_bytes (28) */
static gboolean
read_random (HlReader *r,
             HlField  *parent,
             char    **hex_out)
{
  g_autofree char *hex = NULL;
  g_autofree char *value = NULL;
  g_autofree char *rest = NULL;
  const guint8 *p;
  HlField *field;
  guint32 t;
  gsize i;

  if (!hl_reader_take (r, parent, 32, _("the random"), &i))
    return FALSE;

  p = r->data + i;
  t = hl_decode_be (p, 4);
  hex = hl_text_hex_cut (p, 32, 32);
  if (t == 0)
    value = g_strdup_printf (_("%s (first 4 bytes zero: BearSSL sends no gmt_unix_time)"), hex);
  field = hl_field_add (parent, _("Random"), value ? value : hex, HL_READER_OFFSET (r, i), 32);

  if (t == 0)
    {
      hl_field_add (field, "gmt_unix_time",
                    _("0: BearSSL puts zeros here instead of the time; RFC 5246 §7.4.1.2 does not "
                      "require clocks to be set correctly"),
                    HL_READER_OFFSET (r, i), 4);
    }
  else
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (t);
      g_autofree char *date = when ? g_date_time_format (when, "%Y-%m-%d %H:%M:%S UTC") : NULL;

      hl_field_add_printf (field, HL_READER_OFFSET (r, i), 4, "gmt_unix_time", "%u (%s)", t, date ? date : "?");
    }

  rest = hl_text_hex_cut (p + 4, 28, 28);
  hl_field_add (field, "random_bytes", rest, HL_READER_OFFSET (r, i + 4), 28);

  if (hex_out != NULL)
    *hex_out = g_steal_pointer (&hex);

  return TRUE;
}

static gboolean
read_session_id (HlReader *r,
                 HlField  *parent)
{
  g_autofree char *hex = NULL;
  HlReader v;

  if (!hl_reader_vector (r, parent, 1, _("Session ID length"), _("the session ID"), &v))
    return FALSE;

  if (hl_reader_left (&v) == 0)
    return TRUE;

  hex = hl_text_hex_cut (v.data + v.pos, hl_reader_left (&v), HL_DECODE_HEX_MAX);
  hl_field_add (parent, _("Session ID"), hex, HL_READER_OFFSET (&v, v.pos), hl_reader_left (&v));
  if (hl_reader_left (&v) > 32)
    hl_decode_add_error (parent, HL_READER_OFFSET (&v, v.pos), hl_reader_left (&v),
                         _("a session ID has at most 32 bytes, this one has %lu"), (gulong)hl_reader_left (&v));

  return TRUE;
}

static gboolean
read_cipher_suites (HlReader *r,
                    HlField  *parent,
                    guint    *count)
{
  g_autoptr(HlField) draft = hl_decode_draft_new ();
  g_autofree char *value = NULL;
  gboolean ok;
  gsize start;
  HlReader list;

  *count = 0;
  ok = hl_reader_vector (r, parent, 2, _("Cipher suites length"), _("the cipher suites list"), &list);
  start = list.pos;
  while (hl_reader_left (&list) >= 2)
    {
      g_autofree char *text = hl_decode_suite_text (hl_decode_be (list.data + list.pos, 2));

      hl_field_add (draft, _("Cipher suite"), text, HL_READER_OFFSET (&list, list.pos), 2);
      list.pos += 2;
      (*count)++;
    }
  if (hl_reader_left (&list) > 0)
    ok = hl_reader_finish (&list, draft, _("the last complete cipher suite (each takes 2 bytes)")) && ok;

  if (list.end > start)
    {
      value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u cipher suite",
                                            "%u cipher suites",
                                            *count), *count);
      hl_decode_draft_commit_to (parent, draft, _("Cipher suites"), value, HL_READER_OFFSET (&list, start), list.end - start);
    }

  return ok;
}

static gboolean
read_compression_methods (HlReader *r,
                          HlField  *parent)
{
  g_autoptr(HlField) draft = hl_decode_draft_new ();
  g_autoptr(GString) names = g_string_new (NULL);
  gboolean ok;
  gsize start;
  HlReader list;

  ok = hl_reader_vector (r, parent, 1, _("Compression methods length"), _("the compression methods list"), &list);
  start = list.pos;
  while (hl_reader_left (&list) > 0)
    {
      guint method = list.data[list.pos];
      const char *name = hl_compression_method_name (method);
      g_autofree char *text = hl_decode_named (name, method);

      hl_field_add (draft, _("Compression method"), text, HL_READER_OFFSET (&list, list.pos), 1);
      list.pos++;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name ? name : text);
    }

  if (list.end > start)
    hl_decode_draft_commit_to (parent, draft, _("Compression methods"), names->str, HL_READER_OFFSET (&list, start), list.end - start);

  return ok;
}

/* RFC 5246 §7.4.1.2 */
char *
hl_decode_client_hello (HlReader *r,
                        HlField  *root)
{
  guint version;
  guint suites;
  guint extensions = 0;

  if (!read_version (r, root, _("Client version"), _("the client version"), &version) ||
      !read_random (r, root, NULL) ||
      !read_session_id (r, root) ||
      !read_cipher_suites (r, root, &suites) ||
      !read_compression_methods (r, root))
    return NULL;

  /* Extensions are optional (RFC 5246 §7.4.1.2): nothing at all may follow. */
  if (hl_reader_left (r) > 0 && !hl_decode_extensions (r, root, FALSE, &extensions))
    return NULL;
  hl_reader_finish (r, root, _("the extensions"));

  {
    g_autofree char *v = hl_decode_version_text (version);
    g_autofree char *s = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%u cipher suite",
                                                       "%u cipher suites",
                                                       suites), suites);
    g_autofree char *e = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%u extension",
                                                       "%u extensions",
                                                       extensions), extensions);

    return g_strdup_printf ("%s, %s, %s", v, s, e);
  }
}

/* RFC 5246 §7.4.1.3 */
char *
hl_decode_server_hello (HlReader *r,
                        HlField  *root)
{
  g_autofree char *suite = NULL;
  g_autofree char *method = NULL;
  guint version;
  guint extensions;
  guint number;
  gsize i;

  if (!read_version (r, root, _("Server version"), _("the server version"), &version) ||
      !read_random (r, root, NULL) ||
      !read_session_id (r, root))
    return NULL;

  if (!hl_reader_take (r, root, 2, _("the cipher suite"), &i))
    return NULL;
  number = hl_decode_be (r->data + i, 2);
  suite = hl_decode_suite_text (number);
  hl_field_add (root, _("Cipher suite"), suite, HL_READER_OFFSET (r, i), 2);

  if (!hl_reader_take (r, root, 1, _("the compression method"), &i))
    return NULL;
  method = hl_decode_named (hl_compression_method_name (r->data[i]), r->data[i]);
  hl_field_add (root, _("Compression method"), method, HL_READER_OFFSET (r, i), 1);

  if (hl_reader_left (r) > 0 && !hl_decode_extensions (r, root, TRUE, &extensions))
    return NULL;
  hl_reader_finish (r, root, _("the extensions"));

  {
    const char *v = hl_decode_version_name (version);
    const char *s = hl_cipher_suite_name_any (number);

    return g_strdup_printf ("%s, %s", v ? v : "?", s ? s : suite);
  }
}
