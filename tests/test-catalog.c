/* test-catalog.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hl-catalog.h"
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

/* A field's id: lowercase words of letters, digits and underscores,
 * joined by dots. */
static gboolean
is_field_id (const char *id)
{
  gboolean word = FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_')
        word = TRUE;
      else if (*p == '.' && word)
        word = FALSE;
      else
        return FALSE;
    }

  return word;
}

static void
collect_ids (HlField    *field,
             GHashTable *seen)
{
  if (!is_field_id (hl_field_get_id (field)))
    g_error ("“%s” (%s) has no proper id", hl_field_get_name (field), hl_field_get_id (field));
  g_hash_table_add (seen, (gpointer)hl_field_get_id (field));

  for (guint i = 0; i < hl_field_get_n_children (field); i++)
    collect_ids (hl_field_get_child (field, i), seen);
}

/* Every field of every lesson has an id, and the ids front ends and
 * tests look for are made by the runs that should make them. */
static void
test_field_ids (void)
{
  static const char * const expected[] = {
    "record.header", "record.content_type", "handshake.type", "hello.random", "hello.cipher_suites",
    "hello.cipher_suite", "hello.extensions", "ext", "ext.type", "certificate.list", "certificate.entry",
    "der.element", "der.tag", "der.length", "der.content", "cke.encrypted_pre_master_secret",
    "ske.public_key", "signature_algorithm", "signature", "cr.authorities", "finished.transcript",
    "finished.computed", "finished.expected", "app.http", "http.start_line", "http.header", "ccs.type",
    "alert.description", "record.protected", "record.tag", "decryption", "decryption.nonce",
    "compute.master_secret", "keys.pre_master_secret", "keys.client_random", "keys.server_random",
    "keys.master_secret", "keys.key_block", "keys.recomputed", "keys.client_write_key",
    "keys.rsa_block", "keys.ecdh_private", "keys.ecdh_public", "keys.ecdh_shared", "keys.verify_data",
    "chain", "x509.certificate", "x509.subject", "x509.issuer", "x509.validity", "x509.der", "chain.checks",
    "chain.check.validity", "chain.check.anchor", "chain.check.name", "chain.verdict", "fault.record",
    "fault.changed_byte", "eavesdropper", "eavesdropper.master_secret",
  };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) ids = hl_scenario_list_builtin ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (ids[i], NULL);
      g_autoptr(HlTrace) trace = hl_engine_run (scenario, NULL);

      for (guint s = 0; s < hl_trace_get_n_steps (trace); s++)
        {
          HlStep *step = hl_trace_get_step (trace, s);

          if (hl_step_get_fields (step) != NULL)
            collect_ids (hl_step_get_fields (step), seen);
          if (hl_step_get_plaintext_fields (step) != NULL)
            collect_ids (hl_step_get_plaintext_fields (step), seen);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!g_hash_table_contains (seen, expected[i]))
      g_error ("no lesson makes a field of id “%s”", expected[i]);
}

/* The catalog lists every lesson of data/scenarios once, under the group
 * the lesson names, each group with a title; the lessons are built in. */
static void
test_teaching_order (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios", NULL);
  g_autoptr(GHashTable) on_disk = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_auto(GStrv) groups = hl_catalog_get_groups ();
  g_auto(GStrv) builtin = hl_scenario_list_builtin ();
  GHashTableIter iter;
  gpointer id;
  guint position = 0;
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".scenario"))
      g_hash_table_add (on_disk, g_strndup (name, strlen (name) - strlen (".scenario")));

  g_assert_cmpuint (g_strv_length (groups), >=, 5);
  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_auto(GStrv) lessons = hl_catalog_get_lessons (groups[g]);
      g_autofree char *title = hl_catalog_dup_group_title (groups[g]);

      if (title == NULL || *title == '\0' || lessons[0] == NULL)
        g_error ("catalog.ini: the group [%s] needs a title and lessons", groups[g]);

      for (guint l = 0; lessons[l] != NULL; l++, position++)
        {
          g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (lessons[l], NULL);

          if (!g_hash_table_add (listed, g_strdup (lessons[l])))
            g_error ("catalog.ini: “%s” is listed twice", lessons[l]);
          if (!g_hash_table_contains (on_disk, lessons[l]))
            g_error ("catalog.ini: “%s” is no data/scenarios/%s.scenario", lessons[l], lessons[l]);
          if (scenario == NULL)
            g_error ("catalog.ini: “%s” is not in handshake-lab-core.gresource.xml", lessons[l]);
          if (g_strcmp0 (hl_scenario_get_group (scenario), groups[g]) != 0)
            g_error ("%s.scenario: group=%s, but catalog.ini lists it under [%s]",
                     lessons[l], hl_scenario_get_group (scenario), groups[g]);
          /* hl_scenario_list_builtin() follows the catalog. */
          g_assert_cmpstr (builtin[position], ==, lessons[l]);
        }
    }

  g_hash_table_iter_init (&iter, on_disk);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!g_hash_table_contains (listed, id))
      g_error ("data/scenarios/%s.scenario: not listed in catalog.ini", (const char *)id);
  g_assert_cmpuint (g_strv_length (builtin), ==, position);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/every-lesson", test_catalog);
  g_test_add_func ("/catalog/field-ids", test_field_ids);
  g_test_add_func ("/catalog/teaching-order", test_teaching_order);

  return g_test_run ();
}
