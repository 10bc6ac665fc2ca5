/* test-scenario.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hl-file.h"
#include "hl-scenario.h"

static char *
builtin_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/scenarios/rsa-basic.scenario", 0, &error);

  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = hl_scenario_list_builtin ();
  g_autoptr(HlScenario) scenario = NULL;
  const HlCertRecipe *leaf;
  gsize n;
  guint min, max;

  g_assert_true (g_strv_contains ((const char * const *)ids, "rsa-basic"));

  scenario = hl_scenario_load_builtin ("rsa-basic", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hl_scenario_get_id (scenario), ==, "rsa-basic");
  g_assert_cmpstr (hl_scenario_get_server_name (scenario), ==, "www.handshake-lab.test");
  /* 2026-03-01T12:00:00Z, by hand: 20513 days after 1970-01-01, plus 12 h */
  g_assert_cmpint (hl_scenario_get_clock (scenario), ==, G_GINT64_CONSTANT (20513) * 86400 + 12 * 3600);

  hl_scenario_get_versions (scenario, HL_ACTOR_CLIENT, &min, &max);
  g_assert_cmpuint (min, ==, 0x0303);
  g_assert_cmpuint (max, ==, 0x0303);
  /* No list: the client offers BearSSL's default list. */
  hl_scenario_get_suites (scenario, HL_ACTOR_CLIENT, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (hl_scenario_get_suites (scenario, HL_ACTOR_SERVER, &n)[0], ==, 0x009C);
  g_assert_cmpuint (n, ==, 4);
  g_assert_true (hl_scenario_get_server_preference (scenario));

  /* Issuers come first, whatever the order in the file. */
  g_assert_cmpuint (hl_scenario_get_n_certificates (scenario), ==, 3);
  g_assert_cmpstr (hl_scenario_get_certificate (scenario, 0)->name, ==, "root");
  g_assert_cmpstr (hl_scenario_get_certificate (scenario, 1)->name, ==, "intermediate");
  leaf = hl_scenario_get_certificate (scenario, 2);
  g_assert_cmpstr (leaf->name, ==, "server");
  g_assert_cmpint (leaf->not_before, ==, hl_scenario_get_clock (scenario) - 30 * 86400);
  g_assert_cmpint (leaf->not_after, ==, hl_scenario_get_clock (scenario) + 365 * 86400);
  g_assert_cmpint (hl_scenario_get_certificate (scenario, 1)->path_len, ==, 0);
  g_assert_cmpint (hl_scenario_get_certificate (scenario, 0)->path_len, ==, -1);
  g_assert_cmpuint (leaf->key_usage, ==, HL_KEY_USAGE_DIGITAL_SIGNATURE | HL_KEY_USAGE_KEY_ENCIPHERMENT);
  g_assert_cmpstr (hl_scenario_get_server_chain (scenario)[0], ==, "server");
  g_assert_cmpstr (hl_scenario_get_server_chain (scenario)[1], ==, "intermediate");
  g_assert_cmpint (hl_scenario_get_expected_outcome (scenario), ==, HL_OUTCOME_SUCCESS);
}

static void
test_unknown_id (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) scenario = hl_scenario_load_builtin ("no-such-lesson", &error);

  g_assert_null (scenario);
  g_assert_error (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_UNKNOWN_ID);
  g_assert_nonnull (strstr (error->message, "no-such-lesson"));

  g_clear_error (&error);
  scenario = hl_scenario_load_builtin ("../pki/server-rsa2048", &error);
  g_assert_null (scenario);
  g_assert_error (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_UNKNOWN_ID);
}

typedef struct
{
  const char *from;          /* text of rsa-basic to replace … */
  const char *to;            /* … with this */
  int         code;
  const char *must_mention;  /* the group and key, or the problem */
} BadCase;

static const BadCase bad_cases[] = {
  { "seed=1", "seed=1\ncolour=blue", HL_SCENARIO_ERROR_UNKNOWN_KEY, "[Scenario] unknown key “colour”" },
  { "[Expect]", "[Extra]\n[Expect]", HL_SCENARIO_ERROR_UNKNOWN_KEY, "unknown group [Extra]" },
  { "versions=TLS 1.2\nserver-name", "versions=TLS 1.2\nsuites=TLS_RSA_WITH_RC4_128_SHA\nserver-name",
    HL_SCENARIO_ERROR_PARSE, "[Client] suites: “TLS_RSA_WITH_RC4_128_SHA”" },
  { "[Client]\nversions=TLS 1.2", "[Client]\nversions=SSL 3.0", HL_SCENARIO_ERROR_PARSE, "[Client] versions: “SSL 3.0”" },
  { "seed=1", "seed=minus one", HL_SCENARIO_ERROR_PARSE, "[Scenario] seed" },
  { "clock=2026-03-01T12:00:00Z", "clock=yesterday", HL_SCENARIO_ERROR_PARSE, "[Scenario] clock" },
  { "clock=2026-03-01T12:00:00Z", "clock=+5d", HL_SCENARIO_ERROR_PARSE, "[Scenario] clock" },
  { "server-name=www.handshake-lab.test\n", "", HL_SCENARIO_ERROR_MISSING, "[Client] the key “server-name” is missing" },
  { "trust=root", "trust=nobody", HL_SCENARIO_ERROR_INVALID, "[Client] trust: there is no certificate “nobody”" },
  { "issuer=intermediate", "issuer=ghost", HL_SCENARIO_ERROR_INVALID, "[Certificate server] issuer" },
  { "key=server-rsa2048", "key=server-rsa9999", HL_SCENARIO_ERROR_INVALID, "[Certificate server] key" },
  { "valid-from=-30d", "valid-from=last week", HL_SCENARIO_ERROR_PARSE, "[Certificate server] valid-from" },
  { "key-usage=digital-signature;key-encipherment", "key-usage=encrypt-everything",
    HL_SCENARIO_ERROR_PARSE, "[Certificate server] key-usage" },
  { "serial=3", "serial=0", HL_SCENARIO_ERROR_PARSE, "[Certificate server] serial" },
  { "outcome=success", "outcome=failed\nfailing-side=client\nerror=BR_ERR_TOO_SAD",
    HL_SCENARIO_ERROR_PARSE, "[Expect] error: “BR_ERR_TOO_SAD”" },
  { "outcome=success", "outcome=maybe", HL_SCENARIO_ERROR_PARSE, "[Expect] outcome" },
  { "outcome=success", "outcome=success\nerror=BR_ERR_X509_EXPIRED", HL_SCENARIO_ERROR_INVALID, "[Expect]" },
  { "issuer=root\nkey=root-ca-rsa2048", "issuer=server\nkey=root-ca-rsa2048",
    HL_SCENARIO_ERROR_INVALID, "circle" },
  /* What GKeyFile merges or takes silently, and the lines it cannot read,
   * found by the loader's own scan, by line. */
  { "[Client]", "[Client]\nversions=TLS 1.1", HL_SCENARIO_ERROR_INVALID, "[Client] versions: given twice, on lines" },
  { "[Expect]", "[Server]\n[Expect]", HL_SCENARIO_ERROR_INVALID, "[Server] the group is given twice" },
  { "seed=1", "seed=1\nthis line has no equals sign", HL_SCENARIO_ERROR_PARSE, "line 14 is neither" },
  { "seed=1", "seed=1\n[Broken", HL_SCENARIO_ERROR_PARSE, "line 14 starts a [group] that does not end" },
  { "seed=1", "seed=1\n[Fault] extra", HL_SCENARIO_ERROR_PARSE, "line 14 has more after its [group]" },
  { "seed=1", "seed=1\nkey with spaces=1", HL_SCENARIO_ERROR_PARSE, "line 14: “key with spaces” is not a key name" },
  { "seed=1", "seed=1\ntitle[=x", HL_SCENARIO_ERROR_PARSE, "line 14: “title[” is not a key name" },
  { "seed=1", "seed=1\ntitle[de]=Titel\ntitle[de]=Noch einer", HL_SCENARIO_ERROR_INVALID, "title[de]: given twice" },
  { "id=rsa-basic", "id=rsa basic", HL_SCENARIO_ERROR_PARSE, "[Scenario] id: “rsa basic”" },
  { "server-name=www.handshake-lab.test", "server-name=w_w.test", HL_SCENARIO_ERROR_PARSE,
    "only letters, digits and “-”" },
  { "server-name=www.handshake-lab.test", "server-name=ab--cd.test", HL_SCENARIO_ERROR_PARSE, "A-labels" },
  { "dns-names=www.handshake-lab.test", "dns-names=www.*.test", HL_SCENARIO_ERROR_PARSE,
    "[Certificate server] dns-names: “www.*.test”" },
  { "subject-o=Handshake Lab\nissuer=intermediate", "subject-o=\nissuer=intermediate", HL_SCENARIO_ERROR_INVALID,
    "[Certificate server] subject-o: the value is empty" },
};

/* Names that are host names, and are kept (192.0.2.1 is not one: RFC 6066
 * section 3 forbids address literals in the server name). */
static void
test_host_names (void)
{
  static const char *good[] = { "www.handshake-lab.test", "xn--bcher-kva.example", "localhost", "a.b.c.d.e",
                                "", NULL };
  g_autofree char *text = builtin_text ();

  for (guint i = 0; good[i] != NULL; i++)
    {
      g_autoptr(GString) edited = g_string_new (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(HlScenario) scenario = NULL;
      g_autofree char *line = g_strdup_printf ("server-name=%s", good[i]);

      g_string_replace (edited, "server-name=www.handshake-lab.test", line, 1);
      scenario = hl_scenario_new_from_data (edited->str, edited->len, "lesson.scenario", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (hl_scenario_get_server_name (scenario), ==, good[i]);
    }
}

/* What a message may quote: short, one line, UTF-8. */
static void
test_excerpts (void)
{
  g_autofree char *long_text = g_strnfill (5000, 'x');
  g_autofree char *cut = hl_file_excerpt (long_text);
  g_autofree char *lines = hl_file_excerpt ("a\r\nb\tc\x01\xff");
  g_autofree char *path = hl_file_display_name ("/tmp/new\nline.scenario");

  g_assert_cmpuint (g_utf8_strlen (cut, -1), ==, HL_FILE_EXCERPT_CHARS + 1);
  g_assert_true (g_str_has_suffix (cut, "…"));
  g_assert_cmpstr (lines, ==, "a\\r\\nb\\tc\\x01\xef\xbf\xbd");
  g_assert_cmpstr (path, ==, "/tmp/new\\nline.scenario");
}

static void
test_bad_files (void)
{
  g_autofree char *text = builtin_text ();

  for (gsize i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autoptr(GString) edited = g_string_new (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(HlScenario) scenario = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, c->to);
      g_assert_nonnull (strstr (text, c->from));
      g_string_replace (edited, c->from, c->to, 1);

      scenario = hl_scenario_new_from_data (edited->str, edited->len, "lesson.scenario", &error);
      g_assert_null (scenario);
      g_assert_error (error, HL_SCENARIO_ERROR, c->code);
      g_assert_true (g_str_has_prefix (error->message, "lesson.scenario: "));
      if (strstr (error->message, c->must_mention) == NULL)
        g_error ("“%s” does not mention “%s”", error->message, c->must_mention);
    }
}

static void
test_not_a_scenario (void)
{
  static const char binary[] = { 'x', '\0', (char)0xff, 0x01 };
  const char *garbage[] = { "", "just some words\n", "[Scenario\nid=x\n" };
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) scenario = hl_scenario_new_from_data (binary, sizeof binary, "blob.bin", &error);

  g_assert_null (scenario);
  g_assert_error (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "blob.bin: "));

  for (gsize i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_clear_error (&error);
      scenario = hl_scenario_new_from_data (garbage[i], strlen (garbage[i]), "bad.scenario", &error);
      g_assert_null (scenario);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "bad.scenario: "));
    }

  g_clear_error (&error);
  scenario = hl_scenario_new_from_file ("/nonexistent/lesson.scenario", &error);
  g_assert_null (scenario);
  g_assert_nonnull (strstr (error->message, "/nonexistent/lesson.scenario"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenario/builtin", test_builtin);
  g_test_add_func ("/scenario/unknown-id", test_unknown_id);
  g_test_add_func ("/scenario/bad-files", test_bad_files);
  g_test_add_func ("/scenario/not-a-scenario", test_not_a_scenario);
  g_test_add_func ("/scenario/host-names", test_host_names);
  g_test_add_func ("/scenario/excerpts", test_excerpts);

  return g_test_run ();
}
