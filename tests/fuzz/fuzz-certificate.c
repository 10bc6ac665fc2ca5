/* fuzz-certificate.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A libFuzzer harness for the project's own X.509 reader (hl-certificate)
 * and the rule-by-rule chain check built on it (hl-chain).
 *
 * The input is up to three DER certificates one after the other, leaf
 * first, so that a real certificate or chain is a seed as it is.  Each
 * piece ends where its outer DER header says; a header that does not
 * parse, or claims more than is left, makes the piece the rest of the
 * input.  Whatever follows the third piece is not a certificate: its first
 * byte, when there is one, chooses how the chain is checked:
 *
 *   bit 0    no server name (a server checking a client);
 *   bits 1-2 the cipher suite: none yet, RSA key exchange, ECDHE_RSA,
 *            ECDHE_ECDSA;
 *   bits 3-4 the anchors: all the pieces, the last piece, none, the first;
 *   bit 5    the clock: the lessons' now, or the Unix epoch.
 *
 * Each piece is read with hl_certificate_new(); one that reads has its
 * signature checked with its own key and with the next piece's, then the
 * pieces go to hl_chain_check().  Besides the sanitizers' own checks,
 * every call keeps its promise: a certificate or an error, never both or
 * neither; a chain check gives a field tree and a verdict, 0 only when
 * every piece reads.
 *
 * The seed corpus in corpus/certificate: the certificates of the built-in
 * lessons as the servers and clients sent them (RSA and EC keys, a root,
 * intermediates, leaves with and without SAN, a critical unknown
 * extension, a wrong signature), whole chains, and damaged copies.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <gio/gio.h>
#include <bearssl.h>

#include "hl-certificate.h"
#include "hl-chain.h"

#define MAX_PIECES 3

/* 2026-03-01T12:00:00Z, the clock of the built-in lessons */
#define LESSON_CLOCK G_GINT64_CONSTANT (1772366400)

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* The length of the DER element at @p, header included, or 0 when its
 * header does not parse or it does not fit in @size bytes. */
static size_t
der_element_size (const uint8_t *p,
                  size_t         size)
{
  size_t len = 0;
  size_t head = 2;

  if (size < 2)
    return 0;

  if (p[1] < 0x80)
    {
      len = p[1];
    }
  else
    {
      size_t n = p[1] & 0x7f;

      if (n == 0 || n > 4 || size < 2 + n)
        return 0;
      for (size_t i = 0; i < n; i++)
        len = (len << 8) | p[2 + i];
      head += n;
    }

  if (len > size - head)
    return 0;

  return head + len;
}

static HlCertificate *
read_certificate (GBytes *der)
{
  GError *error = NULL;
  HlCertificate *cert = hl_certificate_new (der, &error);

  if (cert == NULL)
    {
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        abort ();
      g_error_free (error);
      return NULL;
    }

  if (error != NULL || hl_certificate_get_der (cert) == NULL)
    abort ();

  return cert;
}

static void
verify (HlCertificate *cert,
        HlCertificate *issuer)
{
  char *detail = NULL;

  hl_certificate_verify_signature (cert, issuer, &detail);
  if (detail != NULL && !g_utf8_validate (detail, -1, NULL))
    abort ();
  g_free (detail);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const guint suites[] = {
    0,
    BR_TLS_RSA_WITH_AES_128_GCM_SHA256,
    BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
  };
  GPtrArray *pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  GPtrArray *anchors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  HlCertificate *certs[MAX_PIECES] = { NULL, };
  HlChainContext context = { 0, };
  HlField *result;
  gboolean all_read = TRUE;
  guint8 options = 0;
  size_t pos = 0;
  HlChainResult verdict = { -1 };

  while (pos < size && pieces->len < MAX_PIECES)
    {
      size_t n = der_element_size (data + pos, size - pos);

      if (n == 0)
        n = size - pos;
      g_ptr_array_add (pieces, g_bytes_new (data + pos, n));
      pos += n;
    }
  if (pos < size)
    options = data[pos];

  for (guint i = 0; i < pieces->len; i++)
    {
      certs[i] = read_certificate (pieces->pdata[i]);
      if (certs[i] == NULL)
        all_read = FALSE;
      else
        verify (certs[i], certs[i]);
    }
  for (guint i = 0; i + 1 < pieces->len; i++)
    if (certs[i] != NULL && certs[i + 1] != NULL)
      verify (certs[i], certs[i + 1]);

  switch ((options >> 3) & 3)
    {
    case 0:
      for (guint i = 0; i < pieces->len; i++)
        g_ptr_array_add (anchors, g_bytes_ref (pieces->pdata[i]));
      break;
    case 1:
      if (pieces->len > 0)
        g_ptr_array_add (anchors, g_bytes_ref (pieces->pdata[pieces->len - 1]));
      break;
    case 2:
      break;
    default:
      if (pieces->len > 0)
        g_ptr_array_add (anchors, g_bytes_ref (pieces->pdata[0]));
      break;
    }

  context.anchors = anchors;
  context.clock = options & 0x20 ? 0 : LESSON_CLOCK;
  context.server_name = options & 1 ? NULL : "www.handshake-lab.test";
  context.cipher_suite = suites[(options >> 1) & 3];

  result = hl_chain_check (pieces, &context, &verdict);
  if (result == NULL || verdict.verdict < 0 || (verdict.verdict == 0 && (!all_read || pieces->len == 0)))
    abort ();
  hl_field_unref (result);

  for (guint i = 0; i < MAX_PIECES; i++)
    g_clear_pointer (&certs[i], hl_certificate_free);
  g_ptr_array_unref (anchors);
  g_ptr_array_unref (pieces);

  return 0;
}
