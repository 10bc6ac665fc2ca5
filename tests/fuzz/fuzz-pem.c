/* fuzz-pem.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A libFuzzer harness for the readers of user-supplied certificates and
 * keys: hl-cert-loader (PEM and DER certificates, chains) and
 * hl_key_new_from_data() (PKCS#8, PKCS#1, SEC1; PEM or DER).
 *
 * The low 2 bits of the first byte choose what the rest is:
 *   0  a certificate file;
 *   1  a key file;
 *   2, 3  a big-endian 16-bit length n, n bytes of certificate file, then
 *      a key file; when both read, hl_cert_loader_check_key() runs too.
 *
 * Besides the sanitizers' own checks, every call must keep its promise:
 * a result or an error, never both or neither; an error in the module's
 * domain, its message starting with the origin, valid UTF-8 and one line;
 * every certificate a whole DER SEQUENCE.
 *
 * The seed corpus in corpus/pem: a certificate made by OpenSSL for the
 * demo key server-ec-p256 (PEM, DER, a two-certificate chain, with its
 * text dump in front), demo keys in each format, a matching and a
 * mismatching certificate–key pair, and damaged files (bad base64,
 * truncated PEM, truncated DER, PEM blocks of a label no one knows, which
 * messages do not quote).
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hl-cert-loader.h"
#include "hl-key.h"

#define ORIGIN "fuzz"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_error (GError *error,
             GQuark  domain)
{
  if (error == NULL ||
      (error->domain != domain && error->domain != HL_KEY_ERROR) ||
      !g_str_has_prefix (error->message, ORIGIN ": ") ||
      !g_utf8_validate (error->message, -1, NULL) ||
      strchr (error->message, '\n') != NULL)
    abort ();
}

static GPtrArray *
read_certs (const uint8_t *data,
            size_t         size)
{
  GError *error = NULL;
  GPtrArray *certs = hl_cert_loader_read (data, size, ORIGIN, &error);

  if (certs == NULL)
    {
      check_error (error, HL_CERT_LOADER_ERROR);
      g_error_free (error);
      return NULL;
    }

  if (error != NULL || certs->len == 0)
    abort ();

  for (guint i = 0; i < certs->len; i++)
    {
      gsize len;
      const guint8 *der = g_bytes_get_data (certs->pdata[i], &len);

      if (len < 2 || der[0] != 0x30)
        abort ();
    }

  return certs;
}

static HlKey *
read_key (const uint8_t *data,
          size_t         size)
{
  GError *error = NULL;
  HlKey *key = hl_key_new_from_data (data, size, ORIGIN, &error);

  if (key == NULL)
    {
      check_error (error, HL_KEY_ERROR);
      g_error_free (error);
      return NULL;
    }

  if (error != NULL || hl_key_get_bits (key) == 0)
    abort ();

  return key;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GPtrArray *certs = NULL;
  HlKey *key = NULL;
  size_t n;

  if (size < 1)
    return 0;

  switch (data[0] & 3)
    {
    case 0:
      certs = read_certs (data + 1, size - 1);
      break;

    case 1:
      key = read_key (data + 1, size - 1);
      break;

    default:
      if (size < 3)
        return 0;
      n = MIN ((size_t) ((data[1] << 8) | data[2]), size - 3);
      certs = read_certs (data + 3, n);
      key = read_key (data + 3 + n, size - 3 - n);
      if (certs != NULL && key != NULL)
        {
          GError *error = NULL;

          if (!hl_cert_loader_check_key (certs->pdata[0], key, ORIGIN, &error))
            {
              check_error (error, HL_CERT_LOADER_ERROR);
              g_error_free (error);
            }
          else if (error != NULL)
            {
              abort ();
            }
        }
      break;
    }

  g_clear_pointer (&certs, g_ptr_array_unref);
  g_clear_pointer (&key, hl_key_unref);

  return 0;
}
