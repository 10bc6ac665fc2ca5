/* test-pki-chains.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Certificates made by the PKI, read back by OpenSSL and validated by
 * BearSSL; deterministic; refused recipes; EC chains. */

#define G_LOG_DOMAIN "test-pki"

#include "config.h"

#include "test-pki.h"

static int
bearssl_validate (const br_x509_trust_anchor *anchors,
                  gsize                       n_anchors,
                  const br_x509_certificate  *chain,
                  gsize                       n_certs,
                  const char                 *server_name,
                  gint64                      when)
{
  return bearssl_validate_min_rsa (anchors, n_anchors, chain, n_certs, server_name, when, 0);
}

static char *
colon_hex (const guint8 *data,
           gsize         len)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%s%02X", i > 0 ? ":" : "", data[i]);

  return g_string_free (s, FALSE);
}

static void
test_pki_openssl (void)
{
  g_autoptr(HlPki) pki = NULL;
  g_autofree char *root = NULL;
  g_autofree char *inter = NULL;
  g_autofree char *leaf = NULL;
  g_autofree char *root_text = NULL;
  g_autofree char *inter_text = NULL;
  g_autofree char *leaf_text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *at_clock = g_strdup_printf ("%" G_GINT64_FORMAT, CLOCK);
  g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, LEAF_NOT_AFTER + DAY);
  g_autofree char *before = g_strdup_printf ("%" G_GINT64_FORMAT, LEAF_NOT_BEFORE - DAY);
  g_autofree char *key_path = hl_test_scratch_path ("server-key-for-ski.pem");
  g_autofree char *pub_path = hl_test_scratch_path ("server-pub-for-ski.der");
  g_autofree char *ski = NULL;
  g_autoptr(GBytes) key_pem = NULL;
  g_autoptr(GBytes) spki = NULL;
  guint8 digest[br_sha1_SIZE];
  br_sha1_context sc;
  const guint8 *p;
  gsize len;

  if (!have_openssl ())
    return;

  pki = build_demo_pki ();
  root = export_cert (pki, "root");
  inter = export_cert (pki, "intermediate");
  leaf = export_cert (pki, "server");

  root_text = openssl_text (root);
  assert_contains (root_text, "Version: 3 (0x2)");
  assert_contains (root_text, "Serial Number: 1 (0x1)");
  assert_contains (root_text, "Signature Algorithm: sha256WithRSAEncryption");
  assert_contains (root_text, "Issuer: O = Handshake Lab, CN = Handshake Lab Root CA");
  assert_contains (root_text, "Subject: O = Handshake Lab, CN = Handshake Lab Root CA");
  assert_contains (root_text, "X509v3 Basic Constraints: critical\n                CA:TRUE\n");
  assert_contains (root_text, "X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign\n");
  assert_contains (root_text, "Public-Key: (2048 bit)");

  inter_text = openssl_text (inter);
  assert_contains (inter_text, "Issuer: O = Handshake Lab, CN = Handshake Lab Root CA");
  assert_contains (inter_text, "Subject: O = Handshake Lab, CN = Handshake Lab Intermediate CA");
  assert_contains (inter_text, "CA:TRUE, pathlen:0");

  leaf_text = openssl_text (leaf);
  assert_contains (leaf_text, "Serial Number:\n            92:34:56:78:90:ab:cd:ef\n");
  assert_contains (leaf_text, "Issuer: O = Handshake Lab, CN = Handshake Lab Intermediate CA");
  assert_contains (leaf_text, "Subject: CN = " SERVER_NAME "\n");
  assert_contains (leaf_text, "Not Before: Jan 30 12:00:00 2026 GMT");
  assert_contains (leaf_text, "Not After : Mar  1 12:00:00 2027 GMT");
  assert_contains (leaf_text, "X509v3 Basic Constraints: critical\n                CA:FALSE\n");
  assert_contains (leaf_text, "Digital Signature, Key Encipherment\n");
  assert_contains (leaf_text, "X509v3 Subject Alternative Name: \n                DNS:" SERVER_NAME "\n");

  /* RFC 5280 key identifier, method 1, recomputed from OpenSSL's own view
   * of the key: SHA-1 of the subjectPublicKey bits, which for RSA-2048
   * are the last 270 bytes of the SubjectPublicKeyInfo. */
  key_pem = demo_pem ("server-rsa2048");
  hl_test_write_bytes (key_path, key_pem);
  g_assert_true (hl_test_run (NULL, NULL, "openssl", "pkey", "-in", key_path, "-pubout", "-outform", "DER",
                                    "-out", pub_path, NULL));
  spki = hl_test_read_file (pub_path);
  p = g_bytes_get_data (spki, &len);
  g_assert_cmpuint (len, ==, 294);
  br_sha1_init (&sc);
  br_sha1_update (&sc, p + 24, 270);
  br_sha1_out (&sc, digest);
  ski = colon_hex (digest, sizeof digest);
  assert_contains (leaf_text, ski);

  /* DER details OpenSSL is lenient about, checked on the bytes: cA FALSE
   * is left out (empty SEQUENCE), the critical flag is 01 01 ff, and the
   * keyUsage BIT STRING is minimal. */
  g_assert_true (der_contains (hl_pki_get_der (pki, "server"),
                               "02 09 00 92 34 56 78 90 ab cd ef"));
  g_assert_true (der_contains (hl_pki_get_der (pki, "server"),
                               "06 03 55 1d 13  01 01 ff  04 02 30 00"));
  g_assert_true (der_contains (hl_pki_get_der (pki, "server"),
                               "06 03 55 1d 0f  01 01 ff  04 04 03 02 05 a0"));
  g_assert_true (der_contains (hl_pki_get_der (pki, "root"),
                               "06 03 55 1d 13  01 01 ff  04 05 30 03 01 01 ff"));
  g_assert_true (der_contains (hl_pki_get_der (pki, "intermediate"),
                               "06 03 55 1d 13  01 01 ff  04 08 30 06 01 01 ff 02 01 00"));
  g_assert_true (der_contains (hl_pki_get_der (pki, "root"),
                               "06 03 55 1d 0f  01 01 ff  04 04 03 02 01 06"));

  /* -x509_strict adds RFC 5280 checks: AKI/SKI present, CA key usage… */
  g_assert_true (hl_test_run (NULL, &out, "openssl", "verify", "-x509_strict", "-attime", at_clock,
                                    "-CAfile", root, "-untrusted", inter, leaf, NULL));
  assert_contains (out, ": OK");
  g_clear_pointer (&out, g_free);

  g_assert_false (hl_test_run (NULL, &out, "openssl", "verify", "-attime", after,
                                     "-CAfile", root, "-untrusted", inter, leaf, NULL));
  assert_contains (out, "at 0 depth");
  assert_contains (out, "certificate has expired");
  g_clear_pointer (&out, g_free);

  g_assert_false (hl_test_run (NULL, &out, "openssl", "verify", "-attime", before,
                                     "-CAfile", root, "-untrusted", inter, leaf, NULL));
  assert_contains (out, "certificate is not yet valid");
  g_clear_pointer (&out, g_free);

  /* without the intermediate there is no path to the root */
  g_assert_false (hl_test_run (NULL, &out, "openssl", "verify", "-attime", at_clock,
                                     "-CAfile", root, leaf, NULL));
  assert_contains (out, "unable to get local issuer certificate");
}

static void
test_pki_bearssl (void)
{
  static const char * const chain_names[] = { "server", "intermediate", NULL };
  static const char * const leaf_only[] = { "server", NULL };
  static const char * const root_names[] = { "root", NULL };
  g_autoptr(HlPki) pki = build_demo_pki ();
  g_autoptr(GError) error = NULL;
  const br_x509_certificate *chain;
  const br_x509_trust_anchor *anchors;
  gsize n_certs = 0;
  gsize n_anchors = 0;

  chain = hl_pki_get_chain (pki, chain_names, &n_certs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_certs, ==, 2);
  g_assert_true (chain[0].data == g_bytes_get_data (hl_pki_get_der (pki, "server"), NULL));
  g_assert_cmpuint (chain[0].data_len, ==, g_bytes_get_size (hl_pki_get_der (pki, "server")));
  g_assert_true (chain[1].data == g_bytes_get_data (hl_pki_get_der (pki, "intermediate"), NULL));
  /* asking again hands out the same array */
  g_assert_true (hl_pki_get_chain (pki, chain_names, &n_certs, &error) == chain);

  anchors = hl_pki_get_trust_anchors (pki, root_names, &n_anchors, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_anchors, ==, 1);
  g_assert_cmpuint (anchors[0].flags, ==, BR_X509_TA_CA);
  g_assert_cmpint (anchors[0].pkey.key_type, ==, BR_KEYTYPE_RSA);
  g_assert_cmpuint (anchors[0].pkey.key.rsa.nlen, ==, 256);
  g_assert_cmphex (anchors[0].dn.data[0], ==, 0x30);

  g_assert_cmpint (bearssl_validate (anchors, n_anchors, chain, n_certs, SERVER_NAME, CLOCK),
                   ==, BR_ERR_OK);
  g_assert_cmpint (bearssl_validate (anchors, n_anchors, chain, n_certs, "wrong.handshake-lab.test", CLOCK),
                   ==, BR_ERR_X509_BAD_SERVER_NAME);
  g_assert_cmpint (BR_ERR_X509_BAD_SERVER_NAME, ==, 56);
  g_assert_cmpint (bearssl_validate (anchors, n_anchors, chain, n_certs, SERVER_NAME, LEAF_NOT_AFTER + DAY),
                   ==, BR_ERR_X509_EXPIRED);
  g_assert_cmpint (BR_ERR_X509_EXPIRED, ==, 54);
  g_assert_cmpint (bearssl_validate (anchors, n_anchors, chain, n_certs, SERVER_NAME, LEAF_NOT_BEFORE - DAY),
                   ==, BR_ERR_X509_EXPIRED);
  /* the last second of validity still passes */
  g_assert_cmpint (bearssl_validate (anchors, n_anchors, chain, n_certs, SERVER_NAME, LEAF_NOT_AFTER),
                   ==, BR_ERR_OK);

  chain = hl_pki_get_chain (pki, leaf_only, &n_certs, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bearssl_validate (anchors, n_anchors, chain, n_certs, SERVER_NAME, CLOCK),
                   ==, BR_ERR_X509_NOT_TRUSTED);
}

static void
test_pki_deterministic (void)
{
  static const char * const names[] = { "root", "intermediate", "server" };
  g_autoptr(HlPki) a = build_demo_pki ();
  g_autoptr(HlPki) b = build_demo_pki ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GBytes *der = hl_pki_get_der (a, names[i]);
      const guint8 *p;
      gsize len;

      g_assert_nonnull (der);
      g_assert_true (g_bytes_equal (der, hl_pki_get_der (b, names[i])));
      p = g_bytes_get_data (der, &len);
      /* SEQUENCE with a two-byte long-form length covering the rest */
      g_assert_cmphex (p[0], ==, 0x30);
      g_assert_cmphex (p[1], ==, 0x82);
      g_assert_cmpuint (((gsize) p[2] << 8 | p[3]) + 4, ==, len);
    }

  g_assert_nonnull (hl_pki_get_key (a, "server"));
  g_assert_cmpstr (hl_key_get_name (hl_pki_get_key (a, "server")), ==, "server-rsa2048");
  g_assert_null (hl_pki_get_key (a, "nope"));
  g_assert_null (hl_pki_get_der (a, "nope"));
}

static void
test_pki_errors (void)
{
  static const char * const no_names[] = { NULL };
  static const char * const unknown[] = { "server", "nope", NULL };
  static const char * const leaf_only[] = { "server", NULL };
  static const char * const empty_san[] = { NULL };
  static const char * const bad_san[] = { "caf\xc3\xa9.test", NULL };
  g_autoptr(HlPki) pki = hl_pki_new ();
  g_autoptr(GError) error = NULL;
  HlCertRecipe recipe = {
    .name = "server", .issuer = "intermediate", .key = "server-rsa2048",
    .subject_cn = SERVER_NAME, .serial = 7,
    .not_before = LEAF_NOT_BEFORE, .not_after = LEAF_NOT_AFTER,
    .path_len = -1,
  };
  const br_x509_certificate *chain;
  const br_x509_trust_anchor *anchors;
  gsize n = 99;

  g_assert_false (hl_pki_add (pki, &recipe, &error));
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_UNKNOWN_ISSUER);
  g_assert_cmpstr (error->message, ==,
                   "certificate 'server': issuer 'intermediate' was not added before it");
  g_clear_error (&error);

  recipe.issuer = "server";
  recipe.key = "nope";
  g_assert_false (hl_pki_add (pki, &recipe, &error));
  g_assert_error (error, HL_KEY_ERROR, HL_KEY_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "certificate 'server': no demo key named 'nope'");
  g_clear_error (&error);

  recipe.key = "server-rsa2048";
  recipe.path_len = 0;
  g_assert_false (hl_pki_add (pki, &recipe, &error));
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID);
  g_clear_error (&error);

  recipe.path_len = -1;
  recipe.dns_names = empty_san;
  g_assert_false (hl_pki_add (pki, &recipe, &error));
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID);
  g_clear_error (&error);

  recipe.dns_names = bad_san;
  g_assert_false (hl_pki_add (pki, &recipe, &error));
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID);
  g_clear_error (&error);

  recipe.dns_names = NULL;
  recipe.not_after = G_GINT64_CONSTANT (253402300800);
  g_assert_false (hl_pki_add (pki, &recipe, &error));
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (hl_pki_get_der (pki, "server"));

  /* a self-signed leaf builds, once */
  recipe.not_after = LEAF_NOT_AFTER;
  g_assert_true (hl_pki_add (pki, &recipe, &error));
  g_assert_no_error (error);
  g_assert_false (hl_pki_add (pki, &recipe, &error));
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "'server'"));
  g_clear_error (&error);

  chain = hl_pki_get_chain (pki, unknown, &n, &error);
  g_assert_null (chain);
  g_assert_cmpuint (n, ==, 0);
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_UNKNOWN_CERTIFICATE);
  g_assert_nonnull (strstr (error->message, "'nope'"));
  g_clear_error (&error);

  anchors = hl_pki_get_trust_anchors (pki, unknown, &n, &error);
  g_assert_null (anchors);
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_UNKNOWN_CERTIFICATE);
  g_clear_error (&error);

  /* an empty trust store is a lesson, not an error */
  anchors = hl_pki_get_trust_anchors (pki, no_names, &n, &error);
  g_assert_no_error (error);
  g_assert_nonnull (anchors);
  g_assert_cmpuint (n, ==, 0);

  /* a leaf trusted directly is a non-CA anchor */
  anchors = hl_pki_get_trust_anchors (pki, leaf_only, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (anchors[0].flags, ==, 0);
}

/* An EC root (P-384) issuing an EC leaf (P-256), and the RSA root issuing
 * an EC leaf: signature algorithm follows the issuer, SPKI the subject. */
static void
test_pki_ec (void)
{
  static const char * const ec_dns[] = { "ec.handshake-lab.test", NULL };
  static const char * const ec_chain_names[] = { "ec-server", NULL };
  static const char * const ec_root_names[] = { "ec-root", NULL };
  static const char * const mixed_chain_names[] = { "mixed-server", NULL };
  static const char * const root_names[] = { "root", NULL };
  const HlCertRecipe ec_root = {
    .name = "ec-root", .issuer = "ec-root", .key = "test-ec-p384",
    .subject_cn = "Handshake Lab EC Root", .subject_o = "Handshake Lab",
    .serial = 10, .not_before = CA_NOT_BEFORE, .not_after = CA_NOT_AFTER,
    .is_ca = TRUE, .path_len = 1,
    .key_usage = HL_KEY_USAGE_KEY_CERT_SIGN | HL_KEY_USAGE_CRL_SIGN,
  };
  const HlCertRecipe ec_server = {
    .name = "ec-server", .issuer = "ec-root", .key = "test-ec-p256",
    .subject_cn = "ec.handshake-lab.test",
    .serial = 11, .not_before = LEAF_NOT_BEFORE, .not_after = LEAF_NOT_AFTER,
    .path_len = -1, .key_usage = HL_KEY_USAGE_DIGITAL_SIGNATURE, .dns_names = ec_dns,
  };
  const HlCertRecipe mixed_server = {
    .name = "mixed-server", .issuer = "root", .key = "test-ec-p256",
    .subject_cn = "ec.handshake-lab.test",
    .serial = 12, .not_before = LEAF_NOT_BEFORE, .not_after = LEAF_NOT_AFTER,
    .path_len = -1, .key_usage = HL_KEY_USAGE_DIGITAL_SIGNATURE, .dns_names = ec_dns,
  };
  g_autoptr(HlPki) pki = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  g_autofree char *ec_root_pem = NULL;
  g_autofree char *ec_leaf = NULL;
  g_autofree char *mixed_leaf = NULL;
  g_autofree char *ec_root_text = NULL;
  g_autofree char *ec_leaf_text = NULL;
  g_autofree char *mixed_text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *at_clock = g_strdup_printf ("%" G_GINT64_FORMAT, CLOCK);
  const br_x509_certificate *chain;
  const br_x509_trust_anchor *anchors;
  gsize n_certs;
  gsize n_anchors;

  if (!have_ec_keys)
    {
      g_test_skip ("no OpenSSL-made EC keys (openssl or glib-compile-resources missing)");
      return;
    }

  pki = build_demo_pki ();
  g_assert_true (hl_pki_add (pki, &ec_root, &error));
  g_assert_no_error (error);
  g_assert_true (hl_pki_add (pki, &ec_server, &error));
  g_assert_no_error (error);
  g_assert_true (hl_pki_add (pki, &mixed_server, &error));
  g_assert_no_error (error);

  /* ecdsa-with-SHA256 AlgorithmIdentifier has no parameters (RFC 5758) */
  g_assert_true (der_contains (hl_pki_get_der (pki, "ec-server"),
                               "30 0a 06 08 2a 86 48 ce 3d 04 03 02"));

  root = export_cert (pki, "root");
  ec_root_pem = export_cert (pki, "ec-root");
  ec_leaf = export_cert (pki, "ec-server");
  mixed_leaf = export_cert (pki, "mixed-server");

  ec_root_text = openssl_text (ec_root_pem);
  assert_contains (ec_root_text, "Signature Algorithm: ecdsa-with-SHA256");
  assert_contains (ec_root_text, "NIST CURVE: P-384");
  assert_contains (ec_root_text, "CA:TRUE, pathlen:1");

  ec_leaf_text = openssl_text (ec_leaf);
  assert_contains (ec_leaf_text, "Signature Algorithm: ecdsa-with-SHA256");
  assert_contains (ec_leaf_text, "NIST CURVE: P-256");
  assert_contains (ec_leaf_text, "DNS:ec.handshake-lab.test");
  assert_contains (ec_leaf_text, "Digital Signature\n");

  mixed_text = openssl_text (mixed_leaf);
  assert_contains (mixed_text, "Signature Algorithm: sha256WithRSAEncryption");
  assert_contains (mixed_text, "NIST CURVE: P-256");

  g_assert_true (hl_test_run (NULL, &out, "openssl", "verify", "-x509_strict", "-attime", at_clock,
                                    "-CAfile", ec_root_pem, ec_leaf, NULL));
  assert_contains (out, ": OK");
  g_clear_pointer (&out, g_free);
  g_assert_true (hl_test_run (NULL, &out, "openssl", "verify", "-x509_strict", "-attime", at_clock,
                                    "-CAfile", root, mixed_leaf, NULL));
  assert_contains (out, ": OK");

  chain = hl_pki_get_chain (pki, ec_chain_names, &n_certs, &error);
  g_assert_no_error (error);
  anchors = hl_pki_get_trust_anchors (pki, ec_root_names, &n_anchors, &error);
  g_assert_no_error (error);
  g_assert_cmpint (anchors[0].pkey.key_type, ==, BR_KEYTYPE_EC);
  g_assert_cmpint (anchors[0].pkey.key.ec.curve, ==, BR_EC_secp384r1);
  g_assert_cmpint (bearssl_validate (anchors, n_anchors, chain, n_certs,
                                     "ec.handshake-lab.test", CLOCK), ==, BR_ERR_OK);
  g_assert_cmpint (bearssl_validate (anchors, n_anchors, chain, n_certs,
                                     SERVER_NAME, CLOCK), ==, BR_ERR_X509_BAD_SERVER_NAME);

  chain = hl_pki_get_chain (pki, mixed_chain_names, &n_certs, &error);
  g_assert_no_error (error);
  anchors = hl_pki_get_trust_anchors (pki, root_names, &n_anchors, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bearssl_validate (anchors, n_anchors, chain, n_certs,
                                     "ec.handshake-lab.test", CLOCK), ==, BR_ERR_OK);
}

void
hl_test_pki_add_chains_tests (void)
{
  g_test_add_func ("/pki/openssl", test_pki_openssl);
  g_test_add_func ("/pki/bearssl", test_pki_bearssl);
  g_test_add_func ("/pki/deterministic", test_pki_deterministic);
  g_test_add_func ("/pki/errors", test_pki_errors);
  g_test_add_func ("/pki/ec", test_pki_ec);
}
