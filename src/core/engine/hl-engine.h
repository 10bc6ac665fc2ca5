/* hl-engine.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlEngine: a real TLS handshake between two BearSSL engines, recorded.
 *
 * hl_engine_run() builds the scenario's certificates, sets up a BearSSL
 * client and a BearSSL server in this process and pumps records between
 * them in memory (no sockets, no threads) until both are done or neither
 * can go on.  Hooks installed in both engines record every record, every
 * handshake message (reassembled across records), the key material each
 * side derives, and every state change, error and alert.  After the
 * handshake the client sends an HTTP/1.1 GET request, the server answers,
 * and both close with close_notify.
 *
 * A run is a pure function of the scenario: its seed feeds both engines'
 * random generators and its clock is the only time the certificate checks
 * see, so the same scenario gives byte-identical traces on every machine.
 *
 * The returned trace is sealed.  An error is returned only when the run
 * cannot be set up (a certificate that cannot be built); a handshake that
 * fails is a successful run whose trace says why it failed.
 */

#include "hl-scenario.h"
#include "hl-trace.h"

G_BEGIN_DECLS

void     hl_engine_ensure_types (void);
HlTrace *hl_engine_run (HlScenario  *scenario,
                        GError     **error);

G_END_DECLS
