/* hl-decode-private.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * What the decoder's files share: a bounds-checked cursor (HlReader), the
 * draft of a field summed up once its parts are read, the texts of
 * numbers and names, and the pieces of DER and of hello messages that
 * more than one message uses.
 *
 * The cursor reads data[pos] up to data[end] and gives fields offsets
 * base + index, so that the fields of bytes inside a larger message point
 * into that message.  When something needs more bytes than are left, the
 * reader adds an error field under the parent it was given, naming what
 * was cut, and is used up: every later read fails at once.
 */

#include "hl-decode.h"
#include "hl-der-reader.h"
#include "hl-field-private.h"
#include "hl-text.h"

G_BEGIN_DECLS

/* Hex values longer than this many bytes are cut, with "…"; the hex view
 * still shows every byte. */
#define HL_DECODE_HEX_MAX 512
/* A summary shows this many bytes of hex at most. */
#define HL_DECODE_HEX_SUMMARY 16

typedef struct
{
  const guint8 *data;
  gsize         base;
  gsize         pos;
  gsize         end;
} HlReader;

#define HL_READER_OFFSET(r, i) ((r)->base + (i))

/* The cursor (hl-decode-cursor.c) */

/**
 * hl_reader_left:
 * @r: a reader
 *
 * Returns: how many bytes are left to read
 */
gsize     hl_reader_left        (const HlReader *r);

/**
 * hl_reader_take:
 * @r: a reader
 * @parent: the field an error goes under
 * @n: how many bytes to take
 * @what: what needs them, for the error ("the random")
 * @start: (out): where the bytes start, an index into @r's data; set only
 *   on success
 *
 * Takes @n bytes; when fewer are left, names @what in an error under
 * @parent and uses up @r.
 *
 * Returns: whether @n bytes were there
 */
gboolean  hl_reader_take        (HlReader       *r,
                                 HlField        *parent,
                                 gsize           n,
                                 const char     *what,
                                 gsize          *start);

/**
 * hl_reader_vector:
 * @r: a reader
 * @parent: the field the length prefix and an error go under
 * @prefix: the length of the length prefix, 1 to 3 bytes
 * @id: the stable id of the length prefix's field
 * @name: its translated name
 * @what: what the vector holds, for an error ("the session id")
 * @sub: (out caller-allocates): a reader of the vector
 *
 * Reads a length prefix of @prefix bytes as the field @name and hands the
 * vector it measures to @sub.  When the vector runs past the end, @sub
 * gets the bytes that are there, an error names @what, and @r is used up.
 *
 * Returns: whether the whole vector was there
 */
gboolean  hl_reader_vector      (HlReader       *r,
                                 HlField        *parent,
                                 gsize           prefix,
                                 const char     *id,
                                 const char     *name,
                                 const char     *what,
                                 HlReader       *sub);

/**
 * hl_reader_finish:
 * @r: a reader
 * @parent: the field an error goes under
 * @what: what came last, for the error ("the extensions")
 *
 * Flags bytes that nothing accounts for, with an error under @parent, and
 * uses up @r.
 *
 * Returns: whether no byte was left
 */
gboolean  hl_reader_finish      (HlReader       *r,
                                 HlField        *parent,
                                 const char     *what);

/**
 * hl_reader_rest:
 * @r: a reader
 * @parent: the field to add to
 * @id: the stable id of the new field
 * @name: its translated name
 *
 * Adds the rest of @r as one field of raw bytes (hex, cut after
 * %HL_DECODE_HEX_MAX bytes) and uses up @r; adds nothing when no byte is
 * left.
 */
void      hl_reader_rest        (HlReader       *r,
                                 HlField        *parent,
                                 const char     *id,
                                 const char     *name);

/**
 * hl_reader_opaque:
 * @r: a reader
 * @parent: the field the new fields and an error go under
 * @prefix: the length of the length prefix, 1 to 3 bytes
 * @length_id: the stable id of the length prefix's field
 * @length_name: its translated name
 * @id: the stable id of the contents' field
 * @name: its translated name
 * @what: what the vector holds, for an error
 * @length: (out) (optional): how many bytes of contents were there
 *
 * Reads an opaque vector with a length prefix, showing its contents as
 * hex; on truncation, what is there.
 *
 * Returns: whether the whole vector was there
 */
gboolean  hl_reader_opaque      (HlReader       *r,
                                 HlField        *parent,
                                 gsize           prefix,
                                 const char     *length_id,
                                 const char     *length_name,
                                 const char     *id,
                                 const char     *name,
                                 const char     *what,
                                 gsize          *length);

/* A list with a length prefix, its items read into one field: the
 * cipher suites of a ClientHello, its extensions, the certificates of a
 * Certificate message …  hl_list_begin() reads the prefix (a field of
 * @parent) and makes a draft for the items; the caller reads each item
 * from @items into @field; hl_list_end() names the list and puts it under
 * @parent, after the prefix, unless it was empty. */
typedef struct
{
  HlReader  items;     /* the bytes of the list */
  HlField  *field;     /* a draft, for the items */
  HlField  *parent;
  gsize     start;
  gboolean  complete;  /* the list was as long as its prefix says */
} HlList;

/**
 * hl_list_begin:
 * @list: (out caller-allocates): the list being read
 * @r: the reader the list is in
 * @parent: the field the prefix, an error and then the list go under
 * @prefix: the length of the length prefix, 1 to 3 bytes
 * @length_id: the stable id of the length prefix's field
 * @length_name: its translated name
 * @what: what the list holds, for an error ("the cipher suites list")
 * @id: the stable id of the list's field
 *
 * Reads the length prefix and makes a draft, @list's field, for the items;
 * the caller reads each item from @list's items.
 */
void      hl_list_begin         (HlList         *list,
                                 HlReader       *r,
                                 HlField        *parent,
                                 gsize           prefix,
                                 const char     *length_id,
                                 const char     *length_name,
                                 const char     *what,
                                 const char     *id);

/**
 * hl_list_end:
 * @list: a list hl_list_begin() began, its items read
 * @name: the list field's translated name
 * @value: its value, a summary of the items ("3 extensions")
 *
 * Names the list and puts it under its parent, after the prefix, unless it
 * was empty.
 *
 * Returns: whether the list was as long as its prefix says
 */
gboolean  hl_list_end           (HlList         *list,
                                 const char     *name,
                                 const char     *value);

/* Fields and texts (hl-decode-cursor.c) */

/**
 * hl_decode_be:
 * @p: the bytes
 * @n: how many, at most 4
 *
 * Returns: the big-endian number in the @n bytes at @p
 */
guint     hl_decode_be          (const guint8   *p,
                                 gsize           n);

/**
 * hl_decode_escape:
 * @p: valid UTF-8 text
 * @n: its length in bytes
 *
 * Text for a value field: control characters escaped as \xNN, so that a
 * value is always one readable line.
 *
 * Returns: (transfer full): the text
 */
char     *hl_decode_escape      (const char     *p,
                                 gsize           n);

/**
 * hl_decode_named:
 * @name: (nullable): the registry name of @number, or %NULL for none
 * @number: a number read from a message
 *
 * Returns: (transfer full): "secp256r1 (23)", or "unknown (23)", translated
 */
char     *hl_decode_named       (const char     *name,
                                 guint           number);

/**
 * hl_decode_named_hex4:
 * @name: (nullable): the registry name of @number, or %NULL for none
 * @number: a two-byte code point
 *
 * Two-byte code points read best in hex.
 *
 * Returns: (transfer full): "rsa_pkcs1_sha256 (0x0401)", or
 *   "unknown (0x0401)", translated
 */
char     *hl_decode_named_hex4  (const char     *name,
                                 guint           number);

/**
 * hl_decode_version_name:
 * @version: a protocol version number as it is on the wire
 *
 * Like hl_version_name(), and also knows the versions BearSSL does not
 * implement, SSL 3.0 and TLS 1.3, for reading the messages of other
 * stacks.
 *
 * Returns: (nullable): "TLS 1.2" and the like, or %NULL
 */
const char *hl_decode_version_name (guint       version);

/**
 * hl_decode_version_text:
 * @version: a protocol version number as it is on the wire
 *
 * Returns: (transfer full): "TLS 1.2 (0x0303)", or "unknown (0x0305)"
 */
char     *hl_decode_version_text (guint         version);

/**
 * hl_decode_bytes_text:
 * @n: a number of bytes
 *
 * Returns: (transfer full): "1 byte", "32 bytes", translated
 */
char     *hl_decode_bytes_text  (gsize           n);

/**
 * hl_decode_add_error:
 * @parent: the field it goes under
 * @offset: where the fault is, in the message's bytes
 * @length: how many bytes it covers
 * @format: a translated printf() format of what went wrong
 * @...: its arguments
 *
 * Adds a field "decode.error" marked %HL_FIELD_FLAG_ERROR.
 */
void      hl_decode_add_error   (HlField        *parent,
                                 gsize           offset,
                                 gsize           length,
                                 const char     *format,
                                 ...) G_GNUC_PRINTF (4, 5);

/**
 * hl_decode_add_note:
 * @parent: the field it goes under
 * @text: a translated sentence
 *
 * Adds a field "decode.note" that belongs to no bytes.
 */
void      hl_decode_add_note    (HlField        *parent,
                                 const char     *text);

/**
 * hl_decode_draft_root:
 * @id: the stable id of the message's root field
 *
 * A field's value is given when it is created, yet a list or a message is
 * best summed up once its parts are read.  Its parts are read into a
 * draft, which then gets its name, value and place (hl-field-private.h).
 * A message's root is the draft of a tree of its own.
 *
 * Returns: (transfer full): a new root draft, to be committed with
 *   hl_decode_draft_commit()
 */
HlField  *hl_decode_draft_root  (const char     *id);

/**
 * hl_decode_draft_new:
 * @owner: a field of the tree the draft belongs to
 * @id: the stable id of the draft's field
 *
 * Returns: (transfer none): a draft of @owner's tree, to be committed with
 *   hl_decode_draft_commit_to()
 */
HlField  *hl_decode_draft_new   (HlField        *owner,
                                 const char     *id);

/**
 * hl_decode_draft_commit:
 * @draft: a root draft from hl_decode_draft_root()
 * @name: the field's translated name
 * @value: (nullable): its value
 * @offset: where its bytes start, or %HL_FIELD_NO_OFFSET
 * @length: how many bytes it covers
 *
 * Returns: (transfer full): the root @draft, named and placed
 */
HlField  *hl_decode_draft_commit (HlField       *draft,
                                 const char     *name,
                                 const char     *value,
                                 gsize           offset,
                                 gsize           length);

/**
 * hl_decode_draft_commit_to:
 * @parent: the field it goes under
 * @draft: a draft from hl_decode_draft_new()
 * @name: the field's translated name
 * @value: (nullable): its value
 * @offset: where its bytes start, or %HL_FIELD_NO_OFFSET
 * @length: how many bytes it covers
 *
 * Like hl_decode_draft_commit(), appending the field to @parent.
 *
 * Returns: (transfer none): @draft
 */
HlField  *hl_decode_draft_commit_to (HlField    *parent,
                                 HlField        *draft,
                                 const char     *name,
                                 const char     *value,
                                 gsize           offset,
                                 gsize           length);

/* DER values as text (hl-der-text.c) */

/**
 * hl_decode_der_string_text:
 * @number: the universal tag number of the value (12 UTF8String … 30
 *   BMPString, 23 UTCTime, 24 GeneralizedTime)
 * @p: its contents
 * @n: their length
 *
 * Returns: (transfer full) (nullable): the text of a string or time
 *   value, control characters escaped, or %NULL when it is not one or
 *   cannot be shown as text
 */
char     *hl_decode_der_string_text (guint      number,
                                 const guint8   *p,
                                 gsize           n);

/**
 * hl_decode_dn_text:
 * @p: the contents of a Name (RFC 5280 §4.1.2.4), the SEQUENCE's header
 *   not included
 * @n: their length
 * @cn_only: whether to give the last common name alone
 *
 * Returns: (transfer full) (nullable): "O=Handshake Lab,
 *   CN=www.handshake-lab.test", in the order of the encoding, or with
 *   @cn_only the last common name; %NULL when the bytes are not a Name (or
 *   with @cn_only, hold no common name)
 */
char     *hl_decode_dn_text     (const guint8   *p,
                                 gsize           n,
                                 gboolean        cn_only);

/**
 * hl_decode_certificate_names:
 * @p: the DER of an X.509 certificate (RFC 5280 §4.1)
 * @n: its length
 * @subject: (out) (transfer full): the subject's common name, or else its
 *   whole name
 * @issuer: (out) (transfer full): the issuer's, the same way
 *
 * Both are set to %NULL when the bytes are not a certificate.
 *
 * Returns: whether @p is a certificate with readable subject and issuer
 */
gboolean  hl_decode_certificate_names (const guint8 *p,
                                 gsize           n,
                                 char          **subject,
                                 char          **issuer);

/* What the DER values at one level are, in an ASN.1 module (hl-decode-x509.c):
 * the elements of a SEQUENCE in order, each with the id and the name its
 * field gets and the tag (its first byte) it must have.  An element that
 * does not fit ends the naming: it and what follows get their type names. */

#define HL_DER_SCHEMA_ANY 0x00        /* a CHOICE or an ANY: whatever tag */

typedef enum
{
  HL_DER_SCHEMA_OPTIONAL    = 1 << 0, /* OPTIONAL or DEFAULT: may be absent */
  HL_DER_SCHEMA_REPEAT      = 1 << 1, /* SEQUENCE OF / SET OF: every element is this */
  HL_DER_SCHEMA_NAME_BY_OID = 1 << 2, /* named after the OID it starts with (an extension) */
  HL_DER_SCHEMA_BY_OID      = 1 << 3, /* holds DER whose schema the OID before it picks */
  HL_DER_SCHEMA_CHOICE      = 1 << 4, /* its elements match any of its children, in any order */
} HlDerSchemaFlags;

typedef struct _HlDerSchema HlDerSchema;

struct _HlDerSchema
{
  const char        *id;
  const char        *name;
  guint8             tag;
  guint8             flags;
  const HlDerSchema *children;  /* the elements inside, ending with { NULL } */
};

extern const HlDerSchema hl_decode_x509_certificate_schema[];

/**
 * hl_decode_x509_extension_schema:
 * @oid: (nullable): an extension's extnID, dotted
 *
 * Returns: (nullable): the schema of the DER its extnValue holds, or %NULL
 *   for an extension this module does not know
 */
const HlDerSchema *hl_decode_x509_extension_schema (const char *oid);

/**
 * hl_der_schema_match:
 * @cursor: (inout): the next schema entry of a level; %NULL once an element
 *   did not fit
 * @choice: whether any entry of the level may come, in any order
 * @tag: the first byte of the element's tag
 *
 * Returns: (nullable): the entry the element is, moving @cursor past it
 *   (not past a repeated one)
 */
const HlDerSchema *hl_der_schema_match (const HlDerSchema **cursor,
                                        gboolean            choice,
                                        guint8              tag);

/* DER trees (hl-decode-der.c) */

/**
 * hl_decode_der_elements:
 * @parent: the field the values go under
 * @data: the bytes of the whole message
 * @start: where the values start, an index into @data
 * @end: where they end
 * @base: the offset of @data[0] in the message the fields point into
 * @depth: how deep @parent is nested already; nesting stops at
 *   %HL_DECODE_DER_MAX_DEPTH
 * @schema: (nullable): what the values at this level are (their ids and
 *   names), or %NULL to name them after their types
 *
 * Decodes the DER values in @data[@start..@end) under @parent, each as a
 * field named after its type (or its schema entry) with Tag, Length and
 * content children.
 */
void      hl_decode_der_elements (HlField       *parent,
                                 const guint8   *data,
                                 gsize           start,
                                 gsize           end,
                                 gsize           base,
                                 guint           depth,
                                 const HlDerSchema *schema);

/**
 * hl_decode_der_summary:
 * @data: one DER value
 * @len: its length
 *
 * What a DER value is, in a few words.
 *
 * Returns: (transfer full) (nullable): "subject, issued by issuer" for a
 *   certificate, the type and a summary of its contents for a constructed
 *   value, the type for another; %NULL when @data is not one DER value
 */
char     *hl_decode_der_summary (const guint8   *data,
                                 gsize           len);

/* Hello messages and their extensions (hl-decode-hello.c,
 * hl-decode-extensions.c) */

/**
 * hl_decode_client_hello:
 * @r: a reader of the message's body, after the handshake header
 * @root: the message's root field
 *
 * Decodes a ClientHello (RFC 5246 §7.4.1.2) under @root.
 *
 * Returns: (transfer full) (nullable): the summary, "TLS 1.2 (0x0303),
 *   17 cipher suites, 6 extensions", or %NULL when the message ends before
 *   its extensions
 */
char     *hl_decode_client_hello (HlReader      *r,
                                 HlField        *root);

/**
 * hl_decode_server_hello:
 * @r: a reader of the message's body, after the handshake header
 * @root: the message's root field
 *
 * Decodes a ServerHello (RFC 5246 §7.4.1.3) under @root.
 *
 * Returns: (transfer full) (nullable): the summary, or %NULL when the
 *   message ends too early
 */
char     *hl_decode_server_hello (HlReader      *r,
                                 HlField        *root);

/**
 * hl_decode_extensions:
 * @r: a reader at the extensions' length prefix
 * @parent: the field the list goes under
 * @from_server: whether a server sent them (a ServerHello's extensions
 *   read differently)
 * @count: (out): how many extensions were read
 *
 * Returns: whether the whole list was there and well formed
 */
gboolean  hl_decode_extensions  (HlReader       *r,
                                 HlField        *parent,
                                 gboolean        from_server,
                                 guint          *count);

/**
 * hl_decode_add_signature_algorithm:
 * @parent: the field it goes under
 * @p: the two bytes of the algorithm
 * @offset: their offset in the message
 *
 * Adds a SignatureAndHashAlgorithm of TLS 1.2 (RFC 5246 §7.4.1.4.1), which
 * TLS 1.3 renamed SignatureScheme, with its hash and signature bytes as
 * children when they are a known pair.
 *
 * Returns: (nullable): the IANA name of the signature scheme, or %NULL
 */
const char *hl_decode_add_signature_algorithm (HlField *parent,
                                 const guint8   *p,
                                 gsize           offset);

/**
 * hl_decode_signature_algorithms:
 * @r: a reader at the list's length prefix
 * @parent: the field the list goes under
 * @count: (out): how many algorithms were read
 *
 * Reads a list of SignatureAndHashAlgorithm with a 2-byte length.
 *
 * Returns: whether the whole list was there and well formed
 */
gboolean  hl_decode_signature_algorithms (HlReader *r,
                                 HlField        *parent,
                                 guint          *count);

G_END_DECLS
