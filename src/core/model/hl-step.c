/* hl-step.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-step"

#include "config.h"

#include "hl-step.h"

struct _HlStep
{
  GObject     parent_instance;
  HlActor     actor;
  HlStepKind  kind;
  guint       story;
  char       *title;
  char       *explanation;
  GBytes     *bytes;
  HlField    *fields;
  GBytes     *plaintext;
  HlField    *plaintext_fields;
  int         record;
  guint       header_length;
  int         handshake_type;
  HlVerdict   verdict;
  HlStoryKind story_kind;
  guint       connection;
  guint       claims;       /* HlClaim bits: the step states this relation */
  guint       claims_hold;  /* … and says that it holds */
  guint       encrypted : 1;
};

G_STATIC_ASSERT (HL_N_CLAIMS <= sizeof (guint) * 8);

G_DEFINE_FINAL_TYPE (HlStep, hl_step, G_TYPE_OBJECT)

static void
hl_step_finalize (GObject *object)
{
  HlStep *self = (HlStep *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->explanation, g_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->fields, hl_field_unref);
  g_clear_pointer (&self->plaintext, g_bytes_unref);
  g_clear_pointer (&self->plaintext_fields, hl_field_unref);

  G_OBJECT_CLASS (hl_step_parent_class)->finalize (object);
}

static void
hl_step_class_init (HlStepClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hl_step_finalize;
}

static void
hl_step_init (HlStep *self)
{
  self->record = -1;
  self->handshake_type = -1;
}

HlStep *
hl_step_new (HlActor     actor,
             HlStepKind  kind,
             guint       story,
             const char *title)
{
  HlStep *self;

  g_return_val_if_fail (story <= 9, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (HL_TYPE_STEP, NULL);
  self->actor = actor;
  self->kind = kind;
  self->story = story;
  self->title = g_strdup (title);
  self->explanation = g_strdup ("");

  return self;
}

HlActor
hl_step_get_actor (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), HL_ACTOR_NETWORK);
  return self->actor;
}

HlStepKind
hl_step_get_kind (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), HL_STEP_STATE);
  return self->kind;
}

guint
hl_step_get_story (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), 0);
  return self->story;
}

const char *
hl_step_get_title (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), NULL);
  return self->title;
}

void
hl_step_set_title (HlStep     *self,
                   const char *title)
{
  g_return_if_fail (HL_IS_STEP (self));
  g_return_if_fail (title != NULL);
  g_free (self->title);
  self->title = g_strdup (title);
}

const char *
hl_step_get_explanation (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), NULL);
  return self->explanation;
}

void
hl_step_set_explanation (HlStep     *self,
                         const char *explanation)
{
  g_return_if_fail (HL_IS_STEP (self));
  g_free (self->explanation);
  self->explanation = g_strdup (explanation ? explanation : "");
}

GBytes *
hl_step_get_bytes (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), NULL);
  return self->bytes;
}

void
hl_step_set_bytes (HlStep *self,
                   GBytes *bytes)
{
  g_return_if_fail (HL_IS_STEP (self));
  if (bytes != NULL)
    g_bytes_ref (bytes);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->bytes = bytes;
}

HlField *
hl_step_get_fields (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), NULL);
  return self->fields;
}

void
hl_step_set_fields (HlStep  *self,
                    HlField *fields)
{
  g_return_if_fail (HL_IS_STEP (self));
  if (fields != NULL)
    hl_field_ref (fields);
  g_clear_pointer (&self->fields, hl_field_unref);
  self->fields = fields;
}

GBytes *
hl_step_get_plaintext (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), NULL);
  return self->plaintext;
}

HlField *
hl_step_get_plaintext_fields (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), NULL);
  return self->plaintext_fields;
}

void
hl_step_set_plaintext (HlStep  *self,
                       GBytes  *plaintext,
                       HlField *fields)
{
  g_return_if_fail (HL_IS_STEP (self));
  if (plaintext != NULL)
    g_bytes_ref (plaintext);
  g_clear_pointer (&self->plaintext, g_bytes_unref);
  self->plaintext = plaintext;
  if (fields != NULL)
    hl_field_ref (fields);
  g_clear_pointer (&self->plaintext_fields, hl_field_unref);
  self->plaintext_fields = fields;
}

int
hl_step_get_record (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), -1);
  return self->record;
}

void
hl_step_set_record (HlStep *self,
                    int     record)
{
  g_return_if_fail (HL_IS_STEP (self));
  self->record = record;
}

guint
hl_step_get_header_length (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), 0);
  return self->header_length;
}

void
hl_step_set_header_length (HlStep *self,
                           guint   header_length)
{
  g_return_if_fail (HL_IS_STEP (self));
  self->header_length = header_length;
}

int
hl_step_get_handshake_type (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), -1);
  return self->handshake_type;
}

void
hl_step_set_handshake_type (HlStep *self,
                            int     handshake_type)
{
  g_return_if_fail (HL_IS_STEP (self));
  self->handshake_type = handshake_type;
}

gboolean
hl_step_get_encrypted (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), FALSE);
  return self->encrypted;
}

void
hl_step_set_encrypted (HlStep   *self,
                       gboolean  encrypted)
{
  g_return_if_fail (HL_IS_STEP (self));
  self->encrypted = !!encrypted;
}

HlVerdict
hl_step_get_verdict (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), HL_VERDICT_NONE);
  return self->verdict;
}

void
hl_step_set_verdict (HlStep    *self,
                     HlVerdict  verdict)
{
  g_return_if_fail (HL_IS_STEP (self));
  self->verdict = verdict;
}

gboolean
hl_step_is_message (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), FALSE);

  switch (self->kind)
    {
    case HL_STEP_HANDSHAKE:
    case HL_STEP_CHANGE_CIPHER_SPEC:
    case HL_STEP_ALERT:
    case HL_STEP_APPLICATION_DATA:
      return TRUE;

    case HL_STEP_COMPUTE:
    case HL_STEP_CHECK:
    case HL_STEP_STATE:
    case HL_STEP_FAULT:
    default:
      return FALSE;
    }
}

HlStoryKind
hl_step_get_story_kind (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), HL_STORY_UNKNOWN);
  return self->story_kind;
}

void
hl_step_set_story_kind (HlStep      *self,
                        HlStoryKind  kind)
{
  g_return_if_fail (HL_IS_STEP (self));
  self->story_kind = kind;
}

guint
hl_step_get_connection (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), 0);
  return self->connection;
}

void
hl_step_set_connection (HlStep *self,
                        guint   connection)
{
  g_return_if_fail (HL_IS_STEP (self));
  self->connection = connection;
}

void
hl_step_add_claim (HlStep   *self,
                   HlClaim   claim,
                   gboolean  holds)
{
  g_return_if_fail (HL_IS_STEP (self));
  g_return_if_fail (claim < HL_N_CLAIMS);

  self->claims |= 1u << claim;
  if (holds)
    self->claims_hold |= 1u << claim;
  else
    self->claims_hold &= ~(1u << claim);
}

gboolean
hl_step_get_claim (HlStep   *self,
                   HlClaim   claim,
                   gboolean *holds)
{
  g_return_val_if_fail (HL_IS_STEP (self), FALSE);
  g_return_val_if_fail (claim < HL_N_CLAIMS, FALSE);

  if (holds != NULL)
    *holds = (self->claims_hold & (1u << claim)) != 0;

  return (self->claims & (1u << claim)) != 0;
}

guint
hl_step_get_n_claims (HlStep *self)
{
  guint n = 0;

  g_return_val_if_fail (HL_IS_STEP (self), 0);

  for (guint bits = self->claims; bits != 0; bits &= bits - 1)
    n++;

  return n;
}

const char *
hl_claim_to_string (HlClaim claim)
{
  static const char * const names[HL_N_CLAIMS] = {
    [HL_CLAIM_SAME_RANDOMS] = "same_randoms",
    [HL_CLAIM_SAME_PRE_MASTER_SECRET] = "same_pre_master_secret",
    [HL_CLAIM_SAME_SHARED_SECRET] = "same_shared_secret",
    [HL_CLAIM_SAME_MASTER_SECRET] = "same_master_secret",
    [HL_CLAIM_SAME_TRANSCRIPT] = "same_transcript",
    [HL_CLAIM_FINISHED_VERIFIES] = "finished_verifies",
    [HL_CLAIM_CHAIN_TRUSTED] = "chain_trusted",
    [HL_CLAIM_KEY_USAGE_ALLOWS] = "key_usage_allows",
    [HL_CLAIM_KEY_MEETS_GUIDANCE] = "key_meets_guidance",
    [HL_CLAIM_HOST_NAME_CHECKED] = "host_name_checked",
    [HL_CLAIM_ENCRYPTED] = "encrypted",
    [HL_CLAIM_NEXT_RECORDS_ENCRYPTED] = "next_records_encrypted",
    [HL_CLAIM_PLAINTEXT_INTACT] = "plaintext_intact",
    [HL_CLAIM_RECORDING_DECRYPTS] = "recording_decrypts",
    [HL_CLAIM_RSA_KEY_EXCHANGE] = "rsa_key_exchange",
    [HL_CLAIM_EPHEMERAL_KEY_EXCHANGE] = "ephemeral_key_exchange",
    [HL_CLAIM_CERTIFICATES_SENT] = "certificates_sent",
    [HL_CLAIM_ENDS_SELF_SIGNED] = "ends_self_signed",
    [HL_CLAIM_CA_NAMES_SENT] = "ca_names_sent",
    [HL_CLAIM_SESSION_OFFERED] = "session_offered",
    [HL_CLAIM_SESSION_RESUMED] = "session_resumed",
    [HL_CLAIM_SERVER_NAME_SENT] = "server_name_sent",
    [HL_CLAIM_PEER_WAITING] = "peer_waiting",
    [HL_CLAIM_SIGNATURE_VERIFIES] = "signature_verifies",
  };

  return claim < HL_N_CLAIMS ? names[claim] : "unknown";
}

const char *
hl_actor_to_string (HlActor actor)
{
  switch (actor)
    {
    case HL_ACTOR_CLIENT:  return "client";
    case HL_ACTOR_SERVER:  return "server";
    case HL_ACTOR_NETWORK: return "network";
    default:               return "unknown";
    }
}

const char *
hl_step_kind_to_string (HlStepKind kind)
{
  switch (kind)
    {
    case HL_STEP_HANDSHAKE:          return "handshake";
    case HL_STEP_CHANGE_CIPHER_SPEC: return "change_cipher_spec";
    case HL_STEP_ALERT:              return "alert";
    case HL_STEP_APPLICATION_DATA:   return "application_data";
    case HL_STEP_COMPUTE:            return "compute";
    case HL_STEP_CHECK:              return "check";
    case HL_STEP_STATE:              return "state";
    case HL_STEP_FAULT:              return "fault";
    default:                         return "unknown";
    }
}
