/* hl-trace.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlTrace: everything one run did, in order.
 *
 * The engine builds a trace once, in full, and seals it; from then on it is
 * immutable and front ends only read it.  A trace is a GListModel of HlStep
 * (what a student steps through), plus
 *
 *  - the TLS records as they crossed the wire, in order (for captures);
 *  - the key material each side used, captured separately on each side
 *    (HlSecrets), so that client and server can be compared — per
 *    connection, when the client comes back to resume its session;
 *  - a summary: did the run succeed, and if not, which side failed with
 *    which BearSSL error, whether it sent an alert or left its peer waiting,
 *    and at which step of the story it broke.
 */

#include <gio/gio.h>

#include "hl-step.h"

G_BEGIN_DECLS

typedef enum
{
  HL_OUTCOME_SUCCESS,  /* handshake, application data and close_notify both ways */
  HL_OUTCOME_FAILED,   /* a side failed with a BearSSL error */
  HL_OUTCOME_STALLED,  /* no side failed, yet both stopped short of the end */
} HlOutcome;

typedef struct
{
  HlActor  sender;
  guint8   content_type;
  GBytes  *bytes;        /* the whole record, header included, as sent */
  gboolean encrypted;    /* protected by the keys set by ChangeCipherSpec */
  gboolean delivered;    /* the peer read it */
  gsize    read;         /* how many of its bytes the peer read: all once delivered, fewer when it stopped half-way */
  int      error;        /* the BearSSL error the peer stopped with while reading it, 0 if it did not */
  GBytes  *given;        /* application data: what the sender's engine was given */
  GBytes  *tampered;     /* what the peer received instead, when the network changed it */
  guint    connection;   /* which connection of the run, from 0 */
} HlRecord;

/* Key material as one side's engine used it.  Any member may be NULL when
 * the run never got that far. */
typedef struct
{
  GBytes *client_random;
  GBytes *server_random;
  GBytes *pre_master_secret;
  GBytes *rsa_block;          /* RSA key exchange: 00 02 PS 00 PMS (client before encryption, server after decryption) */
  GBytes *ecdh_private;       /* ECDH(E): this side's private scalar */
  GBytes *ecdh_public;        /* ECDH(E): this side's public point (ephemeral, or from its certificate) */
  GBytes *ecdh_peer_public;   /* ECDH(E): the peer's point this side multiplied */
  GBytes *ecdh_shared;        /* ECDH(E): the shared point; the pre-master secret is its X coordinate */
  GBytes *master_secret;
  GBytes *key_block;
  GBytes *client_verify_data;
  GBytes *server_verify_data;
} HlSecrets;

/* What hl_recompute_keys() could prove of the run. */
typedef struct
{
  guint values_checked;          /* recomputed values compared with the engines' */
  guint values_differ;
  guint records_decrypted;       /* encrypted records whose tag or MAC verified */
  guint records_failed;          /* encrypted records that did not */
} HlKeysReport;

#define HL_TRACE_MAX_CONNECTIONS 2

#define HL_TYPE_TRACE (hl_trace_get_type ())

G_DECLARE_FINAL_TYPE (HlTrace, hl_trace, HL, TRACE, GObject)

/**
 * hl_trace_new:
 *
 * Returns: (transfer full): an empty, unsealed trace for the engine to fill
 */
HlTrace         *hl_trace_new               (void);

/**
 * hl_trace_append_step:
 * @self: an unsealed trace
 * @step: (transfer none): the next step
 */
void             hl_trace_append_step       (HlTrace      *self,
                                             HlStep       *step);

/**
 * hl_trace_append_record:
 * @self: an unsealed trace
 * @sender: who sent it
 * @bytes: the whole record, header included
 * @encrypted: whether it is protected by negotiated keys
 *
 * Returns: the index of the new record
 */
guint            hl_trace_append_record     (HlTrace      *self,
                                             HlActor       sender,
                                             GBytes       *bytes,
                                             gboolean      encrypted);

/**
 * hl_trace_set_record_delivered:
 * @self: an unsealed trace
 * @index: a record's index
 *
 * The peer read the whole record.
 */
void             hl_trace_set_record_delivered (HlTrace   *self,
                                             guint         index);

/**
 * hl_trace_set_record_failed:
 * @self: an unsealed trace
 * @index: a record's index
 * @read: how many of the record's first bytes the peer had read when it
 *   stopped (5 when it stopped on the record's header)
 * @error: the BearSSL error it stopped with
 *
 * The peer stopped while reading this record.  @read may not exceed the
 * record's size.
 */
void             hl_trace_set_record_failed (HlTrace      *self,
                                             guint         index,
                                             gsize         read,
                                             int           error);

/**
 * hl_trace_set_record_tampered:
 * @self: an unsealed trace
 * @index: a record's index
 * @tampered: (nullable) (transfer none): the bytes the peer received
 *   instead of the record's; the trace takes a reference.  %NULL clears it
 *
 * The network changed this record on its way to the peer.
 */
void             hl_trace_set_record_tampered (HlTrace    *self,
                                             guint         index,
                                             GBytes       *tampered);

/**
 * hl_trace_set_record_given:
 * @self: an unsealed trace
 * @index: the index of an application data record
 * @given: (nullable) (transfer none): the application data the sender's
 *   engine was given for it; the trace takes a reference.  %NULL clears it
 */
void             hl_trace_set_record_given  (HlTrace      *self,
                                             guint         index,
                                             GBytes       *given);

/**
 * hl_trace_seal:
 * @self: a trace
 *
 * Marks the trace complete.  From now on it never changes.
 */
void             hl_trace_seal              (HlTrace      *self);

/**
 * hl_trace_is_sealed:
 * @self: a trace
 *
 * Returns: whether the engine is done with it; a sealed trace never changes
 */
gboolean         hl_trace_is_sealed         (HlTrace      *self);

/**
 * hl_trace_get_n_steps:
 * @self: a trace
 *
 * Returns: how many steps it holds
 */
guint            hl_trace_get_n_steps       (HlTrace      *self);

/**
 * hl_trace_get_step:
 * @self: a trace
 * @position: less than hl_trace_get_n_steps()
 *
 * Returns: (transfer none): the step at @position
 */
HlStep          *hl_trace_get_step          (HlTrace      *self,
                                             guint         position);

/**
 * hl_trace_get_n_records:
 * @self: a trace
 *
 * Returns: how many records were sent, in both directions
 */
guint            hl_trace_get_n_records     (HlTrace      *self);

/**
 * hl_trace_get_record:
 * @self: a trace
 * @index: less than hl_trace_get_n_records()
 *
 * Returns: (transfer none): the record at @index, in wire order
 */
const HlRecord  *hl_trace_get_record        (HlTrace      *self,
                                             guint         index);

/**
 * hl_trace_get_secrets:
 * @self: a trace
 * @side: %HL_ACTOR_CLIENT or %HL_ACTOR_SERVER
 *
 * Returns: (transfer none): the key material @side's engine used; the
 *   engine fills it while the trace is unsealed
 */
HlSecrets       *hl_trace_get_secrets       (HlTrace      *self,
                                             HlActor       side);

/**
 * hl_trace_get_connection_secrets:
 * @self: a trace
 * @connection: from 0 to hl_trace_get_n_connections() - 1
 * @side: %HL_ACTOR_CLIENT or %HL_ACTOR_SERVER
 *
 * Returns: (transfer none): the key material @side used in @connection
 */
HlSecrets       *hl_trace_get_connection_secrets (HlTrace *self,
                                             guint         connection,
                                             HlActor       side);

/**
 * hl_trace_get_n_connections:
 * @self: a trace
 *
 * Returns: how many connections the run made (2 when the client resumed
 *   its session)
 */
guint            hl_trace_get_n_connections (HlTrace      *self);

/**
 * hl_trace_begin_connection:
 * @self: an unsealed trace with fewer than %HL_TRACE_MAX_CONNECTIONS
 *   connections
 *
 * Starts recording the next connection: records and secrets from now on
 * belong to it.
 */
void             hl_trace_begin_connection  (HlTrace      *self);

/**
 * hl_trace_get_scenario_id:
 * @self: a trace
 *
 * Returns: the id of the scenario that was run
 */
const char      *hl_trace_get_scenario_id   (HlTrace      *self);

/**
 * hl_trace_set_scenario_id:
 * @self: an unsealed trace
 * @id: the id of the scenario run
 */
void             hl_trace_set_scenario_id   (HlTrace      *self,
                                             const char   *id);

/**
 * hl_trace_get_clock:
 * @self: a trace
 *
 * Returns: the scenario's clock the run used, in Unix seconds
 */
gint64           hl_trace_get_clock         (HlTrace      *self);

/**
 * hl_trace_set_clock:
 * @self: an unsealed trace
 * @clock: the scenario's clock, in Unix seconds
 */
void             hl_trace_set_clock         (HlTrace      *self,
                                             gint64        clock);

/**
 * hl_trace_get_seed:
 * @self: a trace
 *
 * Returns: the seed both engines' random generators were fed
 */
guint64          hl_trace_get_seed          (HlTrace      *self);

/**
 * hl_trace_set_seed:
 * @self: an unsealed trace
 * @seed: the scenario's seed
 */
void             hl_trace_set_seed          (HlTrace      *self,
                                             guint64       seed);

/**
 * hl_trace_get_version:
 * @self: a trace
 *
 * Returns: the negotiated protocol version (0x0303 for TLS 1.2), or 0 when
 *   the handshake did not get that far
 */
guint            hl_trace_get_version       (HlTrace      *self);

/**
 * hl_trace_get_cipher_suite:
 * @self: a trace
 *
 * Returns: the negotiated cipher suite number, or 0
 */
guint            hl_trace_get_cipher_suite  (HlTrace      *self);

/**
 * hl_trace_set_negotiated:
 * @self: an unsealed trace
 * @version: the protocol version the server chose
 * @cipher_suite: the cipher suite it chose
 */
void             hl_trace_set_negotiated    (HlTrace      *self,
                                             guint         version,
                                             guint         cipher_suite);

/**
 * hl_trace_get_outcome:
 * @self: a trace
 *
 * Returns: how the run ended
 */
HlOutcome        hl_trace_get_outcome       (HlTrace      *self);

/**
 * hl_trace_get_failed_side:
 * @self: a trace
 *
 * Returns: the side whose engine failed first, or %HL_ACTOR_NETWORK when
 *   none did
 */
HlActor          hl_trace_get_failed_side   (HlTrace      *self);

/**
 * hl_trace_get_error:
 * @self: a trace
 * @side: %HL_ACTOR_CLIENT or %HL_ACTOR_SERVER
 *
 * Returns: the BearSSL error code @side's engine ended with (0: none)
 */
int              hl_trace_get_error         (HlTrace      *self,
                                             HlActor       side);

/**
 * hl_trace_get_alert_sent:
 * @self: a trace
 * @side: %HL_ACTOR_CLIENT or %HL_ACTOR_SERVER
 *
 * Returns: the fatal alert @side sent when it failed, or -1 when it sent
 *   none
 */
int              hl_trace_get_alert_sent    (HlTrace      *self,
                                             HlActor       side);

/**
 * hl_trace_get_peer_waiting:
 * @self: a trace
 *
 * Returns: whether the run ended with a side still waiting for data that
 *   never came (its peer gave up without telling it)
 */
gboolean         hl_trace_get_peer_waiting  (HlTrace      *self);

/**
 * hl_trace_get_failed_story:
 * @self: a trace
 *
 * Returns: the step of the story (1–9) where the run broke, or 0
 */
guint            hl_trace_get_failed_story  (HlTrace      *self);

/**
 * hl_trace_get_summary_text:
 * @self: a trace
 *
 * Returns: one translated sentence that says how the run ended
 */
const char      *hl_trace_get_summary_text  (HlTrace      *self);

/**
 * hl_trace_set_outcome:
 * @self: an unsealed trace
 * @outcome: how the run ended
 * @failed_side: the side whose engine failed first, %HL_ACTOR_NETWORK for
 *   none
 * @failed_story: the step of the story (1–9) where the run broke, or 0
 * @peer_waiting: whether a side was left waiting for data that never came
 * @summary_text: (nullable): one translated sentence on how the run ended,
 *   copied; %NULL is stored as ""
 *
 * Sets how the run ended.
 */
void             hl_trace_set_outcome       (HlTrace      *self,
                                             HlOutcome     outcome,
                                             HlActor       failed_side,
                                             guint         failed_story,
                                             gboolean      peer_waiting,
                                             const char   *summary_text);

/**
 * hl_trace_set_side_result:
 * @self: an unsealed trace
 * @side: the client or the server
 * @error: the BearSSL error its engine ended with, 0 for none
 * @alert_sent: the fatal alert it sent, or -1 for none
 */
void             hl_trace_set_side_result   (HlTrace      *self,
                                             HlActor       side,
                                             int           error,
                                             int           alert_sent);

/**
 * hl_trace_get_keys_report:
 * @self: a trace
 *
 * Returns: (transfer none): how many recomputed values were checked and
 *   differed, how many records decrypted
 */
const HlKeysReport *hl_trace_get_keys_report (HlTrace   *self);

/**
 * hl_trace_set_keys_report:
 * @self: an unsealed trace
 * @report: what the recomputation checked, copied
 */
void             hl_trace_set_keys_report   (HlTrace      *self,
                                             const HlKeysReport *report);

/**
 * hl_outcome_to_string:
 * @outcome: an outcome
 *
 * Returns: a stable, untranslated name of @outcome, as in scenario files
 *   and the JSON trace
 */
const char      *hl_outcome_to_string       (HlOutcome    outcome);

G_END_DECLS
