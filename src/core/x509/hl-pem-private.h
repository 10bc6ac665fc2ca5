/* hl-pem-private.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * The PEM reading that the key reader (hl-key.c) and the certificate
 * reader (hl-cert-loader.c) share.  HlPemReader walks a PEM text block by
 * block with BearSSL's decoder and reports, for the blocks whose label the
 * caller wants, the whole block, or how it is broken: cut off before its
 * END line, or bad base64.  Blocks of other labels are skipped, damaged or
 * not; the first such label is kept for the caller's error message.  Only
 * the labels RFC 7468 and OpenSSL use are passed on; any other label reads
 * as "", so that a message never quotes a file that is no PEM file.
 *
 *   HlPemReader reader;
 *
 *   hl_pem_reader_init (&reader, data, len, is_certificate_label);
 *   while ((event = hl_pem_reader_next (&reader)) != HL_PEM_END)
 *     …  reader.label, reader.der
 *   hl_pem_reader_clear (&reader);
 */

#include <bearssl.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  HL_PEM_END,          /* no more blocks */
  HL_PEM_OTHER,        /* a block of a label not wanted begins: label */
  HL_PEM_BLOCK,        /* a whole wanted block: label, der */
  HL_PEM_TRUNCATED,    /* a wanted block without its END line: label */
  HL_PEM_BAD_BASE64,   /* a wanted block that is not base64: label */
} HlPemEvent;

typedef struct
{
  /*< private >*/
  br_pem_decoder_context  decoder;
  const guint8           *data;
  gsize                   len;
  gboolean                fed_final_newline;
  gboolean                in_wanted;
  gboolean              (*wanted) (const char *label);

  /*< public >*/
  char                   *label;        /* of the last event; "" for a label not in RFC 7468 or OpenSSL */
  GByteArray             *der;          /* the contents, for HL_PEM_BLOCK */
  char                   *first_other;  /* the first label not wanted ("" unknown), or NULL */
} HlPemReader;

/**
 * hl_pem_reader_init:
 * @self: caller-owned storage
 * @data: the PEM text; it must outlive the reader
 * @len: its length in bytes
 * @wanted: tells, for a block's label ("" for one not in RFC 7468 or
 *   OpenSSL), whether the caller wants the block's contents
 *
 * Starts reading @data block by block.  Call hl_pem_reader_clear() when
 * done.
 */
void        hl_pem_reader_init  (HlPemReader   *self,
                                 const guint8  *data,
                                 gsize          len,
                                 gboolean     (*wanted) (const char *label));

/**
 * hl_pem_reader_next:
 * @self: a reader
 *
 * Reads on to the next event.  After %HL_PEM_BLOCK, @self's der holds the
 * block's contents; after the other events but %HL_PEM_END, its label
 * names the block.  A wanted block without its END line is
 * %HL_PEM_TRUNCATED, one whose base64 breaks before an END line is
 * %HL_PEM_BAD_BASE64.
 *
 * Returns: what happened next; %HL_PEM_END when the text is used up
 */
HlPemEvent  hl_pem_reader_next  (HlPemReader   *self);

/**
 * hl_pem_reader_clear:
 * @self: a reader
 *
 * Frees what the reader holds (label, der, first_other); the text stays
 * the caller's.
 */
void        hl_pem_reader_clear (HlPemReader   *self);

/**
 * hl_bytes_contain:
 * @data: bytes, not necessarily text
 * @len: their length
 * @needle: a NUL-terminated string
 *
 * Returns: whether @needle occurs in the @len bytes of @data
 */
gboolean    hl_bytes_contain    (const guint8  *data,
                                 gsize          len,
                                 const char    *needle);

G_END_DECLS
