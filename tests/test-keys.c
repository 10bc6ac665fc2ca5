/* test-keys.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hl-engine.h"
#include "hl-keys.h"
#include "hl-names.h"

/* A scenario for any suite: the certificate the suite needs, issued the
 * way the suite needs it. */
static const char template[] =
  "[Scenario]\n"
  "id=suite-test\n"
  "group=test\n"
  "title=One suite\n"
  "summary=Every suite BearSSL has.\n"
  "seed=3\n"
  "clock=2026-03-01T12:00:00Z\n"
  "[Client]\n"
  "versions=@VERSION@\n"
  "suites=@SUITE@\n"
  "server-name=www.handshake-lab.test\n"
  "trust=root\n"
  "[Server]\n"
  "versions=@VERSION@\n"
  "suites=@SUITE@\n"
  "chain=server;@ISSUER@\n"
  "[Certificate root]\n"
  "subject-cn=Root\nissuer=root\nkey=root-ca-rsa2048\nserial=1\n"
  "valid-from=-10d\nvalid-until=+10d\nca=true\nkey-usage=key-cert-sign\n"
  "[Certificate rsa-ca]\n"
  "subject-cn=RSA CA\nissuer=root\nkey=intermediate-ca-rsa2048\nserial=2\n"
  "valid-from=-10d\nvalid-until=+10d\nca=true\nkey-usage=key-cert-sign\n"
  "[Certificate ec-ca]\n"
  "subject-cn=EC CA\nissuer=root\nkey=intermediate-ca-ec-p256\nserial=3\n"
  "valid-from=-10d\nvalid-until=+10d\nca=true\nkey-usage=key-cert-sign\n"
  "[Certificate server]\n"
  "subject-cn=www.handshake-lab.test\nissuer=@ISSUER@\nkey=@KEY@\nserial=4\n"
  "valid-from=-1d\nvalid-until=+1d\ndns-names=www.handshake-lab.test\nkey-usage=@USAGE@\n"
  "[Expect]\n"
  "outcome=success\n";

static HlTrace *
run_suite (const char *suite,
           const char *version)
{
  g_autoptr(GString) text = g_string_new (template);
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) scenario = NULL;
  const char *key = "server-rsa2048";
  const char *issuer = "rsa-ca";
  const char *usage = "digital-signature;key-encipherment";
  HlTrace *trace;

  if (g_str_has_prefix (suite, "TLS_ECDHE_ECDSA_"))
    key = "server-ec-p256", usage = "digital-signature";
  else if (g_str_has_prefix (suite, "TLS_ECDH_ECDSA_"))
    key = "server-ec-p256", usage = "key-agreement", issuer = "ec-ca";
  else if (g_str_has_prefix (suite, "TLS_ECDH_RSA_"))
    key = "server-ec-p256", usage = "key-agreement";

  g_string_replace (text, "@VERSION@", version, 0);
  g_string_replace (text, "@SUITE@", suite, 0);
  g_string_replace (text, "@ISSUER@", issuer, 0);
  g_string_replace (text, "@KEY@", key, 0);
  g_string_replace (text, "@USAGE@", usage, 0);

  scenario = hl_scenario_new_from_data (text->str, text->len, suite, &error);
  g_assert_no_error (error);
  trace = hl_engine_run (scenario, &error);
  g_assert_no_error (error);

  return trace;
}

static void
check_suite (const char *suite,
             const char *version)
{
  g_autoptr(HlTrace) trace = run_suite (suite, version);
  const HlKeysReport *report = hl_trace_get_keys_report (trace);
  guint16 number;
  guint encrypted = 0;
  guint app_records = 0;

  g_test_message ("%s, %s: %s", suite, version, hl_trace_get_summary_text (trace));
  g_assert_true (hl_cipher_suite_from_name (suite, &number));
  g_assert_cmpint (hl_trace_get_outcome (trace), ==, HL_OUTCOME_SUCCESS);
  g_assert_cmpuint (hl_trace_get_cipher_suite (trace), ==, number);

  for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
    {
      encrypted += hl_trace_get_record (trace, i)->encrypted;
      app_records += hl_trace_get_record (trace, i)->content_type == 23;
    }

  /* Two Finished, request, response, two close_notify; on TLS 1.0 with
   * CBC, BearSSL splits each application write in two records (1/n-1,
   * against BEAST). */
  g_assert_cmpuint (app_records, ==, strcmp (version, "TLS 1.0") == 0 && strstr (suite, "_CBC_") ? 4 : 2);
  g_assert_cmpuint (encrypted, ==, 4 + app_records);
  g_assert_cmpuint (report->records_decrypted, ==, encrypted);
  g_assert_cmpuint (report->records_failed, ==, 0);

  /* Per side: master secret, key block, and both verify_data as its
   * engine computed them; per Finished: verify_data from each side's
   * master secret against the decrypted one; each application data
   * record against what the engines were given. */
  g_assert_cmpuint (report->values_checked, ==, 2 * 4 + 2 * 2 + app_records);
  g_assert_cmpuint (report->values_differ, ==, 0);

  /* Each encrypted message has its plaintext, decoded. */
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);

      if (hl_step_is_message (step) && hl_step_get_encrypted (step))
        {
          g_assert_nonnull (hl_step_get_plaintext (step));
          g_assert_nonnull (hl_step_get_plaintext_fields (step));
        }
    }
}

static void
test_every_suite (void)
{
  gsize n;
  const guint16 *suites = hl_cipher_suites_supported (&n);

  g_assert_cmpuint (n, ==, 45);

  for (gsize i = 0; i < n; i++)
    {
      const char *name = hl_cipher_suite_name (suites[i]);

      check_suite (name, "TLS 1.2");

      /* Suites older than TLS 1.2 also run on TLS 1.0 and 1.1, with the
       * MD5 ⊕ SHA-1 PRF, and on TLS 1.0 with chained CBC IVs. */
      if (g_str_has_suffix (name, "_CBC_SHA"))
        {
          check_suite (name, "TLS 1.0");
          check_suite (name, "TLS 1.1");
        }
    }
}

typedef struct
{
  const char *suite;
  guint       version;
  gsize       key_block;
} Length;

/* Key block lengths worked out by hand from RFC 5246 §6.3 (2 × MAC key +
 * 2 × key + 2 × implicit IV), RFC 2246 (TLS 1.0 CBC takes its IVs from the
 * key block), RFC 5288 (GCM: 4-byte salt), RFC 6655 (CCM: 4) and RFC 7905
 * (ChaCha20-Poly1305: 12). */
static const Length lengths[] = {
  { "TLS_RSA_WITH_AES_128_CBC_SHA", 0x0301, 2 * (20 + 16 + 16) },
  { "TLS_RSA_WITH_AES_128_CBC_SHA", 0x0303, 2 * (20 + 16) },
  { "TLS_RSA_WITH_3DES_EDE_CBC_SHA", 0x0301, 2 * (20 + 24 + 8) },
  { "TLS_RSA_WITH_AES_256_CBC_SHA256", 0x0303, 2 * (32 + 32) },
  { "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 0x0303, 2 * (48 + 32) },
  { "TLS_RSA_WITH_AES_128_GCM_SHA256", 0x0303, 2 * (16 + 4) },
  { "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0x0303, 2 * (32 + 12) },
  { "TLS_RSA_WITH_AES_256_CCM_8", 0x0303, 2 * (32 + 4) },
};

static void
test_key_block_lengths (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      HlSuiteInfo info;
      guint16 suite;

      g_assert_true (hl_cipher_suite_from_name (lengths[i].suite, &suite));
      g_assert_true (hl_keys_suite_info (lengths[i].version, suite, &info));
      g_assert_cmpuint (hl_keys_key_block_length (&info), ==, lengths[i].key_block);
    }
}

/* The master secret of rsa-basic, recomputed, is shown as matching. */
static void
test_marks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) scenario = hl_scenario_load_builtin ("rsa-basic", &error);
  g_autoptr(HlTrace) trace = hl_engine_run (scenario, &error);
  HlSecrets *client = hl_trace_get_secrets (trace, HL_ACTOR_CLIENT);
  guint marked = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlField *fields = hl_step_get_fields (hl_trace_get_step (trace, i));

      for (guint j = 0; fields != NULL && j < hl_field_get_n_children (fields); j++)
        {
          HlField *field = hl_field_get_child (fields, j);

          if (hl_field_get_data (field) == client->master_secret)
            {
              g_assert_true (hl_field_get_flags (field) & HL_FIELD_FLAG_MATCH);
              marked++;
            }
        }
    }
  g_assert_cmpuint (marked, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keys/key-block-lengths", test_key_block_lengths);
  g_test_add_func ("/keys/marks", test_marks);
  g_test_add_func ("/keys/every-suite", test_every_suite);

  return g_test_run ();
}
