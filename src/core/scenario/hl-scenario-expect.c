/* hl-scenario-expect.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-scenario"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hl-names.h"
#include "hl-scenario-private.h"

/*
 * [Expect]: how a lesson's run must end (outcome, failing side, BearSSL
 * error, alert, story step), and whether a trace did.
 */

static const char * const expect_keys[] = { "outcome", "failing-side", "error", "alert", "story-step", NULL };

gboolean
hl_scenario_load_expect (HlLoader   *loader,
                         HlScenario *self,
                         GError    **error)
{
  const char *group = "Expect";
  g_autofree char *outcome = NULL;
  g_autofree char *side = NULL;
  g_autofree char *err = NULL;
  g_autofree char *alert = NULL;
  guint64 story = 0;

  if (!g_key_file_has_group (loader->keyfile, group))
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_MISSING, NULL, _("the group [%s] is missing"), group);

  if (!hl_loader_check_keys (loader, group, expect_keys, error))
    return FALSE;

  if (!(outcome = hl_loader_get_string (loader, group, "outcome", TRUE, error)))
    return FALSE;

  if (g_strcmp0 (outcome, "success") == 0)
    self->expected_outcome = HL_OUTCOME_SUCCESS;
  else if (g_strcmp0 (outcome, "failed") == 0)
    self->expected_outcome = HL_OUTCOME_FAILED;
  else if (g_strcmp0 (outcome, "stalled") == 0)
    self->expected_outcome = HL_OUTCOME_STALLED;
  else
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                           _("outcome: “%s” is not success, failed or stalled"), hl_loader_quote (loader, outcome));

  side = hl_loader_get_string (loader, group, "failing-side", FALSE, NULL);
  err = hl_loader_get_string (loader, group, "error", FALSE, NULL);
  alert = hl_loader_get_string (loader, group, "alert", FALSE, NULL);

  if (self->expected_outcome != HL_OUTCOME_FAILED && (side || err || alert))
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                           _("failing-side, error and alert only go with outcome=failed"));

  if (self->expected_outcome == HL_OUTCOME_FAILED)
    {
      if (side == NULL)
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_MISSING, group, _("the key “%s” is missing"), "failing-side");
      if (!hl_loader_parse_actor (side, &self->expected_failed_side))
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                               _("failing-side: “%s” is not client or server"), hl_loader_quote (loader, side));
      if (err != NULL && !hl_error_from_name (err, &self->expected_error))
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                               _("error: “%s” is not a BearSSL error name like BR_ERR_X509_EXPIRED"), hl_loader_quote (loader, err));
      if (alert != NULL)
        {
          guint number;

          if (g_strcmp0 (alert, "none") == 0)
            self->expected_alert = -1;
          else if (g_strcmp0 (alert, "any") == 0)
            self->expected_alert = -2;
          else
            {
              for (number = 0; number < 256; number++)
                if (g_strcmp0 (hl_alert_name (number), alert) == 0)
                  break;
              if (number == 256)
                return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                                       _("alert: “%s” is not none, any or an alert name like handshake_failure"),
                                       hl_loader_quote (loader, alert));
              self->expected_alert = number;
            }
        }
      else
        self->expected_alert = -2;

      if (!hl_loader_get_unsigned (loader, group, "story-step", 9, &story, error))
        return FALSE;
      self->expected_story = story;
    }
  else if (g_key_file_has_key (loader->keyfile, group, "story-step", NULL))
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                           _("story-step only goes with outcome=failed"));

  return TRUE;
}

gboolean
hl_scenario_matches_trace (HlScenario *self,
                           HlTrace    *trace,
                           char      **mismatch)
{
  g_autofree char *reason = NULL;
  HlActor side;
  gboolean ok;

  g_return_val_if_fail (HL_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (HL_IS_TRACE (trace), FALSE);

  side = hl_trace_get_failed_side (trace);

  if (hl_trace_get_outcome (trace) != self->expected_outcome)
    reason = g_strdup_printf (_("expected outcome %s, the run ended %s"),
                              hl_outcome_to_string (self->expected_outcome),
                              hl_outcome_to_string (hl_trace_get_outcome (trace)));
  else if (self->expected_outcome == HL_OUTCOME_FAILED && side != self->expected_failed_side)
    reason = g_strdup_printf (_("expected the %s to fail, the %s failed"),
                              hl_actor_to_string (self->expected_failed_side),
                              hl_actor_to_string (side));
  else if (self->expected_outcome == HL_OUTCOME_FAILED && self->expected_error >= 0 &&
           hl_trace_get_error (trace, side) != self->expected_error)
    reason = g_strdup_printf (_("expected error %d, the %s ended with error %d"),
                              self->expected_error, hl_actor_to_string (side),
                              hl_trace_get_error (trace, side));
  else if (self->expected_outcome == HL_OUTCOME_FAILED && self->expected_story != 0 &&
           hl_trace_get_failed_story (trace) != self->expected_story)
    reason = g_strdup_printf (_("expected the run to break at step %u of the story, it broke at step %u"),
                              self->expected_story, hl_trace_get_failed_story (trace));
  else if (self->expected_outcome == HL_OUTCOME_FAILED && self->expected_alert != -2 &&
           hl_trace_get_alert_sent (trace, side) != self->expected_alert)
    reason = g_strdup_printf (_("expected alert %d from the %s, it sent %d"),
                              self->expected_alert, hl_actor_to_string (side),
                              hl_trace_get_alert_sent (trace, side));

  ok = reason == NULL;
  if (mismatch != NULL)
    *mismatch = g_steal_pointer (&reason);

  return ok;
}
