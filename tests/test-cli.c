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

#include "hl-scenario.h"

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
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (steps, 0), "bytes"),
                                   "01"));
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
  g_string_replace (unknown_suite, "suites=TLS_RSA_WITH_AES_128_GCM_SHA256\nserver-name",
                    "suites=TLS_RSA_WITH_RC4_128_SHA\nserver-name", 1);
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
  g_test_add_func ("/cli/user-certificates", test_user_certificates);
  g_test_add_func ("/cli/help-version", test_help_version);
  g_test_add_func ("/cli/diagram", test_diagram);
  g_test_add_func ("/cli/diagram-errors", test_diagram_errors);
  g_test_add_func ("/cli/german", test_german);

  return g_test_run ();
}
