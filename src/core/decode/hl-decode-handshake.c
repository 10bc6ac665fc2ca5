/* hl-decode-handshake.c
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
 * hl_decode_handshake(): one handshake message, its header and its body.
 * The hellos are hl-decode-hello.c's; the messages after them are read
 * here, some (ServerKeyExchange, ClientKeyExchange, CertificateRequest,
 * CertificateVerify) in the layout of the negotiated suite and version.
 */

/* An elliptic curve point (RFC 8422 §5.4, ANSI X9.62): 04 x y. */
static void
add_point (HlField      *parent,
           const char   *id,
           const char   *name,
           const guint8 *p,
           gsize         n,
           gsize         offset)
{
  g_autofree char *hex = hl_text_hex_cut (p, n, HL_DECODE_HEX_MAX);
  HlField *field = hl_field_add (parent, id, name, hex, offset, n);

  if (n >= 3 && p[0] == 0x04 && (n - 1) % 2 == 0)
    {
      gsize half = (n - 1) / 2;
      g_autofree char *x = hl_text_hex_cut (p + 1, half, HL_DECODE_HEX_MAX);
      g_autofree char *y = hl_text_hex_cut (p + 1 + half, half, HL_DECODE_HEX_MAX);

      hl_field_add (field, "point.form", _("Point form"), _("uncompressed (0x04): x and y follow"), offset, 1);
      hl_field_add (field, "point.x", "x", x, offset + 1, half);
      hl_field_add (field, "point.y", "y", y, offset + 1 + half, half);
    }
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
read_signature (HlReader *r,
                HlField  *parent,
                gsize    *length)
{
  g_autofree char *hex = NULL;
  const guint8 *p;
  gboolean ok;
  HlField *field;
  HlDerElement e;
  HlReader v;
  gsize n;

  ok = hl_reader_vector (r, parent, 2, "signature.length", _("Signature length"), _("the signature"), &v);
  n = hl_reader_left (&v);
  if (length != NULL)
    *length = n;
  if (n == 0)
    return ok;

  p = v.data + v.pos;
  hex = hl_text_hex_cut (p, n, HL_DECODE_HEX_MAX);
  field = hl_field_add (parent, "signature", _("Signature"), hex, HL_READER_OFFSET (&v, v.pos), n);
  if (hl_der_is_single (p, n, &e) && hl_der_is (&e, 0, 16) && e.h.constructed)
    hl_decode_der_elements (field, v.data, v.pos, v.end, v.base, 0, NULL);

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
    hl_decode_add_note (parent, _("The protocol version is not known here; the lengths fit the layout of TLS 1.2, "
                                  "with signature algorithms."));
  else if (fits_older)
    hl_decode_add_note (parent, _("The protocol version is not known here; the lengths fit the layout of TLS 1.0 "
                                  "and 1.1, without signature algorithms."));
  else
    hl_decode_add_note (parent, _("The protocol version is not known here; the layout of TLS 1.2 is assumed."));

  return fits_tls12 || !fits_older;
}

/* Does a 2-byte length at @at (from the reader's position) measure the
 * rest exactly? */
static gboolean
fits_vector16 (const HlReader *r,
               gsize           at)
{
  gsize n = hl_reader_left (r);

  return n >= at + 2 && hl_decode_be (r->data + r->pos + at, 2) == n - at - 2;
}

/* RFC 5246 §7.4.2 */
static char *
decode_certificate (HlReader *r,
                    HlField  *root)
{
  g_autoptr(GString) subjects = g_string_new (NULL);
  g_autofree char *count_text = NULL;
  guint count = 0;
  HlList list;

  hl_list_begin (&list, r, root, 3, "certificate.list_length", _("Certificates length"), _("the certificate list"),
                 "certificate.list");
  while (hl_reader_left (&list.items) > 0)
    {
      HlField *entry = hl_decode_draft_new (root, "certificate.entry");
      g_autofree char *name = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *subject = NULL;
      g_autofree char *issuer = NULL;
      gsize entry_start = list.items.pos;
      gboolean complete;
      HlReader cert;

      complete = hl_reader_vector (&list.items, entry, 3, "certificate.length", _("Certificate length"),
                                   _("the certificate"), &cert);
      if (hl_reader_left (&cert) > 0)
        {
          gboolean x509 = hl_decode_certificate_names (cert.data + cert.pos, hl_reader_left (&cert),
                                                       &subject, &issuer);

          hl_decode_der_elements (entry, cert.data, cert.pos, cert.end, cert.base, 0,
                                  x509 ? hl_decode_x509_certificate_schema : NULL);
          if (x509)
            summary = g_strdup_printf (_("%s, issued by %s"), subject, issuer);
          else
            summary = hl_decode_bytes_text (hl_reader_left (&cert));
        }

      count++;
      name = g_strdup_printf (_("Certificate %u"), count);
      hl_decode_draft_commit_to (list.field, entry, name, summary, HL_READER_OFFSET (&list.items, entry_start),
                                 list.items.pos - entry_start);

      if (subjects->len > 0)
        g_string_append (subjects, ", ");
      g_string_append (subjects, subject ? subject : "?");

      if (!complete)
        {
          list.complete = FALSE;
          break;
        }
    }

  count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u certificate",
                                             "%u certificates",
                                             count), count);
  if (!hl_list_end (&list, _("Certificates"), count_text))
    return NULL;
  hl_reader_finish (r, root, _("the certificate list"));

  if (count == 0)
    return g_strdup (_("no certificate"));

  return g_strdup_printf ("%s: %s", count_text, subjects->str);
}

/* RFC 8422 §5.4; other key exchanges are shown as raw bytes */
static char *
decode_server_key_exchange (HlReader              *r,
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
  HlReader point;

  if (suite != NULL)
    {
      ecdhe = g_str_has_prefix (suite, "TLS_ECDHE_");
    }
  else
    {
      ecdhe = hl_reader_left (r) > 0 && r->data[r->pos] == 3;
      if (ecdhe)
        hl_decode_add_note (root, _("The cipher suite is not known here; the message is read as ECDHE parameters "
                                    "because its first byte is named_curve (3)."));
    }

  if (!ecdhe)
    {
      hl_reader_rest (r, root, "ske.parameters", _("Key exchange parameters"));
      return g_strdup_printf (_("parameters for %s, not decoded"), suite ? suite : _("an unknown cipher suite"));
    }

  if (!hl_reader_take (r, root, 1, _("the curve type"), &i))
    return NULL;
  text = hl_decode_named (hl_ec_curve_type_name (r->data[i]), r->data[i]);
  hl_field_add (root, "ske.curve_type", _("Curve type"), text, HL_READER_OFFSET (r, i), 1);
  g_clear_pointer (&text, g_free);
  if (r->data[i] != 3)
    {
      hl_reader_rest (r, root, "ske.curve_parameters", _("Curve parameters"));
      return g_strdup (_("explicit curve parameters, not decoded (RFC 8422 deprecates them)"));
    }

  if (!hl_reader_take (r, root, 2, _("the named curve"), &i))
    return NULL;
  curve = hl_decode_be (r->data + i, 2);
  curve_name = hl_named_group_name (curve);
  text = hl_decode_named_hex4 (curve_name, curve);
  hl_field_add (root, "ske.named_curve", _("Named curve"), text, HL_READER_OFFSET (r, i), 2);

  ok = hl_reader_vector (r, root, 1, "ske.public_key.length", _("Public key length"), _("the public key"), &point);
  if (hl_reader_left (&point) > 0)
    add_point (root, "ske.public_key", _("Public key"), point.data + point.pos, hl_reader_left (&point), HL_READER_OFFSET (&point, point.pos));
  if (!ok)
    return NULL;

  if (layout_is_tls12 (ctx, fits_vector16 (r, 2), fits_vector16 (r, 0), root))
    {
      if (!hl_reader_take (r, root, 2, _("the signature algorithm"), &i))
        return NULL;
      scheme = hl_decode_add_signature_algorithm (root, r->data + i, HL_READER_OFFSET (r, i));
      if (scheme == NULL)
        scheme = "?";
    }

  if (!read_signature (r, root, NULL))
    return NULL;
  hl_reader_finish (r, root, _("the signature"));

  if (scheme != NULL)
    return g_strdup_printf (_("%s public key, signed with %s"), curve_name ? curve_name : "?", scheme);
  return g_strdup_printf (_("%s public key, signed"), curve_name ? curve_name : "?");
}

/* RFC 5246 §7.4.4, RFC 8422 §5.5 */
static char *
decode_certificate_request (HlReader              *r,
                            HlField               *root,
                            const HlDecodeContext *ctx)
{
  g_autoptr(GString) types = g_string_new (NULL);
  g_autofree char *count_text = NULL;
  gboolean fits_tls12 = FALSE;
  guint count = 0;
  HlList list;
  HlList authorities;

  hl_list_begin (&list, r, root, 1, "cr.certificate_types.length", _("Certificate types length"),
                 _("the certificate types list"), "cr.certificate_types");
  while (hl_reader_left (&list.items) > 0)
    {
      guint type = list.items.data[list.items.pos];
      const char *name = hl_client_certificate_type_name (type);
      g_autofree char *text = hl_decode_named (name, type);

      hl_field_add (list.field, "cr.certificate_type", _("Certificate type"), text,
                    HL_READER_OFFSET (&list.items, list.items.pos), 1);
      list.items.pos++;
      if (types->len > 0)
        g_string_append (types, ", ");
      g_string_append (types, name ? name : text);
    }
  if (!hl_list_end (&list, _("Certificate types"), types->str))
    return NULL;

  if (hl_reader_left (r) >= 2)
    {
      gsize algorithms = hl_decode_be (r->data + r->pos, 2);

      fits_tls12 = algorithms <= hl_reader_left (r) - 2 && fits_vector16 (r, 2 + algorithms);
    }
  if (layout_is_tls12 (ctx, fits_tls12, fits_vector16 (r, 0), root))
    {
      guint n_algorithms;

      if (!hl_decode_signature_algorithms (r, root, &n_algorithms))
        return NULL;
    }

  hl_list_begin (&authorities, r, root, 2, "cr.authorities.length", _("Certificate authorities length"),
                 _("the certificate authorities list"), "cr.authorities");
  while (hl_reader_left (&authorities.items) > 0)
    {
      HlField *entry = hl_decode_draft_new (root, "cr.authority");
      g_autofree char *dn = NULL;
      gsize entry_start = authorities.items.pos;
      gboolean complete;
      HlReader name;

      complete = hl_reader_vector (&authorities.items, entry, 2, "cr.authority.length", _("Distinguished name length"),
                                   _("the distinguished name"), &name);
      if (hl_reader_left (&name) > 0)
        {
          HlDerElement e;

          hl_decode_der_elements (entry, name.data, name.pos, name.end, name.base, 0, NULL);
          if (hl_der_is_single (name.data + name.pos, hl_reader_left (&name), &e) && hl_der_is (&e, 0, 16))
            dn = hl_decode_dn_text (e.content, e.h.length, FALSE);
          if (dn == NULL)
            dn = hl_decode_der_summary (name.data + name.pos, hl_reader_left (&name));
        }
      hl_decode_draft_commit_to (authorities.field, entry, _("Certificate authority"), dn,
                                 HL_READER_OFFSET (&authorities.items, entry_start), authorities.items.pos - entry_start);
      count++;

      if (!complete)
        {
          authorities.complete = FALSE;
          break;
        }
    }

  count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u certificate authority",
                                             "%u certificate authorities",
                                             count), count);
  if (!hl_list_end (&authorities, _("Certificate authorities"), count_text))
    return NULL;
  hl_reader_finish (r, root, _("the certificate authorities"));

  return g_strdup_printf ("%s; %s", types->str, count_text);
}

/* RFC 5246 §7.4.8 */
static char *
decode_certificate_verify (HlReader              *r,
                           HlField               *root,
                           const HlDecodeContext *ctx)
{
  const char *scheme = NULL;
  gsize n;
  gsize i;

  if (layout_is_tls12 (ctx, fits_vector16 (r, 2), fits_vector16 (r, 0), root))
    {
      if (!hl_reader_take (r, root, 2, _("the signature algorithm"), &i))
        return NULL;
      scheme = hl_decode_add_signature_algorithm (root, r->data + i, HL_READER_OFFSET (r, i));
    }

  if (!read_signature (r, root, &n))
    return NULL;
  hl_reader_finish (r, root, _("the signature"));

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
decode_client_key_exchange (HlReader              *r,
                            HlField               *root,
                            const HlDecodeContext *ctx)
{
  const char *suite = negotiated_suite_name (ctx);
  KeyExchange kex = KEX_UNKNOWN;
  gboolean ok;
  gsize n = 0;
  HlReader point;

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
      hl_decode_add_note (root, _("The cipher suite is not known here; the lengths fit an RSA-encrypted pre-master secret."));
    }
  else if (hl_reader_left (r) > 0 && r->data[r->pos] == hl_reader_left (r) - 1)
    {
      kex = KEX_EC;
      hl_decode_add_note (root, _("The cipher suite is not known here; the lengths fit an elliptic curve public key."));
    }

  switch (kex)
    {
    case KEX_RSA:
      ok = hl_reader_opaque (r, root, 2, "cke.encrypted_pre_master_secret.length",
                             _("Encrypted pre-master secret length"), "cke.encrypted_pre_master_secret",
                             _("Encrypted pre-master secret"),
                             _("the encrypted pre-master secret"), &n);
      if (!ok)
        return NULL;
      hl_reader_finish (r, root, _("the encrypted pre-master secret"));
      return g_strdup_printf (_("pre-master secret encrypted with the server's RSA key, %lu bytes"), (gulong)n);

    case KEX_DH:
      ok = hl_reader_opaque (r, root, 2, "cke.public_value.length", _("Public value length"), "cke.public_value",
                             _("Public value (dh_Yc)"),
                             _("the Diffie-Hellman public value"), &n);
      if (!ok)
        return NULL;
      hl_reader_finish (r, root, _("the public value"));
      return g_strdup_printf (_("the client's Diffie-Hellman public value, %lu bytes"), (gulong)n);

    case KEX_EC:
      ok = hl_reader_vector (r, root, 1, "cke.public_key.length", _("Public key length"), _("the public key"), &point);
      n = hl_reader_left (&point);
      if (n > 0)
        add_point (root, "cke.public_key", _("Public key"), point.data + point.pos, n,
                   HL_READER_OFFSET (&point, point.pos));
      if (!ok)
        return NULL;
      hl_reader_finish (r, root, _("the public key"));
      return g_strdup_printf (_("the client's ephemeral public key, %lu bytes"), (gulong)n);

    case KEX_UNKNOWN:
    default:
      n = hl_reader_left (r);
      hl_reader_rest (r, root, "cke.exchange_keys", _("Exchange keys"));
      return hl_decode_bytes_text (n);
    }
}

/* RFC 5246 §7.4.9 */
static char *
decode_finished (HlReader *r,
                 HlField  *root)
{
  g_autofree char *hex = NULL;

  if (hl_reader_left (r) == 0)
    {
      hl_decode_add_error (root, HL_READER_OFFSET (r, r->pos), 0, _("empty: a Finished message carries verify_data"));
      return NULL;
    }

  hex = hl_text_hex_cut (r->data + r->pos, hl_reader_left (r), HL_DECODE_HEX_MAX);
  hl_reader_rest (r, root, "finished.verify_data", "verify_data");

  return g_steal_pointer (&hex);
}

static char *
decode_body (HlReader              *r,
             HlField               *root,
             guint                  type,
             const HlDecodeContext *ctx)
{
  gsize n = hl_reader_left (r);

  switch (type)
    {
    case 0:  /* HelloRequest */
    case 14: /* ServerHelloDone */
      hl_reader_finish (r, root, _("the header (this message has no body)"));
      return g_strdup (_("no body"));
    case 1:
      return hl_decode_client_hello (r, root);
    case 2:
      return hl_decode_server_hello (r, root);
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
      hl_reader_rest (r, root, "handshake.body", _("Body"));
      return hl_decode_bytes_text (n);
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
  HlReader r = { data, 0, 0, len };
  guint type = 0;
  gsize i;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (ctx == NULL)
    ctx = &unknown;

  draft = hl_decode_draft_root ("handshake");
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

  if (hl_reader_take (&r, draft, 1, _("the handshake type"), &i))
    {
      g_autofree char *text = hl_decode_named (known, type);

      hl_field_add (draft, "handshake.type", _("Handshake type"), text, 0, 1);
    }

  if (hl_reader_take (&r, draft, 3, _("the message length"), &i))
    {
      gsize declared = hl_decode_be (data + 1, 3);
      gsize avail = hl_reader_left (&r);
      HlReader body = r;

      hl_field_add_printf (draft, "handshake.length", 1, 3, _("Length"), "%lu", (gulong)declared);

      body.end = body.pos + MIN (declared, avail);
      summary = decode_body (&body, draft, type, ctx);

      if (declared > avail)
        hl_decode_add_error (draft, 4, avail, _("truncated: the message says %lu bytes, %lu follow the header"),
                             (gulong)declared, (gulong)avail);
      r.pos += MIN (declared, avail);
      hl_reader_finish (&r, draft, _("the message"));
    }

  if (summary == NULL)
    summary = hl_decode_bytes_text (len);

  return hl_decode_draft_commit (draft, name, summary, 0, len);
}
