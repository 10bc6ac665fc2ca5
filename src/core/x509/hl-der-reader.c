/* hl-der-reader.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-der-reader"

#include "config.h"

#include <string.h>

#include "hl-der-reader.h"
#include "hl-text.h"

static gsize
be_value (const guint8 *p,
          gsize         n)
{
  gsize v = 0;

  for (gsize i = 0; i < n; i++)
    v = (v << 8) | p[i];

  return v;
}

HlDerStatus
hl_der_read_header (const guint8 *p,
                    gsize         n,
                    HlDerHeader  *h)
{
  gsize i;

  memset (h, 0, sizeof *h);

  if (n < 1)
    return HL_DER_TRUNCATED;

  h->cls = p[0] >> 6;
  h->constructed = (p[0] & 0x20) != 0;
  h->number = p[0] & 0x1f;
  i = 1;

  if (h->number == 0x1f)
    {
      /* high tag number: base 128, at most 4 octets (28 bits) */
      h->number = 0;
      for (;;)
        {
          guint8 b;

          if (i >= n)
            return HL_DER_TRUNCATED;
          if (i > 4)
            return HL_DER_TAG_TOO_LARGE;
          b = p[i++];
          if (i == 2 && b == 0x80)
            h->not_minimal = TRUE;
          h->number = (h->number << 7) | (b & 0x7f);
          if ((b & 0x80) == 0)
            break;
        }
      if (h->number < 0x1f)
        h->not_minimal = TRUE;
    }
  h->tag_len = i;

  if (i >= n)
    return HL_DER_TRUNCATED;

  if (p[i] < 0x80)
    {
      h->length = p[i++];
    }
  else if (p[i] == 0x80)
    {
      return HL_DER_INDEFINITE;
    }
  else
    {
      gsize k = p[i++] & 0x7f;

      if (k > 4)
        return HL_DER_LENGTH_TOO_LARGE;
      if (n - i < k)
        return HL_DER_TRUNCATED;
      h->length = be_value (p + i, k);
      if (p[i] == 0 || h->length < 0x80)
        h->not_minimal = TRUE;
      i += k;
    }

  h->header = i;

  return HL_DER_OK;
}

void
hl_der_iter_init (HlDerIter    *it,
                  const guint8 *p,
                  gsize         n)
{
  it->p = p;
  it->n = n;
  it->pos = 0;
  it->bad = FALSE;
}

gboolean
hl_der_iter_next (HlDerIter    *it,
                  HlDerElement *e)
{
  if (it->pos >= it->n)
    return FALSE;

  if (hl_der_read_header (it->p + it->pos, it->n - it->pos, &e->h) != HL_DER_OK ||
      e->h.length > it->n - it->pos - e->h.header)
    {
      it->bad = TRUE;
      it->pos = it->n;
      return FALSE;
    }

  e->content = it->p + it->pos + e->h.header;
  it->pos += e->h.header + e->h.length;

  return TRUE;
}

gboolean
hl_der_is (const HlDerElement *e,
           guint               cls,
           guint               number)
{
  return e->h.cls == cls && e->h.number == number;
}

gboolean
hl_der_is_single (const guint8 *p,
                  gsize         n,
                  HlDerElement *e)
{
  HlDerIter it;
  HlDerElement dummy;

  hl_der_iter_init (&it, p, n);
  if (!hl_der_iter_next (&it, e) || it.pos != n)
    return FALSE;

  if (e->h.constructed)
    {
      HlDerIter inner;

      hl_der_iter_init (&inner, e->content, e->h.length);
      while (hl_der_iter_next (&inner, &dummy))
        ;
      if (inner.bad)
        return FALSE;
    }

  return TRUE;
}

static const char * const universal_names[] = {
  [1]  = "BOOLEAN",
  [2]  = "INTEGER",
  [3]  = "BIT STRING",
  [4]  = "OCTET STRING",
  [5]  = "NULL",
  [6]  = "OBJECT IDENTIFIER",
  [7]  = "ObjectDescriptor",
  [8]  = "EXTERNAL",
  [9]  = "REAL",
  [10] = "ENUMERATED",
  [11] = "EMBEDDED PDV",
  [12] = "UTF8String",
  [13] = "RELATIVE-OID",
  [16] = "SEQUENCE",
  [17] = "SET",
  [18] = "NumericString",
  [19] = "PrintableString",
  [20] = "T61String",
  [21] = "VideotexString",
  [22] = "IA5String",
  [23] = "UTCTime",
  [24] = "GeneralizedTime",
  [25] = "GraphicString",
  [26] = "VisibleString",
  [27] = "GeneralString",
  [28] = "UniversalString",
  [30] = "BMPString",
};


const char *
hl_der_universal_name (guint number)
{
  if (number < G_N_ELEMENTS (universal_names))
    return universal_names[number];
  return NULL;
}

char *
hl_der_type_name (const HlDerHeader *h)
{
  const char *name;

  switch (h->cls)
    {
    case 0:
      name = hl_der_universal_name (h->number);
      return name ? g_strdup (name) : g_strdup_printf ("[UNIVERSAL %u]", h->number);
    case 1:
      return g_strdup_printf ("[APPLICATION %u]", h->number);
    case 2:
      return g_strdup_printf ("[%u]", h->number);
    default:
      return g_strdup_printf ("[PRIVATE %u]", h->number);
    }
}

char *
hl_der_oid_text (const guint8 *p,
                 gsize         n)
{
  g_autoptr(GString) s = NULL;
  guint64 arc = 0;
  gboolean first = TRUE;
  gboolean arc_start = TRUE;

  if (n == 0 || (p[n - 1] & 0x80) != 0)
    return NULL;

  s = g_string_new (NULL);
  for (gsize i = 0; i < n; i++)
    {
      /* DER: no leading 0x80 in an arc */
      if (arc_start && p[i] == 0x80)
        return NULL;
      if (arc > (G_MAXUINT64 >> 7))
        return NULL;
      arc = (arc << 7) | (p[i] & 0x7f);
      arc_start = FALSE;

      if ((p[i] & 0x80) == 0)
        {
          if (first)
            {
              if (arc < 40)
                g_string_append (s, "0."), hl_text_append_decimal (s, arc);
              else if (arc < 80)
                g_string_append (s, "1."), hl_text_append_decimal (s, arc - 40);
              else
                g_string_append (s, "2."), hl_text_append_decimal (s, arc - 80);
              first = FALSE;
            }
          else
            {
              g_string_append_c (s, '.');
              hl_text_append_decimal (s, arc);
            }
          arc = 0;
          arc_start = TRUE;
        }
    }

  return g_string_free (g_steal_pointer (&s), FALSE);
}
