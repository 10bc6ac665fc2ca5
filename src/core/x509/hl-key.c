/* hl-key.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-key"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "hl-der-reader.h"
#include "hl-key.h"
#include "hl-pem-private.h"

struct _HlKey
{
  char               *name;
  HlKeyType           type;
  guint               bits;
  br_rsa_private_key  rsa;
  br_rsa_public_key   rsa_public;
  br_ec_private_key   ec;
  br_ec_public_key    ec_public;
  /* Every integer and point the BearSSL views above point into. */
  guint8             *material;
};

typedef struct
{
  int                  id;
  const br_hash_class *vtable;
  const guint8        *rsa_oid;
  gsize                size;
  const char          *name;
} HashInfo;

static const HashInfo hashes[] = {
  { br_sha1_ID,   &br_sha1_vtable,   BR_HASH_OID_SHA1,   br_sha1_SIZE,   "SHA-1" },
  { br_sha224_ID, &br_sha224_vtable, BR_HASH_OID_SHA224, br_sha224_SIZE, "SHA-224" },
  { br_sha256_ID, &br_sha256_vtable, BR_HASH_OID_SHA256, br_sha256_SIZE, "SHA-256" },
  { br_sha384_ID, &br_sha384_vtable, BR_HASH_OID_SHA384, br_sha384_SIZE, "SHA-384" },
  { br_sha512_ID, &br_sha512_vtable, BR_HASH_OID_SHA512, br_sha512_SIZE, "SHA-512" },
};

/* Room for an ASN.1 ECDSA signature on P-521: two 66-byte integers, each
 * with a possible 0x00 and a 2-byte header, in a 3-byte SEQUENCE header. */
#define EC_SIG_MAX 160

G_DEFINE_QUARK (hl-key-error-quark, hl_key_error)

static void
hl_key_clear (gpointer data)
{
  HlKey *self = data;

  g_free (self->name);
  g_free (self->material);
}

HlKey *
hl_key_ref (HlKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
hl_key_unref (HlKey *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, hl_key_clear);
}

static gboolean
is_private_key_label (const char *label)
{
  return g_str_equal (label, "PRIVATE KEY") ||
         g_str_equal (label, "RSA PRIVATE KEY") ||
         g_str_equal (label, "EC PRIVATE KEY");
}

/* Returns the DER contents of the first private-key block of a PEM text. */
static GBytes *
der_from_pem (const guint8  *data,
              gsize          len,
              const char    *origin,
              GError       **error)
{
  HlPemReader reader;
  HlPemEvent event = HL_PEM_END;
  GBytes *der = NULL;
  gboolean failed = FALSE;

  hl_pem_reader_init (&reader, data, len, is_private_key_label);
  while (der == NULL && !failed && (event = hl_pem_reader_next (&reader)) != HL_PEM_END)
    {
      switch (event)
        {
        case HL_PEM_OTHER:
          if (g_str_equal (reader.label, "ENCRYPTED PRIVATE KEY"))
            {
              g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_UNSUPPORTED,
                           _("%s: the private key is encrypted; decrypt it first "
                           "(openssl pkey -in FILE -out PLAIN.pem)"), origin);
              failed = TRUE;
            }
          break;

        case HL_PEM_BLOCK:
          der = g_byte_array_free_to_bytes (g_steal_pointer (&reader.der));
          break;

        case HL_PEM_TRUNCATED:
          g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED,
                       _("%s: PEM block '%s' is truncated (no END line)"), origin, reader.label);
          failed = TRUE;
          break;

        case HL_PEM_BAD_BASE64:
          g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED,
                       _("%s: bad base64 in PEM block '%s'"), origin, reader.label);
          failed = TRUE;
          break;

        case HL_PEM_END:
        default:
          break;
        }
    }

  if (der == NULL && !failed && reader.first_other != NULL && reader.first_other[0] == '\0')
    g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED,
                 _("%s: a PEM block of a kind unknown here, not a private key"), origin);
  else if (der == NULL && !failed && reader.first_other != NULL)
    g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED,
                 _("%s: PEM block '%s' is not a private key"), origin, reader.first_other);
  else if (der == NULL && !failed)
    g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED,
                 _("%s: no complete PEM block"), origin);

  hl_pem_reader_clear (&reader);
  return der;
}

/* Reads the DER header at *p and moves *p past the value; *value and
 * *value_len give the contents.  Returns FALSE when it runs past end. */
static gboolean
der_next (const guint8  **p,
          const guint8   *end,
          guint8         *tag,
          const guint8  **value,
          gsize          *value_len)
{
  gsize avail = (gsize)(end - *p);
  HlDerHeader h;

  if (avail == 0 || hl_der_read_header (*p, avail, &h) != HL_DER_OK || h.length > avail - h.header)
    return FALSE;

  *tag = (*p)[0];
  *value = *p + h.header;
  *value_len = h.length;
  *p += h.header + h.length;
  return TRUE;
}

static const guint8 *
strip_leading_zeros (const guint8 *be,
                     gsize        *len)
{
  while (*len > 1 && be[0] == 0)
    {
      be++;
      (*len)--;
    }

  return be;
}

/* Finds modulus and public exponent in an RSA key that BearSSL has already
 * accepted, PKCS#1 RSAPrivateKey or PKCS#8 wrapping one.  BearSSL skips
 * them, and br_rsa_compute_pubexp() only succeeds when both primes are
 * 3 mod 4, which keys made by OpenSSL rarely satisfy. */
static gboolean
rsa_public_from_der (const guint8  *der,
                     gsize          der_len,
                     const guint8 **n,
                     gsize         *n_len,
                     const guint8 **e,
                     gsize         *e_len)
{
  const guint8 *p = der;
  const guint8 *end = der + der_len;
  const guint8 *value;
  gsize value_len;
  guint8 tag;

  if (!der_next (&p, end, &tag, &value, &value_len) || tag != 0x30)
    return FALSE;
  p = value;
  end = value + value_len;

  if (!der_next (&p, end, &tag, &value, &value_len) || tag != 0x02)
    return FALSE;
  if (!der_next (&p, end, &tag, &value, &value_len))
    return FALSE;

  if (tag == 0x30)
    {
      if (!der_next (&p, end, &tag, &value, &value_len) || tag != 0x04)
        return FALSE;
      return rsa_public_from_der (value, value_len, n, n_len, e, e_len);
    }

  if (tag != 0x02)
    return FALSE;
  *n = value;
  *n_len = value_len;

  if (!der_next (&p, end, &tag, &value, &value_len) || tag != 0x02 || value_len == 0)
    return FALSE;
  *e = value;
  *e_len = value_len;

  *n = strip_leading_zeros (*n, n_len);
  *e = strip_leading_zeros (*e, e_len);
  return TRUE;
}

/* The largest modulus BearSSL's RSA operations take (bearssl_rsa.h). */
#define RSA_MAX_BITS 4096

/* Whether @pk is the public half of @sk, for a key larger than BearSSL
 * recomputes a modulus for (its i31 code stops short of 4096 bits, while
 * its RSA operations go up to BR_MAX_RSA_SIZE): a PKCS #1 signature made
 * with one half must verify with the other. */
static gboolean
rsa_halves_match (const br_rsa_private_key *sk,
                  const br_rsa_public_key  *pk)
{
  static const guint8 hash[32] = "Handshake Lab: do the halves fit";
  guint8 signature[RSA_MAX_BITS / 8];
  guint8 recovered[sizeof hash];
  gsize len = (sk->n_bitlen + 7) / 8;

  return len <= sizeof signature &&
         br_rsa_pkcs1_sign_get_default () (BR_HASH_OID_SHA256, hash, sizeof hash, sk, signature) &&
         br_rsa_pkcs1_vrfy_get_default () (signature, len, BR_HASH_OID_SHA256, sizeof recovered, pk, recovered) &&
         memcmp (recovered, hash, sizeof hash) == 0;
}

static gboolean
set_rsa (HlKey                    *self,
         const br_rsa_private_key *sk,
         const guint8             *der,
         gsize                     der_len,
         const char               *origin,
         GError                  **error)
{
  br_rsa_compute_modulus compute_modulus = br_rsa_compute_modulus_get_default ();
  const guint8 *der_n;
  const guint8 *der_e;
  gsize der_n_len;
  gsize der_e_len;
  gsize total;
  gboolean match;
  guint8 *m;

  if (sk->n_bitlen > RSA_MAX_BITS)
    {
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_UNSUPPORTED,
                   _("%s: RSA key of %u bits is too large for BearSSL"),
                   origin, (guint) sk->n_bitlen);
      return FALSE;
    }

  if (!rsa_public_from_der (der, der_len, &der_n, &der_n_len, &der_e, &der_e_len))
    {
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED,
                   _("%s: RSA key without a readable modulus and exponent"), origin);
      return FALSE;
    }

  total = sk->plen + sk->qlen + sk->dplen + sk->dqlen + sk->iqlen + der_n_len + der_e_len;
  self->material = m = g_malloc (total);

  self->rsa = *sk;
  self->rsa.p = memcpy (m, sk->p, sk->plen);
  m += sk->plen;
  self->rsa.q = memcpy (m, sk->q, sk->qlen);
  m += sk->qlen;
  self->rsa.dp = memcpy (m, sk->dp, sk->dplen);
  m += sk->dplen;
  self->rsa.dq = memcpy (m, sk->dq, sk->dqlen);
  m += sk->dqlen;
  self->rsa.iq = memcpy (m, sk->iq, sk->iqlen);
  m += sk->iqlen;
  self->rsa_public.n = memcpy (m, der_n, der_n_len);
  self->rsa_public.nlen = der_n_len;
  m += der_n_len;
  self->rsa_public.e = memcpy (m, der_e, der_e_len);
  self->rsa_public.elen = der_e_len;

  /* A key whose stored modulus is not p×q would sign with one key and
   * publish another: catch it here rather than in a failed handshake. */
  if (compute_modulus (NULL, &self->rsa) == der_n_len)
    {
      g_autofree guint8 *n = g_malloc (der_n_len);

      compute_modulus (n, &self->rsa);
      match = memcmp (n, der_n, der_n_len) == 0;
    }
  else if (compute_modulus (NULL, &self->rsa) == 0)
    match = rsa_halves_match (&self->rsa, &self->rsa_public);
  else
    match = FALSE;

  if (!match)
    {
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED,
                   _("%s: RSA modulus does not match the primes p and q"), origin);
      return FALSE;
    }

  self->type = HL_KEY_TYPE_RSA;
  self->bits = sk->n_bitlen;
  return TRUE;
}

static guint
curve_bits (int curve)
{
  switch (curve)
    {
    case BR_EC_secp256r1:
      return 256;
    case BR_EC_secp384r1:
      return 384;
    case BR_EC_secp521r1:
      return 521;
    default:
      return 0;
    }
}

static gboolean
set_ec (HlKey                   *self,
        const br_ec_private_key *sk,
        const char              *origin,
        GError                 **error)
{
  const br_ec_impl *impl = br_ec_get_default ();
  const guint8 *x;
  const guint8 *order;
  gsize x_len = sk->xlen;
  gsize order_len;
  gsize pub_len;

  if (curve_bits (sk->curve) == 0 || ((impl->supported_curves >> sk->curve) & 1) == 0)
    {
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_UNSUPPORTED,
                   _("%s: EC curve %d is not supported (use P-256, P-384 or P-521)"),
                   origin, sk->curve);
      return FALSE;
    }

  /* BearSSL does not check that 0 < x < order; an off-range x gives
   * undefined results, so refuse it. */
  x = strip_leading_zeros (sk->x, &x_len);
  order = impl->order (sk->curve, &order_len);
  if (x_len == 0 || (x_len == 1 && x[0] == 0) ||
      x_len > order_len ||
      (x_len == order_len && memcmp (x, order, order_len) >= 0))
    {
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED,
                   _("%s: EC private value out of range"), origin);
      return FALSE;
    }

  pub_len = br_ec_compute_pub (impl, NULL, NULL, sk);
  self->material = g_malloc (sk->xlen + pub_len);
  self->ec = *sk;
  self->ec.x = memcpy (self->material, sk->x, sk->xlen);

  if (pub_len == 0 ||
      br_ec_compute_pub (impl, &self->ec_public, self->material + sk->xlen, &self->ec) != pub_len)
    {
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_UNSUPPORTED,
                   _("%s: BearSSL cannot compute the public point"), origin);
      return FALSE;
    }

  self->type = HL_KEY_TYPE_EC;
  self->bits = curve_bits (sk->curve);
  return TRUE;
}

static HlKey *
key_from_der (const guint8  *der,
              gsize          len,
              const char    *origin,
              GError       **error)
{
  g_autofree br_skey_decoder_context *dc = g_new0 (br_skey_decoder_context, 1);
  const br_rsa_private_key *rsa;
  const br_ec_private_key *ec;
  HlKey *self;
  gboolean ok;
  int err;

  br_skey_decoder_init (dc);
  br_skey_decoder_push (dc, der, len);
  err = br_skey_decoder_last_error (dc);

  switch (err)
    {
    case 0:
      break;
    case BR_ERR_X509_TRUNCATED:
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED,
                   _("%s: private key is truncated"), origin);
      return NULL;
    case BR_ERR_X509_EXTRA_ELEMENT:
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED,
                   _("%s: extra bytes after the private key"), origin);
      return NULL;
    case BR_ERR_X509_UNSUPPORTED:
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_UNSUPPORTED,
                   _("%s: unsupported kind of private key (only RSA, and EC on a "
                   "named curve, are supported)"), origin);
      return NULL;
    default:
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED,
                   _("%s: not a valid private key (BearSSL error %d)"), origin, err);
      return NULL;
    }

  self = g_atomic_rc_box_new0 (HlKey);
  self->name = g_strdup (origin);

  /* With no error, the decoder holds exactly one of the two. */
  rsa = br_skey_decoder_get_rsa (dc);
  ec = br_skey_decoder_get_ec (dc);
  g_assert (rsa != NULL || ec != NULL);

  if (rsa != NULL)
    ok = set_rsa (self, rsa, der, len, origin, error);
  else
    ok = set_ec (self, ec, origin, error);

  if (!ok)
    g_clear_pointer (&self, hl_key_unref);

  return self;
}

HlKey *
hl_key_new_from_data (const guint8  *data,
                      gsize          len,
                      const char    *origin,
                      GError       **error)
{
  g_autoptr(GBytes) der = NULL;
  const guint8 *der_data;
  gsize der_len;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (origin == NULL)
    origin = "key data";

  if (len == 0)
    {
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED,
                   _("%s: empty, not PEM or DER"), origin);
      return NULL;
    }

  if (hl_bytes_contain (data, len, "-----BEGIN "))
    {
      der = der_from_pem (data, len, origin, error);
      if (der == NULL)
        return NULL;
      der_data = g_bytes_get_data (der, &der_len);
    }
  else if (data[0] == 0x30)
    {
      der_data = data;
      der_len = len;
    }
  else
    {
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED,
                   _("%s: not PEM or DER"), origin);
      return NULL;
    }

  if (der_len == 0)
    {
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED,
                   _("%s: PEM block is empty"), origin);
      return NULL;
    }

  return key_from_der (der_data, der_len, origin, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

char **
hl_key_list_demo (void)
{
  g_auto(GStrv) files = g_resources_enumerate_children (RESOURCE_PREFIX "/pki/", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    if (g_str_has_suffix (files[i], ".pem"))
      g_ptr_array_add (names, g_strndup (files[i], strlen (files[i]) - strlen (".pem")));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return (char **)g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

HlKey *
hl_key_load_demo (const char  *name,
                  GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *origin = NULL;
  g_autoptr(GBytes) pem = NULL;
  const guint8 *data;
  gsize len;
  HlKey *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_strdup_printf (RESOURCE_PREFIX "/pki/%s.pem", name);
  pem = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (pem == NULL)
    {
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_NOT_FOUND,
                   _("no demo key named '%s'"), name);
      return NULL;
    }

  origin = g_strdup_printf ("demo key '%s'", name);
  data = g_bytes_get_data (pem, &len);
  self = hl_key_new_from_data (data, len, origin, error);
  if (self == NULL)
    return NULL;

  g_free (self->name);
  self->name = g_strdup (name);

  return self;
}

const char *
hl_key_get_name (HlKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

HlKeyType
hl_key_get_key_type (HlKey *self)
{
  g_return_val_if_fail (self != NULL, HL_KEY_TYPE_RSA);

  return self->type;
}

guint
hl_key_get_bits (HlKey *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->bits;
}

int
hl_key_get_curve (HlKey *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->type == HL_KEY_TYPE_EC ? self->ec.curve : 0;
}

const br_rsa_private_key *
hl_key_get_rsa (HlKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->type == HL_KEY_TYPE_RSA ? &self->rsa : NULL;
}

const br_rsa_public_key *
hl_key_get_rsa_public (HlKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->type == HL_KEY_TYPE_RSA ? &self->rsa_public : NULL;
}

const br_ec_private_key *
hl_key_get_ec (HlKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->type == HL_KEY_TYPE_EC ? &self->ec : NULL;
}

const br_ec_public_key *
hl_key_get_ec_public (HlKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->type == HL_KEY_TYPE_EC ? &self->ec_public : NULL;
}

static gboolean
same_integer (const guint8 *a,
              gsize         a_len,
              const guint8 *b,
              gsize         b_len)
{
  a = strip_leading_zeros (a, &a_len);
  b = strip_leading_zeros (b, &b_len);

  return a_len == b_len && memcmp (a, b, a_len) == 0;
}

gboolean
hl_key_matches_public (HlKey              *self,
                       const br_x509_pkey *pkey)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (pkey != NULL, FALSE);

  if (pkey->key_type == BR_KEYTYPE_RSA && self->type == HL_KEY_TYPE_RSA)
    return pkey->key.rsa.nlen > 0 && pkey->key.rsa.elen > 0 &&
           same_integer (pkey->key.rsa.n, pkey->key.rsa.nlen,
                         self->rsa_public.n, self->rsa_public.nlen) &&
           same_integer (pkey->key.rsa.e, pkey->key.rsa.elen,
                         self->rsa_public.e, self->rsa_public.elen);

  if (pkey->key_type == BR_KEYTYPE_EC && self->type == HL_KEY_TYPE_EC)
    return pkey->key.ec.curve == self->ec_public.curve &&
           pkey->key.ec.qlen == self->ec_public.qlen &&
           memcmp (pkey->key.ec.q, self->ec_public.q, self->ec_public.qlen) == 0;

  return FALSE;
}

GBytes *
hl_key_sign_hash (HlKey         *self,
                  int            hash_id,
                  const guint8  *hash,
                  gsize          hash_len,
                  GError       **error)
{
  const HashInfo *info = NULL;
  guint8 *sig;
  gsize sig_len;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (hash != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hashes); i++)
    {
      if (hashes[i].id == hash_id)
        info = &hashes[i];
    }

  if (info == NULL)
    {
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_UNSUPPORTED,
                   _("%s: cannot sign with hash function id %d"), self->name, hash_id);
      return NULL;
    }

  if (hash_len != info->size)
    {
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_UNSUPPORTED,
                   _("%s: a %s hash has %zu bytes, not %zu"),
                   self->name, info->name, info->size, hash_len);
      return NULL;
    }

  if (self->type == HL_KEY_TYPE_RSA)
    {
      sig_len = (self->rsa.n_bitlen + 7) / 8;
      sig = g_malloc (sig_len);
      if (!br_rsa_pkcs1_sign_get_default () (info->rsa_oid, hash, hash_len, &self->rsa, sig))
        sig_len = 0;
    }
  else
    {
      sig = g_malloc (EC_SIG_MAX);
      sig_len = br_ecdsa_sign_asn1_get_default () (br_ec_get_default (), info->vtable,
                                                   hash, &self->ec, sig);
    }

  if (sig_len == 0)
    {
      g_free (sig);
      g_set_error (error, HL_KEY_ERROR, HL_KEY_ERROR_UNSUPPORTED,
                   _("%s: BearSSL failed to make a %s signature"),
                   self->name, info->name);
      return NULL;
    }

  return g_bytes_new_take (sig, sig_len);
}
