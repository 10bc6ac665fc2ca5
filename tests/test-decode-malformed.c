/* test-decode-malformed.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* DER values, and malformed input: truncations, mutations, garbage. */

#include "config.h"

#include "test-decode.h"

static guint
tree_depth (HlField *field)
{
  guint depth = 0;

  for (guint i = 0; i < hl_field_get_n_children (field); i++)
    {
      guint child = tree_depth (hl_field_get_child (field, i));

      depth = MAX (depth, child);
    }

  return depth + 1;
}

/* ------------------------------------------------------------------ */
/* DER                                                                 */

static HlField *
der_one (const guint8 *p,
         gsize         n)
{
  HlField *root = hl_decode_der (p, n, 0);

  assert_nested (root);
  g_assert_cmpuint (hl_field_get_n_children (root), >=, 1);

  return root;
}

static void
test_der_values (void)
{
  static const guint8 minus_one[] = { 0x02, 0x01, 0xff };
  static const guint8 redundant[] = { 0x02, 0x02, 0x00, 0x7f };
  static const guint8 oid[] = { 0x06, 0x06, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d };
  static const guint8 bad_oid[] = { 0x06, 0x02, 0x2a, 0x86 };
  static const guint8 utc[] = { 0x17, 0x0d, '2', '6', '0', '3', '0', '1', '1', '2', '0', '0', '0', '0', 'Z' };
  static const guint8 bmp[] = { 0x1e, 0x04, 0x00, 'H', 0x00, 'i' };
  static const guint8 boolean[] = { 0x01, 0x01, 0xff };
  static const guint8 high_tag[] = { 0x9f, 0x81, 0x00, 0x01, 0x41 };
  static const guint8 long_len[] = { 0x04, 0x81, 0x02, 0xab, 0xcd };
  static const guint8 indefinite[] = { 0x30, 0x80, 0x05, 0x00, 0x00, 0x00 };
  static const guint8 truncated[] = { 0x30, 0x03, 0x02, 0x01 };
  g_autoptr(HlField) f = NULL;

  f = der_one (minus_one, sizeof minus_one);
  assert_clean (f, 0, sizeof minus_one);
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (f, 0)), ==, "-1 (0xff)");
  g_clear_pointer (&f, hl_field_unref);

  f = der_one (redundant, sizeof redundant);
  g_assert_cmpstr (hl_field_get_value (first_error (f)), ==, "not DER: the integer has a redundant leading byte");
  g_clear_pointer (&f, hl_field_unref);

  f = der_one (oid, sizeof oid);
  assert_clean (f, 0, sizeof oid);
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (f, 0)), ==, "1.2.840.113549");
  g_clear_pointer (&f, hl_field_unref);

  f = der_one (bad_oid, sizeof bad_oid);
  g_assert_cmpstr (hl_field_get_value (first_error (f)), ==, "not a valid object identifier");
  g_clear_pointer (&f, hl_field_unref);

  f = der_one (utc, sizeof utc);
  assert_clean (f, 0, sizeof utc);
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (f, 0)), ==, "2026-03-01 12:00:00 UTC");
  g_clear_pointer (&f, hl_field_unref);

  f = der_one (bmp, sizeof bmp);
  assert_clean (f, 0, sizeof bmp);
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (f, 0)), ==, "Hi");
  g_clear_pointer (&f, hl_field_unref);

  f = der_one (boolean, sizeof boolean);
  assert_clean (f, 0, sizeof boolean);
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (f, 0)), ==, "TRUE");
  g_clear_pointer (&f, hl_field_unref);

  /* [128] IMPLICIT, two identifier bytes after the first */
  f = der_one (high_tag, sizeof high_tag);
  assert_clean (f, 0, sizeof high_tag);
  g_assert_cmpstr (hl_field_get_name (hl_field_get_child (f, 0)), ==, "[128]");
  assert_span (hl_field_get_child (hl_field_get_child (f, 0), 0), 0, 3);
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (f, 0)), ==, "A");
  g_clear_pointer (&f, hl_field_unref);

  /* 0x81 0x02 is a long form where the short one would do: not DER */
  f = der_one (long_len, sizeof long_len);
  g_assert_cmpuint (count_errors (f), ==, 1);
  g_assert_cmpstr (value_at (hl_field_get_child (f, 0), "Length"), ==, "2 (long form: 0x81, then 1 byte)");
  g_clear_pointer (&f, hl_field_unref);

  f = der_one (indefinite, sizeof indefinite);
  g_assert_cmpstr (hl_field_get_value (first_error (f)), ==,
                   "indefinite length at offset 1: BER allows it, DER does not");
  g_clear_pointer (&f, hl_field_unref);

  f = der_one (truncated, sizeof truncated);
  g_assert_cmpstr (hl_field_get_value (first_error (f)), ==,
                   "truncated: SEQUENCE says 3 bytes, 2 left at offset 2");
  g_clear_pointer (&f, hl_field_unref);

  /* offsets follow base_offset */
  f = hl_decode_der (utc, sizeof utc, 1000);
  assert_clean (f, 1000, sizeof utc);
  assert_span (field_at (hl_field_get_child (f, 0), "Value"), 1002, 13);
  g_clear_pointer (&f, hl_field_unref);

  f = hl_decode_der (NULL, 0, 0);
  g_assert_cmpuint (count_errors (f), ==, 1);
}

/* A thousand SEQUENCEs inside each other: decoded down to the limit, then
 * one error, and no deeper. */
static void
test_der_nesting_bomb (void)
{
  g_autoptr(GByteArray) bomb = g_byte_array_new ();
  g_autoptr(GByteArray) open = g_byte_array_new ();
  g_autoptr(HlField) f = NULL;
  g_autoptr(HlField) g = NULL;
  static const guint8 null[] = { 0x05, 0x00 };
  HlField *error;

  g_byte_array_append (bomb, null, 2);
  for (guint i = 0; i < 1000; i++)
    {
      guint8 header[4] = { 0x30 };
      guint n;

      /* the shortest length form, as DER wants */
      if (bomb->len < 0x80)
        {
          header[1] = bomb->len;
          n = 2;
        }
      else if (bomb->len < 0x100)
        {
          header[1] = 0x81;
          header[2] = bomb->len;
          n = 3;
        }
      else
        {
          header[1] = 0x82;
          header[2] = bomb->len >> 8;
          header[3] = bomb->len & 0xff;
          n = 4;
        }
      g_byte_array_prepend (bomb, header, n);
    }
  g_assert_cmpuint (bomb->len, <, 4002);

  f = hl_decode_der (bomb->data, bomb->len, 0);
  assert_nested (f);
  g_assert_cmpuint (count_errors (f), ==, 1);
  error = first_error (f);
  g_assert_cmpstr (hl_field_get_value (error), ==, "nested deeper than 32 levels: not decoded further");
  assert_span (error, 4 * HL_DECODE_DER_MAX_DEPTH, bomb->len - 4 * HL_DECODE_DER_MAX_DEPTH);
  /* root, then per level a SEQUENCE node; the error is the deepest */
  g_assert_cmpuint (tree_depth (f), ==, 1 + HL_DECODE_DER_MAX_DEPTH + 1);

  /* Headers alone, every length pointing past the end */
  for (guint i = 0; i < 100000; i++)
    g_byte_array_append (open, (const guint8 *)"\x30\x84\x7f\xff", 4);
  g = hl_decode_der (open->data, open->len, 0);
  assert_nested (g);
  g_assert_cmpuint (tree_depth (g), <=, 1 + HL_DECODE_DER_MAX_DEPTH + 1);
  g_assert_cmpuint (count_errors (g), >, 0);
}

/* ------------------------------------------------------------------ */
/* Malformed input                                                     */

/* Every decoder on the same bytes: it must hold together. */
static void
decode_every_way (const guint8          *p,
                  gsize                  n,
                  const HlDecodeContext *ctx)
{
  HlField *f;

  f = hl_decode_handshake (p, n, ctx);
  assert_nested (f);
  g_assert_cmpuint (hl_field_get_length (f), ==, n);
  hl_field_unref (f);

  f = hl_decode_der (p, n, 5);
  assert_nested (f);
  g_assert_cmpuint (hl_field_get_offset (f), ==, 5);
  hl_field_unref (f);

  f = hl_decode_record_header (p, n);
  assert_nested (f);
  hl_field_unref (f);

  f = hl_decode_alert (p, n);
  assert_nested (f);
  hl_field_unref (f);

  f = hl_decode_change_cipher_spec (p, n);
  assert_nested (f);
  hl_field_unref (f);

  f = hl_decode_application_data (p, n);
  assert_nested (f);
  hl_field_unref (f);
}

static GPtrArray *
all_real_messages (void)
{
  const char * const *variants[] = { NULL, ecdhe_rsa_edits, ecdhe_ecdsa_tls10_edits };
  GPtrArray *all = g_ptr_array_new_with_free_func (message_free);

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autoptr(HlTrace) trace = run_rsa_basic (variants[v]);
      g_autoptr(GPtrArray) messages = handshake_messages (trace);

      for (guint i = 0; i < messages->len; i++)
        g_ptr_array_add (all, g_steal_pointer (&messages->pdata[i]));
      g_ptr_array_set_free_func (messages, NULL);
    }

  return all;
}

/* Each prefix of each real message: still a tree, and an error says the
 * rest is missing. */
static void
test_truncations (void)
{
  g_autoptr(GPtrArray) messages = all_real_messages ();

  for (guint i = 0; i < messages->len; i++)
    {
      Message *m = g_ptr_array_index (messages, i);
      gsize len;
      const guint8 *p = g_bytes_get_data (m->bytes, &len);

      for (gsize k = 0; k < len; k++)
        {
          g_autoptr(HlField) f = hl_decode_handshake (k > 0 ? p : NULL, k, &m->ctx);

          assert_nested (f);
          g_assert_cmpuint (hl_field_get_offset (f), ==, 0);
          g_assert_cmpuint (hl_field_get_length (f), ==, k);
          if (count_errors (f) == 0)
            g_error ("prefix %" G_GSIZE_FORMAT " of %s has no error", k, hl_handshake_type_name (m->type));
        }

      /* and each certificate alone */
      if (m->type == 11)
        {
          g_autoptr(HlField) root = hl_decode_handshake (p, len, &m->ctx);
          HlField *list = field_at (root, "Certificates");
          HlField *der = hl_field_get_child (hl_field_get_child (list, 0), 1);
          const guint8 *cert = p + hl_field_get_offset (der);

          for (gsize k = 0; k < hl_field_get_length (der); k++)
            {
              g_autoptr(HlField) f = hl_decode_der (cert, k, 0);

              assert_nested (f);
              g_assert_cmpuint (count_errors (f), >, 0);
            }
        }
    }
}

static void
mutate (GRand      *rand,
        GByteArray *bytes)
{
  guint n = g_rand_int_range (rand, 1, 5);

  for (guint i = 0; i < n; i++)
    {
      guint at = bytes->len > 0 ? g_rand_int_range (rand, 0, bytes->len) : 0;

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0: /* one random byte */
          if (bytes->len > 0)
            bytes->data[at] = g_rand_int (rand);
          break;
        case 1: /* one bit */
          if (bytes->len > 0)
            bytes->data[at] ^= 1 << g_rand_int_range (rand, 0, 8);
          break;
        case 2: /* a large length */
          if (bytes->len > 0)
            bytes->data[at] = g_rand_boolean (rand) ? 0xff : 0x80;
          break;
        case 3: /* cut */
          g_byte_array_set_size (bytes, at);
          break;
        case 4: /* remove a slice */
          if (bytes->len > at)
            g_byte_array_remove_range (bytes, at, g_rand_int_range (rand, 0, MIN (bytes->len - at, 16) + 1));
          break;
        default: /* insert random bytes */
          {
            guint k = g_rand_int_range (rand, 1, 9);
            guint old_len = bytes->len;

            at = MIN (at, old_len);
            g_byte_array_set_size (bytes, old_len + k);
            memmove (bytes->data + at + k, bytes->data + at, old_len - at);
            for (guint j = 0; j < k; j++)
              bytes->data[at + j] = g_rand_int (rand);
          }
          break;
        }
    }
}

static void
test_mutations (void)
{
  g_autoptr(GPtrArray) messages = all_real_messages ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260301);
  static const HlDecodeContext contexts[] = {
    { 0, 0 }, { 0x0303, 0x009C }, { 0x0303, 0xC02F }, { 0x0301, 0xC009 }, { 0x0302, 0x1234 },
  };
  guint iterations = g_test_thorough () ? 100000 : 10000;

  for (guint i = 0; i < iterations; i++)
    {
      Message *m = g_ptr_array_index (messages, g_rand_int_range (rand, 0, messages->len));
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      const HlDecodeContext *ctx = &contexts[g_rand_int_range (rand, 0, G_N_ELEMENTS (contexts))];
      HlField *f;

      g_byte_array_append (bytes, g_bytes_get_data (m->bytes, NULL), g_bytes_get_size (m->bytes));
      mutate (rand, bytes);

      f = hl_decode_handshake (bytes->len ? bytes->data : NULL, bytes->len, ctx);
      assert_nested (f);
      g_assert_cmpuint (hl_field_get_length (f), ==, bytes->len);
      hl_field_unref (f);

      /* certificates go to the DER decoder as they are */
      if (m->type == 11 && bytes->len > 10)
        {
          f = hl_decode_der (bytes->data + 10, bytes->len - 10, 10);
          assert_nested (f);
          hl_field_unref (f);
        }
    }
}

/* Random bytes, and random bodies behind every handshake type */
static void
test_garbage (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  HlDecodeContext ctx = { 0, 0 };
  guint8 buffer[600];

  decode_every_way (NULL, 0, &ctx);

  for (guint i = 0; i < 3000; i++)
    {
      gsize n = g_rand_int_range (rand, 0, sizeof buffer);

      for (gsize j = 0; j < n; j++)
        buffer[j] = g_rand_int (rand);
      if (i % 2 == 0 && n >= 4)
        {
          /* a valid header in front of the garbage, so the body is read */
          buffer[0] = i / 2 % 256;
          buffer[1] = 0;
          buffer[2] = (n - 4) >> 8;
          buffer[3] = (n - 4) & 0xff;
        }
      ctx.version = (i % 3 == 0) ? 0 : 0x0301 + i % 3;
      ctx.cipher_suite = (i % 5 == 0) ? 0 : (i % 5 == 1) ? 0x009C : (i % 5 == 2) ? 0xC02F : (i % 5 == 3) ? 0xC009 : 0x009E;
      decode_every_way (n > 0 ? buffer : NULL, n, &ctx);
    }
}

void
hl_test_decode_add_malformed_tests (void)
{
  g_test_add_func ("/decode/der/values", test_der_values);
  g_test_add_func ("/decode/der/nesting-bomb", test_der_nesting_bomb);
  g_test_add_func ("/decode/malformed/truncations", test_truncations);
  g_test_add_func ("/decode/malformed/mutations", test_mutations);
  g_test_add_func ("/decode/malformed/garbage", test_garbage);
}
