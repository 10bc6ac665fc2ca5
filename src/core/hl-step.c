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
  guint       encrypted : 1;
};

G_DEFINE_FINAL_TYPE (HlStep, hl_step, G_TYPE_OBJECT)

static void
hl_step_finalize (GObject *object)
{
  HlStep *self = (HlStep *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->explanation, g_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->fields);
  g_clear_pointer (&self->plaintext, g_bytes_unref);
  g_clear_object (&self->plaintext_fields);

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

/**
 * hl_step_new:
 * @actor: who sends the message, or who acts
 * @kind: what happened
 * @story: the step of the nine-step story (1–9), or 0
 * @title: a short title, already translated
 *
 * Returns: (transfer full): a new step
 */
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

/**
 * hl_step_get_bytes:
 *
 * Returns: (transfer none) (nullable): the bytes of a wire message as they
 *   crossed the wire, handshake header included
 */
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

/**
 * hl_step_get_fields:
 *
 * Returns: (transfer none) (nullable): the root of the step's field tree
 */
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
  g_set_object (&self->fields, fields);
}

/**
 * hl_step_get_plaintext:
 *
 * Returns: (transfer none) (nullable): for an encrypted message, its bytes
 *   after decryption with the recomputed keys
 */
GBytes *
hl_step_get_plaintext (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), NULL);
  return self->plaintext;
}

/**
 * hl_step_get_plaintext_fields:
 *
 * Returns: (transfer none) (nullable): the decoded plaintext; offsets are
 *   into hl_step_get_plaintext()
 */
HlField *
hl_step_get_plaintext_fields (HlStep *self)
{
  g_return_val_if_fail (HL_IS_STEP (self), NULL);
  return self->plaintext_fields;
}

/**
 * hl_step_set_plaintext:
 * @plaintext: (nullable): the decrypted bytes
 * @fields: (nullable): their decoding, offsets into @plaintext
 */
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
  g_set_object (&self->plaintext_fields, fields);
}

/**
 * hl_step_get_record:
 *
 * Returns: the index of the record (hl_trace_get_record()) that carried
 *   this message, or -1
 */
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

/**
 * hl_step_get_header_length:
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

/**
 * hl_step_get_handshake_type:
 *
 * Returns: the handshake message type (RFC 5246 §7.4) of a handshake step,
 *   or -1
 */
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

/**
 * hl_step_is_message:
 *
 * Returns: %TRUE for a step that crossed the wire
 */
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

/**
 * hl_actor_to_string:
 *
 * Returns: a stable, untranslated name ("client", "server", "network"),
 *   as used in the JSON trace
 */
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

/**
 * hl_step_kind_to_string:
 *
 * Returns: a stable, untranslated name of @kind, as used in the JSON trace
 */
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
