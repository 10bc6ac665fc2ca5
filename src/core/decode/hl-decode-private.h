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

gsize     hl_reader_left        (const HlReader *r);
gboolean  hl_reader_take        (HlReader       *r,
                                 HlField        *parent,
                                 gsize           n,
                                 const char     *what,
                                 gsize          *start);
gboolean  hl_reader_vector      (HlReader       *r,
                                 HlField        *parent,
                                 gsize           prefix,
                                 const char     *id,
                                 const char     *name,
                                 const char     *what,
                                 HlReader       *sub);
gboolean  hl_reader_finish      (HlReader       *r,
                                 HlField        *parent,
                                 const char     *what);
void      hl_reader_rest        (HlReader       *r,
                                 HlField        *parent,
                                 const char     *id,
                                 const char     *name);
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

void      hl_list_begin         (HlList         *list,
                                 HlReader       *r,
                                 HlField        *parent,
                                 gsize           prefix,
                                 const char     *length_id,
                                 const char     *length_name,
                                 const char     *what,
                                 const char     *id);
gboolean  hl_list_end           (HlList         *list,
                                 const char     *name,
                                 const char     *value);

/* Fields and texts (hl-decode-cursor.c) */

guint     hl_decode_be          (const guint8   *p,
                                 gsize           n);
char     *hl_decode_escape      (const char     *p,
                                 gsize           n);
char     *hl_decode_named       (const char     *name,
                                 guint           number);
char     *hl_decode_named_hex4  (const char     *name,
                                 guint           number);
const char *hl_decode_version_name (guint       version);
char     *hl_decode_version_text (guint         version);
char     *hl_decode_bytes_text  (gsize           n);
void      hl_decode_add_error   (HlField        *parent,
                                 gsize           offset,
                                 gsize           length,
                                 const char     *format,
                                 ...) G_GNUC_PRINTF (4, 5);
void      hl_decode_add_note    (HlField        *parent,
                                 const char     *text);
HlField  *hl_decode_draft_root  (const char     *id);
HlField  *hl_decode_draft_new   (HlField        *owner,
                                 const char     *id);
HlField  *hl_decode_draft_commit (HlField       *draft,
                                 const char     *name,
                                 const char     *value,
                                 gsize           offset,
                                 gsize           length);
HlField  *hl_decode_draft_commit_to (HlField    *parent,
                                 HlField        *draft,
                                 const char     *name,
                                 const char     *value,
                                 gsize           offset,
                                 gsize           length);

/* DER values as text (hl-der-text.c) */

char     *hl_decode_der_string_text (guint      number,
                                 const guint8   *p,
                                 gsize           n);
char     *hl_decode_dn_text     (const guint8   *p,
                                 gsize           n,
                                 gboolean        cn_only);
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

const HlDerSchema *hl_decode_x509_extension_schema (const char *oid);
const HlDerSchema *hl_der_schema_match (const HlDerSchema **cursor,
                                        gboolean            choice,
                                        guint8              tag);

/* DER trees (hl-decode-der.c) */

void      hl_decode_der_elements (HlField       *parent,
                                 const guint8   *data,
                                 gsize           start,
                                 gsize           end,
                                 gsize           base,
                                 guint           depth,
                                 const HlDerSchema *schema);
char     *hl_decode_der_summary (const guint8   *data,
                                 gsize           len);

/* Hello messages and their extensions (hl-decode-hello.c,
 * hl-decode-extensions.c) */

char     *hl_decode_client_hello (HlReader      *r,
                                 HlField        *root);
char     *hl_decode_server_hello (HlReader      *r,
                                 HlField        *root);
gboolean  hl_decode_extensions  (HlReader       *r,
                                 HlField        *parent,
                                 gboolean        from_server,
                                 guint          *count);
const char *hl_decode_add_signature_algorithm (HlField *parent,
                                 const guint8   *p,
                                 gsize           offset);
gboolean  hl_decode_signature_algorithms (HlReader *r,
                                 HlField        *parent,
                                 guint          *count);

G_END_DECLS
