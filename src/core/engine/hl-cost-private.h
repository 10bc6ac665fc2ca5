/* hl-cost-private.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * What the cost report (hl-cost-report.c) shares with its sessions
 * (hl-cost-session.c): a BearSSL client and server that agreed on one
 * cipher suite in memory, for the bulk figures.
 */

#include <bearssl.h>

#include "hl-key.h"
#include "hl-scenario.h"

G_BEGIN_DECLS

typedef struct _HlCostSession HlCostSession;

/**
 * hl_cost_session_new:
 * @scenario: the lesson whose certificates the server shows
 * @suite: the cipher suite the client offers alone
 * @bytes: what hl_cost_session_transfer() sends
 * @error: set when the certificates cannot be built or the handshake fails
 *
 * Sets up a client and a server as BearSSL's defaults do and runs their
 * handshake.
 *
 * Returns: (transfer full) (nullable): the established session
 */
HlCostSession         *hl_cost_session_new        (HlScenario     *scenario,
                                                   guint16         suite,
                                                   gsize           bytes,
                                                   GError        **error);

/**
 * hl_cost_session_free:
 * @self: (transfer full) (nullable): a session
 *
 * Frees @self.
 */
void                   hl_cost_session_free       (HlCostSession  *self);

/**
 * hl_cost_session_get_engine:
 * @self: a session
 *
 * Returns: (transfer none): the client's engine, which names the
 *   implementations BearSSL chose
 */
br_ssl_engine_context *hl_cost_session_get_engine (HlCostSession  *self);

/**
 * hl_cost_session_transfer:
 * @self: a session
 *
 * The client sends the session's bytes of application data; the server
 * reads them all.
 *
 * Returns: %FALSE when the engines stopped before
 */
gboolean               hl_cost_session_transfer   (HlCostSession  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlCostSession, hl_cost_session_free)

G_END_DECLS
