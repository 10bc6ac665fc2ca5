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
 * Every step names the step of the nine-step story of a handshake it belongs
 * to (1–9; 0 for none), carries a short title and a sentence that explains
 * it, and for wire messages the exact bytes that crossed the wire with a
 * tree of HlField that explains them: the record's header (content type,
 * version, length) first when the message opens its record
 * (hl_step_get_header_length()).
 */

#include <glib-object.h>

#include "hl-field.h"

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
const char  *hl_actor_to_string         (HlActor      actor);
const char  *hl_step_kind_to_string     (HlStepKind   kind);

G_END_DECLS
