/* hl-certificate.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-certificate"

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "hl-certificate.h"
#include "hl-der-reader.h"

#define TAG_BOOLEAN      0x01
#define TAG_INTEGER      0x02
#define TAG_BIT_STRING   0x03
#define TAG_OCTET_STRING 0x04
#define TAG_OID          0x06
#define TAG_UTC_TIME     0x17
#define TAG_GEN_TIME     0x18
#define TAG_SEQUENCE     0x30
#define TAG_SET          0x31

struct _HlCertificate
{
  GBytes       *der;
  GBytes       *tbs;
  GBytes       *subject_der;
  GBytes       *issuer_der;
  char         *subject;
  char         *issuer;
  char         *common_name;
  char         *serial;
  gint64        not_before;
  gint64        not_after;
  char         *signature_oid;
  GBytes       *signature;
  char         *key_description;
  guint         key_bits;
  gboolean      rsa;
  GBytes       *rsa_n;
  GBytes       *rsa_e;
  int           curve;
  GBytes       *ec_point;
  gboolean      has_bc;
  gboolean      is_ca;
  int           path_len;
  gboolean      has_ku;
  guint         key_usage;
  GPtrArray    *dns_names;
  char         *unknown_critical;
};

/* A bounded DER reader. */
typedef struct
{
  const guint8 *p;
  gsize         len;
} Der;

static gboolean
der_next (Der    *in,
          guint8 *tag,
          Der    *value,
          Der    *whole)
{
  HlDerHeader h;

  if (in->len == 0 || hl_der_read_header (in->p, in->len, &h) != HL_DER_OK || h.length > in->len - h.header)
    return FALSE;

  *tag = in->p[0];
  value->p = in->p + h.header;
  value->len = h.length;
  if (whole != NULL)
    {
      whole->p = in->p;
      whole->len = h.header + h.length;
    }
  in->p += h.header + h.length;
  in->len -= h.header + h.length;

  return TRUE;
}

static gboolean
der_expect (Der    *in,
            guint8  tag,
            Der    *value,
            Der    *whole)
{
  guint8 got;
  Der copy = *in;

  if (!der_next (&copy, &got, value, whole) || got != tag)
    return FALSE;

  *in = copy;
  return TRUE;
}

/* Dotted decimal, or "?" for bytes that are no object identifier. */
static char *
oid_to_string (const Der *oid)
{
  char *text = hl_der_oid_text (oid->p, oid->len);

  return text != NULL ? text : g_strdup ("?");
}

/* The attribute types 2.5.4.N (id-at, RFC 5280 §4.1.2.4) a name is
 * written with, by their last arc: DER writes 2.5.4.N as 55 04 N. */
static const struct { guint8 arc; const char *name; } attribute_names[] = {
  { 3, "CN" }, { 6, "C" }, { 7, "L" }, { 8, "ST" }, { 10, "O" }, { 11, "OU" },
};

static const char *
attribute_label (const Der *oid)
{
  if (oid->len != 3 || oid->p[0] != 0x55 || oid->p[1] != 0x04)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (attribute_names); i++)
    if (attribute_names[i].arc == oid->p[2])
      return attribute_names[i].name;

  return NULL;
}

/* "CN=www.example, O=Example", and the CN alone. */
static char *
read_name (Der    name,
           char **common_name)
{
  GString *s = g_string_new (NULL);
  guint8 tag;
  Der rdn;

  while (der_next (&name, &tag, &rdn, NULL))
    {
      Der atv;

      while (der_expect (&rdn, TAG_SEQUENCE, &atv, NULL))
        {
          Der oid, value;
          g_autofree char *oid_text = NULL;
          g_autofree char *text = NULL;
          const char *label;

          if (!der_expect (&atv, TAG_OID, &oid, NULL) || !der_next (&atv, &tag, &value, NULL))
            break;

          /* A known type is named without writing its OID out. */
          label = attribute_label (&oid);
          if (label == NULL)
            label = oid_text = oid_to_string (&oid);

          text = g_utf8_make_valid ((const char *)value.p, value.len);
          if (s->len > 0)
            g_string_append (s, ", ");
          g_string_append (s, label);
          g_string_append_c (s, '=');
          g_string_append (s, text);

          if (oid_text == NULL && strcmp (label, "CN") == 0 && common_name != NULL && *common_name == NULL)
            *common_name = g_strdup (text);
        }
    }

  return g_string_free (s, FALSE);
}

static gboolean
read_time (Der     value,
           guint8  tag,
           gint64 *out)
{
  g_autofree char *text = g_strndup ((const char *)value.p, value.len);
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (tag == TAG_UTC_TIME && value.len == 13)
    {
      int year = (text[0] - '0') * 10 + (text[1] - '0');

      /* RFC 5280 §4.1.2.5.1: 50–99 are 19xx, 00–49 are 20xx */
      iso = g_strdup_printf ("%d-%.2s-%.2sT%.2s:%.2s:%.2sZ", year >= 50 ? 1900 + year : 2000 + year,
                             text + 2, text + 4, text + 6, text + 8, text + 10);
    }
  else if (tag == TAG_GEN_TIME && value.len == 15)
    iso = g_strdup_printf ("%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", text, text + 4, text + 6, text + 8, text + 10, text + 12);
  else
    return FALSE;

  dt = g_date_time_new_from_iso8601 (iso, NULL);
  if (dt == NULL)
    return FALSE;

  *out = g_date_time_to_unix (dt);
  return TRUE;
}

static GBytes *
unsigned_integer (Der value)
{
  while (value.len > 1 && value.p[0] == 0)
    value.p++, value.len--;

  return g_bytes_new (value.p, value.len);
}

static gboolean
read_key (HlCertificate *self,
          Der            spki)
{
  Der alg, oid, bits;
  g_autofree char *oid_text = NULL;

  if (!der_expect (&spki, TAG_SEQUENCE, &alg, NULL) ||
      !der_expect (&alg, TAG_OID, &oid, NULL) ||
      !der_expect (&spki, TAG_BIT_STRING, &bits, NULL) || bits.len < 1)
    return FALSE;

  oid_text = oid_to_string (&oid);
  bits.p++, bits.len--;

  if (strcmp (oid_text, "1.2.840.113549.1.1.1") == 0)
    {
      Der rsa, n, e;

      if (!der_expect (&bits, TAG_SEQUENCE, &rsa, NULL) ||
          !der_expect (&rsa, TAG_INTEGER, &n, NULL) ||
          !der_expect (&rsa, TAG_INTEGER, &e, NULL) ||
          n.len == 0 || e.len == 0)
        return FALSE;

      self->rsa = TRUE;
      self->rsa_n = unsigned_integer (n);
      self->rsa_e = unsigned_integer (e);
      self->key_bits = 8 * g_bytes_get_size (self->rsa_n);
      {
        const guint8 *top = g_bytes_get_data (self->rsa_n, NULL);

        for (guint8 b = top[0]; b < 0x80 && self->key_bits > 0; b <<= 1)
          self->key_bits--;
      }
      self->key_description = g_strdup_printf (_("RSA %u bits"), self->key_bits);
      return TRUE;
    }

  if (strcmp (oid_text, "1.2.840.10045.2.1") == 0)
    {
      Der curve;
      g_autofree char *curve_text = NULL;

      if (!der_expect (&alg, TAG_OID, &curve, NULL))
        return FALSE;

      curve_text = oid_to_string (&curve);
      if (strcmp (curve_text, "1.2.840.10045.3.1.7") == 0)
        self->curve = BR_EC_secp256r1, self->key_bits = 256;
      else if (strcmp (curve_text, "1.3.132.0.34") == 0)
        self->curve = BR_EC_secp384r1, self->key_bits = 384;
      else if (strcmp (curve_text, "1.3.132.0.35") == 0)
        self->curve = BR_EC_secp521r1, self->key_bits = 521;
      else
        return FALSE;

      self->ec_point = g_bytes_new (bits.p, bits.len);
      self->key_description = g_strdup_printf ("EC P-%u", self->key_bits);
      return TRUE;
    }

  self->key_description = g_strdup_printf (_("unknown key type %s"), oid_text);
  return TRUE;
}

static void
read_extension (HlCertificate *self,
                const char    *oid,
                gboolean       critical,
                Der            value)
{
  Der inner;

  if (strcmp (oid, "2.5.29.19") == 0 && der_expect (&value, TAG_SEQUENCE, &inner, NULL))
    {
      Der v;

      self->has_bc = TRUE;
      if (der_expect (&inner, TAG_BOOLEAN, &v, NULL) && v.len == 1)
        self->is_ca = v.p[0] != 0;
      if (der_expect (&inner, TAG_INTEGER, &v, NULL) && v.len == 1)
        self->path_len = v.p[0];
    }
  else if (strcmp (oid, "2.5.29.15") == 0 && der_expect (&value, TAG_BIT_STRING, &inner, NULL) && inner.len >= 2)
    {
      self->has_ku = TRUE;
      for (guint bit = 0; bit < 8; bit++)
        if (inner.p[1] & (0x80 >> bit))
          self->key_usage |= 1u << bit;
    }
  else if (strcmp (oid, "2.5.29.17") == 0 && der_expect (&value, TAG_SEQUENCE, &inner, NULL))
    {
      guint8 tag;
      Der name;

      while (der_next (&inner, &tag, &name, NULL))
        if (tag == 0x82) /* [2] dNSName */
          g_ptr_array_add (self->dns_names, g_strndup ((const char *)name.p, name.len));
    }
  else if (critical && strcmp (oid, "2.5.29.14") != 0 && strcmp (oid, "2.5.29.35") != 0 &&
           self->unknown_critical == NULL)
    {
      /* What BearSSL understands besides the above: nothing critical. */
      self->unknown_critical = g_strdup (oid);
    }
}

static gboolean
read_extensions (HlCertificate *self,
                 Der            exts)
{
  Der list, ext;

  if (!der_expect (&exts, TAG_SEQUENCE, &list, NULL))
    return FALSE;

  while (der_expect (&list, TAG_SEQUENCE, &ext, NULL))
    {
      Der oid, flag, value;
      gboolean critical = FALSE;
      g_autofree char *oid_text = NULL;

      if (!der_expect (&ext, TAG_OID, &oid, NULL))
        return FALSE;
      if (der_expect (&ext, TAG_BOOLEAN, &flag, NULL) && flag.len == 1)
        critical = flag.p[0] != 0;
      if (!der_expect (&ext, TAG_OCTET_STRING, &value, NULL))
        return FALSE;

      oid_text = oid_to_string (&oid);
      read_extension (self, oid_text, critical, value);
    }

  return TRUE;
}

static gboolean
parse (HlCertificate *self)
{
  Der all = { g_bytes_get_data (self->der, NULL), g_bytes_get_size (self->der) };
  Der cert, tbs, tbs_whole, field, whole, alg, oid, sig;
  guint8 tag;

  if (!der_expect (&all, TAG_SEQUENCE, &cert, NULL) || all.len != 0 ||
      !der_expect (&cert, TAG_SEQUENCE, &tbs, &tbs_whole))
    return FALSE;

  self->tbs = g_bytes_new (tbs_whole.p, tbs_whole.len);

  /* [0] version, optional */
  if (tbs.len > 0 && tbs.p[0] == 0xa0 && !der_next (&tbs, &tag, &field, NULL))
    return FALSE;

  if (!der_expect (&tbs, TAG_INTEGER, &field, NULL))
    return FALSE;
  {
    GString *s = g_string_new (NULL);

    for (gsize i = 0; i < field.len; i++)
      g_string_append_printf (s, "%s%02x", i ? ":" : "", field.p[i]);
    self->serial = g_string_free (s, FALSE);
  }

  if (!der_expect (&tbs, TAG_SEQUENCE, &field, NULL))
    return FALSE;

  if (!der_expect (&tbs, TAG_SEQUENCE, &field, &whole))
    return FALSE;
  self->issuer_der = g_bytes_new (whole.p, whole.len);
  self->issuer = read_name (field, NULL);

  if (!der_expect (&tbs, TAG_SEQUENCE, &field, NULL))
    return FALSE;
  {
    Der t;

    if (!der_next (&field, &tag, &t, NULL) || !read_time (t, tag, &self->not_before) ||
        !der_next (&field, &tag, &t, NULL) || !read_time (t, tag, &self->not_after))
      return FALSE;
  }

  if (!der_expect (&tbs, TAG_SEQUENCE, &field, &whole))
    return FALSE;
  self->subject_der = g_bytes_new (whole.p, whole.len);
  self->subject = read_name (field, &self->common_name);

  if (!der_expect (&tbs, TAG_SEQUENCE, &field, NULL) || !read_key (self, field))
    return FALSE;

  while (der_next (&tbs, &tag, &field, NULL))
    if (tag == 0xa3 && !read_extensions (self, field))
      return FALSE;

  if (!der_expect (&cert, TAG_SEQUENCE, &alg, NULL) ||
      !der_expect (&alg, TAG_OID, &oid, NULL) ||
      !der_expect (&cert, TAG_BIT_STRING, &sig, NULL) || sig.len < 1)
    return FALSE;

  self->signature_oid = oid_to_string (&oid);
  self->signature = g_bytes_new (sig.p + 1, sig.len - 1);

  return TRUE;
}

HlCertificate *
hl_certificate_new (GBytes  *der,
                    GError **error)
{
  g_autoptr(HlCertificate) self = g_new0 (HlCertificate, 1);

  g_return_val_if_fail (der != NULL, NULL);

  self->der = g_bytes_ref (der);
  self->path_len = -1;
  self->dns_names = g_ptr_array_new_with_free_func (g_free);

  if (!parse (self))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("not an X.509 certificate this program can read (%u bytes)"),
                   (guint)g_bytes_get_size (der));
      return NULL;
    }

  g_ptr_array_add (self->dns_names, NULL);

  return g_steal_pointer (&self);
}

void
hl_certificate_free (HlCertificate *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->der, g_bytes_unref);
  g_clear_pointer (&self->tbs, g_bytes_unref);
  g_clear_pointer (&self->subject_der, g_bytes_unref);
  g_clear_pointer (&self->issuer_der, g_bytes_unref);
  g_clear_pointer (&self->signature, g_bytes_unref);
  g_clear_pointer (&self->rsa_n, g_bytes_unref);
  g_clear_pointer (&self->rsa_e, g_bytes_unref);
  g_clear_pointer (&self->ec_point, g_bytes_unref);
  g_clear_pointer (&self->dns_names, g_ptr_array_unref);
  g_free (self->subject);
  g_free (self->issuer);
  g_free (self->common_name);
  g_free (self->serial);
  g_free (self->signature_oid);
  g_free (self->key_description);
  g_free (self->unknown_critical);
  g_free (self);
}

GBytes *hl_certificate_get_der (HlCertificate *self) { return self->der; }
GBytes *hl_certificate_get_subject_der (HlCertificate *self) { return self->subject_der; }
GBytes *hl_certificate_get_issuer_der (HlCertificate *self) { return self->issuer_der; }
const char *hl_certificate_get_subject (HlCertificate *self) { return self->subject; }
const char *hl_certificate_get_issuer (HlCertificate *self) { return self->issuer; }
const char *hl_certificate_get_serial (HlCertificate *self) { return self->serial; }
gint64 hl_certificate_get_not_before (HlCertificate *self) { return self->not_before; }
gint64 hl_certificate_get_not_after (HlCertificate *self) { return self->not_after; }
const char *hl_certificate_get_key_description (HlCertificate *self) { return self->key_description; }
guint hl_certificate_get_key_bits (HlCertificate *self) { return self->key_bits; }
gboolean hl_certificate_is_rsa (HlCertificate *self) { return self->rsa; }
gboolean hl_certificate_is_ec (HlCertificate *self) { return self->curve != 0; }
gboolean hl_certificate_has_basic_constraints (HlCertificate *self) { return self->has_bc; }
gboolean hl_certificate_is_ca (HlCertificate *self) { return self->is_ca; }
int hl_certificate_get_path_len (HlCertificate *self) { return self->path_len; }
gboolean hl_certificate_has_key_usage (HlCertificate *self) { return self->has_ku; }
guint hl_certificate_get_key_usage (HlCertificate *self) { return self->key_usage; }
const char *hl_certificate_get_unknown_critical (HlCertificate *self) { return self->unknown_critical; }

const char *
hl_certificate_get_common_name (HlCertificate *self)
{
  return self->common_name;
}

const char * const *
hl_certificate_get_dns_names (HlCertificate *self)
{
  return (const char * const *)self->dns_names->pdata;
}

static const struct {
  const char    *oid;
  const char    *name;
  GChecksumType  hash;
  gboolean       rsa;
} signature_algorithms[] = {
  { "1.2.840.113549.1.1.5", "sha1WithRSAEncryption", G_CHECKSUM_SHA1, TRUE },
  { "1.2.840.113549.1.1.11", "sha256WithRSAEncryption", G_CHECKSUM_SHA256, TRUE },
  { "1.2.840.113549.1.1.12", "sha384WithRSAEncryption", G_CHECKSUM_SHA384, TRUE },
  { "1.2.840.113549.1.1.13", "sha512WithRSAEncryption", G_CHECKSUM_SHA512, TRUE },
  { "1.2.840.10045.4.3.2", "ecdsa-with-SHA256", G_CHECKSUM_SHA256, FALSE },
  { "1.2.840.10045.4.3.3", "ecdsa-with-SHA384", G_CHECKSUM_SHA384, FALSE },
  { "1.2.840.10045.4.3.4", "ecdsa-with-SHA512", G_CHECKSUM_SHA512, FALSE },
};

const char *
hl_certificate_get_signature_algorithm (HlCertificate *self)
{
  for (gsize i = 0; i < G_N_ELEMENTS (signature_algorithms); i++)
    if (strcmp (signature_algorithms[i].oid, self->signature_oid) == 0)
      return signature_algorithms[i].name;

  return self->signature_oid;
}

/* PKCS #1 v1.5 or ECDSA with the key of @self.  The DigestInfo of an RSA
 * signature names the hash of that length; 36 bytes are the MD5 ‖ SHA-1 of
 * TLS 1.0 and 1.1, signed without a DigestInfo (RFC 4346 §7.4.3). */
static gboolean
verify_hash (HlCertificate  *self,
             const guint8   *hash,
             gsize           hash_len,
             const guint8   *sig,
             gsize           sig_len,
             HlSignatureLog *log)
{
  gboolean ok = FALSE;

  if (self->rsa && self->rsa_n != NULL)
    {
      static const guint8 sha1_oid[] = { 5, 0x2b, 0x0e, 0x03, 0x02, 0x1a };
      static const guint8 sha256_oid[] = { 9, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };
      static const guint8 sha384_oid[] = { 9, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02 };
      static const guint8 sha512_oid[] = { 9, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03 };
      const guint8 *hash_oid = hash_len == 20 ? sha1_oid : hash_len == 32 ? sha256_oid :
                               hash_len == 48 ? sha384_oid : hash_len == 64 ? sha512_oid : NULL;
      br_rsa_public_key pk;
      guint8 recovered[64];

      if (hash_oid == NULL && hash_len != 36)
        return FALSE;
      pk.n = (unsigned char *)g_bytes_get_data (self->rsa_n, &pk.nlen);
      pk.e = (unsigned char *)g_bytes_get_data (self->rsa_e, &pk.elen);
      if (!hl_signature_log_find_rsa (log, sig, sig_len, hash_oid, hash_len, &pk, &ok, recovered))
        ok = br_rsa_pkcs1_vrfy_get_default () (sig, sig_len, hash_oid, hash_len, &pk, recovered);
      ok = ok && memcmp (recovered, hash, hash_len) == 0;
    }
  else if (!self->rsa && self->ec_point != NULL)
    {
      br_ec_public_key pk;

      pk.curve = self->curve;
      pk.q = (unsigned char *)g_bytes_get_data (self->ec_point, &pk.qlen);
      if (!hl_signature_log_find_ecdsa (log, hash, hash_len, &pk, sig, sig_len, &ok))
        ok = br_ecdsa_vrfy_asn1_get_default () (br_ec_get_default (), hash, hash_len, &pk, sig, sig_len);
    }

  return ok;
}

gboolean
hl_certificate_verify_hash (HlCertificate *self,
                            const guint8  *hash,
                            gsize          hash_len,
                            const guint8  *signature,
                            gsize          signature_len)
{
  return verify_hash (self, hash, hash_len, signature, signature_len, NULL);
}

gboolean
hl_certificate_verify_hash_logged (HlCertificate  *self,
                                   const guint8   *hash,
                                   gsize           hash_len,
                                   const guint8   *signature,
                                   gsize           signature_len,
                                   HlSignatureLog *log)
{
  return verify_hash (self, hash, hash_len, signature, signature_len, log);
}

gboolean
hl_certificate_verify_signature (HlCertificate  *self,
                                 HlCertificate  *issuer,
                                 char          **detail)
{
  return hl_certificate_verify_signature_logged (self, issuer, NULL, detail);
}

gboolean
hl_certificate_verify_signature_logged (HlCertificate   *self,
                                        HlCertificate   *issuer,
                                        HlSignatureLog  *log,
                                        char           **detail)
{
  gsize i;
  g_autoptr(GChecksum) sum = NULL;
  guint8 hash[64];
  gsize hash_len = sizeof hash;
  gboolean ok = FALSE;
  const guint8 *sig;
  gsize sig_len;

  for (i = 0; i < G_N_ELEMENTS (signature_algorithms); i++)
    if (strcmp (signature_algorithms[i].oid, self->signature_oid) == 0)
      break;

  if (i == G_N_ELEMENTS (signature_algorithms) || signature_algorithms[i].rsa != issuer->rsa ||
      (issuer->rsa ? issuer->rsa_n == NULL : issuer->ec_point == NULL))
    {
      if (detail)
        *detail = g_strdup_printf (_("%s cannot be checked with an %s key"),
                                   hl_certificate_get_signature_algorithm (self), issuer->key_description);
      return FALSE;
    }

  sum = g_checksum_new (signature_algorithms[i].hash);
  g_checksum_update (sum, g_bytes_get_data (self->tbs, NULL), g_bytes_get_size (self->tbs));
  g_checksum_get_digest (sum, hash, &hash_len);
  sig = g_bytes_get_data (self->signature, &sig_len);
  ok = verify_hash (issuer, hash, hash_len, sig, sig_len, log);

  if (detail)
    {
      char start[17];

      for (gsize k = 0; k < 8; k++)
        g_snprintf (start + 2 * k, 3, "%02x", hash[k]);
      *detail = g_strdup_printf (_("%s over the certificate body (hash %s…), checked with the %s key of “%s”"),
                                 hl_certificate_get_signature_algorithm (self), start, issuer->key_description,
                                 issuer->common_name ? issuer->common_name : issuer->subject);
    }

  return ok;
}
