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

#include "hl-pki.h"
#include "hl-pki-private.h"

#define EXT_KEY_USAGE_ALL_BITS (HL_EXT_KEY_USAGE_SERVER_AUTH | HL_EXT_KEY_USAGE_CLIENT_AUTH)

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

/* subjectAltName: a list, when given, of valid entries. */
static gboolean
check_ip_addresses (const HlCertRecipe  *recipe,
                    GError             **error)
{
  const char *name = recipe->name;

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

  return TRUE;
}

static gboolean
check_dns_names (const HlCertRecipe  *recipe,
                 GError             **error)
{
  const char *name = recipe->name;

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

  return TRUE;
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

  if (!check_ip_addresses (recipe, error))
    return FALSE;

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

  if (!check_dns_names (recipe, error))
    return FALSE;

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

gboolean
hl_pki_add (HlPki               *self,
            const HlCertRecipe  *recipe,
            GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HlCert) cert = NULL;
  const HlCert *issuer;
  const SignatureHash *hash;
  HlKey *key;
  HlKey *issuer_key;
  HlKey *signing_key;
  GBytes *issuer_name;
  const guint8 *issuer_key_id;

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
  hl_pki_public_key_of (&cert->pkey, key);
  hl_pki_compute_key_id (&cert->pkey, cert->key_id);
  cert->subject = hl_pki_encode_name (recipe);
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

  cert->der = hl_pki_encode_certificate (recipe, &cert->pkey, cert->subject, cert->key_id, issuer_name,
                                         issuer_key_id, signing_key, hash, error);
  if (cert->der == NULL)
    return FALSE;

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
  hl_pki_compute_key_id (&cert->pkey, cert->key_id);

  g_hash_table_insert (self->certs, cert->name, cert);
  cert = NULL;

  return TRUE;
}

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
