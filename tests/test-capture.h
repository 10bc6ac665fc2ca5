/* test-capture.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What the parts of test-capture share: the pcapng, IPv4 and TCP readers
 * of an outsider, and tshark's judgement of a trace.
 * What a function does is said at its definition. */

#include <string.h>
#include <glib/gstdio.h>

#include "hl-engine.h"
#include "hl-export.h"
#include "hl-names.h"
#include "hl-test-util.h"

#define BLOCK_SHB         0x0A0D0D0Au
#define BLOCK_IDB         0x00000001u
#define BLOCK_EPB         0x00000006u
#define BLOCK_DSB         0x0000000Au
#define SECRETS_TLS_KEYLOG 0x544C534Bu

#define FIN 0x01
#define SYN 0x02
#define PSH 0x08
#define ACK 0x10

typedef struct
{
  guint32  type;
  GBytes  *body;  /* between the two total lengths */
} Block;

typedef struct
{
  HlActor  from;
  guint8   flags;
  guint32  seq;
  guint32  ack;
  GBytes  *payload;
  char    *comment;
} Segment;

/* ---- tshark ------------------------------------------------------------ */

typedef struct
{
  char *tshark;
  char *dir;
  char *file;
} Judge;

/*
 * One tshark run per capture, as JSON with every field's bytes (-x: a
 * field "k" comes with "k_raw", [hex, position, length, …]) and repeated
 * keys merged into arrays.  Every record of the trace is then held to
 * tshark's dissection of its frame: the record header, each handshake
 * message and its fields (value, position, length and bytes), alerts,
 * what tshark decrypted with the key log inside the file, and the packet
 * comment.  The expected values come from the trace: its records, the
 * steps' field trees and their decrypted plaintexts, and the secrets each
 * side used.
 */

/* Where the bytes a tshark position points into come from: a record as
 * the receiver got it (and as it was sent), or a decrypted plaintext. */
typedef struct
{
  const guint8 *got;
  const guint8 *sent;
  gsize         len;
  gsize         tshark_base;  /* the tshark position of got[0] */
} Source;

/* One occurrence of a tshark field. */
typedef struct
{
  const char *value;
  const char *hex;
  gsize       pos;
  gsize       len;
} Occurrence;

typedef enum
{
  NUMBER,  /* ours: "… (0x0303)", "… (22)" or "125"; tshark: decimal or 0x hex */
  HEX,     /* ours: starts with the hex of the bytes; tshark: colon hex */
  TEXT,    /* the same text */
  SPAN,    /* only where the field lies and what bytes it covers */
} Kind;

typedef struct
{
  guint tampered_fields;  /* fields whose bytes the network changed, shown by tshark as received */
  guint fields;
  guint decrypted;        /* encrypted records tshark decrypted */
} Tally;

typedef struct
{
  const char *tshark;
  const char *ours;
  Kind        kind;
} Pair;

extern const guint8 client_address[4];

extern const guint8 server_address[4];

HlTrace *run_edited (const char * const *edits);

guint32 le32 (const guint8 *p);

guint16 le16 (const guint8 *p);

guint16 be16 (const guint8 *p);

guint32 be32 (const guint8 *p);

gsize padded (gsize len);

void block_clear (gpointer data);

GArray *parse_blocks (GBytes *file);

char *parse_options (const guint8 *p,
                     gsize         len);

guint16 ones_complement_add (guint16       start,
                             const guint8 *p,
                             gsize         len);

void segment_clear (gpointer data);

void read_packet (GBytes  *packet,
                  Segment *segment);

GArray *read_segments (GArray  *blocks,
                       guint    first,
                       gint64   clock);

GArray *check_capture (HlTrace *trace,
                       GBytes  *pcapng);

void judge_clear (Judge *judge);

gboolean judge_init (Judge  *judge,
                     GBytes *pcapng);

char *judge_run (Judge      *judge,
                 const char *first,
                 ...);

JsonNode *member (JsonObject *object,
                  const char *name);

void collect (JsonNode   *node,
              const char *key,
              GArray     *out);

guint64 our_number (const char *value);

void agree (JsonNode     *node,
            const char   *key,
            HlField      *tree,
            const char   *path,
            gsize         base,
            const Source *src,
            Kind          kind,
            Tally        *tally);

void agree_handshake (JsonNode     *message,
                      HlField      *tree,
                      gsize         base,
                      const Source *src,
                      Tally        *tally);

JsonArray *judge_trace (Judge   *judge,
                        HlTrace *trace,
                        Tally   *tally);

char *all_values (JsonArray  *frames,
                  const char *key);

GBytes *record (guint8 content_type,
                gsize  body_len);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Judge, judge_clear)

/* Each area's cases, registered in the order they run. */
void hl_test_capture_add_pcapng_tests (void);
void hl_test_capture_add_tshark_tests (const char * const *ids);
