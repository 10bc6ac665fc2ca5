/* hl-engine-recorder.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-engine"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hl-engine-private.h"
#include "hl-explain.h"
#include "hl-names.h"

/*
 * The recorder: what one side does in one call into BearSSL becomes steps
 * in its batch, which hl_engine_flush() appends to the trace in the
 * story's order; a step whose sentence compares the two sides is noted as
 * a relation, settled at the end; and the engine's state changes
 * (handshake done, closed, failed) are steps of their own.
 */

/* BearSSL's hooks receive no user pointer; the pump is synchronous, so the
 * side being called is kept here for the duration of each call. */
_Thread_local HlSide *hl_engine_current;

HlSide *
hl_engine_peer_of (HlSide *side)
{
  return &side->engine->sides[side->actor == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT];
}

const char *
hl_engine_side_name (HlActor actor)
{
  return actor == HL_ACTOR_CLIENT ? _("client") : _("server");
}

void
hl_engine_append_step (HlEngine *self,
                       HlStep   *step)
{
  guint story = hl_step_get_story (step);

  if (story > self->story)
    self->story = story;

  hl_step_set_connection (step, self->connection);
  hl_trace_append_step (self->trace, step);
}

guint
hl_engine_story_of (HlEngine    *self,
                    HlStoryEvent event,
                    HlActor      actor)
{
  return hl_story_step (self->resumed[self->connection] ? HL_STORY_ABBREVIATED : HL_STORY_RSA,
                        event, actor == HL_ACTOR_CLIENT);
}

void
hl_engine_add_relation (HlEngine      *self,
                        HlStep        *step,
                        HlRelationKind kind,
                        HlActor        side,
                        GBytes        *decrypted)
{
  HlRelation relation = { step, kind, side, self->connection, decrypted ? g_bytes_ref (decrypted) : NULL };

  g_array_append_val (self->relations, relation);
}

void
hl_engine_relation_clear (gpointer data)
{
  HlRelation *relation = data;

  g_clear_pointer (&relation->decrypted, g_bytes_unref);
}

HlStep *
hl_engine_batch_step (HlSide     *side,
                      HlStepKind  kind,
                      guint       story,
                      const char *title,
                      const char *explanation)
{
  HlStep *step = hl_step_new (side->actor, kind, story, title);

  hl_step_set_explanation (step, explanation);
  g_ptr_array_add (side->batch, step);

  return step;
}

/* Where @side stands in the story: the record it is reading, or
 * the furthest step reached, and what its current turn has produced. */
static guint
current_story (HlSide *side)
{
  guint story = side->engine->delivering ? side->engine->delivering : side->engine->story;

  for (guint i = 0; i < side->batch->len; i++)
    story = MAX (story, hl_step_get_story (g_ptr_array_index (side->batch, i)));

  return story;
}

static int
compare_story (gconstpointer a,
               gconstpointer b)
{
  HlStep *sa = *(HlStep * const *)a;
  HlStep *sb = *(HlStep * const *)b;

  return (int)hl_step_get_story (sa) - (int)hl_step_get_story (sb);
}

void
hl_engine_enter (HlSide *side)
{
  g_assert (hl_engine_current == NULL);
  hl_engine_current = side;
}

void
hl_engine_leave (HlSide *side)
{
  g_assert (hl_engine_current == side);
  hl_engine_current = NULL;
}

void
hl_engine_flush (HlSide *side)
{
  /* g_ptr_array_sort is not stable; steps of the same story step keep the
   * order BearSSL produced them in thanks to the insertion sort below. */
  for (guint i = 1; i < side->batch->len; i++)
    for (guint j = i; j > 0 && compare_story (&side->batch->pdata[j - 1], &side->batch->pdata[j]) > 0; j--)
      {
        gpointer tmp = side->batch->pdata[j];

        side->batch->pdata[j] = side->batch->pdata[j - 1];
        side->batch->pdata[j - 1] = tmp;
      }

  for (guint i = 0; i < side->batch->len; i++)
    hl_engine_append_step (side->engine, g_ptr_array_index (side->batch, i));

  g_ptr_array_set_size (side->batch, 0);
}

void
hl_engine_set_bytes (GBytes    **slot,
                     const void *data,
                     gsize       len)
{
  g_clear_pointer (slot, g_bytes_unref);
  *slot = g_bytes_new (data, len);
}

/* @side failed on the header of @record, before reading what it carries:
 * BearSSL checks a record's version and length as soon as it has the five
 * bytes of its header. */
static char *
header_failure (HlSide    *side,
                HlPending *record)
{
  HlSide *peer = hl_engine_peer_of (side);
  const guint8 *h = g_bytes_get_data (record->bytes, NULL);
  guint version = ((guint)h[1] << 8) | h[2];
  g_autoptr(HlField) header = hl_decode_record_header (h, RECORD_HEADER);
  g_autofree char *rule = NULL;

  if (side->error == BR_ERR_UNSUPPORTED_VERSION && (version >> 8) != 3)
    rule = g_strdup_printf (_(" BearSSL reads only records of version 3.x (SSL 3.0 to TLS 1.2): a record "
                              "whose header says 0x%04X is too alien to process."), version);

  return g_strdup_printf (_("The %s stopped on the 5-byte header of the %s's record (%s) and never read "
                            "the %u bytes it announces.%s"),
                          hl_engine_side_name (side->actor), hl_engine_side_name (peer->actor), hl_field_get_value (header),
                          (guint)(g_bytes_get_size (record->bytes) - RECORD_HEADER), rule ? rule : "");
}

void
hl_engine_note_state (HlSide *side)
{
  HlEngine *self = side->engine;
  unsigned state = br_ssl_engine_current_state (side->eng);
  size_t unsent;

  /* Done once its last handshake record has left, not before. */
  if (!side->handshake_done && (state & BR_SSL_SENDAPP) != 0 &&
      br_ssl_engine_sendrec_buf (side->eng, &unsent) == NULL)
    {
      br_ssl_session_parameters params;
      g_autofree char *explanation = NULL;
      const char *suite;
      const char *version;
      HlStep *step;

      side->handshake_done = TRUE;
      br_ssl_engine_get_session_parameters (side->eng, &params);
      /* Resumed: the engine took the master secret from the session. */
      if (side->secrets->master_secret == NULL)
        hl_engine_set_bytes (&side->secrets->master_secret, params.master_secret, MASTER_SECRET_LEN);
      hl_trace_set_negotiated (self->trace, params.version, params.cipher_suite);
      suite = hl_cipher_suite_name (params.cipher_suite);
      version = hl_version_name (params.version);

      explanation = g_strdup_printf (_("The %s's engine reports the handshake done: %s with %s. From now on "
                                       "application data flows encrypted."),
                                     hl_engine_side_name (side->actor), version ? version : "?", suite ? suite : "?");
      step = hl_engine_batch_step (side, HL_STEP_STATE, hl_engine_story_of (self, HL_STORY_EVENT_DONE, side->actor),
                                   side->actor == HL_ACTOR_CLIENT ? _("Client: handshake complete")
                                                                  : _("Server: handshake complete"),
                                   explanation);
      hl_step_add_claim (step, HL_CLAIM_NEXT_RECORDS_ENCRYPTED, TRUE);
      hl_step_set_verdict (step, HL_VERDICT_OK);
    }

  if (!side->closed && (state & BR_SSL_CLOSED) != 0)
    {
      int err = br_ssl_engine_last_error (side->eng);
      g_autofree char *explanation = NULL;
      HlStep *step;

      side->closed = TRUE;
      side->error = err;
      if (err >= BR_ERR_SEND_FATAL_ALERT)
        side->alert_sent = err - BR_ERR_SEND_FATAL_ALERT;

      if (err == BR_ERR_OK)
        {
          step = hl_engine_batch_step (side, HL_STEP_STATE, hl_engine_story_of (self, HL_STORY_EVENT_APPLICATION, side->actor),
                                       side->actor == HL_ACTOR_CLIENT ? _("Client: connection closed")
                                                                      : _("Server: connection closed"),
                                       _("Both close_notify alerts were exchanged: a clean end, so neither side can "
                                         "be fooled into taking a truncated conversation for a complete one."));
          hl_step_set_verdict (step, HL_VERDICT_OK);
        }
      else
        {
          if (!self->failed)
            {
              self->failed = TRUE;
              self->first_failure = side->actor;
              self->failure_story = MAX (current_story (side), 1);
            }

          if (self->reading != NULL)
            {
              self->reading->read_when_failed = self->reading->delivered;
              hl_trace_set_record_failed (self->trace, self->reading->index, self->reading->delivered, err);
              if (self->reading->delivered <= RECORD_HEADER && err < BR_ERR_RECV_FATAL_ALERT)
                side->failure_detail = header_failure (side, self->reading);
            }

          /* Said in full at the end, when it is known whether the
           * peer was left waiting. */
          explanation = hl_error_describe (err);

          step = hl_engine_batch_step (side, HL_STEP_STATE, self->failure_story,
                                       side->actor == HL_ACTOR_CLIENT ? _("Client fails")
                                                                      : _("Server fails"),
                                       explanation);
          hl_step_set_verdict (step, HL_VERDICT_FAILED);
          side->failure_step = step;
        }
    }

}
