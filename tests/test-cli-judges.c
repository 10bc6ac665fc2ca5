/* test-cli-judges.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Outside judges: OpenSSL's certificates, the diagram's SVG and PNG;
 * German, key guidance, no text cut. */

#include "config.h"

#include "test-cli.h"

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

void
hl_test_cli_add_judges_tests (void)
{
  g_test_add_func ("/cli/user-certificates", test_user_certificates);
  g_test_add_func ("/cli/help-version", test_help_version);
  g_test_add_func ("/cli/diagram", test_diagram);
  g_test_add_func ("/cli/diagram-errors", test_diagram_errors);
  g_test_add_func ("/cli/german", test_german);
  g_test_add_func ("/cli/key-guidance", test_key_guidance);
  g_test_add_func ("/cli/text-never-cut", test_text_never_cut);
}
