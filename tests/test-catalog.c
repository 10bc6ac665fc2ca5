/* test-catalog.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hl-engine.h"

/* Every built-in lesson ends as its [Expect] group says — the expectations
 * are BearSSL's documented behaviour, see data/scenarios — every chain
 * check agrees with BearSSL, and every value recomputed matches. */
static void
test_catalog (void)
{
  g_auto(GStrv) ids = hl_scenario_list_builtin ();

  g_assert_cmpuint (g_strv_length (ids), >=, 25);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (ids[i], &error);
      g_autoptr(HlTrace) trace = NULL;
      g_autofree char *mismatch = NULL;
      const HlKeysReport *report;
      guint checks = 0;
      HlActor sender;
      guint record, offset;
      guint8 mask;
      const char *description;

      g_assert_no_error (error);
      g_assert_nonnull (hl_scenario_get_lesson (scenario));
      trace = hl_engine_run (scenario, &error);
      g_assert_no_error (error);

      g_test_message ("%s: %s", ids[i], hl_trace_get_summary_text (trace));
      if (!hl_scenario_matches_trace (scenario, trace, &mismatch))
        g_error ("%s: %s", ids[i], mismatch);

      report = hl_trace_get_keys_report (trace);
      if (hl_scenario_get_tamper (scenario, &sender, &record, &offset, &mask, &description))
        {
          /* The recomputation sees the tampering too: a transcript that
           * differs, or a record that no longer decrypts. */
          g_assert_cmpuint (report->values_differ + report->records_failed, >, 0);
        }
      else
        {
          g_assert_cmpuint (report->values_differ, ==, 0);
          g_assert_cmpuint (report->records_failed, ==, 0);
        }
      if (hl_trace_get_outcome (trace) == HL_OUTCOME_SUCCESS)
        g_assert_cmpuint (report->records_decrypted, >=, 6);

      for (guint s = 0; s < hl_trace_get_n_steps (trace); s++)
        {
          HlStep *step = hl_trace_get_step (trace, s);
          HlField *fields = hl_step_get_fields (step);
          HlField *verdict;

          if (hl_step_get_kind (step) != HL_STEP_CHECK)
            continue;

          verdict = hl_field_get_child (fields, hl_field_get_n_children (fields) - 1);
          g_assert_true (hl_field_get_flags (verdict) & HL_FIELD_FLAG_MATCH);
          checks++;
        }

      /* Mutual TLS lessons with a client certificate check two chains. */
      g_assert_cmpuint (checks, >=, hl_scenario_get_client_chain (scenario) != NULL ? 2 : 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/every-lesson", test_catalog);

  return g_test_run ();
}
