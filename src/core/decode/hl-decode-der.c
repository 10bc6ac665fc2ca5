/* hl-decode-der.c
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
 * hl_decode_der(): a DER structure as a tree of fields, each value with
 * its tag, its length and its content, summed up in a few words.
 */

/* An object identifier is read up to four times: as a value, for the
 * extension it names, and for its parent's name and summary.  Its text
 * and registry name are worked out once, for the last few met. */
typedef struct
{
  const guint8 *at;
  gsize         len;
  char         *text;    /* NULL: the bytes are no object identifier */
  const char   *name;    /* hl_oid_name() of the text */
} OidText;

typedef struct
{
  OidText oids[8];
  guint   next;
} OidTexts;

/* Returns: (transfer none): the text and name of the object identifier
 * at @p, good until the next few lookups */
static const OidText *
oid_text (OidTexts     *cache,
          const guint8 *p,
          gsize         n)
{
  OidText *o;

  for (guint i = 0; i < G_N_ELEMENTS (cache->oids); i++)
    if (cache->oids[i].at == p && cache->oids[i].len == n && p != NULL)
      return &cache->oids[i];

  o = &cache->oids[cache->next];
  cache->next = (cache->next + 1) % G_N_ELEMENTS (cache->oids);
  g_free (o->text);
  o->at = p;
  o->len = n;
  o->text = hl_der_oid_text (p, n);
  o->name = o->text != NULL ? hl_oid_name (o->text) : NULL;

  return o;
}

static void
oid_texts_clear (OidTexts *cache)
{
  for (guint i = 0; i < G_N_ELEMENTS (cache->oids); i++)
    g_free (cache->oids[i].text);
}

/* A summary of a constructed value: a name, an attribute
 * ("commonName = www.handshake-lab.test"), an extension
 * ("basicConstraints, critical"), or how many elements it has. */
static char *
der_constructed_summary (OidTexts          *oids,
                         const HlDerHeader *h,
                         const guint8      *p,
                         gsize              n)
{
  HlDerIter it;
  HlDerElement first, second, third;
  guint count = 0;

  if (h->cls == 0 && h->number == 16 && n > 0)
    {
      char *dn = hl_decode_dn_text (p, n, FALSE);

      if (dn != NULL)
        return dn;
    }

  hl_der_iter_init (&it, p, n);
  if (hl_der_iter_next (&it, &first))
    {
      count = 1;

      if (hl_der_is (&first, 0, 6))
        {
          const OidText *oid = oid_text (oids, first.content, first.h.length);
          const char *label = oid->name ? oid->name : oid->text;

          if (label != NULL)
            {
              if (hl_der_iter_next (&it, &second))
                {
                  g_autofree char *text = NULL;

                  if (second.h.cls == 0 && !second.h.constructed)
                    text = hl_decode_der_string_text (second.h.number, second.content, second.h.length);
                  if (text != NULL)
                    return g_strconcat (label, " = ", text, NULL);
                  if (hl_der_is (&second, 0, 1) && second.h.length == 1 && second.content[0] != 0 &&
                      hl_der_iter_next (&it, &third) && hl_der_is (&third, 0, 4))
                    return g_strdup_printf (_("%s, critical"), label);
                }
              return g_strdup (label);
            }
        }
      else if (h->cls == 0 && h->number == 17 && hl_der_is (&first, 0, 16) &&
               it.pos == n)
        {
          return der_constructed_summary (oids, &first.h, first.content, first.h.length);
        }

      while (hl_der_iter_next (&it, &second))
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
  HlDerIter it;
  HlDerElement e;
  guint count = 0;

  hl_der_iter_init (&it, p, n);
  if (!hl_der_iter_next (&it, &e) || !hl_der_is (&e, 0, 6))
    return FALSE;
  count = 1;
  while (hl_der_iter_next (&it, &e))
    count++;

  return !it.bad && count >= 2 && count <= 3 && hl_der_is (&e, 0, 4) && !e.h.constructed;
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
  OidTexts    oids;
  TagText     tags[24];
  guint       n_tags;
  char       *spare;       /* the text of a tag met when the table is full */
} DerTexts;

static void der_walk (DerTexts          *t,
                      HlField           *parent,
                      const guint8      *data,
                      gsize              start,
                      gsize              end,
                      gsize              base,
                      guint              depth,
                      gboolean           in_extension,
                      const HlDerSchema *schema,
                      gboolean           choice);

static char *
integer_summary (const guint8 *p,
                 gsize         n,
                 char        **full)
{
  g_autofree char *hex = hl_text_hex_cut (p, n, HL_DECODE_HEX_MAX);

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
      start = hl_text_hex_cut (p + i, n - i, HL_DECODE_HEX_SUMMARY);
      *full = g_steal_pointer (&hex);
      return g_strdup_printf (_("%u-bit number: %s"), bits, start);
    }
}

/* A BIT STRING: its unused bits, then DER it holds or its bits. */
static char *
der_bit_string (DerTexts          *t,
                HlField           *draft,
                const guint8      *data,
                gsize              start,
                gsize              n,
                gsize              base,
                guint              depth,
                const HlDerSchema *inner_schema)
{
  const guint8 *p = data + start;
  gsize offset = base + start;
  HlDerElement inner;

  if (n == 0)
    {
      hl_decode_add_error (draft, offset, 0, _("a BIT STRING needs at least 1 byte (the unused bits)"));
      return NULL;
    }
  if (p[0] > 7 || (n == 1 && p[0] != 0))
    hl_decode_add_error (draft, offset, 1, _("a BIT STRING cannot have %u unused bits here"), p[0]);
  hl_field_add_printf (draft, "der.unused_bits", offset, 1, _("Unused bits"), "%u", p[0]);
  if (p[0] == 0 && depth + 1 < HL_DECODE_DER_MAX_DEPTH &&
      hl_der_is_single (p + 1, n - 1, &inner) && hl_der_is (&inner, 0, 16) && inner.h.constructed)
    {
      der_walk (t, draft, data, start + 1, start + n, base, depth + 1, FALSE, inner_schema, FALSE);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%lu bit, holding DER",
                                           "%lu bits, holding DER",
                                           (n - 1) * 8),
                              (gulong)(n - 1) * 8);
    }
  if (n > 1)
    {
      g_autofree char *hex = hl_text_hex_cut (p + 1, n - 1, HL_DECODE_HEX_SUMMARY);
      g_autofree char *all = hl_text_hex_cut (p + 1, n - 1, HL_DECODE_HEX_MAX);
      gulong bits = (n - 1) * 8 - MIN (p[0], 7);

      hl_field_add (draft, "der.content", _("Value"), all, offset + 1, n - 1);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%lu bit: %s",
                                           "%lu bits: %s",
                                           bits), bits, hex);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu bit", "%lu bits", 0), 0ul);
}

static char *
der_oid (DerTexts     *t,
         HlField      *draft,
         const guint8 *p,
         gsize         n,
         gsize         offset)
{
  const OidText *oid = oid_text (&t->oids, p, n);

  if (oid->text == NULL)
    {
      hl_decode_add_error (draft, offset, n, _("not a valid object identifier"));
      return hl_text_hex_cut (p, n, HL_DECODE_HEX_MAX);
    }
  if (oid->name != NULL)
    return g_strconcat (oid->text, " (", oid->name, ")", NULL);
  return g_strdup (oid->text);
}

/* Fills @draft with the content of a primitive value and returns its
 * summary. */
static char *
der_primitive (DerTexts          *t,
               HlField           *draft,
               const HlDerHeader *h,
               const guint8      *data,
               gsize              start,
               gsize              n,
               gsize              base,
               guint              depth,
               gboolean           in_extension,
               const HlDerSchema *inner_schema)
{
  const guint8 *p = data + start;
  gsize offset = base + start;
  g_autofree char *full = NULL;
  char *summary = NULL;
  HlDerElement inner;

  if (h->cls == 2)
    {
      /* context-specific: a dNSName, a key identifier… text when it is */
      gboolean ascii = n > 0;

      for (gsize i = 0; i < n; i++)
        if (p[i] < 0x20 || p[i] >= 0x7f)
          ascii = FALSE;
      full = ascii ? g_strndup ((const char *)p, n) : hl_text_hex_cut (p, n, HL_DECODE_HEX_MAX);
      summary = ascii ? g_strdup (full) : hl_text_hex_cut (p, n, HL_DECODE_HEX_SUMMARY);
    }
  else if (h->cls != 0)
    {
      full = hl_text_hex_cut (p, n, HL_DECODE_HEX_MAX);
      summary = hl_text_hex_cut (p, n, HL_DECODE_HEX_SUMMARY);
    }
  else
    {
      switch (h->number)
        {
        case 1: /* BOOLEAN */
          if (n != 1)
            hl_decode_add_error (draft, offset, n, _("a BOOLEAN must be 1 byte, this one is %lu"), (gulong)n);
          else if (p[0] != 0 && p[0] != 0xff)
            hl_decode_add_error (draft, offset, n, _("not DER: TRUE must be 0xff, this is 0x%02x"), p[0]);
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
              hl_decode_add_error (draft, offset, 0, _("an INTEGER needs at least 1 byte"));
              break;
            }
          if (n > 1 && ((p[0] == 0 && p[1] < 0x80) || (p[0] == 0xff && p[1] >= 0x80)))
            hl_decode_add_error (draft, offset, 1, _("not DER: the integer has a redundant leading byte"));
          summary = integer_summary (p, n, &full);
          break;

        case 3: /* BIT STRING */
          return der_bit_string (t, draft, data, start, n, base, depth, inner_schema);

        case 4: /* OCTET STRING */
          if (in_extension && depth + 1 < HL_DECODE_DER_MAX_DEPTH &&
              hl_der_is_single (p, n, &inner) && inner.h.cls == 0 &&
              (inner.h.constructed ? (inner.h.number == 16 || inner.h.number == 17)
                                   : (inner.h.number == 1 || inner.h.number == 2 ||
                                      inner.h.number == 3 || inner.h.number == 4)))
            {
              der_walk (t, draft, data, start, start + n, base, depth + 1, FALSE, inner_schema, FALSE);
              return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%lu byte, holding DER",
                                                   "%lu bytes, holding DER",
                                                   n), (gulong)n);
            }
          full = hl_text_hex_cut (p, n, HL_DECODE_HEX_MAX);
          summary = n > 0 ? hl_text_hex_cut (p, n, HL_DECODE_HEX_SUMMARY) : g_strdup (_("empty"));
          break;

        case 5: /* NULL */
          if (n != 0)
            hl_decode_add_error (draft, offset, n, _("a NULL must be empty, this one has %lu bytes"), (gulong)n);
          summary = g_strdup ("NULL");
          break;

        case 6: /* OBJECT IDENTIFIER */
          full = der_oid (t, draft, p, n, offset);
          summary = g_strdup (full);
          break;

        default:
          full = hl_decode_der_string_text (h->number, p, n);
          if (full == NULL)
            {
              if (hl_der_universal_name (h->number) != NULL && h->number >= 12 && h->number != 13)
                hl_decode_add_error (draft, offset, n, _("not a valid %s"), hl_der_universal_name (h->number));
              full = hl_text_hex_cut (p, n, HL_DECODE_HEX_MAX);
              summary = hl_text_hex_cut (p, n, HL_DECODE_HEX_SUMMARY);
            }
          else
            {
              summary = g_strdup (full);
            }
          break;
        }
    }

  if (n > 0 && full != NULL)
    hl_field_add (draft, "der.content", t->value, full, offset, n);

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
            const char *id,
            const char *name,
            gulong      number,
            gsize       offset,
            gsize       length)
{
  char digits[HL_TEXT_DECIMAL_SIZE];

  hl_field_add (parent, id, name, hl_text_decimal (number, digits), offset, length);
}

void
hl_decode_der_elements (HlField           *parent,
                        const guint8      *data,
                        gsize              start,
                        gsize              end,
                        gsize              base,
                        guint              depth,
                        const HlDerSchema *schema)
{
  DerTexts t;

  der_texts_init (&t);
  der_walk (&t, parent, data, start, end, base, depth, FALSE, schema, FALSE);

  for (guint i = 0; i < t.n_tags; i++)
    g_free (t.tags[i].text);
  g_free (t.spare);
  oid_texts_clear (&t.oids);
}

/* "0x30: universal, constructed, number 16" for the tag at @p. */
static const char *
tag_text (DerTexts          *t,
          const guint8      *p,
          const HlDerHeader *h)
{
  g_autofree char *hex = NULL;
  char *text;

  for (guint i = 0; i < t->n_tags; i++)
    if (t->tags[i].len == h->tag_len && memcmp (t->tags[i].bytes, p, h->tag_len) == 0)
      return t->tags[i].text;

  hex = hl_text_hex (p, h->tag_len);

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

/* The name of the algorithm or extension a constructed value starts
 * with, when it starts with an object identifier; good until the next
 * few oid_text() lookups. */
static const char *
first_oid_name (DerTexts     *t,
                const guint8 *p,
                gsize         n)
{
  HlDerIter it;
  HlDerElement first;
  const OidText *oid;

  hl_der_iter_init (&it, p, n);
  if (!hl_der_iter_next (&it, &first) || !hl_der_is (&first, 0, 6))
    return NULL;
  oid = oid_text (&t->oids, first.content, first.h.length);
  return oid->name != NULL ? oid->name : oid->text;
}

/* What DER forbids in the header at @offset, whose value has @avail bytes
 * left for its content. */
static void
der_check_header (HlField           *draft,
                  const HlDerHeader *h,
                  const char        *name,
                  gsize              offset,
                  gsize              avail)
{
  gsize content = offset + h->header;

  if (h->not_minimal)
    hl_decode_add_error (draft, offset, h->header,
                         _("not DER: the tag or the length is not written in the fewest bytes"));
  if (h->cls == 0 && (h->number == 16 || h->number == 17) && !h->constructed)
    hl_decode_add_error (draft, offset, h->tag_len, _("not DER: a %s must be constructed"), name);
  else if (h->cls == 0 && h->constructed && h->number != 8 && h->number != 11 &&
           h->number != 16 && h->number != 17)
    hl_decode_add_error (draft, offset, h->tag_len, _("not DER: a %s must be primitive"), name);
  if (h->length > avail)
    hl_decode_add_error (draft, content, avail,
                         _("truncated: %s says %lu bytes, %lu left at offset %lu"),
                         name, (gulong)h->length, (gulong)avail, (gulong)content);
}

/* Names a value as the ASN.1 module names it; its type goes in front of
 * its value.  Returns: (transfer none): the name, good until the next
 * few oid_text() lookups */
static const char *
name_from_schema (DerTexts          *t,
                  const HlDerSchema *s,
                  const HlDerHeader *h,
                  const guint8      *content,
                  gsize              n,
                  const char        *type,
                  char             **summary)
{
  const char *label = (s->flags & HL_DER_SCHEMA_NAME_BY_OID) && h->constructed
                      ? first_oid_name (t, content, n) : NULL;

  if (*summary == NULL)
    *summary = g_strdup (type);
  else if (strcmp (*summary, type) != 0)
    {
      char *typed = g_strconcat (type, ": ", *summary, NULL);

      g_free (*summary);
      *summary = typed;
    }

  return label != NULL ? label : s->name;
}

/* Reads the DER header at data[pos..end); when it cannot, says why under
 * @parent and returns FALSE. */
static gboolean
der_read_header (HlField      *parent,
                 const guint8 *data,
                 gsize         pos,
                 gsize         end,
                 gsize         base,
                 HlDerHeader  *h)
{
  switch (hl_der_read_header (data + pos, end - pos, h))
    {
    case HL_DER_OK:
      return TRUE;
    case HL_DER_TRUNCATED:
      hl_decode_add_error (parent, base + pos, end - pos,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "truncated: the DER header at offset %lu does not fit in the %lu byte left",
                                        "truncated: the DER header at offset %lu does not fit in the %lu bytes left",
                                        end - pos),
                           (gulong)(base + pos), (gulong)(end - pos));
      return FALSE;
    case HL_DER_TAG_TOO_LARGE:
      hl_decode_add_error (parent, base + pos, end - pos,
                           _("the tag number at offset %lu takes more than 4 bytes"), (gulong)(base + pos));
      return FALSE;
    case HL_DER_INDEFINITE:
      hl_decode_add_error (parent, base + pos, end - pos,
                           _("indefinite length at offset %lu: BER allows it, DER does not"),
                           (gulong)(base + pos + h->tag_len));
      return FALSE;
    case HL_DER_LENGTH_TOO_LARGE:
      hl_decode_add_error (parent, base + pos, end - pos,
                           _("the length at offset %lu takes more than 4 bytes"),
                           (gulong)(base + pos + h->tag_len));
      return FALSE;
    default:
      g_assert_not_reached ();
    }
}

static void
der_walk (DerTexts          *t,
          HlField           *parent,
          const guint8      *data,
          gsize              start,
          gsize              end,
          gsize              base,
          guint              depth,
          gboolean           in_extension,
          const HlDerSchema *schema,
          gboolean           choice)
{
  const guint8 *last_oid = NULL;   /* the content of the last object identifier */
  gsize last_oid_len = 0;
  gsize pos = start;

  if (depth >= HL_DECODE_DER_MAX_DEPTH)
    {
      hl_decode_add_error (parent, base + start, end - start,
                           _("nested deeper than %u levels: not decoded further"),
                           HL_DECODE_DER_MAX_DEPTH);
      return;
    }

  while (pos < end)
    {
      HlField *draft;
      const HlDerSchema *s = NULL;
      g_autofree char *other_type = NULL;
      g_autofree char *summary = NULL;
      const char *type;
      const char *name;
      gsize length_len;
      gsize content;
      gsize avail;
      gsize n;
      HlDerHeader h;

      if (!der_read_header (parent, data, pos, end, base, &h))
        return;

      content = pos + h.header;
      avail = end - content;
      n = MIN (h.length, avail);
      length_len = h.header - h.tag_len;
      /* A universal type has a name of its own: "SEQUENCE" */
      type = h.cls == 0 ? hl_der_universal_name (h.number) : NULL;
      if (type == NULL)
        type = other_type = hl_der_type_name (&h);
      name = type;
      if (schema != NULL)
        s = hl_der_schema_match (&schema, choice, data[pos]);
      draft = hl_decode_draft_new (parent, s != NULL ? s->id : "der.element");

      hl_field_add (draft, "der.tag", t->tag, tag_text (t, data + pos, &h), base + pos, h.tag_len);
      if (length_len == 1)
        add_number (draft, "der.length", t->length, h.length, base + pos + h.tag_len, 1);
      else
        hl_field_add_printf (draft, "der.length", base + pos + h.tag_len, length_len, t->length,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "%lu (long form: 0x%02x, then %lu byte)",
                                          "%lu (long form: 0x%02x, then %lu bytes)",
                                          length_len - 1),
                             (gulong)h.length, data[pos + h.tag_len], (gulong)(length_len - 1));

      der_check_header (draft, &h, name, base + pos, avail);

      if (h.constructed)
        {
          gboolean extension = h.cls == 0 && h.number == 16 && der_is_extension (data + content, n);

          der_walk (t, draft, data, content, content + n, base, depth + 1, extension,
                    s != NULL ? s->children : NULL, s != NULL && (s->flags & HL_DER_SCHEMA_CHOICE));
          summary = der_constructed_summary (&t->oids, &h, data + content, n);
        }
      else
        {
          const HlDerSchema *inner = s == NULL ? NULL
                                     : (s->flags & HL_DER_SCHEMA_BY_OID)
                                     ? hl_decode_x509_extension_schema (last_oid != NULL
                                                                        ? oid_text (&t->oids, last_oid, last_oid_len)->text
                                                                        : NULL)
                                     : s->children;

          summary = der_primitive (t, draft, &h, data, content, n, base, depth, in_extension, inner);
          /* An extension's extnID: it says what its extnValue holds. */
          if (h.cls == 0 && h.number == 6)
            {
              last_oid = data + content;
              last_oid_len = n;
            }
        }

      if (s != NULL)
        name = name_from_schema (t, s, &h, data + content, n, type, &summary);

      hl_decode_draft_commit_to (parent, draft, name, summary, base + pos, h.header + n);
      pos = content + n;
    }
}

char *
hl_decode_der_summary (const guint8 *data,
                       gsize         len)
{
  g_autofree char *subject = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *type = NULL;
  HlDerElement e;

  if (hl_decode_certificate_names (data, len, &subject, &issuer))
    return g_strdup_printf (_("%s, issued by %s"), subject, issuer);

  if (!hl_der_is_single (data, len, &e))
    return NULL;

  type = hl_der_type_name (&e.h);
  if (e.h.constructed)
    {
      OidTexts oids = { 0 };
      g_autofree char *inner = der_constructed_summary (&oids, &e.h, e.content, e.h.length);

      oid_texts_clear (&oids);
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
  g_autofree char *subject = NULL;
  g_autofree char *issuer = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  draft = hl_decode_draft_root ("der");
  if (len == 0)
    hl_decode_add_error (draft, base_offset, 0, _("empty: no DER value"));
  else
    hl_decode_der_elements (draft, data, 0, len, base_offset, 0,
                            hl_decode_certificate_names (data, len, &subject, &issuer)
                            ? hl_decode_x509_certificate_schema : NULL);

  summary = len > 0 ? hl_decode_der_summary (data, len) : NULL;

  return hl_decode_draft_commit (draft, _("DER"), summary, base_offset, len);
}
