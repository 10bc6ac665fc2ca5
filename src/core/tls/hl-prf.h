/* hl-prf.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * The TLS pseudo-random function, written again from the RFCs on top of
 * GLib's HMAC, so that the key material BearSSL derives can be recomputed
 * by code that shares nothing with BearSSL.
 *
 *  - TLS 1.0 and 1.1 (RFC 2246 §5, RFC 4346 §5): the secret is split in two
 *    halves, PRF = P_MD5(S1, label ‖ seed) XOR P_SHA-1(S2, label ‖ seed).
 *  - TLS 1.2 (RFC 5246 §5): PRF = P_SHA-256(secret, label ‖ seed), or
 *    P_SHA-384 for the suites whose name ends in _SHA384.
 */

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  HL_PRF_TLS10,   /* MD5 ⊕ SHA-1, TLS 1.0 and 1.1 */
  HL_PRF_SHA256,  /* TLS 1.2 */
  HL_PRF_SHA384,  /* TLS 1.2, *_SHA384 suites */
} HlPrf;

/**
 * hl_prf_for_suite:
 * @version: the negotiated version (0x0301…0x0303)
 * @suite: the negotiated cipher suite
 *
 * Returns: the PRF that version and suite use
 */
HlPrf       hl_prf_for_suite (guint         version,
                              guint         suite);

/**
 * hl_prf_name:
 * @prf: a PRF
 *
 * Returns: how the PRF is written in the RFCs: "P_MD5 ⊕ P_SHA-1",
 *   "P_SHA-256" or "P_SHA-384"
 */
const char *hl_prf_name      (HlPrf         prf);

/**
 * hl_prf:
 * @prf: which PRF
 * @secret: the secret
 * @secret_len: the length of @secret in bytes
 * @label: the ASCII label, without its terminating zero
 * @seed: the seed (the label is prepended here)
 * @seed_len: the length of @seed in bytes
 * @out: where to write @out_len bytes
 * @out_len: how many bytes to compute
 *
 * Computes PRF(secret, label, seed) as the RFCs define it.
 */
void        hl_prf           (HlPrf         prf,
                              const guint8 *secret,
                              gsize         secret_len,
                              const char   *label,
                              const guint8 *seed,
                              gsize         seed_len,
                              guint8       *out,
                              gsize         out_len);

/**
 * hl_prf_bytes:
 * @prf: which PRF
 * @secret: the secret
 * @label: the ASCII label, without its terminating zero
 * @seed_a: first part of the seed
 * @seed_b: (nullable): second part of the seed
 * @out_len: how many bytes to compute
 *
 * hl_prf() for #GBytes: PRF(secret, label, seed_a ‖ seed_b).
 *
 * Returns: (transfer full): @out_len bytes
 */
GBytes     *hl_prf_bytes     (HlPrf         prf,
                              GBytes       *secret,
                              const char   *label,
                              GBytes       *seed_a,
                              GBytes       *seed_b,
                              gsize         out_len);

G_END_DECLS
