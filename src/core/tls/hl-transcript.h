/* hl-transcript.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlTranscript: the handshake hash of both sides of one connection.
 *
 * Finished proves that both sides saw the same handshake: each hashes
 * every handshake message as it sent or received it (RFC 5246 §7.4.9).
 * TLS 1.2 hashes with the PRF's hash, earlier versions with MD5 and SHA-1
 * side by side.  While nothing on the wire was changed the two sides hash
 * the same bytes and share one running hash; from the first byte the
 * network changed on, each side keeps its own.
 *
 * The transcript also keeps what a student reads of it: the messages in
 * wire order ("ClientHello (129)") and how many bytes were hashed.
 */

#include <glib.h>

#include "hl-prf.h"

G_BEGIN_DECLS

typedef struct _HlTranscript HlTranscript;

/**
 * hl_transcript_new:
 * @prf: the connection's PRF, which chooses the hash
 *
 * Returns: (transfer full): an empty transcript
 */
HlTranscript *hl_transcript_new       (HlPrf          prf);

/**
 * hl_transcript_free:
 * @self: a transcript
 */
void          hl_transcript_free      (HlTranscript  *self);

/**
 * hl_transcript_add:
 * @self: a transcript
 * @client_sent: whether the client sent the bytes (else the server did)
 * @sent: (array length=len): handshake messages as their sender sent them
 * @received: (array length=len): the same as the peer received them
 * @len: how many bytes
 */
void          hl_transcript_add       (HlTranscript  *self,
                                       gboolean       client_sent,
                                       const guint8  *sent,
                                       const guint8  *received,
                                       gsize          len);

/**
 * hl_transcript_hash:
 * @self: a transcript
 * @client: %TRUE for the client's view, %FALSE for the server's
 *
 * Returns: (transfer full): the hash of what that side saw so far (MD5 ‖
 *   SHA-1 before TLS 1.2)
 */
GBytes       *hl_transcript_hash      (HlTranscript  *self,
                                       gboolean       client);

/**
 * hl_transcript_hash_name:
 * @self: a transcript
 *
 * Returns: "SHA-256", "SHA-384" or "MD5 ‖ SHA-1"
 */
const char   *hl_transcript_hash_name (HlTranscript  *self);

/**
 * hl_transcript_describe:
 * @self: a transcript
 * @n_bytes: (out): how many bytes were hashed
 *
 * Returns: (transfer full): the messages hashed, in wire order, each with
 *   its length: "ClientHello (129), ServerHello (86), …"
 */
char         *hl_transcript_describe  (HlTranscript  *self,
                                       gsize         *n_bytes);

G_END_DECLS
