/* hl-prf.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-prf"

#include "config.h"

#include <string.h>

#include "hl-names.h"
#include "hl-prf.h"

#define TLS12_VERSION 0x0303

HlPrf
hl_prf_for_suite (guint version,
                  guint suite)
{
  const char *name;

  if (version < TLS12_VERSION)
    return HL_PRF_TLS10;

  name = hl_cipher_suite_name (suite);
  if (name != NULL && g_str_has_suffix (name, "_SHA384"))
    return HL_PRF_SHA384;

  return HL_PRF_SHA256;
}

const char *
hl_prf_name (HlPrf prf)
{
  switch (prf)
    {
    case HL_PRF_TLS10:  return "P_MD5 ⊕ P_SHA-1";
    case HL_PRF_SHA256: return "P_SHA-256";
    case HL_PRF_SHA384: return "P_SHA-384";
    default:            return "?";
    }
}

/* P_hash (RFC 5246 §5): A(0) = seed, A(i) = HMAC(secret, A(i-1)),
 * output = HMAC(secret, A(1) ‖ seed) ‖ HMAC(secret, A(2) ‖ seed) ‖ …,
 * XORed into @out so that the TLS 1.0 PRF can combine two of them.  The
 * secret is keyed in once; each HMAC starts from a copy of that state. */
static void
p_hash_xor (GChecksumType  type,
            const guint8  *secret,
            gsize          secret_len,
            const guint8  *seed,
            gsize          seed_len,
            guint8        *out,
            gsize          out_len)
{
  gsize hash_len = g_checksum_type_get_length (type);
  g_autoptr(GHmac) keyed = g_hmac_new (type, secret, secret_len);
  guint8 a[64];
  guint8 block[64];
  gsize done = 0;

  g_assert (hash_len <= sizeof a);

  {
    g_autoptr(GHmac) h = g_hmac_copy (keyed);
    gsize len = hash_len;

    g_hmac_update (h, seed, seed_len);
    g_hmac_get_digest (h, a, &len);
  }

  while (done < out_len)
    {
      g_autoptr(GHmac) h = g_hmac_copy (keyed);
      gsize len = hash_len;
      gsize take;

      g_hmac_update (h, a, hash_len);
      g_hmac_update (h, seed, seed_len);
      g_hmac_get_digest (h, block, &len);

      take = MIN (hash_len, out_len - done);
      for (gsize i = 0; i < take; i++)
        out[done + i] ^= block[i];
      done += take;

      if (done < out_len)
        {
          g_autoptr(GHmac) next = g_hmac_copy (keyed);

          g_hmac_update (next, a, hash_len);
          len = hash_len;
          g_hmac_get_digest (next, a, &len);
        }
    }
}

void
hl_prf (HlPrf         prf,
        const guint8 *secret,
        gsize         secret_len,
        const char   *label,
        const guint8 *seed,
        gsize         seed_len,
        guint8       *out,
        gsize         out_len)
{
  gsize label_len = strlen (label);
  g_autofree guint8 *label_seed = g_malloc (label_len + seed_len + 1);

  memcpy (label_seed, label, label_len);
  if (seed_len > 0)
    memcpy (label_seed + label_len, seed, seed_len);

  memset (out, 0, out_len);

  switch (prf)
    {
    case HL_PRF_TLS10:
      {
        /* S1 and S2 overlap by one byte when the secret's length is odd. */
        gsize half = (secret_len + 1) / 2;

        p_hash_xor (G_CHECKSUM_MD5, secret, half, label_seed, label_len + seed_len, out, out_len);
        p_hash_xor (G_CHECKSUM_SHA1, secret + secret_len - half, half,
                    label_seed, label_len + seed_len, out, out_len);
      }
      break;

    case HL_PRF_SHA256:
      p_hash_xor (G_CHECKSUM_SHA256, secret, secret_len, label_seed, label_len + seed_len, out, out_len);
      break;

    case HL_PRF_SHA384:
      p_hash_xor (G_CHECKSUM_SHA384, secret, secret_len, label_seed, label_len + seed_len, out, out_len);
      break;

    default:
      g_assert_not_reached ();
    }
}

GBytes *
hl_prf_bytes (HlPrf       prf,
              GBytes     *secret,
              const char *label,
              GBytes     *seed_a,
              GBytes     *seed_b,
              gsize       out_len)
{
  g_autoptr(GByteArray) seed = g_byte_array_new ();
  guint8 *out = g_malloc (out_len);
  gsize secret_len;
  const guint8 *secret_data = g_bytes_get_data (secret, &secret_len);
  gsize len;
  const guint8 *p;

  p = g_bytes_get_data (seed_a, &len);
  g_byte_array_append (seed, p, len);
  if (seed_b != NULL)
    {
      p = g_bytes_get_data (seed_b, &len);
      g_byte_array_append (seed, p, len);
    }

  hl_prf (prf, secret_data, secret_len, label, seed->data, seed->len, out, out_len);

  return g_bytes_new_take (out, out_len);
}
