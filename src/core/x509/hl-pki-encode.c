/* hl-pki-encode.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-pki"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "hl-der-writer.h"
#include "hl-pki.h"
#include "hl-pki-private.h"

/* How a recipe becomes DER: the names, the public key, the extensions,
 * the to-be-signed part and its signature (RFC 5280 §4.1). */

#define OID_COMMON_NAME          "2.5.4.3"
#define OID_COUNTRY              "2.5.4.6"
#define OID_ORGANIZATION         "2.5.4.10"
#define OID_ORGANIZATIONAL_UNIT  "2.5.4.11"
#define OID_RSA_ENCRYPTION       "1.2.840.113549.1.1.1"
#define OID_EC_PUBLIC_KEY        "1.2.840.10045.2.1"
#define OID_SECP256R1            "1.2.840.10045.3.1.7"
#define OID_SECP384R1            "1.3.132.0.34"
#define OID_SECP521R1            "1.3.132.0.35"
#define OID_SUBJECT_KEY_ID       "2.5.29.14"
#define OID_KEY_USAGE            "2.5.29.15"
#define OID_SUBJECT_ALT_NAME     "2.5.29.17"
#define OID_BASIC_CONSTRAINTS    "2.5.29.19"
#define OID_AUTHORITY_KEY_ID     "2.5.29.35"
#define OID_EXT_KEY_USAGE        "2.5.29.37"
#define OID_KP_SERVER_AUTH       "1.3.6.1.5.5.7.3.1"
#define OID_KP_CLIENT_AUTH       "1.3.6.1.5.5.7.3.2"


/* OIDs here are constants of this file, so a parse failure is a bug. */
static void
add_oid (HlDerWriter *w,
         const char  *oid)
{
  gboolean ok = hl_der_writer_add_oid (w, oid);

  g_assert (ok);
}

/* countryName is a PrintableString (RFC 5280 appendix A.1); check_recipe()
 * has made sure it is two letters. */
static void
add_attribute (HlDerWriter *w,
               const char  *oid,
               const char  *value)
{
  if (value == NULL)
    return;

  hl_der_writer_begin (w, HL_DER_SET);
  hl_der_writer_begin (w, HL_DER_SEQUENCE);
  add_oid (w, oid);
  if (g_str_equal (oid, OID_COUNTRY))
    {
      gboolean ok = hl_der_writer_add_printable_string (w, value);

      g_assert (ok);
    }
  else
    {
      hl_der_writer_add_utf8_string (w, value);
    }
  hl_der_writer_end (w);
  hl_der_writer_end (w);
}

GBytes *
hl_pki_encode_name (const HlCertRecipe *recipe)
{
  g_autoptr(HlDerWriter) w = hl_der_writer_new ();

  hl_der_writer_begin (w, HL_DER_SEQUENCE);
  add_attribute (w, OID_COUNTRY, recipe->subject_c);
  add_attribute (w, OID_ORGANIZATION, recipe->subject_o);
  add_attribute (w, OID_ORGANIZATIONAL_UNIT, recipe->subject_ou);
  add_attribute (w, OID_COMMON_NAME, recipe->subject_cn);
  hl_der_writer_end (w);

  return hl_der_writer_finish (w);
}

static const char *
curve_oid (int curve)
{
  switch (curve)
    {
    case BR_EC_secp256r1:
      return OID_SECP256R1;
    case BR_EC_secp384r1:
      return OID_SECP384R1;
    case BR_EC_secp521r1:
      return OID_SECP521R1;
    default:
      return NULL;
    }
}

static void
sha1 (const guint8 *data,
      gsize         len,
      guint8        out[br_sha1_SIZE])
{
  br_sha1_context sc;

  br_sha1_init (&sc);
  br_sha1_update (&sc, data, len);
  br_sha1_out (&sc, out);
}

void
hl_pki_public_key_of (br_x509_pkey *pkey,
                      HlKey        *key)
{
  if (hl_key_get_key_type (key) == HL_KEY_TYPE_RSA)
    {
      pkey->key_type = BR_KEYTYPE_RSA;
      pkey->key.rsa = *hl_key_get_rsa_public (key);
    }
  else
    {
      pkey->key_type = BR_KEYTYPE_EC;
      pkey->key.ec = *hl_key_get_ec_public (key);
    }
}

/* The subjectPublicKey bits: RSAPublicKey (RFC 8017 A.1.1) or the EC
 * point as it is. */
static GBytes *
encode_public_key (const br_x509_pkey *pkey)
{
  g_autoptr(HlDerWriter) w = NULL;

  if (pkey->key_type == BR_KEYTYPE_EC)
    return g_bytes_new (pkey->key.ec.q, pkey->key.ec.qlen);

  w = hl_der_writer_new ();
  hl_der_writer_begin (w, HL_DER_SEQUENCE);
  hl_der_writer_add_integer (w, pkey->key.rsa.n, pkey->key.rsa.nlen);
  hl_der_writer_add_integer (w, pkey->key.rsa.e, pkey->key.rsa.elen);
  hl_der_writer_end (w);

  return hl_der_writer_finish (w);
}

void
hl_pki_compute_key_id (const br_x509_pkey *pkey,
                       guint8              key_id[br_sha1_SIZE])
{
  g_autoptr(GBytes) public_key = encode_public_key (pkey);
  gsize len;
  const guint8 *data = g_bytes_get_data (public_key, &len);

  sha1 (data, len, key_id);
}

/* Writes SubjectPublicKeyInfo. */
static gboolean
add_public_key_info (HlDerWriter        *w,
                     const br_x509_pkey *pkey)
{
  g_autoptr(GBytes) public_key = NULL;
  const guint8 *data;
  gsize len;

  if (pkey->key_type == BR_KEYTYPE_EC && curve_oid (pkey->key.ec.curve) == NULL)
    return FALSE;

  public_key = encode_public_key (pkey);
  hl_der_writer_begin (w, HL_DER_SEQUENCE);

  if (pkey->key_type == BR_KEYTYPE_RSA)
    {
      hl_der_writer_begin (w, HL_DER_SEQUENCE);
      add_oid (w, OID_RSA_ENCRYPTION);
      hl_der_writer_add_null (w);
      hl_der_writer_end (w);
    }
  else
    {
      hl_der_writer_begin (w, HL_DER_SEQUENCE);
      add_oid (w, OID_EC_PUBLIC_KEY);
      add_oid (w, curve_oid (pkey->key.ec.curve));
      hl_der_writer_end (w);
    }

  data = g_bytes_get_data (public_key, &len);
  hl_der_writer_add_bit_string (w, data, len);
  hl_der_writer_end (w);

  return TRUE;
}

static void
add_signature_algorithm (HlDerWriter         *w,
                         HlKey               *signing_key,
                         const SignatureHash *hash)
{
  hl_der_writer_begin (w, HL_DER_SEQUENCE);
  if (hl_key_get_key_type (signing_key) == HL_KEY_TYPE_RSA)
    {
      add_oid (w, hash->rsa_oid);
      hl_der_writer_add_null (w);
    }
  else
    {
      /* RFC 5758 §3.2: no parameters for ECDSA */
      add_oid (w, hash->ecdsa_oid);
    }
  hl_der_writer_end (w);
}

/* Extension: extnID, critical (left out when FALSE, its DEFAULT), and the
 * value's own DER wrapped in an OCTET STRING. */
static void
add_extension (HlDerWriter *w,
               const char  *oid,
               gboolean     critical,
               HlDerWriter *value)
{
  g_autoptr(GBytes) bytes = hl_der_writer_finish (value);
  const guint8 *data;
  gsize len;

  data = g_bytes_get_data (bytes, &len);

  hl_der_writer_begin (w, HL_DER_SEQUENCE);
  add_oid (w, oid);
  if (critical)
    hl_der_writer_add_boolean (w, TRUE);
  hl_der_writer_add_octet_string (w, data, len);
  hl_der_writer_end (w);
}

static void
add_extensions (HlDerWriter        *w,
                const HlCertRecipe *recipe,
                const guint8       *key_id,
                const guint8       *issuer_key_id)
{
  g_autoptr(HlDerWriter) value = hl_der_writer_new ();

  hl_der_writer_begin (w, HL_DER_CONTEXT_CONSTRUCTED (3));
  hl_der_writer_begin (w, HL_DER_SEQUENCE);

  /* cA is DEFAULT FALSE: a leaf gets an empty SEQUENCE. */
  if (recipe->basic_constraints != HL_BASIC_CONSTRAINTS_ABSENT)
    {
      hl_der_writer_begin (value, HL_DER_SEQUENCE);
      if (recipe->is_ca)
        {
          hl_der_writer_add_boolean (value, TRUE);
          if (recipe->path_len >= 0)
            hl_der_writer_add_uint64 (value, (guint64) recipe->path_len);
        }
      hl_der_writer_end (value);
      add_extension (w, OID_BASIC_CONSTRAINTS,
                     recipe->basic_constraints == HL_BASIC_CONSTRAINTS_CRITICAL, value);
    }

  if (recipe->key_usage != 0)
    {
      hl_der_writer_add_named_bits (value, recipe->key_usage);
      add_extension (w, OID_KEY_USAGE, TRUE, value);
    }

  if (recipe->ext_key_usage != 0)
    {
      hl_der_writer_begin (value, HL_DER_SEQUENCE);
      if (recipe->ext_key_usage & HL_EXT_KEY_USAGE_SERVER_AUTH)
        add_oid (value, OID_KP_SERVER_AUTH);
      if (recipe->ext_key_usage & HL_EXT_KEY_USAGE_CLIENT_AUTH)
        add_oid (value, OID_KP_CLIENT_AUTH);
      hl_der_writer_end (value);
      add_extension (w, OID_EXT_KEY_USAGE, recipe->ext_key_usage_critical, value);
    }

  if (recipe->dns_names != NULL || recipe->ip_addresses != NULL)
    {
      hl_der_writer_begin (value, HL_DER_SEQUENCE);
      for (guint i = 0; recipe->dns_names != NULL && recipe->dns_names[i] != NULL; i++)
        hl_der_writer_add_primitive (value, HL_DER_CONTEXT (2),
                                     (const guint8 *) recipe->dns_names[i],
                                     strlen (recipe->dns_names[i]));
      /* iPAddress [7]: the address in network order, 4 or 16 octets */
      for (guint i = 0; recipe->ip_addresses != NULL && recipe->ip_addresses[i] != NULL; i++)
        {
          g_autoptr(GInetAddress) address = g_inet_address_new_from_string (recipe->ip_addresses[i]);

          g_assert (address != NULL);
          hl_der_writer_add_primitive (value, HL_DER_CONTEXT (7),
                                       g_inet_address_to_bytes (address),
                                       g_inet_address_get_native_size (address));
        }
      hl_der_writer_end (value);
      add_extension (w, OID_SUBJECT_ALT_NAME, FALSE, value);
    }

  if (!recipe->omit_key_ids)
    {
      hl_der_writer_add_octet_string (value, key_id, br_sha1_SIZE);
      add_extension (w, OID_SUBJECT_KEY_ID, FALSE, value);

      hl_der_writer_begin (value, HL_DER_SEQUENCE);
      hl_der_writer_add_primitive (value, HL_DER_CONTEXT (0), issuer_key_id, br_sha1_SIZE);
      hl_der_writer_end (value);
      add_extension (w, OID_AUTHORITY_KEY_ID, FALSE, value);
    }

  if (recipe->unknown_critical_extension)
    {
      hl_der_writer_add_utf8_string (value, "Handshake Lab: no one knows this extension");
      add_extension (w, HL_PKI_UNKNOWN_EXTENSION_OID, TRUE, value);
    }

  hl_der_writer_end (w);
  hl_der_writer_end (w);
}

GBytes *
hl_pki_encode_certificate (const HlCertRecipe  *recipe,
                           const br_x509_pkey  *pkey,
                           GBytes              *subject,
                           const guint8        *key_id,
                           GBytes              *issuer_name,
                           const guint8        *issuer_key_id,
                           HlKey               *signing_key,
                           const SignatureHash *hash,
                           GError             **error)
{
  g_autoptr(HlDerWriter) w = NULL;
  g_autoptr(GBytes) tbs = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(GError) local_error = NULL;
  br_hash_compat_context hc;
  guint8 tbs_hash[br_sha384_SIZE];
  const guint8 *data;
  gsize len;

  w = hl_der_writer_new ();
  hl_der_writer_begin (w, HL_DER_SEQUENCE);

  hl_der_writer_begin (w, HL_DER_CONTEXT_CONSTRUCTED (0));
  hl_der_writer_add_uint64 (w, 2);
  hl_der_writer_end (w);

  hl_der_writer_add_uint64 (w, recipe->serial);
  add_signature_algorithm (w, signing_key, hash);
  hl_der_writer_add_bytes (w, issuer_name);

  hl_der_writer_begin (w, HL_DER_SEQUENCE);
  if (!hl_der_writer_add_time (w, recipe->not_before) ||
      !hl_der_writer_add_time (w, recipe->not_after))
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                   _("certificate '%s': validity outside the years 1 to 9999"),
                   recipe->name);
      return NULL;
    }
  hl_der_writer_end (w);

  hl_der_writer_add_bytes (w, subject);

  if (!add_public_key_info (w, pkey))
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                   _("certificate '%s': key '%s' is on a curve without an OID here"),
                   recipe->name, recipe->key);
      return NULL;
    }

  add_extensions (w, recipe, key_id, issuer_key_id);

  hl_der_writer_end (w);
  tbs = hl_der_writer_finish (w);

  data = g_bytes_get_data (tbs, &len);
  hash->vtable->init (&hc.vtable);
  hash->vtable->update (&hc.vtable, data, len);
  hash->vtable->out (&hc.vtable, tbs_hash);

  signature = hl_key_sign_hash (signing_key, hash->id, tbs_hash,
                                (hash->vtable->desc >> BR_HASHDESC_OUT_OFF) & BR_HASHDESC_OUT_MASK,
                                &local_error);
  if (signature == NULL)
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_SIGN,
                   _("certificate '%s': signing failed: %s"),
                   recipe->name, local_error->message);
      return NULL;
    }

  hl_der_writer_begin (w, HL_DER_SEQUENCE);
  hl_der_writer_add_bytes (w, tbs);
  add_signature_algorithm (w, signing_key, hash);
  data = g_bytes_get_data (signature, &len);
  hl_der_writer_add_bit_string (w, data, len);
  hl_der_writer_end (w);
  return hl_der_writer_finish (w);
}
