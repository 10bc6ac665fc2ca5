/* hl-der-text.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-decode"

#include "config.h"

#include <string.h>

#include "hl-decode-private.h"
#include "hl-names.h"

/*
 * DER values as a student reads them: strings as text, times as dates,
 * names as "O=Handshake Lab, CN=www.handshake-lab.test", and a
 * certificate by its subject and issuer.
 */

static gboolean
all_digits (const guint8 *p,
            gsize         n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

/* UTCTime "YYMMDDHHMMSSZ" and GeneralizedTime "YYYYMMDDHHMMSSZ", the forms
 * RFC 5280 allows, as "2026-03-01 12:00:00 UTC"; anything else as text. */
static char *
time_text (guint         number,
           const guint8 *p,
           gsize         n)
{
  char year[5];
  const guint8 *q;

  if (number == 23 && n == 13 && p[12] == 'Z' && all_digits (p, 12))
    {
      year[0] = (p[0] < '5') ? '2' : '1';
      year[1] = (p[0] < '5') ? '0' : '9';
      year[2] = p[0];
      year[3] = p[1];
      q = p + 2;
    }
  else if (number == 24 && n == 15 && p[14] == 'Z' && all_digits (p, 14))
    {
      memcpy (year, p, 4);
      q = p + 4;
    }
  else
    {
      for (gsize i = 0; i < n; i++)
        if (p[i] >= 0x80)
          return NULL;
      return hl_decode_escape ((const char *)p, n);
    }
  year[4] = 0;

  return g_strdup_printf ("%s-%c%c-%c%c %c%c:%c%c:%c%c UTC", year,
                          q[0], q[1], q[2], q[3], q[4], q[5], q[6], q[7], q[8], q[9]);
}

char *
hl_decode_der_string_text (guint         number,
                           const guint8 *p,
                           gsize         n)
{
  switch (number)
    {
    case 12: /* UTF8String */
      if (!g_utf8_validate ((const char *)p, n, NULL))
        return NULL;
      return hl_decode_escape ((const char *)p, n);

    case 18: /* NumericString */
    case 19: /* PrintableString */
    case 22: /* IA5String */
    case 25: /* GraphicString */
    case 26: /* VisibleString */
    case 27: /* GeneralString */
      for (gsize i = 0; i < n; i++)
        if (p[i] >= 0x80)
          return NULL;
      return hl_decode_escape ((const char *)p, n);

    case 20: /* T61String: in practice Latin-1 */
    case 21:
      {
        g_autoptr(GString) s = g_string_new (NULL);

        for (gsize i = 0; i < n; i++)
          g_string_append_unichar (s, p[i]);
        return hl_decode_escape (s->str, s->len);
      }

    case 23: /* UTCTime */
    case 24: /* GeneralizedTime */
      return time_text (number, p, n);

    case 28: /* UniversalString: UCS-4, big-endian */
    case 30: /* BMPString: UCS-2, big-endian */
      {
        gsize unit = number == 28 ? 4 : 2;
        g_autoptr(GString) s = g_string_new (NULL);

        if (n % unit != 0)
          return NULL;
        for (gsize i = 0; i < n; i += unit)
          {
            gunichar c = hl_decode_be (p + i, unit);

            if (!g_unichar_validate (c) || c == 0)
              return NULL;
            g_string_append_unichar (s, c);
          }
        return hl_decode_escape (s->str, s->len);
      }

    default:
      return NULL;
    }
}

char *
hl_decode_dn_text (const guint8 *p,
                   gsize         n,
                   gboolean      cn_only)
{
  g_autoptr(GString) s = NULL;
  g_autofree char *cn = NULL;
  HlDerIter rdns;
  HlDerElement rdn;

  /* Most values asked about are no Name: one whose first tag, in the
   * short form, is not SET (0x31) is none. */
  if (n > 0 && (p[0] & 0x1f) != 0x1f && p[0] != 0x31)
    return NULL;

  s = g_string_new (NULL);
  hl_der_iter_init (&rdns, p, n);
  while (hl_der_iter_next (&rdns, &rdn))
    {
      HlDerIter atvs;
      HlDerElement atv;

      if (!hl_der_is (&rdn, 0, 17) || !rdn.h.constructed)
        return NULL;

      hl_der_iter_init (&atvs, rdn.content, rdn.h.length);
      while (hl_der_iter_next (&atvs, &atv))
        {
          HlDerIter parts;
          HlDerElement type, value;
          g_autofree char *oid = NULL;
          g_autofree char *text = NULL;
          const char *label;

          if (!hl_der_is (&atv, 0, 16) || !atv.h.constructed)
            return NULL;
          hl_der_iter_init (&parts, atv.content, atv.h.length);
          if (!hl_der_iter_next (&parts, &type) || !hl_der_is (&type, 0, 6) ||
              !hl_der_iter_next (&parts, &value))
            return NULL;
          oid = hl_der_oid_text (type.content, type.h.length);
          if (oid == NULL)
            return NULL;

          text = value.h.cls == 0 ? hl_decode_der_string_text (value.h.number, value.content, value.h.length) : NULL;
          if (text == NULL)
            {
              g_autofree char *hex = hl_text_hex_cut (value.content, value.h.length, HL_DECODE_HEX_SUMMARY);

              text = g_strconcat ("#", hex, NULL);
            }

          if (cn_only)
            {
              if (strcmp (oid, "2.5.4.3") == 0)
                {
                  g_free (cn);
                  cn = g_steal_pointer (&text);
                }
              continue;
            }

          label = hl_oid_attribute_label (oid);
          if (label == NULL)
            label = hl_oid_name (oid);
          if (s->len > 0)
            g_string_append (s, ", ");
          g_string_append_printf (s, "%s=%s", label ? label : oid, text);
        }
      if (atvs.bad)
        return NULL;
    }
  if (rdns.bad)
    return NULL;

  if (cn_only)
    return g_steal_pointer (&cn);

  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The subject's common name, or else its whole name */
static char *
dn_short_text (const guint8 *p,
               gsize         n)
{
  char *text = hl_decode_dn_text (p, n, TRUE);

  if (text == NULL)
    text = hl_decode_dn_text (p, n, FALSE);

  return text;
}

gboolean
hl_decode_certificate_names (const guint8 *p,
                             gsize         n,
                             char        **subject,
                             char        **issuer)
{
  HlDerIter it;
  HlDerElement cert, tbs, e;
  guint index = 0;

  *subject = *issuer = NULL;

  hl_der_iter_init (&it, p, n);
  if (!hl_der_iter_next (&it, &cert) || !hl_der_is (&cert, 0, 16))
    return FALSE;
  hl_der_iter_init (&it, cert.content, cert.h.length);
  if (!hl_der_iter_next (&it, &tbs) || !hl_der_is (&tbs, 0, 16))
    return FALSE;

  /* [0] version, serialNumber, signature, issuer, validity, subject */
  hl_der_iter_init (&it, tbs.content, tbs.h.length);
  while (hl_der_iter_next (&it, &e))
    {
      if (index == 0 && hl_der_is (&e, 2, 0))
        continue;
      if (index == 2)
        *issuer = dn_short_text (e.content, e.h.length);
      else if (index == 4)
        {
          *subject = dn_short_text (e.content, e.h.length);
          break;
        }
      index++;
    }

  if (*subject == NULL || *issuer == NULL)
    {
      g_clear_pointer (subject, g_free);
      g_clear_pointer (issuer, g_free);
      return FALSE;
    }

  return TRUE;
}
