/* hl-recompute.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * The key schedule, recomputed and proven.
 *
 * The engine captures what each side's BearSSL engine derived.  This module
 * derives it all again from the captured pre-master secret and the randoms,
 * with our own PRF (hl-prf.h, on GLib's HMAC), and marks each value as
 * matching or differing:
 *
 *  - master secret = PRF(pre-master secret, "master secret", client random ‖ server random);
 *  - key block = PRF(master secret, "key expansion", server random ‖ client random),
 *    cut into MAC keys, encryption keys and IVs as the suite says (RFC 5246 §6.3,
 *    hl-keys.h);
 *  - verify_data = PRF(master secret, "client finished" / "server finished",
 *    Hash(every handshake message before it)), over the very bytes that crossed
 *    the wire (hl-transcript.h);
 *  - every encrypted record is decrypted with the recomputed keys (nonce or IV
 *    shown, tag or MAC checked; hl-record-cipher.h), decoded, and compared
 *    with what the sending engine was given.
 *
 * The symmetric ciphers themselves (AES, 3DES, ChaCha20, GHASH, Poly1305)
 * are BearSSL's primitives, called with our keys; Wireshark's own
 * decryption of the exported capture is the outside check of those.
 */

#include "hl-signature-log.h"
#include "hl-trace.h"

G_BEGIN_DECLS

/**
 * hl_recompute_keys:
 * @trace: an unsealed trace, as the engine leaves it
 *
 * Recomputes the key schedule of each connection of @trace, decrypts its
 * encrypted records and marks every value it could check in the trace's
 * steps.
 *
 * Returns: what was checked and what differed
 */
HlKeysReport hl_recompute_keys (HlTrace *trace);

/*
 * The handshake's signatures, checked again (hl-recompute-signature.c):
 * each ServerKeyExchange over client random ‖ server random ‖
 * ServerECDHParams, each CertificateVerify over the handshake messages
 * before it, as the verifying side received them, with the key of the
 * first certificate the signer sent.  The message's step gets the field
 * "ske.signature_check" or "cv.signature_check" (with ".signed", ".hash",
 * ".key"; ".as_sent" when it does not verify: whether it does over the
 * bytes as the signer sent them), the claim %HL_CLAIM_SIGNATURE_VERIFIES
 * and a sentence on the result.  Where the engine made the very same call
 * of the RSA or ECDSA primitive, its result is taken from the run's @log
 * (hl-signature-log.h).  hl_recompute_signature_agreement() says,
 * for a side that failed with BR_ERR_BAD_SIGNATURE, whether that check
 * agrees.
 */

/**
 * hl_recompute_signatures:
 * @trace: an unsealed trace, as the engine leaves it
 * @log: (nullable): the signature checks the run's engines made; a check
 *   of the very same signature, key and hash takes the primitive's result
 *   from it rather than calling the primitive again
 *
 * Checks the signature of each ServerKeyExchange and CertificateVerify
 * of @trace again, adds the check to the message's fields and says its
 * result in the message's explanation.
 */
void  hl_recompute_signatures          (HlTrace        *trace,
                                        HlSignatureLog *log);

/**
 * hl_recompute_signature_agreement:
 * @trace: a trace whose signatures hl_recompute_signatures() checked
 * @failure: the step in which a side fails
 * @error: its BearSSL error
 *
 * Returns: (transfer full) (nullable): for a side that failed because a
 *   signature did not verify, whether the recomputed check of the
 *   signature it checked agrees; %NULL for other failures
 */
char *hl_recompute_signature_agreement (HlTrace        *trace,
                                        HlStep         *failure,
                                        int             error);

G_END_DECLS
