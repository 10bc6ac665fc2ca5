/* hl-engine-summary.c
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
#include "hl-recompute.h"
#include "hl-names.h"

/*
 * The end of a run: what was never read, who is left waiting, the keys
 * recomputed, the sentences that compare the two sides settled, and the
 * outcome in one sentence.
 */

static void
fill_randoms (HlSide *side)
{
  /* A run that failed before the master secret still shows the randoms
   * each side's engine holds from the hellos it saw. */
  if (side->secrets->client_random == NULL &&
      (side->actor == HL_ACTOR_CLIENT ? side->sent_hello : side->got_hello))
    hl_engine_set_bytes (&side->secrets->client_random, side->eng->client_random, 32);

  if (side->secrets->server_random == NULL &&
      (side->actor == HL_ACTOR_SERVER ? side->sent_hello : side->got_hello))
    hl_engine_set_bytes (&side->secrets->server_random, side->eng->server_random, 32);
}

static HlStoryKind
story_kind (HlEngine *self,
            guint     connection)
{
  return self->resumed[connection] ? HL_STORY_ABBREVIATED : hl_story_kind_for_suite (self->suites[connection]);
}

/* What can only be said once both sides are done: the story each
 * connection told, the comparisons between the two sides, and why a side
 * failed, with what happened to its peer and what other stacks do. */
static void
settle (HlEngine *self)
{
  const HlOtherStacks *others = hl_scenario_get_other_stacks (self->scenario);
  static const HlOtherStacks none = { NULL };

  for (guint i = 0; i < hl_trace_get_n_steps (self->trace); i++)
    {
      HlStep *step = hl_trace_get_step (self->trace, i);

      hl_step_set_story_kind (step, story_kind (self, hl_step_get_connection (step)));
    }

  for (guint i = 0; i < self->relations->len; i++)
    {
      HlRelation *relation = &g_array_index (self->relations, HlRelation, i);
      HlActor other = relation->side == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT;
      const HlSecrets *own = hl_trace_get_connection_secrets (self->trace, relation->connection, relation->side);
      const HlSecrets *peer = hl_trace_get_connection_secrets (self->trace, relation->connection, other);

      switch (relation->kind)
        {
        case HL_RELATION_MASTER_SECRET:
          hl_explain_master_secret (relation->step, relation->side, own, peer);
          break;
        case HL_RELATION_RSA_DECRYPTION:
          hl_explain_rsa_decryption (relation->step, relation->decrypted, peer);
          break;
        case HL_RELATION_SHARED_SECRET:
          hl_explain_shared_secret (relation->step, relation->side, story_kind (self, relation->connection),
                                    own, peer);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
    {
      HlSide *side = &self->sides[actor];

      g_autofree char *agreement = NULL;
      g_autofree char *detail = NULL;

      if (side->failure_step == NULL)
        continue;

      /* A signature that did not verify: what the check made again says. */
      agreement = hl_recompute_signature_agreement (self->trace, side->failure_step, side->error);
      if (agreement != NULL && side->failure_detail != NULL)
        detail = g_strdup_printf ("%s %s", side->failure_detail, agreement);
      hl_explain_failure (side->failure_step, side->error,
                          detail ? detail : agreement ? agreement : side->failure_detail,
                          actor == HL_ACTOR_SERVER && side->error >= 32 && side->error < 64,
                          !hl_engine_peer_of (side)->closed,
                          self->failed && actor == self->first_failure ? others : &none);
    }

  /* A lesson that succeeds tells what other stacks make of its
   * certificate where the client checked it. */
  if (!self->failed && self->sides[HL_ACTOR_CLIENT].chain_step != NULL)
    {
      HlStep *step = self->sides[HL_ACTOR_CLIENT].chain_step;
      g_autofree char *elsewhere = hl_explain_other_stacks (others);

      if (elsewhere != NULL)
        {
          g_autofree char *text = g_strdup_printf ("%s %s", hl_step_get_explanation (step), elsewhere);

          hl_step_set_explanation (step, text);
        }
    }
}

/* Records that were sent but never read: their steps say so. */
static void
explain_unread (HlEngine *self)
{
  for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
    {
      HlSide *side = &self->sides[actor];
      HlPending *pending;

      while ((pending = g_queue_pop_head (&side->pending)) != NULL)
        {
          for (guint i = 0; i < pending->steps->len; i++)
            {
              HlStep *step = g_ptr_array_index (pending->steps, i);
              g_autofree char *explanation =
                pending->read_when_failed > 0
                ? g_strdup_printf (_("%s The %s read only the first %u of this record's %u bytes and stopped "
                                     "there."),
                                   hl_step_get_explanation (step), hl_engine_side_name (hl_engine_peer_of (side)->actor),
                                   (guint)pending->read_when_failed, (guint)g_bytes_get_size (pending->bytes))
                : g_strdup_printf (_("%s The %s never read it: it had already stopped."),
                                   hl_step_get_explanation (step), hl_engine_side_name (hl_engine_peer_of (side)->actor));

              hl_step_set_explanation (step, explanation);
            }
          hl_engine_pending_free (pending);
        }
    }
}

/* Each side's result, and a step for a side left waiting.  Returns
 * whether one was. */
static gboolean
note_waiting (HlEngine *self)
{
  gboolean waiting = FALSE;

  for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
    {
      HlSide *side = &self->sides[actor];
      HlSide *peer = hl_engine_peer_of (side);

      fill_randoms (side);
      hl_trace_set_side_result (self->trace, actor, side->error, side->alert_sent);

      if (!side->closed)
        {
          g_autofree char *explanation = NULL;
          HlStep *step;

          waiting = TRUE;
          if (peer->closed && peer->error != BR_ERR_OK && peer->alert_sent < 0)
            explanation = g_strdup_printf (_("The %s still waits for the %s's next message. None will come: "
                                             "the %s gave up without an alert, so the %s is never told why."),
                                           hl_engine_side_name (actor), hl_engine_side_name (peer->actor),
                                           hl_engine_side_name (peer->actor), hl_engine_side_name (actor));
          else
            explanation = g_strdup_printf (_("The %s still waits for data that never comes."), hl_engine_side_name (actor));

          hl_engine_enter (side);
          step = hl_engine_batch_step (side, HL_STEP_STATE, self->story,
                                       actor == HL_ACTOR_CLIENT ? _("Client is left waiting") : _("Server is left waiting"),
                                       explanation);
          hl_step_set_verdict (step, HL_VERDICT_FAILED);
          hl_engine_leave (side);
          hl_engine_flush (side);
        }
    }

  return waiting;
}

/* Why the server refused the ClientHello it received, when the offer shows
 * it: no protocol version or no cipher suite in common.  NULL when the
 * server answered the hello, or when the offer does not explain the alert. */
static char *
refusal_reason (HlEngine *self,
                HlSide   *side)
{
  g_autoptr(GArray) offered = NULL;
  guint client_version = 0, min, max;
  const guint16 *accepted;
  gsize n_accepted;

  /* The client's hello as the server received it: with the network's
   * change, if there was one. */
  if (side->actor != HL_ACTOR_SERVER || side->sent_hello ||
      (offered = hl_engine_received_offer (self, &client_version)) == NULL)
    return NULL;

  if (side->alert_sent == BR_ALERT_PROTOCOL_VERSION)
    {
      hl_scenario_get_versions (self->scenario, HL_ACTOR_SERVER, &min, &max);
      if (client_version == 0 || client_version >= min)
        return NULL;

      if (min == max)
        /* Translators: the %s are protocol versions, "TLS 1.0" */
        return g_strdup_printf (_("The client offered at most %s; the server accepts only %s."),
                                hl_version_name (client_version), hl_version_name (min));

      /* Translators: the %s are protocol versions, "TLS 1.0" */
      return g_strdup_printf (_("The client offered at most %s; the server accepts %s to %s."),
                              hl_version_name (client_version), hl_version_name (min), hl_version_name (max));
    }

  if (side->alert_sent != BR_ALERT_HANDSHAKE_FAILURE || offered->len == 0)
    return NULL;

  accepted = hl_scenario_get_suites (self->scenario, HL_ACTOR_SERVER, &n_accepted);
  for (guint i = 0; i < offered->len; i++)
    for (gsize j = 0; j < n_accepted; j++)
      if (accepted[j] == g_array_index (offered, guint16, i))
        return NULL;

  /* Translators: the first %u counts the client's suites, the second the server's */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The client offered %u cipher suite and the server accepts %u: no suite is "
                                       "in both lists.",
                                       "The client offered %u cipher suites and the server accepts %u: no suite is "
                                       "in both lists.", offered->len),
                          offered->len, (guint)n_accepted);
}

/* The outcome, and the sentence that sums the run up. */
static HlOutcome
sum_up (HlEngine  *self,
        gboolean   waiting,
        char     **summary)
{
  HlSide *client = &self->sides[HL_ACTOR_CLIENT];
  HlSide *server = &self->sides[HL_ACTOR_SERVER];
  HlOutcome outcome;

  if (self->failed)
    {
      HlActor who = self->first_failure;
      HlSide *side = &self->sides[who];
      g_autofree char *why = hl_error_describe (side->error);
      guint length = hl_story_length (story_kind (self, self->connection));

      outcome = HL_OUTCOME_FAILED;
      if (side->alert_sent >= 0)
        {
          g_autofree char *reason = refusal_reason (self, side);

          *summary = g_strdup_printf (_("The handshake failed: the %s stopped at step %u of %u and sent the alert %s. %s"),
                                      hl_engine_side_name (who), self->failure_story, length,
                                      hl_alert_name (side->alert_sent), reason ? reason : why);
        }
      else
        *summary = g_strdup_printf (_("The handshake failed: the %s stopped at step %u of %u without sending an "
                                      "alert%s. %s"),
                                    hl_engine_side_name (who), self->failure_story, length,
                                    waiting ? _(", leaving its peer waiting") : "", why);
    }
  else if (client->closed && server->closed && self->response_complete)
    {
      const char *suite = hl_cipher_suite_name (hl_trace_get_cipher_suite (self->trace));
      const char *version = hl_version_name (hl_trace_get_version (self->trace));

      outcome = HL_OUTCOME_SUCCESS;
      *summary = g_strdup_printf (_("The handshake succeeded with %s and %s; the request and the response "
                                    "crossed encrypted and both sides closed with close_notify."),
                                  version ? version : "?", suite ? suite : "?");
    }
  else
    {
      outcome = HL_OUTCOME_STALLED;
      *summary = g_strdup (_("Neither side failed, yet the conversation stopped before its end: "
                             "both engines are waiting."));
    }

  return outcome;
}

void
hl_engine_finish (HlEngine *self)
{
  g_autofree char *summary = NULL;
  gboolean waiting;
  HlKeysReport report;
  HlOutcome outcome;

  explain_unread (self);
  waiting = note_waiting (self);
  outcome = sum_up (self, waiting, &summary);

  /* A handshake that failed half-way still negotiated what its ServerHello
   * said, and its keys can still be checked. */
  if (hl_trace_get_version (self->trace) == 0 && self->decode.version != 0)
    hl_trace_set_negotiated (self->trace, self->decode.version, self->decode.cipher_suite);

  report = hl_recompute_keys (self->trace);
  hl_trace_set_keys_report (self->trace, &report);
  hl_recompute_signatures (self->trace, self->signatures);

  hl_engine_note_missed_tamper (self);
  if (hl_scenario_get_eavesdropper (self->scenario))
    hl_engine_eavesdrop (self);

  settle (self);

  hl_trace_set_outcome (self->trace, outcome,
                        self->failed ? self->first_failure : HL_ACTOR_NETWORK,
                        self->failed ? self->failure_story : 0,
                        waiting, summary);
}
