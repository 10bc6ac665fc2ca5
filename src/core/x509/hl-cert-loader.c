/* hl-cert-loader.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-cert-loader"

#include "config.h"

#include <string.h>

#include <bearssl.h>
#include <glib/gi18n-lib.h>

#include "hl-cert-loader.h"
#include "hl-der-reader.h"
#include "hl-file.h"
#include "hl-pem-private.h"
#include "hl-names.h"

G_DEFINE_QUARK (hl-cert-loader-error-quark, hl_cert_loader_error)

static gboolean
is_certificate_label (const char *label)
{
  return g_str_equal (label, "CERTIFICATE") || g_str_equal (label, "X509 CERTIFICATE");
}

/* What a PEM label that is not a certificate holds, in words. */
static const char *
describe_label (const char *label)
{
  if (g_str_has_suffix (label, "PRIVATE KEY"))
    return "a private key";
  if (g_str_has_suffix (label, "PUBLIC KEY"))
    return "a public key";
  if (g_str_has_suffix (label, "CERTIFICATE REQUEST"))
    return "a certificate signing request";
  if (g_str_equal (label, "X509 CRL"))
    return "a certificate revocation list";
  if (g_str_equal (label, "TRUSTED CERTIFICATE"))
    return "an OpenSSL trusted certificate; convert it with "
           "openssl x509 -in FILE -out CERT.pem";
  if (g_str_has_suffix (label, "PARAMETERS"))
    return "key parameters";

  return "not a certificate";
}

/* Checks the outer SEQUENCE header at data and sets *total to the length
 * of the whole value, header included.  BearSSL's decoder would say
 * "truncated" too, but not by how much. */
static gboolean
der_outer_length (const guint8  *data,
                  gsize          avail,
                  const char    *what,
                  gsize         *total,
                  GError       **error)
{
  HlDerHeader h;
  gsize header;
  gsize len;

  if (avail < 2)
    {
      g_set_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_TRUNCATED,
                   _("%s: truncated DER: %zu byte(s), not even a header"), what, avail);
      return FALSE;
    }

  if (data[0] != 0x30)
    {
      g_set_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_MALFORMED,
                   _("%s: DER starts with tag 0x%02x, not a SEQUENCE (0x30)"), what, data[0]);
      return FALSE;
    }

  switch (hl_der_read_header (data, avail, &h))
    {
    case HL_DER_OK:
      break;
    case HL_DER_INDEFINITE:
      g_set_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_MALFORMED,
                   _("%s: indefinite length (BER), which DER forbids"), what);
      return FALSE;
    case HL_DER_LENGTH_TOO_LARGE:
      g_set_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_MALFORMED,
                   _("%s: DER length of %u octets is absurd for a certificate"), what, data[1] & 0x7f);
      return FALSE;
    case HL_DER_TRUNCATED:
    case HL_DER_TAG_TOO_LARGE:
    default:
      g_set_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_TRUNCATED,
                   _("%s: truncated DER: the length octets are cut off"), what);
      return FALSE;
    }
  len = h.length;
  header = h.header;

  if (len > avail - header)
    {
      g_set_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_TRUNCATED,
                   _("%s: truncated DER: the certificate's SEQUENCE says %zu bytes, "
                   "only %zu are there"), what, header + len, avail);
      return FALSE;
    }

  *total = header + len;
  return TRUE;
}

/* Runs BearSSL's decoder over one certificate; on success the decoder
 * holds its public key. */
static gboolean
decode_certificate (br_x509_decoder_context  *dc,
                    const guint8             *der,
                    gsize                     len,
                    const char               *what,
                    GError                  **error)
{
  int err;

  br_x509_decoder_init (dc, NULL, NULL);
  br_x509_decoder_push (dc, der, len);
  err = br_x509_decoder_last_error (dc);

  if (err != 0 || br_x509_decoder_get_pkey (dc) == NULL)
    {
      const char *name = hl_error_name (err);

      g_set_error (error, HL_CERT_LOADER_ERROR,
                   err == BR_ERR_X509_TRUNCATED ? HL_CERT_LOADER_ERROR_TRUNCATED
                                                : HL_CERT_LOADER_ERROR_MALFORMED,
                   _("%s: not a certificate BearSSL can read (%s, error %d)"),
                   what, name != NULL ? name : "unknown error", err);
      return FALSE;
    }

  return TRUE;
}

/* Checks one certificate of exactly len bytes and adds it to certs. */
static gboolean
add_certificate (GPtrArray     *certs,
                 const guint8  *der,
                 gsize          len,
                 const char    *what,
                 GError       **error)
{
  g_autofree br_x509_decoder_context *dc = g_new0 (br_x509_decoder_context, 1);
  gsize total;

  if (!der_outer_length (der, len, what, &total, error))
    return FALSE;

  if (total != len)
    {
      g_set_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_MALFORMED,
                   _("%s: %zu extra byte(s) after the certificate"), what, len - total);
      return FALSE;
    }

  if (!decode_certificate (dc, der, len, what, error))
    return FALSE;

  g_ptr_array_add (certs, g_bytes_new (der, len));
  return TRUE;
}

static gboolean
read_pem (const guint8  *data,
          gsize          len,
          const char    *origin,
          GPtrArray     *certs,
          GError       **error)
{
  HlPemReader reader;
  HlPemEvent event = HL_PEM_END;
  guint n_blocks = 0;
  gboolean ok = TRUE;

  hl_pem_reader_init (&reader, data, len, is_certificate_label);
  while (ok && (event = hl_pem_reader_next (&reader)) != HL_PEM_END)
    {
      switch (event)
        {
        case HL_PEM_BLOCK:
          {
            g_autofree char *what = g_strdup_printf (_("%s: certificate %u"), origin, ++n_blocks);

            if (reader.der->len == 0)
              {
                g_set_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_EMPTY,
                             _("%s: the PEM block is empty"), what);
                ok = FALSE;
              }
            else
              ok = add_certificate (certs, reader.der->data, reader.der->len, what, error);
          }
          break;

        case HL_PEM_TRUNCATED:
          g_set_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_TRUNCATED,
                       _("%s: PEM block '%s' number %u is truncated (no END line)"),
                       origin, reader.label, n_blocks + 1);
          ok = FALSE;
          break;

        case HL_PEM_BAD_BASE64:
          g_set_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_BAD_BASE64,
                       _("%s: bad base64 in PEM block '%s' number %u"),
                       origin, reader.label, n_blocks + 1);
          ok = FALSE;
          break;

        case HL_PEM_OTHER:
        case HL_PEM_END:
        default:
          break;
        }
    }

  if (ok && certs->len == 0 && reader.first_other != NULL && reader.first_other[0] == '\0')
    {
      g_set_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_WRONG_TYPE,
                   _("%s: expected a CERTIFICATE, found a PEM block of a kind unknown here"), origin);
      ok = FALSE;
    }
  else if (ok && certs->len == 0 && reader.first_other != NULL)
    {
      g_set_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_WRONG_TYPE,
                   _("%s: expected a CERTIFICATE, found a PEM block '%s' (%s)"),
                   origin, reader.first_other, describe_label (reader.first_other));
      ok = FALSE;
    }
  else if (ok && certs->len == 0)
    {
      g_set_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_NOT_PEM_OR_DER,
                   _("%s: no complete PEM block"), origin);
      ok = FALSE;
    }

  hl_pem_reader_clear (&reader);
  return ok;
}

/* DER: one certificate, or several one after the other. */
static gboolean
read_der (const guint8  *data,
          gsize          len,
          const char    *origin,
          GPtrArray     *certs,
          GError       **error)
{
  while (len > 0)
    {
      g_autofree char *what = g_strdup_printf ("%s: certificate %u", origin, certs->len + 1);
      gsize total;

      if (!der_outer_length (data, len, what, &total, error) ||
          !add_certificate (certs, data, total, what, error))
        return FALSE;

      data += total;
      len -= total;
    }

  return TRUE;
}

static gboolean
is_blank (const guint8 *data,
          gsize         len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isspace (data[i]))
        return FALSE;
    }

  return TRUE;
}

GPtrArray *
hl_cert_loader_read (const guint8  *data,
                     gsize          len,
                     const char    *origin,
                     GError       **error)
{
  g_autoptr(GPtrArray) certs = NULL;
  gboolean ok;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (origin == NULL)
    origin = "certificate data";

  if (is_blank (data, len))
    {
      g_set_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_EMPTY,
                   _("%s: empty, no certificate"), origin);
      return NULL;
    }

  certs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  if (hl_bytes_contain (data, len, "-----BEGIN "))
    ok = read_pem (data, len, origin, certs, error);
  else if (data[0] == 0x30)
    ok = read_der (data, len, origin, certs, error);
  else
    {
      g_set_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_NOT_PEM_OR_DER,
                   _("%s: not PEM (no -----BEGIN line) or DER (does not start with 0x30)"),
                   origin);
      ok = FALSE;
    }

  return ok ? g_steal_pointer (&certs) : NULL;
}

GPtrArray *
hl_cert_loader_read_file (const char  *path,
                          GError     **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *origin = NULL;
  gsize len = 0;
  const guint8 *data;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(contents = hl_file_read (path, HL_FILE_MAX_SIZE, error)))
    return NULL;

  data = g_bytes_get_data (contents, &len);
  origin = hl_file_display_name (path);
  return hl_cert_loader_read (data, len, origin, error);
}

HlKey *
hl_cert_loader_read_key_file (const char  *path,
                              GError     **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *origin = NULL;
  gsize len = 0;
  const guint8 *data;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(contents = hl_file_read (path, HL_FILE_MAX_SIZE, error)))
    return NULL;

  data = g_bytes_get_data (contents, &len);
  origin = hl_file_display_name (path);
  return hl_key_new_from_data (data, len, origin, error);
}

static char *
describe_cert_key (const br_x509_pkey *pk)
{
  if (pk->key_type == BR_KEYTYPE_RSA)
    {
      const guint8 *n = pk->key.rsa.n;
      gsize len = pk->key.rsa.nlen;
      guint bits;

      while (len > 0 && n[0] == 0)
        {
          n++;
          len--;
        }
      bits = (guint) len * 8;
      for (guint8 top = len > 0 ? n[0] : 0x80; (top & 0x80) == 0; top <<= 1)
        bits--;

      return g_strdup_printf (_("RSA %u bits"), bits);
    }

  switch (pk->key.ec.curve)
    {
    case BR_EC_secp256r1:
      return g_strdup ("EC P-256");
    case BR_EC_secp384r1:
      return g_strdup ("EC P-384");
    case BR_EC_secp521r1:
      return g_strdup ("EC P-521");
    default:
      return g_strdup_printf ("EC, curve %d", pk->key.ec.curve);
    }
}

gboolean
hl_cert_loader_check_key (GBytes      *cert,
                          HlKey       *key,
                          const char  *origin,
                          GError     **error)
{
  g_autofree br_x509_decoder_context *dc = g_new0 (br_x509_decoder_context, 1);
  g_autofree char *cert_key = NULL;
  g_autofree char *private_key = NULL;
  const br_x509_pkey *pk;
  const guint8 *der;
  gsize len;

  g_return_val_if_fail (cert != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (origin == NULL)
    origin = "certificate";

  der = g_bytes_get_data (cert, &len);
  if (!decode_certificate (dc, der, len, origin, error))
    return FALSE;

  pk = br_x509_decoder_get_pkey (dc);
  if (hl_key_matches_public (key, pk))
    return TRUE;

  cert_key = describe_cert_key (pk);
  if (hl_key_get_key_type (key) == HL_KEY_TYPE_RSA)
    private_key = g_strdup_printf (_("RSA %u bits"), hl_key_get_bits (key));
  else
    private_key = g_strdup_printf ("EC P-%u", hl_key_get_bits (key));
  g_set_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_KEY_MISMATCH,
               _("%s: the private key '%s' (%s) does not belong to the certificate, "
                 "whose public key (%s) is another one"),
               origin, hl_key_get_name (key), private_key, cert_key);
  return FALSE;
}
