/* test-cli-run.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The command line runs lessons: the list, text and JSON, the story,
 * usage errors. */

#include "config.h"

#include "test-cli.h"

static void
test_list (void)
{
  g_auto(Result) r = { 0 };
  g_auto(GStrv) ids = hl_scenario_list_builtin ();
  g_auto(GStrv) lines = NULL;

  run_cli (&r, "list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  /* One line per built-in scenario, id first, in teaching order: the
   * catalog's first lesson first. */
  g_assert_true (g_str_has_prefix (r.out, "rsa-basic "));
  g_assert_nonnull (strstr (r.out, "RSA key exchange"));
  g_assert_cmpuint (count_lines (r.out), ==, g_strv_length (ids));
  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *start = g_strconcat (ids[i], " ", NULL);

      g_assert_true (g_str_has_prefix (lines[i], start));
    }
}

static void
test_run_text (void)
{
  g_auto(Result) r = { 0 };
  const char *order[] = { "ClientHello", "ServerHello", "Certificate", "ServerHelloDone",
                          "ClientKeyExchange", "ChangeCipherSpec", "Finished", "ChangeCipherSpec",
                          "Finished", "HTTP request", "HTTP response", "close_notify", "close_notify" };
  const char *at;

  run_cli (&r, "run", "rsa-basic", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");

  /* The messages appear in handshake order, with arrows. */
  at = r.out;
  for (gsize i = 0; i < G_N_ELEMENTS (order); i++)
    {
      at = strstr (at, order[i]);
      g_assert_nonnull (at);
      at += strlen (order[i]);
    }
  g_assert_nonnull (strstr (r.out, "client ───▶ server  ClientHello"));
  g_assert_nonnull (strstr (r.out, "client ◀─── server  ServerHello"));
  g_assert_nonnull (strstr (r.out, "master secret (48 bytes, secret):"));
  g_assert_nonnull (strstr (r.out, "GET / HTTP/1.1"));
  g_assert_nonnull (strstr (r.out, "Outcome: success"));
}

static void
test_run_json (void)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonObject *client;
  JsonObject *server;
  JsonArray *steps;

  run_cli (&r, "run", "rsa-basic", "--format", "json", "--seed", "42", NULL);
  g_assert_cmpint (r.status, ==, 0);

  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "handshake-lab-trace");
  g_assert_cmpstr (json_object_get_string_member (root, "scenario"), ==, "rsa-basic");
  g_assert_cmpint (json_object_get_int_member (root, "seed"), ==, 42);
  g_assert_cmpstr (json_object_get_string_member (root, "outcome"), ==, "success");
  g_assert_cmpstr (json_object_get_string_member (root, "cipher_suite"), ==, "TLS_RSA_WITH_AES_128_GCM_SHA256");
  g_assert_cmpstr (json_object_get_string_member (root, "version"), ==, "TLS 1.2");

  client = json_object_get_object_member (json_object_get_object_member (root, "sides"), "client");
  server = json_object_get_object_member (json_object_get_object_member (root, "sides"), "server");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (client, "secrets"), "master_secret"),
                   ==,
                   json_object_get_string_member (json_object_get_object_member (server, "secrets"), "master_secret"));
  g_assert_cmpuint (strlen (json_object_get_string_member (json_object_get_object_member (client, "secrets"),
                                                           "master_secret")), ==, 96);

  steps = json_object_get_array_member (root, "steps");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 0), "title"),
                   ==, "ClientHello");
  /* The ClientHello opens its record: its bytes start with the record
   * header (handshake, TLS 1.2 or TLS 1.0 as the record version), then the
   * message type. */
  g_assert_cmpint (json_object_get_int_member (root, "format_version"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (steps, 0), "header_length"), ==, 5);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (steps, 0), "bytes"),
                                   "1603"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (steps, 0), "bytes")
                                   + 10, "01"));
  /* Each step names its story and the relations its texts state: the
   * ClientHello offers no session and names the server. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 0), "story"), ==, "rsa");
  {
    JsonArray *claims = json_object_get_array_member (json_array_get_object_element (steps, 0), "claims");
    guint found = 0;

    for (guint i = 0; i < json_array_get_length (claims); i++)
      {
        JsonObject *claim = json_array_get_object_element (claims, i);
        const char *name = json_object_get_string_member (claim, "claim");

        if (g_strcmp0 (name, "session_offered") == 0)
          {
            g_assert_false (json_object_get_boolean_member (claim, "holds"));
            found++;
          }
        if (g_strcmp0 (name, "server_name_sent") == 0)
          {
            g_assert_true (json_object_get_boolean_member (claim, "holds"));
            found++;
          }
      }
    g_assert_cmpuint (found, ==, 2);
  }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "records")), ==, 11);
}

/* A story heading stands where the run enters a step of its story; every
 * step below it belongs to that step; the story is the key exchange's
 * (or the abbreviated handshake's). */
static void
check_headings (const char          *id,
                const char * const  *wanted,
                const char * const  *unwanted)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GRegex) heading = g_regex_new ("^── Step (\\d+) of (\\d+)(, continued)?: (.*) ──$", 0, 0, NULL);
  g_autoptr(GRegex) step = g_regex_new ("^ *\\d+  \\[(\\d+)/(\\d+)\\]", 0, 0, NULL);
  g_auto(GStrv) lines = NULL;
  guint current = 0, length = 0, steps = 0;
  guint64 headed = 0;

  run_cli (&r, "run", id, NULL);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autoptr(GMatchInfo) step_match = NULL;

      if (g_regex_match (heading, lines[i], 0, &match))
        {
          g_autofree char *n = g_match_info_fetch (match, 1);
          g_autofree char *m = g_match_info_fetch (match, 2);
          g_autofree char *continued = g_match_info_fetch (match, 3);

          current = atoi (n);
          length = atoi (m);
          /* A new connection starts its story again at step 1. */
          if (current == 1 && *continued == '\0')
            headed = 0;
          /* "continued" exactly when the step was headed before. */
          g_assert_cmpint (*continued != '\0', ==, (headed & (1u << current)) != 0);
          headed |= 1u << current;
        }
      else if (g_regex_match (step, lines[i], 0, &step_match))
        {
          g_autofree char *n = g_match_info_fetch (step_match, 1);
          g_autofree char *m = g_match_info_fetch (step_match, 2);

          if (atoi (n) != (int)current || atoi (m) != (int)length)
            g_error ("%s: “%s” stands under the heading of step %u of %u", id, lines[i], current, length);
          steps++;
        }
    }

  g_assert_cmpuint (steps, >, 10);
  for (guint i = 0; wanted[i] != NULL; i++)
    if (strstr (r.out, wanted[i]) == NULL)
      g_error ("%s: no “%s” in\n%s", id, wanted[i], r.out);
  for (guint i = 0; unwanted != NULL && unwanted[i] != NULL; i++)
    if (strstr (r.out, unwanted[i]) != NULL)
      g_error ("%s: “%s” in\n%s", id, unwanted[i], r.out);
}

static void
test_story (void)
{
  /* rsa-basic's server decrypts after the client's Finished left: step 5
   * gets its heading there. */
  check_headings ("rsa-basic",
                  (const char *[]) { "── Step 5 of 9: The server decrypts it with its private key ──",
                                     "── Step 6 of 9, continued: Both sides compute the master secret ──", NULL },
                  NULL);
  /* ECDHE tells of key shares; its client makes its key pair before the
   * shared secret. */
  check_headings ("ecdhe-rsa",
                  (const char *[]) { "── Step 4 of 9: The client sends its ephemeral key share ──",
                                     "── Step 5 of 9: The server combines the two key shares ──", NULL },
                  (const char *[]) { "The client sends the encrypted pre-master secret",
                                     "The server decrypts it with its private key", "for RSA", NULL });
  {
    g_auto(Result) r = { 0 };
    const char *pair, *shared;

    run_cli (&r, "run", "ecdhe-rsa", NULL);
    pair = strstr (r.out, "Client creates its ephemeral key pair");
    shared = strstr (r.out, "Client computes the shared secret");
    g_assert_nonnull (pair);
    g_assert_nonnull (shared);
    g_assert_true (pair < shared);
  }
  /* The abbreviated handshake: the server's Finished first, in a story of
   * its own. */
  check_headings ("resumption",
                  (const char *[]) { "── Step 4 of 6: The server's Finished comes first, under the new keys ──",
                                     "── Step 5 of 6: The client checks it and sends its own Finished ──", NULL },
                  NULL);
  check_headings ("mutual-tls", (const char *[]) { "── Step 3 of 9: The client checks the certificate and the signature "
                                                    "and makes its own key share ──", NULL }, NULL);
}

static void
test_repeat (void)
{
  g_auto(Result) r = { 0 };

  run_cli (&r, "run", "rsa-basic", "--repeat", "3", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (count_lines (r.out), ==, 1);
  g_assert_nonnull (strstr (r.out, "3 runs"));
  g_assert_nonnull (strstr (r.out, "success"));
}

static void
test_usage_errors (void)
{
  const char *cases[][4] = {
    { "run", "no-such-lesson", NULL, NULL },
    { "run", NULL, NULL, NULL },
    { "run", "rsa-basic", "--format", "xml" },
    { "run", "rsa-basic", "--seed", "-3" },
    { "run", "rsa-basic", "--repeat", "0" },
    { "run", "rsa-basic", "--bogus", NULL },
    { "fly", NULL, NULL, NULL },
    { "run", "--scenario-file", "/nonexistent/x.scenario", NULL },
    { "run", "rsa-basic", "--repeat", "100001" },
    { "run", "rsa-basic", "--repeat", "1000000000" },
    { "run", "no-such\nlesson", NULL, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) r = { 0 };

      g_test_message ("case %" G_GSIZE_FORMAT ": %s %s", i, cases[i][0], cases[i][1] ? cases[i][1] : "");
      run_cli (&r, cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.out, ==, "");
      /* one line, naming the program */
      g_assert_true (g_str_has_prefix (r.err, "handshake-lab-cli: "));
      g_assert_cmpuint (count_lines (r.err), ==, 1);
    }
}

/* A scenario that expects a failure the run does not have: exit 1. */
static void
test_mismatch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/scenarios/rsa-basic.scenario", 0, &error);
  g_autoptr(GString) text = NULL;
  g_autofree char *path = NULL;
  g_auto(Result) r = { 0 };
  int fd;

  g_assert_no_error (error);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_string_replace (text, "outcome=success", "outcome=failed\nfailing-side=client\nerror=BR_ERR_X509_EXPIRED", 1);

  fd = g_file_open_tmp ("hl-test-XXXXXX.scenario", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, text->str, text->len, &error));

  run_cli (&r, "run", "--scenario-file", path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "Outcome: success"));
  g_assert_nonnull (strstr (r.err, "expected outcome failed"));

  g_unlink (path);
}

void
hl_test_cli_add_run_tests (void)
{
  g_test_add_func ("/cli/list", test_list);
  g_test_add_func ("/cli/run-text", test_run_text);
  g_test_add_func ("/cli/run-json", test_run_json);
  g_test_add_func ("/cli/repeat", test_repeat);
  g_test_add_func ("/cli/story", test_story);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/mismatch", test_mismatch);
}
