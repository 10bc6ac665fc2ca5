/* hl-recompute-private.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What hl-recompute.c and hl-recompute-record.c share: the state of one
 * connection's recomputation, and the record decryption that shows its
 * inputs.  Private to the engine. */

#include "hl-engine-private.h"
#include "hl-keys.h"
#include "hl-record-cipher.h"
#include "hl-transcript.h"

G_BEGIN_DECLS

#define MASTER_SECRET_LEN 48
#define VERIFY_DATA_LEN   12
#define RECORD_HEADER     5
#define HANDSHAKE_HEADER  4

/* One direction's keys, cut from a recomputed key block. */
typedef struct
{
  GBytes *mac_key;
  GBytes *key;
  GBytes *iv;
} DirectionKeys;

typedef struct
{
  HlTrace      *trace;
  guint         connection;       /* which connection of the run */
  GBytes       *resumed[2];       /* the previous connection's recomputed master secrets */
  HlSuiteInfo   info;
  guint         version;
  HlKeysReport  report;
  GBytes       *master[2];        /* recomputed, per side */
  DirectionKeys keys[2];          /* recomputed write keys of each side, from that side's secrets */
  HlRecordKeys  record_keys[2];   /* … as the record ciphers take them */
  guint64       seq[2];
  HlTranscript *transcript;       /* the handshake hash each side computed */
  GByteArray   *given[2];         /* application data each sender's engine was given */
  gsize         app_offset[2];    /* how much of it the decrypted records covered */
  GArray       *prf_calls;        /* PrfCall: what the PRF gave in this connection */
} Recompute;

typedef struct
{
  GBytes     *secret;
  const char *label;
  GBytes     *seed_a;
  GBytes     *seed_b;
  GBytes     *out;
} PrfCall;

/**
 * hl_recompute_decrypt:
 * @rc: the recomputation of one connection
 * @sender: whose record it is; its recomputed keys and sequence number are
 *   used (the sequence number is not advanced)
 * @header: the record's 5-byte header
 * @body: the record's body
 * @len: the body's length
 * @wire: the field that gets the fields of the protected record (IV or
 *   nonce, ciphertext, tag or MAC)
 * @notes: the field that gets what went into the decryption (sequence
 *   number, cipher, key, and the check)
 *
 * Decrypts one record body with the recomputed keys of @sender.
 *
 * Returns: (transfer full) (nullable): the plaintext, or %NULL when the tag,
 *   MAC or padding does not verify
 */
GBytes *hl_recompute_decrypt        (Recompute      *rc,
                                     HlActor         sender,
                                     const guint8   *header,
                                     const guint8   *body,
                                     gsize           len,
                                     HlField        *wire,
                                     HlField        *notes);

/**
 * hl_recompute_show_tampered:
 * @rc: the recomputation of one connection
 * @record: a record of the trace
 * @index: its index in the trace
 * @step: the sender's step of the record
 * @ctx: what the ServerHello on the wire said, for decoding the plaintext
 *
 * Shows a record the network changed, twice: in @step the bytes as sent
 * (they decrypt), in the network's step the bytes as delivered, where the
 * receiver's check fails.  The sender's sequence number moves on; the
 * report counts a failed record.
 *
 * Returns: whether @record was changed by the network (else nothing is
 *   done)
 */
gboolean hl_recompute_show_tampered (Recompute             *rc,
                                     const HlRecord        *record,
                                     guint                  index,
                                     HlStep                *step,
                                     const HlDecodeContext *ctx);

G_END_DECLS
