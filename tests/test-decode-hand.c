/* test-decode-hand.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Messages made by hand: each field where the RFC puts it. */

#include "config.h"

#include "test-decode.h"

/* ------------------------------------------------------------------ */
/* Hand-built messages, from the RFC layouts                           */

/* RFC 5246 §7.4.1.2 with RFC 6066 and RFC 7301 extensions */
static const guint8 hand_client_hello[] = {
  0x01, 0x00, 0x00, 0x5d,                         /* ClientHello, 93 bytes */
  0x03, 0x01,                                     /* TLS 1.0 */
  0x5f, 0x5e, 0x10, 0x00,                         /* gmt_unix_time 1600000000 */
  0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
  0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
  0x00,                                           /* no session ID */
  0x00, 0x06, 0xc0, 0x2f, 0x00, 0xff, 0x12, 0x34, /* 3 suites */
  0x01, 0x00,                                     /* compression: null */
  0x00, 0x2e,                                     /* 46 bytes of extensions */
  0x00, 0x00, 0x00, 0x08, 0x00, 0x06, 0x00, 0x00, 0x03, 'a', '.', 'b',
  0x00, 0x10, 0x00, 0x0e, 0x00, 0x0c, 0x02, 'h', '2', 0x08, 'h', 't', 't', 'p', '/', '1', '.', '1',
  0x00, 0x01, 0x00, 0x01, 0x02,                   /* max_fragment_length 2^10 */
  0x42, 0x42, 0x00, 0x03, 0xaa, 0xbb, 0xcc,       /* unknown extension 16962 */
  0x00, 0x17, 0x00, 0x00,                         /* extended_master_secret */
};

static void
test_hand_client_hello (void)
{
  g_autoptr(HlField) root = hl_decode_handshake (hand_client_hello, sizeof hand_client_hello, NULL);
  HlField *suites;
  HlField *extensions;
  HlField *unknown;

  assert_clean (root, 0, sizeof hand_client_hello);
  assert_top_level_covers (root, sizeof hand_client_hello);
  g_assert_cmpstr (value_at (root, "Client version"), ==, "TLS 1.0 (0x0301)");
  g_assert_cmpstr (value_at (root, "Random/gmt_unix_time"), ==, "1600000000 (2020-09-13 12:26:40 UTC)");
  {
    g_autofree char *ones = g_strnfill (56, '1');
    g_autofree char *random = g_strconcat ("5f5e1000", ones, NULL);

    g_assert_cmpstr (value_at (root, "Random"), ==, random);
    g_assert_cmpstr (value_at (root, "Random/random_bytes"), ==, ones);
  }

  assert_span (field_at (root, "Cipher suites length"), 39, 2);
  suites = field_at (root, "Cipher suites");
  assert_span (suites, 41, 6);
  g_assert_cmpuint (hl_field_get_n_children (suites), ==, 3);
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (suites, 0)), ==,
                   "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (0xC02F)");
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (suites, 1)), ==,
                   "TLS_EMPTY_RENEGOTIATION_INFO_SCSV (0x00FF)");
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (suites, 2)), ==, "unknown (0x1234)");
  assert_span (hl_field_get_child (suites, 2), 45, 2);

  extensions = field_at (root, "Extensions");
  assert_span (extensions, 51, 46);
  g_assert_cmpuint (hl_field_get_n_children (extensions), ==, 5);
  assert_span (field_at (extensions, "server_name"), 51, 12);
  assert_span (field_at (extensions, "server_name/Server name/Host name"), 60, 3);
  g_assert_cmpstr (value_at (extensions, "server_name"), ==, "a.b");

  g_assert_cmpstr (value_at (extensions, "application_layer_protocol_negotiation"), ==, "h2, http/1.1");
  assert_span (hl_field_get_child (field_at (extensions, "application_layer_protocol_negotiation"), 3), 69, 3);
  assert_span (hl_field_get_child (field_at (extensions, "application_layer_protocol_negotiation"), 4), 72, 9);

  g_assert_cmpstr (value_at (extensions, "max_fragment_length/Maximum fragment length"), ==, "2^10 = 1024 (2)");
  assert_span (field_at (extensions, "max_fragment_length"), 81, 5);

  unknown = field_at (extensions, "unknown extension 16962");
  assert_span (unknown, 86, 7);
  g_assert_cmpstr (value_at (unknown, "Type"), ==, "unknown (16962)");
  g_assert_cmpstr (value_at (unknown, "Extension data"), ==, "aabbcc");
  assert_span (field_at (unknown, "Extension data"), 90, 3);

  g_assert_cmpstr (value_at (extensions, "extended_master_secret"), ==, "empty: the extension itself is the signal");
  assert_span (field_at (extensions, "extended_master_secret"), 93, 4);
}

/* The example of the brief: a list that claims more than there is */
static void
test_hand_truncated_list (void)
{
  guint8 message[53] = { 0x01, 0x00, 0x00, 49, 0x03, 0x03 };
  g_autoptr(HlField) root = NULL;
  HlField *error;

  message[38] = 0;       /* session ID length */
  message[39] = 0;
  message[40] = 40;      /* 40 bytes of suites… */
  memset (message + 41, 0xc0, 12); /* …and 12 there */

  root = hl_decode_handshake (message, sizeof message, NULL);
  assert_nested (root);
  g_assert_cmpuint (count_errors (root), ==, 1);
  error = first_error (root);
  g_assert_cmpstr (hl_field_get_value (error), ==,
                   "truncated: the cipher suites list says 40 bytes, 12 left at offset 41");
  assert_span (error, 41, 12);
  /* what could be read is there */
  g_assert_cmpuint (hl_field_get_n_children (field_at (root, "Cipher suites")), ==, 6);
}

/* RFC 8422 §5.4: ServerECDHParams and a signature */
static const guint8 hand_server_key_exchange[] = {
  0x0c, 0x00, 0x00, 0x4d,           /* ServerKeyExchange, 77 bytes */
  0x03,                             /* named_curve */
  0x00, 0x17,                       /* secp256r1 */
  0x41,                             /* 65-byte point */
  0x04,
  0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1,
  0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1,
  0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2,
  0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2,
  0x04, 0x03,                       /* sha256 + ecdsa */
  0x00, 0x04, 0x01, 0x02, 0x03, 0x04,
};

static void
test_hand_server_key_exchange (void)
{
  HlDecodeContext tls12 = { 0x0303, 0xC02B };
  HlDecodeContext unknown = { 0, 0 };
  g_autoptr(HlField) root = hl_decode_handshake (hand_server_key_exchange, sizeof hand_server_key_exchange, &tls12);
  g_autoptr(HlField) guessed = NULL;
  HlField *point;

  assert_clean (root, 0, sizeof hand_server_key_exchange);
  assert_top_level_covers (root, sizeof hand_server_key_exchange);
  g_assert_cmpstr (value_at (root, "Named curve"), ==, "secp256r1 (0x0017)");
  assert_span (field_at (root, "Named curve"), 5, 2);
  point = field_at (root, "Public key");
  assert_span (point, 8, 65);
  assert_span (field_at (point, "x"), 9, 32);
  assert_span (field_at (point, "y"), 41, 32);
  g_assert_true (g_str_has_prefix (value_at (point, "x"), "a1a1a1"));
  g_assert_true (g_str_has_prefix (value_at (point, "y"), "b2b2b2"));
  g_assert_cmpstr (value_at (root, "Signature algorithm"), ==, "ecdsa_secp256r1_sha256 (0x0403)");
  assert_span (field_at (root, "Signature algorithm"), 73, 2);
  g_assert_cmpstr (value_at (root, "Signature"), ==, "01020304");
  assert_span (field_at (root, "Signature"), 77, 4);
  g_assert_cmpstr (hl_field_get_value (root), ==, "secp256r1 public key, signed with ecdsa_secp256r1_sha256");

  /* Unknown context: read as ECDHE and TLS 1.2 from the bytes, with notes */
  guessed = hl_decode_handshake (hand_server_key_exchange, sizeof hand_server_key_exchange, &unknown);
  assert_clean (guessed, 0, sizeof hand_server_key_exchange);
  g_assert_cmpstr (value_at (guessed, "Signature algorithm"), ==, "ecdsa_secp256r1_sha256 (0x0403)");

  /* Read as TLS 1.1, the same bytes do not fit: sig alg read as a length */
  {
    HlDecodeContext tls11 = { 0x0302, 0xC02B };
    g_autoptr(HlField) wrong = hl_decode_handshake (hand_server_key_exchange, sizeof hand_server_key_exchange,
                                                    &tls11);

    assert_nested (wrong);
    g_assert_cmpuint (count_errors (wrong), >, 0);
    g_assert_cmpstr (value_at (wrong, "Signature length"), ==, "1027");
  }

  /* An RSA suite has no ServerKeyExchange Handshake Lab reads: raw bytes */
  {
    HlDecodeContext rsa = { 0x0303, 0x009C };
    g_autoptr(HlField) raw = hl_decode_handshake (hand_server_key_exchange, sizeof hand_server_key_exchange, &rsa);

    assert_clean (raw, 0, sizeof hand_server_key_exchange);
    assert_span (field_at (raw, "Key exchange parameters"), 4, 77);
  }
}

/* RFC 5246 §7.4.4 (TLS 1.2) with one CA name, CN=Test CA */
static const guint8 hand_certificate_request[] = {
  0x0d, 0x00, 0x00, 0x21,                       /* CertificateRequest, 33 bytes */
  0x02, 0x01, 0x40,                             /* rsa_sign, ecdsa_sign */
  0x00, 0x04, 0x04, 0x01, 0x04, 0x03,           /* two signature algorithms */
  0x00, 0x16,                                   /* 22 bytes of names */
  0x00, 0x14,                                   /* one name of 20 bytes */
  0x30, 0x12, 0x31, 0x10, 0x30, 0x0e,
  0x06, 0x03, 0x55, 0x04, 0x03,                 /* commonName */
  0x13, 0x07, 'T', 'e', 's', 't', ' ', 'C', 'A',
};

static void
test_hand_certificate_request (void)
{
  HlDecodeContext tls12 = { 0x0303, 0x009C };
  g_autoptr(HlField) root = hl_decode_handshake (hand_certificate_request, sizeof hand_certificate_request, &tls12);
  HlField *authority;

  assert_clean (root, 0, sizeof hand_certificate_request);
  assert_top_level_covers (root, sizeof hand_certificate_request);
  g_assert_cmpstr (value_at (root, "Certificate types"), ==, "rsa_sign, ecdsa_sign");
  g_assert_cmpuint (hl_field_get_n_children (field_at (root, "Signature algorithms")), ==, 2);
  authority = field_at (root, "Certificate authorities/Certificate authority");
  assert_span (authority, 15, 22);
  g_assert_cmpstr (hl_field_get_value (authority), ==, "CN=Test CA");
  assert_span (hl_field_get_child (authority, 1), 17, 20);
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (authority, 1)), ==, "CN=Test CA");
  g_assert_cmpstr (hl_field_get_value (root), ==, "rsa_sign, ecdsa_sign; 1 certificate authority");

  /* The same message without the algorithms is a TLS 1.0 one */
  {
    guint8 old[sizeof hand_certificate_request - 6];
    HlDecodeContext tls10 = { 0x0301, 0x002F };
    HlDecodeContext unknown = { 0, 0 };
    g_autoptr(HlField) decoded = NULL;
    g_autoptr(HlField) guessed = NULL;

    memcpy (old, hand_certificate_request, 7);
    memcpy (old + 7, hand_certificate_request + 13, sizeof old - 7);
    old[3] = sizeof old - 4;
    decoded = hl_decode_handshake (old, sizeof old, &tls10);
    assert_clean (decoded, 0, sizeof old);
    g_assert_null (hl_field_get_child_by_id (decoded, "signature_algorithms"));
    assert_span (field_at (decoded, "Certificate authorities"), 9, 22);

    guessed = hl_decode_handshake (old, sizeof old, &unknown);
    assert_clean (guessed, 0, sizeof old);
    g_assert_null (hl_field_get_child_by_id (guessed, "signature_algorithms"));
    g_assert_nonnull (hl_field_get_child_by_id (guessed, "decode.note"));
  }
}

static void
test_hand_small_messages (void)
{
  HlDecodeContext tls12 = { 0x0303, 0xC02F };
  static const guint8 verify[] = { 0x0f, 0x00, 0x00, 0x08, 0x04, 0x01, 0x00, 0x04, 0xde, 0xad, 0xbe, 0xef };
  static const guint8 finished[] = { 0x14, 0x00, 0x00, 0x0c, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
  static const guint8 hello_request[] = { 0x00, 0x00, 0x00, 0x00 };
  static const guint8 unknown_type[] = { 0x63, 0x00, 0x00, 0x02, 0xab, 0xcd };
  static const guint8 ec_key_exchange[] = { 0x10, 0x00, 0x00, 0x04, 0x03, 0x04, 0x05, 0x06 };
  static const guint8 server_hello[] = {
    0x02, 0x00, 0x00, 0x36, 0x03, 0x03,
    0x00, 0x00, 0x00, 0x00, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22,
    0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22,
    0x00, 0xc0, 0x2f, 0x00,
    0x00, 0x0e,
    0x00, 0x00, 0x00, 0x00,                       /* server_name: acknowledged */
    0x00, 0x23, 0x00, 0x00,                       /* session_ticket */
    0xff, 0x01, 0x00, 0x02, 0x01, 0x99,           /* renegotiation_info, 1 byte (wrong on purpose) */
  };
  g_autoptr(HlField) cv = hl_decode_handshake (verify, sizeof verify, &tls12);
  g_autoptr(HlField) fin = hl_decode_handshake (finished, sizeof finished, &tls12);
  g_autoptr(HlField) hr = hl_decode_handshake (hello_request, sizeof hello_request, NULL);
  g_autoptr(HlField) unknown = hl_decode_handshake (unknown_type, sizeof unknown_type, NULL);
  g_autoptr(HlField) cke = hl_decode_handshake (ec_key_exchange, sizeof ec_key_exchange, &tls12);
  g_autoptr(HlField) sh = hl_decode_handshake (server_hello, sizeof server_hello, NULL);

  assert_clean (cv, 0, sizeof verify);
  g_assert_cmpstr (hl_field_get_name (cv), ==, "CertificateVerify");
  g_assert_cmpstr (value_at (cv, "Signature algorithm"), ==, "rsa_pkcs1_sha256 (0x0401)");
  g_assert_cmpstr (value_at (cv, "Signature algorithm/Signature"), ==, "rsa (1)");
  g_assert_cmpstr (value_at (cv, "Signature"), ==, "deadbeef");

  assert_clean (fin, 0, sizeof finished);
  g_assert_cmpstr (value_at (fin, "verify_data"), ==, "0102030405060708090a0b0c");
  assert_span (field_at (fin, "verify_data"), 4, 12);

  assert_clean (hr, 0, sizeof hello_request);
  g_assert_cmpstr (hl_field_get_name (hr), ==, "HelloRequest");

  assert_clean (unknown, 0, sizeof unknown_type);
  g_assert_cmpstr (hl_field_get_name (unknown), ==, "Unknown handshake message 99");
  g_assert_cmpstr (value_at (unknown, "Handshake type"), ==, "unknown (99)");
  g_assert_cmpstr (value_at (unknown, "Body"), ==, "abcd");

  /* ECDHE ClientKeyExchange (RFC 8422 §5.7): 1-byte length, then the point */
  assert_clean (cke, 0, sizeof ec_key_exchange);
  g_assert_cmpstr (value_at (cke, "Public key length"), ==, "3");
  g_assert_cmpstr (value_at (cke, "Public key"), ==, "040506");

  /* The renegotiation_info of this ServerHello is a single byte in a
   * one-byte vector: well-formed, if not what a real server sends. */
  assert_clean (sh, 0, sizeof server_hello);
  g_assert_cmpstr (value_at (sh, "Extensions/server_name"), ==,
                   "empty: the server acknowledges the name the client asked for");
  g_assert_cmpstr (value_at (sh, "Extensions/session_ticket"), ==, "empty: the server will send a new ticket");
  g_assert_cmpstr (value_at (sh, "Extensions/renegotiation_info/Renegotiated connection"), ==, "99");
  g_assert_cmpstr (hl_field_get_value (sh), ==, "TLS 1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

  /* A byte after a message that ends is flagged, not ignored */
  {
    guint8 longer[sizeof finished + 1];
    g_autoptr(HlField) extra = NULL;

    memcpy (longer, finished, sizeof finished);
    longer[sizeof finished] = 0x77;
    extra = hl_decode_handshake (longer, sizeof longer, &tls12);
    assert_nested (extra);
    g_assert_cmpuint (count_errors (extra), ==, 1);
    g_assert_cmpstr (hl_field_get_value (first_error (extra)), ==,
                     "1 unexpected byte after the message at offset 16");
  }

  /* An extension that claims more than its list holds */
  {
    guint8 bad[sizeof server_hello];
    g_autoptr(HlField) decoded = NULL;

    memcpy (bad, server_hello, sizeof bad);
    bad[51] = 0x09;  /* session_ticket says 9 bytes */
    decoded = hl_decode_handshake (bad, sizeof bad, NULL);
    assert_nested (decoded);
    g_assert_cmpstr (hl_field_get_value (first_error (decoded)), ==,
                     "truncated: the session_ticket extension says 9 bytes, 6 left at offset 52");
  }
}

static void
test_record_alert_ccs (void)
{
  static const guint8 header[] = { 0x16, 0x03, 0x03, 0x00, 0x51 };
  static const guint8 record[] = { 0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28 };
  static const guint8 fatal[] = { 0x02, 0x28 };
  static const guint8 close[] = { 0x01, 0x00 };
  static const guint8 bad_ccs[] = { 0x02 };
  g_autoptr(HlField) h = hl_decode_record_header (header, sizeof header);
  g_autoptr(HlField) r = hl_decode_record_header (record, sizeof record);
  g_autoptr(HlField) short_record = hl_decode_record_header (record, sizeof record - 1);
  g_autoptr(HlField) a = hl_decode_alert (fatal, sizeof fatal);
  g_autoptr(HlField) c = hl_decode_alert (close, sizeof close);
  g_autoptr(HlField) half = hl_decode_alert (fatal, 1);
  g_autoptr(HlField) ccs = hl_decode_change_cipher_spec (bad_ccs, sizeof bad_ccs);

  assert_clean (h, 0, sizeof header);
  g_assert_cmpstr (value_at (h, "Content type"), ==, "handshake (22)");
  g_assert_cmpstr (value_at (h, "Version"), ==, "TLS 1.2 (0x0303)");
  g_assert_cmpstr (value_at (h, "Length"), ==, "81");
  assert_span (field_at (h, "Length"), 3, 2);
  g_assert_cmpstr (hl_field_get_value (h), ==, "handshake, TLS 1.2, 81 bytes");

  assert_clean (r, 0, sizeof record);
  assert_span (field_at (r, "Fragment"), 5, 2);
  g_assert_cmpuint (count_errors (short_record), ==, 1);
  g_assert_cmpstr (hl_field_get_value (first_error (short_record)), ==,
                   "truncated: the record says 2 bytes, 1 follow the header");

  assert_clean (a, 0, sizeof fatal);
  g_assert_cmpstr (value_at (a, "Level"), ==, "fatal (2)");
  g_assert_cmpstr (value_at (a, "Description"), ==, "handshake_failure (40)");
  g_assert_cmpstr (hl_field_get_value (a), ==, "fatal: handshake_failure");
  assert_clean (c, 0, sizeof close);
  g_assert_cmpstr (hl_field_get_value (c), ==, "warning: close_notify");
  g_assert_cmpuint (count_errors (half), ==, 1);
  g_assert_cmpstr (hl_field_get_value (first_error (half)), ==,
                   "truncated: the alert description needs 1 byte, 0 left at offset 1");

  g_assert_cmpuint (count_errors (ccs), ==, 1);
  g_assert_cmpstr (value_at (ccs, "Type"), ==, "unknown (2)");
}

static void
test_application_data (void)
{
  static const char request[] = "GET / HTTP/1.1\r\nHost: www.handshake-lab.test\r\nConnection: close\r\n\r\n";
  static const char response[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
  static const char plain[] = "just some words";
  /* the end of a request whose first byte went in a record of its own */
  static const char rest[] = "ET / HTTP/1.1\r\nHost: www.handshake-lab.test\r\n\r\n";
  static const guint8 binary[] = { 0x00, 0x01, 0xfe, 0xff };
  g_autoptr(HlField) req = hl_decode_application_data ((const guint8 *)request, strlen (request));
  g_autoptr(HlField) resp = hl_decode_application_data ((const guint8 *)response, strlen (response));
  g_autoptr(HlField) text = hl_decode_application_data ((const guint8 *)plain, strlen (plain));
  g_autoptr(HlField) bin = hl_decode_application_data (binary, sizeof binary);
  g_autoptr(HlField) split = hl_decode_application_data ((const guint8 *)rest, strlen (rest));
  g_autoptr(HlField) empty = hl_decode_application_data (NULL, 0);
  HlField *http;

  assert_clean (req, 0, strlen (request));
  g_assert_cmpstr (hl_field_get_value (req), ==, "67 bytes");
  http = field_at (req, "Text (HTTP)");
  g_assert_cmpstr (value_at (http, "Request line"), ==, "GET / HTTP/1.1");
  assert_span (field_at (http, "Request line"), 0, 16);
  g_assert_cmpstr (value_at (http, "Host"), ==, "www.handshake-lab.test");
  assert_span (field_at (http, "Host"), 16, 30);
  g_assert_cmpstr (value_at (http, "Connection"), ==, "close");
  assert_span (field_at (http, "Connection"), 46, 19);
  assert_span (field_at (http, "End of header"), 65, 2);

  assert_clean (resp, 0, strlen (response));
  http = field_at (resp, "Text (HTTP)");
  g_assert_cmpstr (value_at (http, "Status line"), ==, "HTTP/1.1 200 OK");
  g_assert_cmpstr (value_at (http, "Body"), ==, "hello");
  assert_span (field_at (http, "Body"), strlen (response) - 5, 5);

  assert_clean (text, 0, strlen (plain));
  g_assert_cmpstr (value_at (text, "Text"), ==, plain);

  assert_clean (split, 0, strlen (rest));
  g_assert_null (hl_field_get_child_by_id (split, "app.http"));
  g_assert_nonnull (hl_field_get_child_by_id (split, "app.text"));

  assert_clean (bin, 0, sizeof binary);
  g_assert_cmpstr (value_at (bin, "Data"), ==, "0001feff");

  assert_clean (empty, 0, 0);
  g_assert_cmpuint (hl_field_get_n_children (empty), ==, 0);
}

void
hl_test_decode_add_hand_tests (void)
{
  g_test_add_func ("/decode/hand/client-hello", test_hand_client_hello);
  g_test_add_func ("/decode/hand/truncated-list", test_hand_truncated_list);
  g_test_add_func ("/decode/hand/server-key-exchange", test_hand_server_key_exchange);
  g_test_add_func ("/decode/hand/certificate-request", test_hand_certificate_request);
  g_test_add_func ("/decode/hand/small-messages", test_hand_small_messages);
  g_test_add_func ("/decode/hand/record-alert-ccs", test_record_alert_ccs);
  g_test_add_func ("/decode/hand/application-data", test_application_data);
}
