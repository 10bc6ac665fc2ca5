/* hl-decode-cursor.c
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
 * The cursor every decoder reads with, and the small texts they share:
 * numbers with their registry names, versions, suites, byte counts, and
 * the error and note fields.
 */

guint
hl_decode_be (const guint8 *p,
              gsize         n)
{
  guint v = 0;

  for (gsize i = 0; i < n; i++)
    v = (v << 8) | p[i];

  return v;
}

char *
hl_decode_escape (const char *p,
                  gsize       n)
{
  GString *s = g_string_sized_new (n + 1);

  for (gsize i = 0; i < n; i++)
    {
      guchar c = p[i];

      if (c < 0x20 || c == 0x7f)
        g_string_append_printf (s, "\\x%02x", c);
      else
        g_string_append_c (s, c);
    }

  return g_string_free (s, FALSE);
}

char *
hl_decode_named (const char *name,
                 guint       number)
{
  char digits[HL_TEXT_DECIMAL_SIZE];

  if (name != NULL)
    return g_strconcat (name, " (", hl_text_decimal (number, digits), ")", NULL);
  return g_strdup_printf (_("unknown (%u)"), number);
}

char *
hl_decode_named_hex4 (const char *name,
                      guint       number)
{
  static const char digits[] = "0123456789ABCDEF";
  char hex[5];

  if (name != NULL && number <= 0xffff)
    {
      for (guint i = 0; i < 4; i++)
        hex[i] = digits[(number >> (12 - 4 * i)) & 0xf];
      hex[4] = '\0';
      return g_strconcat (name, " (0x", hex, ")", NULL);
    }
  if (name != NULL)
    return g_strdup_printf ("%s (0x%04X)", name, number);
  return g_strdup_printf (_("unknown (0x%04X)"), number);
}

const char *
hl_decode_version_name (guint version)
{
  const char *name = hl_version_name (version);

  if (name != NULL)
    return name;
  if (version == 0x0300)
    return "SSL 3.0";
  if (version == 0x0304)
    return "TLS 1.3";
  return NULL;
}

char *
hl_decode_version_text (guint version)
{
  return hl_decode_named_hex4 (hl_decode_version_name (version), version);
}

char *
hl_decode_suite_text (guint suite)
{
  return hl_decode_named_hex4 (hl_cipher_suite_name_any (suite), suite);
}

char *
hl_decode_bytes_text (gsize n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu byte", "%lu bytes", n), (gulong)n);
}


void
hl_decode_add_error (HlField    *parent,
                     gsize       offset,
                     gsize       length,
                     const char *format,
                     ...)
{
  g_autofree char *value = NULL;
  HlField *field;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);

  field = hl_field_add (parent, "decode.error", _("Error"), value, offset, length);
  hl_field_set_flags (field, HL_FIELD_FLAG_ERROR);
}

void
hl_decode_add_note (HlField    *parent,
                    const char *text)
{
  hl_field_add (parent, "decode.note", _("Note"), text, HL_FIELD_NO_OFFSET, 0);
}

HlField *
hl_decode_draft_root (const char *id)
{
  return hl_field_new (id, "", NULL, HL_FIELD_NO_OFFSET, 0);
}

HlField *
hl_decode_draft_new (HlField    *owner,
                     const char *id)
{
  return hl_field_new_draft (owner, id);
}

HlField *
hl_decode_draft_commit (HlField    *draft,
                        const char *name,
                        const char *value,
                        gsize       offset,
                        gsize       length)
{
  hl_field_set_contents (draft, name, value, offset, length);

  return hl_field_ref (draft);
}

HlField *
hl_decode_draft_commit_to (HlField    *parent,
                           HlField    *draft,
                           const char *name,
                           const char *value,
                           gsize       offset,
                           gsize       length)
{
  hl_field_set_contents (draft, name, value, offset, length);
  hl_field_append (parent, draft);

  return draft;
}

gsize
hl_reader_left (const HlReader *r)
{
  return r->end - r->pos;
}

/* Says that @what needs @n bytes where fewer are left, and uses up @r. */
static void
truncated (HlReader   *r,
           HlField    *parent,
           gsize       n,
           const char *what)
{
  hl_decode_add_error (parent, HL_READER_OFFSET (r, r->pos), hl_reader_left (r),
                       g_dngettext (GETTEXT_PACKAGE,
                                    "truncated: %s needs %lu byte, %lu left at offset %lu",
                                    "truncated: %s needs %lu bytes, %lu left at offset %lu",
                                    n),
                       what, (gulong)n, (gulong)hl_reader_left (r), (gulong)HL_READER_OFFSET (r, r->pos));
  r->pos = r->end;
}

gboolean
hl_reader_take (HlReader   *r,
                HlField    *parent,
                gsize       n,
                const char *what,
                gsize      *start)
{
  if (hl_reader_left (r) < n)
    {
      truncated (r, parent, n, what);
      return FALSE;
    }

  *start = r->pos;
  r->pos += n;

  return TRUE;
}

gboolean
hl_reader_vector (HlReader   *r,
                  HlField    *parent,
                  gsize       prefix,
                  const char *id,
                  const char *name,
                  const char *what,
                  HlReader   *sub)
{
  char digits[HL_TEXT_DECIMAL_SIZE];
  gsize start;
  gsize n;

  if (hl_reader_left (r) < prefix)
    {
      g_autofree char *length_what = g_strdup_printf (_("the length of %s"), what);

      truncated (r, parent, prefix, length_what);
      *sub = *r;
      return FALSE;
    }

  start = r->pos;
  r->pos += prefix;
  n = hl_decode_be (r->data + start, prefix);
  hl_field_add (parent, id, name, hl_text_decimal (n, digits), HL_READER_OFFSET (r, start), prefix);

  *sub = *r;
  if (n > hl_reader_left (r))
    {
      hl_decode_add_error (parent, HL_READER_OFFSET (r, r->pos), hl_reader_left (r),
                           _("truncated: %s says %lu bytes, %lu left at offset %lu"),
                           what, (gulong)n, (gulong)hl_reader_left (r), (gulong)HL_READER_OFFSET (r, r->pos));
      r->pos = r->end;
      return FALSE;
    }

  sub->end = sub->pos + n;
  r->pos += n;

  return TRUE;
}

gboolean
hl_reader_finish (HlReader   *r,
                  HlField    *parent,
                  const char *what)
{
  if (hl_reader_left (r) == 0)
    return TRUE;

  hl_decode_add_error (parent, HL_READER_OFFSET (r, r->pos), hl_reader_left (r),
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%lu unexpected byte after %s at offset %lu",
                                    "%lu unexpected bytes after %s at offset %lu",
                                    hl_reader_left (r)),
                       (gulong)hl_reader_left (r), what, (gulong)HL_READER_OFFSET (r, r->pos));
  r->pos = r->end;

  return FALSE;
}

void
hl_reader_rest (HlReader   *r,
                HlField    *parent,
                const char *id,
                const char *name)
{
  g_autofree char *hex = NULL;

  if (hl_reader_left (r) == 0)
    return;

  hex = hl_text_hex_cut (r->data + r->pos, hl_reader_left (r), HL_DECODE_HEX_MAX);
  hl_field_add (parent, id, name, hex, HL_READER_OFFSET (r, r->pos), hl_reader_left (r));
  r->pos = r->end;
}

gboolean
hl_reader_opaque (HlReader   *r,
                  HlField    *parent,
                  gsize       prefix,
                  const char *length_id,
                  const char *length_name,
                  const char *id,
                  const char *name,
                  const char *what,
                  gsize      *length)
{
  gboolean ok;
  HlReader v;

  ok = hl_reader_vector (r, parent, prefix, length_id, length_name, what, &v);
  if (hl_reader_left (&v) > 0)
    {
      g_autofree char *hex = hl_text_hex_cut (v.data + v.pos, hl_reader_left (&v), HL_DECODE_HEX_MAX);

      hl_field_add (parent, id, name, hex, HL_READER_OFFSET (&v, v.pos), hl_reader_left (&v));
    }
  if (length != NULL)
    *length = hl_reader_left (&v);

  return ok;
}

void
hl_list_begin (HlList     *list,
               HlReader   *r,
               HlField    *parent,
               gsize       prefix,
               const char *length_id,
               const char *length_name,
               const char *what,
               const char *id)
{
  list->complete = hl_reader_vector (r, parent, prefix, length_id, length_name, what, &list->items);
  list->start = list->items.pos;
  list->parent = parent;
  list->field = hl_decode_draft_new (parent, id);
}

gboolean
hl_list_end (HlList     *list,
             const char *name,
             const char *value)
{
  if (list->items.end > list->start)
    hl_decode_draft_commit_to (list->parent, list->field, name, value, HL_READER_OFFSET (&list->items, list->start),
                               list->items.end - list->start);

  return list->complete;
}
