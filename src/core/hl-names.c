/* hl-names.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-names"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <bearssl.h>

#include "hl-names.h"

typedef struct
{
  guint       number;
  const char *name;
} Name;

static const char *
lookup (const Name *table,
        gsize       n,
        guint       number)
{
  for (gsize i = 0; i < n; i++)
    if (table[i].number == number)
      return table[i].name;
  return NULL;
}

static gboolean
reverse_lookup (const Name *table,
                gsize       n,
                const char *name,
                guint      *number)
{
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp (table[i].name, name) == 0)
      {
        *number = table[i].number;
        return TRUE;
      }
  return FALSE;
}

static const Name versions[] = {
  { BR_TLS10, "TLS 1.0" },
  { BR_TLS11, "TLS 1.1" },
  { BR_TLS12, "TLS 1.2" },
};

/**
 * hl_version_name:
 * @version: a protocol version number (0x0303)
 *
 * Returns: (nullable): "TLS 1.2" and the like
 */
const char *
hl_version_name (guint version)
{
  return lookup (versions, G_N_ELEMENTS (versions), version);
}

/**
 * hl_version_from_name:
 * @name: "TLS 1.2", "TLS1.2" or "tls12"
 *
 * Returns: %TRUE and @version set when @name names a version BearSSL has
 */
gboolean
hl_version_from_name (const char *name,
                      guint      *version)
{
  g_autoptr(GString) compact = g_string_new (NULL);

  g_return_val_if_fail (name != NULL, FALSE);

  for (const char *p = name; *p; p++)
    if (*p != ' ' && *p != '.')
      g_string_append_c (compact, g_ascii_tolower (*p));

  if (strcmp (compact->str, "tls10") == 0)
    *version = BR_TLS10;
  else if (strcmp (compact->str, "tls11") == 0)
    *version = BR_TLS11;
  else if (strcmp (compact->str, "tls12") == 0)
    *version = BR_TLS12;
  else
    return FALSE;

  return TRUE;
}

/* The 45 suites BearSSL 0.6 implements, in the order of preference that
 * br_ssl_client_init_full() uses. */
#define HL_SUITES(X) \
  X (TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256) \
  X (TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256) \
  X (TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256) \
  X (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256) \
  X (TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384) \
  X (TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) \
  X (TLS_ECDHE_ECDSA_WITH_AES_128_CCM) \
  X (TLS_ECDHE_ECDSA_WITH_AES_256_CCM) \
  X (TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8) \
  X (TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8) \
  X (TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256) \
  X (TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256) \
  X (TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384) \
  X (TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384) \
  X (TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA) \
  X (TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA) \
  X (TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA) \
  X (TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA) \
  X (TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256) \
  X (TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256) \
  X (TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384) \
  X (TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384) \
  X (TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256) \
  X (TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256) \
  X (TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384) \
  X (TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384) \
  X (TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA) \
  X (TLS_ECDH_RSA_WITH_AES_128_CBC_SHA) \
  X (TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA) \
  X (TLS_ECDH_RSA_WITH_AES_256_CBC_SHA) \
  X (TLS_RSA_WITH_AES_128_GCM_SHA256) \
  X (TLS_RSA_WITH_AES_256_GCM_SHA384) \
  X (TLS_RSA_WITH_AES_128_CCM) \
  X (TLS_RSA_WITH_AES_256_CCM) \
  X (TLS_RSA_WITH_AES_128_CCM_8) \
  X (TLS_RSA_WITH_AES_256_CCM_8) \
  X (TLS_RSA_WITH_AES_128_CBC_SHA256) \
  X (TLS_RSA_WITH_AES_256_CBC_SHA256) \
  X (TLS_RSA_WITH_AES_128_CBC_SHA) \
  X (TLS_RSA_WITH_AES_256_CBC_SHA) \
  X (TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA) \
  X (TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA) \
  X (TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA) \
  X (TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA) \
  X (TLS_RSA_WITH_3DES_EDE_CBC_SHA)

#define SUITE_NAME(x) { BR_##x, #x },
#define SUITE_NUMBER(x) BR_##x,
static const Name suites[] = { HL_SUITES (SUITE_NAME) };
static const guint16 suite_numbers[] = { HL_SUITES (SUITE_NUMBER) };
#undef SUITE_NAME
#undef SUITE_NUMBER

/**
 * hl_cipher_suite_name:
 *
 * Returns: (nullable): the IANA name of a suite BearSSL implements
 */
const char *
hl_cipher_suite_name (guint suite)
{
  return lookup (suites, G_N_ELEMENTS (suites), suite);
}

/**
 * hl_cipher_suite_from_name:
 * @name: an IANA suite name, "TLS_RSA_WITH_AES_128_GCM_SHA256"
 *
 * Returns: %TRUE and @suite set when BearSSL implements @name
 */
gboolean
hl_cipher_suite_from_name (const char *name,
                           guint16    *suite)
{
  guint number;

  g_return_val_if_fail (name != NULL, FALSE);

  if (!reverse_lookup (suites, G_N_ELEMENTS (suites), name, &number))
    return FALSE;

  *suite = number;
  return TRUE;
}

/**
 * hl_cipher_suites_supported:
 * @n_suites: (out): the number of suites
 *
 * Returns: (array length=n_suites) (transfer none): every suite BearSSL
 *   implements, most preferred first
 */
const guint16 *
hl_cipher_suites_supported (gsize *n_suites)
{
  *n_suites = G_N_ELEMENTS (suite_numbers);
  return suite_numbers;
}

static const Name content_types[] = {
  { 20, "change_cipher_spec" },
  { 21, "alert" },
  { 22, "handshake" },
  { 23, "application_data" },
};

const char *
hl_content_type_name (guint content_type)
{
  return lookup (content_types, G_N_ELEMENTS (content_types), content_type);
}

static const Name handshake_types[] = {
  { 0,  "HelloRequest" },
  { 1,  "ClientHello" },
  { 2,  "ServerHello" },
  { 11, "Certificate" },
  { 12, "ServerKeyExchange" },
  { 13, "CertificateRequest" },
  { 14, "ServerHelloDone" },
  { 15, "CertificateVerify" },
  { 16, "ClientKeyExchange" },
  { 20, "Finished" },
};

/**
 * hl_handshake_type_name:
 *
 * Returns: (nullable): the RFC 5246 name, "ClientHello"
 */
const char *
hl_handshake_type_name (guint handshake_type)
{
  return lookup (handshake_types, G_N_ELEMENTS (handshake_types), handshake_type);
}

#define ALERT(x, n) { BR_ALERT_##x, n }
static const Name alerts[] = {
  ALERT (CLOSE_NOTIFY, "close_notify"),
  ALERT (UNEXPECTED_MESSAGE, "unexpected_message"),
  ALERT (BAD_RECORD_MAC, "bad_record_mac"),
  ALERT (RECORD_OVERFLOW, "record_overflow"),
  ALERT (DECOMPRESSION_FAILURE, "decompression_failure"),
  ALERT (HANDSHAKE_FAILURE, "handshake_failure"),
  ALERT (BAD_CERTIFICATE, "bad_certificate"),
  ALERT (UNSUPPORTED_CERTIFICATE, "unsupported_certificate"),
  ALERT (CERTIFICATE_REVOKED, "certificate_revoked"),
  ALERT (CERTIFICATE_EXPIRED, "certificate_expired"),
  ALERT (CERTIFICATE_UNKNOWN, "certificate_unknown"),
  ALERT (ILLEGAL_PARAMETER, "illegal_parameter"),
  ALERT (UNKNOWN_CA, "unknown_ca"),
  ALERT (ACCESS_DENIED, "access_denied"),
  ALERT (DECODE_ERROR, "decode_error"),
  ALERT (DECRYPT_ERROR, "decrypt_error"),
  ALERT (PROTOCOL_VERSION, "protocol_version"),
  ALERT (INSUFFICIENT_SECURITY, "insufficient_security"),
  ALERT (INTERNAL_ERROR, "internal_error"),
  ALERT (USER_CANCELED, "user_canceled"),
  ALERT (NO_RENEGOTIATION, "no_renegotiation"),
  ALERT (UNSUPPORTED_EXTENSION, "unsupported_extension"),
  ALERT (NO_APPLICATION_PROTOCOL, "no_application_protocol"),
};
#undef ALERT

/**
 * hl_alert_name:
 *
 * Returns: (nullable): the RFC 5246 name of an alert description
 */
const char *
hl_alert_name (guint alert)
{
  return lookup (alerts, G_N_ELEMENTS (alerts), alert);
}

typedef struct
{
  int         code;
  const char *name;
  const char *explanation;
} ErrorName;

#define ERR(x, e) { BR_ERR_##x, "BR_ERR_" #x, e }
static const ErrorName errors[] = {
  ERR (OK, N_("no error")),
  ERR (BAD_PARAM, N_("the application passed a bad parameter to the engine")),
  ERR (BAD_STATE, N_("the application called the engine in the wrong state")),
  ERR (UNSUPPORTED_VERSION, N_("the peer asked for a protocol version this side does not accept")),
  ERR (BAD_VERSION, N_("a record carried an unexpected protocol version")),
  ERR (BAD_LENGTH, N_("a record had an impossible length")),
  ERR (TOO_LARGE, N_("a record was larger than the buffer")),
  ERR (BAD_MAC, N_("a record failed its integrity check (MAC or AEAD tag): it was changed on the way or the keys differ")),
  ERR (NO_RANDOM, N_("the engine had no source of randomness")),
  ERR (UNKNOWN_TYPE, N_("a record had an unknown content type")),
  ERR (UNEXPECTED, N_("a message came that was not expected at this point of the handshake")),
  ERR (BAD_CCS, N_("a ChangeCipherSpec message was malformed")),
  ERR (BAD_ALERT, N_("an alert message was malformed")),
  ERR (BAD_HANDSHAKE, N_("a handshake message was malformed")),
  ERR (OVERSIZED_ID, N_("a session ID was longer than 32 bytes")),
  ERR (BAD_CIPHER_SUITE, N_("no cipher suite both sides accept, or the server chose one the client did not offer")),
  ERR (BAD_COMPRESSION, N_("no compression method both sides accept")),
  ERR (BAD_FRAGLEN, N_("the maximum fragment length was refused")),
  ERR (BAD_SECRENEG, N_("secure renegotiation failed")),
  ERR (EXTRA_EXTENSION, N_("the server sent an extension the client did not ask for")),
  ERR (BAD_SNI, N_("the server name indication was malformed")),
  ERR (BAD_HELLO_DONE, N_("a ServerHelloDone message was malformed")),
  ERR (LIMIT_EXCEEDED, N_("an internal limit was exceeded (too many certificates, a name too long)")),
  ERR (BAD_FINISHED, N_("the Finished message did not match the handshake: the messages were changed on the way or the keys differ")),
  ERR (RESUME_MISMATCH, N_("the resumed session does not match what was offered")),
  ERR (INVALID_ALGORITHM, N_("the peer used an algorithm this side cannot check")),
  ERR (BAD_SIGNATURE, N_("a signature in the handshake did not verify")),
  ERR (WRONG_KEY_USAGE, N_("the certificate's key usage forbids what the key exchange needs")),
  ERR (NO_CLIENT_AUTH, N_("the server requires a client certificate and the client sent none")),
  ERR (IO, N_("the transport failed")),
  ERR (X509_INVALID_VALUE, N_("a certificate contains an invalid value")),
  ERR (X509_TRUNCATED, N_("a certificate is truncated")),
  ERR (X509_EMPTY_CHAIN, N_("the peer sent no certificate at all")),
  ERR (X509_INNER_TRUNC, N_("a certificate has a truncated inner element")),
  ERR (X509_BAD_TAG_CLASS, N_("a certificate has an unexpected DER tag class")),
  ERR (X509_BAD_TAG_VALUE, N_("a certificate has an unexpected DER tag")),
  ERR (X509_INDEFINITE_LENGTH, N_("a certificate uses an indefinite length, which DER forbids")),
  ERR (X509_EXTRA_ELEMENT, N_("a certificate has an unexpected extra element")),
  ERR (X509_UNEXPECTED, N_("a certificate has an unexpected element")),
  ERR (X509_NOT_CONSTRUCTED, N_("a certificate has a primitive element where a constructed one belongs")),
  ERR (X509_NOT_PRIMITIVE, N_("a certificate has a constructed element where a primitive one belongs")),
  ERR (X509_PARTIAL_BYTE, N_("a certificate has a BIT STRING that does not end on a byte")),
  ERR (X509_BAD_BOOLEAN, N_("a certificate has a malformed BOOLEAN")),
  ERR (X509_OVERFLOW, N_("a certificate has a value too large to handle")),
  ERR (X509_BAD_DN, N_("a certificate has a malformed distinguished name")),
  ERR (X509_BAD_TIME, N_("a certificate has a malformed date")),
  ERR (X509_UNSUPPORTED, N_("a certificate uses a feature BearSSL does not support")),
  ERR (X509_LIMIT_EXCEEDED, N_("a certificate exceeds an internal limit")),
  ERR (X509_WRONG_KEY_TYPE, N_("the certificate's key type does not fit the cipher suite")),
  ERR (X509_BAD_SIGNATURE, N_("a certificate's signature does not verify with its issuer's key")),
  ERR (X509_TIME_UNKNOWN, N_("the current time is unknown, so validity dates cannot be checked")),
  ERR (X509_EXPIRED, N_("a certificate is expired or not yet valid")),
  ERR (X509_DN_MISMATCH, N_("a certificate's issuer name does not match the subject of the next certificate in the chain")),
  ERR (X509_BAD_SERVER_NAME, N_("the server's certificate is not valid for the requested host name")),
  ERR (X509_CRITICAL_EXTENSION, N_("a certificate has a critical extension BearSSL does not understand")),
  ERR (X509_NOT_CA, N_("a certificate that issued another one is not a CA certificate (or exceeds its path length)")),
  ERR (X509_FORBIDDEN_KEY_USAGE, N_("a CA certificate's key usage does not allow signing certificates")),
  ERR (X509_WEAK_PUBLIC_KEY, N_("a certificate's key is too weak (RSA under 1024 bits)")),
  ERR (X509_NOT_TRUSTED, N_("the chain does not end at a trusted root: certificate not trusted")),
};
#undef ERR

static const ErrorName *
find_error (int error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (errors); i++)
    if (errors[i].code == error)
      return &errors[i];
  return NULL;
}

/**
 * hl_error_name:
 * @error: a BearSSL error code below 256
 *
 * Returns: (nullable): the BearSSL macro name, "BR_ERR_X509_EXPIRED";
 *   codes from 256 up (alerts) have no single name, use hl_error_describe()
 */
const char *
hl_error_name (int error)
{
  const ErrorName *e = find_error (error);

  return e ? e->name : NULL;
}

/**
 * hl_error_from_name:
 * @name: "BR_ERR_X509_EXPIRED" or "X509_EXPIRED", or a decimal number
 *
 * Returns: %TRUE and @error set when @name names a BearSSL error
 */
gboolean
hl_error_from_name (const char *name,
                    int        *error)
{
  guint64 number;

  g_return_val_if_fail (name != NULL, FALSE);

  if (g_ascii_string_to_unsigned (name, 10, 0, 1023, &number, NULL))
    {
      *error = (int)number;
      return TRUE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (errors); i++)
    if (g_ascii_strcasecmp (errors[i].name, name) == 0 ||
        g_ascii_strcasecmp (errors[i].name + strlen ("BR_ERR_"), name) == 0)
      {
        *error = errors[i].code;
        return TRUE;
      }

  return FALSE;
}

/**
 * hl_error_describe:
 * @error: any BearSSL error code, alerts included
 *
 * Returns: (transfer full): a translated sentence with the name and the
 *   meaning of @error
 */
char *
hl_error_describe (int error)
{
  const ErrorName *e;

  if (error >= BR_ERR_SEND_FATAL_ALERT)
    {
      const char *alert = hl_alert_name (error - BR_ERR_SEND_FATAL_ALERT);

      /* Translators: %d is BearSSL's error number, %s an alert name */
      return g_strdup_printf (_("error %d: this side sent the fatal alert %s"),
                              error, alert ? alert : "?");
    }

  if (error >= BR_ERR_RECV_FATAL_ALERT)
    {
      const char *alert = hl_alert_name (error - BR_ERR_RECV_FATAL_ALERT);

      return g_strdup_printf (_("error %d: this side received the fatal alert %s"),
                              error, alert ? alert : "?");
    }

  e = find_error (error);
  if (e == NULL)
    return g_strdup_printf (_("error %d: unknown to this version of Handshake Lab"), error);

  return g_strdup_printf ("%s (%d): %s", e->name, error, _(e->explanation));
}
