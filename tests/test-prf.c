/* test-prf.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hl-prf.h"
#include "hl-test-util.h"

/* Known answers.  The TLS 1.2 vectors are the ones published on the IETF
 * TLS working group's list (Joseph Birr-Pixton, "PRF Testvector" for
 * SHA-256 and SHA-384, 2009), which OpenSSL 3.0 also reproduces with
 *   openssl kdf -keylen 100 -kdfopt digest:SHA256 \
 *     -kdfopt hexsecret:9bbe436ba940f017b17652849a71db35 \
 *     -kdfopt hexseed:<hex of "test label"><seed> TLS1-PRF
 * The TLS 1.0 vector comes from that same OpenSSL command with
 * digest:MD5-SHA1, on a 19-byte secret so that the two halves of the
 * secret overlap by one byte (RFC 2246 §5). */

typedef struct
{
  HlPrf       prf;
  const char *secret;
  const char *seed;
  const char *label;
  const char *expected;
} Vector;

static const Vector vectors[] = {
  { HL_PRF_SHA256,
    "9bbe436ba940f017b17652849a71db35",
    "a0ba9f936cda311827a6f796ffd5198c",
    "test label",
    "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
    "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
    "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
    "87347b66" },
  { HL_PRF_SHA384,
    "b80b733d6ceefcdc71566ea48e5567df",
    "cd665cf6a8447dd6ff8b27555edb7465",
    "test label",
    "7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd"
    "e9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd"
    "8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425"
    "9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6"
    "91c8f3a26854308d5eaa3be85e0990703d73e56f" },
  { HL_PRF_TLS10,
    "0102030405060708090a0b0c0d0e0f10111213",
    "a0ba9f936cda311827a6f796ffd5198c",
    "test label",
    "a1d4ffe5468d2215788dcba95c524e7fd28b6863f0697c10b80ccb3811305b43"
    "68178a9c128ba31106fe2536e6cb1c5b4c90f7af45592727a937dbdd224c4f4b" },
};

static void
test_prf_vectors (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      const Vector *v = &vectors[i];
      g_autoptr(GBytes) secret = hl_test_unhex (v->secret);
      g_autoptr(GBytes) seed = hl_test_unhex (v->seed);
      g_autoptr(GBytes) expected = hl_test_unhex (v->expected);
      gsize len = g_bytes_get_size (expected);
      g_autofree guint8 *out = g_malloc (len);

      g_test_message ("vector %" G_GSIZE_FORMAT ": %s", i, hl_prf_name (v->prf));
      hl_prf (v->prf, g_bytes_get_data (secret, NULL), g_bytes_get_size (secret), v->label,
              g_bytes_get_data (seed, NULL), g_bytes_get_size (seed), out, len);
      g_assert_cmpmem (out, len, g_bytes_get_data (expected, NULL), len);
    }
}

/* A shorter output is a prefix of a longer one: P_hash is a stream. */
static void
test_prf_prefix (void)
{
  const Vector *v = &vectors[0];
  g_autoptr(GBytes) secret = hl_test_unhex (v->secret);
  g_autoptr(GBytes) seed = hl_test_unhex (v->seed);
  g_autoptr(GBytes) expected = hl_test_unhex (v->expected);
  guint8 out[13];

  hl_prf (v->prf, g_bytes_get_data (secret, NULL), g_bytes_get_size (secret), v->label,
          g_bytes_get_data (seed, NULL), g_bytes_get_size (seed), out, sizeof out);
  g_assert_cmpmem (out, sizeof out, g_bytes_get_data (expected, NULL), sizeof out);
}

static void
test_prf_for_suite (void)
{
  g_assert_cmpint (hl_prf_for_suite (0x0303, 0x009C), ==, HL_PRF_SHA256); /* RSA_WITH_AES_128_GCM_SHA256 */
  g_assert_cmpint (hl_prf_for_suite (0x0303, 0x009D), ==, HL_PRF_SHA384); /* RSA_WITH_AES_256_GCM_SHA384 */
  g_assert_cmpint (hl_prf_for_suite (0x0303, 0x002F), ==, HL_PRF_SHA256); /* RSA_WITH_AES_128_CBC_SHA */
  g_assert_cmpint (hl_prf_for_suite (0x0301, 0x002F), ==, HL_PRF_TLS10);
  g_assert_cmpint (hl_prf_for_suite (0x0302, 0xC024), ==, HL_PRF_TLS10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prf/vectors", test_prf_vectors);
  g_test_add_func ("/prf/prefix", test_prf_prefix);
  g_test_add_func ("/prf/for-suite", test_prf_for_suite);

  return g_test_run ();
}
