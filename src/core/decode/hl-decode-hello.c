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
              const char *id,
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
  hl_field_add (parent, id, name, text, HL_READER_OFFSET (r, i), 2);

  return TRUE;
}

/* RFC 5246 §7.4.1.2: gmt_unix_time (4 bytes) and random_bytes (28) */
static gboolean
read_random (HlReader *r,
             HlField  *parent)
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
  hex = hl_text_hex (p, 32);
  if (t == 0)
    value = g_strdup_printf (_("%s (first 4 bytes zero: BearSSL sends no gmt_unix_time)"), hex);
  field = hl_field_add (parent, "hello.random", _("Random"), value ? value : hex, HL_READER_OFFSET (r, i), 32);

  if (t == 0)
    {
      hl_field_add (field, "hello.random.gmt_unix_time", "gmt_unix_time",
                    _("0: BearSSL puts zeros here instead of the time; RFC 5246 §7.4.1.2 does not "
                      "require clocks to be set correctly"),
                    HL_READER_OFFSET (r, i), 4);
    }
  else
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (t);
      g_autofree char *date = when ? g_date_time_format (when, "%Y-%m-%d %H:%M:%S UTC") : NULL;

      hl_field_add_printf (field, "hello.random.gmt_unix_time", HL_READER_OFFSET (r, i), 4, "gmt_unix_time",
                           "%u (%s)", t, date ? date : "?");
    }

  rest = hl_text_hex (p + 4, 28);
  hl_field_add (field, "hello.random.random_bytes", "random_bytes", rest, HL_READER_OFFSET (r, i + 4), 28);

  return TRUE;
}

static gboolean
read_session_id (HlReader *r,
                 HlField  *parent)
{
  g_autofree char *hex = NULL;
  HlReader v;

  if (!hl_reader_vector (r, parent, 1, "hello.session_id.length", _("Session ID length"), _("the session ID"), &v))
    return FALSE;

  if (hl_reader_left (&v) == 0)
    return TRUE;

  hex = hl_text_hex_cut (v.data + v.pos, hl_reader_left (&v), HL_DECODE_HEX_MAX);
  hl_field_add (parent, "hello.session_id", _("Session ID"), hex, HL_READER_OFFSET (&v, v.pos), hl_reader_left (&v));
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
  g_autofree char *value = NULL;
  /* Translated once for the forty-odd suites a client offers. */
  const char *suite_name = _("Cipher suite");
  HlList list;

  *count = 0;
  hl_list_begin (&list, r, parent, 2, "hello.cipher_suites.length", _("Cipher suites length"),
                 _("the cipher suites list"), "hello.cipher_suites");
  while (hl_reader_left (&list.items) >= 2)
    {
      g_autofree char *text = hl_decode_suite_text (hl_decode_be (list.items.data + list.items.pos, 2));

      hl_field_add (list.field, "hello.cipher_suite", suite_name, text,
                    HL_READER_OFFSET (&list.items, list.items.pos), 2);
      list.items.pos += 2;
      (*count)++;
    }
  if (hl_reader_left (&list.items) > 0)
    list.complete = hl_reader_finish (&list.items, list.field,
                                      _("the last complete cipher suite (each takes 2 bytes)")) && list.complete;

  value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cipher suite", "%u cipher suites", *count), *count);

  return hl_list_end (&list, _("Cipher suites"), value);
}

static gboolean
read_compression_methods (HlReader *r,
                          HlField  *parent)
{
  g_autoptr(GString) names = g_string_new (NULL);
  HlList list;

  hl_list_begin (&list, r, parent, 1, "hello.compression_methods.length", _("Compression methods length"),
                 _("the compression methods list"), "hello.compression_methods");
  while (hl_reader_left (&list.items) > 0)
    {
      guint method = list.items.data[list.items.pos];
      const char *name = hl_compression_method_name (method);
      g_autofree char *text = hl_decode_named (name, method);

      hl_field_add (list.field, "hello.compression_method", _("Compression method"), text,
                    HL_READER_OFFSET (&list.items, list.items.pos), 1);
      list.items.pos++;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name ? name : text);
    }

  return hl_list_end (&list, _("Compression methods"), names->str);
}

char *
hl_decode_client_hello (HlReader *r,
                        HlField  *root)
{
  guint version;
  guint suites;
  guint extensions = 0;

  if (!read_version (r, root, "hello.client_version", _("Client version"), _("the client version"), &version) ||
      !read_random (r, root) ||
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

  if (!read_version (r, root, "hello.server_version", _("Server version"), _("the server version"), &version) ||
      !read_random (r, root) ||
      !read_session_id (r, root))
    return NULL;

  if (!hl_reader_take (r, root, 2, _("the cipher suite"), &i))
    return NULL;
  number = hl_decode_be (r->data + i, 2);
  suite = hl_decode_suite_text (number);
  hl_field_add (root, "hello.cipher_suite", _("Cipher suite"), suite, HL_READER_OFFSET (r, i), 2);

  if (!hl_reader_take (r, root, 1, _("the compression method"), &i))
    return NULL;
  method = hl_decode_named (hl_compression_method_name (r->data[i]), r->data[i]);
  hl_field_add (root, "hello.compression_method", _("Compression method"), method, HL_READER_OFFSET (r, i), 1);

  if (hl_reader_left (r) > 0 && !hl_decode_extensions (r, root, TRUE, &extensions))
    return NULL;
  hl_reader_finish (r, root, _("the extensions"));

  {
    const char *v = hl_decode_version_name (version);
    const char *s = hl_cipher_suite_name_any (number);

    return g_strdup_printf ("%s, %s", v ? v : "?", s ? s : suite);
  }
}
