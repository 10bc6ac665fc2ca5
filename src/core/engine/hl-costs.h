/* hl-costs.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlCosts: what a run's cryptography cost, in time on this machine.
 *
 * hl_engine_run_with_costs() times each call into BearSSL's public-key
 * primitives (RSA encryption and decryption of the pre-master secret,
 * signatures and their checks, ECDH), the PRF and each record's
 * encryption and decryption, per side, with the monotonic clock, in
 * nanoseconds.  Timing is kept outside the trace: the trace of a run with
 * costs is the trace of the same run without.  A run without costs times
 * nothing.
 *
 * hl_costs_sample() is how `handshake-lab-cli costs` (hl-cost-report.h)
 * measures: it repeats one operation after a warm-up until the median is
 * stable and keeps the median and the interquartile range.
 */

#include <json-glib/json-glib.h>

#include "hl-scenario.h"
#include "hl-trace.h"

G_BEGIN_DECLS

/**
 * HlCostKind:
 * @HL_COST_RSA_ENCRYPT: RSA public-key operation on the pre-master secret
 * @HL_COST_RSA_DECRYPT: RSA private-key operation on the pre-master secret
 * @HL_COST_RSA_SIGN: an RSA signature (ServerKeyExchange, CertificateVerify)
 * @HL_COST_RSA_VERIFY: an RSA signature check (certificates, handshake)
 * @HL_COST_ECDSA_SIGN: an ECDSA signature (ServerKeyExchange, CertificateVerify)
 * @HL_COST_ECDSA_VERIFY: an ECDSA signature check (certificates, handshake)
 * @HL_COST_ECDH_KEY_PAIR: an ECDH public point from a private scalar
 * @HL_COST_ECDH_SHARED: an ECDH shared point
 * @HL_COST_PRF: the TLS PRF (master secret, key block, Finished)
 * @HL_COST_RECORD_ENCRYPT: a record encrypted
 * @HL_COST_RECORD_DECRYPT: a record decrypted
 * @HL_COST_N_KINDS: the number of kinds
 *
 * What a timed call did.
 */
typedef enum
{
  HL_COST_RSA_ENCRYPT,
  HL_COST_RSA_DECRYPT,
  HL_COST_RSA_SIGN,
  HL_COST_RSA_VERIFY,
  HL_COST_ECDSA_SIGN,
  HL_COST_ECDSA_VERIFY,
  HL_COST_ECDH_KEY_PAIR,
  HL_COST_ECDH_SHARED,
  HL_COST_PRF,
  HL_COST_RECORD_ENCRYPT,
  HL_COST_RECORD_DECRYPT,
  HL_COST_N_KINDS
} HlCostKind;

typedef struct _HlCosts HlCosts;

/**
 * HlCostSample:
 * @runs: how many times the operation ran, warm-up not counted
 * @median_ns: the median time of one run, in nanoseconds
 * @q1_ns: the first quartile
 * @q3_ns: the third quartile
 *
 * One measured figure.
 */
typedef struct
{
  guint   runs;
  gdouble median_ns;
  gdouble q1_ns;
  gdouble q3_ns;
} HlCostSample;

/**
 * HlCostSampleFunc:
 * @user_data: what the operation needs
 *
 * Runs the operation to measure once.
 *
 * Returns: the nanoseconds of the part it measured itself, or -1 to
 *   measure the whole call
 */
typedef gint64 (*HlCostSampleFunc) (gpointer user_data);

/**
 * hl_costs_new:
 *
 * Returns: (transfer full): empty costs, to pass to hl_engine_run_with_costs()
 */
HlCosts    *hl_costs_new             (void);

/**
 * hl_costs_free:
 * @self: (transfer full) (nullable): costs
 *
 * Frees @self.
 */
void        hl_costs_free            (HlCosts    *self);

/**
 * hl_costs_now:
 *
 * Returns: the monotonic clock, in nanoseconds
 */
gint64      hl_costs_now             (void);

/**
 * hl_costs_add:
 * @self: costs
 * @actor: the side that made the call
 * @kind: what the call did
 * @ns: how long it took, in nanoseconds
 *
 * Adds one timed call.
 */
void        hl_costs_add             (HlCosts    *self,
                                      HlActor     actor,
                                      HlCostKind  kind,
                                      gint64      ns);

/**
 * hl_costs_add_connection:
 * @self: costs
 * @connection: the connection, from 0
 * @ns: how long its handshake and exchange took, in nanoseconds
 *
 * Adds the time one connection of the run took, recording included.
 */
void        hl_costs_add_connection  (HlCosts    *self,
                                      guint       connection,
                                      gint64      ns);

/**
 * hl_costs_get_count:
 * @self: costs
 * @actor: a side
 * @kind: what the calls did
 *
 * Returns: how many calls of @kind @actor made
 */
guint       hl_costs_get_count       (HlCosts    *self,
                                      HlActor     actor,
                                      HlCostKind  kind);

/**
 * hl_costs_get_ns:
 * @self: costs
 * @actor: a side
 * @kind: what the calls did
 *
 * Returns: how long the calls of @kind by @actor took together, in nanoseconds
 */
gint64      hl_costs_get_ns          (HlCosts    *self,
                                      HlActor     actor,
                                      HlCostKind  kind);

/**
 * hl_costs_get_connection_ns:
 * @self: costs
 * @connection: a connection, from 0
 *
 * Returns: how long that connection took, in nanoseconds; 0 when it did not run
 */
gint64      hl_costs_get_connection_ns (HlCosts  *self,
                                        guint     connection);

/**
 * hl_costs_get_public_key_ns:
 * @self: costs
 * @connection: a connection, from 0, or -1 for all
 *
 * Returns: how long the public-key operations of both sides took together
 */
gint64      hl_costs_get_public_key_ns (HlCosts  *self,
                                        int       connection);

/**
 * hl_costs_set_connection:
 * @self: costs
 * @connection: the connection that runs from now on, from 0
 *
 * Counts the public-key time that follows towards @connection.
 */
void        hl_costs_set_connection  (HlCosts    *self,
                                      guint       connection);

/**
 * hl_cost_kind_id:
 * @kind: a kind
 *
 * Returns: its untranslated id, as the JSON has it ("rsa_decrypt")
 */
const char *hl_cost_kind_id          (HlCostKind  kind);

/**
 * hl_cost_kind_title:
 * @kind: a kind
 *
 * Returns: what it is, translated
 */
const char *hl_cost_kind_title       (HlCostKind  kind);

/**
 * hl_cost_kind_is_public_key:
 * @kind: a kind
 *
 * Returns: whether @kind is asymmetric cryptography
 */
gboolean    hl_cost_kind_is_public_key (HlCostKind kind);

/**
 * hl_costs_to_json:
 * @self: costs
 *
 * Returns: (transfer full): the costs as the `costs` member of README.md's JSON
 */
JsonNode   *hl_costs_to_json         (HlCosts    *self);

/**
 * hl_costs_sample:
 * @func: the operation
 * @user_data: passed to @func
 * @min_runs: run it at least this often
 * @max_ns: stop once this much time went by, stable or not (at least @min_runs)
 * @sample: (out): the median and quartiles of one run
 *
 * Warms up (once at least, else for a twentieth of @max_ns), then runs
 * @func @min_runs times (5 at least) and on until the median of all runs
 * so far moved by less than 2 % over the last quarter of the runs, or
 * @max_ns went by.
 */
void        hl_costs_sample          (HlCostSampleFunc  func,
                                      gpointer          user_data,
                                      guint             min_runs,
                                      gint64            max_ns,
                                      HlCostSample     *sample);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlCosts, hl_costs_free)

G_END_DECLS
