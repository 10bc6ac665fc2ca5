/* test-cli-lessons.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What single lessons show: tampering, refusals, certificates, the
 * wire's limits. */

#include "config.h"

#include "test-cli.h"

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

void
hl_test_cli_add_lessons_tests (void)
{
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
}
