/* hl-step.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlStep: one thing that happened in a run.
 *
 * Either a message on the wire (a handshake message, a ChangeCipherSpec, an
 * alert, application data), sent by its actor, or something an engine did
 * on its own (computed key material, checked a certificate chain, finished
 * the handshake, failed, closed, or sat waiting for data that never came).
 *
 * Every step names the step of the story of a handshake it belongs to
 * (1–9, 1–6 for an abbreviated handshake; 0 for none) and the kind of that
 * story (hl-story.h), carries a short title and a sentence that explains
 * it, and for wire messages the exact bytes that crossed the wire with a
 * tree of HlField that explains them: the record's header (content type,
 * version, length) first when the message opens its record
 * (hl_step_get_header_length()).
 *
 * A sentence that states a relation ("both sides hold the same master
 * secret", "trusted", "encrypted") is chosen by whether the relation holds
 * in the run; the step records that choice as an HlClaim, so that a test
 * can check each one against the trace's raw values.
 */

#include <glib-object.h>

#include "hl-field.h"
#include "hl-story.h"

G_BEGIN_DECLS

typedef enum
{
  HL_ACTOR_CLIENT,
  HL_ACTOR_SERVER,
  HL_ACTOR_NETWORK,
} HlActor;

typedef enum
{
  HL_STEP_HANDSHAKE,          /* one handshake message */
  HL_STEP_CHANGE_CIPHER_SPEC,
  HL_STEP_ALERT,
  HL_STEP_APPLICATION_DATA,
  HL_STEP_COMPUTE,            /* a side derives key material */
  HL_STEP_CHECK,              /* a side checks what it received */
  HL_STEP_STATE,              /* handshake done, closed, failed, waiting */
  HL_STEP_FAULT,              /* the network changes a record on its way */
} HlStepKind;

typedef enum
{
  HL_VERDICT_NONE,
  HL_VERDICT_OK,
  HL_VERDICT_FAILED,
  HL_VERDICT_WARNING,   /* passed, but on something current guidance calls too weak */
} HlVerdict;

/* What a step's title, explanation or fields state, by relation.  Each is
 * recorded with whether the text says it holds (TRUE) or not (FALSE). */
typedef enum
{
  HL_CLAIM_SAME_RANDOMS,            /* both sides of the connection hold the same two randoms */
  HL_CLAIM_SAME_PRE_MASTER_SECRET,  /* … the same pre-master secret */
  HL_CLAIM_SAME_SHARED_SECRET,      /* … the same ECDH shared point */
  HL_CLAIM_SAME_MASTER_SECRET,      /* … the same master secret */
  HL_CLAIM_SAME_TRANSCRIPT,         /* sender and receiver hashed the same handshake bytes */
  HL_CLAIM_FINISHED_VERIFIES,       /* the receiver expects the verify_data that was sent */
  HL_CLAIM_CHAIN_TRUSTED,           /* the checking side's X.509 engine accepted the chain */
  HL_CLAIM_KEY_USAGE_ALLOWS,        /* the certificate's key may do what the handshake asks of it */
  HL_CLAIM_KEY_MEETS_GUIDANCE,      /* the key is as large as current guidance asks (RSA: 2048 bits) */
  HL_CLAIM_HOST_NAME_CHECKED,       /* the certificate was checked against a host name */
  HL_CLAIM_ENCRYPTED,               /* the record is protected with keys set by ChangeCipherSpec */
  HL_CLAIM_NEXT_RECORDS_ENCRYPTED,  /* every later record of the actor in this connection is */
  HL_CLAIM_PLAINTEXT_INTACT,        /* the receiver got the bytes the sender's engine was given */
  HL_CLAIM_RECORDING_DECRYPTS,      /* the eavesdropper's master secret is the session's */
  HL_CLAIM_RSA_KEY_EXCHANGE,        /* the pre-master secret travels encrypted to the server's RSA key */
  HL_CLAIM_EPHEMERAL_KEY_EXCHANGE,  /* the server's key share is ephemeral and signed (ECDHE) */
  HL_CLAIM_CERTIFICATES_SENT,       /* a Certificate message holds at least one certificate */
  HL_CLAIM_ENDS_SELF_SIGNED,        /* its last certificate is self-signed */
  HL_CLAIM_CA_NAMES_SENT,           /* a CertificateRequest names at least one CA */
  HL_CLAIM_SESSION_OFFERED,         /* the ClientHello offers a session ID to resume */
  HL_CLAIM_SESSION_RESUMED,         /* the ServerHello takes up the session the client offered */
  HL_CLAIM_SERVER_NAME_SENT,        /* the ClientHello names the server (SNI) */
  HL_CLAIM_PEER_WAITING,            /* the failing side's peer is left waiting, untold */
  HL_CLAIM_SIGNATURE_VERIFIES,      /* a ServerKeyExchange's or CertificateVerify's signature verifies with
                                     * the signer's certificate's key */
  HL_N_CLAIMS
} HlClaim;

#define HL_TYPE_STEP (hl_step_get_type ())

G_DECLARE_FINAL_TYPE (HlStep, hl_step, HL, STEP, GObject)

/**
 * hl_step_new:
 * @actor: who sends the message, or who acts
 * @kind: what happened
 * @story: the step of the story (1–9), or 0
 * @title: a short title, already translated
 *
 * Returns: (transfer full): a new step
 */
HlStep      *hl_step_new                (HlActor      actor,
                                         HlStepKind   kind,
                                         guint        story,
                                         const char  *title);

/**
 * hl_step_get_actor:
 * @self: a step
 *
 * Returns: who sends the message, or who acts
 */
HlActor      hl_step_get_actor          (HlStep      *self);

/**
 * hl_step_get_kind:
 * @self: a step
 *
 * Returns: what happened
 */
HlStepKind   hl_step_get_kind           (HlStep      *self);

/**
 * hl_step_get_story:
 * @self: a step
 *
 * Returns: the step of the story (1–9) it belongs to, or 0
 */
guint        hl_step_get_story          (HlStep      *self);

/**
 * hl_step_get_title:
 * @self: a step
 *
 * Returns: its short title, translated
 */
const char  *hl_step_get_title          (HlStep      *self);

/**
 * hl_step_set_title:
 * @self: a step of a trace not yet sealed
 * @title: a short title, translated; copied
 */
void         hl_step_set_title          (HlStep      *self,
                                         const char  *title);

/**
 * hl_step_get_explanation:
 * @self: a step
 *
 * Returns: the sentences that explain it, computed from the run; "" for none
 */
const char  *hl_step_get_explanation    (HlStep      *self);

/**
 * hl_step_set_explanation:
 * @self: a step of a trace not yet sealed
 * @explanation: the sentences that explain it; copied
 */
void         hl_step_set_explanation    (HlStep      *self,
                                         const char  *explanation);

/**
 * hl_step_get_bytes:
 * @self: a step
 *
 * Returns: (transfer none) (nullable): the bytes of a wire message as they
 *   crossed the wire, handshake header included
 */
GBytes      *hl_step_get_bytes          (HlStep      *self);

/**
 * hl_step_set_bytes:
 * @self: a step of a trace not yet sealed
 * @bytes: (nullable): its bytes; the step keeps a reference
 */
void         hl_step_set_bytes          (HlStep      *self,
                                         GBytes      *bytes);

/**
 * hl_step_get_fields:
 * @self: a step
 *
 * Returns: (transfer none) (nullable): the root of the step's field tree
 */
HlField     *hl_step_get_fields         (HlStep      *self);

/**
 * hl_step_set_fields:
 * @self: a step of a trace not yet sealed
 * @fields: (nullable): the root of its field tree; the step keeps a reference
 */
void         hl_step_set_fields         (HlStep      *self,
                                         HlField     *fields);

/**
 * hl_step_get_plaintext:
 * @self: a step
 *
 * Returns: (transfer none) (nullable): for an encrypted message, its bytes
 *   after decryption with the recomputed keys
 */
GBytes      *hl_step_get_plaintext      (HlStep      *self);

/**
 * hl_step_get_plaintext_fields:
 * @self: a step
 *
 * Returns: (transfer none) (nullable): the decoded plaintext; offsets are
 *   into hl_step_get_plaintext()
 */
HlField     *hl_step_get_plaintext_fields (HlStep    *self);

/**
 * hl_step_set_plaintext:
 * @self: a step of a trace not yet sealed
 * @plaintext: (nullable): the decrypted bytes; the step keeps a reference
 * @fields: (nullable): their decoding, offsets into @plaintext; the step
 *   keeps a reference
 */
void         hl_step_set_plaintext      (HlStep      *self,
                                         GBytes      *plaintext,
                                         HlField     *fields);

/**
 * hl_step_get_record:
 * @self: a step
 *
 * Returns: the index of the record (hl_trace_get_record()) that carried
 *   this message, or -1
 */
int          hl_step_get_record         (HlStep      *self);

/**
 * hl_step_set_record:
 * @self: a step of a trace not yet sealed
 * @record: the index of the trace record it shows, or -1
 */
void         hl_step_set_record         (HlStep      *self,
                                         int          record);

/**
 * hl_step_get_header_length:
 * @self: a step
 *
 * A message that opens its record carries the record's header in front
 * of it: the bytes of hl_step_get_bytes() are then the header and the
 * message, as on the wire.  A message that follows another one in the same
 * record has no header of its own: its record's header is shown with the
 * first message (the steps share hl_step_get_record()).
 *
 * Returns: the number of bytes of record header at the start of
 *   hl_step_get_bytes(): 5, or 0
 */
guint        hl_step_get_header_length  (HlStep      *self);

/**
 * hl_step_set_header_length:
 * @self: a step of a trace not yet sealed
 * @header_length: how many of its first bytes are the record header
 */
void         hl_step_set_header_length  (HlStep      *self,
                                         guint        header_length);

/**
 * hl_step_get_handshake_type:
 * @self: a step
 *
 * Returns: the handshake message type (RFC 5246 §7.4) of a handshake step,
 *   or -1
 */
int          hl_step_get_handshake_type (HlStep      *self);

/**
 * hl_step_set_handshake_type:
 * @self: a step of a trace not yet sealed
 * @handshake_type: the handshake message type it carries, or -1
 */
void         hl_step_set_handshake_type (HlStep      *self,
                                         int          handshake_type);

/**
 * hl_step_get_encrypted:
 * @self: a step
 *
 * Returns: whether its bytes went out protected by negotiated keys
 */
gboolean     hl_step_get_encrypted      (HlStep      *self);

/**
 * hl_step_set_encrypted:
 * @self: a step of a trace not yet sealed
 * @encrypted: whether its bytes went out protected
 */
void         hl_step_set_encrypted      (HlStep      *self,
                                         gboolean     encrypted);

/**
 * hl_step_get_verdict:
 * @self: a step
 *
 * Returns: for a check, %HL_VERDICT_OK, %HL_VERDICT_FAILED, or
 *   %HL_VERDICT_WARNING when it passed on something current guidance calls
 *   too weak; else %HL_VERDICT_NONE
 */
HlVerdict    hl_step_get_verdict        (HlStep      *self);

/**
 * hl_step_set_verdict:
 * @self: a step of a trace not yet sealed
 * @verdict: for a check, %HL_VERDICT_OK, %HL_VERDICT_FAILED or
 *   %HL_VERDICT_WARNING
 */
void         hl_step_set_verdict        (HlStep      *self,
                                         HlVerdict    verdict);

/**
 * hl_step_is_message:
 * @self: a step
 *
 * Returns: %TRUE for a step that crossed the wire
 */
gboolean     hl_step_is_message         (HlStep      *self);

/**
 * hl_step_get_story_kind:
 * @self: a step
 *
 * Returns: the story the step's connection tells (which key exchange, or
 *   an abbreviated handshake): hl_story_title() of it names the step
 */
HlStoryKind  hl_step_get_story_kind     (HlStep      *self);

/**
 * hl_step_set_story_kind:
 * @self: a step of a trace not yet sealed
 * @kind: which story the step tells (RSA, ECDHE …), for its story step
 */
void         hl_step_set_story_kind     (HlStep      *self,
                                         HlStoryKind  kind);

/**
 * hl_step_get_connection:
 * @self: a step
 *
 * Returns: which connection of the run the step belongs to, from 0
 */
guint        hl_step_get_connection     (HlStep      *self);

/**
 * hl_step_set_connection:
 * @self: a step of a trace not yet sealed
 * @connection: which connection of the run it belongs to, from 0
 */
void         hl_step_set_connection     (HlStep      *self,
                                         guint        connection);

/**
 * hl_step_add_claim:
 * @self: a step of a trace not yet sealed
 * @claim: a relation the step's text states, less than %HL_N_CLAIMS
 * @holds: whether the text says it holds
 *
 * Records that the step's title, explanation or fields state @claim, as
 * holding or not.  Recording the same claim again replaces it.
 */
void         hl_step_add_claim          (HlStep      *self,
                                         HlClaim      claim,
                                         gboolean     holds);

/**
 * hl_step_get_claim:
 * @self: a step
 * @claim: a relation, less than %HL_N_CLAIMS
 * @holds: (out) (optional): whether the step says it holds
 *
 * Returns: whether the step states @claim at all
 */
gboolean     hl_step_get_claim          (HlStep      *self,
                                         HlClaim      claim,
                                         gboolean    *holds);

/**
 * hl_step_get_n_claims:
 * @self: a step
 *
 * Returns: how many relations the step states
 */
guint        hl_step_get_n_claims       (HlStep      *self);

/**
 * hl_claim_to_string:
 * @claim: a relation, less than %HL_N_CLAIMS
 *
 * Returns: a stable, untranslated name of @claim, as used in the JSON trace
 */
const char  *hl_claim_to_string         (HlClaim      claim);

/**
 * hl_actor_to_string:
 * @actor: an actor
 *
 * Returns: a stable, untranslated name ("client", "server", "network"),
 *   as used in the JSON trace
 */
const char  *hl_actor_to_string         (HlActor      actor);

/**
 * hl_step_kind_to_string:
 * @kind: a kind of step
 *
 * Returns: a stable, untranslated name of @kind, as used in the JSON trace
 */
const char  *hl_step_kind_to_string     (HlStepKind   kind);

G_END_DECLS
