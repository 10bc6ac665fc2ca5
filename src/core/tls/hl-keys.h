/* hl-keys.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * The key schedule, recomputed and proven.
 *
 * The engine captures what each side's BearSSL engine derived.  This module
 * derives it all again from the captured pre-master secret and the randoms,
 * with our own PRF (hl-prf.h, on GLib's HMAC), and marks each value as
 * matching or differing:
 *
 *  - master secret = PRF(pre-master secret, "master secret", client random ‖ server random);
 *  - key block = PRF(master secret, "key expansion", server random ‖ client random),
 *    cut into MAC keys, encryption keys and IVs as the suite says (RFC 5246 §6.3);
 *  - verify_data = PRF(master secret, "client finished" / "server finished",
 *    Hash(every handshake message before it)), over the very bytes that crossed
 *    the wire;
 *  - every encrypted record is decrypted with the recomputed keys (nonce or IV
 *    shown, tag or MAC checked), decoded, and compared with what the sending
 *    engine was given.
 *
 * The symmetric ciphers themselves (AES, 3DES, ChaCha20, GHASH, Poly1305)
 * are BearSSL's primitives, called with our keys; Wireshark's own
 * decryption of the exported capture is the outside check of those.
 */

#include "hl-prf.h"
#include "hl-trace.h"

G_BEGIN_DECLS

typedef enum
{
  HL_CIPHER_CBC,                 /* MAC-then-encrypt, HMAC and a block cipher */
  HL_CIPHER_GCM,
  HL_CIPHER_CCM,
  HL_CIPHER_CHACHA20_POLY1305,
} HlCipherMode;

typedef struct
{
  const char    *cipher;         /* "AES-128", "AES-256", "3DES-EDE", "ChaCha20" */
  HlCipherMode   mode;
  guint          key_len;        /* encryption key */
  guint          fixed_iv_len;   /* implicit IV from the key block */
  guint          record_iv_len;  /* explicit nonce or IV in each record */
  guint          tag_len;        /* AEAD tag */
  guint          block_len;      /* CBC block */
  GChecksumType  mac;            /* CBC: the HMAC hash */
  guint          mac_len;        /* CBC: MAC key and MAC length */
  HlPrf          prf;
} HlSuiteInfo;

gboolean      hl_keys_suite_info       (guint         version,
                                        guint         suite,
                                        HlSuiteInfo  *info);
gsize         hl_keys_key_block_length (const HlSuiteInfo *info);
HlKeysReport  hl_keys_recompute        (HlTrace      *trace);

G_END_DECLS
