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

/*
 * \brief Create an empty writer.
 *
 * \return  a new writer; free it with hl_der_writer_free().
 */
HlDerWriter *hl_der_writer_new                  (void);

/*
 * \brief Free a writer and everything it has not handed out yet.
 *
 * \param self   writer, or NULL.
 */
void         hl_der_writer_free                 (HlDerWriter   *self);

/*
 * \brief Open a constructed value.
 *
 * Everything added until the matching hl_der_writer_end() becomes its
 * contents.  Values nest to any depth.
 *
 * \param self   writer.
 * \param tag    identifier octet, with the constructed bit (0x20) set,
 *               e.g. HL_DER_SEQUENCE or HL_DER_CONTEXT_CONSTRUCTED (3).
 */
void         hl_der_writer_begin                (HlDerWriter   *self,
                                                 guint8         tag);

/*
 * \brief Close the innermost open constructed value and write its length.
 *
 * \param self   writer, with at least one value open.
 */
void         hl_der_writer_end                  (HlDerWriter   *self);

/*
 * \brief Get the number of constructed values currently open.
 *
 * \param self   writer.
 * \return  the nesting depth, 0 at top level.
 */
guint        hl_der_writer_get_depth            (HlDerWriter   *self);

/*
 * \brief Add a primitive value with any tag, contents given as is.
 *
 * This is the building block of the other add functions, and the way to
 * write an IMPLICIT context-specific primitive value.
 *
 * \param self   writer.
 * \param tag    identifier octet (constructed bit clear).
 * \param data   contents octets (may be NULL when len is 0).
 * \param len    number of contents octets.
 */
void         hl_der_writer_add_primitive        (HlDerWriter   *self,
                                                 guint8         tag,
                                                 const guint8  *data,
                                                 gsize          len);

/*
 * \brief Add an INTEGER from an unsigned big-endian magnitude.
 *
 * Leading zero octets are stripped, and one 0x00 octet is put back when
 * the top bit of the first remaining octet is set, so that the value stays
 * positive.  An empty or all-zero magnitude encodes 0 (02 01 00).
 *
 * \param self   writer.
 * \param be     unsigned big-endian integer (may be NULL when len is 0).
 * \param len    its length in octets.
 */
void         hl_der_writer_add_integer          (HlDerWriter   *self,
                                                 const guint8  *be,
                                                 gsize          len);

/*
 * \brief Add a non-negative INTEGER.
 *
 * \param self    writer.
 * \param value   the integer.
 */
void         hl_der_writer_add_uint64           (HlDerWriter   *self,
                                                 guint64        value);

/*
 * \brief Add a BOOLEAN (DER: TRUE is 0xff, FALSE is 0x00).
 *
 * A field declared DEFAULT FALSE must be left out rather than written as
 * FALSE: DER forbids encoding a default value.  That is the caller's job.
 *
 * \param self    writer.
 * \param value   the boolean.
 */
void         hl_der_writer_add_boolean          (HlDerWriter   *self,
                                                 gboolean       value);

/*
 * \brief Add a NULL (05 00).
 *
 * \param self   writer.
 */
void         hl_der_writer_add_null             (HlDerWriter   *self);

/*
 * \brief Add an OBJECT IDENTIFIER given in dotted decimal ("2.5.4.3").
 *
 * The string must have at least two arcs, the first 0, 1 or 2, the second
 * below 40 unless the first is 2, and every arc must fit in 64 bits.
 *
 * \param self     writer.
 * \param dotted   the OID.
 * \return  TRUE, or FALSE (and nothing written) if the string is not a
 *          valid OID.
 */
gboolean     hl_der_writer_add_oid              (HlDerWriter   *self,
                                                 const char    *dotted);

/*
 * \brief Add a PrintableString.
 *
 * \param self   writer.
 * \param str    text; only A-Z a-z 0-9 space and '()+,-./:=? are allowed.
 * \return  TRUE, or FALSE (and nothing written) if str holds another
 *          character.
 */
gboolean     hl_der_writer_add_printable_string (HlDerWriter   *self,
                                                 const char    *str);

/*
 * \brief Add a UTF8String.
 *
 * \param self   writer.
 * \param str    valid UTF-8 text, NUL-terminated.
 */
void         hl_der_writer_add_utf8_string      (HlDerWriter   *self,
                                                 const char    *str);

/*
 * \brief Add a time as RFC 5280 §4.1.2.5 wants it in a certificate.
 *
 * Years 1950 to 2049 are written as UTCTime "YYMMDDHHMMSSZ", all other
 * years as GeneralizedTime "YYYYMMDDHHMMSSZ".  Both are in UTC, with
 * seconds and without fractions.
 *
 * \param self        writer.
 * \param unix_time   seconds since 1970-01-01T00:00:00Z.
 * \return  TRUE, or FALSE (and nothing written) if the year falls outside
 *          1 to 9999.
 */
gboolean     hl_der_writer_add_time             (HlDerWriter   *self,
                                                 gint64         unix_time);

/*
 * \brief Add a BIT STRING whose length is a whole number of octets.
 *
 * The first contents octet ("unused bits") is 0; data follows it, as used
 * for subjectPublicKey and signatureValue.
 *
 * \param self   writer.
 * \param data   the bits, first bit in the top bit of data[0].
 * \param len    length of data in octets.
 */
void         hl_der_writer_add_bit_string       (HlDerWriter   *self,
                                                 const guint8  *data,
                                                 gsize          len);

/*
 * \brief Add a BIT STRING of named bits (such as keyUsage).
 *
 * Bit n of bits is named bit n of the ASN.1 type, i.e. bit 0 goes to the
 * top bit of the first octet.  As X.690 §11.2.2 requires, trailing zero
 * bits are dropped and the unused-bits count says how many bits of the
 * last octet are padding; no bits at all encode as 03 01 00.
 *
 * \param self   writer.
 * \param bits   the named bits that are set.
 */
void         hl_der_writer_add_named_bits       (HlDerWriter   *self,
                                                 guint32        bits);

/*
 * \brief Add an OCTET STRING.
 *
 * \param self   writer.
 * \param data   contents (may be NULL when len is 0).
 * \param len    length in octets.
 */
void         hl_der_writer_add_octet_string     (HlDerWriter   *self,
                                                 const guint8  *data,
                                                 gsize          len);

/*
 * \brief Add bytes that are already a DER encoding, unchanged.
 *
 * The caller vouches that they are one or more complete DER values.
 *
 * \param self   writer.
 * \param der    encoded bytes (may be NULL when len is 0).
 * \param len    their length.
 */
void         hl_der_writer_add_raw              (HlDerWriter   *self,
                                                 const guint8  *der,
                                                 gsize          len);

/*
 * \brief Add an already encoded value held in a GBytes.
 *
 * \param self    writer.
 * \param bytes   encoded bytes, as for hl_der_writer_add_raw().
 */
void         hl_der_writer_add_bytes            (HlDerWriter   *self,
                                                 GBytes        *bytes);

/*
 * \brief Take what has been written.
 *
 * Every constructed value must have been closed.  The writer is left
 * empty and can be used again.
 *
 * \param self   writer.
 * \return  the encoding (transfer full).
 */
GBytes      *hl_der_writer_finish               (HlDerWriter   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlDerWriter, hl_der_writer_free)

G_END_DECLS
