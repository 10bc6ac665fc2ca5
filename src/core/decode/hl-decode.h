/* hl-decode.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * hl-decode: the bytes of a TLS 1.0–1.2 message, explained field by field.
 *
 * Each decoder reads one unit of the protocol — a record header, one
 * handshake message, a ChangeCipherSpec, an alert, a piece of application
 * data, or an ASN.1 DER structure such as a certificate — and returns a tree
 * of HlField.  Every field names what it is, gives its value in a form a
 * student can read ("TLS 1.2 (0x0303)",
 * "TLS_RSA_WITH_AES_128_GCM_SHA256 (0x009C)", "secp256r1 (23)") and says
 * exactly which bytes it stands for, so that a hex view can highlight them.
 *
 * The spans follow three rules, which the tests check:
 *
 *  - the root covers the whole input;
 *  - a child lies inside its parent;
 *  - for well-formed input the leaves, read in order, cover the input byte
 *    after byte, with neither gaps nor overlaps.  Length prefixes are fields
 *    of their own ("Cipher suites length"), next to the field they measure.
 *
 * Decoders never trust a length.  Input that is too short, a length prefix
 * that points past the end, bytes left over, an impossible value, or plain
 * garbage all give the fields that could be decoded followed by a field
 * flagged %HL_FIELD_FLAG_ERROR whose value names the problem and where it
 * is ("truncated: cipher suites list says 40 bytes, 12 left at offset 44").
 * No input makes a decoder read outside the bytes it was given, and a DER
 * structure nested deeper than %HL_DECODE_DER_MAX_DEPTH is not followed
 * further.
 *
 * Some handshake messages cannot be read from their own bytes alone: a
 * ServerKeyExchange, a ClientKeyExchange, a CertificateRequest and a
 * CertificateVerify are laid out differently for different key exchanges
 * and protocol versions.  The caller passes what the ServerHello of the
 * same connection negotiated in an #HlDecodeContext; when that is unknown
 * (zeros), the decoder guesses from the lengths and says so.
 *
 * Field names are translated; protocol names (message, extension, suite,
 * alert, curve and algorithm names) are the registry names and never are.
 * All functions may be called with a %NULL @data when @len is 0.
 *
 * The fields' ids (hl-field.h):
 *
 *  - record: "record" (a header and its fragment) or "record.header",
 *    with "record.content_type", "record.version", "record.length",
 *    "record.fragment";
 *  - handshake: "handshake", with "handshake.type", "handshake.length",
 *    "handshake.body" (a message of an unknown type);
 *  - hellos: "hello.client_version", "hello.server_version",
 *    "hello.random" (with "hello.random.gmt_unix_time",
 *    "hello.random.random_bytes"), "hello.session_id.length",
 *    "hello.session_id", "hello.cipher_suites.length",
 *    "hello.cipher_suites", "hello.cipher_suite",
 *    "hello.compression_methods.length", "hello.compression_methods",
 *    "hello.compression_method", "hello.extensions.length",
 *    "hello.extensions";
 *  - each extension "ext", with "ext.type", "ext.length", "ext.data", and
 *    for those decoded "ext.server_name.list_length",
 *    "ext.server_name.entry" (".type", ".length", ".name"),
 *    "ext.max_fragment_length", "ext.named_groups.length",
 *    "ext.named_group", "ext.ec_point_formats.length",
 *    "ext.ec_point_format", "ext.alpn.list_length", "ext.alpn.protocol"
 *    (".length", ".name"), "ext.session_ticket",
 *    "ext.renegotiation_info.length", "ext.renegotiation_info";
 *  - "signature_algorithms.length", "signature_algorithms",
 *    "signature_algorithm" (with ".hash", ".signature"),
 *    "signature.length", "signature";
 *  - Certificate: "certificate.list_length", "certificate.list",
 *    "certificate.entry", "certificate.length";
 *  - ServerKeyExchange: "ske.curve_type", "ske.curve_parameters",
 *    "ske.named_curve", "ske.public_key.length", "ske.public_key" (with
 *    "point.form", "point.x", "point.y"), "ske.parameters";
 *  - CertificateRequest: "cr.certificate_types.length",
 *    "cr.certificate_types", "cr.certificate_type", "cr.authorities.length",
 *    "cr.authorities", "cr.authority", "cr.authority.length";
 *  - ClientKeyExchange: "cke.encrypted_pre_master_secret.length",
 *    "cke.encrypted_pre_master_secret", "cke.public_value.length",
 *    "cke.public_value", "cke.public_key.length", "cke.public_key",
 *    "cke.exchange_keys"; Finished: "finished.verify_data";
 *  - "ccs" with "ccs.type"; "alert" with "alert.level",
 *    "alert.description"; "app" with "app.text", "app.data", "app.http"
 *    (with "http.start_line", "http.header", "http.header_line",
 *    "http.end_of_header", "http.body");
 *  - DER: "der", each value "der.element" with "der.tag", "der.length",
 *    "der.unused_bits", "der.content";
 *  - the values of an X.509 certificate (a certificate in a Certificate
 *    message or given to hl_decode_der()) instead of "der.element", named
 *    as RFC 5280 §4.1 names them (hl-decode-x509.c) with the type before
 *    the value ("SEQUENCE: 2 elements"): "x509.certificate", "x509.tbs",
 *    "x509.version" (its INTEGER "x509.version.value"),
 *    "x509.serial_number", "x509.signature", "x509.issuer",
 *    "x509.subject" (each "x509.rdn" of "x509.attribute" with
 *    "x509.attribute.type", "x509.attribute.value"), "x509.validity" with
 *    "x509.not_before", "x509.not_after", "x509.spki" with
 *    "x509.spki.algorithm", "x509.spki.public_key" (an RSA key's
 *    "x509.rsa_public_key" with "x509.rsa.modulus",
 *    "x509.rsa.public_exponent"), "x509.issuer_unique_id",
 *    "x509.subject_unique_id", "x509.extensions" holding
 *    "x509.extension_list" of "x509.extension" (named after its extnID,
 *    with "x509.extension.id", "x509.extension.critical",
 *    "x509.extension.value", and inside the value
 *    "x509.basic_constraints" (".ca", ".path_len"), "x509.key_usage",
 *    "x509.subject_alt_name" of "x509.general_name.dns" (".email",
 *    ".directory" (holding a "x509.name"), ".uri", ".ip", ".other"),
 *    "x509.subject_key_identifier", "x509.authority_key_identifier"
 *    (".key_id", ".issuer", ".serial"), "x509.ext_key_usage" of
 *    "x509.key_purpose"), "x509.signature_algorithm",
 *    "x509.signature_value" (an ECDSA one's "x509.ecdsa_signature" with
 *    "x509.ecdsa.r", "x509.ecdsa.s"); every AlgorithmIdentifier has
 *    "x509.algorithm" and "x509.parameters";
 *  - anywhere: "decode.error", "decode.note".
 */

#include "hl-field.h"

G_BEGIN_DECLS

/* The bytes of a TLS record header: content type, version, length. */
#define HL_DECODE_RECORD_HEADER_LEN 5

/* How deep hl_decode_der() follows nested constructed values. */
#define HL_DECODE_DER_MAX_DEPTH 32

/**
 * HlDecodeContext:
 * @version: the negotiated protocol version (0x0303), 0 before ServerHello
 * @cipher_suite: the negotiated cipher suite, 0 before ServerHello
 *
 * What a connection has negotiated so far, for the handshake messages whose
 * layout depends on it.
 */
typedef struct {
  guint version;       /* negotiated protocol version, 0 before ServerHello */
  guint cipher_suite;  /* negotiated suite, 0 before ServerHello */
} HlDecodeContext;

/**
 * hl_decode_record_header:
 * @data: (array length=len) (nullable): the start of a TLS record
 * @len: the number of bytes at @data
 *
 * Decodes the 5-byte header of a TLS record (RFC 5246 §6.2.1): content
 * type, protocol version and fragment length.  When @len is larger than 5
 * the rest is shown as the fragment, and a fragment length that disagrees
 * with it is an error.
 *
 * Returns: (transfer full): the field tree; the root covers @len bytes
 */
HlField *hl_decode_record_header (const guint8 *data,
                                  gsize         len);

/**
 * hl_decode_prepend_record_header:
 * @fields: the tree of a record's fragment, or of the first message in it,
 *   whose root covers its bytes from offset 0
 * @header: (array fixed-size=5): the record header that came before those
 *   bytes on the wire
 *
 * Turns @fields into the tree of the same bytes with their record header in
 * front: every offset moves %HL_DECODE_RECORD_HEADER_LEN bytes on, the root
 * grows to cover the header too and keeps its name and value, and the
 * decoded header (hl_decode_record_header()) becomes its first child.
 */
void     hl_decode_prepend_record_header (HlField      *fields,
                                          const guint8 *header);

/**
 * hl_decode_suite_text:
 * @suite: a cipher suite's code point
 *
 * Returns: (transfer full): the suite as the decoder shows it,
 *   "TLS_RSA_WITH_AES_128_GCM_SHA256 (0x009C)"
 */
char    *hl_decode_suite_text    (guint                  suite);

/**
 * hl_decode_handshake:
 * @data: (array length=len) (nullable): one handshake message, its 4-byte
 *   header (type and length) included
 * @len: the number of bytes at @data
 * @ctx: (nullable): what the connection negotiated; %NULL is all zeros
 *
 * Decodes one handshake message (RFC 5246 §7.4): HelloRequest,
 * ClientHello and ServerHello with their extensions, Certificate (each
 * certificate as a DER tree), ServerKeyExchange (ECDHE, RFC 8422 §5.4),
 * CertificateRequest, ServerHelloDone, CertificateVerify, ClientKeyExchange
 * (RSA or EC Diffie-Hellman) and Finished.  The body of a message of an
 * unknown type is shown as raw bytes.
 *
 * Returns: (transfer full): the field tree, whose root is named after the
 *   message and covers @len bytes
 */
HlField *hl_decode_handshake     (const guint8          *data,
                                  gsize                  len,
                                  const HlDecodeContext *ctx);

/**
 * hl_decode_change_cipher_spec:
 * @data: (array length=len) (nullable): the content of a ChangeCipherSpec
 *   record, one byte of value 1
 * @len: the number of bytes at @data
 *
 * Returns: (transfer full): the field tree, covering @len bytes
 */
HlField *hl_decode_change_cipher_spec (const guint8 *data,
                                       gsize         len);

/**
 * hl_decode_alert:
 * @data: (array length=len) (nullable): the content of an alert record:
 *   level and description, one byte each
 * @len: the number of bytes at @data
 *
 * Returns: (transfer full): the field tree, with the level and the
 *   description by name ("fatal (2)", "handshake_failure (40)")
 */
HlField *hl_decode_alert         (const guint8 *data,
                                  gsize         len);

/**
 * hl_decode_application_data:
 * @data: (array length=len) (nullable): decrypted application data
 * @len: the number of bytes at @data
 *
 * Shows the length of the data and, when it is printable UTF-8, the text;
 * an HTTP/1.x message is split into its start line, its header lines and
 * its body.  Other data is shown as hex.
 *
 * Returns: (transfer full): the field tree, covering @len bytes
 */
HlField *hl_decode_application_data (const guint8 *data,
                                     gsize         len);

/**
 * hl_decode_der:
 * @data: (array length=len) (nullable): ASN.1 DER bytes (ITU-T X.690),
 *   such as an X.509 certificate or a distinguished name
 * @len: the number of bytes at @data
 * @base_offset: added to every offset of the result, so that a tree for
 *   bytes inside a larger message gives offsets into that message
 *
 * Decodes a sequence of DER values into a tree: each value is named after
 * its tag (SEQUENCE, INTEGER, [0] …), or, in an X.509 certificate, after
 * its place in RFC 5280's structure (tbsCertificate, validity …), and has
 * a "Tag" child (class, constructed or primitive, number), a "Length"
 * child and either its
 * elements (constructed values, followed down to
 * %HL_DECODE_DER_MAX_DEPTH levels) or a "Value" child.  Values are shown
 * readably: object identifiers with their names ("2.5.4.3 (commonName)"),
 * integers in decimal or as a bit size and hex, strings as text, times as
 * dates.  An OCTET STRING in a certificate extension and a BIT STRING that
 * hold DER of their own (a public key, an ECDSA signature) are decoded too.
 *
 * Returns: (transfer full): the field tree; the root covers @base_offset to
 *   @base_offset + @len
 */
HlField *hl_decode_der           (const guint8 *data,
                                  gsize         len,
                                  gsize         base_offset);

G_END_DECLS
