/* test-pki-key.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Keys: the demo keys, the formats read, the errors, bundles, EC keys. */

#define G_LOG_DOMAIN "test-pki"

#include "config.h"

#include "test-pki.h"

static void
sha256 (const void *data,
        gsize       len,
        guint8      out[br_sha256_SIZE])
{
  br_sha256_context sc;

  br_sha256_init (&sc);
  br_sha256_update (&sc, data, len);
  br_sha256_out (&sc, out);
}

/* ------------------------------------------------------------------ */
/* keys                                                               */

static void
check_rsa_key_signs (HlKey *key)
{
  const br_rsa_public_key *pk = hl_key_get_rsa_public (key);
  g_autoptr(GBytes) sig = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  guint8 hash[br_sha256_SIZE];
  guint8 recovered[br_sha256_SIZE];
  const guint8 *s;
  gsize s_len;

  sha256 ("Handshake Lab", 13, hash);
  sig = hl_key_sign_hash (key, br_sha256_ID, hash, sizeof hash, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sig);
  s = g_bytes_get_data (sig, &s_len);
  g_assert_cmpuint (s_len, ==, pk->nlen);

  /* The derived public key must undo the private one. */
  g_assert_true (br_rsa_pkcs1_vrfy_get_default () (s, s_len, BR_HASH_OID_SHA256,
                                                   sizeof recovered, pk, recovered));
  g_assert_cmpmem (recovered, sizeof recovered, hash, sizeof hash);

  /* PKCS#1 v1.5 is deterministic, which the reproducible runs rely on. */
  again = hl_key_sign_hash (key, br_sha256_ID, hash, sizeof hash, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (sig, again));

  g_assert_null (hl_key_sign_hash (key, br_sha256_ID, hash, 20, &error));
  g_assert_error (error, HL_KEY_ERROR, HL_KEY_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_null (hl_key_sign_hash (key, 42, hash, sizeof hash, &error));
  g_assert_error (error, HL_KEY_ERROR, HL_KEY_ERROR_UNSUPPORTED);
}

static void
test_key_demo (void)
{
  static const char * const names[] = {
    "root-ca-rsa2048", "intermediate-ca-rsa2048", "server-rsa2048",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HlKey) key = hl_key_load_demo (names[i], &error);
      const br_rsa_public_key *pk;

      g_assert_no_error (error);
      g_assert_nonnull (key);
      g_assert_cmpstr (hl_key_get_name (key), ==, names[i]);
      g_assert_cmpint (hl_key_get_key_type (key), ==, HL_KEY_TYPE_RSA);
      g_assert_cmpuint (hl_key_get_bits (key), ==, 2048);
      g_assert_cmpint (hl_key_get_curve (key), ==, 0);
      g_assert_null (hl_key_get_ec (key));
      g_assert_null (hl_key_get_ec_public (key));
      g_assert_nonnull (hl_key_get_rsa (key));
      g_assert_cmpuint (hl_key_get_rsa (key)->n_bitlen, ==, 2048);

      pk = hl_key_get_rsa_public (key);
      g_assert_nonnull (pk);
      g_assert_cmpuint (pk->nlen, ==, 256);
      g_assert_cmphex (pk->n[0] & 0x80, ==, 0x80);
      g_assert_cmpmem (pk->e, pk->elen, "\x01\x00\x01", 3);

      check_rsa_key_signs (key);

      g_assert_true (hl_key_ref (key) == key);
      hl_key_unref (key);
    }
}

/* The same key as PKCS#8 PEM, PKCS#1 PEM and PKCS#8 DER, converted by
 * OpenSSL, must give the same public key; and OpenSSL's public key must
 * be ours. */
static void
test_key_formats (void)
{
  g_autoptr(GBytes) pem = demo_pem ("server-rsa2048");
  g_autofree char *pkcs8_path = hl_test_scratch_path ("server-key.pem");
  g_autofree char *pkcs1_path = hl_test_scratch_path ("server-key-pkcs1.pem");
  g_autofree char *der_path = hl_test_scratch_path ("server-key.der");
  g_autofree char *pub_path = hl_test_scratch_path ("server-pub.der");
  g_autofree char *out = NULL;
  g_autoptr(GBytes) pkcs1 = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GBytes) pub = NULL;
  g_autoptr(HlKey) reference = NULL;
  g_autoptr(HlKey) from_pkcs1 = NULL;
  g_autoptr(HlKey) from_der = NULL;
  g_autoptr(GError) error = NULL;
  const br_rsa_public_key *pk;
  const guint8 *p;
  gsize len;

  if (!have_openssl ())
    return;

  hl_test_write_bytes (pkcs8_path, pem);
  g_assert_true (hl_test_run (NULL, &out, "openssl", "rsa", "-traditional", "-in", pkcs8_path,
                                    "-out", pkcs1_path, NULL));
  g_clear_pointer (&out, g_free);
  g_assert_true (hl_test_run (NULL, &out, "openssl", "pkey", "-in", pkcs8_path, "-outform", "DER",
                                    "-out", der_path, NULL));
  g_clear_pointer (&out, g_free);
  g_assert_true (hl_test_run (NULL, &out, "openssl", "pkey", "-in", pkcs8_path, "-pubout",
                                    "-outform", "DER", "-out", pub_path, NULL));

  reference = hl_key_load_demo ("server-rsa2048", &error);
  g_assert_no_error (error);
  pk = hl_key_get_rsa_public (reference);

  pkcs1 = hl_test_read_file (pkcs1_path);
  p = g_bytes_get_data (pkcs1, &len);
  g_assert_nonnull (strstr ((const char *) p, "BEGIN RSA PRIVATE KEY"));
  from_pkcs1 = hl_key_new_from_data (p, len, pkcs1_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hl_key_get_name (from_pkcs1), ==, pkcs1_path);
  g_assert_cmpmem (hl_key_get_rsa_public (from_pkcs1)->n, hl_key_get_rsa_public (from_pkcs1)->nlen,
                   pk->n, pk->nlen);

  der = hl_test_read_file (der_path);
  p = g_bytes_get_data (der, &len);
  from_der = hl_key_new_from_data (p, len, der_path, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (hl_key_get_rsa_public (from_der)->n, hl_key_get_rsa_public (from_der)->nlen,
                   pk->n, pk->nlen);

  /* OpenSSL's SubjectPublicKeyInfo for RSA-2048 ends with the modulus and
   * then the exponent 65537 (02 03 01 00 01). */
  pub = hl_test_read_file (pub_path);
  p = g_bytes_get_data (pub, &len);
  g_assert_cmpuint (len, >, 5 + 256);
  g_assert_cmpmem (p + len - 5 - 256, 256, pk->n, pk->nlen);
  g_assert_cmpmem (p + len - 5, 5, "\x02\x03\x01\x00\x01", 5);
}

static void
assert_key_error (const char *data,
                  gsize       len,
                  const char *origin,
                  int         code,
                  const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlKey) key = hl_key_new_from_data ((const guint8 *) data, len, origin, &error);

  g_assert_null (key);
  g_assert_error (error, HL_KEY_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, origin));
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_key_errors (void)
{
  g_autoptr(GBytes) pem = demo_pem ("server-rsa2048");
  g_autofree char *text = g_strndup (g_bytes_get_data (pem, NULL), g_bytes_get_size (pem));
  g_autofree char *bad_base64 = g_strdup (text);
  g_autofree char *truncated = NULL;
  g_autofree char *short_der = NULL;
  g_autofree char *cert_b64 = g_base64_encode ((const guint8 *) "\x30\x03\x02\x01\x01", 5);
  g_autofree char *cert = NULL;
  g_autofree char *short_b64 = NULL;
  g_autofree char *encrypted = NULL;
  char *body = strstr (bad_base64, "-----BEGIN PRIVATE KEY-----\n");
  const char *end_line = strstr (text, "-----END PRIVATE KEY-----");

  g_assert_nonnull (body);
  g_assert_nonnull (end_line);

  assert_key_error ("", 0, "empty.pem", HL_KEY_ERROR_MALFORMED, "not PEM or DER");
  assert_key_error ("\x01\x02 hello", 8, "garbage.bin", HL_KEY_ERROR_MALFORMED, "not PEM or DER");
  assert_key_error ("hello world\n", 12, "notes.txt", HL_KEY_ERROR_MALFORMED, "not PEM or DER");
  assert_key_error ("\x30\x03\x02\x01", 4, "short.der", HL_KEY_ERROR_MALFORMED, "truncated");

  body[28 + 10] = '!';
  assert_key_error (bad_base64, strlen (bad_base64), "bad64.pem", HL_KEY_ERROR_MALFORMED,
                    "bad base64 in PEM block 'PRIVATE KEY'");

  cert = g_strdup_printf ("-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----\n", cert_b64);
  assert_key_error (cert, strlen (cert), "cert.pem", HL_KEY_ERROR_MALFORMED,
                    "PEM block 'CERTIFICATE' is not a private key");

  /* cut in the middle of the base64 body, no END line */
  truncated = g_strndup (text, (gsize) (end_line - text) - 200);
  assert_key_error (truncated, strlen (truncated), "cut.pem", HL_KEY_ERROR_MALFORMED, "truncated");

  /* a complete PEM block whose DER is cut short */
  short_b64 = g_base64_encode ((const guint8 *) "\x30\x82\x04\xbd\x02\x01\x00", 7);
  short_der = g_strdup_printf ("-----BEGIN PRIVATE KEY-----\n%s\n-----END PRIVATE KEY-----\n", short_b64);
  assert_key_error (short_der, strlen (short_der), "short.pem", HL_KEY_ERROR_MALFORMED, "truncated");

  encrypted = g_strdup_printf ("-----BEGIN ENCRYPTED PRIVATE KEY-----\n%s\n-----END ENCRYPTED PRIVATE KEY-----\n",
                               cert_b64);
  assert_key_error (encrypted, strlen (encrypted), "enc.pem", HL_KEY_ERROR_UNSUPPORTED, "encrypted");
}

/* A file holding a certificate (even a damaged one) and then the key, as
 * many servers keep them, gives the key. */
static void
test_key_bundle (void)
{
  g_autoptr(GBytes) pem = demo_pem ("server-rsa2048");
  g_autofree char *key_text = g_strndup (g_bytes_get_data (pem, NULL), g_bytes_get_size (pem));
  g_autofree char *cert_b64 = g_base64_encode ((const guint8 *) "\x30\x03\x02\x01\x01", 5);
  g_autofree char *bundle = g_strdup_printf ("-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----\n%s",
                                             cert_b64, key_text);
  g_autofree char *damaged = g_strdup_printf ("-----BEGIN CERTIFICATE-----\nMI!!\n-----END CERTIFICATE-----\n%s",
                                              key_text);
  g_autoptr(GError) error = NULL;
  g_autoptr(HlKey) key = NULL;
  g_autoptr(HlKey) key2 = NULL;

  key = hl_key_new_from_data ((const guint8 *) bundle, strlen (bundle), "bundle.pem", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hl_key_get_bits (key), ==, 2048);

  key2 = hl_key_new_from_data ((const guint8 *) damaged, strlen (damaged), "damaged.pem", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (hl_key_get_rsa_public (key2)->n, 256, hl_key_get_rsa_public (key)->n, 256);
}

/* Every strict prefix of a valid DER key, and random or damaged input,
 * must give an error (or, for damage, possibly a key), never a crash. */
static void
test_key_garbage (void)
{
  g_autoptr(GBytes) pem = demo_pem ("server-rsa2048");
  g_autoptr(HlKey) key = NULL;
  g_autoptr(GByteArray) der = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strndup (g_bytes_get_data (pem, NULL), g_bytes_get_size (pem));
  g_autofree guchar *decoded = NULL;
  const char *b64 = strstr (text, "-----\n");
  const char *b64_end = strstr (text, "-----END");
  g_autofree char *b64_copy = NULL;
  gsize decoded_len;

  g_assert_nonnull (b64);
  b64_copy = g_strndup (b64 + 6, (gsize) (b64_end - b64 - 6));
  decoded = g_base64_decode (b64_copy, &decoded_len);
  g_byte_array_append (der, decoded, decoded_len);

  key = hl_key_new_from_data (der->data, der->len, "whole.der", &error);
  g_assert_no_error (error);
  g_clear_pointer (&key, hl_key_unref);

  for (gsize len = 1; len < der->len; len++)
    {
      key = hl_key_new_from_data (der->data, len, "prefix.der", &error);
      g_assert_null (key);
      g_assert_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED);
      g_clear_error (&error);
    }

  /* PEM cut anywhere before its END line (BearSSL takes "-----END " as
   * the end whatever follows) */
  for (gsize len = 0; len < (gsize) (b64_end - text) + strlen ("-----END "); len++)
    {
      key = hl_key_new_from_data ((const guint8 *) text, len, "prefix.pem", &error);
      g_assert_null (key);
      g_assert_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED);
      if (text + len > b64)
        g_assert_nonnull (strstr (error->message, "truncated"));
      g_clear_error (&error);
    }

  for (guint round = 0; round < (g_test_thorough () ? 20000u : 500u); round++)
    {
      g_autofree guint8 *copy = g_memdup2 (der->data, der->len);
      g_autofree char *pem_copy = g_strdup (text);
      guint8 junk[256];
      gsize junk_len = (gsize) g_test_rand_int_range (1, sizeof junk);

      copy[g_test_rand_int_range (0, (gint32) der->len)] ^= (guint8) g_test_rand_int_range (1, 256);
      key = hl_key_new_from_data (copy, der->len, "damaged.der", &error);
      g_assert_true ((key == NULL) != (error == NULL));
      g_clear_pointer (&key, hl_key_unref);
      g_clear_error (&error);

      pem_copy[g_test_rand_int_range (0, (gint32) strlen (text))] = (char) g_test_rand_int_range (1, 256);
      key = hl_key_new_from_data ((const guint8 *) pem_copy, strlen (pem_copy), "damaged.pem", &error);
      g_assert_true ((key == NULL) != (error == NULL));
      g_clear_pointer (&key, hl_key_unref);
      g_clear_error (&error);

      for (gsize i = 0; i < junk_len; i++)
        junk[i] = (guint8) g_test_rand_int_range (0, 256);
      if (round % 2 == 0)
        junk[0] = 0x30;
      key = hl_key_new_from_data (junk, junk_len, "random.bin", &error);
      g_assert_null (key);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
}

static void
test_key_not_found (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlKey) key = hl_key_load_demo ("nope", &error);

  g_assert_null (key);
  g_assert_error (error, HL_KEY_ERROR, HL_KEY_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "'nope'"));
}

static void
test_key_ec (void)
{
  static const struct {
    const char *name;
    int         curve;
    guint       bits;
    gsize       qlen;
  } keys[] = {
    { "test-ec-p256",      BR_EC_secp256r1, 256,  65 },
    { "test-ec-p256-sec1", BR_EC_secp256r1, 256,  65 },
    { "test-ec-p384",      BR_EC_secp384r1, 384,  97 },
    { "test-ec-p521",      BR_EC_secp521r1, 521, 133 },
  };

  if (!have_ec_keys)
    {
      g_test_skip ("no OpenSSL-made EC keys (openssl or glib-compile-resources missing)");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HlKey) key = hl_key_load_demo (keys[i].name, &error);
      g_autoptr(GBytes) sig = NULL;
      g_autoptr(GBytes) again = NULL;
      g_autoptr(GBytes) pub = NULL;
      g_autofree char *pub_path = g_strdup_printf ("%s/pki/%s.pub.der", scratch, keys[i].name);
      g_autofree char *pub_pem_path = g_strdup_printf ("%s/pki/%s.pub.pem", scratch, keys[i].name);
      g_autofree char *sig_path = g_strdup_printf ("%s/pki/%s.sig", scratch, keys[i].name);
      g_autofree char *hash_path = g_strdup_printf ("%s/pki/%s.hash", scratch, keys[i].name);
      g_autofree char *out = NULL;
      g_autoptr(GBytes) hash_bytes = NULL;
      const br_ec_public_key *pk;
      guint8 hash[br_sha256_SIZE];
      const guint8 *p;
      gsize len;

      g_assert_no_error (error);
      g_assert_cmpint (hl_key_get_key_type (key), ==, HL_KEY_TYPE_EC);
      g_assert_cmpint (hl_key_get_curve (key), ==, keys[i].curve);
      g_assert_cmpuint (hl_key_get_bits (key), ==, keys[i].bits);
      g_assert_null (hl_key_get_rsa (key));
      g_assert_null (hl_key_get_rsa_public (key));
      g_assert_nonnull (hl_key_get_ec (key));

      /* OpenSSL's SubjectPublicKeyInfo ends with the uncompressed point. */
      pk = hl_key_get_ec_public (key);
      g_assert_cmpint (pk->curve, ==, keys[i].curve);
      g_assert_cmpuint (pk->qlen, ==, keys[i].qlen);
      pub = hl_test_read_file (pub_path);
      p = g_bytes_get_data (pub, &len);
      g_assert_cmpuint (len, >, pk->qlen);
      g_assert_cmpmem (p + len - pk->qlen, pk->qlen, pk->q, pk->qlen);

      sha256 (keys[i].name, strlen (keys[i].name), hash);
      sig = hl_key_sign_hash (key, br_sha256_ID, hash, br_sha256_SIZE, &error);
      g_assert_no_error (error);
      p = g_bytes_get_data (sig, &len);
      g_assert_cmphex (p[0], ==, 0x30);
      g_assert_true (br_ecdsa_vrfy_asn1_get_default () (br_ec_get_default (), hash, br_sha256_SIZE,
                                                        pk, p, len));
      /* RFC 6979: same key, same hash, same signature */
      again = hl_key_sign_hash (key, br_sha256_ID, hash, br_sha256_SIZE, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (sig, again));

      /* and OpenSSL agrees that it is a valid ECDSA signature */
      hash_bytes = g_bytes_new (hash, br_sha256_SIZE);
      hl_test_write_bytes (hash_path, hash_bytes);
      hl_test_write_bytes (sig_path, sig);
      g_assert_true (hl_test_run (NULL, &out, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pub_pem_path,
                                        "-in", hash_path, "-sigfile", sig_path, NULL));
      g_assert_nonnull (strstr (out, "Signature Verified Successfully"));
    }
}

void
hl_test_pki_add_key_tests (void)
{
  g_test_add_func ("/key/demo", test_key_demo);
  g_test_add_func ("/key/formats", test_key_formats);
  g_test_add_func ("/key/errors", test_key_errors);
  g_test_add_func ("/key/bundle", test_key_bundle);
  g_test_add_func ("/key/garbage", test_key_garbage);
  g_test_add_func ("/key/not-found", test_key_not_found);
  g_test_add_func ("/key/ec", test_key_ec);
}
