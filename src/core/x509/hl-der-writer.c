/* hl-der-writer.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-der-writer"

#include "config.h"

#include <string.h>

#include "hl-der-writer.h"

struct _HlDerWriter
{
  GByteArray *buf;
  /* For each open constructed value, the offset of its one-octet length
   * placeholder; end() widens it when the contents need a long form. */
  GArray     *open;
};

HlDerWriter *
hl_der_writer_new (void)
{
  HlDerWriter *self = g_new0 (HlDerWriter, 1);

  self->buf = g_byte_array_new ();
  self->open = g_array_new (FALSE, FALSE, sizeof (gsize));

  return self;
}

void
hl_der_writer_free (HlDerWriter *self)
{
  if (self == NULL)
    return;

  g_byte_array_unref (self->buf);
  g_array_unref (self->open);
  g_free (self);
}

/* Writes the DER length of len into out (at most 9 octets), returns the
 * number of octets: short form below 128, else 0x80|n then n octets. */
static guint
encode_length (gsize   len,
               guint8 *out)
{
  guint n = 0;
  gsize v;

  if (len < 0x80)
    {
      out[0] = (guint8) len;
      return 1;
    }

  for (v = len; v != 0; v >>= 8)
    n++;

  out[0] = (guint8) (0x80 | n);
  for (guint i = 0; i < n; i++)
    out[n - i] = (guint8) (len >> (8 * i));

  return n + 1;
}

void
hl_der_writer_begin (HlDerWriter *self,
                     guint8       tag)
{
  guint8 placeholder = 0;
  gsize pos;

  g_return_if_fail (self != NULL);
  g_return_if_fail ((tag & 0x20) != 0);
  g_return_if_fail ((tag & 0x1f) != 0x1f);

  g_byte_array_append (self->buf, &tag, 1);
  pos = self->buf->len;
  g_array_append_val (self->open, pos);
  g_byte_array_append (self->buf, &placeholder, 1);
}

void
hl_der_writer_end (HlDerWriter *self)
{
  guint8 len_octets[9];
  gsize pos;
  gsize content_len;
  guint n;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->open->len > 0);

  pos = g_array_index (self->open, gsize, self->open->len - 1);
  g_array_set_size (self->open, self->open->len - 1);

  content_len = self->buf->len - (pos + 1);
  n = encode_length (content_len, len_octets);

  if (n > 1)
    {
      g_byte_array_set_size (self->buf, self->buf->len + n - 1);
      memmove (self->buf->data + pos + n, self->buf->data + pos + 1, content_len);
    }

  memcpy (self->buf->data + pos, len_octets, n);
}

guint
hl_der_writer_get_depth (HlDerWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->open->len;
}

void
hl_der_writer_add_primitive (HlDerWriter  *self,
                             guint8        tag,
                             const guint8 *data,
                             gsize         len)
{
  guint8 len_octets[9];
  guint n;

  g_return_if_fail (self != NULL);
  g_return_if_fail ((tag & 0x20) == 0);
  g_return_if_fail ((tag & 0x1f) != 0x1f);
  g_return_if_fail (data != NULL || len == 0);

  n = encode_length (len, len_octets);
  g_byte_array_append (self->buf, &tag, 1);
  g_byte_array_append (self->buf, len_octets, n);
  if (len > 0)
    g_byte_array_append (self->buf, data, len);
}

void
hl_der_writer_add_integer (HlDerWriter  *self,
                           const guint8 *be,
                           gsize         len)
{
  static const guint8 zero = 0;
  g_autoptr(GByteArray) contents = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (be != NULL || len == 0);

  while (len > 0 && be[0] == 0)
    {
      be++;
      len--;
    }

  if (len == 0)
    {
      hl_der_writer_add_primitive (self, HL_DER_INTEGER, &zero, 1);
      return;
    }

  if ((be[0] & 0x80) == 0)
    {
      hl_der_writer_add_primitive (self, HL_DER_INTEGER, be, len);
      return;
    }

  contents = g_byte_array_sized_new (len + 1);
  g_byte_array_append (contents, &zero, 1);
  g_byte_array_append (contents, be, len);
  hl_der_writer_add_primitive (self, HL_DER_INTEGER, contents->data, contents->len);
}

void
hl_der_writer_add_uint64 (HlDerWriter *self,
                          guint64      value)
{
  guint8 be[8];

  for (guint i = 0; i < 8; i++)
    be[7 - i] = (guint8) (value >> (8 * i));

  hl_der_writer_add_integer (self, be, sizeof be);
}

void
hl_der_writer_add_boolean (HlDerWriter *self,
                           gboolean     value)
{
  guint8 octet = value ? 0xff : 0x00;

  hl_der_writer_add_primitive (self, HL_DER_BOOLEAN, &octet, 1);
}

void
hl_der_writer_add_null (HlDerWriter *self)
{
  hl_der_writer_add_primitive (self, HL_DER_NULL, NULL, 0);
}

/* Parses one decimal arc at *p (no sign, no leading zero, fits in 64 bits)
 * and moves *p past it. */
static gboolean
parse_arc (const char **p,
           guint64     *arc)
{
  const char *s = *p;
  guint64 v = 0;

  if (!g_ascii_isdigit (*s))
    return FALSE;
  if (s[0] == '0' && g_ascii_isdigit (s[1]))
    return FALSE;

  for (; g_ascii_isdigit (*s); s++)
    {
      guint digit = (guint) (*s - '0');

      if (v > (G_MAXUINT64 - digit) / 10)
        return FALSE;
      v = v * 10 + digit;
    }

  *p = s;
  *arc = v;
  return TRUE;
}

/* Appends one subidentifier in base 128, high groups first, with the
 * continuation bit on all but the last octet. */
static void
append_base128 (GByteArray *out,
                guint64     v)
{
  guint8 tmp[10];
  guint n = 0;

  do
    {
      tmp[n++] = (guint8) (v & 0x7f);
      v >>= 7;
    }
  while (v != 0);

  while (n > 0)
    {
      guint8 octet = tmp[--n];

      if (n > 0)
        octet |= 0x80;
      g_byte_array_append (out, &octet, 1);
    }
}

gboolean
hl_der_writer_add_oid (HlDerWriter *self,
                       const char  *dotted)
{
  g_autoptr(GByteArray) contents = NULL;
  const char *p = dotted;
  guint64 first;
  guint64 second;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (dotted != NULL, FALSE);

  if (!parse_arc (&p, &first) || *p++ != '.' || !parse_arc (&p, &second))
    return FALSE;
  if (first > 2 || (first < 2 && second >= 40))
    return FALSE;
  if (second > G_MAXUINT64 - first * 40)
    return FALSE;

  contents = g_byte_array_new ();
  append_base128 (contents, first * 40 + second);

  while (*p != '\0')
    {
      guint64 arc;

      if (*p++ != '.' || !parse_arc (&p, &arc))
        return FALSE;
      append_base128 (contents, arc);
    }

  hl_der_writer_add_primitive (self, HL_DER_OID, contents->data, contents->len);
  return TRUE;
}

static gboolean
is_printable_char (char c)
{
  return g_ascii_isalnum (c) || strchr (" '()+,-./:=?", c) != NULL;
}

gboolean
hl_der_writer_add_printable_string (HlDerWriter *self,
                                    const char  *str)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (str != NULL, FALSE);

  for (const char *p = str; *p != '\0'; p++)
    {
      if (!is_printable_char (*p))
        return FALSE;
    }

  hl_der_writer_add_primitive (self, HL_DER_PRINTABLE_STRING,
                               (const guint8 *) str, strlen (str));
  return TRUE;
}

void
hl_der_writer_add_utf8_string (HlDerWriter *self,
                               const char  *str)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (str != NULL);
  g_return_if_fail (g_utf8_validate (str, -1, NULL));

  hl_der_writer_add_primitive (self, HL_DER_UTF8_STRING,
                               (const guint8 *) str, strlen (str));
}

gboolean
hl_der_writer_add_time (HlDerWriter *self,
                        gint64       unix_time)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;
  int year;

  g_return_val_if_fail (self != NULL, FALSE);

  dt = g_date_time_new_from_unix_utc (unix_time);
  if (dt == NULL)
    return FALSE;

  year = g_date_time_get_year (dt);
  text = g_strdup_printf ("%04d%02d%02d%02d%02d%02dZ",
                          year,
                          g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt),
                          g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt),
                          g_date_time_get_second (dt));

  if (year >= 1950 && year <= 2049)
    hl_der_writer_add_primitive (self, HL_DER_UTC_TIME,
                                 (const guint8 *) text + 2, strlen (text) - 2);
  else
    hl_der_writer_add_primitive (self, HL_DER_GENERALIZED_TIME,
                                 (const guint8 *) text, strlen (text));

  return TRUE;
}

void
hl_der_writer_add_bit_string (HlDerWriter  *self,
                              const guint8 *data,
                              gsize         len)
{
  static const guint8 no_unused_bits = 0;
  g_autoptr(GByteArray) contents = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL || len == 0);

  contents = g_byte_array_sized_new (len + 1);
  g_byte_array_append (contents, &no_unused_bits, 1);
  if (len > 0)
    g_byte_array_append (contents, data, len);

  hl_der_writer_add_primitive (self, HL_DER_BIT_STRING, contents->data, contents->len);
}

void
hl_der_writer_add_named_bits (HlDerWriter *self,
                              guint32      bits)
{
  guint8 contents[5] = { 0 };
  guint highest = 0;
  guint n_octets;

  g_return_if_fail (self != NULL);

  if (bits == 0)
    {
      hl_der_writer_add_primitive (self, HL_DER_BIT_STRING, contents, 1);
      return;
    }

  for (guint i = 0; i < 32; i++)
    {
      if (bits & (1u << i))
        {
          contents[1 + i / 8] |= (guint8) (0x80 >> (i % 8));
          highest = i;
        }
    }

  n_octets = highest / 8 + 1;
  contents[0] = (guint8) (7 - highest % 8);

  hl_der_writer_add_primitive (self, HL_DER_BIT_STRING, contents, 1 + n_octets);
}

void
hl_der_writer_add_octet_string (HlDerWriter  *self,
                                const guint8 *data,
                                gsize         len)
{
  hl_der_writer_add_primitive (self, HL_DER_OCTET_STRING, data, len);
}

void
hl_der_writer_add_raw (HlDerWriter  *self,
                       const guint8 *der,
                       gsize         len)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (der != NULL || len == 0);

  if (len > 0)
    g_byte_array_append (self->buf, der, len);
}

void
hl_der_writer_add_bytes (HlDerWriter *self,
                         GBytes      *bytes)
{
  gsize len;
  const guint8 *data;

  g_return_if_fail (bytes != NULL);

  data = g_bytes_get_data (bytes, &len);
  hl_der_writer_add_raw (self, data, len);
}

GBytes *
hl_der_writer_finish (HlDerWriter *self)
{
  GBytes *bytes;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->open->len == 0, NULL);

  bytes = g_byte_array_free_to_bytes (self->buf);
  self->buf = g_byte_array_new ();

  return bytes;
}
