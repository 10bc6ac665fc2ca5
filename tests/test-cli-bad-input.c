/* test-cli-bad-input.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Bad files, scenarios and inputs: one clear line of error, never a
 * crash. */

#include "config.h"

#include "test-cli.h"

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

/* rsa-basic with @from replaced by @to, written into @dir as @name: the
 * command line refuses it with exit status 2 and one line naming the
 * file, @place and @problem. */
static void
assert_variant_refused (const char *dir,
                        const char *name,
                        const char *from,
                        const char *to,
                        const char *place,
                        const char *problem)
{
  g_autofree char *file = g_strdup_printf ("%s.scenario", name);
  g_autofree char *path = write_variant (dir, file, from, to);
  g_auto(Result) r = { 0 };

  run_cli (&r, "run", "--scenario-file", path, NULL);
  g_test_message ("%s: %s", name, r.err);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, path));
  g_assert_nonnull (strstr (r.err, place));
  g_assert_nonnull (strstr (r.err, problem));
  /* A value is quoted as an excerpt at most. */
  g_assert_cmpuint (strlen (r.err), <, strlen (path) + 300);
  g_unlink (path);
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
    assert_variant_refused (dir, cases[i].name, cases[i].from, cases[i].to, cases[i].place, cases[i].problem);

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

void
hl_test_cli_add_bad_input_tests (void)
{
  g_test_add_func ("/cli/bad-files", test_bad_files);
  g_test_add_func ("/cli/bad-scenarios", test_bad_scenarios);
  g_test_add_func ("/cli/bad-inputs", test_bad_inputs);
}
