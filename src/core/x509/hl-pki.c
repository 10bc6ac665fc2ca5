/* hl-pki.c
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

#define EXT_KEY_USAGE_ALL_BITS (HL_EXT_KEY_USAGE_SERVER_AUTH | HL_EXT_KEY_USAGE_CLIENT_AUTH)

/* One signature hash: how to compute it, and the algorithm identifiers
 * that name it with each kind of key. */
typedef struct
{
  int                  id;
  const br_hash_class *vtable;
  const char          *rsa_oid;   /* PKCS#1 v1.5, RFC 4055 / RFC 8017 */
  const char          *ecdsa_oid; /* RFC 5758 (SHA-2), RFC 3279 (SHA-1) */
} SignatureHash;

static const SignatureHash signature_hashes[] = {
  [HL_SIGNATURE_HASH_DEFAULT] = { br_sha256_ID, &br_sha256_vtable,
                                  "1.2.840.113549.1.1.11", "1.2.840.10045.4.3.2" },
  [HL_SIGNATURE_HASH_SHA1]    = { br_sha1_ID,   &br_sha1_vtable,
                                  "1.2.840.113549.1.1.5",  "1.2.840.10045.4.1" },
  [HL_SIGNATURE_HASH_SHA256]  = { br_sha256_ID, &br_sha256_vtable,
                                  "1.2.840.113549.1.1.11", "1.2.840.10045.4.3.2" },
  [HL_SIGNATURE_HASH_SHA384]  = { br_sha384_ID, &br_sha384_vtable,
                                  "1.2.840.113549.1.1.12", "1.2.840.10045.4.3.3" },
};

/* keyUsage has nine named bits, digitalSignature(0) to decipherOnly(8) */
#define KEY_USAGE_ALL_BITS 0x1ffu

typedef struct
{
  char     *name;
  char     *issuer;                    /* name of the issuing certificate; NULL:
                                        * a user's, issuer unknown here */
  HlKey    *key;                       /* NULL: a user's certificate without key */
  br_x509_pkey pkey;                   /* public key, pointing into key or pkey_data */
  guint8   *pkey_data;
  GBytes   *der;
  GBytes   *subject;                   /* the encoded subject Name */
  guint8    key_id[br_sha1_SIZE];      /* subjectKeyIdentifier */
  gboolean  is_ca;
} HlCert;

struct _HlPki
{
  GHashTable *certs;    /* certificate name → HlCert */
  GHashTable *keys;     /* demo key name → HlKey */
  /* What get_chain/get_trust_anchors handed out, by the joined names
   * asked for, so that asking twice costs nothing and leaks nothing. */
  GHashTable *chains;
  GHashTable *anchors;
};

G_DEFINE_QUARK (hl-pki-error-quark, hl_pki_error)

static void
hl_cert_free (HlCert *cert)
{
  g_free (cert->name);
  g_free (cert->issuer);
  g_clear_pointer (&cert->key, hl_key_unref);
  g_free (cert->pkey_data);
  g_clear_pointer (&cert->der, g_bytes_unref);
  g_clear_pointer (&cert->subject, g_bytes_unref);
  g_free (cert);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlCert, hl_cert_free)

HlPki *
hl_pki_new (void)
{
  HlPki *self = g_new0 (HlPki, 1);

  self->certs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) hl_cert_free);
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) hl_key_unref);
  self->chains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

void
hl_pki_free (HlPki *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->chains);
  g_hash_table_unref (self->anchors);
  g_hash_table_unref (self->certs);
  g_hash_table_unref (self->keys);
  g_free (self);
}

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

/* Name: one RDN per attribute, most general first, as is usual. */
static GBytes *
build_name (const HlCertRecipe *recipe)
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

static void
pkey_from_key (br_x509_pkey *pkey,
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

/* The key identifier the way RFC 5280 §4.2.1.2 (1) says: SHA-1 of the
 * subjectPublicKey bits. */
static void
compute_key_id (const br_x509_pkey *pkey,
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

static gboolean
check_recipe (HlPki               *self,
              const HlCertRecipe  *recipe,
              GError             **error)
{
  const char *name = recipe->name;

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                   _("certificate recipe without a name"));
      return FALSE;
    }

  if (g_hash_table_contains (self->certs, name))
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_DUPLICATE,
                   _("certificate '%s' was added twice"), name);
      return FALSE;
    }

  if (recipe->issuer == NULL || recipe->key == NULL ||
      recipe->subject_cn == NULL || *recipe->subject_cn == '\0')
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                   _("certificate '%s': %s is missing"), name,
                   recipe->issuer == NULL ? "the issuer" :
                   recipe->key == NULL ? "the key" : "the subject CN");
      return FALSE;
    }

  if (!g_utf8_validate (recipe->subject_cn, -1, NULL) ||
      (recipe->subject_o != NULL && !g_utf8_validate (recipe->subject_o, -1, NULL)) ||
      (recipe->subject_ou != NULL && !g_utf8_validate (recipe->subject_ou, -1, NULL)))
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                   _("certificate '%s': subject is not valid UTF-8"), name);
      return FALSE;
    }

  if (recipe->subject_c != NULL &&
      (strlen (recipe->subject_c) != 2 ||
       !g_ascii_isupper (recipe->subject_c[0]) || !g_ascii_isupper (recipe->subject_c[1])))
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                   _("certificate '%s': country '%s' is not two capital letters (ISO 3166)"),
                   name, recipe->subject_c);
      return FALSE;
    }

  if ((guint) recipe->basic_constraints > HL_BASIC_CONSTRAINTS_ABSENT ||
      (recipe->basic_constraints == HL_BASIC_CONSTRAINTS_ABSENT && recipe->is_ca))
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                   _("certificate '%s': a CA needs basicConstraints; it cannot be left out"),
                   name);
      return FALSE;
    }

  if ((recipe->ext_key_usage & ~EXT_KEY_USAGE_ALL_BITS) != 0)
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                   _("certificate '%s': unknown extendedKeyUsage bits 0x%x"),
                   name, recipe->ext_key_usage);
      return FALSE;
    }

  if ((guint) recipe->signature_hash >= G_N_ELEMENTS (signature_hashes))
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                   _("certificate '%s': unknown signature hash %d"),
                   name, (int) recipe->signature_hash);
      return FALSE;
    }

  if (recipe->ip_addresses != NULL)
    {
      if (recipe->ip_addresses[0] == NULL)
        {
          g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                       _("certificate '%s': subjectAltName needs at least one IP address"),
                       name);
          return FALSE;
        }

      for (guint i = 0; recipe->ip_addresses[i] != NULL; i++)
        {
          g_autoptr(GInetAddress) address = g_inet_address_new_from_string (recipe->ip_addresses[i]);

          if (address == NULL)
            {
              g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                           _("certificate '%s': '%s' is not an IPv4 or IPv6 address"),
                           name, recipe->ip_addresses[i]);
              return FALSE;
            }
        }
    }

  if (recipe->path_len < -1 || (recipe->path_len >= 0 && !recipe->is_ca))
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                   _("certificate '%s': pathLen %d is only allowed on a CA, as 0 or more"),
                   name, recipe->path_len);
      return FALSE;
    }

  if ((recipe->key_usage & ~KEY_USAGE_ALL_BITS) != 0)
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                   _("certificate '%s': keyUsage 0x%x has bits beyond decipherOnly"),
                   name, recipe->key_usage);
      return FALSE;
    }

  if (recipe->dns_names != NULL)
    {
      if (recipe->dns_names[0] == NULL)
        {
          g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                       _("certificate '%s': subjectAltName needs at least one DNS name"),
                       name);
          return FALSE;
        }

      for (guint i = 0; recipe->dns_names[i] != NULL; i++)
        {
          const char *dns = recipe->dns_names[i];

          if (*dns == '\0' || !g_str_is_ascii (dns))
            {
              g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                           _("certificate '%s': DNS name '%s' must be non-empty ASCII "
                           "(use the xn-- form for international names)"), name, dns);
              return FALSE;
            }
        }
    }

  if (!g_str_equal (recipe->issuer, name) &&
      !g_hash_table_contains (self->certs, recipe->issuer))
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_UNKNOWN_ISSUER,
                   _("certificate '%s': issuer '%s' was not added before it"),
                   name, recipe->issuer);
      return FALSE;
    }

  return TRUE;
}

static HlKey *
lookup_key (HlPki       *self,
            const char  *key_name,
            GError     **error)
{
  HlKey *key = g_hash_table_lookup (self->keys, key_name);

  if (key == NULL)
    {
      key = hl_key_load_demo (key_name, error);
      if (key == NULL)
        return NULL;
      g_hash_table_insert (self->keys, g_strdup (key_name), key);
    }

  return key;
}

/*
 * Errors are HL_PKI_ERROR, except that a key which does not load keeps its
 * HL_KEY_ERROR code, with the certificate name in front of the message.
 */
gboolean
hl_pki_add (HlPki               *self,
            const HlCertRecipe  *recipe,
            GError             **error)
{
  g_autoptr(HlDerWriter) w = NULL;
  g_autoptr(GBytes) tbs = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(GError) local_error = NULL;
  br_hash_compat_context hc;
  guint8 tbs_hash[br_sha384_SIZE];
  g_autoptr(HlCert) cert = NULL;
  const HlCert *issuer;
  const SignatureHash *hash;
  HlKey *key;
  HlKey *issuer_key;
  HlKey *signing_key;
  GBytes *issuer_name;
  const guint8 *issuer_key_id;
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (recipe != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_recipe (self, recipe, error))
    return FALSE;

  key = lookup_key (self, recipe->key, &local_error);
  if (key == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  "certificate '%s': ", recipe->name);
      return FALSE;
    }

  cert = g_new0 (HlCert, 1);
  cert->name = g_strdup (recipe->name);
  cert->issuer = g_strdup (recipe->issuer);
  cert->key = hl_key_ref (key);
  pkey_from_key (&cert->pkey, key);
  compute_key_id (&cert->pkey, cert->key_id);
  cert->subject = build_name (recipe);
  cert->is_ca = recipe->is_ca;

  issuer = g_hash_table_lookup (self->certs, recipe->issuer);
  if (issuer == NULL)
    {
      issuer_key = key;
      issuer_name = cert->subject;
      issuer_key_id = cert->key_id;
    }
  else
    {
      issuer_key = issuer->key;
      issuer_name = issuer->subject;
      issuer_key_id = issuer->key_id;
    }

  if (issuer_key == NULL && recipe->signed_by_key == NULL)
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                   _("certificate '%s': issuer '%s' came without its private key, "
                   "so it cannot sign"), recipe->name, recipe->issuer);
      return FALSE;
    }

  signing_key = issuer_key;
  if (recipe->signed_by_key != NULL)
    {
      signing_key = lookup_key (self, recipe->signed_by_key, &local_error);
      if (signing_key == NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      "certificate '%s': signed-by key: ", recipe->name);
          return FALSE;
        }
    }
  hash = &signature_hashes[recipe->signature_hash];

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
      return FALSE;
    }
  hl_der_writer_end (w);

  hl_der_writer_add_bytes (w, cert->subject);

  if (!add_public_key_info (w, &cert->pkey))
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                   _("certificate '%s': key '%s' is on a curve without an OID here"),
                   recipe->name, recipe->key);
      return FALSE;
    }

  add_extensions (w, recipe, cert->key_id, issuer_key_id);

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
      return FALSE;
    }

  hl_der_writer_begin (w, HL_DER_SEQUENCE);
  hl_der_writer_add_bytes (w, tbs);
  add_signature_algorithm (w, signing_key, hash);
  data = g_bytes_get_data (signature, &len);
  hl_der_writer_add_bit_string (w, data, len);
  hl_der_writer_end (w);
  cert->der = hl_der_writer_finish (w);

  g_hash_table_insert (self->certs, cert->name, cert);
  cert = NULL;

  return TRUE;
}

static void
append_to_byte_array (void       *dest_ctx,
                      const void *src,
                      size_t      len)
{
  g_byte_array_append (dest_ctx, src, len);
}

/* A copy of a public key BearSSL's decoder found, in memory of its own. */
static void
copy_pkey (HlCert             *cert,
           const br_x509_pkey *pkey)
{
  cert->pkey = *pkey;

  if (pkey->key_type == BR_KEYTYPE_RSA)
    {
      cert->pkey_data = g_malloc (pkey->key.rsa.nlen + pkey->key.rsa.elen);
      cert->pkey.key.rsa.n = memcpy (cert->pkey_data, pkey->key.rsa.n, pkey->key.rsa.nlen);
      cert->pkey.key.rsa.e = memcpy (cert->pkey_data + pkey->key.rsa.nlen,
                                     pkey->key.rsa.e, pkey->key.rsa.elen);
    }
  else
    {
      cert->pkey_data = g_memdup2 (pkey->key.ec.q, pkey->key.ec.qlen);
      cert->pkey.key.ec.q = cert->pkey_data;
    }
}

/*
 * For a certificate that was not built here.  Errors are HL_PKI_ERROR.
 */
gboolean
hl_pki_add_certificate (HlPki       *self,
                        const char  *name,
                        GBytes      *der,
                        HlKey       *key,
                        GError     **error)
{
  g_autofree br_x509_decoder_context *dc = g_new0 (br_x509_decoder_context, 1);
  g_autoptr(GByteArray) subject = g_byte_array_new ();
  g_autoptr(HlCert) cert = NULL;
  const br_x509_pkey *pkey;
  const guint8 *data;
  gsize len;
  int err;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (der != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID, _("certificate without a name"));
      return FALSE;
    }

  if (g_hash_table_contains (self->certs, name))
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_DUPLICATE,
                   _("certificate '%s' was added twice"), name);
      return FALSE;
    }

  data = g_bytes_get_data (der, &len);
  br_x509_decoder_init (dc, append_to_byte_array, subject);
  br_x509_decoder_push (dc, data, len);
  err = br_x509_decoder_last_error (dc);
  pkey = br_x509_decoder_get_pkey (dc);
  if (err != 0 || pkey == NULL)
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID,
                   _("certificate '%s': BearSSL cannot decode it (error %d)"), name, err);
      return FALSE;
    }

  if (key != NULL && !hl_key_matches_public (key, pkey))
    {
      g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_KEY_MISMATCH,
                   _("certificate '%s': the private key '%s' is not the key of this "
                   "certificate"), name, hl_key_get_name (key));
      return FALSE;
    }

  cert = g_new0 (HlCert, 1);
  cert->name = g_strdup (name);
  cert->key = key != NULL ? hl_key_ref (key) : NULL;
  cert->der = g_bytes_ref (der);
  cert->subject = g_byte_array_free_to_bytes (g_steal_pointer (&subject));
  cert->is_ca = br_x509_decoder_isCA (dc);
  copy_pkey (cert, pkey);
  compute_key_id (&cert->pkey, cert->key_id);

  g_hash_table_insert (self->certs, cert->name, cert);
  cert = NULL;

  return TRUE;
}

/* The certificate called name, in DER, owned by the PKI; NULL if unknown. */
GBytes *
hl_pki_get_der (HlPki      *self,
                const char *name)
{
  const HlCert *cert;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  cert = g_hash_table_lookup (self->certs, name);

  return cert != NULL ? cert->der : NULL;
}

/* The private key of the certificate called name, owned by the PKI. */
HlKey *
hl_pki_get_key (HlPki      *self,
                const char *name)
{
  const HlCert *cert;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  cert = g_hash_table_lookup (self->certs, name);

  return cert != NULL ? cert->key : NULL;
}

/**
 * hl_pki_get_issuer_key:
 * @name: a certificate's name
 *
 * Returns: (transfer none) (nullable): the key of the issuer of the
 *   certificate @name (its own key when self-signed), which signed it
 *   unless its recipe named signed_by_key; %NULL for an unknown name
 */
HlKey *
hl_pki_get_issuer_key (HlPki      *self,
                       const char *name)
{
  const HlCert *cert;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  cert = g_hash_table_lookup (self->certs, name);
  if (cert == NULL || cert->issuer == NULL)
    return NULL;

  return hl_pki_get_key (self, cert->issuer);
}

static gboolean
lookup_certs (HlPki               *self,
              const char * const  *names,
              GPtrArray           *out,
              GError             **error)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      HlCert *cert = g_hash_table_lookup (self->certs, names[i]);

      if (cert == NULL)
        {
          g_set_error (error, HL_PKI_ERROR, HL_PKI_ERROR_UNKNOWN_CERTIFICATE,
                       _("no certificate named '%s'"), names[i]);
          return FALSE;
        }
      g_ptr_array_add (out, cert);
    }

  return TRUE;
}

/* An empty list is allowed (n_certs = 0, non-NULL result); NULL only on
 * error. */
const br_x509_certificate *
hl_pki_get_chain (HlPki               *self,
                  const char * const  *names,
                  gsize               *n_certs,
                  GError             **error)
{
  g_autoptr(GPtrArray) certs = g_ptr_array_new ();
  g_autofree char *cache_key = NULL;
  br_x509_certificate *chain;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (names != NULL, NULL);
  g_return_val_if_fail (n_certs != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  *n_certs = 0;
  if (!lookup_certs (self, names, certs, error))
    return NULL;

  cache_key = g_strjoinv ("\n", (char **) names);
  chain = g_hash_table_lookup (self->chains, cache_key);

  if (chain == NULL)
    {
      chain = g_new0 (br_x509_certificate, MAX (certs->len, 1));
      for (guint i = 0; i < certs->len; i++)
        {
          const HlCert *cert = g_ptr_array_index (certs, i);
          gsize len;

          chain[i].data = (unsigned char *) g_bytes_get_data (cert->der, &len);
          chain[i].data_len = len;
        }
      g_hash_table_insert (self->chains, g_steal_pointer (&cache_key), chain);
    }

  *n_certs = certs->len;
  return chain;
}

/* As hl_pki_get_chain(); a certificate that is not a CA becomes a non-CA
 * anchor, which BearSSL only accepts for direct trust. */
const br_x509_trust_anchor *
hl_pki_get_trust_anchors (HlPki               *self,
                          const char * const  *names,
                          gsize               *n_anchors,
                          GError             **error)
{
  g_autoptr(GPtrArray) certs = g_ptr_array_new ();
  g_autofree char *cache_key = NULL;
  br_x509_trust_anchor *anchors;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (names != NULL, NULL);
  g_return_val_if_fail (n_anchors != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  *n_anchors = 0;
  if (!lookup_certs (self, names, certs, error))
    return NULL;

  cache_key = g_strjoinv ("\n", (char **) names);
  anchors = g_hash_table_lookup (self->anchors, cache_key);

  if (anchors == NULL)
    {
      anchors = g_new0 (br_x509_trust_anchor, MAX (certs->len, 1));
      for (guint i = 0; i < certs->len; i++)
        {
          const HlCert *cert = g_ptr_array_index (certs, i);
          br_x509_trust_anchor *ta = &anchors[i];
          gsize len;

          ta->dn.data = (unsigned char *) g_bytes_get_data (cert->subject, &len);
          ta->dn.len = len;
          ta->flags = cert->is_ca ? BR_X509_TA_CA : 0;
          ta->pkey = cert->pkey;
        }
      g_hash_table_insert (self->anchors, g_steal_pointer (&cache_key), anchors);
    }

  *n_anchors = certs->len;
  return anchors;
}
