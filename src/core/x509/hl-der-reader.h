/* hl-der-reader.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * hl-der-reader: the one reader of ASN.1 DER headers (ITU-T X.690) in
 * the core.
 *
 * hl_der_read_header() reads the identifier and length octets of one
 * value and says what is wrong when they cannot be read: cut short, a tag
 * number of more than four octets, BER's indefinite length, a length of
 * more than four octets.  It never reads past the bytes it is given, and
 * it notes an encoding that is not the shortest (DER wants the shortest)
 * without refusing it, so that each caller decides.
 *
 * An HlDerIter walks the values of a constructed value one by one, and
 * stops at the first that does not fit: the certificate reader, the key
 * reader and the message decoder all walk DER with it.
 *
 *   HlDerIter it;
 *   HlDerElement e;
 *
 *   hl_der_iter_init (&it, content, length);
 *   while (hl_der_iter_next (&it, &e))
 *     … e.h (class, number, length), e.content
 *   if (it.bad) …
 */

#include <glib.h>

G_BEGIN_DECLS

/* Identifier classes, the two high bits of the first octet. */
#define HL_DER_UNIVERSAL        0
#define HL_DER_APPLICATION      1
#define HL_DER_CONTEXT_SPECIFIC 2
#define HL_DER_PRIVATE          3

/**
 * HlDerStatus:
 * @HL_DER_OK: the header was read
 * @HL_DER_TRUNCATED: the bytes end inside the header
 * @HL_DER_TAG_TOO_LARGE: a tag number of more than four octets (28 bits)
 * @HL_DER_INDEFINITE: the indefinite length (0x80), which BER allows and
 *   DER does not
 * @HL_DER_LENGTH_TOO_LARGE: a length of more than four octets
 */
typedef enum
{
  HL_DER_OK,
  HL_DER_TRUNCATED,
  HL_DER_TAG_TOO_LARGE,
  HL_DER_INDEFINITE,
  HL_DER_LENGTH_TOO_LARGE,
} HlDerStatus;

/**
 * HlDerHeader:
 * @cls: the class, %HL_DER_UNIVERSAL to %HL_DER_PRIVATE
 * @constructed: whether the value holds values of its own
 * @number: the tag number
 * @tag_len: how many identifier octets
 * @header: how many identifier and length octets
 * @length: the content length as encoded, which may run past the bytes
 * @not_minimal: the tag number or the length takes more octets than needed
 */
typedef struct
{
  guint    cls;
  gboolean constructed;
  guint    number;
  gsize    tag_len;
  gsize    header;
  gsize    length;
  gboolean not_minimal;
} HlDerHeader;

/**
 * HlDerIter:
 * @bad: set when a value did not fit: its header could not be read or its
 *   length runs past the end
 *
 * A walk over the values in some bytes; see hl_der_iter_init().
 */
typedef struct
{
  /*< private >*/
  const guint8 *p;
  gsize         n;
  gsize         pos;
  /*< public >*/
  gboolean      bad;
} HlDerIter;

/**
 * HlDerElement:
 * @h: its header
 * @content: its @h.length content octets
 */
typedef struct
{
  HlDerHeader   h;
  const guint8 *content;
} HlDerElement;

/**
 * hl_der_read_header:
 * @p: (array length=n): the first identifier octet of a value
 * @n: how many bytes there are from @p on
 * @h: (out): the header; its length is not checked against @n
 *
 * Returns: %HL_DER_OK, or what keeps the header from being read
 */
HlDerStatus  hl_der_read_header    (const guint8       *p,
                                    gsize               n,
                                    HlDerHeader        *h);

/**
 * hl_der_iter_init:
 * @it: (out caller-allocates): the walk
 * @p: (array length=n): a sequence of DER values, such as the content of a
 *   constructed value
 * @n: how many bytes
 */
void         hl_der_iter_init      (HlDerIter          *it,
                                    const guint8       *p,
                                    gsize               n);

/**
 * hl_der_iter_next:
 * @it: a walk
 * @e: (out): the next value
 *
 * Returns: %TRUE with the next value; %FALSE at the end, or when the next
 *   value does not fit (then @it's @bad is set and the walk is over)
 */
gboolean     hl_der_iter_next      (HlDerIter          *it,
                                    HlDerElement       *e);

/**
 * hl_der_is:
 * @e: a value
 * @cls: a class
 * @number: a tag number
 *
 * Returns: whether @e has that class and tag number
 */
gboolean     hl_der_is             (const HlDerElement *e,
                                    guint               cls,
                                    guint               number);

/**
 * hl_der_is_single:
 * @p: (array length=n): bytes
 * @n: how many
 * @e: (out): the value, when there is exactly one
 *
 * Returns: whether @p holds exactly one well-formed value and, when it is
 *   constructed, a well-formed list of values inside
 */
gboolean     hl_der_is_single      (const guint8       *p,
                                    gsize               n,
                                    HlDerElement       *e);

/**
 * hl_der_universal_name:
 * @number: a tag number of the universal class
 *
 * Returns: (nullable): its ASN.1 name ("SEQUENCE", "UTF8String"), or
 *   %NULL for a number X.680 leaves unnamed
 */
const char  *hl_der_universal_name (guint               number);

/**
 * hl_der_type_name:
 * @h: a header
 *
 * Returns: (transfer full): the value's type in ASN.1 notation:
 *   "SEQUENCE", "[0]", "[APPLICATION 3]", "[PRIVATE 1]"; never translated
 */
char        *hl_der_type_name      (const HlDerHeader  *h);

/**
 * hl_der_oid_text:
 * @p: (array length=n): the content of an OBJECT IDENTIFIER
 * @n: how many bytes
 *
 * Returns: (transfer full) (nullable): the identifier in dotted decimal
 *   ("2.5.4.3"), or %NULL when the bytes are not a DER object identifier
 *   (empty, cut in an arc, an arc with a leading 0x80, an arc beyond 64
 *   bits)
 */
char        *hl_der_oid_text       (const guint8       *p,
                                    gsize               n);

G_END_DECLS
