/* hl-der-writer.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlDerWriter: a small encoder for ASN.1 DER (ITU-T X.690), just large
 * enough to write X.509 certificates.
 *
 * Values are appended in order.  A constructed value (SEQUENCE, SET, an
 * explicit context-specific tag) is opened with hl_der_writer_begin() and
 * closed with hl_der_writer_end(); its length is only known when it is
 * closed, so the writer patches it in then.  Lengths are always definite
 * and minimal, as DER requires.
 *
 * Only low tag numbers (0 to 30) are supported: a tag is one identifier
 * octet, class and constructed bit included.  The HL_DER_* constants name
 * the universal tags the project uses; HL_DER_CONTEXT() and
 * HL_DER_CONTEXT_CONSTRUCTED() make context-specific tags ([n] IMPLICIT
 * on a primitive value, [n] EXPLICIT or IMPLICIT on a constructed one).
 *
 * Typical use:
 *
 *   g_autoptr(HlDerWriter) w = hl_der_writer_new ();
 *   hl_der_writer_begin (w, HL_DER_SEQUENCE);
 *   hl_der_writer_add_oid (w, "1.2.840.113549.1.1.11");
 *   hl_der_writer_add_null (w);
 *   hl_der_writer_end (w);
 *   bytes = hl_der_writer_finish (w);
 *
 * The writer allocates as it goes; it is not meant for secrets.
 */

#include <glib.h>

G_BEGIN_DECLS

#define HL_DER_BOOLEAN           0x01
#define HL_DER_INTEGER           0x02
#define HL_DER_BIT_STRING        0x03
#define HL_DER_OCTET_STRING      0x04
#define HL_DER_NULL              0x05
#define HL_DER_OID               0x06
#define HL_DER_UTF8_STRING       0x0c
#define HL_DER_PRINTABLE_STRING  0x13
#define HL_DER_IA5_STRING        0x16
#define HL_DER_UTC_TIME          0x17
#define HL_DER_GENERALIZED_TIME  0x18
#define HL_DER_SEQUENCE          0x30
#define HL_DER_SET               0x31

/* [n] on a primitive value (e.g. dNSName [2] IA5String) */
#define HL_DER_CONTEXT(n)             ((guint8) (0x80 | (n)))
/* [n] on a constructed value (e.g. version [0] EXPLICIT) */
#define HL_DER_CONTEXT_CONSTRUCTED(n) ((guint8) (0xa0 | (n)))

typedef struct _HlDerWriter HlDerWriter;

/**
 * hl_der_writer_new:
 *
 * Creates an empty writer.
 *
 * Returns: (transfer full): a new writer; free it with
 *   hl_der_writer_free()
 */
HlDerWriter *hl_der_writer_new                  (void);

/**
 * hl_der_writer_free:
 * @self: (nullable): a writer, or %NULL
 *
 * Frees a writer and everything it has not handed out yet.
 */
void         hl_der_writer_free                 (HlDerWriter   *self);

/**
 * hl_der_writer_begin:
 * @self: a writer
 * @tag: identifier octet, with the constructed bit (0x20) set, e.g.
 *   %HL_DER_SEQUENCE or HL_DER_CONTEXT_CONSTRUCTED (3)
 *
 * Opens a constructed value.
 *
 * Everything added until the matching hl_der_writer_end() becomes its
 * contents.  Values nest to any depth.
 */
void         hl_der_writer_begin                (HlDerWriter   *self,
                                                 guint8         tag);

/**
 * hl_der_writer_end:
 * @self: a writer, with at least one value open
 *
 * Closes the innermost open constructed value and writes its length.
 */
void         hl_der_writer_end                  (HlDerWriter   *self);

/**
 * hl_der_writer_get_depth:
 * @self: a writer
 *
 * Gets the number of constructed values currently open.
 *
 * Returns: the nesting depth, 0 at top level
 */
guint        hl_der_writer_get_depth            (HlDerWriter   *self);

/**
 * hl_der_writer_add_primitive:
 * @self: a writer
 * @tag: identifier octet (constructed bit clear)
 * @data: contents octets (may be %NULL when @len is 0)
 * @len: number of contents octets
 *
 * Adds a primitive value with any tag, contents given as is.
 *
 * This is the building block of the other add functions, and the way to
 * write an IMPLICIT context-specific primitive value.
 */
void         hl_der_writer_add_primitive        (HlDerWriter   *self,
                                                 guint8         tag,
                                                 const guint8  *data,
                                                 gsize          len);

/**
 * hl_der_writer_add_integer:
 * @self: a writer
 * @be: unsigned big-endian integer (may be %NULL when @len is 0)
 * @len: its length in octets
 *
 * Adds an INTEGER from an unsigned big-endian magnitude.
 *
 * Leading zero octets are stripped, and one 0x00 octet is put back when the
 * top bit of the first remaining octet is set, so that the value stays
 * positive.  An empty or all-zero magnitude encodes 0 (02 01 00).
 */
void         hl_der_writer_add_integer          (HlDerWriter   *self,
                                                 const guint8  *be,
                                                 gsize          len);

/**
 * hl_der_writer_add_uint64:
 * @self: a writer
 * @value: the integer
 *
 * Adds a non-negative INTEGER.
 */
void         hl_der_writer_add_uint64           (HlDerWriter   *self,
                                                 guint64        value);

/**
 * hl_der_writer_add_boolean:
 * @self: a writer
 * @value: the boolean
 *
 * Adds a BOOLEAN (DER: TRUE is 0xff, FALSE is 0x00).
 *
 * A field declared DEFAULT FALSE must be left out rather than written as
 * FALSE: DER forbids encoding a default value.  That is the caller's job.
 */
void         hl_der_writer_add_boolean          (HlDerWriter   *self,
                                                 gboolean       value);

/**
 * hl_der_writer_add_null:
 * @self: a writer
 *
 * Adds a NULL (05 00).
 */
void         hl_der_writer_add_null             (HlDerWriter   *self);

/**
 * hl_der_writer_add_oid:
 * @self: a writer
 * @dotted: the OID
 *
 * Adds an OBJECT IDENTIFIER given in dotted decimal ("2.5.4.3").
 *
 * The string must have at least two arcs, the first 0, 1 or 2, the second
 * below 40 unless the first is 2, and every arc must fit in 64 bits.
 *
 * Returns: %TRUE, or %FALSE (and nothing written) if the string is not a
 *   valid OID
 */
gboolean     hl_der_writer_add_oid              (HlDerWriter   *self,
                                                 const char    *dotted);

/**
 * hl_der_writer_add_printable_string:
 * @self: a writer
 * @str: text; only A-Z a-z 0-9 space and '()+,-./:=? are allowed
 *
 * Adds a PrintableString.
 *
 * Returns: %TRUE, or %FALSE (and nothing written) if @str holds another
 *   character
 */
gboolean     hl_der_writer_add_printable_string (HlDerWriter   *self,
                                                 const char    *str);

/**
 * hl_der_writer_add_utf8_string:
 * @self: a writer
 * @str: valid UTF-8 text, NUL-terminated
 *
 * Adds a UTF8String.
 */
void         hl_der_writer_add_utf8_string      (HlDerWriter   *self,
                                                 const char    *str);

/**
 * hl_der_writer_add_time:
 * @self: a writer
 * @unix_time: seconds since 1970-01-01T00:00:00Z
 *
 * Adds a time as RFC 5280 §4.1.2.5 wants it in a certificate.
 *
 * Years 1950 to 2049 are written as UTCTime "YYMMDDHHMMSSZ", all other
 * years as GeneralizedTime "YYYYMMDDHHMMSSZ".  Both are in UTC, with seconds
 * and without fractions.
 *
 * Returns: %TRUE, or %FALSE (and nothing written) if the year falls outside
 *   1 to 9999
 */
gboolean     hl_der_writer_add_time             (HlDerWriter   *self,
                                                 gint64         unix_time);

/**
 * hl_der_writer_add_bit_string:
 * @self: a writer
 * @data: the bits, first bit in the top bit of @data[0]
 * @len: length of @data in octets
 *
 * Adds a BIT STRING whose length is a whole number of octets.
 *
 * The first contents octet ("unused bits") is 0; @data follows it, as used
 * for subjectPublicKey and signatureValue.
 */
void         hl_der_writer_add_bit_string       (HlDerWriter   *self,
                                                 const guint8  *data,
                                                 gsize          len);

/**
 * hl_der_writer_add_named_bits:
 * @self: a writer
 * @bits: the named bits that are set
 *
 * Adds a BIT STRING of named bits (such as keyUsage).
 *
 * Bit n of @bits is named bit n of the ASN.1 type, i.e. bit 0 goes to the
 * top bit of the first octet.  As X.690 §11.2.2 requires, trailing zero
 * bits are dropped and the unused-bits count says how many bits of the last
 * octet are padding; no bits at all encode as 03 01 00.
 */
void         hl_der_writer_add_named_bits       (HlDerWriter   *self,
                                                 guint32        bits);

/**
 * hl_der_writer_add_octet_string:
 * @self: a writer
 * @data: contents (may be %NULL when @len is 0)
 * @len: length in octets
 *
 * Adds an OCTET STRING.
 */
void         hl_der_writer_add_octet_string     (HlDerWriter   *self,
                                                 const guint8  *data,
                                                 gsize          len);

/**
 * hl_der_writer_add_raw:
 * @self: a writer
 * @der: encoded bytes (may be %NULL when @len is 0)
 * @len: their length
 *
 * Adds bytes that are already a DER encoding, unchanged.
 *
 * The caller vouches that they are one or more complete DER values.
 */
void         hl_der_writer_add_raw              (HlDerWriter   *self,
                                                 const guint8  *der,
                                                 gsize          len);

/**
 * hl_der_writer_add_bytes:
 * @self: a writer
 * @bytes: encoded bytes, as for hl_der_writer_add_raw()
 *
 * Adds an already encoded value held in a GBytes.
 */
void         hl_der_writer_add_bytes            (HlDerWriter   *self,
                                                 GBytes        *bytes);

/**
 * hl_der_writer_finish:
 * @self: a writer
 *
 * Takes what has been written.
 *
 * Every constructed value must have been closed.  The writer is left empty
 * and can be used again.
 *
 * Returns: (transfer full): the encoding
 */
GBytes      *hl_der_writer_finish               (HlDerWriter   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlDerWriter, hl_der_writer_free)

G_END_DECLS
