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
  HL_N_CLAIMS
} HlClaim;

#define HL_TYPE_STEP (hl_step_get_type ())

G_DECLARE_FINAL_TYPE (HlStep, hl_step, HL, STEP, GObject)

HlStep      *hl_step_new                (HlActor      actor,
                                         HlStepKind   kind,
                                         guint        story,
                                         const char  *title);
HlActor      hl_step_get_actor          (HlStep      *self);
HlStepKind   hl_step_get_kind           (HlStep      *self);
guint        hl_step_get_story          (HlStep      *self);
const char  *hl_step_get_title          (HlStep      *self);
void         hl_step_set_title          (HlStep      *self,
                                         const char  *title);
const char  *hl_step_get_explanation    (HlStep      *self);
void         hl_step_set_explanation    (HlStep      *self,
                                         const char  *explanation);
GBytes      *hl_step_get_bytes          (HlStep      *self);
void         hl_step_set_bytes          (HlStep      *self,
                                         GBytes      *bytes);
HlField     *hl_step_get_fields         (HlStep      *self);
void         hl_step_set_fields         (HlStep      *self,
                                         HlField     *fields);
GBytes      *hl_step_get_plaintext      (HlStep      *self);
HlField     *hl_step_get_plaintext_fields (HlStep    *self);
void         hl_step_set_plaintext      (HlStep      *self,
                                         GBytes      *plaintext,
                                         HlField     *fields);
int          hl_step_get_record         (HlStep      *self);
void         hl_step_set_record         (HlStep      *self,
                                         int          record);
guint        hl_step_get_header_length  (HlStep      *self);
void         hl_step_set_header_length  (HlStep      *self,
                                         guint        header_length);
int          hl_step_get_handshake_type (HlStep      *self);
void         hl_step_set_handshake_type (HlStep      *self,
                                         int          handshake_type);
gboolean     hl_step_get_encrypted      (HlStep      *self);
void         hl_step_set_encrypted      (HlStep      *self,
                                         gboolean     encrypted);
HlVerdict    hl_step_get_verdict        (HlStep      *self);
void         hl_step_set_verdict        (HlStep      *self,
                                         HlVerdict    verdict);
gboolean     hl_step_is_message         (HlStep      *self);

HlStoryKind  hl_step_get_story_kind     (HlStep      *self);
void         hl_step_set_story_kind     (HlStep      *self,
                                         HlStoryKind  kind);
guint        hl_step_get_connection     (HlStep      *self);
void         hl_step_set_connection     (HlStep      *self,
                                         guint        connection);

void         hl_step_add_claim          (HlStep      *self,
                                         HlClaim      claim,
                                         gboolean     holds);
gboolean     hl_step_get_claim          (HlStep      *self,
                                         HlClaim      claim,
                                         gboolean    *holds);
guint        hl_step_get_n_claims       (HlStep      *self);
const char  *hl_claim_to_string         (HlClaim      claim);
const char  *hl_actor_to_string         (HlActor      actor);
const char  *hl_step_kind_to_string     (HlStepKind   kind);

G_END_DECLS
