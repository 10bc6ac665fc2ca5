/* hl-keys.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * What a cipher suite asks of the key schedule.
 *
 * RFC 5246 §6.3 cuts the key block into MAC keys, encryption keys and
 * IVs for each direction; how long each part is, and how a record is
 * protected with them (CBC with HMAC, GCM, CCM, ChaCha20-Poly1305), depends
 * on the suite and, for CBC, on the version.  HlSuiteInfo says it for every
 * suite BearSSL implements: the key schedule recomputed over a trace
 * (engine/hl-recompute.h) cuts with it, and the record ciphers
 * (hl-record-cipher.h) decrypt with it.
 */

#include <glib.h>

#include "hl-prf.h"

G_BEGIN_DECLS

/**
 * HlCipherMode:
 * @HL_CIPHER_CBC: MAC-then-encrypt: HMAC and a block cipher in CBC mode
 * @HL_CIPHER_GCM: AES-GCM (RFC 5288)
 * @HL_CIPHER_CCM: AES-CCM (RFC 6655)
 * @HL_CIPHER_CHACHA20_POLY1305: ChaCha20-Poly1305 (RFC 7905)
 */
typedef enum
{
  HL_CIPHER_CBC,
  HL_CIPHER_GCM,
  HL_CIPHER_CCM,
  HL_CIPHER_CHACHA20_POLY1305,
} HlCipherMode;

/**
 * HlSuiteInfo:
 * @cipher: "AES-128", "AES-256", "3DES-EDE" or "ChaCha20"
 * @mode: how records are protected
 * @key_len: the encryption key's length
 * @fixed_iv_len: the implicit IV taken from the key block
 * @record_iv_len: the explicit nonce or IV sent in each record
 * @tag_len: the AEAD tag's length
 * @block_len: the block cipher's block, for CBC
 * @mac: CBC: the HMAC hash
 * @mac_len: CBC: the MAC key's and the MAC's length
 * @prf: the suite's PRF, at the negotiated version
 */
typedef struct
{
  const char    *cipher;
  HlCipherMode   mode;
  guint          key_len;
  guint          fixed_iv_len;
  guint          record_iv_len;
  guint          tag_len;
  guint          block_len;
  GChecksumType  mac;
  guint          mac_len;
  HlPrf          prf;
} HlSuiteInfo;

/**
 * hl_keys_suite_info:
 * @version: the negotiated version (0x0301 to 0x0303)
 * @suite: the negotiated suite
 * @info: (out): what the suite's record protection needs
 *
 * Returns: %FALSE for a suite BearSSL does not implement
 */
gboolean  hl_keys_suite_info       (guint              version,
                                    guint              suite,
                                    HlSuiteInfo       *info);

/**
 * hl_keys_key_block_length:
 * @info: a suite's parameters
 *
 * Returns: how many bytes of key block the suite consumes (RFC 5246 §6.3)
 */
gsize     hl_keys_key_block_length (const HlSuiteInfo *info);

G_END_DECLS
