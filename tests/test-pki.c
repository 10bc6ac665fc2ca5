/* test-pki.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pki"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "hl-der-writer.h"
#include "hl-key.h"
#include "hl-pki.h"
#include "hl-scenario.h"
#include "hl-test-util.h"

/* 2026-03-01T12:00:00Z, the clock of every certificate test */
#define CLOCK        G_GINT64_CONSTANT (1772366400)
#define DAY          G_GINT64_CONSTANT (86400)
/* BearSSL counts days from 1 January of year 0 */
#define BR_UNIX_EPOCH_DAY 719528

#define LEAF_NOT_BEFORE (CLOCK - 30 * DAY)
#define LEAF_NOT_AFTER  (CLOCK + 365 * DAY)
#define CA_NOT_BEFORE   (CLOCK - 365 * DAY)
#define CA_NOT_AFTER    (CLOCK + 3650 * DAY)

#define SERVER_NAME "www.handshake-lab.test"

/* Scratch directory of this run, and whether OpenSSL-made EC keys were
 * registered as extra demo keys (there is no EC demo key in data/pki). */
static const char *scratch;
static gboolean have_ec_keys;
static GResource *ec_resource;

/* ------------------------------------------------------------------ */
/* helpers                                                            */

static char *
strip_spaces (const char *s)
{
  GString *out = g_string_new (NULL);

  for (; *s != '\0'; s++)
    {
      if (*s != ' ')
        g_string_append_c (out, *s);
    }

  return g_string_free (out, FALSE);
}

/* Finishes w and compares with expected hex, spaces ignored. */
static void
assert_der (HlDerWriter *w,
            const char  *expected)
{
  g_autoptr(GBytes) bytes = hl_der_writer_finish (w);
  g_autofree char *got = hl_test_bytes_hex (bytes);
  g_autofree char *want = strip_spaces (expected);

  g_assert_cmpstr (got, ==, want);
}

static gboolean
der_contains (GBytes     *der,
              const char *hex_needle)
{
  g_autofree char *hay = hl_test_bytes_hex (der);
  g_autofree char *needle = strip_spaces (hex_needle);

  return strstr (hay, needle) != NULL;
}

static gboolean
have_openssl (void)
{
  g_autofree char *path = g_find_program_in_path ("openssl");

  if (path == NULL)
    {
      g_test_skip ("openssl is not installed: nothing independent to check against");
      return FALSE;
    }

  return TRUE;
}

static GBytes *
demo_pem (const char *name)
{
  g_autofree char *path = g_strdup_printf (RESOURCE_PREFIX "/pki/%s.pem", name);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return bytes;
}

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

/* Validates a chain the way a BearSSL client would, at time when, with
 * RSA keys of at least min_rsa_bytes (0: BearSSL's default, 128). */
static int
bearssl_validate_min_rsa (const br_x509_trust_anchor *anchors,
                          gsize                       n_anchors,
                          const br_x509_certificate  *chain,
                          gsize                       n_certs,
                          const char                 *server_name,
                          gint64                      when,
                          int                         min_rsa_bytes)
{
  br_x509_minimal_context xc;
  const br_x509_class **vt = &xc.vtable;

  g_assert_cmpint (when, >=, 0);

  br_x509_minimal_init_full (&xc, anchors, n_anchors);
  if (min_rsa_bytes > 0)
    br_x509_minimal_set_minrsa (&xc, min_rsa_bytes);
  br_x509_minimal_set_time (&xc, BR_UNIX_EPOCH_DAY + (guint32) (when / DAY),
                            (guint32) (when % DAY));

  (*vt)->start_chain (vt, server_name);
  for (gsize i = 0; i < n_certs; i++)
    {
      (*vt)->start_cert (vt, (guint32) chain[i].data_len);
      (*vt)->append (vt, chain[i].data, chain[i].data_len);
      (*vt)->end_cert (vt);
    }

  return (int) (*vt)->end_chain (vt);
}

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

/* ------------------------------------------------------------------ */
/* DER writer: known answers worked out by hand from X.690            */

static void
test_der_integer (void)
{
  g_autoptr(HlDerWriter) w = hl_der_writer_new ();
  static const guint8 x80[] = { 0x80 };
  static const guint8 x7f[] = { 0x7f };
  static const guint8 padded[] = { 0x00, 0x00, 0x01, 0x00 };
  static const guint8 zeros[] = { 0x00, 0x00 };
  static const guint8 padded_high[] = { 0x00, 0x00, 0xff, 0x01 };

  hl_der_writer_add_integer (w, x80, sizeof x80);
  assert_der (w, "02 02 00 80");            /* 128 needs a sign octet */
  hl_der_writer_add_integer (w, x7f, sizeof x7f);
  assert_der (w, "02 01 7f");
  hl_der_writer_add_integer (w, padded, sizeof padded);
  assert_der (w, "02 02 01 00");            /* leading zeros stripped */
  hl_der_writer_add_integer (w, padded_high, sizeof padded_high);
  assert_der (w, "02 03 00 ff 01");         /* …but one kept for the sign */
  hl_der_writer_add_integer (w, zeros, sizeof zeros);
  assert_der (w, "02 01 00");
  hl_der_writer_add_integer (w, NULL, 0);
  assert_der (w, "02 01 00");

  hl_der_writer_add_uint64 (w, 0);
  assert_der (w, "02 01 00");
  hl_der_writer_add_uint64 (w, 2);
  assert_der (w, "02 01 02");
  hl_der_writer_add_uint64 (w, 256);
  assert_der (w, "02 02 01 00");
  hl_der_writer_add_uint64 (w, 0x8000);
  assert_der (w, "02 03 00 80 00");
  hl_der_writer_add_uint64 (w, G_MAXUINT64);
  assert_der (w, "02 09 00 ff ff ff ff ff ff ff ff");
}

static void
test_der_length (void)
{
  g_autoptr(HlDerWriter) w = hl_der_writer_new ();
  static const guint8 big_head[] = {
    0x30, 0x83, 0x01, 0x00, 0x07,         /* 5 + 65536 + 2 */
    0x30, 0x83, 0x01, 0x00, 0x00,         /* 4 + 65532 */
    0x04, 0x82, 0xff, 0xfc,
  };
  g_autofree guint8 *zeros = g_malloc0 (65532);
  g_autoptr(GBytes) big = NULL;
  const guint8 *data;
  gsize len;

  hl_der_writer_add_octet_string (w, zeros, 0);
  assert_der (w, "04 00");

  hl_der_writer_add_octet_string (w, zeros, 127);
  big = hl_der_writer_finish (w);
  data = g_bytes_get_data (big, &len);
  g_assert_cmpuint (len, ==, 2 + 127);
  g_assert_cmphex (data[1], ==, 0x7f);      /* last short form */
  g_clear_pointer (&big, g_bytes_unref);

  hl_der_writer_add_octet_string (w, zeros, 128);
  big = hl_der_writer_finish (w);
  data = g_bytes_get_data (big, &len);
  g_assert_cmpuint (len, ==, 3 + 128);
  g_assert_cmphex (data[1], ==, 0x81);      /* first long form */
  g_assert_cmphex (data[2], ==, 0x80);
  g_clear_pointer (&big, g_bytes_unref);

  hl_der_writer_add_octet_string (w, zeros, 200);
  big = hl_der_writer_finish (w);
  data = g_bytes_get_data (big, &len);
  g_assert_cmpuint (len, ==, 3 + 200);
  g_assert_cmphex (data[1], ==, 0x81);
  g_assert_cmphex (data[2], ==, 0xc8);
  g_clear_pointer (&big, g_bytes_unref);

  hl_der_writer_add_octet_string (w, zeros, 256);
  big = hl_der_writer_finish (w);
  data = g_bytes_get_data (big, &len);
  g_assert_cmpuint (len, ==, 4 + 256);
  g_assert_cmphex (data[1], ==, 0x82);
  g_assert_cmphex (data[2], ==, 0x01);
  g_assert_cmphex (data[3], ==, 0x00);
  g_clear_pointer (&big, g_bytes_unref);

  /* A constructed value's length is patched in at end(): 200 bytes of
   * contents plus their 3-byte header make 203 = 0xcb. */
  hl_der_writer_begin (w, HL_DER_SEQUENCE);
  hl_der_writer_add_octet_string (w, zeros, 200);
  hl_der_writer_end (w);
  big = hl_der_writer_finish (w);
  data = g_bytes_get_data (big, &len);
  g_assert_cmpuint (len, ==, 3 + 3 + 200);
  g_assert_cmpmem (data, 6, "\x30\x81\xcb\x04\x81\xc8", 6);
  g_clear_pointer (&big, g_bytes_unref);

  /* 4 + 65532 = 65536 bytes of contents need three length octets. */
  hl_der_writer_begin (w, HL_DER_SEQUENCE);
  hl_der_writer_begin (w, HL_DER_SEQUENCE);
  hl_der_writer_add_octet_string (w, zeros, 65532);
  g_assert_cmpuint (hl_der_writer_get_depth (w), ==, 2);
  hl_der_writer_end (w);
  hl_der_writer_add_null (w);
  hl_der_writer_end (w);
  g_assert_cmpuint (hl_der_writer_get_depth (w), ==, 0);
  big = hl_der_writer_finish (w);
  data = g_bytes_get_data (big, &len);
  g_assert_cmpuint (len, ==, 5 + 5 + 65536 + 2);
  g_assert_cmpmem (data, sizeof big_head, big_head, sizeof big_head);
  g_assert_cmpmem (data + len - 2, 2, "\x05\x00", 2);

  hl_der_writer_begin (w, HL_DER_SEQUENCE);
  hl_der_writer_begin (w, HL_DER_SET);
  hl_der_writer_end (w);
  hl_der_writer_begin (w, HL_DER_SEQUENCE);
  hl_der_writer_add_null (w);
  hl_der_writer_end (w);
  hl_der_writer_end (w);
  assert_der (w, "30 06 31 00 30 02 05 00");
}

static void
test_der_oid (void)
{
  g_autoptr(HlDerWriter) w = hl_der_writer_new ();
  g_autoptr(GBytes) empty = NULL;
  static const char * const bad[] = {
    "", "1", "1.", "3.1", "1.40", "0.40", "1..2", "1.2.", ".1.2", "a.b",
    "01.2", "1.02", "1.2.-3", "1.2.+3", "1.2.18446744073709551616", "1 .2",
  };

  g_assert_true (hl_der_writer_add_oid (w, "1.2.840.113549"));
  assert_der (w, "06 06 2a 86 48 86 f7 0d");
  g_assert_true (hl_der_writer_add_oid (w, "1.2.840.113549.1.1.11"));
  assert_der (w, "06 09 2a 86 48 86 f7 0d 01 01 0b");
  g_assert_true (hl_der_writer_add_oid (w, "2.5.4.3"));
  assert_der (w, "06 03 55 04 03");
  g_assert_true (hl_der_writer_add_oid (w, "1.3.132.0.34"));
  assert_der (w, "06 05 2b 81 04 00 22");
  /* X.690 §8.19.5: 2.999.3, first subidentifier 2 × 40 + 999 = 1079 */
  g_assert_true (hl_der_writer_add_oid (w, "2.999.3"));
  assert_der (w, "06 03 88 37 03");
  g_assert_true (hl_der_writer_add_oid (w, "1.2.18446744073709551615"));
  assert_der (w, "06 0b 2a 81 ff ff ff ff ff ff ff ff 7f");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("bad OID '%s'", bad[i]);
      g_assert_false (hl_der_writer_add_oid (w, bad[i]));
    }
  empty = hl_der_writer_finish (w);
  g_assert_cmpuint (g_bytes_get_size (empty), ==, 0);
}

static void
test_der_simple (void)
{
  g_autoptr(HlDerWriter) w = hl_der_writer_new ();
  g_autoptr(GBytes) empty = NULL;
  static const guint8 key_bits[] = { 0xde, 0xad };

  hl_der_writer_add_boolean (w, TRUE);
  assert_der (w, "01 01 ff");
  hl_der_writer_add_boolean (w, FALSE);
  assert_der (w, "01 01 00");
  hl_der_writer_add_null (w);
  assert_der (w, "05 00");

  g_assert_true (hl_der_writer_add_printable_string (w, "Test CA"));
  assert_der (w, "13 07 54 65 73 74 20 43 41");
  g_assert_false (hl_der_writer_add_printable_string (w, "a@b"));
  g_assert_false (hl_der_writer_add_printable_string (w, "*.example"));
  empty = hl_der_writer_finish (w);
  g_assert_cmpuint (g_bytes_get_size (empty), ==, 0);

  hl_der_writer_add_utf8_string (w, "Zo\xc3\xab");
  assert_der (w, "0c 04 5a 6f c3 ab");

  hl_der_writer_add_bit_string (w, key_bits, sizeof key_bits);
  assert_der (w, "03 03 00 de ad");
  hl_der_writer_add_octet_string (w, key_bits, sizeof key_bits);
  assert_der (w, "04 02 de ad");
  hl_der_writer_add_raw (w, key_bits, sizeof key_bits);
  assert_der (w, "de ad");

  /* version [0] EXPLICIT INTEGER 2; dNSName [2] IMPLICIT IA5String */
  hl_der_writer_begin (w, HL_DER_CONTEXT_CONSTRUCTED (0));
  hl_der_writer_add_uint64 (w, 2);
  hl_der_writer_end (w);
  hl_der_writer_add_primitive (w, HL_DER_CONTEXT (2), (const guint8 *) "a.b", 3);
  assert_der (w, "a0 03 02 01 02  82 03 61 2e 62");
}

static void
test_der_time (void)
{
  g_autoptr(HlDerWriter) w = hl_der_writer_new ();
  g_autoptr(GBytes) empty = NULL;

  /* "260301120000Z" */
  g_assert_true (hl_der_writer_add_time (w, CLOCK));
  assert_der (w, "17 0d 32 36 30 33 30 31 31 32 30 30 30 30 5a");
  /* 2049-12-31T23:59:59Z is the last UTCTime: "491231235959Z" */
  g_assert_true (hl_der_writer_add_time (w, G_GINT64_CONSTANT (2524607999)));
  assert_der (w, "17 0d 34 39 31 32 33 31 32 33 35 39 35 39 5a");
  /* 2050-01-01T00:00:00Z: "20500101000000Z" */
  g_assert_true (hl_der_writer_add_time (w, G_GINT64_CONSTANT (2524608000)));
  assert_der (w, "18 0f 32 30 35 30 30 31 30 31 30 30 30 30 30 30 5a");
  /* 1950-01-01T00:00:00Z: "500101000000Z" */
  g_assert_true (hl_der_writer_add_time (w, G_GINT64_CONSTANT (-631152000)));
  assert_der (w, "17 0d 35 30 30 31 30 31 30 30 30 30 30 30 5a");
  /* 1949-12-31T23:59:59Z: "19491231235959Z" */
  g_assert_true (hl_der_writer_add_time (w, G_GINT64_CONSTANT (-631152001)));
  assert_der (w, "18 0f 31 39 34 39 31 32 33 31 32 33 35 39 35 39 5a");
  /* 9999-12-31T23:59:59Z: "99991231235959Z" */
  g_assert_true (hl_der_writer_add_time (w, G_GINT64_CONSTANT (253402300799)));
  assert_der (w, "18 0f 39 39 39 39 31 32 33 31 32 33 35 39 35 39 5a");

  g_assert_false (hl_der_writer_add_time (w, G_GINT64_CONSTANT (253402300800)));
  empty = hl_der_writer_finish (w);
  g_assert_cmpuint (g_bytes_get_size (empty), ==, 0);
}

static void
test_der_named_bits (void)
{
  g_autoptr(HlDerWriter) w = hl_der_writer_new ();

  /* digitalSignature(0) | keyEncipherment(2): 101 then 5 unused bits */
  hl_der_writer_add_named_bits (w, HL_KEY_USAGE_DIGITAL_SIGNATURE | HL_KEY_USAGE_KEY_ENCIPHERMENT);
  assert_der (w, "03 02 05 a0");
  /* keyCertSign(5) | cRLSign(6): 0000011 then 1 unused bit */
  hl_der_writer_add_named_bits (w, HL_KEY_USAGE_KEY_CERT_SIGN | HL_KEY_USAGE_CRL_SIGN);
  assert_der (w, "03 02 01 06");
  hl_der_writer_add_named_bits (w, HL_KEY_USAGE_DIGITAL_SIGNATURE);
  assert_der (w, "03 02 07 80");
  /* bit 7 fills the first octet exactly: no unused bits */
  hl_der_writer_add_named_bits (w, 1u << 7);
  assert_der (w, "03 02 00 01");
  /* decipherOnly(8) spills into a second octet */
  hl_der_writer_add_named_bits (w, HL_KEY_USAGE_DIGITAL_SIGNATURE | (1u << 8));
  assert_der (w, "03 03 07 80 80");
  hl_der_writer_add_named_bits (w, 0);
  assert_der (w, "03 01 00");
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

/* ------------------------------------------------------------------ */
/* PKI                                                                */

static const char * const server_dns[] = { SERVER_NAME, NULL };

static HlPki *
build_demo_pki (void)
{
  const HlCertRecipe root = {
    .name = "root", .issuer = "root", .key = "root-ca-rsa2048",
    .subject_cn = "Handshake Lab Root CA", .subject_o = "Handshake Lab",
    .serial = 1, .not_before = CA_NOT_BEFORE, .not_after = CA_NOT_AFTER,
    .is_ca = TRUE, .path_len = -1,
    .key_usage = HL_KEY_USAGE_KEY_CERT_SIGN | HL_KEY_USAGE_CRL_SIGN,
  };
  const HlCertRecipe intermediate = {
    .name = "intermediate", .issuer = "root", .key = "intermediate-ca-rsa2048",
    .subject_cn = "Handshake Lab Intermediate CA", .subject_o = "Handshake Lab",
    .serial = 2, .not_before = CA_NOT_BEFORE, .not_after = CA_NOT_AFTER,
    .is_ca = TRUE, .path_len = 0,
    .key_usage = HL_KEY_USAGE_KEY_CERT_SIGN | HL_KEY_USAGE_CRL_SIGN,
  };
  const HlCertRecipe server = {
    .name = "server", .issuer = "intermediate", .key = "server-rsa2048",
    .subject_cn = SERVER_NAME, .subject_o = NULL,
    .serial = G_GUINT64_CONSTANT (0x9234567890abcdef),
    .not_before = LEAF_NOT_BEFORE, .not_after = LEAF_NOT_AFTER,
    .is_ca = FALSE, .path_len = -1,
    .key_usage = HL_KEY_USAGE_DIGITAL_SIGNATURE | HL_KEY_USAGE_KEY_ENCIPHERMENT,
    .dns_names = server_dns,
  };
  g_autoptr(GError) error = NULL;
  HlPki *pki = hl_pki_new ();

  g_assert_true (hl_pki_add (pki, &root, &error));
  g_assert_no_error (error);
  g_assert_true (hl_pki_add (pki, &intermediate, &error));
  g_assert_no_error (error);
  g_assert_true (hl_pki_add (pki, &server, &error));
  g_assert_no_error (error);

  return pki;
}

/* Writes the certificate as DER and PEM; returns the PEM path. */
static char *
export_cert (HlPki      *pki,
             const char *name)
{
  g_autofree char *der_path = g_strdup_printf ("%s/%s.der", scratch, name);
  g_autofree char *out = NULL;
  char *pem_path = g_strdup_printf ("%s/%s.pem", scratch, name);

  hl_test_write_bytes (der_path, hl_pki_get_der (pki, name));
  g_assert_true (hl_test_run (NULL, &out, "openssl", "x509", "-inform", "DER", "-in", der_path,
                                    "-out", pem_path, NULL));

  return pem_path;
}

static char *
openssl_text (const char *pem_path)
{
  char *out = NULL;

  if (!hl_test_run (NULL, &out, "openssl", "x509", "-noout", "-text", "-in", pem_path, NULL))
    g_error ("openssl cannot read %s: %s", pem_path, out);

  return out;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected '%s' in:\n%s", needle, haystack);
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

/* ------------------------------------------------------------------ */
/* setup: OpenSSL makes EC keys, glib-compile-resources makes them     */
/* look like demo keys                                                 */

static gboolean
make_ec_keys (void)
{
  static const struct {
    const char *name;
    const char *curve;
  } keys[] = {
    { "test-ec-p256", "P-256" },
    { "test-ec-p384", "P-384" },
    { "test-ec-p521", "P-521" },
  };
  g_autofree char *compiler = g_find_program_in_path ("glib-compile-resources");
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *pki_dir = hl_test_scratch_path ("pki");
  g_autofree char *xml_path = hl_test_scratch_path ("test-ec.gresource.xml");
  g_autofree char *target = hl_test_scratch_path ("test-ec.gresource");
  g_autofree char *sourcedir = g_strdup_printf ("--sourcedir=%s", scratch);
  g_autofree char *target_arg = g_strdup_printf ("--target=%s", target);
  g_autofree char *p256 = hl_test_scratch_path ("pki/test-ec-p256.pem");
  g_autofree char *sec1 = hl_test_scratch_path ("pki/test-ec-p256-sec1.pem");
  g_autofree char *sec1_pub = hl_test_scratch_path ("pki/test-ec-p256-sec1.pub.der");
  g_autofree char *sec1_pub_pem = hl_test_scratch_path ("pki/test-ec-p256-sec1.pub.pem");
  g_autofree char *out = NULL;
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml_bytes = NULL;
  g_autoptr(GBytes) sec1_pem = NULL;

  if (compiler == NULL || openssl == NULL)
    return FALSE;

  g_assert_cmpint (g_mkdir (pki_dir, 0700), ==, 0);
  g_string_append (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gresources>\n"
                        "  <gresource prefix=\"" RESOURCE_PREFIX "\">\n");

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.pem", pki_dir, keys[i].name);
      g_autofree char *pub = g_strdup_printf ("%s/%s.pub.der", pki_dir, keys[i].name);
      g_autofree char *pub_pem = g_strdup_printf ("%s/%s.pub.pem", pki_dir, keys[i].name);
      g_autofree char *curve = g_strdup_printf ("ec_paramgen_curve:%s", keys[i].curve);

      if (!hl_test_run (NULL, &out, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", curve,
                              "-out", path, NULL))
        g_error ("openssl genpkey: %s", out);
      g_clear_pointer (&out, g_free);
      g_assert_true (hl_test_run (NULL, NULL, "openssl", "pkey", "-in", path, "-pubout", "-outform", "DER",
                                        "-out", pub, NULL));
      g_assert_true (hl_test_run (NULL, NULL, "openssl", "pkey", "-in", path, "-pubout", "-out", pub_pem, NULL));
      g_string_append_printf (xml, "    <file>pki/%s.pem</file>\n", keys[i].name);
    }

  /* the same P-256 key again in SEC1 "EC PRIVATE KEY" form */
  g_assert_true (hl_test_run (NULL, NULL, "openssl", "ec", "-in", p256, "-out", sec1, NULL));
  sec1_pem = hl_test_read_file (sec1);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (sec1_pem, NULL), g_bytes_get_size (sec1_pem),
                                  "-----BEGIN EC PRIVATE KEY-----"));
  g_assert_true (hl_test_run (NULL, NULL, "openssl", "pkey", "-in", sec1, "-pubout", "-outform", "DER",
                                    "-out", sec1_pub, NULL));
  g_assert_true (hl_test_run (NULL, NULL, "openssl", "pkey", "-in", sec1, "-pubout", "-out", sec1_pub_pem, NULL));
  g_string_append (xml, "    <file>pki/test-ec-p256-sec1.pem</file>\n");
  g_string_append (xml, "  </gresource>\n</gresources>\n");

  xml_bytes = g_bytes_new (xml->str, xml->len);
  hl_test_write_bytes (xml_path, xml_bytes);
  if (!hl_test_run (NULL, &out, "glib-compile-resources", sourcedir, target_arg, xml_path, NULL))
    g_error ("glib-compile-resources: %s", out);

  ec_resource = g_resource_load (target, &error);
  g_assert_no_error (error);
  g_resources_register (ec_resource);

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  scratch = hl_test_scratch_init ("pki");
  have_ec_keys = make_ec_keys ();

  g_test_add_func ("/der/integer", test_der_integer);
  g_test_add_func ("/der/length", test_der_length);
  g_test_add_func ("/der/oid", test_der_oid);
  g_test_add_func ("/der/simple", test_der_simple);
  g_test_add_func ("/der/time", test_der_time);
  g_test_add_func ("/der/named-bits", test_der_named_bits);
  g_test_add_func ("/key/demo", test_key_demo);
  g_test_add_func ("/key/formats", test_key_formats);
  g_test_add_func ("/key/errors", test_key_errors);
  g_test_add_func ("/key/bundle", test_key_bundle);
  g_test_add_func ("/key/garbage", test_key_garbage);
  g_test_add_func ("/key/not-found", test_key_not_found);
  g_test_add_func ("/key/ec", test_key_ec);
  g_test_add_func ("/pki/openssl", test_pki_openssl);
  g_test_add_func ("/pki/bearssl", test_pki_bearssl);
  g_test_add_func ("/pki/deterministic", test_pki_deterministic);
  g_test_add_func ("/pki/errors", test_pki_errors);
  g_test_add_func ("/pki/ec", test_pki_ec);
  g_test_add_func ("/pki/features", test_pki_features);
  g_test_add_func ("/pki/feature-errors", test_pki_feature_errors);
  g_test_add_func ("/pki/judges", test_pki_judges);
  g_test_add_func ("/pki/scenario-keys", test_pki_scenario_keys);

  ret = g_test_run ();

  if (ec_resource != NULL)
    {
      g_resources_unregister (ec_resource);
      g_resource_unref (ec_resource);
    }
  hl_test_scratch_clear ();

  return ret;
}
