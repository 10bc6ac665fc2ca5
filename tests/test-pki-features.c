/* test-pki-features.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Certificate features, and the two judges (OpenSSL and BearSSL) on
 * the same chains; the [Certificate NAME] keys of a scenario. */

#define G_LOG_DOMAIN "test-pki"

#include "config.h"

#include "test-pki.h"

/* ------------------------------------------------------------------ */
/* recipe features, as OpenSSL prints them                             */

static const char * const wildcard_dns[] = { "*.handshake-lab.test", NULL };

static const char * const two_ips[] = { "192.0.2.1", "2001:db8::1", NULL };

static void
test_pki_features (void)
{
  const HlCertRecipe full = {
    .name = "full", .issuer = "intermediate", .key = "server-rsa2048",
    .subject_cn = SERVER_NAME, .subject_o = "Handshake Lab", .subject_ou = "Teaching",
    .subject_c = "DE",
    .serial = 100, .not_before = LEAF_NOT_BEFORE, .not_after = LEAF_NOT_AFTER,
    .path_len = -1, .key_usage = HL_KEY_USAGE_DIGITAL_SIGNATURE,
    .ext_key_usage = HL_EXT_KEY_USAGE_SERVER_AUTH | HL_EXT_KEY_USAGE_CLIENT_AUTH,
    .dns_names = wildcard_dns, .ip_addresses = two_ips,
    .basic_constraints = HL_BASIC_CONSTRAINTS_NON_CRITICAL,
    .signature_hash = HL_SIGNATURE_HASH_SHA384,
  };
  const HlCertRecipe odd = {
    .name = "odd", .issuer = "intermediate", .key = "server-rsa2048",
    .subject_cn = SERVER_NAME,
    .serial = 101, .not_before = LEAF_NOT_BEFORE, .not_after = LEAF_NOT_AFTER,
    .path_len = -1, .ext_key_usage = HL_EXT_KEY_USAGE_CLIENT_AUTH,
    .ext_key_usage_critical = TRUE, .ip_addresses = two_ips,
    .basic_constraints = HL_BASIC_CONSTRAINTS_ABSENT, .omit_key_ids = TRUE,
    .unknown_critical_extension = TRUE, .signature_hash = HL_SIGNATURE_HASH_SHA1,
  };
  const HlCertRecipe ec_root = {
    .name = "ec-root", .issuer = "ec-root", .key = "root-ca-ec-p384",
    .subject_cn = "Handshake Lab EC Root", .serial = 102,
    .not_before = CA_NOT_BEFORE, .not_after = CA_NOT_AFTER, .is_ca = TRUE, .path_len = -1,
    .key_usage = HL_KEY_USAGE_KEY_CERT_SIGN, .signature_hash = HL_SIGNATURE_HASH_SHA384,
  };
  const HlCertRecipe ec_leaf = {
    .name = "ec-leaf", .issuer = "ec-root", .key = "server-ec-p256",
    .subject_cn = SERVER_NAME, .serial = 103,
    .not_before = LEAF_NOT_BEFORE, .not_after = LEAF_NOT_AFTER, .path_len = -1,
    .dns_names = server_dns, .signature_hash = HL_SIGNATURE_HASH_SHA256,
  };
  const HlCertRecipe ec_sha1 = {
    .name = "ec-sha1", .issuer = "ec-root", .key = "server-ec-p256",
    .subject_cn = SERVER_NAME, .serial = 104,
    .not_before = LEAF_NOT_BEFORE, .not_after = LEAF_NOT_AFTER, .path_len = -1,
    .signature_hash = HL_SIGNATURE_HASH_SHA1,
  };
  g_autoptr(HlPki) pki = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full_pem = NULL;
  g_autofree char *odd_pem = NULL;
  g_autofree char *ec_root_pem = NULL;
  g_autofree char *ec_leaf_pem = NULL;
  g_autofree char *ec_sha1_pem = NULL;
  g_autofree char *text = NULL;

  if (!have_openssl ())
    return;

  pki = build_demo_pki ();
  g_assert_true (hl_pki_add (pki, &full, &error));
  g_assert_no_error (error);
  g_assert_true (hl_pki_add (pki, &odd, &error));
  g_assert_no_error (error);
  g_assert_true (hl_pki_add (pki, &ec_root, &error));
  g_assert_no_error (error);
  g_assert_true (hl_pki_add (pki, &ec_leaf, &error));
  g_assert_no_error (error);
  g_assert_true (hl_pki_add (pki, &ec_sha1, &error));
  g_assert_no_error (error);

  full_pem = export_cert (pki, "full");
  text = openssl_text (full_pem);
  assert_contains (text, "Signature Algorithm: sha384WithRSAEncryption");
  assert_contains (text, "Subject: C = DE, O = Handshake Lab, OU = Teaching, CN = " SERVER_NAME "\n");
  assert_contains (text, "X509v3 Basic Constraints: \n                CA:FALSE\n");
  assert_contains (text, "X509v3 Extended Key Usage: \n"
                         "                TLS Web Server Authentication, TLS Web Client Authentication\n");
  assert_contains (text, "X509v3 Subject Alternative Name: \n"
                         "                DNS:*.handshake-lab.test, IP Address:192.0.2.1, "
                         "IP Address:2001:DB8:0:0:0:0:0:1\n");
  assert_contains (text, "X509v3 Subject Key Identifier");
  assert_contains (text, "X509v3 Authority Key Identifier");
  /* countryName is a PrintableString, the rest UTF8String */
  g_assert_true (der_contains (hl_pki_get_der (pki, "full"), "06 03 55 04 06 13 02 44 45"));
  g_assert_true (der_contains (hl_pki_get_der (pki, "full"), "06 03 55 04 0b 0c 08"));
  /* iPAddress [7]: 4 and 16 octets in network order */
  g_assert_true (der_contains (hl_pki_get_der (pki, "full"),
                               "87 04 c0 00 02 01  87 10 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01"));
  /* sha384WithRSAEncryption with its NULL parameters */
  g_assert_true (der_contains (hl_pki_get_der (pki, "full"),
                               "30 0d 06 09 2a 86 48 86 f7 0d 01 01 0c 05 00"));
  g_clear_pointer (&text, g_free);

  odd_pem = export_cert (pki, "odd");
  text = openssl_text (odd_pem);
  assert_contains (text, "Signature Algorithm: sha1WithRSAEncryption");
  assert_contains (text, "X509v3 Extended Key Usage: critical\n"
                         "                TLS Web Client Authentication\n");
  assert_contains (text, "IP Address:192.0.2.1, IP Address:2001:DB8:0:0:0:0:0:1\n");
  assert_contains (text, HL_PKI_UNKNOWN_EXTENSION_OID ": critical\n");
  g_assert_null (strstr (text, "Basic Constraints"));
  g_assert_null (strstr (text, "Key Identifier"));
  g_assert_null (strstr (text, "DNS:"));
  g_clear_pointer (&text, g_free);

  ec_root_pem = export_cert (pki, "ec-root");
  text = openssl_text (ec_root_pem);
  assert_contains (text, "Signature Algorithm: ecdsa-with-SHA384");
  assert_contains (text, "NIST CURVE: P-384");
  g_clear_pointer (&text, g_free);
  /* ecdsa-with-SHA384, no parameters (RFC 5758 §3.2) */
  g_assert_true (der_contains (hl_pki_get_der (pki, "ec-root"),
                               "30 0a 06 08 2a 86 48 ce 3d 04 03 03"));

  ec_leaf_pem = export_cert (pki, "ec-leaf");
  text = openssl_text (ec_leaf_pem);
  assert_contains (text, "Signature Algorithm: ecdsa-with-SHA256");
  g_clear_pointer (&text, g_free);

  ec_sha1_pem = export_cert (pki, "ec-sha1");
  text = openssl_text (ec_sha1_pem);
  assert_contains (text, "Signature Algorithm: ecdsa-with-SHA1");
}

static void
test_pki_feature_errors (void)
{
  static const char * const bad_ip[] = { "192.0.2.300", NULL };
  static const char * const no_ip[] = { NULL };
  HlCertRecipe recipe = {
    .name = "leaf", .issuer = "leaf", .key = "server-rsa2048",
    .subject_cn = SERVER_NAME, .serial = 1,
    .not_before = LEAF_NOT_BEFORE, .not_after = LEAF_NOT_AFTER, .path_len = -1,
  };
  g_autoptr(HlPki) pki = hl_pki_new ();
  g_autoptr(GError) error = NULL;

  recipe.subject_c = "Germany";
  g_assert_false (hl_pki_add (pki, &recipe, &error));
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "'Germany'"));
  g_clear_error (&error);
  recipe.subject_c = "de";
  g_assert_false (hl_pki_add (pki, &recipe, &error));
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID);
  g_clear_error (&error);
  recipe.subject_c = NULL;

  recipe.ip_addresses = bad_ip;
  g_assert_false (hl_pki_add (pki, &recipe, &error));
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "'192.0.2.300'"));
  g_clear_error (&error);
  recipe.ip_addresses = no_ip;
  g_assert_false (hl_pki_add (pki, &recipe, &error));
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID);
  g_clear_error (&error);
  recipe.ip_addresses = NULL;

  recipe.is_ca = TRUE;
  recipe.basic_constraints = HL_BASIC_CONSTRAINTS_ABSENT;
  g_assert_false (hl_pki_add (pki, &recipe, &error));
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID);
  g_clear_error (&error);
  recipe.is_ca = FALSE;
  recipe.basic_constraints = HL_BASIC_CONSTRAINTS_CRITICAL;

  recipe.ext_key_usage = 1 << 7;
  g_assert_false (hl_pki_add (pki, &recipe, &error));
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID);
  g_clear_error (&error);
  recipe.ext_key_usage = 0;

  recipe.signature_hash = 42;
  g_assert_false (hl_pki_add (pki, &recipe, &error));
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID);
  g_clear_error (&error);
  recipe.signature_hash = HL_SIGNATURE_HASH_DEFAULT;

  recipe.signed_by_key = "no-such-key";
  g_assert_false (hl_pki_add (pki, &recipe, &error));
  g_assert_error (error, HL_KEY_ERROR, HL_KEY_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "certificate 'leaf'"));
  g_clear_error (&error);
  recipe.signed_by_key = NULL;

  g_assert_true (hl_pki_add (pki, &recipe, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------ */
/* two judges: OpenSSL and BearSSL on the same chains                  */

#define CA_USAGE (HL_KEY_USAGE_KEY_CERT_SIGN | HL_KEY_USAGE_CRL_SIGN)

#define JUDGE_CA(n, iss, k, cn, s, ca, pl, ku, ...) \
  { .name = n, .issuer = iss, .key = k, .subject_cn = cn, .subject_o = "Handshake Lab", \
    .serial = s, .not_before = CA_NOT_BEFORE, .not_after = CA_NOT_AFTER, \
    .is_ca = ca, .path_len = pl, .key_usage = ku, __VA_ARGS__ }

#define JUDGE_LEAF(n, iss, k, s, dns, ...) \
  { .name = n, .issuer = iss, .key = k, .subject_cn = SERVER_NAME, \
    .serial = s, .not_before = LEAF_NOT_BEFORE, .not_after = LEAF_NOT_AFTER, .path_len = -1, \
    .key_usage = HL_KEY_USAGE_DIGITAL_SIGNATURE | HL_KEY_USAGE_KEY_ENCIPHERMENT, \
    .dns_names = dns, __VA_ARGS__ }

static const char * const cn_host_other[] = { "other.handshake-lab.test", NULL };

static const char * const ip_only[] = { "192.0.2.1", NULL };

static const HlCertRecipe judge_recipes[] = {
  JUDGE_CA ("root", "root", "root-ca-rsa2048", "Handshake Lab Root CA", 1, TRUE, -1, CA_USAGE),
  JUDGE_CA ("intermediate", "root", "intermediate-ca-rsa2048", "Handshake Lab Intermediate CA", 2,
            TRUE, 0, CA_USAGE),
  JUDGE_CA ("sub-ca", "intermediate", "intermediate-ca-ec-p256", "Handshake Lab Sub CA", 3,
            TRUE, -1, CA_USAGE),
  JUDGE_CA ("not-ca", "root", "intermediate-ca-ec-p256", "Handshake Lab Not A CA", 4,
            FALSE, -1, HL_KEY_USAGE_DIGITAL_SIGNATURE),
  JUDGE_CA ("no-bc-ca", "root", "intermediate-ca-ec-p256", "Handshake Lab CA Without BC", 5,
            FALSE, -1, CA_USAGE, .basic_constraints = HL_BASIC_CONSTRAINTS_ABSENT),
  JUDGE_CA ("no-cert-sign-ca", "root", "intermediate-ca-ec-p256", "Handshake Lab CA Without keyCertSign", 6,
            TRUE, -1, HL_KEY_USAGE_DIGITAL_SIGNATURE | HL_KEY_USAGE_CRL_SIGN),
  JUDGE_CA ("bc-non-critical-ca", "root", "intermediate-ca-ec-p256", "Handshake Lab CA Lax", 7,
            TRUE, -1, CA_USAGE, .basic_constraints = HL_BASIC_CONSTRAINTS_NON_CRITICAL),
  JUDGE_CA ("weak-ca", "root", "server-rsa1024", "Handshake Lab Weak CA", 9, TRUE, -1, CA_USAGE),
  JUDGE_CA ("ec-root", "ec-root", "root-ca-ec-p384", "Handshake Lab EC Root", 8,
            TRUE, -1, CA_USAGE, .signature_hash = HL_SIGNATURE_HASH_SHA384),

  JUDGE_LEAF ("good", "intermediate", "server-rsa2048", 20, server_dns,
              .subject_ou = "Teaching", .subject_c = "DE",
              .ext_key_usage = HL_EXT_KEY_USAGE_SERVER_AUTH),
  JUDGE_LEAF ("wrong-key", "intermediate", "server-rsa2048", 21, server_dns,
              .signed_by_key = "attacker-rsa2048"),
  JUDGE_LEAF ("under-not-ca", "not-ca", "server-rsa2048", 22, server_dns),
  JUDGE_LEAF ("under-no-bc-ca", "no-bc-ca", "server-rsa2048", 23, server_dns),
  JUDGE_LEAF ("too-deep", "sub-ca", "server-rsa2048", 24, server_dns),
  JUDGE_LEAF ("under-no-cert-sign", "no-cert-sign-ca", "server-rsa2048", 25, server_dns),
  JUDGE_LEAF ("under-lax-ca", "bc-non-critical-ca", "server-rsa2048", 26, server_dns),
  JUDGE_LEAF ("unknown-ext", "intermediate", "server-rsa2048", 27, server_dns,
              .unknown_critical_extension = TRUE),
  JUDGE_LEAF ("eku-critical", "intermediate", "server-rsa2048", 28, server_dns,
              .ext_key_usage = HL_EXT_KEY_USAGE_SERVER_AUTH, .ext_key_usage_critical = TRUE),
  JUDGE_LEAF ("client-only", "intermediate", "server-rsa2048", 29, server_dns,
              .ext_key_usage = HL_EXT_KEY_USAGE_CLIENT_AUTH),
  JUDGE_LEAF ("wildcard", "intermediate", "server-rsa2048", 30, wildcard_dns),
  JUDGE_LEAF ("cn-only", "intermediate", "server-rsa2048", 31, NULL),
  JUDGE_LEAF ("other-san", "intermediate", "server-rsa2048", 32, cn_host_other),
  JUDGE_LEAF ("ip-only", "intermediate", "server-rsa2048", 33, NULL, .ip_addresses = ip_only),
  JUDGE_LEAF ("rsa1024", "intermediate", "server-rsa1024", 34, server_dns),
  JUDGE_LEAF ("sha1", "intermediate", "server-rsa2048", 35, server_dns,
              .signature_hash = HL_SIGNATURE_HASH_SHA1),
  JUDGE_LEAF ("no-key-ids", "intermediate", "server-rsa2048", 36, server_dns, .omit_key_ids = TRUE),
  JUDGE_LEAF ("under-weak-ca", "weak-ca", "server-rsa2048", 38, server_dns),
  JUDGE_LEAF ("ec-sha384", "ec-root", "server-ec-p256", 37, server_dns,
              .signature_hash = HL_SIGNATURE_HASH_SHA384),
};

typedef struct
{
  const char *chain[4];         /* leaf first, NULL-terminated; the rest go to -untrusted */
  const char *anchor;
  const char *host;             /* BearSSL's server name and -verify_hostname; NULL: none */
  const char *openssl_extra[3]; /* more verify options */
  gboolean    lax;              /* leave out -x509_strict */
  const char *openssl_says;     /* what `openssl verify` prints */
  int         bearssl_says;     /* br_x509_minimal end_chain() */
  int         min_rsa_bytes;    /* br_x509_minimal_set_minrsa(); 0: default */
} JudgeCase;

static const JudgeCase judge_cases[] = {
  { { "good", "intermediate" }, "root", SERVER_NAME, { NULL }, FALSE, ": OK", BR_ERR_OK },
  { { "wrong-key", "intermediate" }, "root", SERVER_NAME, { NULL }, FALSE,
    "error 7 at 0 depth lookup: certificate signature failure", BR_ERR_X509_BAD_SIGNATURE },
  { { "under-not-ca", "not-ca" }, "root", SERVER_NAME, { NULL }, FALSE,
    "at 1 depth lookup: invalid CA certificate", BR_ERR_X509_NOT_CA },
  /* no basicConstraints at all: not a CA, with or without -x509_strict */
  { { "under-no-bc-ca", "no-bc-ca" }, "root", SERVER_NAME, { NULL }, FALSE,
    "at 1 depth lookup: invalid CA certificate", BR_ERR_X509_NOT_CA },
  { { "under-no-bc-ca", "no-bc-ca" }, "root", SERVER_NAME, { NULL }, TRUE,
    "at 1 depth lookup: invalid CA certificate", BR_ERR_X509_NOT_CA },
  { { "too-deep", "sub-ca", "intermediate" }, "root", SERVER_NAME, { NULL }, FALSE,
    "path length constraint exceeded", BR_ERR_X509_NOT_CA },
  { { "under-no-cert-sign", "no-cert-sign-ca" }, "root", SERVER_NAME, { NULL }, FALSE,
    "at 1 depth lookup: key usage does not include certificate signing",
    BR_ERR_X509_FORBIDDEN_KEY_USAGE },
  { { "under-lax-ca", "bc-non-critical-ca" }, "root", SERVER_NAME, { NULL }, FALSE,
    "at 1 depth lookup: Basic Constraints of CA cert not marked critical", BR_ERR_OK },
  { { "unknown-ext", "intermediate" }, "root", SERVER_NAME, { NULL }, FALSE,
    "error 34 at 0 depth lookup: unhandled critical extension", BR_ERR_X509_CRITICAL_EXTENSION },
  /* BearSSL does not understand extendedKeyUsage at all */
  { { "eku-critical", "intermediate" }, "root", SERVER_NAME, { "-purpose", "sslserver" }, FALSE,
    ": OK", BR_ERR_X509_CRITICAL_EXTENSION },
  { { "client-only", "intermediate" }, "root", SERVER_NAME, { "-purpose", "sslserver" }, FALSE,
    "at 0 depth lookup: unsuitable certificate purpose", BR_ERR_OK },
  { { "wildcard", "intermediate" }, "root", SERVER_NAME, { NULL }, FALSE, ": OK", BR_ERR_OK },
  { { "wildcard", "intermediate" }, "root", "a.www.handshake-lab.test", { NULL }, FALSE,
    "hostname mismatch", BR_ERR_X509_BAD_SERVER_NAME },
  { { "wildcard", "intermediate" }, "root", "handshake-lab.test", { NULL }, FALSE,
    "hostname mismatch", BR_ERR_X509_BAD_SERVER_NAME },
  { { "cn-only", "intermediate" }, "root", SERVER_NAME, { NULL }, FALSE, ": OK", BR_ERR_OK },
  { { "cn-only", "intermediate" }, "root", "other.handshake-lab.test", { NULL }, FALSE,
    "hostname mismatch", BR_ERR_X509_BAD_SERVER_NAME },
  /* a SAN without that name: the CN is no longer looked at */
  { { "other-san", "intermediate" }, "root", SERVER_NAME, { NULL }, FALSE,
    "hostname mismatch", BR_ERR_X509_BAD_SERVER_NAME },
  { { "ip-only", "intermediate" }, "root", NULL, { "-verify_ip", "192.0.2.1" }, FALSE,
    ": OK", BR_ERR_OK },
  { { "ip-only", "intermediate" }, "root", NULL, { "-verify_ip", "192.0.2.2" }, FALSE,
    "IP address mismatch", BR_ERR_OK },
  /* a server name is matched against dNSName (and the CN) only, never
   * against iPAddress: an IP-only certificate fails BearSSL's name check */
  { { "ip-only", "intermediate" }, "root", "192.0.2.1", { NULL }, FALSE,
    "at 0 depth lookup: hostname mismatch", BR_ERR_X509_BAD_SERVER_NAME },
  /* br_x509_minimal's default floor is 128 bytes: RSA-1024 is just
   * enough.  Only a raised floor (or OpenSSL's level 2) rejects it. */
  { { "rsa1024", "intermediate" }, "root", SERVER_NAME, { NULL }, FALSE, ": OK", BR_ERR_OK },
  { { "rsa1024", "intermediate" }, "root", SERVER_NAME, { "-auth_level", "2" }, FALSE,
    "at 0 depth lookup: EE certificate key too weak", BR_ERR_X509_WEAK_PUBLIC_KEY, 256 },
  { { "under-weak-ca", "weak-ca" }, "root", SERVER_NAME, { NULL }, FALSE, ": OK", BR_ERR_OK },
  { { "under-weak-ca", "weak-ca" }, "root", SERVER_NAME, { "-auth_level", "2" }, FALSE,
    "at 1 depth lookup: CA certificate key too weak", BR_ERR_X509_WEAK_PUBLIC_KEY, 256 },
  { { "sha1", "intermediate" }, "root", SERVER_NAME, { NULL }, FALSE, ": OK", BR_ERR_OK },
  { { "sha1", "intermediate" }, "root", SERVER_NAME, { "-auth_level", "1" }, FALSE,
    "CA signature digest algorithm too weak", BR_ERR_OK },
  { { "no-key-ids", "intermediate" }, "root", SERVER_NAME, { NULL }, FALSE,
    "Missing Authority Key Identifier", BR_ERR_OK },
  { { "no-key-ids", "intermediate" }, "root", SERVER_NAME, { NULL }, TRUE, ": OK", BR_ERR_OK },
  { { "ec-sha384" }, "ec-root", SERVER_NAME, { NULL }, FALSE, ": OK", BR_ERR_OK },
  { { "good" }, "root", SERVER_NAME, { NULL }, FALSE,
    "unable to get local issuer certificate", BR_ERR_X509_NOT_TRUSTED },
};

static void
test_pki_judges (void)
{
  g_autoptr(HlPki) pki = hl_pki_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) pems = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *at_clock = g_strdup_printf ("%" G_GINT64_FORMAT, CLOCK);
  g_autofree char *untrusted = hl_test_scratch_path ("judge-untrusted.pem");
  g_autoptr(GString) wrong = g_string_new (NULL);

  if (!have_openssl ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (judge_recipes); i++)
    {
      g_assert_true (hl_pki_add (pki, &judge_recipes[i], &error));
      g_assert_no_error (error);
      g_hash_table_insert (pems, (gpointer) judge_recipes[i].name,
                           export_cert (pki, judge_recipes[i].name));
    }

  /* the wrong key left the issuer name alone */
  g_assert_true (der_contains (hl_pki_get_der (pki, "wrong-key"),
                               "55 04 03 0c 1d 48 61 6e 64 73 68 61 6b 65"));
  g_assert_true (hl_pki_get_issuer_key (pki, "wrong-key") == hl_pki_get_key (pki, "intermediate"));

  for (guint i = 0; i < G_N_ELEMENTS (judge_cases); i++)
    {
      const JudgeCase *c = &judge_cases[i];
      const char *anchor_names[] = { c->anchor, NULL };
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GString) untrusted_pem = g_string_new (NULL);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *command = NULL;
      g_autofree char *std_out = NULL;
      g_autofree char *std_err = NULL;
      const br_x509_certificate *chain;
      const br_x509_trust_anchor *anchors;
      gsize n_certs;
      gsize n_anchors;
      int status;
      int verdict;

      g_ptr_array_add (argv, (char *) "openssl");
      g_ptr_array_add (argv, (char *) "verify");
      if (!c->lax)
        g_ptr_array_add (argv, (char *) "-x509_strict");
      g_ptr_array_add (argv, (char *) "-attime");
      g_ptr_array_add (argv, at_clock);
      g_ptr_array_add (argv, (char *) "-CAfile");
      g_ptr_array_add (argv, g_hash_table_lookup (pems, c->anchor));
      if (c->host != NULL)
        {
          g_ptr_array_add (argv, (char *) "-verify_hostname");
          g_ptr_array_add (argv, (char *) c->host);
        }
      for (guint j = 0; c->openssl_extra[j] != NULL; j++)
        g_ptr_array_add (argv, (char *) c->openssl_extra[j]);
      if (c->chain[1] != NULL)
        {
          for (guint j = 1; j < G_N_ELEMENTS (c->chain) && c->chain[j] != NULL; j++)
            {
              g_autofree char *pem = NULL;

              g_file_get_contents (g_hash_table_lookup (pems, c->chain[j]), &pem, NULL, &local_error);
              g_assert_no_error (local_error);
              g_string_append (untrusted_pem, pem);
            }
          g_file_set_contents (untrusted, untrusted_pem->str, untrusted_pem->len, &local_error);
          g_assert_no_error (local_error);
          g_ptr_array_add (argv, (char *) "-untrusted");
          g_ptr_array_add (argv, untrusted);
        }
      g_ptr_array_add (argv, g_hash_table_lookup (pems, c->chain[0]));
      g_ptr_array_add (argv, NULL);

      g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH,
                    NULL, NULL, &std_out, &std_err, &status, &local_error);
      g_assert_no_error (local_error);
      out = g_strconcat (std_out, std_err, NULL);
      command = g_strjoinv (" ", (char **) argv->pdata);
      g_test_message ("case %u: $ %s\n%s", i, command, out);
      if (strstr (out, c->openssl_says) == NULL ||
          g_str_equal (c->openssl_says, ": OK") != g_spawn_check_wait_status (status, NULL))
        g_string_append_printf (wrong, "case %u (%s, host %s): expected OpenSSL to say '%s', it said:\n%s",
                                i, c->chain[0], c->host, c->openssl_says, out);

      chain = hl_pki_get_chain (pki, c->chain, &n_certs, &error);
      g_assert_no_error (error);
      anchors = hl_pki_get_trust_anchors (pki, anchor_names, &n_anchors, &error);
      g_assert_no_error (error);
      verdict = bearssl_validate_min_rsa (anchors, n_anchors, chain, n_certs, c->host, CLOCK,
                                          c->min_rsa_bytes);
      if (verdict != c->bearssl_says)
        g_string_append_printf (wrong, "case %u (%s, host %s): expected BearSSL to say %d, it said %d\n",
                                i, c->chain[0], c->host, c->bearssl_says, verdict);
    }

  if (wrong->len > 0)
    g_error ("the judges did not say what was expected:\n%s", wrong->str);

  /* the values the lessons quote, pinned to BearSSL's header */
  g_assert_cmpint (BR_ERR_X509_BAD_SIGNATURE, ==, 52);
  g_assert_cmpint (BR_ERR_X509_CRITICAL_EXTENSION, ==, 57);
  g_assert_cmpint (BR_ERR_X509_NOT_CA, ==, 58);
  g_assert_cmpint (BR_ERR_X509_FORBIDDEN_KEY_USAGE, ==, 59);
  g_assert_cmpint (BR_ERR_X509_WEAK_PUBLIC_KEY, ==, 60);
  g_assert_cmpint (BR_ERR_X509_NOT_TRUSTED, ==, 62);
}

/* ------------------------------------------------------------------ */
/* the [Certificate NAME] keys of a scenario                           */

#define SCENARIO_HEAD \
  "[Scenario]\nid=t\ngroup=basics\ntitle=T\nsummary=S\nseed=1\nclock=2026-03-01T12:00:00Z\n" \
  "[Client]\nversions=TLS 1.2\nsuites=TLS_RSA_WITH_AES_128_GCM_SHA256\n" \
  "server-name=www.handshake-lab.test\ntrust=root\n" \
  "[Server]\nversions=TLS 1.2\nsuites=TLS_RSA_WITH_AES_128_GCM_SHA256\nchain=server\n" \
  "[Expect]\noutcome=success\n" \
  "[Certificate root]\nsubject-cn=Root\nissuer=root\nkey=root-ca-rsa2048\nserial=1\n" \
  "valid-from=-10d\nvalid-until=+10d\nca=true\n" \
  "[Certificate server]\nsubject-cn=www.handshake-lab.test\nissuer=root\nkey=server-rsa2048\n" \
  "serial=2\nvalid-from=-1d\nvalid-until=+1d\n"

static HlScenario *
load_scenario_with (const char  *extra,
                    GError     **error)
{
  g_autofree char *text = g_strconcat (SCENARIO_HEAD, extra, NULL);

  return hl_scenario_new_from_data (text, strlen (text), "test.scenario", error);
}

static void
test_pki_scenario_keys (void)
{
  static const struct { const char *extra; const char *message; } bad[] = {
    { "subject-c=Germany\n", "[Certificate server] subject-c: “Germany”" },
    { "basic-constraints=maybe\n", "[Certificate server] basic-constraints: “maybe”" },
    { "ext-key-usage=server-auth;code-signing\n", "[Certificate server] ext-key-usage: “code-signing”" },
    { "ext-key-usage-critical=yes\n", "[Certificate server] ext-key-usage-critical: “yes”" },
    { "ext-key-usage-critical=true\n", "[Certificate server] ext-key-usage-critical: there is no" },
    { "ip-addresses=192.0.2.1;example.test\n", "[Certificate server] ip-addresses: “example.test”" },
    { "signature-hash=md5\n", "[Certificate server] signature-hash: “md5”" },
    { "signed-by-key=mallory\n", "[Certificate server] signed-by-key: there is no demo key “mallory”" },
    { "unknown-critical-extension=1\n", "[Certificate server] unknown-critical-extension: “1”" },
    { "subject-key-id=no\n", "[Certificate server] subject-key-id: “no”" },
    { "ca=true\nbasic-constraints=absent\n", "[Certificate server] basic-constraints: a CA" },
  };
  g_autoptr(HlScenario) scenario = NULL;
  g_autoptr(HlPki) pki = hl_pki_new ();
  g_autoptr(GError) error = NULL;
  const HlCertRecipe *recipe;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(HlScenario) s = load_scenario_with (bad[i].extra, &error);

      g_assert_null (s);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      if (!g_str_has_prefix (error->message, "test.scenario: ") ||
          strstr (error->message, bad[i].message) == NULL)
        g_error ("expected '%s' in: %s", bad[i].message, error->message);
      g_clear_error (&error);
    }

  scenario = load_scenario_with ("subject-ou=Teaching\nsubject-c=DE\n"
                                 "basic-constraints=non-critical\n"
                                 "ext-key-usage=server-auth;client-auth\n"
                                 "ext-key-usage-critical=true\n"
                                 "dns-names=*.handshake-lab.test\n"
                                 "ip-addresses=192.0.2.1;2001:db8::1\n"
                                 "signature-hash=sha384\nsigned-by-key=attacker-rsa2048\n"
                                 "unknown-critical-extension=true\nsubject-key-id=false\n",
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hl_scenario_get_n_certificates (scenario), ==, 2);
  recipe = hl_scenario_get_certificate (scenario, 1);
  g_assert_cmpstr (recipe->name, ==, "server");
  g_assert_cmpstr (recipe->subject_ou, ==, "Teaching");
  g_assert_cmpstr (recipe->subject_c, ==, "DE");
  g_assert_cmpint (recipe->basic_constraints, ==, HL_BASIC_CONSTRAINTS_NON_CRITICAL);
  g_assert_cmpuint (recipe->ext_key_usage, ==,
                    HL_EXT_KEY_USAGE_SERVER_AUTH | HL_EXT_KEY_USAGE_CLIENT_AUTH);
  g_assert_true (recipe->ext_key_usage_critical);
  g_assert_cmpstr (recipe->dns_names[0], ==, "*.handshake-lab.test");
  g_assert_cmpstr (recipe->ip_addresses[0], ==, "192.0.2.1");
  g_assert_cmpstr (recipe->ip_addresses[1], ==, "2001:db8::1");
  g_assert_null (recipe->ip_addresses[2]);
  g_assert_cmpint (recipe->signature_hash, ==, HL_SIGNATURE_HASH_SHA384);
  g_assert_cmpstr (recipe->signed_by_key, ==, "attacker-rsa2048");
  g_assert_true (recipe->unknown_critical_extension);
  g_assert_true (recipe->omit_key_ids);

  for (guint i = 0; i < hl_scenario_get_n_certificates (scenario); i++)
    {
      g_assert_true (hl_pki_add (pki, hl_scenario_get_certificate (scenario, i), &error));
      g_assert_no_error (error);
    }
  g_clear_object (&scenario);

  /* defaults: an ordinary certificate */
  scenario = load_scenario_with ("", &error);
  g_assert_no_error (error);
  recipe = hl_scenario_get_certificate (scenario, 1);
  g_assert_null (recipe->subject_ou);
  g_assert_null (recipe->subject_c);
  g_assert_cmpint (recipe->basic_constraints, ==, HL_BASIC_CONSTRAINTS_CRITICAL);
  g_assert_cmpuint (recipe->ext_key_usage, ==, 0);
  g_assert_false (recipe->ext_key_usage_critical);
  g_assert_null (recipe->ip_addresses);
  g_assert_cmpint (recipe->signature_hash, ==, HL_SIGNATURE_HASH_DEFAULT);
  g_assert_null (recipe->signed_by_key);
  g_assert_false (recipe->unknown_critical_extension);
  g_assert_false (recipe->omit_key_ids);
}

void
hl_test_pki_add_features_tests (void)
{
  g_test_add_func ("/pki/features", test_pki_features);
  g_test_add_func ("/pki/feature-errors", test_pki_feature_errors);
  g_test_add_func ("/pki/judges", test_pki_judges);
  g_test_add_func ("/pki/scenario-keys", test_pki_scenario_keys);
}
