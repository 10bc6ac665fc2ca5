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

HlTrace         *hl_trace_new               (void);
void             hl_trace_append_step       (HlTrace      *self,
                                             HlStep       *step);
guint            hl_trace_append_record     (HlTrace      *self,
                                             HlActor       sender,
                                             GBytes       *bytes,
                                             gboolean      encrypted);
void             hl_trace_set_record_delivered (HlTrace   *self,
                                             guint         index);
void             hl_trace_set_record_failed (HlTrace      *self,
                                             guint         index,
                                             gsize         read,
                                             int           error);
void             hl_trace_set_record_tampered (HlTrace    *self,
                                             guint         index,
                                             GBytes       *tampered);
void             hl_trace_set_record_given  (HlTrace      *self,
                                             guint         index,
                                             GBytes       *given);
void             hl_trace_seal              (HlTrace      *self);
gboolean         hl_trace_is_sealed         (HlTrace      *self);

guint            hl_trace_get_n_steps       (HlTrace      *self);
HlStep          *hl_trace_get_step          (HlTrace      *self,
                                             guint         position);
guint            hl_trace_get_n_records     (HlTrace      *self);
const HlRecord  *hl_trace_get_record        (HlTrace      *self,
                                             guint         index);
HlSecrets       *hl_trace_get_secrets       (HlTrace      *self,
                                             HlActor       side);
HlSecrets       *hl_trace_get_connection_secrets (HlTrace *self,
                                             guint         connection,
                                             HlActor       side);
guint            hl_trace_get_n_connections (HlTrace      *self);
void             hl_trace_begin_connection  (HlTrace      *self);

const char      *hl_trace_get_scenario_id   (HlTrace      *self);
void             hl_trace_set_scenario_id   (HlTrace      *self,
                                             const char   *id);
gint64           hl_trace_get_clock         (HlTrace      *self);
void             hl_trace_set_clock         (HlTrace      *self,
                                             gint64        clock);
guint64          hl_trace_get_seed          (HlTrace      *self);
void             hl_trace_set_seed          (HlTrace      *self,
                                             guint64       seed);
guint            hl_trace_get_version       (HlTrace      *self);
guint            hl_trace_get_cipher_suite  (HlTrace      *self);
void             hl_trace_set_negotiated    (HlTrace      *self,
                                             guint         version,
                                             guint         cipher_suite);

HlOutcome        hl_trace_get_outcome       (HlTrace      *self);
HlActor          hl_trace_get_failed_side   (HlTrace      *self);
int              hl_trace_get_error         (HlTrace      *self,
                                             HlActor       side);
int              hl_trace_get_alert_sent    (HlTrace      *self,
                                             HlActor       side);
gboolean         hl_trace_get_peer_waiting  (HlTrace      *self);
guint            hl_trace_get_failed_story  (HlTrace      *self);
const char      *hl_trace_get_summary_text  (HlTrace      *self);
void             hl_trace_set_outcome       (HlTrace      *self,
                                             HlOutcome     outcome,
                                             HlActor       failed_side,
                                             guint         failed_story,
                                             gboolean      peer_waiting,
                                             const char   *summary_text);
void             hl_trace_set_side_result   (HlTrace      *self,
                                             HlActor       side,
                                             int           error,
                                             int           alert_sent);

const HlKeysReport *hl_trace_get_keys_report (HlTrace   *self);
void             hl_trace_set_keys_report   (HlTrace      *self,
                                             const HlKeysReport *report);

const char      *hl_outcome_to_string       (HlOutcome    outcome);

G_END_DECLS
