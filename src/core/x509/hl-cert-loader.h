/* hl-cert-loader.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * hl-cert-loader: certificates and keys that a user brings, for a custom
 * scenario.
 *
 * The built-in scenarios make their certificates at run time (hl-pki.h).
 * A user may instead have a server's real chain, or one made with
 * OpenSSL, and its private key.  This module reads them and says clearly
 * what is wrong when it cannot:
 *
 *   - a certificate file is PEM (one or more "CERTIFICATE" blocks, text
 *     around them ignored) or DER (one certificate, or several simply
 *     concatenated);
 *   - each certificate's outer SEQUENCE must exactly cover its bytes, and
 *     BearSSL's br_x509_decoder must accept it, so whatever is loaded will
 *     also be understood by the engine;
 *   - a key file is read by hl_key_new_from_data() (PKCS#8, PKCS#1 or
 *     SEC1, PEM or DER);
 *   - hl_cert_loader_check_key() tells whether a key belongs to a
 *     certificate, by comparing public keys.
 *
 * Every error is in the HL_CERT_LOADER_ERROR domain (key errors keep
 * HL_KEY_ERROR, file errors G_FILE_ERROR) and its message starts with the
 * origin, the file name or whatever name the caller gave the data.
 */

#include <glib.h>

#include "hl-key.h"

G_BEGIN_DECLS

#define HL_CERT_LOADER_ERROR (hl_cert_loader_error_quark ())

typedef enum
{
  HL_CERT_LOADER_ERROR_EMPTY,          /* no bytes, or an empty PEM block */
  HL_CERT_LOADER_ERROR_NOT_PEM_OR_DER, /* neither a PEM text nor a DER SEQUENCE */
  HL_CERT_LOADER_ERROR_WRONG_TYPE,     /* PEM blocks, but none a certificate */
  HL_CERT_LOADER_ERROR_BAD_BASE64,     /* a PEM block that does not decode */
  HL_CERT_LOADER_ERROR_TRUNCATED,      /* DER shorter than its length says, or no END line */
  HL_CERT_LOADER_ERROR_MALFORMED,      /* DER that is not a certificate BearSSL reads */
  HL_CERT_LOADER_ERROR_KEY_MISMATCH,   /* the key is not the certificate's key */
} HlCertLoaderError;

/**
 * hl_cert_loader_error_quark:
 *
 * Returns: the quark of %HL_CERT_LOADER_ERROR
 */
GQuark     hl_cert_loader_error_quark     (void);

/**
 * hl_cert_loader_read:
 * @data: file contents (may be %NULL when @len is 0)
 * @len: their length
 * @origin: (nullable): name for error messages (a file name), or %NULL for
 *   "certificate data"
 * @error: an %HL_CERT_LOADER_ERROR whose message starts with @origin
 *
 * Reads one certificate or a chain from PEM or DER bytes.
 *
 * PEM blocks other than CERTIFICATE (a private key in the same file, say)
 * are skipped when there is at least one certificate; with none, the error
 * names the type that was found instead.
 *
 * Returns: (transfer full) (element-type GBytes) (nullable): the
 *   certificates in file order, each a #GBytes of DER (the array frees
 *   its elements); %NULL on error
 */
GPtrArray *hl_cert_loader_read            (const guint8  *data,
                                           gsize          len,
                                           const char    *origin,
                                           GError       **error);

/**
 * hl_cert_loader_read_file:
 * @path: file name; shown by hl_file_display_name(), it is the origin in
 *   error messages
 * @error: an %HL_CERT_LOADER_ERROR or a %G_FILE_ERROR, whose message starts
 *   with the file's name
 *
 * Reads one certificate or a chain from a file.
 *
 * The file is read by hl_file_read(): a regular file of at most
 * %HL_FILE_MAX_SIZE bytes, never a FIFO or a device.
 *
 * Returns: (transfer full) (element-type GBytes) (nullable): as
 *   hl_cert_loader_read()
 */
GPtrArray *hl_cert_loader_read_file       (const char    *path,
                                           GError       **error);

/**
 * hl_cert_loader_read_key_file:
 * @path: file name; it is the origin in error messages
 * @error: an %HL_KEY_ERROR or a %G_FILE_ERROR, whose message starts with the
 *   file's name
 *
 * Reads an RSA or EC private key from a file (PEM or DER), as
 * hl_cert_loader_read_file() reads a certificate.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with @error
 *   set
 */
HlKey     *hl_cert_loader_read_key_file   (const char    *path,
                                           GError       **error);

/**
 * hl_cert_loader_check_key:
 * @cert: the certificate, DER
 * @key: the private key
 * @origin: (nullable): name for error messages, or %NULL
 * @error: %HL_CERT_LOADER_ERROR_KEY_MISMATCH, or
 *   %HL_CERT_LOADER_ERROR_MALFORMED for a certificate BearSSL cannot read
 *
 * Checks that a private key belongs to a certificate.
 *
 * The certificate's subjectPublicKeyInfo, as BearSSL decodes it, is
 * compared with the key's public half: RSA modulus and exponent, or EC
 * curve and point.
 *
 * Returns: %TRUE if they match; %FALSE with
 *   HL_CERT_LOADER_ERROR_KEY_MISMATCH (or _MALFORMED for a certificate
 *   BearSSL cannot read)
 */
gboolean   hl_cert_loader_check_key       (GBytes        *cert,
                                           HlKey         *key,
                                           const char    *origin,
                                           GError       **error);

G_END_DECLS
