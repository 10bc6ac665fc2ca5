/* hl-engine-private.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * What the files of the engine share.
 *
 *   hl-engine.c           set-up, the pump, a second connection, the run
 *   hl-engine-recorder.c  steps, batches, relations, state changes
 *   hl-engine-wire.c      each record on the wire, and the messages in it
 *   hl-engine-hooks.c     what BearSSL computes: PRF, RSA, ECDH, X.509
 *   hl-engine-app.c       the HTTP request and response
 *   hl-engine-attacks.c   the network's fault, the eavesdropper
 *   hl-engine-summary.c   the end: unread records, waiting sides, outcome
 *
 * The pump.  Each side is a BearSSL engine with one bidirectional buffer.
 * A round drains what each engine wants to send into that side's queue of
 * records, lets each side's application read and write, and then delivers
 * one queued record to the peer.  Delivering one record at a time lets the
 * receiver react to each message before the next arrives, so the trace
 * tells the story in the order a student expects.  The run ends when a
 * round makes no progress: both sides closed, or one is waiting for bytes
 * that will never come.
 *
 * Everything one side does in one turn — what its hooks saw during a call
 * into BearSSL (key material derived, a chain checked) and the records it
 * sent in answer — is collected in a batch and appended to the trace when
 * the turn ends, ordered by step of the story: within one call BearSSL
 * does it all at once, and the story's order is the one that explains it.
 * A record that the peer never read is marked so at the end.
 *
 * Sentences that compare the two sides (the same master secret, the same
 * pre-master secret, the same shared point) and the story each
 * connection tells (which key exchange, a resumed session) are settled at
 * the end too, when both sides' values are known (hl-explain.h).
 */

#include <bearssl.h>

#include "hl-decode.h"
#include "hl-engine.h"
#include "hl-explain.h"
#include "hl-field-private.h"
#include "hl-pki.h"
#include "hl-signature-log.h"
#include "hl-story.h"
#include "hl-x509-observer.h"

G_BEGIN_DECLS

#define RECORD_HEADER 5
#define HANDSHAKE_HEADER 4
#define MASTER_SECRET_LEN 48

typedef struct _HlEngine HlEngine;

/* A record a side sent, until its peer has read it. */
typedef struct
{
  GBytes    *bytes;
  gsize      delivered;
  guint      index;            /* in the trace's records */
  guint      number;           /* among the records its sender sent, from 1 */
  gboolean   tampered;
  gsize      read_when_failed; /* the receiver failed while reading it, after this many bytes; 0: it did not */
  GPtrArray *steps;            /* the steps of the messages it carries */
} HlPending;

typedef struct
{
  HlEngine              *engine;
  HlActor                actor;
  br_ssl_engine_context *eng;
  unsigned char         *iobuf;

  GByteArray            *out;            /* drained bytes not yet split into records */
  GQueue                 pending;        /* HlPending, to deliver to the peer */
  GByteArray            *handshake;      /* plaintext handshake bytes not yet split into messages */
  GQueue                 plaintexts;     /* GBytes given to sendapp, for the records that carry them */
  GPtrArray             *batch;          /* steps produced during the current call */
  HlSecrets             *secrets;

  GByteArray            *app_in;
  GBytes                *app_out;        /* the request or response being written */
  gsize                  app_out_done;   /* how much of it the engine took */
  gboolean               sent_ccs;
  gboolean               handshake_done;
  gboolean               request_sent;
  gboolean               response_sent;
  gboolean               close_called;
  gboolean               got_close_notify;
  gboolean               closed;
  gboolean               sent_hello;     /* ClientHello for the client, ServerHello for the server */
  gboolean               got_hello;
  int                    error;
  int                    alert_sent;
  guint                  key_blocks;
  guint                  records_sent;
  HlStep                *key_pair_step;  /* the client's ephemeral key pair, which its public point joins */
  HlStep                *failure_step;   /* explained at the end, when the peer's fate is known */
  char                  *failure_detail; /* what it was reading when it failed, when that explains more */
  HlStep                *chain_step;     /* its check of the peer's chain */
} HlSide;

/* A step whose sentence compares the two sides, settled at the end. */
typedef enum
{
  HL_RELATION_MASTER_SECRET,
  HL_RELATION_RSA_DECRYPTION,
  HL_RELATION_SHARED_SECRET,
} HlRelationKind;

typedef struct
{
  HlStep         *step;        /* owned by the trace */
  HlRelationKind  kind;
  HlActor         side;
  guint           connection;
  GBytes         *decrypted;   /* RSA: the pre-master secret the server's key gave */
} HlRelation;

struct _HlEngine
{
  HlScenario              *scenario;
  HlTrace                 *trace;
  HlPki                   *pki;          /* the scenario's, borrowed */
  HlKey                   *wrong_key;    /* [Server] key=: not its certificate's */

  br_ssl_client_context    cc;
  br_x509_minimal_context  xc;
  HlX509Observer           observer;
  br_ssl_server_context    sc;
  br_x509_minimal_context  sxc;          /* the server's, for client certificates */
  br_ssl_session_cache_lru lru;          /* the server's session cache, for resumption */
  unsigned char            lru_store[4096];
  HlX509Observer           server_observer;
  HlSignatureLog          *signatures;   /* the certificate signature checks of this run */

  HlSide                   sides[2];
  HlDecodeContext          decode;       /* what the ServerHello on the wire said */
  guint                    story;        /* the furthest story step seen so far */
  guint                    delivering;   /* story step of the record being read, 0 outside feed() */
  HlPending               *reading;      /* the record being read, NULL outside feed() */
  gboolean                 failed;
  HlActor                  first_failure;
  guint                    failure_story;
  gboolean                 response_complete;
  gboolean                 tampered;     /* the scenario's fault happened */
  gboolean                 tamper_short; /* its record came, but ended before the byte to change */
  gsize                    tamper_body;  /* that record's body length */

  guint                    connection;   /* the connection being run, from 0 */
  gboolean                 resumed[HL_TRACE_MAX_CONNECTIONS];  /* an abbreviated handshake */
  guint                    suites[HL_TRACE_MAX_CONNECTIONS];   /* what its ServerHello chose */
  GBytes                  *offered_session;  /* the session ID of this connection's ClientHello */
  GArray                  *relations;    /* HlRelation */
};

/* BearSSL's hooks receive no user pointer; the pump is synchronous, so the
 * side being called is kept here for the duration of each call
 * (hl_engine_enter(), hl_engine_leave()). */
extern _Thread_local HlSide *hl_engine_current;

/* The recorder (hl-engine-recorder.c) */

HlSide     *hl_engine_peer_of       (HlSide         *side);
const char *hl_engine_side_name     (HlActor         actor);
void        hl_engine_append_step   (HlEngine       *self,
                                     HlStep         *step);
guint       hl_engine_story_of      (HlEngine       *self,
                                     HlStoryEvent    event,
                                     HlActor         actor);
void        hl_engine_add_relation  (HlEngine       *self,
                                     HlStep         *step,
                                     HlRelationKind  kind,
                                     HlActor         side,
                                     GBytes         *decrypted);
void        hl_engine_relation_clear (gpointer       data);
HlStep     *hl_engine_batch_step    (HlSide         *side,
                                     HlStepKind      kind,
                                     guint           story,
                                     const char     *title,
                                     const char     *explanation);
void        hl_engine_enter         (HlSide         *side);
void        hl_engine_leave         (HlSide         *side);
void        hl_engine_flush         (HlSide         *side);
void        hl_engine_set_bytes     (GBytes        **slot,
                                     const void     *data,
                                     gsize           len);
void        hl_engine_note_state    (HlSide         *side);

/* The negotiation (hl-engine-negotiation.c) */

/* The cipher suites (guint16) of the current connection's ClientHello as
 * the server received it, with the network's change if there was one, and
 * its @client_version; NULL when there is no such hello. */
GArray     *hl_engine_received_offer         (HlEngine     *self,
                                              guint        *client_version);
/* Adds to @server_hello's fields the client's offer against the server's
 * lists, and the choice. */
void        hl_engine_add_negotiation        (HlEngine     *self,
                                              HlStep       *server_hello);

/* BearSSL's hooks (hl-engine-hooks.c) */

uint32_t    hl_engine_hook_rsa_public  (unsigned char            *x,
                                        size_t                    xlen,
                                        const br_rsa_public_key  *pk);
uint32_t    hl_engine_hook_rsa_private (unsigned char            *x,
                                        const br_rsa_private_key *sk);
void        hl_engine_install_hooks    (br_ssl_engine_context    *eng);
void        hl_engine_log_signatures   (br_x509_minimal_context  *xc);
void        hl_engine_log_handshake_signatures (br_ssl_engine_context *eng);
void        hl_engine_note_chain_check (HlX509Observer           *obs,
                                        gpointer                  user_data);

/* The wire (hl-engine-wire.c) */

void        hl_engine_split_records (HlSide         *side);
void        hl_engine_pending_free  (gpointer        data);

/* Application data (hl-engine-app.c) */

gboolean    hl_engine_run_app       (HlSide         *side);

/* Attacks (hl-engine-attacks.c) */

void        hl_engine_tamper        (HlSide         *side,
                                     HlPending      *pending);
void        hl_engine_note_missed_tamper (HlEngine  *self);
void        hl_engine_eavesdrop     (HlEngine       *self);

/* The end (hl-engine-summary.c) */

void        hl_engine_finish        (HlEngine       *self);

G_END_DECLS
