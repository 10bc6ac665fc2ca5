/* hl-explain.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * The sentences that explain a step, computed from the run.
 *
 * The recorder (hl-engine.c) knows what happened; these functions say it.
 * A message is described from its own bytes (how many certificates, which
 * session ID, whether the client named the server), a computation from
 * the values both sides really hold: "both sides hold the same master
 * secret" appears only when they do, and says what differs when they do
 * not.  Each sentence that states a relation records it on the step as an
 * HlClaim (hl-step.h), which tests/test-claims.c checks against the
 * trace's raw values.
 *
 * Private to the core.
 */

#include "hl-decode.h"
#include "hl-scenario.h"
#include "hl-step.h"
#include "hl-trace.h"

G_BEGIN_DECLS

/**
 * hl_explain_handshake_message:
 * @step: a handshake step, with its bytes and actor
 * @context: what the ServerHello on the wire said so far
 * @offered_session: (nullable): the session ID the client offered in this
 *   connection
 *
 * Sets the explanation of @step from the message's own content.
 */
void  hl_explain_handshake_message (HlStep                *step,
                                    const HlDecodeContext *context,
                                    GBytes                *offered_session);

/**
 * hl_explain_master_secret:
 * @step: the step in which @side computes its master secret
 * @side: whose step
 * @own: the key material @side used
 * @peer: the key material the other side used
 *
 * Explains a master secret step by what the two sides really hold.
 */
void  hl_explain_master_secret     (HlStep                *step,
                                    HlActor                side,
                                    const HlSecrets       *own,
                                    const HlSecrets       *peer);

/**
 * hl_explain_rsa_decryption:
 * @step: the step in which the server decrypts the pre-master secret
 * @decrypted: the last 48 bytes of the block the server's private key gave
 * @client: the key material the client used
 *
 * Explains the server's RSA decryption by comparing what its key gave with
 * the pre-master secret the client made.
 */
void  hl_explain_rsa_decryption    (HlStep                *step,
                                    GBytes                *decrypted,
                                    const HlSecrets       *client);

/**
 * hl_explain_key_pair:
 * @step: the step in which @side makes its key pair
 * @side: whose key pair
 * @kind: the story of the connection (ECDHE or static ECDH)
 *
 * Explains a key pair step: an ephemeral key share (ECDHE) or the key of
 * the server's certificate (static ECDH).
 */
void  hl_explain_key_pair          (HlStep                *step,
                                    HlActor                side,
                                    HlStoryKind            kind);

/**
 * hl_explain_shared_secret:
 * @step: the step in which @side computes the shared point
 * @side: whose computation
 * @kind: the story of the connection (ECDHE or static ECDH)
 * @own: the key material @side used
 * @peer: the key material the other side used
 *
 * Explains a shared secret step by what the two sides really hold.
 */
void  hl_explain_shared_secret     (HlStep                *step,
                                    HlActor                side,
                                    HlStoryKind            kind,
                                    const HlSecrets       *own,
                                    const HlSecrets       *peer);

/**
 * hl_explain_failure:
 * @step: the step in which a side fails
 * @error: its BearSSL error
 * @detail: (nullable): what the side was reading when it failed, when that
 *   tells more than the error (a record header it could not accept)
 * @server_checked_client: the failure is the server's verdict on the
 *   client's certificate
 * @peer_waiting: the other side is left waiting
 * @others: what the scenario says of other stacks and of the fix
 */
void  hl_explain_failure           (HlStep                *step,
                                    int                    error,
                                    const char            *detail,
                                    gboolean               server_checked_client,
                                    gboolean               peer_waiting,
                                    const HlOtherStacks   *others);

/**
 * hl_explain_other_stacks:
 * @others: what the scenario says of other stacks
 *
 * Returns: (transfer full) (nullable): sentences on what OpenSSL and the
 *   browsers do in the same place, or %NULL when the scenario says nothing
 */
char *hl_explain_other_stacks      (const HlOtherStacks   *others);

G_END_DECLS
