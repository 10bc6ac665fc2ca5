/* hl-signature-log.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlSignatureLog: the signature checks made during one run.
 *
 * The X.509 engine of a run checks the signature of every certificate it
 * reads, and the TLS engines the signature of each ServerKeyExchange and
 * CertificateVerify; the rule-by-rule chain check (hl-chain.h) and the
 * handshake's signatures checked again (hl-recompute.h) then check the
 * same signatures with the same BearSSL primitive.  That primitive is a
 * pure function of the signature, the key and the hash (algorithm), so it
 * need not run twice: the engines call it through a wrapper that writes
 * each call's inputs and result here, and
 * hl_certificate_verify_signature_logged() and
 * hl_certificate_verify_hash_logged() take the result from here when the
 * signature, key and hash they read and computed themselves are byte for
 * byte those of a call made in this run, and call the primitive
 * themselves otherwise.  What stays the checker's own: reading the
 * certificates and messages, choosing the key, hashing the signed bytes,
 * comparing that hash with the signature's.
 *
 * A log belongs to one run and is freed with it.
 */

#include <glib.h>
#include <bearssl.h>

G_BEGIN_DECLS

typedef struct _HlSignatureLog HlSignatureLog;

/**
 * hl_signature_log_new:
 *
 * Returns: (transfer full): an empty log, for one run
 */
HlSignatureLog *hl_signature_log_new       (void);

/**
 * hl_signature_log_free:
 * @self: (nullable) (transfer full): a log, or %NULL
 *
 * Frees the log and the inputs it copied.
 */
void            hl_signature_log_free      (HlSignatureLog           *self);

/**
 * hl_signature_log_add_rsa:
 * @self: the run's log
 * @sig: the signature BearSSL was given
 * @sig_len: its length in bytes
 * @hash_oid: (nullable): the hash OID the call was given (length-prefixed,
 *   as BearSSL's BR_HASH_OID_* are), or %NULL for a signature without a
 *   DigestInfo
 * @hash_len: the length of the hash the call expected, at most 64 bytes; a
 *   longer one is not written down
 * @pk: the RSA public key the call was given
 * @ok: what the call returned
 * @hash_out: what br_rsa_pkcs1_vrfy wrote: @hash_len bytes
 *
 * The inputs are copied; a call with the same inputs later finds them.
 */
void            hl_signature_log_add_rsa   (HlSignatureLog           *self,
                                            const unsigned char      *sig,
                                            size_t                    sig_len,
                                            const unsigned char      *hash_oid,
                                            size_t                    hash_len,
                                            const br_rsa_public_key  *pk,
                                            gboolean                  ok,
                                            const unsigned char      *hash_out);

/**
 * hl_signature_log_find_rsa:
 * @self: (nullable): the run's log; with %NULL nothing is found
 * @sig: the signature
 * @sig_len: its length in bytes
 * @hash_oid: (nullable): the hash OID, as for hl_signature_log_add_rsa()
 * @hash_len: the length of the hash expected
 * @pk: the RSA public key
 * @ok: (out): what the call returned
 * @hash_out: (out): what it wrote, @hash_len bytes, when it succeeded
 *
 * Returns: whether a call with these very inputs was written down
 */
gboolean        hl_signature_log_find_rsa  (HlSignatureLog           *self,
                                            const unsigned char      *sig,
                                            size_t                    sig_len,
                                            const unsigned char      *hash_oid,
                                            size_t                    hash_len,
                                            const br_rsa_public_key  *pk,
                                            gboolean                 *ok,
                                            unsigned char            *hash_out);

/**
 * hl_signature_log_add_ecdsa:
 * @self: the run's log
 * @hash: the hash BearSSL was given
 * @hash_len: its length in bytes
 * @pk: the EC public key the call was given
 * @sig: the ASN.1 signature the call was given
 * @sig_len: its length in bytes
 * @ok: what the call returned
 *
 * The inputs are copied; a call with the same inputs later finds them.
 */
void            hl_signature_log_add_ecdsa (HlSignatureLog           *self,
                                            const void               *hash,
                                            size_t                    hash_len,
                                            const br_ec_public_key   *pk,
                                            const void               *sig,
                                            size_t                    sig_len,
                                            gboolean                  ok);

/**
 * hl_signature_log_find_ecdsa:
 * @self: (nullable): the run's log; with %NULL nothing is found
 * @hash: the hash
 * @hash_len: its length in bytes
 * @pk: the EC public key
 * @sig: the ASN.1 signature
 * @sig_len: its length in bytes
 * @ok: (out): what the call returned
 *
 * Returns: whether a call with these very inputs was written down
 */
gboolean        hl_signature_log_find_ecdsa (HlSignatureLog          *self,
                                            const void               *hash,
                                            size_t                    hash_len,
                                            const br_ec_public_key   *pk,
                                            const void               *sig,
                                            size_t                    sig_len,
                                            gboolean                 *ok);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlSignatureLog, hl_signature_log_free)

G_END_DECLS
