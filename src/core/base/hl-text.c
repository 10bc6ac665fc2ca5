/* hl-text.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-text"

#include "config.h"

#include "hl-text.h"

static const char digits[] = "0123456789abcdef";

const char *
hl_text_decimal (guint64 value,
                 char    buffer[HL_TEXT_DECIMAL_SIZE])
{
  char *p = buffer + HL_TEXT_DECIMAL_SIZE - 1;

  *p = '\0';
  do
    *--p = '0' + value % 10;
  while ((value /= 10) != 0);

  return p;
}

void
hl_text_append_decimal (GString *s,
                        guint64  value)
{
  char buffer[HL_TEXT_DECIMAL_SIZE];

  g_string_append (s, hl_text_decimal (value, buffer));
}

void
hl_text_append_hex (GString      *s,
                    const guint8 *data,
                    gsize         len,
                    guint         group,
                    guint         line)
{
  gsize at = s->len;
  char *p;

  /* Two digits a byte and at most one separator between bytes. */
  g_string_set_size (s, at + 3 * len);
  p = s->str + at;
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && line > 0 && i % line == 0)
        *p++ = '\n';
      else if (i > 0 && group > 0 && i % group == 0)
        *p++ = ' ';
      *p++ = digits[data[i] >> 4];
      *p++ = digits[data[i] & 0x0f];
    }
  g_string_truncate (s, p - s->str);
}

char *
hl_text_hex (const guint8 *data,
             gsize         len)
{
  char *hex = g_malloc (2 * len + 1);

  for (gsize i = 0; i < len; i++)
    {
      hex[2 * i] = digits[data[i] >> 4];
      hex[2 * i + 1] = digits[data[i] & 0x0f];
    }
  hex[2 * len] = '\0';

  return hex;
}

char *
hl_text_hex_bytes (GBytes *bytes)
{
  gsize len = 0;
  const guint8 *data = bytes ? g_bytes_get_data (bytes, &len) : NULL;

  return hl_text_hex (data, len);
}

char *
hl_text_hex_cut (const guint8 *data,
                 gsize         len,
                 gsize         max)
{
  GString *s = g_string_sized_new (MIN (len, max) * 2 + 4);

  hl_text_append_hex (s, data, MIN (len, max), 0, 0);
  if (len > max)
    g_string_append (s, "…");

  return g_string_free (s, FALSE);
}
