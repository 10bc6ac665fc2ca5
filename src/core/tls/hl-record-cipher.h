/* hl-record-cipher.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * hl-record-cipher: one protected TLS record opened with given keys.
 *
 * hl_record_open() decrypts a record's body and checks its tag or MAC the
 * way RFC 5246 §6.2.3 (and RFC 5288, 6655, 7905 for the AEAD suites)
 * describes, one function per mode: AES-GCM, AES-CCM, ChaCha20-Poly1305,
 * and CBC with HMAC (3DES or AES, with TLS 1.0's chained IVs or an IV in
 * each record).  It says not only whether the record opened but with what:
 * the nonce, the additional data, the IV, where the ciphertext and the tag
 * lie, the padding, so that a student can follow every input.
 *
 * The block ciphers, GHASH and Poly1305 are BearSSL's primitives, each in
 * the fastest form this CPU runs (AES-NI, PCLMULQDQ, SSE2 when it has them),
 * as BearSSL's own engine picks them; the keys are the caller's.
 */

#include "hl-keys.h"

G_BEGIN_DECLS

#define HL_RECORD_AAD_LEN    13  /* sequence number ‖ type ‖ version ‖ length */
#define HL_RECORD_NONCE_LEN  12
#define HL_RECORD_MAX_BLOCK  16

/**
 * HlRecordStatus:
 * @HL_RECORD_OPENED: decrypted, and the tag or MAC verifies
 * @HL_RECORD_SHORTER_THAN_NONCE_AND_TAG: an AEAD record too short to hold
 *   its explicit nonce and its tag
 * @HL_RECORD_SHORTER_THAN_IV: a CBC record too short to hold its IV
 * @HL_RECORD_NOT_WHOLE_BLOCKS: CBC ciphertext that is not a whole number of
 *   blocks, or too short for the MAC and the padding length
 * @HL_RECORD_BAD_PADDING: CBC padding that is not N + 1 bytes of value N
 * @HL_RECORD_BAD_TAG: the AEAD tag does not verify
 * @HL_RECORD_BAD_MAC: the CBC record's HMAC does not verify
 *
 * How far a record got; each status past @HL_RECORD_OPENED stops there.
 */
typedef enum
{
  HL_RECORD_OPENED,
  HL_RECORD_SHORTER_THAN_NONCE_AND_TAG,
  HL_RECORD_SHORTER_THAN_IV,
  HL_RECORD_NOT_WHOLE_BLOCKS,
  HL_RECORD_BAD_PADDING,
  HL_RECORD_BAD_TAG,
  HL_RECORD_BAD_MAC,
} HlRecordStatus;

/**
 * HlRecordKeys:
 * @info: the suite's parameters
 * @key: the write key of the record's sender, @info's key_len bytes
 * @fixed_iv: its implicit IV from the key block, fixed_iv_len bytes
 * @mac_key: CBC: its MAC key, mac_len bytes
 * @chained_iv: TLS 1.0 CBC: the IV of the sender's next record (the key
 *   block's IV first, then the last ciphertext block of each record);
 *   hl_record_open() moves it on
 *
 * One direction's keys.
 */
typedef struct
{
  const HlSuiteInfo *info;
  const guint8      *key;
  const guint8      *fixed_iv;
  const guint8      *mac_key;
  guint8             chained_iv[HL_RECORD_MAX_BLOCK];
} HlRecordKeys;

/**
 * HlRecordOpening:
 * @status: how far the record got
 * @nonce: AEAD: the nonce
 * @aad: the additional data (AEAD) or the MAC's header (CBC)
 * @iv: CBC: the IV
 * @explicit_len: the explicit nonce (GCM, CCM) or IV (CBC, TLS 1.1 and
 *   later) that starts the body, in bytes
 * @ciphertext_offset: where the ciphertext starts in the body
 * @ciphertext_len: its length
 * @padding: CBC: the padding length byte
 * @plaintext: with %HL_RECORD_OPENED, the plaintext
 *
 * What went into opening a record.  Clear it with
 * hl_record_opening_clear().
 */
typedef struct
{
  HlRecordStatus status;
  guint8         nonce[HL_RECORD_NONCE_LEN];
  guint8         aad[HL_RECORD_AAD_LEN];
  guint8         iv[HL_RECORD_MAX_BLOCK];
  gsize          explicit_len;
  gsize          ciphertext_offset;
  gsize          ciphertext_len;
  guint          padding;
  GBytes        *plaintext;
} HlRecordOpening;

/**
 * hl_record_open:
 * @keys: the sender's keys
 * @seq: the record's sequence number in its direction, from 0
 * @header: (array fixed-size=5): the record's header as the receiver got it
 * @body: (array length=len): the record's body
 * @len: its length
 * @out: (out caller-allocates): what went into opening it
 *
 * Returns: @out's status
 */
HlRecordStatus hl_record_open          (HlRecordKeys    *keys,
                                        guint64          seq,
                                        const guint8    *header,
                                        const guint8    *body,
                                        gsize            len,
                                        HlRecordOpening *out);

/**
 * hl_record_opening_clear:
 * @opening: what hl_record_open() filled
 *
 * Frees the plaintext.
 */
void           hl_record_opening_clear (HlRecordOpening *opening);

G_END_DECLS
