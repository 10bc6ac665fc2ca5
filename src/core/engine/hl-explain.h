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

void  hl_explain_handshake_message (HlStep                *step,
                                    const HlDecodeContext *context,
                                    GBytes                *offered_session);
void  hl_explain_master_secret     (HlStep                *step,
                                    HlActor                side,
                                    const HlSecrets       *own,
                                    const HlSecrets       *peer);
void  hl_explain_rsa_decryption    (HlStep                *step,
                                    GBytes                *decrypted,
                                    const HlSecrets       *client);
void  hl_explain_key_pair          (HlStep                *step,
                                    HlActor                side,
                                    HlStoryKind            kind);
void  hl_explain_shared_secret     (HlStep                *step,
                                    HlActor                side,
                                    HlStoryKind            kind,
                                    const HlSecrets       *own,
                                    const HlSecrets       *peer);
void  hl_explain_failure           (HlStep                *step,
                                    int                    error,
                                    const char            *detail,
                                    gboolean               server_checked_client,
                                    gboolean               peer_waiting,
                                    const HlOtherStacks   *others);
char *hl_explain_other_stacks      (const HlOtherStacks   *others);

G_END_DECLS
