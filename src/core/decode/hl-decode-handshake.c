/* hl-decode.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-decode"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hl-decode.h"
#include "hl-field-private.h"
#include "hl-names.h"

/* Hex values longer than this many bytes are cut, with "…"; the hex view
 * still shows every byte. */
#define HEX_MAX 512
/* A summary shows this many bytes of hex at most. */
#define HEX_SUMMARY 16

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static guint
get_be (const guint8 *p,
        gsize         n)
{
  guint v = 0;

  for (gsize i = 0; i < n; i++)
    v = (v << 8) | p[i];

  return v;
}

static char *
hex_text (const guint8 *p,
          gsize         n,
          gsize         max)
{
  static const char digits[] = "0123456789abcdef";
  GString *s = g_string_sized_new (MIN (n, max) * 2 + 8);

  for (gsize i = 0; i < n && i < max; i++)
    {
      g_string_append_c (s, digits[p[i] >> 4]);
      g_string_append_c (s, digits[p[i] & 0xf]);
    }
  if (n > max)
    g_string_append (s, "…");

  return g_string_free (s, FALSE);
}

/* Text for a value field: control characters escaped, so that a value is
 * always one readable line.  @p must be valid UTF-8. */
static char *
escape_text (const char *p,
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

/* "secp256r1 (23)", or "unknown (23)" */
static char *
named (const char *name,
       guint       number)
{
  if (name != NULL)
    return g_strdup_printf ("%s (%u)", name, number);
  return g_strdup_printf (_("unknown (%u)"), number);
}

/* "rsa_pkcs1_sha256 (0x0401)": two-byte code points read best in hex */
static char *
named_hex4 (const char *name,
            guint       number)
{
  if (name != NULL)
    return g_strdup_printf ("%s (0x%04X)", name, number);
  return g_strdup_printf (_("unknown (0x%04X)"), number);
}

static const char *
version_name (guint version)
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

static char *
version_text (guint version)
{
  return named_hex4 (version_name (version), version);
}

static char *
suite_text (guint suite)
{
  return named_hex4 (hl_cipher_suite_name_any (suite), suite);
}

static char *
bytes_text (gsize n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu byte", "%lu bytes", n), (gulong)n);
}

static void add_error (HlField    *parent,
                       gsize       offset,
                       gsize       length,
                       const char *format,
                       ...) G_GNUC_PRINTF (4, 5);

static void
add_error (HlField    *parent,
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

  field = hl_field_add (parent, _("Error"), value, offset, length);
  hl_field_set_flags (field, HL_FIELD_FLAG_ERROR);
}

static void
add_note (HlField    *parent,
          const char *text)
{
  hl_field_add (parent, _("Note"), text, HL_FIELD_NO_OFFSET, 0);
}

/* A field's value is given when it is created, yet a list or a message is
 * best summed up once its parts are read.  Its parts are read into a
 * draft, which then gets its name, value and place. */
static HlField *
draft_new (void)
{
  return hl_field_new ("draft", NULL, HL_FIELD_NO_OFFSET, 0);
}

/* Returns: (transfer full): @draft, named and placed */
static HlField *
draft_commit (HlField    *draft,
              const char *name,
              const char *value,
              gsize       offset,
              gsize       length)
{
  hl_field_set_contents (draft, name, value, offset, length);

  return g_object_ref (draft);
}

/* Like draft_commit(), appending the field to @parent.
 * Returns: (transfer none) */
static HlField *
draft_commit_to (HlField    *parent,
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

/* ------------------------------------------------------------------ */
/* A bounds-checked cursor                                             */

/* Reads data[pos] up to data[end]; fields get offsets base + index. */
typedef struct
{
  const guint8 *data;
  gsize         base;
  gsize         pos;
  gsize         end;
} Reader;

#define OFFSET(r, i) ((r)->base + (i))

static gsize
left (const Reader *r)
{
  return r->end - r->pos;
}

/* Says that @what needs @n bytes where fewer are left, and uses up @r. */
static void
truncated (Reader     *r,
           HlField    *parent,
           gsize       n,
           const char *what)
{
  add_error (parent, OFFSET (r, r->pos), left (r),
             g_dngettext (GETTEXT_PACKAGE,
                          "truncated: %s needs %lu byte, %lu left at offset %lu",
                          "truncated: %s needs %lu bytes, %lu left at offset %lu",
                          n),
             what, (gulong)n, (gulong)left (r), (gulong)OFFSET (r, r->pos));
  r->pos = r->end;
}

/* Takes @n bytes; when fewer are left, names @what in an error under
 * @parent, uses up @r and returns FALSE. */
static gboolean
take (Reader     *r,
      HlField    *parent,
      gsize       n,
      const char *what,
      gsize      *start)
{
  if (left (r) < n)
    {
      truncated (r, parent, n, what);
      return FALSE;
    }

  *start = r->pos;
  r->pos += n;

  return TRUE;
}

/* Reads a length prefix of @prefix bytes as the field @name and hands the
 * vector it measures to @sub.  When the vector runs past the end, @sub
 * gets the bytes that are there, an error names @what, and the result is
 * FALSE; @r is then used up. */
static gboolean
read_vector (Reader     *r,
             HlField    *parent,
             gsize       prefix,
             const char *name,
             const char *what,
             Reader     *sub)
{
  gsize start;
  gsize n;

  if (left (r) < prefix)
    {
      g_autofree char *length_what = g_strdup_printf (_("the length of %s"), what);

      truncated (r, parent, prefix, length_what);
      *sub = *r;
      return FALSE;
    }

  start = r->pos;
  r->pos += prefix;
  n = get_be (r->data + start, prefix);
  hl_field_add_printf (parent, OFFSET (r, start), prefix, name, "%lu", (gulong)n);

  *sub = *r;
  if (n > left (r))
    {
      add_error (parent, OFFSET (r, r->pos), left (r),
                 _("truncated: %s says %lu bytes, %lu left at offset %lu"),
                 what, (gulong)n, (gulong)left (r), (gulong)OFFSET (r, r->pos));
      r->pos = r->end;
      return FALSE;
    }

  sub->end = sub->pos + n;
  r->pos += n;

  return TRUE;
}

/* Flags bytes that nothing accounts for. */
static gboolean
finish (Reader     *r,
        HlField    *parent,
        const char *what)
{
  if (left (r) == 0)
    return TRUE;

  add_error (parent, OFFSET (r, r->pos), left (r),
             g_dngettext (GETTEXT_PACKAGE,
                          "%lu unexpected byte after %s at offset %lu",
                          "%lu unexpected bytes after %s at offset %lu",
                          left (r)),
             (gulong)left (r), what, (gulong)OFFSET (r, r->pos));
  r->pos = r->end;

  return FALSE;
}

/* The rest of @r as one field of raw bytes. */
static void
add_rest (Reader     *r,
          HlField    *parent,
          const char *name)
{
  g_autofree char *hex = NULL;

  if (left (r) == 0)
    return;

  hex = hex_text (r->data + r->pos, left (r), HEX_MAX);
  hl_field_add (parent, name, hex, OFFSET (r, r->pos), left (r));
  r->pos = r->end;
}

/* ------------------------------------------------------------------ */
/* ASN.1 DER                                                           */

typedef enum
{
  DER_OK,
  DER_TRUNCATED,
  DER_TAG_TOO_LARGE,
  DER_INDEFINITE,
  DER_LENGTH_TOO_LARGE,
} DerStatus;

typedef struct
{
  guint    cls;          /* 0 universal, 1 application, 2 context-specific, 3 private */
  gboolean constructed;
  guint    number;
  gsize    tag_len;      /* identifier octets */
  gsize    header;       /* identifier and length octets */
  gsize    length;       /* content length as encoded, maybe past the end */
  gboolean not_minimal;  /* tag number or length in more octets than needed */
} DerHeader;

static DerStatus
der_header (const guint8 *p,
            gsize         n,
            DerHeader    *h)
{
  gsize i;

  memset (h, 0, sizeof *h);

  if (n < 1)
    return DER_TRUNCATED;

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
            return DER_TRUNCATED;
          if (i > 4)
            return DER_TAG_TOO_LARGE;
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
    return DER_TRUNCATED;

  if (p[i] < 0x80)
    {
      h->length = p[i++];
    }
  else if (p[i] == 0x80)
    {
      return DER_INDEFINITE;
    }
  else
    {
      gsize k = p[i++] & 0x7f;

      if (k > 4)
        return DER_LENGTH_TOO_LARGE;
      if (n - i < k)
        return DER_TRUNCATED;
      h->length = get_be (p + i, k);
      if (p[i] == 0 || h->length < 0x80)
        h->not_minimal = TRUE;
      i += k;
    }

  h->header = i;

  return DER_OK;
}

/* Walks the elements of a DER value without building fields, for the
 * summaries that need to look ahead. */
typedef struct
{
  const guint8 *p;
  gsize         n;
  gsize         pos;
  gboolean      bad;
} DerIter;

typedef struct
{
  DerHeader     h;
  const guint8 *content;
} DerElement;

static void
der_iter_init (DerIter      *it,
               const guint8 *p,
               gsize         n)
{
  it->p = p;
  it->n = n;
  it->pos = 0;
  it->bad = FALSE;
}

static gboolean
der_next (DerIter    *it,
          DerElement *e)
{
  if (it->pos >= it->n)
    return FALSE;

  if (der_header (it->p + it->pos, it->n - it->pos, &e->h) != DER_OK ||
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

static gboolean
der_is (const DerElement *e,
        guint             cls,
        guint             number)
{
  return e->h.cls == cls && e->h.number == number;
}

/* Exactly one well-formed element, and for a constructed one a
 * well-formed list of elements inside. */
static gboolean
der_is_single (const guint8 *p,
               gsize         n,
               DerElement   *e)
{
  DerIter it;
  DerElement dummy;

  der_iter_init (&it, p, n);
  if (!der_next (&it, e) || it.pos != n)
    return FALSE;

  if (e->h.constructed)
    {
      DerIter inner;

      der_iter_init (&inner, e->content, e->h.length);
      while (der_next (&inner, &dummy))
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

static const char *
der_universal_name (guint number)
{
  if (number < G_N_ELEMENTS (universal_names))
    return universal_names[number];
  return NULL;
}

/* "SEQUENCE", "[0]", "[APPLICATION 3]": ASN.1 notation, not translated */
static char *
der_type_name (const DerHeader *h)
{
  const char *name;

  switch (h->cls)
    {
    case 0:
      name = der_universal_name (h->number);
      return name ? g_strdup (name) : g_strdup_printf ("[UNIVERSAL %u]", h->number);
    case 1:
      return g_strdup_printf ("[APPLICATION %u]", h->number);
    case 2:
      return g_strdup_printf ("[%u]", h->number);
    default:
      return g_strdup_printf ("[PRIVATE %u]", h->number);
    }
}

/* An OID has a dozen arcs and a certificate dozens of OIDs: no printf. */
static void
append_decimal (GString *s,
                guint64  v)
{
  char digits[20];
  gsize n = 0;

  do
    digits[sizeof digits - ++n] = '0' + v % 10;
  while ((v /= 10) != 0);

  g_string_append_len (s, digits + sizeof digits - n, n);
}

static char *
oid_text (const guint8 *p,
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
                g_string_append (s, "0."), append_decimal (s, arc);
              else if (arc < 80)
                g_string_append (s, "1."), append_decimal (s, arc - 40);
              else
                g_string_append (s, "2."), append_decimal (s, arc - 80);
              first = FALSE;
            }
          else
            {
              g_string_append_c (s, '.');
              append_decimal (s, arc);
            }
          arc = 0;
          arc_start = TRUE;
        }
    }

  return g_string_free (g_steal_pointer (&s), FALSE);
}

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
      return escape_text ((const char *)p, n);
    }
  year[4] = 0;

  return g_strdup_printf ("%s-%c%c-%c%c %c%c:%c%c:%c%c UTC", year,
                          q[0], q[1], q[2], q[3], q[4], q[5], q[6], q[7], q[8], q[9]);
}

/* The text of a string or time value, or NULL when it is not one or
 * cannot be shown as text. */
static char *
der_string_text (guint         number,
                 const guint8 *p,
                 gsize         n)
{
  switch (number)
    {
    case 12: /* UTF8String */
      if (!g_utf8_validate ((const char *)p, n, NULL))
        return NULL;
      return escape_text ((const char *)p, n);

    case 18: /* NumericString */
    case 19: /* PrintableString */
    case 22: /* IA5String */
    case 25: /* GraphicString */
    case 26: /* VisibleString */
    case 27: /* GeneralString */
      for (gsize i = 0; i < n; i++)
        if (p[i] >= 0x80)
          return NULL;
      return escape_text ((const char *)p, n);

    case 20: /* T61String: in practice Latin-1 */
    case 21:
      {
        g_autoptr(GString) s = g_string_new (NULL);

        for (gsize i = 0; i < n; i++)
          g_string_append_unichar (s, p[i]);
        return escape_text (s->str, s->len);
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
            gunichar c = get_be (p + i, unit);

            if (!g_unichar_validate (c) || c == 0)
              return NULL;
            g_string_append_unichar (s, c);
          }
        return escape_text (s->str, s->len);
      }

    default:
      return NULL;
    }
}

/* "O=Handshake Lab, CN=www.handshake-lab.test" for a Name (RFC 5280
 * §4.1.2.4), in the order of the encoding; with @cn_only, the last common
 * name alone.  NULL when the bytes are not a Name. */
static char *
dn_text (const guint8 *p,
         gsize         n,
         gboolean      cn_only)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *cn = NULL;
  DerIter rdns;
  DerElement rdn;

  der_iter_init (&rdns, p, n);
  while (der_next (&rdns, &rdn))
    {
      DerIter atvs;
      DerElement atv;

      if (!der_is (&rdn, 0, 17) || !rdn.h.constructed)
        return NULL;

      der_iter_init (&atvs, rdn.content, rdn.h.length);
      while (der_next (&atvs, &atv))
        {
          DerIter parts;
          DerElement type, value;
          g_autofree char *oid = NULL;
          g_autofree char *text = NULL;
          const char *label;

          if (!der_is (&atv, 0, 16) || !atv.h.constructed)
            return NULL;
          der_iter_init (&parts, atv.content, atv.h.length);
          if (!der_next (&parts, &type) || !der_is (&type, 0, 6) ||
              !der_next (&parts, &value))
            return NULL;
          oid = oid_text (type.content, type.h.length);
          if (oid == NULL)
            return NULL;

          text = value.h.cls == 0 ? der_string_text (value.h.number, value.content, value.h.length) : NULL;
          if (text == NULL)
            {
              g_autofree char *hex = hex_text (value.content, value.h.length, HEX_SUMMARY);

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
  char *text = dn_text (p, n, TRUE);

  if (text == NULL)
    text = dn_text (p, n, FALSE);

  return text;
}

/* Subject and issuer of an X.509 certificate (RFC 5280 §4.1). */
static gboolean
certificate_names (const guint8  *p,
                   gsize          n,
                   char         **subject,
                   char         **issuer)
{
  DerIter it;
  DerElement cert, tbs, e;
  guint index = 0;

  *subject = *issuer = NULL;

  der_iter_init (&it, p, n);
  if (!der_next (&it, &cert) || !der_is (&cert, 0, 16))
    return FALSE;
  der_iter_init (&it, cert.content, cert.h.length);
  if (!der_next (&it, &tbs) || !der_is (&tbs, 0, 16))
    return FALSE;

  /* [0] version, serialNumber, signature, issuer, validity, subject */
  der_iter_init (&it, tbs.content, tbs.h.length);
  while (der_next (&it, &e))
    {
      if (index == 0 && der_is (&e, 2, 0))
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

/* A summary of a constructed value: a name, an attribute
 * ("commonName = www.handshake-lab.test"), an extension
 * ("basicConstraints, critical"), or how many elements it has. */
static char *
der_constructed_summary (const DerHeader *h,
                         const guint8    *p,
                         gsize            n)
{
  DerIter it;
  DerElement first, second, third;
  guint count = 0;

  if (h->cls == 0 && h->number == 16 && n > 0)
    {
      char *dn = dn_text (p, n, FALSE);

      if (dn != NULL)
        return dn;
    }

  der_iter_init (&it, p, n);
  if (der_next (&it, &first))
    {
      count = 1;

      if (der_is (&first, 0, 6))
        {
          g_autofree char *oid = oid_text (first.content, first.h.length);
          const char *name = oid ? hl_oid_name (oid) : NULL;
          const char *label = name ? name : oid;

          if (label != NULL)
            {
              if (der_next (&it, &second))
                {
                  g_autofree char *text = NULL;

                  if (second.h.cls == 0 && !second.h.constructed)
                    text = der_string_text (second.h.number, second.content, second.h.length);
                  if (text != NULL)
                    return g_strdup_printf ("%s = %s", label, text);
                  if (der_is (&second, 0, 1) && second.h.length == 1 && second.content[0] != 0 &&
                      der_next (&it, &third) && der_is (&third, 0, 4))
                    return g_strdup_printf (_("%s, critical"), label);
                }
              return g_strdup (label);
            }
        }
      else if (h->cls == 0 && h->number == 17 && der_is (&first, 0, 16) &&
               it.pos == n)
        {
          return der_constructed_summary (&first.h, first.content, first.h.length);
        }

      while (der_next (&it, &second))
        count++;
    }

  if (it.bad)
    return NULL;

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u element", "%u elements", count), count);
}

/* An extension (RFC 5280 §4.1): SEQUENCE { OID, [BOOLEAN,] OCTET STRING };
 * its OCTET STRING holds DER of its own. */
static gboolean
der_is_extension (const guint8 *p,
                  gsize         n)
{
  DerIter it;
  DerElement e;
  guint count = 0;

  der_iter_init (&it, p, n);
  if (!der_next (&it, &e) || !der_is (&e, 0, 6))
    return FALSE;
  count = 1;
  while (der_next (&it, &e))
    count++;

  return !it.bad && count >= 2 && count <= 3 && der_is (&e, 0, 4) && !e.h.constructed;
}

/* The words of every DER element, translated once per decoded value
 * rather than once per element, and the text of each tag it has met: a
 * certificate has a hundred elements and a dozen different tags. */
typedef struct
{
  guint8  bytes[5];
  gsize   len;
  char   *text;
} TagText;

typedef struct
{
  const char *tag;
  const char *classes[4];
  const char *constructed;
  const char *primitive;
  const char *length;
  const char *value;
  TagText     tags[24];
  guint       n_tags;
  char       *spare;       /* the text of a tag met when the table is full */
} DerTexts;

static void der_walk (DerTexts       *t,
                      HlField        *parent,
                      const guint8   *data,
                      gsize           start,
                      gsize           end,
                      gsize           base,
                      guint           depth,
                      gboolean        in_extension);

static char *
integer_summary (const guint8 *p,
                 gsize         n,
                 char        **full)
{
  g_autofree char *hex = hex_text (p, n, HEX_MAX);

  if (n <= 8)
    {
      guint64 u = (p[0] & 0x80) ? G_MAXUINT64 : 0;

      for (gsize i = 0; i < n; i++)
        u = (u << 8) | p[i];
      *full = g_strdup_printf ("%" G_GINT64_FORMAT " (0x%s)", (gint64)u, hex);
      return g_strdup (*full);
    }
  else
    {
      gsize i = 0;
      guint bits;
      g_autofree char *start = NULL;

      while (i < n - 1 && p[i] == 0)
        i++;
      bits = (guint)(n - i - 1) * 8 + g_bit_storage (p[i]);
      start = hex_text (p + i, n - i, HEX_SUMMARY);
      *full = g_steal_pointer (&hex);
      return g_strdup_printf (_("%u-bit number: %s"), bits, start);
    }
}

/* Fills @draft with the content of a primitive value and returns its
 * summary. */
static char *
der_primitive (DerTexts        *t,
               HlField         *draft,
               const DerHeader *h,
               const guint8    *data,
               gsize            start,
               gsize            n,
               gsize            base,
               guint            depth,
               gboolean         in_extension)
{
  const guint8 *p = data + start;
  gsize offset = base + start;
  g_autofree char *full = NULL;
  char *summary = NULL;
  DerElement inner;

  if (h->cls == 2)
    {
      /* context-specific: a dNSName, a key identifier… text when it is */
      gboolean ascii = n > 0;

      for (gsize i = 0; i < n; i++)
        if (p[i] < 0x20 || p[i] >= 0x7f)
          ascii = FALSE;
      full = ascii ? g_strndup ((const char *)p, n) : hex_text (p, n, HEX_MAX);
      summary = ascii ? g_strdup (full) : hex_text (p, n, HEX_SUMMARY);
    }
  else if (h->cls != 0)
    {
      full = hex_text (p, n, HEX_MAX);
      summary = hex_text (p, n, HEX_SUMMARY);
    }
  else
    {
      switch (h->number)
        {
        case 1: /* BOOLEAN */
          if (n != 1)
            add_error (draft, offset, n, _("a BOOLEAN must be 1 byte, this one is %lu"), (gulong)n);
          else if (p[0] != 0 && p[0] != 0xff)
            add_error (draft, offset, n, _("not DER: TRUE must be 0xff, this is 0x%02x"), p[0]);
          if (n >= 1)
            {
              full = g_strdup (p[0] ? "TRUE" : "FALSE");
              summary = g_strdup (full);
            }
          break;

        case 2: /* INTEGER */
        case 10: /* ENUMERATED */
          if (n == 0)
            {
              add_error (draft, offset, 0, _("an INTEGER needs at least 1 byte"));
              break;
            }
          if (n > 1 && ((p[0] == 0 && p[1] < 0x80) || (p[0] == 0xff && p[1] >= 0x80)))
            add_error (draft, offset, 1, _("not DER: the integer has a redundant leading byte"));
          summary = integer_summary (p, n, &full);
          break;

        case 3: /* BIT STRING */
          if (n == 0)
            {
              add_error (draft, offset, 0, _("a BIT STRING needs at least 1 byte (the unused bits)"));
              break;
            }
          if (p[0] > 7 || (n == 1 && p[0] != 0))
            add_error (draft, offset, 1, _("a BIT STRING cannot have %u unused bits here"), p[0]);
          hl_field_add_printf (draft, offset, 1, _("Unused bits"), "%u", p[0]);
          if (p[0] == 0 && depth + 1 < HL_DECODE_DER_MAX_DEPTH &&
              der_is_single (p + 1, n - 1, &inner) && der_is (&inner, 0, 16) && inner.h.constructed)
            {
              der_walk (t, draft, data, start + 1, start + n, base, depth + 1, FALSE);
              return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%lu bit, holding DER",
                                                   "%lu bits, holding DER",
                                                   (n - 1) * 8),
                                      (gulong)(n - 1) * 8);
            }
          if (n > 1)
            {
              g_autofree char *hex = hex_text (p + 1, n - 1, HEX_SUMMARY);
              g_autofree char *all = hex_text (p + 1, n - 1, HEX_MAX);
              gulong bits = (n - 1) * 8 - MIN (p[0], 7);

              hl_field_add (draft, _("Value"), all, offset + 1, n - 1);
              return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%lu bit: %s",
                                                   "%lu bits: %s",
                                                   bits), bits, hex);
            }
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu bit", "%lu bits", 0), 0ul);

        case 4: /* OCTET STRING */
          if (in_extension && depth + 1 < HL_DECODE_DER_MAX_DEPTH &&
              der_is_single (p, n, &inner) && inner.h.cls == 0 &&
              (inner.h.constructed ? (inner.h.number == 16 || inner.h.number == 17)
                                   : (inner.h.number == 1 || inner.h.number == 2 ||
                                      inner.h.number == 3 || inner.h.number == 4)))
            {
              der_walk (t, draft, data, start, start + n, base, depth + 1, FALSE);
              return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%lu byte, holding DER",
                                                   "%lu bytes, holding DER",
                                                   n), (gulong)n);
            }
          full = hex_text (p, n, HEX_MAX);
          summary = n > 0 ? hex_text (p, n, HEX_SUMMARY) : g_strdup (_("empty"));
          break;

        case 5: /* NULL */
          if (n != 0)
            add_error (draft, offset, n, _("a NULL must be empty, this one has %lu bytes"), (gulong)n);
          summary = g_strdup ("NULL");
          break;

        case 6: /* OBJECT IDENTIFIER */
          {
            g_autofree char *oid = oid_text (p, n);
            const char *name = oid ? hl_oid_name (oid) : NULL;

            if (oid == NULL)
              {
                add_error (draft, offset, n, _("not a valid object identifier"));
                full = hex_text (p, n, HEX_MAX);
              }
            else if (name != NULL)
              full = g_strdup_printf ("%s (%s)", oid, name);
            else
              full = g_strdup (oid);
            summary = g_strdup (full);
          }
          break;

        default:
          full = der_string_text (h->number, p, n);
          if (full == NULL)
            {
              if (der_universal_name (h->number) != NULL && h->number >= 12 && h->number != 13)
                add_error (draft, offset, n, _("not a valid %s"), der_universal_name (h->number));
              full = hex_text (p, n, HEX_MAX);
              summary = hex_text (p, n, HEX_SUMMARY);
            }
          else
            {
              summary = g_strdup (full);
            }
          break;
        }
    }

  if (n > 0 && full != NULL)
    hl_field_add (draft, t->value, full, offset, n);

  return summary;
}

static void
der_texts_init (DerTexts *t)
{
  memset (t, 0, sizeof *t);
  t->tag = _("Tag");
  t->classes[0] = _("universal");
  t->classes[1] = _("application");
  t->classes[2] = _("context-specific");
  t->classes[3] = _("private");
  t->constructed = _("constructed");
  t->primitive = _("primitive");
  t->length = _("Length");
  t->value = _("Value");
}

/* "%lu" without printf: a certificate has a hundred lengths. */
static void
add_number (HlField    *parent,
            const char *name,
            gulong      number,
            gsize       offset,
            gsize       length)
{
  char digits[24];
  gsize n = sizeof digits - 1;

  digits[n] = '\0';
  do
    digits[--n] = '0' + number % 10;
  while ((number /= 10) != 0);

  hl_field_add (parent, name, digits + n, offset, length);
}

/* Decodes the DER values in data[start..end) under @parent, each as a
 * field named after its type with Tag, Length and content children. */
static void
der_elements (HlField      *parent,
              const guint8 *data,
              gsize         start,
              gsize         end,
              gsize         base,
              guint         depth,
              gboolean      in_extension)
{
  DerTexts t;

  der_texts_init (&t);
  der_walk (&t, parent, data, start, end, base, depth, in_extension);

  for (guint i = 0; i < t.n_tags; i++)
    g_free (t.tags[i].text);
  g_free (t.spare);
}

/* "0x30: universal, constructed, number 16" for the tag at @p. */
static const char *
tag_text (DerTexts        *t,
          const guint8    *p,
          const DerHeader *h)
{
  char hex[2 * G_N_ELEMENTS (t->tags[0].bytes) + 1];   /* der_header(): at most 5 octets */
  char *text;

  for (guint i = 0; i < t->n_tags; i++)
    if (t->tags[i].len == h->tag_len && memcmp (t->tags[i].bytes, p, h->tag_len) == 0)
      return t->tags[i].text;

  for (gsize i = 0; i < h->tag_len; i++)
    {
      hex[2 * i] = "0123456789abcdef"[p[i] >> 4];
      hex[2 * i + 1] = "0123456789abcdef"[p[i] & 0xf];
    }
  hex[2 * h->tag_len] = '\0';

  /* Translators: "0x30: universal, constructed, number 16" */
  text = g_strdup_printf (_("0x%s: %s, %s, number %u"), hex, t->classes[h->cls],
                          h->constructed ? t->constructed : t->primitive, h->number);

  if (t->n_tags == G_N_ELEMENTS (t->tags))
    {
      g_free (t->spare);
      return t->spare = text;
    }

  memcpy (t->tags[t->n_tags].bytes, p, h->tag_len);
  t->tags[t->n_tags].len = h->tag_len;
  t->tags[t->n_tags].text = text;

  return t->tags[t->n_tags++].text;
}

static void
der_walk (DerTexts       *t,
          HlField        *parent,
          const guint8   *data,
          gsize           start,
          gsize           end,
          gsize           base,
          guint           depth,
          gboolean        in_extension)
{
  gsize pos = start;

  if (depth >= HL_DECODE_DER_MAX_DEPTH)
    {
      add_error (parent, base + start, end - start,
                 _("nested deeper than %u levels: not decoded further"),
                 HL_DECODE_DER_MAX_DEPTH);
      return;
    }

  while (pos < end)
    {
      g_autoptr(HlField) draft = NULL;
      g_autofree char *name = NULL;
      g_autofree char *summary = NULL;
      gsize length_len;
      gsize content;
      gsize avail;
      gsize n;
      DerHeader h;

      switch (der_header (data + pos, end - pos, &h))
        {
        case DER_OK:
          break;
        case DER_TRUNCATED:
          add_error (parent, base + pos, end - pos,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "truncated: the DER header at offset %lu does not fit in the %lu byte left",
                                  "truncated: the DER header at offset %lu does not fit in the %lu bytes left",
                                  end - pos),
                     (gulong)(base + pos), (gulong)(end - pos));
          return;
        case DER_TAG_TOO_LARGE:
          add_error (parent, base + pos, end - pos,
                     _("the tag number at offset %lu takes more than 4 bytes"), (gulong)(base + pos));
          return;
        case DER_INDEFINITE:
          add_error (parent, base + pos, end - pos,
                     _("indefinite length at offset %lu: BER allows it, DER does not"),
                     (gulong)(base + pos + h.tag_len));
          return;
        case DER_LENGTH_TOO_LARGE:
          add_error (parent, base + pos, end - pos,
                     _("the length at offset %lu takes more than 4 bytes"),
                     (gulong)(base + pos + h.tag_len));
          return;
        default:
          g_assert_not_reached ();
        }

      content = pos + h.header;
      avail = end - content;
      n = MIN (h.length, avail);
      length_len = h.header - h.tag_len;
      name = der_type_name (&h);
      draft = draft_new ();

      hl_field_add (draft, t->tag, tag_text (t, data + pos, &h), base + pos, h.tag_len);
      if (length_len == 1)
        add_number (draft, t->length, h.length, base + pos + h.tag_len, 1);
      else
        hl_field_add_printf (draft, base + pos + h.tag_len, length_len, t->length,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "%lu (long form: 0x%02x, then %lu byte)",
                                          "%lu (long form: 0x%02x, then %lu bytes)",
                                          length_len - 1),
                             (gulong)h.length, data[pos + h.tag_len], (gulong)(length_len - 1));

      if (h.not_minimal)
        add_error (draft, base + pos, h.header,
                   _("not DER: the tag or the length is not written in the fewest bytes"));
      if (h.cls == 0 && (h.number == 16 || h.number == 17) && !h.constructed)
        add_error (draft, base + pos, h.tag_len, _("not DER: a %s must be constructed"), name);
      else if (h.cls == 0 && h.constructed && h.number != 8 && h.number != 11 &&
               h.number != 16 && h.number != 17)
        add_error (draft, base + pos, h.tag_len, _("not DER: a %s must be primitive"), name);
      if (h.length > avail)
        add_error (draft, base + content, avail,
                   _("truncated: %s says %lu bytes, %lu left at offset %lu"),
                   name, (gulong)h.length, (gulong)avail, (gulong)(base + content));

      if (h.constructed)
        {
          gboolean extension = h.cls == 0 && h.number == 16 && der_is_extension (data + content, n);

          der_walk (t, draft, data, content, content + n, base, depth + 1, extension);
          summary = der_constructed_summary (&h, data + content, n);
        }
      else
        {
          summary = der_primitive (t, draft, &h, data, content, n, base, depth, in_extension);
        }

      draft_commit_to (parent, draft, name, summary, base + pos, h.header + n);
      pos = content + n;
    }
}

/* What a DER value is, in a few words: a certificate's subject and
 * issuer, a name, or its type. */
static char *
der_summary (const guint8 *data,
             gsize         len)
{
  g_autofree char *subject = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *type = NULL;
  DerElement e;

  if (certificate_names (data, len, &subject, &issuer))
    return g_strdup_printf (_("%s, issued by %s"), subject, issuer);

  if (!der_is_single (data, len, &e))
    return NULL;

  type = der_type_name (&e.h);
  if (e.h.constructed)
    {
      g_autofree char *inner = der_constructed_summary (&e.h, e.content, e.h.length);

      if (inner != NULL)
        return g_strdup_printf ("%s: %s", type, inner);
    }

  return g_steal_pointer (&type);
}

HlField *
hl_decode_der (const guint8 *data,
               gsize         len,
               gsize         base_offset)
{
  g_autoptr(HlField) draft = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  draft = draft_new ();
  if (len == 0)
    add_error (draft, base_offset, 0, _("empty: no DER value"));
  else
    der_elements (draft, data, 0, len, base_offset, 0, FALSE);

  summary = len > 0 ? der_summary (data, len) : NULL;

  return draft_commit (draft, _("DER"), summary, base_offset, len);
}

/* ------------------------------------------------------------------ */
/* Pieces of handshake messages                                        */

static gboolean
read_version (Reader     *r,
              HlField    *parent,
              const char *name,
              const char *what,
              guint      *version)
{
  g_autofree char *text = NULL;
  gsize i;

  if (!take (r, parent, 2, what, &i))
    return FALSE;

  *version = get_be (r->data + i, 2);
  text = version_text (*version);
  hl_field_add (parent, name, text, OFFSET (r, i), 2);

  return TRUE;
}

/* RFC 5246 §7.4.1.2: gmt_unix_time (4 bytes) and random_bytes (28) */
static gboolean
read_random (Reader  *r,
             HlField *parent,
             char   **hex_out)
{
  g_autofree char *hex = NULL;
  g_autofree char *value = NULL;
  g_autofree char *rest = NULL;
  const guint8 *p;
  HlField *field;
  guint32 t;
  gsize i;

  if (!take (r, parent, 32, _("the random"), &i))
    return FALSE;

  p = r->data + i;
  t = get_be (p, 4);
  hex = hex_text (p, 32, 32);
  if (t == 0)
    value = g_strdup_printf (_("%s (first 4 bytes zero: BearSSL sends no gmt_unix_time)"), hex);
  field = hl_field_add (parent, _("Random"), value ? value : hex, OFFSET (r, i), 32);

  if (t == 0)
    {
      hl_field_add (field, "gmt_unix_time",
                    _("0: BearSSL puts zeros here instead of the time; RFC 5246 §7.4.1.2 does not "
                      "require clocks to be set correctly"),
                    OFFSET (r, i), 4);
    }
  else
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (t);
      g_autofree char *date = when ? g_date_time_format (when, "%Y-%m-%d %H:%M:%S UTC") : NULL;

      hl_field_add_printf (field, OFFSET (r, i), 4, "gmt_unix_time", "%u (%s)", t, date ? date : "?");
    }

  rest = hex_text (p + 4, 28, 28);
  hl_field_add (field, "random_bytes", rest, OFFSET (r, i + 4), 28);

  if (hex_out != NULL)
    *hex_out = g_steal_pointer (&hex);

  return TRUE;
}

static gboolean
read_session_id (Reader  *r,
                 HlField *parent)
{
  g_autofree char *hex = NULL;
  Reader v;

  if (!read_vector (r, parent, 1, _("Session ID length"), _("the session ID"), &v))
    return FALSE;

  if (left (&v) == 0)
    return TRUE;

  hex = hex_text (v.data + v.pos, left (&v), HEX_MAX);
  hl_field_add (parent, _("Session ID"), hex, OFFSET (&v, v.pos), left (&v));
  if (left (&v) > 32)
    add_error (parent, OFFSET (&v, v.pos), left (&v),
               _("a session ID has at most 32 bytes, this one has %lu"), (gulong)left (&v));

  return TRUE;
}

/* A SignatureAndHashAlgorithm of TLS 1.2 (RFC 5246 §7.4.1.4.1), which
 * TLS 1.3 renamed SignatureScheme. */
static const char *
add_signature_algorithm (HlField      *parent,
                         const guint8 *p,
                         gsize         offset)
{
  guint code = get_be (p, 2);
  const char *scheme = hl_signature_scheme_name (code);
  const char *hash = hl_hash_algorithm_name (p[0]);
  const char *signature = hl_signature_algorithm_name (p[1]);
  gboolean pair = p[0] >= 1 && p[0] <= 6 && hash != NULL && signature != NULL;
  g_autofree char *value = NULL;
  HlField *field;

  if (scheme != NULL)
    value = named_hex4 (scheme, code);
  else if (pair)
    value = g_strdup_printf ("%s + %s (0x%04X)", hash, signature, code);
  else
    value = named_hex4 (NULL, code);

  field = hl_field_add (parent, _("Signature algorithm"), value, offset, 2);
  if (pair)
    {
      g_autofree char *h = named (hash, p[0]);
      g_autofree char *s = named (signature, p[1]);

      hl_field_add (field, _("Hash"), h, offset, 1);
      hl_field_add (field, _("Signature"), s, offset + 1, 1);
    }

  return scheme;
}

/* A list of SignatureAndHashAlgorithm, with a 2-byte length. */
static gboolean
read_signature_algorithms (Reader  *r,
                           HlField *parent,
                           guint   *count)
{
  g_autoptr(HlField) draft = draft_new ();
  g_autofree char *value = NULL;
  gboolean ok;
  gsize start;
  Reader v;

  ok = read_vector (r, parent, 2, _("Signature algorithms length"),
                    _("the signature algorithms list"), &v);
  start = v.pos;
  *count = 0;
  while (left (&v) >= 2)
    {
      add_signature_algorithm (draft, v.data + v.pos, OFFSET (&v, v.pos));
      v.pos += 2;
      (*count)++;
    }
  if (left (&v) > 0)
    ok = finish (&v, draft, _("the last complete algorithm (each takes 2 bytes)")) && ok;

  if (v.end > start)
    {
      value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u algorithm",
                                            "%u algorithms",
                                            *count), *count);
      draft_commit_to (parent, draft, _("Signature algorithms"), value,
                       OFFSET (&v, start), v.end - start);
    }

  return ok;
}

/* An elliptic curve point (RFC 8422 §5.4, ANSI X9.62): 04 x y. */
static void
add_point (HlField      *parent,
           const char   *name,
           const guint8 *p,
           gsize         n,
           gsize         offset)
{
  g_autofree char *hex = hex_text (p, n, HEX_MAX);
  HlField *field = hl_field_add (parent, name, hex, offset, n);

  if (n >= 3 && p[0] == 0x04 && (n - 1) % 2 == 0)
    {
      gsize half = (n - 1) / 2;
      g_autofree char *x = hex_text (p + 1, half, HEX_MAX);
      g_autofree char *y = hex_text (p + 1 + half, half, HEX_MAX);

      hl_field_add (field, _("Point form"), _("uncompressed (0x04): x and y follow"), offset, 1);
      hl_field_add (field, "x", x, offset + 1, half);
      hl_field_add (field, "y", y, offset + 1 + half, half);
    }
}

/* An opaque vector with a length prefix, shown as hex; on truncation,
 * what is there. */
static gboolean
read_opaque (Reader     *r,
             HlField    *parent,
             gsize       prefix,
             const char *length_name,
             const char *name,
             const char *what,
             gsize      *length)
{
  gboolean ok;
  Reader v;

  ok = read_vector (r, parent, prefix, length_name, what, &v);
  if (left (&v) > 0)
    {
      g_autofree char *hex = hex_text (v.data + v.pos, left (&v), HEX_MAX);

      hl_field_add (parent, name, hex, OFFSET (&v, v.pos), left (&v));
    }
  if (length != NULL)
    *length = left (&v);

  return ok;
}

/* 0 means "not negotiated yet", though it is TLS_NULL_WITH_NULL_NULL. */
static const char *
negotiated_suite_name (const HlDecodeContext *ctx)
{
  return ctx->cipher_suite != 0 ? hl_cipher_suite_name_any (ctx->cipher_suite) : NULL;
}

/* A digitally-signed value (RFC 5246 §4.7) with its 2-byte length.  An
 * ECDSA signature is itself DER, SEQUENCE { r INTEGER, s INTEGER }
 * (RFC 8422 §5.4): then its parts are shown too. */
static gboolean
read_signature (Reader  *r,
                HlField *parent,
                gsize   *length)
{
  g_autofree char *hex = NULL;
  const guint8 *p;
  gboolean ok;
  HlField *field;
  DerElement e;
  Reader v;
  gsize n;

  ok = read_vector (r, parent, 2, _("Signature length"), _("the signature"), &v);
  n = left (&v);
  if (length != NULL)
    *length = n;
  if (n == 0)
    return ok;

  p = v.data + v.pos;
  hex = hex_text (p, n, HEX_MAX);
  field = hl_field_add (parent, _("Signature"), hex, OFFSET (&v, v.pos), n);
  if (der_is_single (p, n, &e) && der_is (&e, 0, 16) && e.h.constructed)
    der_elements (field, v.data, v.pos, v.end, v.base, 0, FALSE);

  return ok;
}

/* When the negotiated version is unknown, the layout that fits the
 * lengths wins, and a note says so. */
static gboolean
layout_is_tls12 (const HlDecodeContext *ctx,
                 gboolean               fits_tls12,
                 gboolean               fits_older,
                 HlField               *parent)
{
  if (ctx->version >= 0x0303)
    return TRUE;
  if (ctx->version != 0)
    return FALSE;

  if (fits_tls12)
    add_note (parent, _("The protocol version is not known here; the lengths fit the layout of TLS 1.2, "
                        "with signature algorithms."));
  else if (fits_older)
    add_note (parent, _("The protocol version is not known here; the lengths fit the layout of TLS 1.0 "
                        "and 1.1, without signature algorithms."));
  else
    add_note (parent, _("The protocol version is not known here; the layout of TLS 1.2 is assumed."));

  return fits_tls12 || !fits_older;
}

/* Does a 2-byte length at @at (from the reader's position) measure the
 * rest exactly? */
static gboolean
fits_vector16 (const Reader *r,
               gsize         at)
{
  gsize n = left (r);

  return n >= at + 2 && get_be (r->data + r->pos + at, 2) == n - at - 2;
}

static char *
host_name_text (const guint8 *p,
                gsize         n,
                gboolean     *ascii)
{
  *ascii = TRUE;
  for (gsize i = 0; i < n; i++)
    if (p[i] <= 0x20 || p[i] >= 0x7f)
      *ascii = FALSE;

  if (*ascii)
    return g_strndup ((const char *)p, n);

  return hex_text (p, n, HEX_MAX);
}

/* ------------------------------------------------------------------ */
/* Hello extensions                                                    */

/* RFC 6066 §3 */
static char *
ext_server_name (Reader   *b,
                 HlField  *ext,
                 gboolean  from_server)
{
  g_autoptr(GString) names = g_string_new (NULL);
  Reader list;

  if (left (b) == 0)
    return g_strdup (from_server ? _("empty: the server acknowledges the name the client asked for")
                                 : _("empty"));

  read_vector (b, ext, 2, _("Server name list length"), _("the server name list"), &list);
  while (left (&list) > 0)
    {
      g_autoptr(HlField) entry = draft_new ();
      g_autofree char *type_text = NULL;
      g_autofree char *text = NULL;
      gsize start = list.pos;
      gboolean ascii = TRUE;
      gboolean ok;
      Reader name;
      guint type;
      gsize i;

      if (!take (&list, ext, 1, _("the name type"), &i))
        break;
      type = list.data[i];
      type_text = named (type == 0 ? "host_name" : NULL, type);
      hl_field_add (entry, _("Name type"), type_text, OFFSET (&list, i), 1);

      ok = read_vector (&list, entry, 2, _("Name length"), _("the name"), &name);
      text = host_name_text (name.data + name.pos, left (&name), &ascii);
      if (left (&name) > 0)
        hl_field_add (entry, type == 0 ? _("Host name") : _("Name"), text,
                      OFFSET (&name, name.pos), left (&name));
      if (!ascii && type == 0)
        add_error (entry, OFFSET (&name, name.pos), left (&name),
                   _("a host name is ASCII letters, digits, dots and hyphens"));

      draft_commit_to (ext, entry, _("Server name"), text, OFFSET (&list, start), list.pos - start);
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, text);

      if (!ok)
        break;
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* RFC 6066 §4 */
static char *
ext_max_fragment_length (Reader  *b,
                         HlField *ext)
{
  g_autofree char *name = NULL;
  char *text;
  guint code;
  gsize i;

  if (!take (b, ext, 1, _("the maximum fragment length"), &i))
    return NULL;

  code = b->data[i];
  if (code >= 1 && code <= 4)
    name = g_strdup_printf ("2^%u = %u", 8 + code, 1u << (8 + code));
  text = named (name, code);
  hl_field_add (ext, _("Maximum fragment length"), text, OFFSET (b, i), 1);

  return text;
}

/* A list of 2-byte or 1-byte code points, each shown by name. */
static char *
ext_code_list (Reader      *b,
               HlField     *ext,
               gsize        prefix,
               gsize        size,
               const char  *length_name,
               const char  *what,
               const char  *item_name,
               const char *(*lookup) (guint))
{
  g_autoptr(GString) names = g_string_new (NULL);
  Reader list;

  read_vector (b, ext, prefix, length_name, what, &list);
  while (left (&list) >= size)
    {
      guint code = get_be (list.data + list.pos, size);
      const char *name = lookup (code);
      g_autofree char *text = size == 2 ? named_hex4 (name, code) : named (name, code);

      hl_field_add (ext, item_name, text, OFFSET (&list, list.pos), size);
      list.pos += size;

      if (names->len > 0)
        g_string_append (names, ", ");
      if (name != NULL)
        g_string_append (names, name);
      else
        g_string_append_printf (names, "0x%0*X", (int)size * 2, code);
    }
  finish (&list, ext, _("the last complete item of the list"));

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* RFC 7301 §3.1 */
static char *
ext_alpn (Reader  *b,
          HlField *ext)
{
  g_autoptr(GString) names = g_string_new (NULL);
  Reader list;

  read_vector (b, ext, 2, _("Protocol name list length"), _("the protocol name list"), &list);
  while (left (&list) > 0)
    {
      g_autoptr(HlField) entry = draft_new ();
      g_autofree char *text = NULL;
      gsize start = list.pos;
      gboolean ascii;
      gboolean ok;
      Reader name;

      ok = read_vector (&list, entry, 1, _("Protocol name length"), _("the protocol name"), &name);
      text = host_name_text (name.data + name.pos, left (&name), &ascii);
      if (left (&name) > 0)
        hl_field_add (entry, _("Protocol name"), text, OFFSET (&name, name.pos), left (&name));
      draft_commit_to (ext, entry, _("Protocol"), text, OFFSET (&list, start), list.pos - start);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, text);

      if (!ok)
        break;
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* RFC 5746 §3.2 */
static char *
ext_renegotiation_info (Reader   *b,
                        HlField  *ext,
                        gboolean  from_server)
{
  gsize n = 0;

  read_opaque (b, ext, 1, _("Renegotiated connection length"), _("Renegotiated connection"),
               _("the renegotiated connection"), &n);
  if (n == 0)
    return g_strdup (_("empty: a first handshake, not a renegotiation"));

  if (from_server)
    return g_strdup_printf (_("%lu bytes: the verify_data of both Finished messages of the previous handshake"),
                            (gulong)n);
  return g_strdup_printf (_("%lu bytes: the verify_data of the client's Finished of the previous handshake"),
                          (gulong)n);
}

static char *
ext_session_ticket (Reader   *b,
                    HlField  *ext,
                    gboolean  from_server)
{
  gsize n = left (b);

  if (n == 0)
    return g_strdup (from_server ? _("empty: the server will send a new ticket")
                                 : _("empty: the client asks for a ticket"));

  add_rest (b, ext, _("Ticket"));

  return bytes_text (n);
}

static char *
decode_extension_body (Reader   *b,
                       HlField  *ext,
                       guint     type,
                       gboolean  from_server)
{
  gsize n = left (b);

  switch (type)
    {
    case 0:
      return ext_server_name (b, ext, from_server);
    case 1:
      return ext_max_fragment_length (b, ext);
    case 10:
      return ext_code_list (b, ext, 2, 2, _("Named group list length"), _("the named group list"),
                            _("Named group"), hl_named_group_name);
    case 11:
      return ext_code_list (b, ext, 1, 1, _("EC point format list length"), _("the EC point format list"),
                            _("EC point format"), hl_ec_point_format_name);
    case 13:
      {
        guint count = 0;

        read_signature_algorithms (b, ext, &count);
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u algorithm", "%u algorithms", count), count);
      }
    case 16:
      return ext_alpn (b, ext);
    case 22: /* encrypt_then_mac */
    case 23: /* extended_master_secret */
    case 49: /* post_handshake_auth */
      return g_strdup (n == 0 ? _("empty: the extension itself is the signal") : NULL);
    case 35:
      return ext_session_ticket (b, ext, from_server);
    case 65281:
      return ext_renegotiation_info (b, ext, from_server);
    default:
      add_rest (b, ext, _("Extension data"));
      return n == 0 ? g_strdup (_("empty")) : bytes_text (n);
    }
}

/* One extension: type, length, data.  Returns FALSE when it runs past the
 * end of the list; @added says whether a field for it was made. */
static gboolean
read_extension (Reader   *r,
                HlField  *parent,
                gboolean  from_server,
                gboolean *added)
{
  g_autoptr(HlField) draft = draft_new ();
  g_autofree char *name = NULL;
  g_autofree char *type_text = NULL;
  g_autofree char *what = NULL;
  g_autofree char *summary = NULL;
  const char *known;
  gsize start = r->pos;
  gboolean ok;
  Reader body;
  guint type;
  gsize i;

  *added = FALSE;
  if (!take (r, parent, 2, _("an extension type"), &i))
    return FALSE;

  type = get_be (r->data + i, 2);
  known = hl_extension_name (type);
  name = known ? g_strdup (known) : g_strdup_printf (_("unknown extension %u"), type);
  type_text = named (known, type);
  hl_field_add (draft, _("Type"), type_text, OFFSET (r, i), 2);

  what = g_strdup_printf (_("the %s extension"), name);
  ok = read_vector (r, draft, 2, _("Length"), what, &body);
  if (ok)
    {
      summary = decode_extension_body (&body, draft, type, from_server);
      finish (&body, draft, what);
    }
  else
    {
      add_rest (&body, draft, _("Extension data"));
    }

  draft_commit_to (parent, draft, name, summary, OFFSET (r, start), r->pos - start);
  *added = TRUE;

  return ok;
}

static gboolean
read_extensions (Reader   *r,
                 HlField  *parent,
                 gboolean  from_server,
                 guint    *count)
{
  g_autoptr(HlField) draft = draft_new ();
  g_autofree char *value = NULL;
  gboolean ok;
  gsize start;
  Reader list;

  *count = 0;
  ok = read_vector (r, parent, 2, _("Extensions length"), _("the extensions list"), &list);
  start = list.pos;
  while (left (&list) > 0)
    {
      gboolean added;
      gboolean complete = read_extension (&list, draft, from_server, &added);

      if (added)
        (*count)++;
      if (!complete)
        {
          ok = FALSE;
          break;
        }
    }

  if (list.end > start)
    {
      value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u extension",
                                            "%u extensions",
                                            *count), *count);
      draft_commit_to (parent, draft, _("Extensions"), value, OFFSET (&list, start), list.end - start);
    }

  return ok;
}

/* ------------------------------------------------------------------ */
/* Handshake messages                                                  */

static gboolean
read_cipher_suites (Reader  *r,
                    HlField *parent,
                    guint   *count)
{
  g_autoptr(HlField) draft = draft_new ();
  g_autofree char *value = NULL;
  gboolean ok;
  gsize start;
  Reader list;

  *count = 0;
  ok = read_vector (r, parent, 2, _("Cipher suites length"), _("the cipher suites list"), &list);
  start = list.pos;
  while (left (&list) >= 2)
    {
      g_autofree char *text = suite_text (get_be (list.data + list.pos, 2));

      hl_field_add (draft, _("Cipher suite"), text, OFFSET (&list, list.pos), 2);
      list.pos += 2;
      (*count)++;
    }
  if (left (&list) > 0)
    ok = finish (&list, draft, _("the last complete cipher suite (each takes 2 bytes)")) && ok;

  if (list.end > start)
    {
      value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u cipher suite",
                                            "%u cipher suites",
                                            *count), *count);
      draft_commit_to (parent, draft, _("Cipher suites"), value, OFFSET (&list, start), list.end - start);
    }

  return ok;
}

static gboolean
read_compression_methods (Reader  *r,
                          HlField *parent)
{
  g_autoptr(HlField) draft = draft_new ();
  g_autoptr(GString) names = g_string_new (NULL);
  gboolean ok;
  gsize start;
  Reader list;

  ok = read_vector (r, parent, 1, _("Compression methods length"), _("the compression methods list"), &list);
  start = list.pos;
  while (left (&list) > 0)
    {
      guint method = list.data[list.pos];
      const char *name = hl_compression_method_name (method);
      g_autofree char *text = named (name, method);

      hl_field_add (draft, _("Compression method"), text, OFFSET (&list, list.pos), 1);
      list.pos++;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name ? name : text);
    }

  if (list.end > start)
    draft_commit_to (parent, draft, _("Compression methods"), names->str, OFFSET (&list, start), list.end - start);

  return ok;
}

/* RFC 5246 §7.4.1.2 */
static char *
decode_client_hello (Reader  *r,
                     HlField *root)
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
  if (left (r) > 0 && !read_extensions (r, root, FALSE, &extensions))
    return NULL;
  finish (r, root, _("the extensions"));

  {
    g_autofree char *v = version_text (version);
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
static char *
decode_server_hello (Reader  *r,
                     HlField *root)
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

  if (!take (r, root, 2, _("the cipher suite"), &i))
    return NULL;
  number = get_be (r->data + i, 2);
  suite = suite_text (number);
  hl_field_add (root, _("Cipher suite"), suite, OFFSET (r, i), 2);

  if (!take (r, root, 1, _("the compression method"), &i))
    return NULL;
  method = named (hl_compression_method_name (r->data[i]), r->data[i]);
  hl_field_add (root, _("Compression method"), method, OFFSET (r, i), 1);

  if (left (r) > 0 && !read_extensions (r, root, TRUE, &extensions))
    return NULL;
  finish (r, root, _("the extensions"));

  {
    const char *v = version_name (version);
    const char *s = hl_cipher_suite_name_any (number);

    return g_strdup_printf ("%s, %s", v ? v : "?", s ? s : suite);
  }
}

/* RFC 5246 §7.4.2 */
static char *
decode_certificate (Reader  *r,
                    HlField *root)
{
  g_autoptr(HlField) draft = draft_new ();
  g_autoptr(GString) subjects = g_string_new (NULL);
  g_autofree char *count_text = NULL;
  guint count = 0;
  gboolean ok;
  gsize start;
  Reader list;

  ok = read_vector (r, root, 3, _("Certificates length"), _("the certificate list"), &list);
  start = list.pos;
  while (left (&list) > 0)
    {
      g_autoptr(HlField) entry = draft_new ();
      g_autofree char *name = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *subject = NULL;
      g_autofree char *issuer = NULL;
      gsize entry_start = list.pos;
      gboolean complete;
      Reader cert;

      complete = read_vector (&list, entry, 3, _("Certificate length"), _("the certificate"), &cert);
      if (left (&cert) > 0)
        {
          der_elements (entry, cert.data, cert.pos, cert.end, cert.base, 0, FALSE);
          if (certificate_names (cert.data + cert.pos, left (&cert), &subject, &issuer))
            summary = g_strdup_printf (_("%s, issued by %s"), subject, issuer);
          else
            summary = bytes_text (left (&cert));
        }

      count++;
      name = g_strdup_printf (_("Certificate %u"), count);
      draft_commit_to (draft, entry, name, summary, OFFSET (&list, entry_start), list.pos - entry_start);

      if (subjects->len > 0)
        g_string_append (subjects, ", ");
      g_string_append (subjects, subject ? subject : "?");

      if (!complete)
        {
          ok = FALSE;
          break;
        }
    }

  count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u certificate",
                                             "%u certificates",
                                             count), count);
  if (list.end > start)
    draft_commit_to (root, draft, _("Certificates"), count_text, OFFSET (&list, start), list.end - start);

  if (!ok)
    return NULL;
  finish (r, root, _("the certificate list"));

  if (count == 0)
    return g_strdup (_("no certificate"));

  return g_strdup_printf ("%s: %s", count_text, subjects->str);
}

/* RFC 8422 §5.4; other key exchanges are shown as raw bytes */
static char *
decode_server_key_exchange (Reader                *r,
                            HlField               *root,
                            const HlDecodeContext *ctx)
{
  const char *suite = negotiated_suite_name (ctx);
  const char *curve_name;
  const char *scheme = NULL;
  g_autofree char *text = NULL;
  gboolean ecdhe;
  gboolean ok;
  guint curve;
  gsize i;
  Reader point;

  if (suite != NULL)
    {
      ecdhe = g_str_has_prefix (suite, "TLS_ECDHE_");
    }
  else
    {
      ecdhe = left (r) > 0 && r->data[r->pos] == 3;
      if (ecdhe)
        add_note (root, _("The cipher suite is not known here; the message is read as ECDHE parameters "
                          "because its first byte is named_curve (3)."));
    }

  if (!ecdhe)
    {
      add_rest (r, root, _("Key exchange parameters"));
      return g_strdup_printf (_("parameters for %s, not decoded"), suite ? suite : _("an unknown cipher suite"));
    }

  if (!take (r, root, 1, _("the curve type"), &i))
    return NULL;
  text = named (hl_ec_curve_type_name (r->data[i]), r->data[i]);
  hl_field_add (root, _("Curve type"), text, OFFSET (r, i), 1);
  g_clear_pointer (&text, g_free);
  if (r->data[i] != 3)
    {
      add_rest (r, root, _("Curve parameters"));
      return g_strdup (_("explicit curve parameters, not decoded (RFC 8422 deprecates them)"));
    }

  if (!take (r, root, 2, _("the named curve"), &i))
    return NULL;
  curve = get_be (r->data + i, 2);
  curve_name = hl_named_group_name (curve);
  text = named_hex4 (curve_name, curve);
  hl_field_add (root, _("Named curve"), text, OFFSET (r, i), 2);

  ok = read_vector (r, root, 1, _("Public key length"), _("the public key"), &point);
  if (left (&point) > 0)
    add_point (root, _("Public key"), point.data + point.pos, left (&point), OFFSET (&point, point.pos));
  if (!ok)
    return NULL;

  if (layout_is_tls12 (ctx, fits_vector16 (r, 2), fits_vector16 (r, 0), root))
    {
      if (!take (r, root, 2, _("the signature algorithm"), &i))
        return NULL;
      scheme = add_signature_algorithm (root, r->data + i, OFFSET (r, i));
      if (scheme == NULL)
        scheme = "?";
    }

  if (!read_signature (r, root, NULL))
    return NULL;
  finish (r, root, _("the signature"));

  if (scheme != NULL)
    return g_strdup_printf (_("%s public key, signed with %s"), curve_name ? curve_name : "?", scheme);
  return g_strdup_printf (_("%s public key, signed"), curve_name ? curve_name : "?");
}

/* RFC 5246 §7.4.4, RFC 8422 §5.5 */
static char *
decode_certificate_request (Reader                *r,
                            HlField               *root,
                            const HlDecodeContext *ctx)
{
  g_autoptr(GString) types = NULL;
  g_autoptr(HlField) draft = draft_new ();
  g_autofree char *count_text = NULL;
  gboolean ok;
  gboolean fits_tls12 = FALSE;
  guint count = 0;
  gsize start;
  Reader list;

  types = g_string_new (NULL);
  ok = read_vector (r, root, 1, _("Certificate types length"), _("the certificate types list"), &list);
  start = list.pos;
  while (left (&list) > 0)
    {
      guint type = list.data[list.pos];
      const char *name = hl_client_certificate_type_name (type);
      g_autofree char *text = named (name, type);

      hl_field_add (draft, _("Certificate type"), text, OFFSET (&list, list.pos), 1);
      list.pos++;
      if (types->len > 0)
        g_string_append (types, ", ");
      g_string_append (types, name ? name : text);
    }
  if (list.end > start)
    draft_commit_to (root, draft, _("Certificate types"), types->str, OFFSET (&list, start), list.end - start);
  if (!ok)
    return NULL;

  if (left (r) >= 2)
    {
      gsize algorithms = get_be (r->data + r->pos, 2);

      fits_tls12 = algorithms <= left (r) - 2 && fits_vector16 (r, 2 + algorithms);
    }
  if (layout_is_tls12 (ctx, fits_tls12, fits_vector16 (r, 0), root))
    {
      guint n_algorithms;

      if (!read_signature_algorithms (r, root, &n_algorithms))
        return NULL;
    }

  g_clear_object (&draft);
  draft = draft_new ();
  ok = read_vector (r, root, 2, _("Certificate authorities length"), _("the certificate authorities list"), &list);
  start = list.pos;
  while (left (&list) > 0)
    {
      g_autoptr(HlField) entry = draft_new ();
      g_autofree char *dn = NULL;
      gsize entry_start = list.pos;
      gboolean complete;
      Reader name;

      complete = read_vector (&list, entry, 2, _("Distinguished name length"), _("the distinguished name"), &name);
      if (left (&name) > 0)
        {
          DerElement e;

          der_elements (entry, name.data, name.pos, name.end, name.base, 0, FALSE);
          if (der_is_single (name.data + name.pos, left (&name), &e) && der_is (&e, 0, 16))
            dn = dn_text (e.content, e.h.length, FALSE);
          if (dn == NULL)
            dn = der_summary (name.data + name.pos, left (&name));
        }
      draft_commit_to (draft, entry, _("Certificate authority"), dn, OFFSET (&list, entry_start),
                       list.pos - entry_start);
      count++;

      if (!complete)
        {
          ok = FALSE;
          break;
        }
    }

  count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u certificate authority",
                                             "%u certificate authorities",
                                             count), count);
  if (list.end > start)
    draft_commit_to (root, draft, _("Certificate authorities"), count_text, OFFSET (&list, start), list.end - start);
  if (!ok)
    return NULL;
  finish (r, root, _("the certificate authorities"));

  return g_strdup_printf ("%s; %s", types->str, count_text);
}

/* RFC 5246 §7.4.8 */
static char *
decode_certificate_verify (Reader                *r,
                           HlField               *root,
                           const HlDecodeContext *ctx)
{
  const char *scheme = NULL;
  gsize n;
  gsize i;

  if (layout_is_tls12 (ctx, fits_vector16 (r, 2), fits_vector16 (r, 0), root))
    {
      if (!take (r, root, 2, _("the signature algorithm"), &i))
        return NULL;
      scheme = add_signature_algorithm (root, r->data + i, OFFSET (r, i));
    }

  if (!read_signature (r, root, &n))
    return NULL;
  finish (r, root, _("the signature"));

  if (scheme != NULL)
    return g_strdup_printf (_("%s signature, %lu bytes"), scheme, (gulong)n);
  return g_strdup_printf (_("signature, %lu bytes"), (gulong)n);
}

typedef enum
{
  KEX_UNKNOWN,
  KEX_RSA,
  KEX_DH,
  KEX_EC,
} KeyExchange;

/* RFC 5246 §7.4.7, RFC 8422 §5.7 */
static char *
decode_client_key_exchange (Reader                *r,
                            HlField               *root,
                            const HlDecodeContext *ctx)
{
  const char *suite = negotiated_suite_name (ctx);
  KeyExchange kex = KEX_UNKNOWN;
  gboolean ok;
  gsize n = 0;
  Reader point;

  if (suite != NULL)
    {
      if (g_str_has_prefix (suite, "TLS_RSA_"))
        kex = KEX_RSA;
      else if (g_str_has_prefix (suite, "TLS_DHE_") || g_str_has_prefix (suite, "TLS_DH_"))
        kex = KEX_DH;
      else if (g_str_has_prefix (suite, "TLS_ECDHE_") || g_str_has_prefix (suite, "TLS_ECDH_"))
        kex = KEX_EC;
    }
  else if (fits_vector16 (r, 0))
    {
      kex = KEX_RSA;
      add_note (root, _("The cipher suite is not known here; the lengths fit an RSA-encrypted pre-master secret."));
    }
  else if (left (r) > 0 && r->data[r->pos] == left (r) - 1)
    {
      kex = KEX_EC;
      add_note (root, _("The cipher suite is not known here; the lengths fit an elliptic curve public key."));
    }

  switch (kex)
    {
    case KEX_RSA:
      ok = read_opaque (r, root, 2, _("Encrypted pre-master secret length"), _("Encrypted pre-master secret"),
                        _("the encrypted pre-master secret"), &n);
      if (!ok)
        return NULL;
      finish (r, root, _("the encrypted pre-master secret"));
      return g_strdup_printf (_("pre-master secret encrypted with the server's RSA key, %lu bytes"), (gulong)n);

    case KEX_DH:
      ok = read_opaque (r, root, 2, _("Public value length"), _("Public value (dh_Yc)"),
                        _("the Diffie-Hellman public value"), &n);
      if (!ok)
        return NULL;
      finish (r, root, _("the public value"));
      return g_strdup_printf (_("the client's Diffie-Hellman public value, %lu bytes"), (gulong)n);

    case KEX_EC:
      ok = read_vector (r, root, 1, _("Public key length"), _("the public key"), &point);
      n = left (&point);
      if (n > 0)
        add_point (root, _("Public key"), point.data + point.pos, n, OFFSET (&point, point.pos));
      if (!ok)
        return NULL;
      finish (r, root, _("the public key"));
      return g_strdup_printf (_("the client's ephemeral public key, %lu bytes"), (gulong)n);

    case KEX_UNKNOWN:
    default:
      n = left (r);
      add_rest (r, root, _("Exchange keys"));
      return bytes_text (n);
    }
}

/* RFC 5246 §7.4.9 */
static char *
decode_finished (Reader  *r,
                 HlField *root)
{
  g_autofree char *hex = NULL;

  if (left (r) == 0)
    {
      add_error (root, OFFSET (r, r->pos), 0, _("empty: a Finished message carries verify_data"));
      return NULL;
    }

  hex = hex_text (r->data + r->pos, left (r), HEX_MAX);
  add_rest (r, root, "verify_data");

  return g_steal_pointer (&hex);
}

static char *
decode_body (Reader                *r,
             HlField               *root,
             guint                  type,
             const HlDecodeContext *ctx)
{
  gsize n = left (r);

  switch (type)
    {
    case 0:  /* HelloRequest */
    case 14: /* ServerHelloDone */
      finish (r, root, _("the header (this message has no body)"));
      return g_strdup (_("no body"));
    case 1:
      return decode_client_hello (r, root);
    case 2:
      return decode_server_hello (r, root);
    case 11:
      return decode_certificate (r, root);
    case 12:
      return decode_server_key_exchange (r, root, ctx);
    case 13:
      return decode_certificate_request (r, root, ctx);
    case 15:
      return decode_certificate_verify (r, root, ctx);
    case 16:
      return decode_client_key_exchange (r, root, ctx);
    case 20:
      return decode_finished (r, root);
    default:
      add_rest (r, root, _("Body"));
      return bytes_text (n);
    }
}

HlField *
hl_decode_handshake (const guint8          *data,
                     gsize                  len,
                     const HlDecodeContext *ctx)
{
  static const HlDecodeContext unknown = { 0, 0 };
  g_autoptr(HlField) draft = NULL;
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  const char *known = NULL;
  Reader r = { data, 0, 0, len };
  guint type = 0;
  gsize i;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (ctx == NULL)
    ctx = &unknown;

  draft = draft_new ();
  if (len > 0)
    {
      type = data[0];
      known = hl_handshake_type_name (type);
    }
  if (known != NULL)
    name = g_strdup (known);
  else if (len > 0)
    name = g_strdup_printf (_("Unknown handshake message %u"), type);
  else
    name = g_strdup (_("Handshake message"));

  if (take (&r, draft, 1, _("the handshake type"), &i))
    {
      g_autofree char *text = named (known, type);

      hl_field_add (draft, _("Handshake type"), text, 0, 1);
    }

  if (take (&r, draft, 3, _("the message length"), &i))
    {
      gsize declared = get_be (data + 1, 3);
      gsize avail = left (&r);
      Reader body = r;

      hl_field_add_printf (draft, 1, 3, _("Length"), "%lu", (gulong)declared);

      body.end = body.pos + MIN (declared, avail);
      summary = decode_body (&body, draft, type, ctx);

      if (declared > avail)
        add_error (draft, 4, avail, _("truncated: the message says %lu bytes, %lu follow the header"),
                   (gulong)declared, (gulong)avail);
      r.pos += MIN (declared, avail);
      finish (&r, draft, _("the message"));
    }

  if (summary == NULL)
    summary = bytes_text (len);

  return draft_commit (draft, name, summary, 0, len);
}

/* ------------------------------------------------------------------ */
/* Records, ChangeCipherSpec, alerts, application data                 */

HlField *
hl_decode_record_header (const guint8 *data,
                         gsize         len)
{
  g_autoptr(HlField) draft = NULL;
  g_autofree char *summary = NULL;
  Reader r = { data, 0, 0, len };
  guint type = 0;
  guint version = 0;
  guint length = 0;
  gsize i;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  draft = draft_new ();

  if (take (&r, draft, 1, _("the content type"), &i))
    {
      g_autofree char *text = named (hl_content_type_name (data[i]), data[i]);

      type = data[i];
      hl_field_add (draft, _("Content type"), text, 0, 1);
    }

  if (take (&r, draft, 2, _("the record version"), &i))
    {
      g_autofree char *text = NULL;

      version = get_be (data + i, 2);
      text = version_text (version);
      hl_field_add (draft, _("Version"), text, 1, 2);
    }

  if (take (&r, draft, 2, _("the record length"), &i))
    {
      const char *type_name = hl_content_type_name (type);
      const char *version_str = version_name (version);

      length = get_be (data + i, 2);
      hl_field_add_printf (draft, 3, 2, _("Length"), "%u", length);
      /* RFC 5246 §6.2.3: a protected fragment grows by at most 2048 bytes */
      if (length > 16384 + 2048)
        add_error (draft, 3, 2, _("a record holds at most 18432 bytes (2^14 + 2048), this one says %u"), length);

      {
        g_autofree char *bytes = bytes_text (length);
        g_autofree char *version_hex = g_strdup_printf ("0x%04X", version);

        summary = g_strdup_printf ("%s, %s, %s", type_name ? type_name : "?",
                                   version_str ? version_str : version_hex, bytes);
      }

      if (left (&r) > 0)
        {
          gsize avail = left (&r);
          g_autofree char *bytes = bytes_text (MIN (length, avail));

          hl_field_add (draft, _("Fragment"), bytes, 5, MIN (length, avail));
          if (length > avail)
            add_error (draft, 5, avail, _("truncated: the record says %u bytes, %lu follow the header"),
                       length, (gulong)avail);
          r.pos += MIN (length, avail);
          finish (&r, draft, _("the record"));
        }
    }

  return draft_commit (draft, len > 5 ? _("Record") : _("Record header"), summary, 0, len);
}

void
hl_decode_prepend_record_header (HlField      *fields,
                                 const guint8 *header)
{
  g_autoptr(HlField) decoded = NULL;
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  gsize length;

  g_return_if_fail (HL_IS_FIELD (fields));
  g_return_if_fail (header != NULL);
  g_return_if_fail (hl_field_get_offset (fields) == 0);

  decoded = hl_decode_record_header (header, HL_DECODE_RECORD_HEADER_LEN);
  length = hl_field_get_length (fields);
  name = g_strdup (hl_field_get_name (fields));
  value = g_strdup (hl_field_get_value (fields));

  hl_field_move (fields, HL_DECODE_RECORD_HEADER_LEN);
  hl_field_set_contents (fields, name, value, 0, HL_DECODE_RECORD_HEADER_LEN + length);
  hl_field_prepend (fields, decoded);
}

HlField *
hl_decode_change_cipher_spec (const guint8 *data,
                              gsize         len)
{
  g_autoptr(HlField) draft = NULL;
  Reader r = { data, 0, 0, len };
  gsize i;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  draft = draft_new ();
  if (take (&r, draft, 1, _("the ChangeCipherSpec type"), &i))
    {
      g_autofree char *text = named (data[0] == 1 ? "change_cipher_spec" : NULL, data[0]);

      hl_field_add (draft, _("Type"), text, 0, 1);
      if (data[0] != 1)
        add_error (draft, 0, 1, _("a ChangeCipherSpec is the single byte 1, this is %u"), data[0]);
      finish (&r, draft, _("the ChangeCipherSpec byte"));
    }

  return draft_commit (draft, "ChangeCipherSpec",
                       _("from the next record on, this side encrypts with the new keys"), 0, len);
}

HlField *
hl_decode_alert (const guint8 *data,
                 gsize         len)
{
  g_autoptr(HlField) draft = NULL;
  g_autofree char *summary = NULL;
  Reader r = { data, 0, 0, len };
  const char *level_name = NULL;
  gsize i;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  draft = draft_new ();
  if (take (&r, draft, 1, _("the alert level"), &i))
    {
      g_autofree char *text = NULL;

      level_name = data[0] == 1 ? "warning" : data[0] == 2 ? "fatal" : NULL;
      text = named (level_name, data[0]);
      hl_field_add (draft, _("Level"), text, 0, 1);
    }

  if (take (&r, draft, 1, _("the alert description"), &i))
    {
      const char *description = hl_alert_name (data[1]);
      g_autofree char *text = named (description, data[1]);

      hl_field_add (draft, _("Description"), text, 1, 1);
      summary = g_strdup_printf ("%s: %s", level_name ? level_name : "?", description ? description : text);
      finish (&r, draft, _("the alert"));
    }

  return draft_commit (draft, _("Alert"), summary, 0, len);
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
          value = escape_text (line, line_len);
          hl_field_add (parent, name, value, pos, next - pos);
        }
      else if (!in_header)
        {
          g_autofree char *body = g_strndup (text + pos, n - pos);

          hl_field_add (parent, _("Body"), body, pos, n - pos);
          next = n;
        }
      else if (line_len == 0)
        {
          hl_field_add (parent, _("End of header"), _("an empty line"), pos, next - pos);
          in_header = FALSE;
        }
      else
        {
          const char *colon = memchr (line, ':', line_len);
          gsize name_len = colon ? (gsize)(colon - line) : 0;

          if (name_len > 0 && name_len < 64)
            {
              g_autofree char *header_name = escape_text (line, name_len);
              const char *v = colon + 1;

              while (v < line + line_len && (*v == ' ' || *v == '\t'))
                v++;
              value = escape_text (v, line + line_len - v);
              hl_field_add (parent, header_name, value, pos, next - pos);
            }
          else
            {
              value = escape_text (line, line_len);
              hl_field_add (parent, _("Header line"), value, pos, next - pos);
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

  draft = draft_new ();
  summary = bytes_text (len);

  if (is_text (data, len))
    {
      g_autofree char *text = g_strndup ((const char *)data, len);
      g_autoptr(HlField) http = draft_new ();

      if (add_http (http, data, len))
        {
          HlField *first = hl_field_get_child (http, 0);

          draft_commit_to (draft, http, _("Text (HTTP)"), hl_field_get_value (first), 0, len);
        }
      else
        {
          hl_field_add (draft, _("Text"), text, 0, len);
        }
    }
  else if (len > 0)
    {
      g_autofree char *hex = hex_text (data, len, HEX_MAX);

      hl_field_add (draft, _("Data"), hex, 0, len);
    }

  return draft_commit (draft, _("Application data"), summary, 0, len);
}
