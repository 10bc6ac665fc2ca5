/* fuzz-decode.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A libFuzzer harness for hl-decode.
 *
 * The first byte of an input chooses the decoder (its low 3 bits) and the
 * context a handshake message is read with (version in bits 3–4, cipher
 * suite in bits 5–7); the rest is what the decoder gets.  Besides the
 * sanitizers' own checks, every tree must keep the promise of hl-decode.h:
 * the root covers the input and every child lies inside its parent.
 *
 * The seed corpus in corpus/decode holds real messages of real runs
 * (rsa-basic, and rsa-basic with ECDHE_RSA and with ECDHE_ECDSA over
 * TLS 1.0), each behind the selector byte that reads it as the engine
 * would.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hl-decode.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const guint versions[] = { 0, 0x0301, 0x0302, 0x0303 };

static const guint suites[] = {
  0,
  0x009C, /* TLS_RSA_WITH_AES_128_GCM_SHA256 */
  0xC02F, /* TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 */
  0xC009, /* TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA */
  0xC005, /* TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA */
  0x009E, /* TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 */
  0x00FF, /* TLS_EMPTY_RENEGOTIATION_INFO_SCSV */
  0x1234, /* unknown */
};

static void
check (HlField *field)
{
  gsize offset = hl_field_get_offset (field);
  gsize length = hl_field_get_length (field);
  guint n = hl_field_get_n_children (field);

  /* names and values are shown in labels: whole, valid UTF-8 strings;
   * code finds fields by id */
  if (hl_field_get_name (field)[0] == 0 || hl_field_get_id (field)[0] == 0 ||
      !g_utf8_validate (hl_field_get_name (field), -1, NULL) ||
      !g_utf8_validate (hl_field_get_value (field), -1, NULL))
    abort ();

  for (guint i = 0; i < n; i++)
    {
      HlField *child = hl_field_get_child (field, i);
      gsize child_offset = hl_field_get_offset (child);

      if (child_offset != HL_FIELD_NO_OFFSET &&
          (offset == HL_FIELD_NO_OFFSET || child_offset < offset ||
           child_offset + hl_field_get_length (child) > offset + length))
        abort ();
      check (child);
    }
}

static void
run (HlField *root,
     gsize    offset,
     gsize    size)
{
  if (hl_field_get_offset (root) != offset || hl_field_get_length (root) != size)
    abort ();
  check (root);
  hl_field_unref (root);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  HlDecodeContext ctx;
  guint8 selector;

  if (size < 1)
    return 0;

  selector = data[0];
  data++;
  size--;
  ctx.version = versions[(selector >> 3) & 3];
  ctx.cipher_suite = suites[(selector >> 5) & 7];

  switch (selector & 7)
    {
    case 0:
      run (hl_decode_handshake (data, size, &ctx), 0, size);
      break;
    case 1:
      run (hl_decode_handshake (data, size, NULL), 0, size);
      break;
    case 2:
      run (hl_decode_der (data, size, selector), selector, size);
      break;
    case 3:
      run (hl_decode_record_header (data, size), 0, size);
      break;
    case 4:
      run (hl_decode_alert (data, size), 0, size);
      break;
    case 5:
      run (hl_decode_change_cipher_spec (data, size), 0, size);
      break;
    case 6:
      run (hl_decode_application_data (data, size), 0, size);
      break;
    default:
      run (hl_decode_handshake (data, size, &ctx), 0, size);
      run (hl_decode_der (data, size, 0), 0, size);
      run (hl_decode_application_data (data, size), 0, size);
      break;
    }

  return 0;
}
