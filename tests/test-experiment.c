/* test-experiment.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <bearssl.h>

#include "hl-engine.h"
#include "hl-experiment.h"
#include "hl-export.h"
#include "hl-key.h"

static HlExperiment *
new_experiment (const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) lesson = hl_scenario_load_builtin (id, &error);

  g_assert_no_error (error);
  return hl_experiment_new (lesson);
}

static char *
run_json (HlScenario *scenario)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlTrace) trace = hl_engine_run (scenario, &error);

  g_assert_no_error (error);
  return hl_export_json_string (trace, FALSE);
}

/* An experiment not yet edited runs as its lesson does, and its text,
 * comments kept, reads back as the same scenario. */
static void
test_unchanged (void)
{
  g_autoptr(HlExperiment) experiment = new_experiment ("rsa-basic");
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) reread = NULL;
  g_autofree char *lesson_json = NULL;
  g_autofree char *reread_json = NULL;
  g_auto(GStrv) certificates = NULL;
  GBytes *text = hl_experiment_get_text (experiment);
  gsize len;
  const char *data = g_bytes_get_data (text, &len);

  g_assert_false (hl_experiment_is_modified (experiment));
  g_assert_false (hl_experiment_can_undo (experiment));
  g_assert_false (hl_experiment_can_redo (experiment));
  g_assert_true (hl_experiment_get_scenario (experiment) == hl_experiment_get_lesson (experiment));
  g_assert_nonnull (g_strstr_len (data, len, "# Handshake Lab scenario."));
  certificates = hl_experiment_list_groups (experiment, "Certificate ");
  g_assert_cmpstrv (certificates, ((const char * const[]) { "Certificate root", "Certificate intermediate",
                                                             "Certificate server", NULL }));

  reread = hl_scenario_new_from_data (data, len, "rsa-basic.scenario", &error);
  g_assert_no_error (error);
  lesson_json = run_json (hl_experiment_get_lesson (experiment));
  reread_json = run_json (reread);
  g_assert_cmpstr (lesson_json, ==, reread_json);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *)user_data)++;
}

/* The student's "what if the client asked for another name?": the run
 * fails where BearSSL says a name does not match (bearssl.h), as the
 * wrong-host lesson does. */
static void
test_edit_runs (void)
{
  g_autoptr(HlExperiment) experiment = new_experiment ("rsa-basic");
  g_autoptr(GError) error = NULL;
  g_autoptr(HlTrace) trace = NULL;
  g_autofree char *value = NULL;
  guint notified = 0;

  g_signal_connect (experiment, "notify::scenario", G_CALLBACK (count_notify), &notified);

  g_assert_true (hl_experiment_set_value (experiment, "Client", "server-name", "mail.handshake-lab.test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (hl_experiment_is_modified (experiment));
  g_assert_cmpstr (hl_scenario_get_server_name (hl_experiment_get_scenario (experiment)), ==,
                   "mail.handshake-lab.test");
  value = hl_experiment_get_value (experiment, "Client", "server-name");
  g_assert_cmpstr (value, ==, "mail.handshake-lab.test");

  trace = hl_engine_run (hl_experiment_get_scenario (experiment), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hl_trace_get_outcome (trace), ==, HL_OUTCOME_FAILED);
  g_assert_cmpint (hl_trace_get_failed_side (trace), ==, HL_ACTOR_CLIENT);
  g_assert_cmpint (hl_trace_get_error (trace, HL_ACTOR_CLIENT), ==, BR_ERR_X509_BAD_SERVER_NAME);

  /* The same value again is no edit to undo. */
  g_assert_true (hl_experiment_set_value (experiment, "Client", "server-name", "mail.handshake-lab.test", NULL));
  g_assert_cmpuint (notified, ==, 1);
  hl_experiment_undo (experiment);
  g_assert_false (hl_experiment_is_modified (experiment));
}

/* What no scenario file may hold is refused with the loader's own error,
 * naming the group and the key, and changes nothing. */
static void
test_refused (void)
{
  g_autoptr(HlExperiment) experiment = new_experiment ("rsa-basic");
  g_autoptr(GError) error = NULL;
  g_autoptr(HlTrace) trace = NULL;
  HlScenario *before = hl_experiment_get_scenario (experiment);

  g_assert_false (hl_experiment_set_value (experiment, "Client", "versions", "TLS 9.9", &error));
  g_assert_error (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "[Client] versions"));
  g_clear_error (&error);

  /* The chain still names the intermediate. */
  g_assert_false (hl_experiment_remove_group (experiment, "Certificate intermediate", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "intermediate"));
  g_clear_error (&error);

  g_assert_true (hl_experiment_get_scenario (experiment) == before);
  g_assert_false (hl_experiment_is_modified (experiment));
  g_assert_false (hl_experiment_can_undo (experiment));

  /* Once the server sends its leaf alone, the client cannot reach a
   * trust anchor (BearSSL's BR_ERR_X509_NOT_TRUSTED). */
  g_assert_true (hl_experiment_set_value (experiment, "Server", "chain", "server", &error));
  g_assert_no_error (error);
  trace = hl_engine_run (hl_experiment_get_scenario (experiment), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hl_trace_get_error (trace, HL_ACTOR_CLIENT), ==, BR_ERR_X509_NOT_TRUSTED);
}

static void
test_undo_redo_reset (void)
{
  g_autoptr(HlExperiment) experiment = new_experiment ("rsa-basic");
  HlScenario *lesson = hl_experiment_get_lesson (experiment);

  g_assert_true (hl_experiment_set_value (experiment, "Application", "request-path", "/a", NULL));
  g_assert_true (hl_experiment_set_value (experiment, "Application", "request-path", "/b", NULL));
  hl_experiment_undo (experiment);
  g_assert_true (hl_experiment_can_redo (experiment));
  g_assert_cmpstr (hl_scenario_get_request_path (hl_experiment_get_scenario (experiment)), ==, "/a");
  hl_experiment_redo (experiment);
  g_assert_cmpstr (hl_scenario_get_request_path (hl_experiment_get_scenario (experiment)), ==, "/b");

  /* A new edit after an undo drops what could be redone. */
  hl_experiment_undo (experiment);
  g_assert_true (hl_experiment_set_value (experiment, "Application", "request-path", "/c", NULL));
  g_assert_false (hl_experiment_can_redo (experiment));

  /* Reset is an edit too: undo brings the experiment back. */
  hl_experiment_reset (experiment);
  g_assert_false (hl_experiment_is_modified (experiment));
  g_assert_true (hl_experiment_get_scenario (experiment) == lesson);
  hl_experiment_undo (experiment);
  g_assert_cmpstr (hl_scenario_get_request_path (hl_experiment_get_scenario (experiment)), ==, "/c");

  /* Removing a key the lesson sets, then setting it back by hand, is no
   * change at all. */
  hl_experiment_reset (experiment);
  g_assert_true (hl_experiment_set_value (experiment, "Application", "request-path", NULL, NULL));
  g_assert_true (hl_experiment_is_modified (experiment));
  g_assert_true (hl_experiment_set_value (experiment, "Application", "request-path", "/", NULL));
  g_assert_false (hl_experiment_is_modified (experiment));
}

/* "And a year later?": the clock moves, the certificates stay, and the
 * server's, valid for 365 days, has expired (BearSSL's
 * BR_ERR_X509_EXPIRED covers both ends of the validity). */
static void
test_clock (void)
{
  g_autoptr(HlExperiment) experiment = new_experiment ("rsa-basic");
  gint64 lesson_clock = hl_scenario_get_clock (hl_experiment_get_lesson (experiment));
  const gint64 day = 24 * 3600;
  const struct { gint64 days; int error; } cases[] = {
    { 0, 0 }, { 364, 0 }, { 400, BR_ERR_X509_EXPIRED }, { -29, 0 }, { -31, BR_ERR_X509_EXPIRED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HlTrace) trace = NULL;

      g_assert_true (hl_experiment_set_clock (experiment, lesson_clock + cases[i].days * day, &error));
      g_assert_no_error (error);
      g_assert_cmpint (hl_scenario_get_clock (hl_experiment_get_scenario (experiment)), ==,
                       lesson_clock + cases[i].days * day);
      trace = hl_engine_run (hl_experiment_get_scenario (experiment), &error);
      g_assert_no_error (error);
      g_assert_cmpint (hl_trace_get_error (trace, HL_ACTOR_CLIENT), ==, cases[i].error);
    }

  /* Each move is one edit. */
  hl_experiment_undo (experiment);
  g_assert_cmpint (hl_scenario_get_clock (hl_experiment_get_scenario (experiment)), ==, lesson_clock - 29 * day);
}

/* The keys an experiment offers a certificate are the files of data/pki,
 * and each loads. */
static void
test_demo_keys (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "..", "data", "pki", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) on_disk = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) names = hl_key_list_demo ();
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".pem"))
      g_ptr_array_add (on_disk, g_strndup (name, strlen (name) - strlen (".pem")));

  g_assert_cmpuint (g_strv_length (names), ==, on_disk->len);
  g_assert_cmpuint (on_disk->len, >=, 10);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HlKey) key = hl_key_load_demo (names[i], &error);

      g_assert_no_error (error);
      g_assert_true (g_ptr_array_find_with_equal_func (on_disk, names[i], g_str_equal, NULL));
      if (i > 0)
        g_assert_cmpint (strcmp (names[i - 1], names[i]), <, 0);
    }
}

static GBytes *
openssl_output (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                                            &error);
  g_autoptr(GBytes) out = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return g_steal_pointer (&out);
}

/* Every RSA demo key, 4096 bits included (above what BearSSL recomputes
 * a modulus for), has the modulus OpenSSL reads from its file; and a file
 * whose modulus is not p×q is refused, whichever way it is checked. */
static void
test_rsa_modulus (void)
{
  static const char * const names[] = { "server-rsa1024", "server-rsa2048", "server-rsa4096" };
  g_autofree char *openssl = g_find_program_in_path ("openssl");

  if (openssl == NULL)
    g_error ("openssl is missing: build-aux/deps installs it");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_strconcat (names[i], ".pem", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "pki", file, NULL);
      const char *modulus_argv[] = { "openssl", "rsa", "-in", path, "-noout", "-modulus", NULL };
      const char *der_argv[] = { "openssl", "rsa", "-in", path, "-traditional", "-outform", "DER", NULL };
      g_autoptr(GBytes) modulus = openssl_output (modulus_argv);
      g_autoptr(GBytes) der = openssl_output (der_argv);
      g_autoptr(GError) error = NULL;
      g_autoptr(HlKey) key = hl_key_load_demo (names[i], &error);
      g_autoptr(HlKey) forged = NULL;
      g_autoptr(GString) hex = g_string_new ("Modulus=");
      g_autofree guint8 *bytes = NULL;
      const br_rsa_public_key *pk;
      gsize len, n_at;

      g_assert_no_error (error);
      pk = hl_key_get_rsa_public (key);
      for (gsize b = 0; b < pk->nlen; b++)
        g_string_append_printf (hex, "%02X", pk->n[b]);
      g_string_append_c (hex, '\n');
      g_assert_cmpmem (hex->str, hex->len, g_bytes_get_data (modulus, NULL), g_bytes_get_size (modulus));

      /* RSAPrivateKey (RFC 8017 A.1.2): SEQUENCE { version 0, modulus,
       * …}; change one bit of the modulus's last byte, keeping it odd. */
      bytes = g_bytes_unref_to_data (g_steal_pointer (&der), &len);
      n_at = 4 + 3;
      g_assert_cmphex (bytes[n_at], ==, 0x02);
      n_at += bytes[n_at + 1] == 0x82 ? 4 + (bytes[n_at + 2] << 8 | bytes[n_at + 3]) :
                                        3 + bytes[n_at + 2];
      bytes[n_at - 1] ^= 0x02;
      forged = hl_key_new_from_data (bytes, len, "forged.der", &error);
      g_assert_null (forged);
      g_assert_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "does not match"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/experiment/unchanged", test_unchanged);
  g_test_add_func ("/experiment/edit-runs", test_edit_runs);
  g_test_add_func ("/experiment/refused", test_refused);
  g_test_add_func ("/experiment/undo-redo-reset", test_undo_redo_reset);
  g_test_add_func ("/experiment/clock", test_clock);
  g_test_add_func ("/experiment/demo-keys", test_demo_keys);
  g_test_add_func ("/experiment/rsa-modulus", test_rsa_modulus);

  return g_test_run ();
}
