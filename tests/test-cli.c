/* test-cli.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "hl-scenario.h"
#include "hl-test-util.h"

/* More than a scenario file may hold (1 MiB). */
#define HL_TEST_BIG (2 * 1024 * 1024)

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void run_cli_in (Result *r, const char *language, va_list args);

/* Runs handshake-lab-cli with @args (NULL-terminated) in the C locale. */
static void
run_cli (Result *r,
         ...)
{
  va_list args;

  va_start (args, r);
  run_cli_in (r, NULL, args);
  va_end (args);
}

/* Runs it in @language's translation (LANGUAGE=@language). */
static void G_GNUC_NULL_TERMINATED
run_cli_translated (Result     *r,
                    const char *language,
                    ...)
{
  va_list args;

  va_start (args, language);
  run_cli_in (r, language, args);
  va_end (args);
}

static void
run_cli_in (Result     *r,
            const char *language,
            va_list     args)
{
  const char *cli = g_getenv ("HL_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *arg;
  int wait_status;

  g_assert_nonnull (cli);
  /* C.UTF-8, not C: in the C locale gettext ignores LANGUAGE. */
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  if (language != NULL)
    env = g_environ_setenv (env, "LANGUAGE", language, TRUE);
  else
    env = g_environ_unsetenv (env, "LANGUAGE");

  g_ptr_array_add (argv, (char *)cli);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';

  return n;
}

static void
test_list (void)
{
  g_auto(Result) r = { 0 };
  g_auto(GStrv) ids = hl_scenario_list_builtin ();

  run_cli (&r, "list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  /* One line per built-in scenario, id first. */
  g_assert_nonnull (strstr (r.out, "\nrsa-basic "));
  g_assert_nonnull (strstr (r.out, "RSA key exchange"));
  g_assert_cmpuint (count_lines (r.out), ==, g_strv_length (ids));
  g_assert_true (g_str_has_prefix (r.out, ids[0]));
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

/* Bad input files: each is refused with exit status 2 and one line that
 * names the file and the problem. */
static void
test_bad_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/scenarios/rsa-basic.scenario", 0, &error);
  g_autoptr(GString) unknown_suite = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-cli-XXXXXX", &error);
  static const guint8 binary[] = { 0x7f, 'E', 'L', 'F', 0x02, 0x01, 0x01, 0x00, 0x00, 0xff, 0xfe };
  struct { const char *name; const guint8 *data; gsize len; const char *problem; } files[] = {
    { "empty.scenario", (const guint8 *)"", 0, "the file is empty" },
    { "binary.scenario", binary, sizeof binary, "binary data" },
    { "unknown-suite.scenario", NULL, 0, "TLS_RSA_WITH_RC4_128_SHA" },
    { "words.scenario", (const guint8 *)"hello\n", 6, "not a scenario file" },
  };

  g_assert_no_error (error);
  unknown_suite = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_string_replace (unknown_suite, "versions=TLS 1.2\nserver-name",
                    "versions=TLS 1.2\nsuites=TLS_RSA_WITH_RC4_128_SHA\nserver-name", 1);
  files[2].data = (const guint8 *)unknown_suite->str;
  files[2].len = unknown_suite->len;

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_auto(Result) r = { 0 };

      g_assert_true (g_file_set_contents (path, (const char *)files[i].data, files[i].len, NULL));
      run_cli (&r, "run", "--scenario-file", path, NULL);
      g_test_message ("%s: %s", files[i].name, r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_cmpuint (count_lines (r.err), ==, 1);
      g_assert_nonnull (strstr (r.err, path));
      g_assert_nonnull (strstr (r.err, files[i].problem));
      g_unlink (path);
    }

  g_rmdir (dir);
}

/* rsa-basic with one change: @from replaced by @to (or @to appended
 * when @from is NULL).  Returns the path of the file written in @dir. */
static char *
write_variant (const char *dir,
               const char *name,
               const char *from,
               const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/scenarios/rsa-basic.scenario", 0, &error);
  g_autoptr(GString) text = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_no_error (error);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (from == NULL)
    g_string_append (text, to);
  else
    g_assert_cmpuint (g_string_replace (text, from, to, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  return path;
}

static char *
repeat_text (const char *item,
             const char *separator,
             guint       n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? separator : "", item);

  return g_string_free (out, FALSE);
}

/* Issue 15's scenario inputs that were silently changed, injected, or
 * ended in "BearSSL refused to start": each is refused with exit status
 * 2 and one line naming the file, the group and the key and saying what
 * is wrong (or the limit). */
static void
test_bad_scenarios (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-scenarios-XXXXXX", &error);
  g_autofree char *suites49 = repeat_text ("TLS_RSA_WITH_AES_128_GCM_SHA256", ";", 49);
  g_autofree char *long_host = repeat_text ("abcdefghij", ".", 30);
  g_autofree char *long_title = repeat_text ("x", "", 101);
  g_autofree char *long_cn = repeat_text ("c", "", 65);
  g_autoptr(GString) many_certs = g_string_new (NULL);
  const char *client_versions = "versions=TLS 1.2\nserver-name";
  struct { const char *name; const char *from; const char *to; const char *place; const char *problem; } cases[] = {
    { "49-suites", client_versions, NULL, "[Client] suites", "at most 48" },
    { "versions-gap", client_versions, "versions=TLS 1.0;TLS 1.2\nserver-name", "[Client] versions", "no gap" },
    { "versions-twice", client_versions, "versions=TLS 1.2;TLS 1.2\nserver-name", "[Client] versions", "listed twice" },
    { "suite-twice", client_versions,
      "versions=TLS 1.2\nsuites=TLS_RSA_WITH_AES_128_GCM_SHA256;TLS_RSA_WITH_AES_128_GCM_SHA256\nserver-name",
      "[Client] suites", "listed twice" },
    { "key-twice", "seed=1\n", "seed=1\nseed=2\n", "[Scenario] seed", "given twice, on lines" },
    { "group-twice", NULL, "\n[Client]\nchain=server\n", "[Client]", "given twice, on lines" },
    { "empty-id", "id=rsa-basic", "id=", "[Scenario] id", "empty" },
    { "crlf-server-name", "server-name=www.handshake-lab.test",
      "server-name=www.handshake-lab.test\\r\\nX-Injected: 1", "[Client] server-name", "control character" },
    { "tab-title", "title=RSA key exchange", "title=RSA\\tkey exchange", "[Scenario] title", "control character" },
    { "u-label", "server-name=www.handshake-lab.test", "server-name=bücher.test", "[Client] server-name",
      "A-labels" },
    { "long-host", "server-name=www.handshake-lab.test", NULL, "[Client] server-name", "at most 253" },
    { "bad-label", "server-name=www.handshake-lab.test", "server-name=www.-lab.test", "[Client] server-name",
      "neither starts nor ends" },
    { "bad-dns-name", "dns-names=www.handshake-lab.test", "dns-names=www.handshake-lab.test;a..test",
      "[Certificate server] dns-names", "empty label" },
    { "trust-twice", "trust=root", "trust=root;root", "[Client] trust", "listed twice" },
    { "year-10000", "valid-until=+365d", "valid-until=10000-01-01T00:00:00Z",
      "[Certificate server] valid-until", "10000" },
    { "year-past-9999", "clock=2026-03-01T12:00:00Z", "clock=9999-06-01T00:00:00Z",
      "[Certificate root] valid-until", "1 to 9999" },
    { "empty-cn", "subject-cn=www.handshake-lab.test", "subject-cn=", "[Certificate server] subject-cn", "empty" },
    { "long-cn", "subject-cn=www.handshake-lab.test", NULL, "[Certificate server] subject-cn", "at most 64" },
    { "long-title", "title=RSA key exchange, step by step", NULL, "[Scenario] title", "at most 100" },
    { "request-space", "request-path=/", "request-path=/a b", "[Application] request-path", "not a path" },
    { "65-certificates", NULL, NULL, "[Certificate c", "at most 64 certificates" },
    /* RFC 6066 section 3: no address literal in the server name. */
    { "ipv4-server-name", "server-name=www.handshake-lab.test", "server-name=192.0.2.1", "[Client] server-name",
      "IPv4 address" },
    /* RFC 4343: DNS names ignore case. */
    /* Audit F14: each error gives the real reason and names one key. */
    { "offset-too-far", "valid-until=+365d", "valid-until=+2950000d", "[Certificate server] valid-until",
      "more than 100 years" },
    { "tamper-xor-0", NULL, "\n[Fault]\ntamper-sender=client\ntamper-record=1\ntamper-offset=1\ntamper-xor=0\n",
      "[Fault] tamper-xor", "not a whole number from 1 to 255" },
    { "tamper-record-0", NULL, "\n[Fault]\ntamper-sender=client\ntamper-record=0\ntamper-offset=1\ntamper-xor=1\n",
      "[Fault] tamper-record", "not a whole number from 1 to 1000" },
    { "seed-negative", "seed=1\n", "seed=-1\n", "[Scenario] seed", "not a whole number from 0 to" },
    { "dns-case-twice", "dns-names=www.handshake-lab.test", "dns-names=www.handshake-lab.test;WWW.handshake-lab.test",
      "[Certificate server] dns-names", "listed twice" },
    /* Issue 15 item 7: every list has a limit, named in its error. */
    { "101-dns-names", "dns-names=www.handshake-lab.test", NULL, "[Certificate server] dns-names", "at most 100" },
    { "dns-names-4323-bytes", "dns-names=www.handshake-lab.test", NULL, "[Certificate server] dns-names",
      "4323 bytes of names; a certificate here holds at most 4096" },
    { "101-ip-addresses", "dns-names=www.handshake-lab.test", NULL, "[Certificate server] ip-addresses",
      "at most 100" },
    { "4-versions", client_versions, "versions=TLS 1.0;TLS 1.1;TLS 1.2;TLS 1.3\nserver-name", "[Client] versions",
      "4 entries; it takes at most 3" },
    { "65-trusted", "trust=root", NULL, "[Client] trust", "at most 64" },
    { "preference", "chain=server;intermediate", "preference=mine\nchain=server;intermediate", "[Server] preference",
      "not server or client" },
  };
  g_autoptr(GString) names_101 = g_string_new ("dns-names=www.handshake-lab.test");
  g_autoptr(GString) long_names = g_string_new ("dns-names=www.handshake-lab.test");
  g_autoptr(GString) addresses_101 = g_string_new ("dns-names=www.handshake-lab.test\nip-addresses=192.0.2.0");
  g_autoptr(GString) trusted_65 = g_string_new ("trust=root");
  g_autofree char *label = repeat_text ("a", "", 63);

  g_assert_no_error (error);
  cases[0].to = g_strdup_printf ("versions=TLS 1.2\nsuites=%s\nserver-name", suites49);
  cases[10].to = g_strdup_printf ("server-name=%s", long_host);
  cases[17].to = g_strdup_printf ("subject-cn=%s", long_cn);
  cases[18].to = g_strdup_printf ("title=%s", long_title);
  for (guint i = 0; i < 65; i++)
    g_string_append_printf (many_certs, "\n[Certificate c%u]\nsubject-cn=c\nissuer=root\nkey=server-rsa2048\n"
                                        "serial=%u\nvalid-from=-1d\nvalid-until=+1d\n", i, i + 10);
  cases[20].to = many_certs->str;
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (names_101, ";n%u.handshake-lab.test", i);
  /* 17 names of 253 characters (4 labels, the first naming which) and
   * the 22 of www.handshake-lab.test: 4323 bytes, within 100 names. */
  for (guint i = 0; i < 17; i++)
    g_string_append_printf (long_names, ";x%02u%.60s.%s.%s.%.61s", i, label, label, label, label);
  for (guint i = 1; i <= 100; i++)
    g_string_append_printf (addresses_101, ";192.0.2.%u", i);
  for (guint i = 0; i < 64; i++)
    g_string_append_printf (trusted_65, ";r%u", i);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *name = cases[i].name;

      if (g_str_equal (name, "101-dns-names"))
        cases[i].to = names_101->str;
      else if (g_str_equal (name, "dns-names-4323-bytes"))
        cases[i].to = long_names->str;
      else if (g_str_equal (name, "101-ip-addresses"))
        cases[i].to = addresses_101->str;
      else if (g_str_equal (name, "65-trusted"))
        cases[i].to = trusted_65->str;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s.scenario", cases[i].name);
      g_autofree char *path = write_variant (dir, file, cases[i].from, cases[i].to);
      g_auto(Result) r = { 0 };

      run_cli (&r, "run", "--scenario-file", path, NULL);
      g_test_message ("%s: %s", cases[i].name, r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_cmpuint (count_lines (r.err), ==, 1);
      g_assert_nonnull (strstr (r.err, path));
      g_assert_nonnull (strstr (r.err, cases[i].place));
      g_assert_nonnull (strstr (r.err, cases[i].problem));
      /* A value is quoted as an excerpt at most. */
      g_assert_cmpuint (strlen (r.err), <, strlen (path) + 300);
      g_unlink (path);
    }

  g_free ((char *)cases[0].to);
  g_free ((char *)cases[10].to);
  g_free ((char *)cases[17].to);
  g_free ((char *)cases[18].to);
  g_rmdir (dir);
}

/* Files that are no scenario, or no file at all: refused at once, with
 * one line that quotes nothing of them. */
static void
test_bad_inputs (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-inputs-XXXXXX", &error);
  g_autofree char *fifo = NULL;
  g_autofree char *zero = NULL;
  g_autofree char *newline = NULL;
  g_autofree char *shadow = NULL;
  g_autofree char *huge = NULL;
  g_autofree char *long_line = NULL;
  g_autofree char *odd_pem = NULL;
  g_autofree char *uses_pem = NULL;
  g_autofree char *uses_fifo = NULL;
  g_autofree char *fifo_pem = NULL;
  g_autofree char *big = g_malloc (HL_TEST_BIG);
  g_autoptr(GString) line = g_string_new ("[Scenario]\nid=x\n");
  struct { const char *path; const char *problem; const char *never; } cases[6 + 3];
  guint n = 0;

  g_assert_no_error (error);

  fifo = g_build_filename (dir, "fifo.scenario", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  cases[n++] = (typeof (cases[0])) { fifo, "FIFO", NULL };

  newline = g_build_filename (dir, "new\nline.scenario", NULL);
  g_assert_true (g_file_set_contents (newline, "hello\n", -1, NULL));
  cases[n++] = (typeof (cases[0])) { newline, "new\\nline.scenario", NULL };

  /* Like /etc/shadow: its first line must not reach the terminal. */
  shadow = g_build_filename (dir, "shadow", NULL);
  g_assert_true (g_file_set_contents (shadow, "root:$y$j9T$SECRET-HASH:19000:0:99999:7:::\n", -1, NULL));
  cases[n++] = (typeof (cases[0])) { shadow, "line 1", "SECRET" };

  huge = g_build_filename (dir, "huge.scenario", NULL);
  memset (big, 'g', HL_TEST_BIG);
  g_assert_true (g_file_set_contents (huge, big, HL_TEST_BIG, NULL));
  cases[n++] = (typeof (cases[0])) { huge, "too large", "gggg" };

  long_line = g_build_filename (dir, "long-line.scenario", NULL);
  g_string_append_len (line, big, 900000);
  g_assert_true (g_file_set_contents (long_line, line->str, line->len, NULL));
  cases[n++] = (typeof (cases[0])) { long_line, "line 3", "gggg" };

  /* A PEM-looking file of a kind no one knows: its label is not quoted. */
  odd_pem = g_build_filename (dir, "odd.pem", NULL);
  g_assert_true (g_file_set_contents (odd_pem, "-----BEGIN SECRET-LABEL-TEXT-----\nAAAA\n"
                                               "-----END SECRET-LABEL-TEXT-----\n", -1, NULL));
  uses_pem = write_variant (dir, "uses-pem.scenario", "[Certificate root]\nsubject-cn=Handshake Lab Demo Root CA\n"
                                                      "subject-o=Handshake Lab\nissuer=root\nkey=root-ca-rsa2048\n"
                                                      "serial=1\nvalid-from=-3650d\nvalid-until=+3650d\nca=true\n"
                                                      "key-usage=key-cert-sign;crl-sign\n",
                            "[Certificate root]\ncertificate-file=odd.pem\n");
  cases[n++] = (typeof (cases[0])) { uses_pem, "kind unknown here", "SECRET" };

  uses_fifo = write_variant (dir, "uses-fifo.scenario", "[Certificate root]\nsubject-cn=Handshake Lab Demo Root CA\n"
                                                        "subject-o=Handshake Lab\nissuer=root\nkey=root-ca-rsa2048\n"
                                                        "serial=1\nvalid-from=-3650d\nvalid-until=+3650d\nca=true\n"
                                                        "key-usage=key-cert-sign;crl-sign\n",
                             "[Certificate root]\ncertificate-file=fifo.pem\n");
  fifo_pem = g_build_filename (dir, "fifo.pem", NULL);
  g_assert_cmpint (mkfifo (fifo_pem, 0600), ==, 0);
  cases[n++] = (typeof (cases[0])) { uses_fifo, "FIFO", NULL };

  /* A character device, made here as /dev/zero is (1, 5): endless. */
  if (getuid () != 0)
    g_test_message ("not root: no device node to read from (mknod needs root)");
  else
    {
      zero = g_build_filename (dir, "zero.scenario", NULL);
      g_assert_cmpint (mknod (zero, S_IFCHR | 0666, makedev (1, 5)), ==, 0);
      cases[n++] = (typeof (cases[0])) { zero, "character device", NULL };
    }

  for (guint i = 0; i < n; i++)
    {
      g_auto(Result) r = { 0 };
      g_autofree char *base = g_path_get_basename (cases[i].path);

      run_cli (&r, "run", "--scenario-file", cases[i].path, NULL);
      g_test_message ("%s: %s", base, r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_cmpuint (count_lines (r.err), ==, 1);
      g_assert_nonnull (strstr (r.err, cases[i].problem));
      g_assert_cmpuint (strlen (r.err), <, 400);
      if (cases[i].never != NULL)
        g_assert_null (strstr (r.err, cases[i].never));
      g_unlink (cases[i].path);
    }

  g_unlink (odd_pem);
  g_unlink (fifo_pem);
  g_rmdir (dir);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));

  return text;
}

/* Runs a shell command line, for what g_spawn_sync() cannot redirect. */
static int
run_shell (const char *command,
           char      **err)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, env, G_SPAWN_DEFAULT, NULL, NULL, NULL, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));

  return WEXITSTATUS (status);
}

/* Issue 15's exports that destroyed: a device node replaced by a file, a
 * symbolic or hard link broken, a file's mode lost, one export written
 * while another failed, two exports into one file, a full standard
 * output taken for success. */
static void
test_exports (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-exports-XXXXXX", &error);
  g_autofree char *real = g_build_filename (dir, "real.log", NULL);
  g_autofree char *symlink_path = g_build_filename (dir, "link.log", NULL);
  g_autofree char *hard = g_build_filename (dir, "hard.log", NULL);
  g_autofree char *kept = g_build_filename (dir, "kept.pcapng", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.log", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.log", NULL);
  g_autofree char *same_svg = g_build_filename (dir, "same.svg", NULL);
  g_autofree char *expected = NULL;
  struct stat st, st_hard;

  g_assert_no_error (error);

  {
    g_auto(Result) r = { 0 };

    run_cli (&r, "run", "rsa-basic", "--export-keylog", fresh, NULL);
    g_assert_cmpint (r.status, ==, 0);
    expected = read_text (fresh);
    g_assert_true (g_str_has_prefix (expected, "CLIENT_RANDOM "));
    /* A new file gets 0666 less the umask, as any file a program makes. */
    g_assert_cmpint (stat (fresh, &st), ==, 0);
    {
      mode_t mask = umask (022);

      umask (mask);
      g_assert_cmpint (st.st_mode & 0777, ==, 0666 & ~mask);
    }
  }

  /* A symbolic link stays a link; the file it names gets the key log and
   * keeps its mode (0600, as a key log should be); its hard link sees the
   * same bytes. */
  g_assert_true (g_file_set_contents (real, "old\n", -1, NULL));
  g_assert_cmpint (chmod (real, 0600), ==, 0);
  g_assert_cmpint (symlink ("real.log", symlink_path), ==, 0);
  g_assert_cmpint (link (real, hard), ==, 0);
  {
    g_auto(Result) r = { 0 };
    g_autofree char *target = NULL;
    g_autofree char *via_hard = NULL;

    run_cli (&r, "run", "rsa-basic", "--export-keylog", symlink_path, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpint (lstat (symlink_path, &st), ==, 0);
    g_assert_true (S_ISLNK (st.st_mode));
    target = read_text (real);
    g_assert_cmpstr (target, ==, expected);
    via_hard = read_text (hard);
    g_assert_cmpstr (via_hard, ==, expected);
    g_assert_cmpint (stat (real, &st), ==, 0);
    g_assert_cmpint (stat (hard, &st_hard), ==, 0);
    g_assert_true (st.st_ino == st_hard.st_ino);
    g_assert_cmpuint (st.st_nlink, ==, 2);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* The same for a file with one name: replaced, mode kept. */
  g_assert_cmpint (g_unlink (hard), ==, 0);
  g_assert_true (g_file_set_contents (real, "old\n", -1, NULL));
  g_assert_cmpint (chmod (real, 0600), ==, 0);
  {
    g_auto(Result) r = { 0 };
    g_autofree char *target = NULL;

    run_cli (&r, "run", "rsa-basic", "--export-keylog", real, NULL);
    g_assert_cmpint (r.status, ==, 0);
    target = read_text (real);
    g_assert_cmpstr (target, ==, expected);
    g_assert_cmpint (stat (real, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* Nothing is written when one export cannot be: the capture that was
   * there stays as it was. */
  g_assert_true (g_file_set_contents (kept, "before\n", -1, NULL));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* The same file by another name: a link. */
  g_assert_cmpint (symlink ("kept.pcapng", same_svg), ==, 0);
  {
    struct { const char *args[4]; const char *problem; } cases[] = {
      { { "--export-pcapng", kept, "--export-keylog", "/nonexistent-dir/keys.log" }, "/nonexistent-dir/keys.log" },
      { { "--export-pcapng", kept, "--export-keylog", fifo }, "FIFO that no process reads" },
      { { "--export-pcapng", kept, "--export-keylog", dir }, "directory" },
      { { "--export-pcapng", kept, "--export-keylog", kept }, "by --export-pcapng and by --export-keylog" },
      /* Through a link: both names, each with its option (audit F14). */
      { { "--export-pcapng", kept, "--export-diagram", same_svg }, "(--export-pcapng) and “" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(Result) r = { 0 };
        g_autofree char *after = NULL;
        const char *const *a = cases[i].args;

        run_cli (&r, "run", "rsa-basic", a[0], a[1], a[2], a[3], NULL);
        g_test_message ("%s %s: %s", a[0], a[2], r.err);
        g_assert_cmpint (r.status, ==, 2);
        g_assert_cmpuint (count_lines (r.err), ==, 1);
        g_assert_nonnull (strstr (r.err, cases[i].problem));
        after = read_text (kept);
        g_assert_cmpstr (after, ==, "before\n");
      }
  }

  /* Device nodes, made here as /dev/null (1, 3) and /dev/full (1, 7)
   * are: written, never replaced; a full one is an error, and the other
   * export of the run stays unwritten. */
  if (getuid () != 0)
    g_test_message ("not root: no device nodes to export onto (mknod needs root)");
  else
    {
      g_autofree char *null = g_build_filename (dir, "null", NULL);
      g_autofree char *full = g_build_filename (dir, "full", NULL);
      g_autofree char *command = NULL;
      g_autofree char *err = NULL;
      g_auto(Result) r = { 0 };
      g_auto(Result) rf = { 0 };
      g_autofree char *after = NULL;

      g_assert_cmpint (mknod (null, S_IFCHR | 0666, makedev (1, 3)), ==, 0);
      g_assert_cmpint (mknod (full, S_IFCHR | 0666, makedev (1, 7)), ==, 0);

      run_cli (&r, "run", "rsa-basic", "--export-keylog", null, "--export-pcapng", fresh, NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpint (stat (null, &st), ==, 0);
      g_assert_true (S_ISCHR (st.st_mode));
      g_assert_cmpuint (st.st_rdev, ==, makedev (1, 3));

      run_cli (&rf, "run", "rsa-basic", "--export-keylog", full, "--export-pcapng", kept, NULL);
      g_test_message ("full: %s", rf.err);
      g_assert_cmpint (rf.status, ==, 2);
      g_assert_cmpuint (count_lines (rf.err), ==, 1);
      g_assert_nonnull (strstr (rf.err, "No space left on device"));
      g_assert_cmpint (stat (full, &st), ==, 0);
      g_assert_true (S_ISCHR (st.st_mode));
      after = read_text (kept);
      g_assert_cmpstr (after, ==, "before\n");

      /* Standard output on a full device: an error, not exit 0 with the
       * JSON cut short. */
      command = g_strdup_printf ("'%s' run rsa-basic --format json > '%s'", g_getenv ("HL_CLI"), full);
      g_assert_cmpint (run_shell (command, &err), ==, 2);
      g_test_message ("stdout full: %s", err);
      g_assert_cmpuint (count_lines (err), ==, 1);
      g_assert_nonnull (strstr (err, "could not write the output: No space left on device"));

      g_unlink (null);
      g_unlink (full);
    }

  /* Standard output redirected to a file that is also an export. */
  {
    g_autofree char *command = g_strdup_printf ("'%s' run rsa-basic --export-keylog '%s' > '%s'",
                                                g_getenv ("HL_CLI"), fresh, fresh);
    g_autofree char *err = NULL;

    g_assert_cmpint (run_shell (command, &err), ==, 2);
    g_assert_nonnull (strstr (err, "standard output"));
  }

  g_unlink (real);
  g_unlink (symlink_path);
  g_unlink (kept);
  g_unlink (fifo);
  g_unlink (fresh);
  g_unlink (same_svg);
  g_rmdir (dir);
}

static void
run_openssl (const char *dir,
             const char *command)
{
  g_autofree char *line = g_strdup_printf ("sh -c 'cd \"%s\" && %s'", dir, command);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_command_line_sync (line, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static const char custom_scenario[] =
  "[Scenario]\nid=my-own-pki\ngroup=custom\ntitle=My own certificates\nsummary=Made with OpenSSL.\n"
  "seed=5\nclock=2099-01-01T00:00:00Z\n"
  "[Client]\nversions=TLS 1.2\nsuites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\nserver-name=lab.example\ntrust=ca\n"
  "[Server]\nversions=TLS 1.2\nsuites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\nchain=server\n"
  "[Certificate ca]\ncertificate-file=ca.pem\n"
  "[Certificate server]\ncertificate-file=@CERT@\nkey-file=@KEY@\n"
  "[Expect]\noutcome=success\n";

/* A custom scenario with certificates OpenSSL made: it runs; and every
 * broken certificate or key file is refused, naming the file and the
 * problem (issue 4's and 8's bad-input table). */
static void
test_user_certificates (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-certs-XXXXXX", &error);
  g_autofree char *pem = NULL;
  struct { const char *cert; const char *key; const char *problem; } cases[] = {
    { "srv.pem", "srv.key", NULL },
    { "srv.key", "srv.key", "found a PEM block 'PRIVATE KEY'" },
    { "trunc.pem", "srv.key", "truncated" },
    { "trunc.der", "srv.key", "truncated" },
    { "base64.pem", "srv.key", "base64" },
    { "srv.pem", "ca.key", "does not belong to the certificate" },
    { "srv.pem", "nothere.key", "nothere.key" },
  };

  g_assert_no_error (error);
  run_openssl (dir, "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 36500 "
                    "-subj /CN=Class-CA -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign");
  run_openssl (dir, "openssl req -newkey rsa:2048 -nodes -keyout srv.key -out srv.csr -subj /CN=lab.example");
  run_openssl (dir, "printf \"subjectAltName=DNS:lab.example\\n\" > ext.cnf && "
                    "openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out srv.pem "
                    "-days 36500 -extfile ext.cnf && openssl x509 -in srv.pem -outform DER -out srv.der && "
                    "head -c 300 srv.der > trunc.der && head -c 500 srv.pem > trunc.pem");

  /* A PEM whose base64 body has a character base64 does not have. */
  {
    g_autofree char *path = g_build_filename (dir, "srv.pem", NULL);
    g_autofree char *bad = g_build_filename (dir, "base64.pem", NULL);
    char *line;

    g_assert_true (g_file_get_contents (path, &pem, NULL, NULL));
    line = strchr (pem, '\n') + 10;
    *line = '!';
    g_assert_true (g_file_set_contents (bad, pem, -1, NULL));
  }

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = g_string_new (custom_scenario);
      g_autofree char *path = g_build_filename (dir, "custom.scenario", NULL);
      g_auto(Result) r = { 0 };

      g_string_replace (text, "@CERT@", cases[i].cert, 1);
      g_string_replace (text, "@KEY@", cases[i].key, 1);
      g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

      run_cli (&r, "run", "--scenario-file", path, NULL);
      g_test_message ("%s + %s: %d %s", cases[i].cert, cases[i].key, r.status, r.err);

      if (cases[i].problem == NULL)
        {
          g_assert_cmpint (r.status, ==, 0);
          g_assert_nonnull (strstr (r.out, "Outcome: success"));
        }
      else
        {
          g_assert_cmpint (r.status, ==, 2);
          g_assert_cmpuint (count_lines (r.err), ==, 1);
          g_assert_nonnull (strstr (r.err, "[Certificate server]"));
          g_assert_nonnull (strstr (r.err, cases[i].problem));
        }
    }

  run_openssl (dir, "rm -f ./*");
  g_rmdir (dir);
}

/* Runs a command line, returns its standard output. */
static char *
run_tool (const char *command)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_command_line_sync (command, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

typedef struct
{
  double width;
  double height;
} SvgSize;

static void
svg_start_element (GMarkupParseContext  *context,
                   const char           *element,
                   const char          **names,
                   const char          **values,
                   gpointer              user_data,
                   GError              **error)
{
  SvgSize *size = user_data;

  if (!g_str_equal (element, "svg") || size->width > 0)
    return;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "width"))
        size->width = g_ascii_strtod (values[i], NULL);
      else if (g_str_equal (names[i], "height"))
        size->height = g_ascii_strtod (values[i], NULL);
    }
}

static guint32
read_be32 (const guint8 *p)
{
  return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

/* The diagram export, judged by other programs: poppler reads the PDF
 * (one page, the messages of RFC 5246's full handshake in their order, only
 * the first when drawn up to step 1), GLib's XML parser the SVG, and the
 * PNG's header is read by hand: twice the size of the SVG, as documented. */
static void
test_diagram (void)
{
  static const char *const messages[] = {
    "ClientHello", "ServerHello", "Certificate", "ServerHelloDone", "ClientKeyExchange",
    "ChangeCipherSpec", "Finished", "ChangeCipherSpec", "Finished", "HTTP request", "HTTP response",
  };
  static const guint8 png_signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const GMarkupParser svg_parser = { svg_start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-diagram-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "rsa-basic.pdf", NULL);
  g_autofree char *pdf1 = g_build_filename (dir, "rsa-basic-1.PDF", NULL);
  g_autofree char *svg = g_build_filename (dir, "rsa-basic.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "rsa-basic.png", NULL);
  g_autofree char *command = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text1 = NULL;
  g_autofree char *svg_text = NULL;
  g_autofree guint8 *png_data = NULL;
  g_autoptr(GMarkupParseContext) markup = NULL;
  g_autoptr(GError) markup_error = NULL;
  SvgSize svg_size = { 0 };
  const char *p;
  double page_w = 0, page_h = 0;
  guint pages = 0;
  gsize len;

  g_assert_no_error (error);

  {
    g_auto(Result) r = { 0 };
    g_auto(Result) r1 = { 0 };
    g_auto(Result) rs = { 0 };
    g_auto(Result) rp = { 0 };

    run_cli (&r, "run", "rsa-basic", "--export-diagram", pdf, NULL);
    g_assert_cmpint (r.status, ==, 0);
    run_cli (&r1, "run", "rsa-basic", "--export-diagram", pdf1, "--diagram-step", "1", NULL);
    g_assert_cmpint (r1.status, ==, 0);
    run_cli (&rs, "run", "rsa-basic", "--export-diagram", svg, NULL);
    g_assert_cmpint (rs.status, ==, 0);
    run_cli (&rp, "run", "rsa-basic", "--export-diagram", png, NULL);
    g_assert_cmpint (rp.status, ==, 0);
  }

  command = g_strdup_printf ("pdfinfo '%s'", pdf);
  info = run_tool (command);
  p = strstr (info, "Pages:");
  g_assert_nonnull (p);
  g_assert_cmpint (sscanf (p, "Pages: %u", &pages), ==, 1);
  g_assert_cmpuint (pages, ==, 1);
  p = strstr (info, "Page size:");
  g_assert_nonnull (p);
  g_assert_cmpint (sscanf (p, "Page size: %lf x %lf pts", &page_w, &page_h), ==, 2);

  g_free (command);
  command = g_strdup_printf ("pdftotext '%s' -", pdf);
  text = run_tool (command);
  p = text;
  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      p = strstr (p, messages[i]);
      g_assert_nonnull (p);
      p += strlen (messages[i]);
    }

  g_free (command);
  command = g_strdup_printf ("pdftotext '%s' -", pdf1);
  text1 = run_tool (command);
  g_assert_nonnull (strstr (text1, "ClientHello"));
  g_assert_null (strstr (text1, "ServerHello"));

  g_assert_true (g_file_get_contents (svg, &svg_text, &len, &error));
  g_assert_no_error (error);
  markup = g_markup_parse_context_new (&svg_parser, 0, &svg_size, NULL);
  g_assert_true (g_markup_parse_context_parse (markup, svg_text, len, &markup_error));
  g_assert_true (g_markup_parse_context_end_parse (markup, &markup_error));
  g_assert_no_error (markup_error);
  g_assert_cmpfloat_with_epsilon (svg_size.width, page_w, 1);
  g_assert_cmpfloat_with_epsilon (svg_size.height, page_h, 1);

  g_assert_true (g_file_get_contents (png, (char **)&png_data, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 24);
  g_assert_cmpmem (png_data, 8, png_signature, 8);
  g_assert_cmpmem (png_data + 12, 4, "IHDR", 4);
  g_assert_cmpfloat_with_epsilon (read_be32 (png_data + 16), 2 * svg_size.width, 2);
  g_assert_cmpfloat_with_epsilon (read_be32 (png_data + 20), 2 * svg_size.height, 2);

  g_unlink (pdf);
  g_unlink (pdf1);
  g_unlink (svg);
  g_unlink (png);
  g_rmdir (dir);
}

/* Each mistake with the diagram export is refused before anything is
 * written, with one line naming it. */
static void
test_diagram_errors (void)
{
  struct { const char *args[11]; const char *problem; } cases[] = {
    { { "run", "rsa-basic", "--export-diagram", "diagram.gif" }, "diagram.gif" },
    { { "run", "rsa-basic", "--export-diagram", "diagram.svg", "--diagram-step", "99" }, "99" },
    { { "run", "rsa-basic", "--export-pcapng", "refused.pcapng", "--export-keylog", "refused.log",
        "--export-diagram", "diagram.svg", "--diagram-step", "99" }, "99" },
    { { "run", "rsa-basic", "--diagram-step", "2" }, "--export-diagram" },
    { { "run", "rsa-basic", "--export-diagram", "diagram.svg", "--diagram-step", "0" }, "from 1 up" },
    { { "run", "rsa-basic", "--export-diagram", "diagram.svg", "--diagram-step", "-1" }, "from 1 up" },
    { { "run", "rsa-basic", "--export-diagram", "/nonexistent-dir/d.svg" }, "/nonexistent-dir/d.svg" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) r = { 0 };
      const char *const *a = cases[i].args;

      run_cli (&r, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], NULL);
      g_test_message ("%s", r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpuint (count_lines (r.err), ==, 1);
      g_assert_nonnull (strstr (r.err, cases[i].problem));
    }

  g_assert_false (g_file_test ("diagram.gif", G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("diagram.svg", G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("refused.pcapng", G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("refused.log", G_FILE_TEST_EXISTS));
}

static void
test_german (void)
{
  g_auto(Result) run = { 0 };
  g_auto(Result) help = { 0 };
  g_auto(Result) unknown = { 0 };

  run_cli_translated (&run, "de", "run", "expired", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Abgelaufenes Zertifikat"));
  g_assert_nonnull (strstr (run.out, "Ergebnis: fehlgeschlagen"));
  g_assert_nonnull (strstr (run.out, "Prüfungen"));
  g_assert_null (strstr (run.out, "Outcome"));

  run_cli_translated (&help, "de", "run", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "Aufruf:"));
  g_assert_nonnull (strstr (help.out, "--export-diagram=DATEI"));

  run_cli_translated (&unknown, "de", "run", "no-such-lesson", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "no-such-lesson"));
  g_assert_null (strstr (unknown.err, "unknown"));
}

static void
test_help_version (void)
{
  g_auto(Result) help = { 0 };
  g_auto(Result) version = { 0 };

  run_cli (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "handshake-lab-cli run ID"));

  run_cli (&version, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "handshake-lab-cli " PACKAGE_VERSION "\n");
}

/* A request larger than a record: it crosses once, in as many records as
 * 16384-byte fragments make (RFC 5246 section 6.2.1), and arrives whole.
 * (It used to be sent again from its start, for 10,000 rounds.) */
static void
test_long_request (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-request-XXXXXX", &error);
  g_autofree char *path_text = repeat_text ("a", "", 20000);
  g_autofree char *to = g_strdup_printf ("request-path=/%s", path_text);
  g_autofree char *file = NULL;
  g_autofree char *expected_line = g_strdup_printf ("GET /%s HTTP/1.1\r\n", path_text);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) request = g_string_new (NULL);
  g_auto(Result) r = { 0 };
  JsonObject *root;
  JsonArray *steps;
  guint records = 0;
  gint64 started;

  g_assert_no_error (error);
  file = write_variant (dir, "long-request.scenario", "request-path=/", to);

  started = g_get_monotonic_time ();
  run_cli (&r, "run", "--scenario-file", file, "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 30 * G_USEC_PER_SEC);

  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "outcome"), ==, "success");

  /* The client's application data, as hl-keys decrypted it from the
   * wire: each record but the last full. */
  steps = json_object_get_array_member (root, "steps");
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);
      const char *hex;
      gsize len;

      if (g_strcmp0 (json_object_get_string_member (step, "kind"), "application_data") != 0 ||
          g_strcmp0 (json_object_get_string_member (step, "actor"), "client") != 0 ||
          json_object_get_null_member (step, "plaintext"))
        continue;

      hex = json_object_get_string_member (step, "plaintext");
      len = strlen (hex) / 2;
      if (records > 0)
        g_assert_cmpuint (request->len, ==, records * 16384);
      for (gsize k = 0; k < len; k++)
        {
          char byte[3] = { hex[2 * k], hex[2 * k + 1], 0 };

          g_string_append_c (request, (char)strtoul (byte, NULL, 16));
        }
      records++;
    }

  g_assert_true (g_str_has_prefix (request->str, expected_line));
  g_assert_true (g_str_has_suffix (request->str, "\r\n\r\n"));
  g_assert_cmpuint (records, ==, (request->len + 16383) / 16384);
  g_assert_cmpuint (records, ==, 2);

  g_unlink (file);
  g_rmdir (dir);
}

/* A fault aimed past the traffic: the run goes on, and the trace says
 * that the network changed nothing. */
static void
test_tamper_beyond_traffic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-tamper-XXXXXX", &error);
  struct { const char *fault; const char *says; } cases[] = {
    { "[Fault]\ntamper-sender=client\ntamper-record=40\ntamper-offset=3\n", "the client sent only 6 records" },
    { "[Fault]\ntamper-sender=server\ntamper-record=1\ntamper-offset=16000\n",
      "the body of that record has only" },
  };

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file = write_variant (dir, "fault.scenario", NULL, cases[i].fault);
      g_auto(Result) r = { 0 };

      run_cli (&r, "run", "--scenario-file", file, NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, "The network’s fault never happened"));
      g_assert_nonnull (strstr (r.out, cases[i].says));
      g_assert_nonnull (strstr (r.out, "nothing was changed"));
      g_assert_nonnull (strstr (r.out, "Outcome: success"));
      g_unlink (file);
    }

  g_rmdir (dir);
}

/* The limits TLS puts on a Certificate message (2^24 − 1 bytes) and on
 * the names of a CertificateRequest (2^16 − 1): certificates from files
 * can exceed them; the run is refused, naming the limit. */
static void
test_wire_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-limits-XXXXXX", &error);
  g_autoptr(GString) cnf = g_string_new ("[req]\ndistinguished_name=dn\nx509_extensions=ext\nprompt=no\n"
                                         "[dn]\nCN=big.test\n[ext]\nsubjectAltName=@alt\n[alt]\n");
  g_autoptr(GString) chain = g_string_new (NULL);
  g_autoptr(GString) subject = g_string_new ("/CN=long");
  g_autofree char *big_chain = NULL;
  g_autofree char *big_names = NULL;
  g_autofree char *command = NULL;
  g_autofree char *cnf_path = NULL;
  struct stat st;

  g_assert_no_error (error);

  /* One certificate of nearly 1 MiB (the most a certificate file may
   * hold): 17 of them make more than 16 MiB. */
  for (guint i = 0; i < 24500; i++)
    g_string_append_printf (cnf, "DNS.%u=name-%05u.of-a-rather-long-domain.test\n", i, i);
  cnf_path = g_build_filename (dir, "big.cnf", NULL);
  g_assert_true (g_file_set_contents (cnf_path, cnf->str, cnf->len, NULL));
  run_openssl (dir, "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout big.key "
                    "-out big.der -outform DER -days 36500 -config big.cnf");
  {
    g_autofree char *der = g_build_filename (dir, "big.der", NULL);

    g_assert_cmpint (stat (der, &st), ==, 0);
    g_test_message ("big.der: %ld bytes", (long)st.st_size);
    g_assert_cmpint (st.st_size, >, (0xffffff / 17) + 1);
    g_assert_cmpint (st.st_size, <=, 1024 * 1024);
  }

  for (guint i = 0; i < 17; i++)
    g_string_append_printf (chain, "\n[Certificate big%u]\ncertificate-file=big.der\n%s", i,
                            i == 0 ? "key-file=big.key\n" : "");
  big_chain = write_variant (dir, "big-chain.scenario", "chain=server;intermediate",
                             "chain=big0;big1;big2;big3;big4;big5;big6;big7;big8;big9;big10;big11;big12;big13;"
                             "big14;big15;big16");
  {
    g_autofree char *text = read_text (big_chain);
    g_autofree char *more = g_strconcat (text, chain->str, NULL);

    g_assert_true (g_file_set_contents (big_chain, more, -1, NULL));
  }

  /* One root whose name alone exceeds what a CertificateRequest holds. */
  for (guint i = 0; i < 1500; i++)
    g_string_append_printf (subject, "/OU=unit %04u of a very large organization", i);
  command = g_strdup_printf ("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
                             "-keyout named.key -out named.pem -days 36500 -subj \"%s\"", subject->str);
  run_openssl (dir, command);
  big_names = write_variant (dir, "big-names.scenario", "[Expect]",
                             "[Certificate named]\ncertificate-file=named.pem\n\n[Expect]");
  {
    g_autofree char *text = read_text (big_names);
    g_autoptr(GString) more = g_string_new (text);

    g_string_replace (more, "chain=server;intermediate\n",
                      "chain=server;intermediate\nclient-auth=required\ntrust=named\n", 1);
    g_assert_true (g_file_set_contents (big_names, more->str, more->len, NULL));
  }

  {
    g_auto(Result) r = { 0 };
    g_auto(Result) rn = { 0 };

    run_cli (&r, "run", "--scenario-file", big_chain, NULL);
    g_test_message ("%s", r.err);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_cmpuint (count_lines (r.err), ==, 1);
    /* The certificates from files stop first, at 256 KiB together, far
     * below a Certificate message's 16777215 bytes (audit F5). */
    g_assert_nonnull (strstr (r.err, "] certificate-file"));
    g_assert_nonnull (strstr (r.err, "at most 262144 bytes"));

    run_cli (&rn, "run", "--scenario-file", big_names, NULL);
    g_test_message ("%s", rn.err);
    g_assert_cmpint (rn.status, ==, 2);
    g_assert_cmpuint (count_lines (rn.err), ==, 1);
    g_assert_nonnull (strstr (rn.err, "[Server] trust"));
    g_assert_nonnull (strstr (rn.err, "65535"));
  }

  run_openssl (dir, "rm -f ./*");
  g_rmdir (dir);
}

/* The PDF's creation date is the scenario's clock: two exports, in
 * other time zones and seconds apart, are the same bytes. */
static void
test_diagram_reproducible (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-pdf-XXXXXX", &error);
  g_autofree char *first = g_build_filename (dir, "first.pdf", NULL);
  g_autofree char *second = g_build_filename (dir, "second.pdf", NULL);
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autofree char *info = NULL;
  g_autofree char *command = NULL;
  g_autofree char *err = NULL;
  gsize len_one, len_two;

  g_assert_no_error (error);

  command = g_strdup_printf ("TZ=UTC '%s' run rsa-basic --export-diagram '%s' >/dev/null",
                             g_getenv ("HL_CLI"), first);
  g_assert_cmpint (run_shell (command, &err), ==, 0);
  g_usleep (1100 * 1000);
  g_free (command);
  g_free (err);
  command = g_strdup_printf ("TZ=Asia/Kathmandu '%s' run rsa-basic --export-diagram '%s' >/dev/null",
                             g_getenv ("HL_CLI"), second);
  g_assert_cmpint (run_shell (command, &err), ==, 0);

  g_assert_true (g_file_get_contents (first, &one, &len_one, NULL));
  g_assert_true (g_file_get_contents (second, &two, &len_two, NULL));
  g_assert_cmpmem (one, len_one, two, len_two);

  /* poppler reads the date: rsa-basic's clock, 2026-03-01T12:00:00Z. */
  g_free (command);
  command = g_strdup_printf ("env TZ=UTC pdfinfo '%s'", first);
  info = run_tool (command);
  g_assert_nonnull (strstr (info, "Mar  1 12:00:00 2026"));

  g_unlink (first);
  g_unlink (second);
  g_rmdir (dir);
}

static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit = { 2048, 2048 };

  setrlimit (RLIMIT_FSIZE, &limit);
}

/* Runs handshake-lab-cli with files limited to 2048 bytes (ulimit -f 2):
 * a capture does not fit, as on a full file system. */
static void G_GNUC_NULL_TERMINATED
run_cli_small_files (Result *r,
                     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (char *)g_getenv ("HL_CLI"));
  va_start (args, r);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, env, G_SPAWN_DEFAULT, limit_file_size, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  /* Killed by SIGXFSZ is a failure too: no message, a file cut off. */
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

static void
assert_file_is (const char   *path,
                const guint8 *bytes,
                gsize         len)
{
  g_autofree char *now = NULL;
  gsize now_len;

  g_assert_true (g_file_get_contents (path, &now, &now_len, NULL));
  g_assert_cmpmem (now, now_len, bytes, len);
}

/* README's promise, "all or none", for files written in place (a file
 * with a second hard link): a write that cannot finish leaves every
 * file with its old bytes, and no temporary file behind. */
static void
test_exports_undone (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-undo-XXXXXX", &error);
  g_autofree char *h1 = g_build_filename (dir, "h1", NULL);
  g_autofree char *h2 = g_build_filename (dir, "h2", NULL);
  g_autofree char *single = g_build_filename (dir, "single", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.log", NULL);
  guint8 old[1000];
  g_autoptr(GDir) listing = NULL;
  guint n_entries = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < sizeof old; i++)
    old[i] = (guint8)g_random_int ();
  g_assert_true (g_file_set_contents (h1, (const char *)old, sizeof old, NULL));
  g_assert_cmpint (link (h1, h2), ==, 0);
  g_assert_true (g_file_set_contents (single, (const char *)old, sizeof old, NULL));

  {
    g_auto(Result) r = { 0 };

    run_cli_small_files (&r, "run", "resumption", "--export-pcapng", h1, NULL);
    g_test_message ("hard link: %s", r.err);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_cmpuint (count_lines (r.err), ==, 1);
    g_assert_nonnull (strstr (r.err, "File too large"));
    assert_file_is (h1, old, sizeof old);
    assert_file_is (h2, old, sizeof old);
  }
  {
    g_auto(Result) r = { 0 };

    run_cli_small_files (&r, "run", "resumption", "--export-keylog", fresh, "--export-pcapng", h2, NULL);
    g_assert_cmpint (r.status, ==, 2);
    assert_file_is (h1, old, sizeof old);
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Result) r = { 0 };

    run_cli_small_files (&r, "run", "resumption", "--export-pcapng", single, NULL);
    g_assert_cmpint (r.status, ==, 2);
    assert_file_is (single, old, sizeof old);
  }

  /* The bytes a hard-linked file took are put back when a later target
   * fails: a device like /dev/full, written after it. */
  if (getuid () != 0)
    g_test_message ("not root: no device node to fail after a file written in place (mknod needs root)");
  else
    {
      g_autofree char *full = g_build_filename (dir, "full", NULL);
      g_auto(Result) r = { 0 };

      g_assert_cmpint (mknod (full, S_IFCHR | 0666, makedev (1, 7)), ==, 0);
      run_cli (&r, "run", "resumption", "--export-pcapng", h1, "--export-keylog", full, NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, "No space left on device"));
      assert_file_is (h1, old, sizeof old);
      g_unlink (full);
    }

  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_entries++;
  g_assert_cmpuint (n_entries, ==, 3);

  g_unlink (h1);
  g_unlink (h2);
  g_unlink (single);
  g_rmdir (dir);
}

/* An export must not land in the trace's own stream: standard output
 * as a pipe, named /dev/stdout; /dev/null as both is harmless. */
static void
test_export_to_stdout_pipe (void)
{
  const char *cli = g_getenv ("HL_CLI");
  /* dash has no pipefail: the CLI's status comes out on descriptor 3. */
  struct { const char *command; int status; } cases[] = {
    { "r=$({ { '@CLI@' run rsa-basic --format json --export-pcapng /dev/stdout; echo $? >&3; } | cat >/dev/null; } 3>&1);"
      " exit $r", 2 },
    { "r=$({ { '@CLI@' run rsa-basic --export-keylog /proc/self/fd/1; echo $? >&3; } | cat >/dev/null; } 3>&1);"
      " exit $r", 2 },
    { "'@CLI@' run rsa-basic --export-keylog /dev/stdout >/dev/null", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) line = g_string_new (cases[i].command);
      g_autofree char *err = NULL;
      int status;

      g_string_replace (line, "@CLI@", cli, 0);
      status = run_shell (line->str, &err);
      g_test_message ("%s: %d %s", line->str, status, err);
      g_assert_cmpint (status, ==, cases[i].status);
      if (cases[i].status == 2)
        {
          g_assert_cmpuint (count_lines (err), ==, 1);
          g_assert_nonnull (strstr (err, "is the standard output"));
        }
    }
}

/* `run --help` on a full output is an error, as --help, list and run are. */
static void
test_run_help_full (void)
{
  g_autofree char *command = g_strdup_printf ("'%s' run --help > /dev/full", g_getenv ("HL_CLI"));
  g_autofree char *err = NULL;

  g_assert_cmpint (run_shell (command, &err), ==, 2);
  g_assert_nonnull (strstr (err, "could not write the output: No space left on device"));
}

/* Audit F1, issue 13: the ServerKeyExchange's sentence follows the check
 * of its signature with the key of the certificate on the wire, not the
 * scenario: server-wrong-key signs with server-rsa3072, a name the trace
 * does not know; the client's failure agrees.  tests/test-signatures.py
 * has OpenSSL check every signature. */
static void
test_server_key_sentence (void)
{
  g_auto(Result) wrong = { 0 };
  g_auto(Result) right = { 0 };

  run_cli (&wrong, "run", "server-wrong-key", NULL);
  g_assert_nonnull (strstr (wrong.out, "The signature does not verify with the public key of the certificate the "
                                       "server sent (“www.handshake-lab.test”)"));
  g_assert_nonnull (strstr (wrong.out, "Signature check: does not verify  ✗ FAIL"));
  g_assert_nonnull (strstr (wrong.out, "The check made again here agrees: the signature of the ServerKeyExchange "
                                       "does not verify"));
  g_assert_null (strstr (wrong.out, "server-rsa3072"));
  g_assert_null (strstr (wrong.out, "The signature verifies"));

  run_cli (&right, "run", "ecdhe-rsa", NULL);
  g_assert_nonnull (strstr (right.out, "The signature verifies with the public key of the certificate the server "
                                       "sent (“www.handshake-lab.test”)"));
  g_assert_nonnull (strstr (right.out, "Signature check: verifies  ✓ pass"));
  g_assert_null (strstr (right.out, "does not verify"));
}

/* Audit F15: a scenario saved with a byte order mark, and a socket, each
 * get a line that says what they are. */
static void
test_bom_and_socket (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-bom-XXXXXX", &error);
  g_autofree char *plain = write_variant (dir, "plain.scenario", NULL, "");
  g_autofree char *text = NULL;
  g_autofree char *bom = g_build_filename (dir, "bom.scenario", NULL);
  g_autofree char *sock = g_build_filename (dir, "sock", NULL);
  g_autofree char *command = NULL;
  g_autofree char *err = NULL;
  g_auto(Result) r = { 0 };
  g_auto(Result) rs = { 0 };

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (plain, &text, NULL, NULL));
  {
    g_autofree char *with_bom = g_strconcat ("\xEF\xBB\xBF", text, NULL);

    g_assert_true (g_file_set_contents (bom, with_bom, -1, NULL));
  }
  run_cli (&r, "run", "--scenario-file", bom, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, "byte order mark"));

  command = g_strdup_printf ("python3 -c \"import socket; socket.socket(socket.AF_UNIX).bind('%s')\"", sock);
  g_assert_cmpint (run_shell (command, &err), ==, 0);
  run_cli (&rs, "run", "--scenario-file", sock, NULL);
  g_test_message ("socket: %s", rs.err);
  g_assert_cmpint (rs.status, ==, 2);
  g_assert_nonnull (strstr (rs.err, "a socket, not a regular file"));

  g_unlink (plain);
  g_unlink (bom);
  g_unlink (sock);
  g_rmdir (dir);
}

/* Audit F7: the suite the attacker writes into the ClientHello is one
 * Wireshark names; the lesson names it the same and calls it one BearSSL
 * does not implement, not an unknown number. */
static void
test_tampered_suite_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-suite-XXXXXX", &error);
  g_autofree char *capture = g_build_filename (dir, "hello.pcapng", NULL);
  g_autofree char *command = NULL;
  g_autofree char *dissection = NULL;
  g_autofree char *name = NULL;
  g_auto(Result) r = { 0 };
  const char *line;
  const char *end;

  g_assert_no_error (error);
  run_cli (&r, "run", "tampered-client-hello", "--export-pcapng", capture, NULL);
  g_assert_cmpint (r.status, ==, 0);

  command = g_strdup_printf ("tshark -r '%s' -V -Y tls.handshake.type==1", capture);
  dissection = run_tool (command);
  end = strstr (dissection, " (0xc0ff)");
  g_assert_nonnull (end);
  for (line = end; line > dissection && line[-1] != ' '; line--)
    ;
  name = g_strndup (line, end - line);
  g_test_message ("tshark: 0xc0ff is %s", name);
  g_assert_true (g_str_has_prefix (name, "TLS_"));

  g_assert_nonnull (strstr (r.out, name));
  g_assert_nonnull (strstr (r.out, "BearSSL does not implement"));
  g_assert_null (strstr (r.out, "unknown number"));

  g_unlink (capture);
  g_rmdir (dir);
}

/* Audit F2: the client's Finished in tampered-finished is decrypted where
 * its bytes are shown: as sent in the client's step (the tag verifies),
 * as delivered in the network's step (it fails).  The judge is AES-GCM
 * from Python's cryptography, with the key block of the JSON trace. */
static const char gcm_judge[] =
  "import json, sys\n"
  "from cryptography.hazmat.primitives.ciphers.aead import AESGCM\n"
  "d = json.load(open(sys.argv[1]))\n"
  "kb = bytes.fromhex(d['sides']['client']['secrets']['key_block'])\n"
  "key, iv = kb[0:16], kb[32:36]\n"
  "rec = [r for r in d['records'] if r.get('changes')][0]\n"
  "for name in ('bytes', 'delivered_bytes'):\n"
  "    b = bytes.fromhex(rec[name]); frag = b[5:]\n"
  "    aad = (0).to_bytes(8, 'big') + b[0:3] + (len(frag) - 24).to_bytes(2, 'big')\n"
  "    try:\n"
  "        print(name, AESGCM(key).decrypt(iv + frag[:8], frag[8:], aad).hex())\n"
  "    except Exception:\n"
  "        print(name, 'fails')\n";

static void
test_tampered_record_decrypted_twice (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-gcm-XXXXXX", &error);
  g_autofree char *json_path = g_build_filename (dir, "trace.json", NULL);
  g_autofree char *script = g_build_filename (dir, "judge.py", NULL);
  g_autofree char *command = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *verify_data = NULL;
  g_auto(Result) json = { 0 };
  g_auto(Result) text = { 0 };
  const char *sent_step, *fault_step, *sent_line;

  g_assert_no_error (error);
  run_cli (&json, "run", "tampered-finished", "--format", "json", NULL);
  g_assert_true (g_file_set_contents (json_path, json.out, -1, NULL));
  g_assert_true (g_file_set_contents (script, gcm_judge, -1, NULL));
  command = g_strdup_printf ("python3 '%s' '%s'", script, json_path);
  verdict = run_tool (command);
  g_test_message ("judge: %s", verdict);
  g_assert_nonnull (strstr (verdict, "delivered_bytes fails"));
  sent_line = strstr (verdict, "bytes 1400000c");
  g_assert_nonnull (sent_line);
  /* After the 4-byte handshake header: the 12 bytes of verify_data. */
  verify_data = g_strndup (sent_line + strlen ("bytes 1400000c"), 24);

  run_cli (&text, "run", "tampered-finished", NULL);
  sent_step = strstr (text.out, "Decryption of the bytes as sent, with the recomputed keys  ✓ matches");
  fault_step = strstr (text.out, "The network tampers with a record");
  g_assert_nonnull (sent_step);
  g_assert_nonnull (fault_step);
  g_assert_true (sent_step < fault_step);
  g_assert_nonnull (strstr (sent_step, verify_data));
  g_assert_true (strstr (sent_step, verify_data) < fault_step);
  g_assert_nonnull (strstr (fault_step, "Decryption of the delivered bytes with the recomputed keys  ✗ differs"));
  g_assert_nonnull (strstr (fault_step, "authentication tag: does NOT verify"));
  /* Nowhere before the network's change does a tag fail. */
  g_assert_true (strstr (text.out, "does NOT verify") > fault_step);

  g_unlink (json_path);
  g_unlink (script);
  g_rmdir (dir);
}

/* Audit F5: a certificate of 20,000 names (about 300 KB, made by
 * OpenSSL) is refused with the limit named, before it costs seconds and
 * hundreds of megabytes in every step that shows it. */
static void
test_certificate_bytes_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-bigcert-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "big.scenario", NULL);
  g_auto(Result) r = { 0 };
  const char *scenario =
    "[Scenario]\nid=big\ngroup=custom\ntitle=Big\nsummary=Many names.\nseed=5\nclock=2099-01-01T00:00:00Z\n"
    "[Client]\nversions=TLS 1.2\nsuites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\nserver-name=n1.example\n"
    "trust=server\n"
    "[Server]\nversions=TLS 1.2\nsuites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\nchain=server\n"
    "[Certificate server]\ncertificate-file=big.pem\nkey-file=big.key\n"
    "[Expect]\noutcome=success\n";

  g_assert_no_error (error);
  run_openssl (dir, "printf \"[req]\\ndistinguished_name=dn\\n[dn]\\n[ext]\\nsubjectAltName=@alt\\n[alt]\\n\" > big.cnf && "
                    "seq 1 20000 | sed \"s/.*/DNS.&=n&.example/\" >> big.cnf && "
                    "openssl req -x509 -newkey rsa:2048 -nodes -keyout big.key -out big.pem -days 36500 "
                    "-subj /CN=n1.example -config big.cnf -extensions ext 2>/dev/null");
  g_assert_true (g_file_set_contents (path, scenario, -1, NULL));

  run_cli (&r, "run", "--scenario-file", path, NULL);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, "[Certificate server] certificate-file"));
  g_assert_nonnull (strstr (r.err, "at most 262144 bytes"));

  run_openssl (dir, "rm -f ./*");
  g_rmdir (dir);
}

/* Audit F9, F10: in resumption's abbreviated handshake the server's
 * ChangeCipherSpec comes first, so it is not encrypted "too"; the
 * wildcard certificate names *.handshake-lab.test, which matches www. */
static void
test_ccs_order_and_wildcard (void)
{
  g_auto(Result) resumed = { 0 };
  g_auto(Result) wildcard = { 0 };
  const char *second;

  run_cli (&resumed, "run", "resumption", NULL);
  /* The second connection starts at its ClientHello. */
  second = strstr (resumed.out, "the client has not switched yet");
  g_assert_nonnull (second);
  g_assert_null (strstr (second, "everything the server sends is encrypted and authenticated too"));
  g_assert_nonnull (strstr (resumed.out, "everything the server sends is encrypted and authenticated too"));

  run_cli (&wildcard, "run", "wildcard", NULL);
  g_assert_null (strstr (wildcard.out, "The certificate names www.handshake-lab.test"));
  g_assert_nonnull (strstr (wildcard.out, "A name in the certificate matches www.handshake-lab.test"));
}

/* Audit F11: RFC 5246 defines protocol_version by what the client
 * attempted to negotiate; version-mismatch's client attempted nothing. */
static void
test_client_version_failure (void)
{
  g_auto(Result) r = { 0 };
  const char *client_fails;

  run_cli (&r, "run", "version-mismatch", NULL);
  client_fails = strstr (r.out, "Client fails");
  g_assert_nonnull (client_fails);
  g_assert_null (strstr (client_fails, "describes this: “The protocol version the client has attempted"));
  g_assert_nonnull (strstr (client_fails, "none of its alerts is defined for a client that reads a version"));
}

/* A refusal of the hello says in words what the offer lacked: counted
 * from the lists this test writes, not from a lesson's fixed text. */
static void
test_refusal_in_words (void)
{
  static const char server_list[] =
    "suites=TLS_RSA_WITH_AES_128_GCM_SHA256;TLS_RSA_WITH_AES_256_GCM_SHA384;TLS_RSA_WITH_AES_128_CBC_SHA256;"
    "TLS_RSA_WITH_AES_128_CBC_SHA\n";
  g_autofree char *dir = g_dir_make_tmp ("hl-refusal-XXXXXX", NULL);
  g_autofree char *suites = write_variant (dir, "suites.scenario", "versions=TLS 1.2\nserver-name",
                                           "versions=TLS 1.2\nsuites=TLS_RSA_WITH_AES_256_CBC_SHA256;"
                                           "TLS_RSA_WITH_AES_256_CBC_SHA;TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n"
                                           "server-name");
  g_autofree char *common = write_variant (dir, "common.scenario", server_list,
                                           "suites=TLS_RSA_WITH_AES_256_CBC_SHA\n");
  g_autofree char *versions = write_variant (dir, "versions.scenario",
                                             "[Client]\nversions=TLS 1.2\nserver-name=www.handshake-lab.test\n"
                                             "trust=root\n\n[Server]\nversions=TLS 1.2\n",
                                             "[Client]\nversions=TLS 1.0\nserver-name=www.handshake-lab.test\n"
                                             "trust=root\n\n[Server]\nversions=TLS 1.1;TLS 1.2\n");
  g_auto(Result) refused_suites = { 0 };
  g_auto(Result) one_in_common = { 0 };
  g_auto(Result) refused_version = { 0 };
  g_auto(Result) lesson = { 0 };

  run_cli (&refused_suites, "run", "--scenario-file", suites, NULL);
  g_assert_nonnull (strstr (refused_suites.out, "sent the alert handshake_failure. The client offered 3 cipher "
                                                "suites and the server accepts 4: no suite is in both lists."));

  /* One suite of the client's in the server's list: the run succeeds and
   * nothing claims otherwise. */
  run_cli (&one_in_common, "run", "--scenario-file", common, NULL);
  g_assert_cmpint (one_in_common.status, ==, 0);
  g_assert_null (strstr (one_in_common.out, "no suite is in both lists"));

  run_cli (&refused_version, "run", "--scenario-file", versions, NULL);
  g_assert_nonnull (strstr (refused_version.out, "sent the alert protocol_version. The client offered at most "
                                                 "TLS 1.0; the server accepts TLS 1.1 to TLS 1.2."));

  run_cli (&lesson, "run", "version-mismatch", NULL);
  g_assert_nonnull (strstr (lesson.out, "The client offered at most TLS 1.0; the server accepts only TLS 1.2."));

  g_unlink (suites);
  g_unlink (common);
  g_unlink (versions);
  g_rmdir (dir);
}

/* Audit F12a: a certificate that names itself as issuer but was signed
 * by another key is self-issued, not self-signed (RFC 5280 section 3.2). */
static void
test_self_issued (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/scenarios/self-signed.scenario", 0, &error);
  g_autofree char *dir = g_dir_make_tmp ("hl-test-selfissued-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "self-issued.scenario", NULL);
  g_autoptr(GString) text = NULL;
  g_auto(Result) plain = { 0 };
  g_auto(Result) issued = { 0 };

  g_assert_no_error (error);
  run_cli (&plain, "run", "self-signed", NULL);
  g_assert_nonnull (strstr (plain.out, "is self-signed: it vouches only for itself"));

  text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpuint (g_string_replace (text, "issuer=server\n", "issuer=server\nsigned-by-key=attacker-rsa2048\n", 1),
                    ==, 1);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  run_cli (&issued, "run", "--scenario-file", path, NULL);
  g_assert_null (strstr (issued.out, "self-signed: it vouches only for itself"));
  g_assert_nonnull (strstr (issued.out, "it is self-issued, not self-signed"));

  g_unlink (path);
  g_rmdir (dir);
}

/* Audit F12c: the network flips a bit of the client's key share; the
 * client multiplied exactly the server's point, only the server's input
 * changed. */
static void
test_key_share_tampered (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/scenarios/ecdhe-rsa.scenario", 0, &error);
  g_autofree char *dir = g_dir_make_tmp ("hl-test-keyshare-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "tamper.scenario", NULL);
  g_autoptr(GString) text = NULL;
  g_auto(Result) r = { 0 };

  g_assert_no_error (error);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpuint (g_string_replace (text, "eavesdropper=true\n",
                                      "tamper-sender=client\ntamper-record=2\ntamper-offset=10\ntamper-xor=1\n", 1),
                    ==, 1);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  run_cli (&r, "run", "--scenario-file", path, NULL);
  g_assert_null (strstr (r.out, "the public points they multiplied"));
  g_assert_nonnull (strstr (r.out, "the client multiplied exactly the point the server made, but the point the server "
                                   "multiplied is not the one the client made"));
  g_assert_nonnull (strstr (r.out, "the point the server multiplied is not the one the client made."));

  g_unlink (path);
  g_rmdir (dir);
}

/* Audit F12b: the client's ChangeCipherSpec changed on the way, the
 * server stops before it reads the Finished: no value it "expects" is
 * shown. */
static void
test_finished_never_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-ccs-XXXXXX", &error);
  g_autofree char *path = write_variant (dir, "ccs.scenario", "[Expect]",
                                         "[Fault]\ntamper-sender=client\ntamper-record=3\ntamper-offset=0\n\n[Expect]");
  g_auto(Result) r = { 0 };

  g_assert_no_error (error);
  run_cli (&r, "run", "--scenario-file", path, NULL);
  g_assert_nonnull (strstr (r.out, "The server never read it"));
  g_assert_null (strstr (r.out, "verify_data the server expects"));
  g_assert_null (strstr (r.out, "Here the server expects exactly"));

  g_unlink (path);
  g_rmdir (dir);
}

/* The child of a JSON field named @name (C locale names), or NULL. */
static JsonObject *
json_child_named (JsonObject *field,
                  const char *name)
{
  JsonArray *children = json_object_has_member (field, "children") ? json_object_get_array_member (field, "children")
                                                                     : NULL;

  for (guint i = 0; children != NULL && i < json_array_get_length (children); i++)
    {
      JsonObject *child = json_array_get_object_element (children, i);

      if (g_str_has_prefix (json_object_get_string_member (child, "name"), name))
        return child;
    }

  return NULL;
}

/* The size of the leaf's key as OpenSSL reads it from the DER the trace
 * holds: "Public-Key: (1024 bit)". */
static guint
openssl_key_bits (const char *der_hex)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-key-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "leaf.der", NULL);
  g_autofree char *command = g_strdup_printf ("openssl x509 -inform DER -noout -text -in %s", path);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) der = hl_test_unhex (der_hex);
  const char *at;

  g_assert_no_error (error);
  hl_test_write_bytes (path, der);
  text = run_tool (command);
  g_unlink (path);
  g_rmdir (dir);

  at = strstr (text, "Public-Key: (");
  g_assert_nonnull (at);
  return atoi (at + strlen ("Public-Key: ("));
}

/* A key BearSSL accepts and NIST SP 800-131A Rev. 2 and the Baseline
 * Requirements call too small (RSA under 2048 bits): its rule says "below
 * guidance" and its check "warning", in the JSON and in the text; a key
 * of 2048 bits passes as before.  The key's size is OpenSSL's reading of
 * the certificate in the trace. */
static void
test_key_guidance (void)
{
  const char *ids[] = { "weak-key-rsa1024", "rsa-basic" };

  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      g_auto(Result) json = { 0 };
      g_auto(Result) text = { 0 };
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *step_line = NULL;
      JsonArray *steps;
      JsonObject *check = NULL;
      JsonObject *leaf;
      JsonObject *rule;
      guint bits;
      gboolean below;

      run_cli (&json, "run", ids[k], "--format", "json", NULL);
      run_cli (&text, "run", ids[k], NULL);
      g_assert_cmpint (json.status, ==, 0);
      g_assert_cmpint (text.status, ==, 0);
      g_assert_true (json_parser_load_from_data (parser, json.out, -1, &error));
      g_assert_no_error (error);

      steps = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "steps");
      for (guint i = 0; i < json_array_get_length (steps) && check == NULL; i++)
        {
          JsonObject *step = json_array_get_object_element (steps, i);

          if (g_str_equal (json_object_get_string_member (step, "kind"), "check") &&
              g_str_equal (json_object_get_string_member (step, "actor"), "client"))
            check = step;
        }
      g_assert_nonnull (check);
      leaf = json_child_named (json_object_get_object_member (check, "fields"), "Certificate 1");
      g_assert_nonnull (leaf);
      rule = json_child_named (json_child_named (leaf, "Checks"), "7. ");
      g_assert_nonnull (rule);

      bits = openssl_key_bits (json_object_get_string_member (json_child_named (leaf, "DER"), "value"));
      below = bits < 2048;
      g_test_message ("%s: OpenSSL reads an RSA key of %u bits; rule 7: %s; step: %s", ids[k], bits,
                      json_object_get_string_member (rule, "check"), json_object_get_string_member (check, "verdict"));
      g_assert_cmpuint (bits, ==, k == 0 ? 1024 : 2048);

      g_assert_cmpstr (json_object_get_string_member (rule, "check"), ==, below ? "below_guidance" : "pass");
      g_assert_cmpstr (json_object_get_string_member (check, "verdict"), ==, below ? "warning" : "ok");

      /* The text: the step's title with ⚠ (never ✓), the rule marked. */
      step_line = g_strdup_printf ("%s %s\n", json_object_get_string_member (check, "title"), below ? "⚠" : "✓");
      g_assert_nonnull (strstr (text.out, step_line));
      g_assert_cmpint (strstr (text.out, "⚠ below guidance") != NULL, ==, below);
      if (below)
        {
          g_assert_null (strstr (text.out, "trusted ✓"));
          g_assert_nonnull (strstr (text.out, "trusted by BearSSL, key below guidance ⚠"));
        }
      else
        g_assert_nonnull (strstr (text.out, "Client checks the server's certificate chain: trusted ✓"));
    }
}

/* @text without whitespace, line breaks shown as the text output shows
 * them (↵): what wrapping a line cannot change. */
static char *
without_whitespace (const char *text,
                    gboolean    mark_breaks)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (mark_breaks && *p == '\r' && p[1] == '\n')
        continue;
      if (mark_breaks && (*p == '\n' || *p == '\r'))
        g_string_append (out, "↵");
      else if (!g_ascii_isspace (*p))
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static guint
count_ellipses (const char *text)
{
  guint n = 0;

  for (const char *p = strstr (text, "…"); p != NULL; p = strstr (p + 1, "…"))
    n++;

  return n;
}

/* Every string of a JSON node: titles, explanations, field values. */
static void
collect_strings (JsonNode  *node,
                 GPtrArray *strings)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_ptr_array_add (strings, (gpointer)json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_strings (json_array_get_element (array, i), strings);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_values (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        collect_strings (l->data, strings);
    }
}

/* Nothing a student reads is cut: for every lesson, every string of the
 * JSON trace whose beginning the text output shows is there whole (long
 * ones wrap onto more lines, hex too), and the text has no "…" the
 * trace's own strings do not have. */
static void
test_text_never_cut (void)
{
  g_auto(GStrv) ids = hl_scenario_list_builtin ();

  for (guint k = 0; ids[k] != NULL; k++)
    {
      g_auto(Result) json = { 0 };
      g_auto(Result) text = { 0 };
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) strings = g_ptr_array_new ();
      g_autofree char *flat = NULL;
      guint trace_ellipses = 0;
      guint checked = 0;

      run_cli (&json, "run", ids[k], "--format", "json", NULL);
      run_cli (&text, "run", ids[k], NULL);
      g_assert_true (json_parser_load_from_data (parser, json.out, -1, &error));
      g_assert_no_error (error);
      collect_strings (json_parser_get_root (parser), strings);
      flat = without_whitespace (text.out, FALSE);

      for (guint i = 0; i < strings->len; i++)
        {
          g_autofree char *whole = without_whitespace (g_ptr_array_index (strings, i), TRUE);
          g_autofree char *start = NULL;

          trace_ellipses += count_ellipses (g_ptr_array_index (strings, i));
          if (g_utf8_strlen (whole, -1) < 40)
            continue;
          start = g_utf8_substring (whole, 0, 32);
          if (strstr (flat, start) == NULL)
            continue;
          checked++;
          if (strstr (flat, whole) == NULL)
            g_error ("%s: the text shows the beginning of “%s”, but not all of it:\n%s", ids[k],
                     (const char *)g_ptr_array_index (strings, i), text.out);
        }

      g_test_message ("%s: %u long strings shown whole; “…” %u times in the text, %u in the trace", ids[k],
                      checked, count_ellipses (text.out), trace_ellipses);
      g_assert_cmpuint (checked, >, 0);
      g_assert_cmpuint (count_ellipses (text.out), <=, trace_ellipses);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/list", test_list);
  g_test_add_func ("/cli/run-text", test_run_text);
  g_test_add_func ("/cli/run-json", test_run_json);
  g_test_add_func ("/cli/repeat", test_repeat);
  g_test_add_func ("/cli/story", test_story);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/mismatch", test_mismatch);
  g_test_add_func ("/cli/bad-files", test_bad_files);
  g_test_add_func ("/cli/bad-scenarios", test_bad_scenarios);
  g_test_add_func ("/cli/bad-inputs", test_bad_inputs);
  g_test_add_func ("/cli/exports", test_exports);
  g_test_add_func ("/cli/exports-undone", test_exports_undone);
  g_test_add_func ("/cli/export-to-stdout-pipe", test_export_to_stdout_pipe);
  g_test_add_func ("/cli/run-help-full", test_run_help_full);
  g_test_add_func ("/cli/finished-never-read", test_finished_never_read);
  g_test_add_func ("/cli/key-share-tampered", test_key_share_tampered);
  g_test_add_func ("/cli/self-issued", test_self_issued);
  g_test_add_func ("/cli/client-version-failure", test_client_version_failure);
  g_test_add_func ("/cli/refusal-in-words", test_refusal_in_words);
  g_test_add_func ("/cli/ccs-order-and-wildcard", test_ccs_order_and_wildcard);
  g_test_add_func ("/cli/certificate-bytes-limit", test_certificate_bytes_limit);
  g_test_add_func ("/cli/tampered-record-decrypted-twice", test_tampered_record_decrypted_twice);
  g_test_add_func ("/cli/tampered-suite-name", test_tampered_suite_name);
  g_test_add_func ("/cli/bom-and-socket", test_bom_and_socket);
  g_test_add_func ("/cli/server-key-sentence", test_server_key_sentence);
  g_test_add_func ("/cli/long-request", test_long_request);
  g_test_add_func ("/cli/tamper-beyond-traffic", test_tamper_beyond_traffic);
  g_test_add_func ("/cli/wire-limits", test_wire_limits);
  g_test_add_func ("/cli/diagram-reproducible", test_diagram_reproducible);
  g_test_add_func ("/cli/user-certificates", test_user_certificates);
  g_test_add_func ("/cli/help-version", test_help_version);
  g_test_add_func ("/cli/diagram", test_diagram);
  g_test_add_func ("/cli/diagram-errors", test_diagram_errors);
  g_test_add_func ("/cli/german", test_german);
  g_test_add_func ("/cli/key-guidance", test_key_guidance);
  g_test_add_func ("/cli/text-never-cut", test_text_never_cut);

  return g_test_run ();
}
