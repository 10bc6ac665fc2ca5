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
 *
 * Besides the decoder's (hl-decode.h) and the chain check's (hl-chain.h),
 * the steps hold fields of these ids (hl-field.h):
 *
 *  - computations: "compute.master_secret", "compute.key_block",
 *    "compute.finished", "compute.pre_master_secret", "compute.key_share",
 *    "compute.shared_secret", holding "keys.pre_master_secret",
 *    "keys.client_random", "keys.server_random", "keys.prf_seed" (the
 *    seed BearSSL gave the PRF), "keys.master_secret",
 *    "keys.key_block", "keys.prf_label" (the label of a Finished's PRF:
 *    "client finished" or "server finished", untranslated),
 *    "keys.handshake_hash", "keys.verify_data",
 *    "keys.rsa_block", "keys.encrypted_pre_master_secret",
 *    "keys.ecdh_private", "keys.ecdh_public", "keys.ecdh_peer_public",
 *    "keys.ecdh_shared"; under a value, "keys.recomputed" (its
 *    recomputation) and, under the key block, "keys.client_write_mac_key",
 *    "keys.server_write_mac_key", "keys.client_write_key",
 *    "keys.server_write_key", "keys.client_write_iv",
 *    "keys.server_write_iv";
 *  - protected records: "record.protected" with
 *    "record.encrypted_payload", or once decrypted "record.explicit_nonce",
 *    "record.iv", "record.ciphertext", "record.tag" and "decryption"
 *    ("decryption.sequence_number", ".cipher", ".key", ".nonce", ".aad",
 *    ".iv", ".tag", ".padding", ".mac", ".problem"); a decrypted Finished
 *    also "finished.transcript" (".messages", ".length", ".hash"),
 *    "finished.receiver_hash", "finished.computed", "finished.expected";
 *    application data "app" with "app.given", "app.comparison";
 *    "plaintext"; "record.messages" (the messages a record carries);
 *  - the chain check's step also "chain.verdict" (BearSSL's own);
 *  - a ServerKeyExchange "ske.signature_check", a CertificateVerify
 *    "cv.signature_check", each with ".signed", ".hash", ".key" and,
 *    when it does not verify, ".as_sent" (hl-recompute.h);
 *  - the network: "fault.record" with "fault.changed_byte";
 *    "eavesdropper" with "eavesdropper.encrypted_pre_master_secret",
 *    ".pre_master_secret", ".client_random", ".server_random",
 *    ".master_secret", ".key_block", ".client_point", ".key_exchange",
 *    ".recording".
 */

#include "hl-costs.h"
#include "hl-scenario.h"
#include "hl-trace.h"

G_BEGIN_DECLS

/**
 * hl_engine_ensure_types:
 *
 * Registers the types a run creates.  Call it before running the engine
 * on a thread of its own while the main thread builds widgets: GLib
 * deadlocks when one thread registers a type that a class being
 * initialised on another thread names.
 */
void     hl_engine_ensure_types (void);

/**
 * hl_engine_run:
 * @scenario: what to run
 * @error: set when the run cannot be set up
 *
 * Runs the scenario's handshake between two BearSSL engines in memory and
 * records it.
 *
 * Returns: (transfer full) (nullable): the sealed trace
 */
HlTrace *hl_engine_run (HlScenario  *scenario,
                        GError     **error);

/**
 * hl_engine_run_with_costs:
 * @scenario: what to run
 * @costs: (nullable): where the run adds what its cryptography cost, or
 *   %NULL to time nothing (as hl_engine_run())
 * @error: set when the run cannot be set up
 *
 * Runs the scenario as hl_engine_run() does and times each call into
 * BearSSL's cryptography (hl-costs.h).  The trace is the same as without
 * @costs.
 *
 * Returns: (transfer full) (nullable): the sealed trace
 */
HlTrace *hl_engine_run_with_costs (HlScenario  *scenario,
                                   HlCosts     *costs,
                                   GError     **error);

G_END_DECLS
