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

#include "hl-costs.h"
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
  HlCosts                 *costs;        /* NULL: the run times nothing (hl-costs.h) */
};

/* BearSSL's hooks receive no user pointer; the pump is synchronous, so the
 * side being called is kept here for the duration of each call
 * (hl_engine_enter(), hl_engine_leave()). */
extern _Thread_local HlSide *hl_engine_current;

/* The recorder (hl-engine-recorder.c) */

/**
 * hl_engine_peer_of:
 * @side: one side of a run
 *
 * Returns: (transfer none): the other side of the same run
 */
HlSide     *hl_engine_peer_of       (HlSide         *side);

/**
 * hl_engine_side_name:
 * @actor: %HL_ACTOR_CLIENT or %HL_ACTOR_SERVER
 *
 * Returns: "client" or "server", translated, for the sentences of steps
 */
const char *hl_engine_side_name     (HlActor         actor);

/**
 * hl_engine_append_step:
 * @self: the engine
 * @step: (transfer none): a step of the current connection
 *
 * Appends @step to the trace, in the current connection, and remembers the
 * furthest story step reached.
 */
void        hl_engine_append_step   (HlEngine       *self,
                                     HlStep         *step);

/**
 * hl_engine_story_of:
 * @self: the engine
 * @event: what happened
 * @actor: who did it
 *
 * The full stories of the key exchanges number their steps alike; an
 * abbreviated handshake, known from its first key expansion without a
 * master secret, has its own.
 *
 * Returns: the step of the story @event belongs to in the current
 *   connection, from 1; 0 for an event that story does not have
 */
guint       hl_engine_story_of      (HlEngine       *self,
                                     HlStoryEvent    event,
                                     HlActor         actor);

/**
 * hl_engine_add_relation:
 * @self: the engine
 * @step: a step whose sentence compares the two sides; owned by the trace
 * @kind: what it compares
 * @side: the side whose value the step shows
 * @decrypted: (nullable) (transfer none): for an RSA decryption, the
 *   pre-master secret the server's key gave; the engine keeps a reference
 *
 * Records a step to settle at the end (hl_engine_finish()), when both
 * sides' values are known.
 */
void        hl_engine_add_relation  (HlEngine       *self,
                                     HlStep         *step,
                                     HlRelationKind  kind,
                                     HlActor         side,
                                     GBytes         *decrypted);

/**
 * hl_engine_relation_clear:
 * @data: an #HlRelation
 *
 * Frees what a relation holds; the #GArray's clear function.
 */
void        hl_engine_relation_clear (gpointer       data);

/**
 * hl_engine_batch_step:
 * @side: the side whose turn it is
 * @kind: what kind of step
 * @story: the step of the story it belongs to
 * @title: its translated title
 * @explanation: its translated explanation, copied
 *
 * Makes a step and adds it to @side's batch, which hl_engine_flush()
 * appends to the trace in story order when the turn ends.
 *
 * Returns: (transfer none): the new step, owned by the batch
 */
HlStep     *hl_engine_batch_step    (HlSide         *side,
                                     HlStepKind      kind,
                                     guint           story,
                                     const char     *title,
                                     const char     *explanation);

/**
 * hl_engine_enter:
 * @side: the side about to be called into
 *
 * BearSSL's hooks receive no user pointer: marks @side as the one being
 * called (hl_engine_current) until hl_engine_leave().  Calls do not nest.
 */
void        hl_engine_enter         (HlSide         *side);

/**
 * hl_engine_leave:
 * @side: the side hl_engine_enter() marked
 *
 * Ends a call into @side's engine.
 */
void        hl_engine_leave         (HlSide         *side);

/**
 * hl_engine_flush:
 * @side: the side whose turn ends
 *
 * Appends the steps of @side's batch to the trace, ordered by story step
 * (steps of the same story step keep the order BearSSL made them in), and
 * empties the batch.
 */
void        hl_engine_flush         (HlSide         *side);

/**
 * hl_engine_set_bytes:
 * @slot: (inout): a #GBytes member of #HlSecrets, or %NULL in it
 * @data: the bytes
 * @len: their length
 *
 * Replaces the #GBytes in @slot with a copy of @data.
 */
void        hl_engine_set_bytes     (GBytes        **slot,
                                     const void     *data,
                                     gsize           len);

/**
 * hl_engine_note_state:
 * @side: the side just called into
 *
 * Looks at @side's engine state after a call: when its handshake is done
 * (its last handshake record sent), records the negotiated version and
 * suite and a step that says so; when it has closed, records a clean close
 * or its failure (error, alert, the record it stopped on, the story step
 * it broke at).
 */
void        hl_engine_note_state    (HlSide         *side);

/* The negotiation (hl-engine-negotiation.c) */

/**
 * hl_engine_received_offer:
 * @self: the engine
 * @client_version: (out): the ClientHello's client_version, when there is
 *   one
 *
 * Reads the current connection's ClientHello as the server received it,
 * with the network's change if there was one.
 *
 * Returns: (transfer full) (element-type guint16) (nullable): the cipher
 *   suites it offers, in its order; %NULL when there is no such hello
 */
GArray     *hl_engine_received_offer         (HlEngine     *self,
                                              guint        *client_version);
/**
 * hl_engine_add_negotiation:
 * @self: the engine
 * @server_hello: the step of the ServerHello
 *
 * Adds to @server_hello's fields the client's offer against the server's
 * lists, and the choice.
 */
void        hl_engine_add_negotiation        (HlEngine     *self,
                                              HlStep       *server_hello);

/* BearSSL's hooks (hl-engine-hooks.c) */

/**
 * hl_engine_hook_rsa_public:
 * @x: on the way in the padded block 00 02 PS 00 PMS, on the way out the
 *   ciphertext
 * @xlen: the length of @x, the modulus's length
 * @pk: the server's public key
 *
 * BearSSL's RSA public-key operation, with the client's encryption of the
 * pre-master secret recorded as a step and in its secrets.
 *
 * Returns: what BearSSL's default implementation returns: 1 on success
 */
uint32_t    hl_engine_hook_rsa_public  (unsigned char            *x,
                                        size_t                    xlen,
                                        const br_rsa_public_key  *pk);

/**
 * hl_engine_hook_rsa_private:
 * @x: the ciphertext on the way in; after the private-key operation, the
 *   padded block the client built
 * @sk: the server's private key
 *
 * BearSSL's RSA private-key operation, with the server's decryption of the
 * pre-master secret recorded as a step and in its secrets.
 *
 * Returns: what BearSSL's default implementation returns: 1 on success
 */
uint32_t    hl_engine_hook_rsa_private (unsigned char            *x,
                                        const br_rsa_private_key *sk);

/**
 * hl_engine_install_hooks:
 * @eng: a side's engine, after its *_init_full
 *
 * Routes the engine's EC operations and its three PRFs through the hooks
 * that record what they compute.
 */
void        hl_engine_install_hooks    (br_ssl_engine_context    *eng);

/* Costs (hl-engine-costs.c) */

/**
 * hl_engine_cost_start:
 *
 * Returns: the monotonic clock when the run times its costs and a side is
 *   being called, or 0
 */
gint64      hl_engine_cost_start       (void);

/**
 * hl_engine_cost_end:
 * @kind: what the timed call did
 * @start: what hl_engine_cost_start() returned before it
 *
 * Adds the time since @start to the side being called; nothing when
 * @start is 0.
 */
void        hl_engine_cost_end         (HlCostKind                kind,
                                        gint64                    start);

/**
 * hl_engine_time_signatures:
 * @self: the engine, set up
 *
 * Times the signatures both SSL engines make for the handshake; their
 * checks are timed where hl_engine_log_handshake_signatures() logs them.
 */
void        hl_engine_time_signatures  (HlEngine                 *self);

/**
 * hl_engine_time_records:
 * @eng: an SSL engine, set up
 *
 * Times each record @eng encrypts and decrypts.
 */
void        hl_engine_time_records     (br_ssl_engine_context    *eng);

/**
 * hl_engine_log_signatures:
 * @xc: a side's X.509 engine
 *
 * Routes its RSA and ECDSA signature checks through wrappers that write
 * each call into the run's #HlSignatureLog.
 */
void        hl_engine_log_signatures   (br_x509_minimal_context  *xc);

/**
 * hl_engine_log_handshake_signatures:
 * @eng: the engine of a side that checks handshake signatures (the
 *   client's, and the server's when it asks for a certificate)
 *
 * Routes its ServerKeyExchange and CertificateVerify signature checks
 * through the same wrappers as hl_engine_log_signatures(), into the run's
 * #HlSignatureLog.
 */
void        hl_engine_log_handshake_signatures (br_ssl_engine_context *eng);

/**
 * hl_engine_note_chain_check:
 * @obs: the observer of the side that judged the chain
 * @user_data: the #HlEngine
 *
 * An #HlX509ObserverFunc, called from inside BearSSL when a chain is
 * judged: checks the chain rule by rule (hl_chain_check()) and records the
 * check as a step, next to BearSSL's verdict.
 */
void        hl_engine_note_chain_check (HlX509Observer           *obs,
                                        gpointer                  user_data);

/* The wire (hl-engine-wire.c) */

/**
 * hl_engine_split_records:
 * @side: a side
 *
 * Splits what @side's engine sent into records, logs each as it goes on
 * the wire and queues it for the peer.  BearSSL hands out whole records in
 * practice, but nothing promises it.
 */
void        hl_engine_split_records (HlSide         *side);

/**
 * hl_engine_pending_free:
 * @data: an #HlPending
 *
 * Frees a queued record and the steps it carries.
 */
void        hl_engine_pending_free  (gpointer        data);

/* Application data (hl-engine-app.c) */

/**
 * hl_engine_run_app:
 * @side: a side
 *
 * Lets @side's application read what arrived and write: the client sends
 * its HTTP request once its handshake is done and closes once the whole
 * response came; the server answers the request.
 *
 * Returns: whether anything moved
 */
gboolean    hl_engine_run_app       (HlSide         *side);

/* Attacks (hl-engine-attacks.c) */

/**
 * hl_engine_tamper:
 * @side: the side that sent @pending
 * @pending: a record about to be delivered
 *
 * The scenario's attacker: flips bits of @pending when it is the record
 * the scenario names, and says so as a step of the network.  Does nothing
 * for any other record.
 */
void        hl_engine_tamper        (HlSide         *side,
                                     HlPending      *pending);

/**
 * hl_engine_note_missed_tamper:
 * @self: the engine, at the end of the run
 *
 * A fault aimed past the traffic changes nothing; the trace says so, as a
 * note of the network, rather than keep silent about the lesson's
 * attacker.
 */
void        hl_engine_note_missed_tamper (HlEngine  *self);

/**
 * hl_engine_eavesdrop:
 * @self: the engine, at the end of the run
 *
 * The scenario's eavesdropper: with the server's private key, stolen
 * years later, it tries to compute the master secret from the recorded
 * handshake, and the trace shows whether the recording opens.
 */
void        hl_engine_eavesdrop     (HlEngine       *self);

/* The end (hl-engine-summary.c) */

/**
 * hl_engine_finish:
 * @self: the engine, once the pump has stopped
 *
 * Sums the run up: marks unread records and waiting sides, recomputes the
 * keys and signatures, notes the attacker's fate, settles the sentences
 * that compare the two sides and sets the trace's outcome.
 */
void        hl_engine_finish        (HlEngine       *self);

G_END_DECLS
