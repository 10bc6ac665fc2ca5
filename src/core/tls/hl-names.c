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

const char *
hl_version_name (guint version)
{
  return lookup (versions, G_N_ELEMENTS (versions), version);
}

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

const char *
hl_cipher_suite_name (guint suite)
{
  return lookup (suites, G_N_ELEMENTS (suites), suite);
}

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
  ERR (UNSUPPORTED_VERSION, N_("a record or hello from the peer names a protocol version this side does not accept")),
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

const char *
hl_error_name (int error)
{
  const ErrorName *e = find_error (error);

  return e ? e->name : NULL;
}

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

typedef struct
{
  int         code;
  int         alert;    /* the alert of RFC 5246 §7.2.2 whose description fits */
  const char *fix;      /* how one fixes it in real life, whoever checked; NULL: it depends */
} Advice;

/* What other stacks report, and fixes that depend on the lesson (who
 * checked what, and why), come from the scenario ([Other stacks]). */
static const Advice advice[] = {
  { BR_ERR_X509_EXPIRED, BR_ALERT_CERTIFICATE_EXPIRED, NULL },
  { BR_ERR_X509_BAD_SERVER_NAME, BR_ALERT_CERTIFICATE_UNKNOWN,
    N_("Get a certificate whose subjectAltName lists every name the server is reached by, or connect with the name it has.") },
  { BR_ERR_X509_NOT_TRUSTED, BR_ALERT_UNKNOWN_CA, NULL },
  { BR_ERR_X509_BAD_SIGNATURE, BR_ALERT_BAD_CERTIFICATE, NULL },
  { BR_ERR_X509_NOT_CA, BR_ALERT_BAD_CERTIFICATE, NULL },
  { BR_ERR_X509_FORBIDDEN_KEY_USAGE, BR_ALERT_BAD_CERTIFICATE, NULL },
  { BR_ERR_X509_CRITICAL_EXTENSION, BR_ALERT_UNSUPPORTED_CERTIFICATE, NULL },
  { BR_ERR_X509_WEAK_PUBLIC_KEY, BR_ALERT_BAD_CERTIFICATE, NULL },
  { BR_ERR_X509_DN_MISMATCH, BR_ALERT_UNKNOWN_CA,
    N_("Send the chain in order: the certificate first, then the certificate that issued it, and so on.") },
  { BR_ERR_X509_EMPTY_CHAIN, BR_ALERT_HANDSHAKE_FAILURE, NULL },
  { BR_ERR_WRONG_KEY_USAGE, BR_ALERT_UNSUPPORTED_CERTIFICATE, NULL },
  { BR_ERR_NO_CLIENT_AUTH, BR_ALERT_HANDSHAKE_FAILURE, NULL },
  { BR_ERR_BAD_MAC, BR_ALERT_BAD_RECORD_MAC,
    N_("Something changed the bytes on the way, or the two sides hold different keys: look for a faulty middlebox or a server key that does not match its certificate.") },
  { BR_ERR_BAD_FINISHED, BR_ALERT_DECRYPT_ERROR,
    N_("Someone changed the handshake on the way: nothing to configure, the connection was attacked or broken.") },
  { BR_ERR_BAD_SIGNATURE, BR_ALERT_DECRYPT_ERROR,
    N_("The server's private key does not belong to its certificate: install the matching key.") },
  { BR_ERR_BAD_CIPHER_SUITE, BR_ALERT_HANDSHAKE_FAILURE,
    N_("Enable at least one modern suite on both sides (ECDHE with AES-GCM or ChaCha20-Poly1305).") },
  { BR_ERR_UNSUPPORTED_VERSION, BR_ALERT_PROTOCOL_VERSION,
    N_("Upgrade the old side to TLS 1.2 or later rather than re-enabling TLS 1.0 on the new one.") },
};

gboolean
hl_error_advice (int          error,
                 int         *alert,
                 const char **fix)
{
  for (gsize i = 0; i < G_N_ELEMENTS (advice); i++)
    if (advice[i].code == error)
      {
        *alert = advice[i].alert;
        *fix = advice[i].fix ? _(advice[i].fix) : NULL;
        return TRUE;
      }

  return FALSE;
}

const char *
hl_alert_rfc_description (guint alert)
{
  switch (alert)
    {
    case BR_ALERT_BAD_RECORD_MAC:
      return _("This alert is returned if a record is received with an incorrect MAC.");
    case BR_ALERT_HANDSHAKE_FAILURE:
      return _("Reception of a handshake_failure alert message indicates that the sender was unable to "
               "negotiate an acceptable set of security parameters given the options available.");
    case BR_ALERT_BAD_CERTIFICATE:
      return _("A certificate was corrupt, contained signatures that did not verify correctly, etc.");
    case BR_ALERT_UNSUPPORTED_CERTIFICATE:
      return _("A certificate was of an unsupported type.");
    case BR_ALERT_CERTIFICATE_EXPIRED:
      return _("A certificate has expired or is not currently valid.");
    case BR_ALERT_CERTIFICATE_UNKNOWN:
      return _("Some other (unspecified) issue arose in processing the certificate, rendering it unacceptable.");
    case BR_ALERT_UNKNOWN_CA:
      return _("A valid certificate chain or partial chain was received, but the certificate was not accepted "
               "because the CA certificate could not be located or couldn't be matched with a known, trusted CA.");
    case BR_ALERT_DECRYPT_ERROR:
      return _("A handshake cryptographic operation failed, including being unable to correctly verify a "
               "signature or validate a Finished message.");
    case BR_ALERT_PROTOCOL_VERSION:
      return _("The protocol version the client has attempted to negotiate is recognized but not supported.");
    default:
      return NULL;
    }
}

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

/* Suites BearSSL does not implement but a student meets in captures of
 * other stacks: the signalling values, TLS 1.3, and a few common ones. */
static const Name other_suites[] = {
  { 0x0000, "TLS_NULL_WITH_NULL_NULL" },
  { 0x0004, "TLS_RSA_WITH_RC4_128_MD5" },
  { 0x0005, "TLS_RSA_WITH_RC4_128_SHA" },
  { 0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA" },
  { 0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA" },
  { 0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256" },
  { 0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384" },
  { 0x00FF, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" },
  { 0x1301, "TLS_AES_128_GCM_SHA256" },
  { 0x1302, "TLS_AES_256_GCM_SHA384" },
  { 0x1303, "TLS_CHACHA20_POLY1305_SHA256" },
  { 0x1304, "TLS_AES_128_CCM_SHA256" },
  { 0x1305, "TLS_AES_128_CCM_8_SHA256" },
  { 0x5600, "TLS_FALLBACK_SCSV" },
  { 0xCCAA, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
};

const char *
hl_cipher_suite_name_any (guint suite)
{
  const char *name = hl_cipher_suite_name (suite);

  if (name == NULL)
    name = lookup (other_suites, G_N_ELEMENTS (other_suites), suite);

  return name;
}

/* IANA "TLS ExtensionType Values" */
static const Name extensions[] = {
  { 0,     "server_name" },
  { 1,     "max_fragment_length" },
  { 2,     "client_certificate_url" },
  { 3,     "trusted_ca_keys" },
  { 4,     "truncated_hmac" },
  { 5,     "status_request" },
  { 6,     "user_mapping" },
  { 7,     "client_authz" },
  { 8,     "server_authz" },
  { 9,     "cert_type" },
  { 10,    "supported_groups" },
  { 11,    "ec_point_formats" },
  { 12,    "srp" },
  { 13,    "signature_algorithms" },
  { 14,    "use_srtp" },
  { 15,    "heartbeat" },
  { 16,    "application_layer_protocol_negotiation" },
  { 17,    "status_request_v2" },
  { 18,    "signed_certificate_timestamp" },
  { 19,    "client_certificate_type" },
  { 20,    "server_certificate_type" },
  { 21,    "padding" },
  { 22,    "encrypt_then_mac" },
  { 23,    "extended_master_secret" },
  { 24,    "token_binding" },
  { 25,    "cached_info" },
  { 27,    "compress_certificate" },
  { 28,    "record_size_limit" },
  { 35,    "session_ticket" },
  { 41,    "pre_shared_key" },
  { 42,    "early_data" },
  { 43,    "supported_versions" },
  { 44,    "cookie" },
  { 45,    "psk_key_exchange_modes" },
  { 47,    "certificate_authorities" },
  { 48,    "oid_filters" },
  { 49,    "post_handshake_auth" },
  { 50,    "signature_algorithms_cert" },
  { 51,    "key_share" },
  { 13172, "next_protocol_negotiation" },
  { 65281, "renegotiation_info" },
};

const char *
hl_extension_name (guint extension)
{
  return lookup (extensions, G_N_ELEMENTS (extensions), extension);
}

/* IANA "TLS Supported Groups" (RFC 8422, RFC 7919, RFC 7027) */
static const Name named_groups[] = {
  { 1,      "sect163k1" },
  { 2,      "sect163r1" },
  { 3,      "sect163r2" },
  { 4,      "sect193r1" },
  { 5,      "sect193r2" },
  { 6,      "sect233k1" },
  { 7,      "sect233r1" },
  { 8,      "sect239k1" },
  { 9,      "sect283k1" },
  { 10,     "sect283r1" },
  { 11,     "sect409k1" },
  { 12,     "sect409r1" },
  { 13,     "sect571k1" },
  { 14,     "sect571r1" },
  { 15,     "secp160k1" },
  { 16,     "secp160r1" },
  { 17,     "secp160r2" },
  { 18,     "secp192k1" },
  { 19,     "secp192r1" },
  { 20,     "secp224k1" },
  { 21,     "secp224r1" },
  { 22,     "secp256k1" },
  { 23,     "secp256r1" },
  { 24,     "secp384r1" },
  { 25,     "secp521r1" },
  { 26,     "brainpoolP256r1" },
  { 27,     "brainpoolP384r1" },
  { 28,     "brainpoolP512r1" },
  { 29,     "x25519" },
  { 30,     "x448" },
  { 256,    "ffdhe2048" },
  { 257,    "ffdhe3072" },
  { 258,    "ffdhe4096" },
  { 259,    "ffdhe6144" },
  { 260,    "ffdhe8192" },
  { 0xFF01, "arbitrary_explicit_prime_curves" },
  { 0xFF02, "arbitrary_explicit_char2_curves" },
};

const char *
hl_named_group_name (guint group)
{
  return lookup (named_groups, G_N_ELEMENTS (named_groups), group);
}

/* RFC 8422 §5.1.2 */
static const Name ec_point_formats[] = {
  { 0, "uncompressed" },
  { 1, "ansiX962_compressed_prime" },
  { 2, "ansiX962_compressed_char2" },
};

const char *
hl_ec_point_format_name (guint format)
{
  return lookup (ec_point_formats, G_N_ELEMENTS (ec_point_formats), format);
}

/* RFC 8422 §5.4 ECCurveType */
static const Name ec_curve_types[] = {
  { 1, "explicit_prime" },
  { 2, "explicit_char2" },
  { 3, "named_curve" },
};

const char *
hl_ec_curve_type_name (guint curve_type)
{
  return lookup (ec_curve_types, G_N_ELEMENTS (ec_curve_types), curve_type);
}

/* IANA "TLS SignatureScheme" (RFC 8446 §4.2.3); in TLS 1.2 the same two
 * bytes are a HashAlgorithm and a SignatureAlgorithm (RFC 5246 §7.4.1.4.1). */
static const Name signature_schemes[] = {
  { 0x0201, "rsa_pkcs1_sha1" },
  { 0x0203, "ecdsa_sha1" },
  { 0x0401, "rsa_pkcs1_sha256" },
  { 0x0403, "ecdsa_secp256r1_sha256" },
  { 0x0501, "rsa_pkcs1_sha384" },
  { 0x0503, "ecdsa_secp384r1_sha384" },
  { 0x0601, "rsa_pkcs1_sha512" },
  { 0x0603, "ecdsa_secp521r1_sha512" },
  { 0x0804, "rsa_pss_rsae_sha256" },
  { 0x0805, "rsa_pss_rsae_sha384" },
  { 0x0806, "rsa_pss_rsae_sha512" },
  { 0x0807, "ed25519" },
  { 0x0808, "ed448" },
  { 0x0809, "rsa_pss_pss_sha256" },
  { 0x080A, "rsa_pss_pss_sha384" },
  { 0x080B, "rsa_pss_pss_sha512" },
};

const char *
hl_signature_scheme_name (guint scheme)
{
  return lookup (signature_schemes, G_N_ELEMENTS (signature_schemes), scheme);
}

/* RFC 5246 §7.4.1.4.1, RFC 8422 §5.1.3 */
static const Name hash_algorithms[] = {
  { 0, "none" },
  { 1, "md5" },
  { 2, "sha1" },
  { 3, "sha224" },
  { 4, "sha256" },
  { 5, "sha384" },
  { 6, "sha512" },
  { 8, "intrinsic" },
};

const char *
hl_hash_algorithm_name (guint hash)
{
  return lookup (hash_algorithms, G_N_ELEMENTS (hash_algorithms), hash);
}

static const Name signature_algorithms[] = {
  { 0, "anonymous" },
  { 1, "rsa" },
  { 2, "dsa" },
  { 3, "ecdsa" },
  { 7, "ed25519" },
  { 8, "ed448" },
};

const char *
hl_signature_algorithm_name (guint signature)
{
  return lookup (signature_algorithms, G_N_ELEMENTS (signature_algorithms), signature);
}

/* IANA "TLS Compression Method Identifiers" */
static const Name compression_methods[] = {
  { 0,  "null" },
  { 1,  "DEFLATE" },
  { 64, "LZS" },
};

const char *
hl_compression_method_name (guint method)
{
  return lookup (compression_methods, G_N_ELEMENTS (compression_methods), method);
}

/* RFC 5246 §7.4.4, RFC 8422 §5.5 */
static const Name client_certificate_types[] = {
  { 1,  "rsa_sign" },
  { 2,  "dss_sign" },
  { 3,  "rsa_fixed_dh" },
  { 4,  "dss_fixed_dh" },
  { 5,  "rsa_ephemeral_dh" },
  { 6,  "dss_ephemeral_dh" },
  { 20, "fortezza_dms" },
  { 64, "ecdsa_sign" },
  { 65, "rsa_fixed_ecdh" },
  { 66, "ecdsa_fixed_ecdh" },
};

const char *
hl_client_certificate_type_name (guint certificate_type)
{
  return lookup (client_certificate_types, G_N_ELEMENTS (client_certificate_types),
                 certificate_type);
}

typedef struct
{
  const char *oid;
  const char *name;
  const char *label;  /* short label in a one-line distinguished name */
} OidName;

static const OidName oids[] = {
  /* Attribute types of names (RFC 5280 appendix A, RFC 4519) */
  { "2.5.4.3",  "commonName",             "CN" },
  { "2.5.4.4",  "surname",                "SN" },
  { "2.5.4.5",  "serialNumber",           "serialNumber" },
  { "2.5.4.6",  "countryName",            "C" },
  { "2.5.4.7",  "localityName",           "L" },
  { "2.5.4.8",  "stateOrProvinceName",    "ST" },
  { "2.5.4.9",  "streetAddress",          "street" },
  { "2.5.4.10", "organizationName",       "O" },
  { "2.5.4.11", "organizationalUnitName", "OU" },
  { "2.5.4.12", "title",                  "title" },
  { "2.5.4.42", "givenName",              "GN" },
  { "0.9.2342.19200300.100.1.1",  "userId",          "UID" },
  { "0.9.2342.19200300.100.1.25", "domainComponent", "DC" },
  { "1.2.840.113549.1.9.1",       "emailAddress",    "emailAddress" },
  /* Keys and signatures (RFC 8017, RFC 5480, RFC 5758, RFC 8410) */
  { "1.2.840.113549.1.1.1",  "rsaEncryption",           NULL },
  { "1.2.840.113549.1.1.4",  "md5WithRSAEncryption",    NULL },
  { "1.2.840.113549.1.1.5",  "sha1WithRSAEncryption",   NULL },
  { "1.2.840.113549.1.1.10", "RSASSA-PSS",              NULL },
  { "1.2.840.113549.1.1.11", "sha256WithRSAEncryption", NULL },
  { "1.2.840.113549.1.1.12", "sha384WithRSAEncryption", NULL },
  { "1.2.840.113549.1.1.13", "sha512WithRSAEncryption", NULL },
  { "1.2.840.113549.1.1.14", "sha224WithRSAEncryption", NULL },
  { "1.2.840.10045.2.1",     "ecPublicKey",             NULL },
  { "1.2.840.10045.3.1.7",   "secp256r1",               NULL },
  { "1.3.132.0.34",          "secp384r1",               NULL },
  { "1.3.132.0.35",          "secp521r1",               NULL },
  { "1.2.840.10045.4.1",     "ecdsa-with-SHA1",         NULL },
  { "1.2.840.10045.4.3.1",   "ecdsa-with-SHA224",       NULL },
  { "1.2.840.10045.4.3.2",   "ecdsa-with-SHA256",       NULL },
  { "1.2.840.10045.4.3.3",   "ecdsa-with-SHA384",       NULL },
  { "1.2.840.10045.4.3.4",   "ecdsa-with-SHA512",       NULL },
  { "1.3.101.110",           "X25519",                  NULL },
  { "1.3.101.112",           "Ed25519",                 NULL },
  { "1.3.14.3.2.26",         "sha1",                    NULL },
  { "2.16.840.1.101.3.4.2.1", "sha256",                 NULL },
  { "2.16.840.1.101.3.4.2.2", "sha384",                 NULL },
  { "2.16.840.1.101.3.4.2.3", "sha512",                 NULL },
  { "2.16.840.1.101.3.4.2.4", "sha224",                 NULL },
  /* Certificate extensions (RFC 5280 §4.2) */
  { "2.5.29.14", "subjectKeyIdentifier",   NULL },
  { "2.5.29.15", "keyUsage",               NULL },
  { "2.5.29.17", "subjectAltName",         NULL },
  { "2.5.29.18", "issuerAltName",          NULL },
  { "2.5.29.19", "basicConstraints",       NULL },
  { "2.5.29.30", "nameConstraints",        NULL },
  { "2.5.29.31", "cRLDistributionPoints",  NULL },
  { "2.5.29.32", "certificatePolicies",    NULL },
  { "2.5.29.32.0", "anyPolicy",            NULL },
  { "2.5.29.35", "authorityKeyIdentifier", NULL },
  { "2.5.29.37", "extKeyUsage",            NULL },
  { "1.3.6.1.5.5.7.1.1", "authorityInfoAccess", NULL },
  { "1.3.6.1.4.1.11129.2.4.2", "signedCertificateTimestampList", NULL },
  { "1.3.6.1.5.5.7.3.1", "serverAuth",      NULL },
  { "1.3.6.1.5.5.7.3.2", "clientAuth",      NULL },
  { "1.3.6.1.5.5.7.3.3", "codeSigning",     NULL },
  { "1.3.6.1.5.5.7.3.4", "emailProtection", NULL },
  { "1.3.6.1.5.5.7.3.8", "timeStamping",    NULL },
  { "1.3.6.1.5.5.7.3.9", "OCSPSigning",     NULL },
  { "1.3.6.1.5.5.7.48.1", "ocsp",           NULL },
  { "1.3.6.1.5.5.7.48.2", "caIssuers",      NULL },
  { "2.23.140.1.2.1", "domain-validated",       NULL },
  { "2.23.140.1.2.2", "organization-validated", NULL },
};

static const OidName *
find_oid (const char *oid)
{
  for (gsize i = 0; i < G_N_ELEMENTS (oids); i++)
    if (strcmp (oids[i].oid, oid) == 0)
      return &oids[i];
  return NULL;
}

const char *
hl_oid_name (const char *oid)
{
  const OidName *o;

  g_return_val_if_fail (oid != NULL, NULL);

  o = find_oid (oid);
  return o ? o->name : NULL;
}

const char *
hl_oid_attribute_label (const char *oid)
{
  const OidName *o;

  g_return_val_if_fail (oid != NULL, NULL);

  o = find_oid (oid);
  return o ? o->label : NULL;
}
