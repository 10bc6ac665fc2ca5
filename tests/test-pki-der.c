/* test-pki-der.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The DER writer: integers, lengths, OIDs, strings, times, named bits. */

#define G_LOG_DOMAIN "test-pki"

#include "config.h"

#include "test-pki.h"

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

void
hl_test_pki_add_der_tests (void)
{
  g_test_add_func ("/der/integer", test_der_integer);
  g_test_add_func ("/der/length", test_der_length);
  g_test_add_func ("/der/oid", test_der_oid);
  g_test_add_func ("/der/simple", test_der_simple);
  g_test_add_func ("/der/time", test_der_time);
  g_test_add_func ("/der/named-bits", test_der_named_bits);
}
