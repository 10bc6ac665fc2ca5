/* test-sweep.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hl-engine.h"

/* The tamper sweep: for a scenario, flip the lowest bit of each byte of
 * every record in turn, in both directions, and run again.  Every run must
 * end explained: both engines done, or a side failed (with its BearSSL
 * error) or stalled, and a summary that says so.  The counts of each ending
 * are printed; the sanitizer build runs the same code through test-catalog
 * and the fuzzers. */
static void
sweep (gconstpointer data)
{
  const char *id = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(HlScenario) scenario = NULL;
  g_autoptr(HlTrace) baseline = NULL;
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX "/scenarios/", id, ".scenario", NULL);
  guint counts[3] = { 0 };
  guint failed_by[2] = { 0 };
  guint sent[2] = { 0 };
  guint runs = 0;

  bytes = g_resources_lookup_data (path, 0, &error);
  g_assert_no_error (error);
  scenario = hl_scenario_load_builtin (id, &error);
  g_assert_no_error (error);
  baseline = hl_engine_run (scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hl_trace_get_outcome (baseline), ==, HL_OUTCOME_SUCCESS);

  for (guint r = 0; r < hl_trace_get_n_records (baseline); r++)
    {
      const HlRecord *record = hl_trace_get_record (baseline, r);
      gsize body = g_bytes_get_size (record->bytes) - 5;
      guint number = ++sent[record->sender];

      for (gsize offset = 0; offset < body; offset++)
        {
          g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
          g_autoptr(HlScenario) variant = NULL;
          g_autoptr(HlTrace) trace = NULL;
          HlOutcome outcome;

          g_autofree char *fault = g_strdup_printf ("\n[Fault]\ntamper-sender=%s\ntamper-record=%u\ntamper-offset=%u\n",
                                                    hl_actor_to_string (record->sender), number, (guint)offset);

          /* Into the lesson's own [Fault] group, if it has one: a group
           * given twice is an error. */
          if (g_string_replace (text, "\n[Fault]\n", fault, 1) == 0)
            g_string_append (text, fault);
          variant = hl_scenario_new_from_data (text->str, text->len, id, &error);
          g_assert_no_error (error);
          trace = hl_engine_run (variant, &error);
          g_assert_no_error (error);
          g_assert_true (hl_trace_is_sealed (trace));
          g_assert_cmpstr (hl_trace_get_summary_text (trace), !=, "");

          outcome = hl_trace_get_outcome (trace);
          counts[outcome]++;
          if (outcome == HL_OUTCOME_FAILED)
            {
              HlActor side = hl_trace_get_failed_side (trace);

              g_assert_true (side == HL_ACTOR_CLIENT || side == HL_ACTOR_SERVER);
              g_assert_cmpint (hl_trace_get_error (trace, side), !=, 0);
              failed_by[side]++;
            }
          runs++;
        }
    }

  g_print ("# %s: %u runs: %u succeeded, %u failed (client %u, server %u), %u stalled\n",
           id, runs, counts[HL_OUTCOME_SUCCESS], counts[HL_OUTCOME_FAILED],
           failed_by[HL_ACTOR_CLIENT], failed_by[HL_ACTOR_SERVER], counts[HL_OUTCOME_STALLED]);

  /* A flipped bit in an authenticated record can never go unnoticed. */
  g_assert_cmpuint (counts[HL_OUTCOME_FAILED] + counts[HL_OUTCOME_STALLED], >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/sweep/rsa-basic", "rsa-basic", sweep);
  g_test_add_data_func ("/sweep/ecdhe-rsa", "ecdhe-rsa", sweep);
  g_test_add_data_func ("/sweep/mutual-tls", "mutual-tls", sweep);
  g_test_add_data_func ("/sweep/resumption", "resumption", sweep);

  return g_test_run ();
}
