/* test-capture.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "hl-engine.h"
#include "hl-export.h"
#include "hl-names.h"
#include "hl-test-util.h"

/*
 * The capture is judged twice: by this file, which reads it as an outsider
 * (its own pcapng, IPv4 and TCP readers and its own checksum), and by
 * tshark, for every lesson, tampering included: its dissection of each
 * record must agree with the trace field by field (record header,
 * handshake fields, alerts, the packet comment), and it must decrypt,
 * with nothing but the key log inside the file, exactly the records the
 * trace decrypted, and show the same plaintext.
 */

#define BLOCK_SHB         0x0A0D0D0Au
#define BLOCK_IDB         0x00000001u
#define BLOCK_EPB         0x00000006u
#define BLOCK_DSB         0x0000000Au
#define SECRETS_TLS_KEYLOG 0x544C534Bu

#define FIN 0x01
#define SYN 0x02
#define PSH 0x08
#define ACK 0x10

static const guint8 client_address[4] = { 192, 0, 2, 1 };
static const guint8 server_address[4] = { 198, 51, 100, 1 };

/* ---- scenarios --------------------------------------------------------- */

/* rsa-basic with every occurrence of each FROM replaced by its TO. */
static HlTrace *
run_edited (const char * const *edits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/scenarios/rsa-basic.scenario", 0, &error);
  g_autoptr(GString) text = NULL;
  g_autoptr(HlScenario) scenario = NULL;
  HlTrace *trace;

  g_assert_no_error (error);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  for (guint i = 0; edits != NULL && edits[i] != NULL; i += 2)
    {
      g_assert_nonnull (strstr (text->str, edits[i]));
      g_string_replace (text, edits[i], edits[i + 1], 0);
    }

  scenario = hl_scenario_new_from_data (text->str, text->len, "capture.scenario", &error);
  g_assert_no_error (error);
  trace = hl_engine_run (scenario, &error);
  g_assert_no_error (error);
  g_assert_true (hl_trace_is_sealed (trace));

  return trace;
}

/* rsa-basic's server list, to replace by one suite. */
#define RSA_BASIC_SERVER_SUITES \
  "suites=TLS_RSA_WITH_AES_128_GCM_SHA256;TLS_RSA_WITH_AES_256_GCM_SHA384;TLS_RSA_WITH_AES_128_CBC_SHA256;" \
  "TLS_RSA_WITH_AES_128_CBC_SHA\n"

static const char * const expired_edits[] = {
  "valid-from=-30d\nvalid-until=+365d",
  "valid-from=2025-01-01T00:00:00Z\nvalid-until=2026-01-01T00:00:00Z",
  NULL
};

static const char * const no_common_suite_edits[] = {
  "versions=TLS 1.2\nserver-name",
  "versions=TLS 1.2\nsuites=TLS_RSA_WITH_AES_256_CBC_SHA256\nserver-name",
  NULL
};

/* ---- reading the file as an outsider ----------------------------------- */

static guint32
le32 (const guint8 *p)
{
  return (guint32)p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 | (guint32)p[3] << 24;
}

static guint16
le16 (const guint8 *p)
{
  return p[0] | p[1] << 8;
}

static guint16
be16 (const guint8 *p)
{
  return p[0] << 8 | p[1];
}

static guint32
be32 (const guint8 *p)
{
  return (guint32)be16 (p) << 16 | be16 (p + 2);
}

static gsize
padded (gsize len)
{
  return (len + 3) & ~(gsize)3;
}

typedef struct
{
  guint32  type;
  GBytes  *body;  /* between the two total lengths */
} Block;

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_pointer (&block->body, g_bytes_unref);
}

/* Every block: a length that is a multiple of 4, repeated at its end, and
 * the blocks tile the file exactly. */
static GArray *
parse_blocks (GBytes *file)
{
  GArray *blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  gsize len;
  const guint8 *p = g_bytes_get_data (file, &len);
  gsize pos = 0;

  g_array_set_clear_func (blocks, block_clear);
  g_assert_cmpuint (len % 4, ==, 0);

  while (pos < len)
    {
      Block block;
      guint32 total;

      g_assert_cmpuint (len - pos, >=, 12);
      block.type = le32 (p + pos);
      total = le32 (p + pos + 4);
      g_assert_cmpuint (total % 4, ==, 0);
      g_assert_cmpuint (total, >=, 12);
      g_assert_cmpuint (total, <=, len - pos);
      g_assert_cmpuint (le32 (p + pos + total - 4), ==, total);
      block.body = g_bytes_new_from_bytes (file, pos + 8, total - 12);
      g_array_append_val (blocks, block);
      pos += total;
    }
  g_assert_cmpuint (pos, ==, len);

  return blocks;
}

/* Options fill the rest of a body exactly and end with opt_endofopt.
 * Returns the comment (opt_comment, code 1), or NULL. */
static char *
parse_options (const guint8 *p,
               gsize         len)
{
  char *comment = NULL;
  gsize pos = 0;

  if (len == 0)
    return NULL;

  for (;;)
    {
      guint16 code;
      guint16 value_len;

      g_assert_cmpuint (len - pos, >=, 4);
      code = le16 (p + pos);
      value_len = le16 (p + pos + 2);
      pos += 4;
      if (code == 0)
        {
          g_assert_cmpuint (value_len, ==, 0);
          break;
        }
      g_assert_cmpuint (padded (value_len), <=, len - pos);
      for (gsize i = value_len; i < padded (value_len); i++)
        g_assert_cmpuint (p[pos + i], ==, 0);
      if (code == 1)
        {
          g_assert_null (comment);
          comment = g_strndup ((const char *)p + pos, value_len);
          g_assert_true (g_utf8_validate (comment, -1, NULL));
        }
      pos += padded (value_len);
    }
  g_assert_cmpuint (pos, ==, len);

  return comment;
}

/* RFC 1071, written out: add 16-bit words, carry out of bit 15 added back
 * in at once.  A header whose checksum is right sums to 0xffff. */
static guint16
ones_complement_add (guint16       start,
                     const guint8 *p,
                     gsize         len)
{
  guint32 sum = start;

  for (gsize i = 0; i < len; i += 2)
    {
      guint16 word = (guint16)(p[i] << 8 | (i + 1 < len ? p[i + 1] : 0));

      sum += word;
      if (sum > 0xffff)
        sum -= 0xffff;
    }

  return sum;
}

typedef struct
{
  HlActor  from;
  guint8   flags;
  guint32  seq;
  guint32  ack;
  GBytes  *payload;
  char    *comment;
} Segment;

static void
segment_clear (gpointer data)
{
  Segment *segment = data;

  g_clear_pointer (&segment->payload, g_bytes_unref);
  g_clear_pointer (&segment->comment, g_free);
}

/* One IPv4 packet carrying one TCP segment between the two documentation
 * addresses, both checksums right. */
static void
read_packet (GBytes  *packet,
             Segment *segment)
{
  gsize len;
  const guint8 *ip = g_bytes_get_data (packet, &len);
  const guint8 *tcp;
  guint8 pseudo[12];
  gsize tcp_len;
  gsize header_len;
  gboolean from_client;

  g_assert_cmpuint (len, >=, 40);
  g_assert_cmphex (ip[0], ==, 0x45);
  g_assert_cmpuint (be16 (ip + 2), ==, len);
  g_assert_cmphex (be16 (ip + 6), ==, 0x4000); /* DF, not fragmented */
  g_assert_cmpuint (ip[8], >, 0);
  g_assert_cmpuint (ip[9], ==, 6);
  g_assert_cmphex (ones_complement_add (0, ip, 20), ==, 0xffff);

  from_client = memcmp (ip + 12, client_address, 4) == 0;
  if (from_client)
    g_assert_cmpmem (ip + 16, 4, server_address, 4);
  else
    {
      g_assert_cmpmem (ip + 12, 4, server_address, 4);
      g_assert_cmpmem (ip + 16, 4, client_address, 4);
    }

  tcp = ip + 20;
  tcp_len = len - 20;
  header_len = (tcp[12] >> 4) * 4;
  g_assert_cmpuint (header_len, >=, 20);
  g_assert_cmpuint (header_len, <=, tcp_len);
  g_assert_cmpuint (be16 (tcp), ==, from_client ? 49152 : 443);
  g_assert_cmpuint (be16 (tcp + 2), ==, from_client ? 443 : 49152);

  memcpy (pseudo, ip + 12, 8);
  pseudo[8] = 0;
  pseudo[9] = 6;
  pseudo[10] = tcp_len >> 8;
  pseudo[11] = tcp_len & 0xff;
  g_assert_cmphex (ones_complement_add (ones_complement_add (0, pseudo, sizeof pseudo), tcp, tcp_len), ==, 0xffff);

  segment->from = from_client ? HL_ACTOR_CLIENT : HL_ACTOR_SERVER;
  segment->seq = be32 (tcp + 4);
  segment->ack = be32 (tcp + 8);
  segment->flags = tcp[13];
  segment->payload = g_bytes_new_from_bytes (packet, 20 + header_len, tcp_len - header_len);
}

/* The packets after the header blocks, checked one by one and against
 * each other: times one millisecond apart from the clock, a three-way
 * handshake, every segment where the previous ones say it must be, and a
 * FIN exchange at the end. */
static GArray *
read_segments (GArray  *blocks,
               guint    first,
               gint64   clock)
{
  GArray *segments = g_array_new (FALSE, TRUE, sizeof (Segment));
  guint32 next[2] = { 0, 0 };
  guint n;

  g_array_set_clear_func (segments, segment_clear);

  for (guint i = first; i < blocks->len; i++)
    {
      Block *block = &g_array_index (blocks, Block, i);
      gsize len;
      const guint8 *p = g_bytes_get_data (block->body, &len);
      guint64 time;
      guint32 captured;
      g_autoptr(GBytes) packet = NULL;
      Segment segment = { 0 };

      g_assert_cmphex (block->type, ==, BLOCK_EPB);
      g_assert_cmpuint (len, >=, 20);
      g_assert_cmpuint (le32 (p), ==, 0);
      time = (guint64)le32 (p + 4) << 32 | le32 (p + 8);
      g_assert_cmpuint (time, ==, (guint64)clock * G_USEC_PER_SEC + (guint64)(i - first) * 1000);
      captured = le32 (p + 12);
      g_assert_cmpuint (le32 (p + 16), ==, captured);
      g_assert_cmpuint (20 + padded (captured), <=, len);
      for (gsize j = 20 + captured; j < 20 + padded (captured); j++)
        g_assert_cmpuint (p[j], ==, 0);

      packet = g_bytes_new_from_bytes (block->body, 20, captured);
      read_packet (packet, &segment);
      segment.comment = parse_options (p + 20 + padded (captured), len - 20 - padded (captured));
      g_array_append_val (segments, segment);
    }

  n = segments->len;
  g_assert_cmpuint (n, >=, 6);

  for (guint i = 0; i < n; i++)
    {
      Segment *s = &g_array_index (segments, Segment, i);
      HlActor other = s->from == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT;
      gsize payload_len = g_bytes_get_size (s->payload);

      if (i == 0)
        {
          g_assert_cmpint (s->from, ==, HL_ACTOR_CLIENT);
          g_assert_cmphex (s->flags, ==, SYN);
          next[HL_ACTOR_CLIENT] = s->seq + 1;
          continue;
        }
      if (i == 1)
        {
          g_assert_cmpint (s->from, ==, HL_ACTOR_SERVER);
          g_assert_cmphex (s->flags, ==, SYN | ACK);
          g_assert_cmpuint (s->ack, ==, next[HL_ACTOR_CLIENT]);
          next[HL_ACTOR_SERVER] = s->seq + 1;
          continue;
        }

      g_assert_cmpuint (s->seq, ==, next[s->from]);
      g_assert_cmpuint (s->ack, ==, next[other]);
      next[s->from] += payload_len + ((s->flags & FIN) ? 1 : 0);

      if (i == 2)
        g_assert_cmphex (s->flags, ==, ACK);
      else if (i == n - 3 || i == n - 2)
        g_assert_cmphex (s->flags, ==, FIN | ACK);
      else if (i == n - 1)
        g_assert_cmphex (s->flags, ==, ACK);
      else
        g_assert_cmphex (s->flags, ==, PSH | ACK);

      if (s->flags != (PSH | ACK))
        g_assert_cmpuint (payload_len, ==, 0);
      else
        g_assert_cmpuint (payload_len, >, 0);
    }

  /* FIN, FIN back, and the closer's last ACK. */
  g_assert_cmpint (g_array_index (segments, Segment, n - 3).from, !=,
                   g_array_index (segments, Segment, n - 2).from);
  g_assert_cmpint (g_array_index (segments, Segment, n - 3).from, ==,
                   g_array_index (segments, Segment, n - 1).from);

  return segments;
}

/* The whole file, against the trace it came from. */
static GArray *
check_capture (HlTrace *trace,
               GBytes  *pcapng)
{
  g_autoptr(GArray) blocks = parse_blocks (pcapng);
  g_autofree char *keylog = hl_export_keylog (trace);
  const guint8 *p;
  gsize len;
  guint first_packet;
  GArray *segments;
  g_autofree char *shb_comment = NULL;

  g_assert_cmpuint (blocks->len, >=, 3);

  /* Section Header Block: byte-order magic, version 1.0, length unknown. */
  g_assert_cmphex (g_array_index (blocks, Block, 0).type, ==, BLOCK_SHB);
  p = g_bytes_get_data (g_array_index (blocks, Block, 0).body, &len);
  g_assert_cmpuint (len, >=, 16);
  g_assert_cmphex (le32 (p), ==, 0x1A2B3C4D);
  g_assert_cmpuint (le16 (p + 4), ==, 1);
  g_assert_cmpuint (le16 (p + 6), ==, 0);
  g_assert_cmphex (le32 (p + 8), ==, 0xffffffff);
  g_assert_cmphex (le32 (p + 12), ==, 0xffffffff);
  shb_comment = parse_options (p + 16, len - 16);
  if (hl_trace_get_scenario_id (trace) != NULL)
    g_assert_nonnull (strstr (shb_comment, hl_trace_get_scenario_id (trace)));

  /* Interface Description Block: LINKTYPE_RAW. */
  g_assert_cmphex (g_array_index (blocks, Block, 1).type, ==, BLOCK_IDB);
  p = g_bytes_get_data (g_array_index (blocks, Block, 1).body, &len);
  g_assert_cmpuint (len, >=, 8);
  g_assert_cmpuint (le16 (p), ==, 101);
  g_free (parse_options (p + 8, len - 8));

  /* Decryption Secrets Block, before any packet, when there are secrets. */
  if (keylog[0] != '\0')
    {
      guint32 secrets_len;

      g_assert_cmphex (g_array_index (blocks, Block, 2).type, ==, BLOCK_DSB);
      p = g_bytes_get_data (g_array_index (blocks, Block, 2).body, &len);
      g_assert_cmpuint (len, >=, 8);
      g_assert_cmphex (le32 (p), ==, SECRETS_TLS_KEYLOG);
      secrets_len = le32 (p + 4);
      g_assert_cmpuint (secrets_len, ==, strlen (keylog));
      g_assert_cmpuint (len, ==, 8 + padded (secrets_len));
      g_assert_cmpmem (p + 8, secrets_len, keylog, strlen (keylog));
      for (gsize i = 8 + secrets_len; i < len; i++)
        g_assert_cmpuint (p[i], ==, 0);
      first_packet = 3;
    }
  else
    first_packet = 2;

  for (guint i = first_packet; i < blocks->len; i++)
    g_assert_cmphex (g_array_index (blocks, Block, i).type, ==, BLOCK_EPB);

  segments = read_segments (blocks, first_packet, MAX (hl_trace_get_clock (trace), 0));

  /* What each side sent, in order, is what the trace says it sent. */
  for (HlActor side = HL_ACTOR_CLIENT; side <= HL_ACTOR_SERVER; side++)
    {
      g_autoptr(GByteArray) sent = g_byte_array_new ();
      g_autoptr(GByteArray) wire = g_byte_array_new ();

      for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
        {
          const HlRecord *r = hl_trace_get_record (trace, i);

          GBytes *received = r->tampered != NULL ? r->tampered : r->bytes;

          /* as the receiver got them */
          if (r->sender == side)
            g_byte_array_append (sent, g_bytes_get_data (received, NULL), g_bytes_get_size (received));
        }
      for (guint i = 0; i < segments->len; i++)
        {
          Segment *s = &g_array_index (segments, Segment, i);

          if (s->from == side)
            g_byte_array_append (wire, g_bytes_get_data (s->payload, NULL), g_bytes_get_size (s->payload));
        }
      g_assert_cmpmem (wire->data, wire->len, sent->data, sent->len);
    }

  return segments;
}

/* ---- tshark ------------------------------------------------------------ */

typedef struct
{
  char *tshark;
  char *dir;
  char *file;
} Judge;

static void
judge_clear (Judge *judge)
{
  if (judge->file != NULL)
    g_unlink (judge->file);
  if (judge->dir != NULL)
    g_rmdir (judge->dir);
  g_clear_pointer (&judge->tshark, g_free);
  g_clear_pointer (&judge->dir, g_free);
  g_clear_pointer (&judge->file, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Judge, judge_clear)

/* Writes the capture where tshark can read it.  Fails the test when tshark
 * is missing: a capture nobody checked is not a passing capture. */
static gboolean
judge_init (Judge  *judge,
            GBytes *pcapng)
{
  g_autoptr(GError) error = NULL;

  judge->tshark = g_find_program_in_path ("tshark");
  if (judge->tshark == NULL)
    {
      g_test_fail_printf ("tshark is not installed: build-aux/deps installs it (Debian package tshark)");
      return FALSE;
    }

  judge->dir = g_dir_make_tmp ("hl-test-capture-XXXXXX", &error);
  g_assert_no_error (error);
  judge->file = g_build_filename (judge->dir, "run.pcapng", NULL);
  hl_export_write (pcapng, judge->file, &error);
  g_assert_no_error (error);

  return TRUE;
}

/* Runs tshark on the capture with the extra arguments (NULL-terminated)
 * and returns what it printed.  Personal preferences are kept out (a
 * private configuration directory, no key log file): what decrypts, the
 * file decrypts.  Checksums are verified.  tshark must succeed and say
 * nothing on stderr but its warning about running as root. */
static char *
judge_run (Judge      *judge,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "WIRESHARK_CONFIG_DIR", judge->dir, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) complaints = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;
  va_list ap;

  g_ptr_array_add (argv, judge->tshark);
  g_ptr_array_add (argv, (char *)"-n");
  g_ptr_array_add (argv, (char *)"-o");
  g_ptr_array_add (argv, (char *)"tls.keylog_file:");
  g_ptr_array_add (argv, (char *)"-o");
  g_ptr_array_add (argv, (char *)"ip.check_checksum:TRUE");
  g_ptr_array_add (argv, (char *)"-o");
  g_ptr_array_add (argv, (char *)"tcp.check_checksum:TRUE");
  g_ptr_array_add (argv, (char *)"-r");
  g_ptr_array_add (argv, judge->file);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);

  lines = g_strsplit (err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && !g_str_has_prefix (lines[i], "Running as user"))
      g_string_append_printf (complaints, "%s\n", lines[i]);
  if (!g_spawn_check_wait_status (status, NULL) || complaints->len > 0)
    g_error ("tshark failed on %s (status %d):\n%s", judge->file, status, err);

  return out;
}

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

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return object != NULL && json_object_has_member (object, name) ? json_object_get_member (object, name) : NULL;
}

static const char *
string_or_null (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

/* Every occurrence of @key under @node, in document order. */
static void
collect (JsonNode   *node,
         const char *key,
         GArray     *out)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect (json_array_get_element (array, i), key, out);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);
      g_autofree char *raw_key = g_strconcat (key, "_raw", NULL);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (object, l->data);

          if (g_str_equal (l->data, key))
            {
              JsonNode *raw = member (object, raw_key);
              JsonArray *raws;
              guint n = JSON_NODE_HOLDS_ARRAY (value) ? json_array_get_length (json_node_get_array (value)) : 1;

              g_assert_nonnull (raw);
              raws = json_node_get_array (raw);
              for (guint i = 0; i < n; i++)
                {
                  JsonArray *r = n == 1 && !JSON_NODE_HOLDS_ARRAY (json_array_get_element (raws, 0))
                                 ? raws : json_array_get_array_element (raws, i);
                  Occurrence o;

                  o.value = string_or_null (n == 1 && !JSON_NODE_HOLDS_ARRAY (value)
                                            ? value : json_array_get_element (json_node_get_array (value), i));
                  o.hex = json_array_get_string_element (r, 0);
                  o.pos = json_array_get_int_element (r, 1);
                  o.len = json_array_get_int_element (r, 2);
                  g_array_append_val (out, o);
                }
            }
          else if (!g_str_has_suffix (l->data, "_raw"))
            collect (value, key, out);
        }
    }
}

/* The fields at @path under @root ("Extensions/x/Type": "x" matches any
 * child), in tree order. */
static void
find_fields (HlField    *root,
             const char *path,
             GPtrArray  *out)
{
  const char *slash = strchr (path, '/');
  g_autofree char *name = slash ? g_strndup (path, slash - path) : g_strdup (path);

  for (guint i = 0; i < hl_field_get_n_children (root); i++)
    {
      HlField *child = hl_field_get_child (root, i);

      if (!g_str_equal (name, "x") && !g_str_equal (name, hl_field_get_name (child)))
        continue;
      if (slash != NULL)
        find_fields (child, slash + 1, out);
      else
        g_ptr_array_add (out, child);
    }
}

static guint64
our_number (const char *value)
{
  const char *open = strrchr (value, '(');

  if (open != NULL && g_ascii_isdigit (open[1]))
    return g_ascii_strtoull (open + 1, NULL, 0);
  g_assert_true (g_ascii_isdigit (value[0]));
  return g_ascii_strtoull (value, NULL, 10);
}

/* tshark's field @key under @node against our fields at @path of a tree
 * whose offset 0 is byte @base of @src: as many of each, at the same
 * place, over the same bytes, with the same value. */
static void
agree (JsonNode     *node,
       const char   *key,
       HlField      *tree,
       const char   *path,
       gsize         base,
       const Source *src,
       Kind          kind,
       Tally        *tally)
{
  g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (Occurrence));
  g_autoptr(GPtrArray) ours = g_ptr_array_new ();

  collect (node, key, theirs);
  find_fields (tree, path, ours);
  if (theirs->len != ours->len)
    g_error ("%s: tshark shows %u, the trace %u (%s)", key, theirs->len, ours->len, path);

  for (guint i = 0; i < ours->len; i++)
    {
      Occurrence *o = &g_array_index (theirs, Occurrence, i);
      HlField *field = g_ptr_array_index (ours, i);
      gsize at = base + hl_field_get_offset (field);
      g_autofree char *got = NULL;
      gboolean changed;

      g_test_message ("%s = %s at %" G_GSIZE_FORMAT "+%" G_GSIZE_FORMAT "; %s = %s", key, o->value, o->pos,
                      o->len, hl_field_get_name (field), hl_field_get_value (field));
      g_assert_cmpuint (hl_field_get_offset (field), !=, HL_FIELD_NO_OFFSET);
      g_assert_cmpuint (o->pos, ==, src->tshark_base + at);
      g_assert_cmpuint (o->len, ==, hl_field_get_length (field));
      g_assert_cmpuint (at + o->len, <=, src->len);
      got = hl_test_hex (src->got + at, o->len);
      g_assert_cmpstr (o->hex, ==, got);
      changed = memcmp (src->got + at, src->sent + at, o->len) != 0;
      tally->fields++;

      switch (kind)
        {
        case NUMBER:
          {
            guint64 wire = 0;

            for (gsize j = 0; j < o->len; j++)
              wire = wire << 8 | src->got[at + j];
            g_assert_cmpuint (g_ascii_strtoull (o->value, NULL, 0), ==, wire);
            if (!changed)
              g_assert_cmpuint (our_number (hl_field_get_value (field)), ==, wire);
          }
          break;

        case HEX:
          {
            g_auto(GStrv) parts = g_strsplit (o->value, ":", -1);
            g_autofree char *plain = g_strjoinv ("", parts);

            g_assert_cmpstr (plain, ==, got);
            if (!changed)
              g_assert_true (g_str_has_prefix (hl_field_get_value (field), got));
          }
          break;

        case TEXT:
          if (!changed)
            g_assert_cmpstr (o->value, ==, hl_field_get_value (field));
          break;

        case SPAN:
        default:
          break;
        }

      /* The network changed these bytes: tshark shows what the receiver
       * got, not what the trace's step (the sender's) says. */
      if (changed)
        tally->tampered_fields++;
    }
}

typedef struct
{
  const char *tshark;
  const char *ours;
  Kind        kind;
} Pair;

static const Pair hello_pairs[] = {
  { "tls.handshake.version", "Client version", NUMBER },
  { "tls.handshake.version", "Server version", NUMBER },
  { "tls.handshake.random", "Random", HEX },
  { "tls.handshake.session_id_length", "Session ID length", NUMBER },
  { "tls.handshake.session_id", "Session ID", HEX },
  { "tls.handshake.cipher_suites_length", "Cipher suites length", NUMBER },
  { "tls.handshake.ciphersuite", "Cipher suites/Cipher suite", NUMBER },
  { "tls.handshake.ciphersuite", "Cipher suite", NUMBER },
  { "tls.handshake.comp_methods_length", "Compression methods length", NUMBER },
  { "tls.handshake.comp_method", "Compression methods/Compression method", NUMBER },
  { "tls.handshake.comp_method", "Compression method", NUMBER },
  { "tls.handshake.extensions_length", "Extensions length", NUMBER },
  { "tls.handshake.extension.type", "Extensions/x/Type", NUMBER },
  { "tls.handshake.extension.len", "Extensions/x/Length", NUMBER },
  { "tls.handshake.extensions_server_name", "Extensions/server_name/Server name/Host name", TEXT },
  { "tls.handshake.extensions_supported_group", "Extensions/supported_groups/Named group", NUMBER },
  { "tls.handshake.sig_hash_alg", "Extensions/signature_algorithms/Signature algorithms/Signature algorithm", NUMBER },
  { NULL }
};

static const Pair certificate_pairs[] = {
  { "tls.handshake.certificates_length", "Certificates length", NUMBER },
  { "tls.handshake.certificate_length", "Certificates/x/Certificate length", NUMBER },
  { "tls.handshake.certificate", "Certificates/x/Certificate", SPAN },
  { NULL }
};

static const Pair server_key_exchange_pairs[] = {
  { "tls.handshake.server_curve_type", "Curve type", NUMBER },
  { "tls.handshake.server_named_curve", "Named curve", NUMBER },
  { "tls.handshake.server_point_len", "Public key length", NUMBER },
  { "tls.handshake.server_point", "Public key", HEX },
  { "tls.handshake.sig_hash_alg", "Signature algorithm", NUMBER },
  { "tls.handshake.sig_len", "Signature length", NUMBER },
  { "tls.handshake.sig", "Signature", HEX },
  { NULL }
};

static const Pair certificate_request_pairs[] = {
  { "tls.handshake.cert_types_count", "Certificate types length", NUMBER },
  { "tls.handshake.cert_type", "Certificate types/Certificate type", NUMBER },
  { "tls.handshake.sig_hash_alg_len", "Signature algorithms length", NUMBER },
  { "tls.handshake.sig_hash_alg", "Signature algorithms/Signature algorithm", NUMBER },
  { "tls.handshake.dnames_len", "Certificate authorities length", NUMBER },
  { NULL }
};

static const Pair certificate_verify_pairs[] = {
  { "tls.handshake.sig_hash_alg", "Signature algorithm", NUMBER },
  { "tls.handshake.client_cert_vrfy.sig_len", "Signature length", NUMBER },
  { "tls.handshake.client_cert_vrfy.sig", "Signature", HEX },
  { NULL }
};

static const Pair client_key_exchange_pairs[] = {
  { "tls.handshake.epms_len", "Encrypted pre-master secret length", NUMBER },
  { "tls.handshake.epms", "Encrypted pre-master secret", HEX },
  { "tls.handshake.client_point_len", "Public key length", NUMBER },
  { "tls.handshake.client_point", "Public key", HEX },
  { NULL }
};

static const Pair finished_pairs[] = {
  { "tls.handshake.verify_data", "verify_data", SPAN },
  { NULL }
};

/* Where tshark's BER dissector puts an X.509 field: over the whole value
 * (a SEQUENCE, a CHOICE), over its content (an INTEGER, an OID, the items
 * of a SEQUENCE OF) or over a BIT STRING's bits, after the unused-bits
 * byte. */
typedef enum
{
  WHOLE,
  CONTENT,
  BITS,
} X509Span;

typedef struct
{
  const char *tshark;
  const char *id;
  X509Span    span;
} X509Pair;

/* Every node of a certificate that tshark (x509af, x509if, x509sat,
 * x509ce, pkcs1) names, and the id of ours that must name the same. */
static const X509Pair x509_pairs[] = {
  { "x509af.signedCertificate_element", "x509.tbs", WHOLE },
  { "x509af.version", "x509.version.value", CONTENT },
  { "x509af.serialNumber", "x509.serial_number", CONTENT },
  { "x509af.signature_element", "x509.signature", WHOLE },
  { "x509af.algorithm.id", "x509.algorithm", CONTENT },
  { "x509af.issuer", "x509.issuer", WHOLE },
  { "x509if.RDNSequence_item", "x509.rdn", CONTENT },
  { "x509if.RelativeDistinguishedName_item_element", "x509.attribute", WHOLE },
  { "x509if.oid", "x509.attribute.type", CONTENT },
  { "x509sat.DirectoryString", "x509.attribute.value", WHOLE },
  { "x509af.validity_element", "x509.validity", WHOLE },
  { "x509af.notBefore", "x509.not_before", WHOLE },
  { "x509af.notAfter", "x509.not_after", WHOLE },
  { "x509af.subject", "x509.subject", WHOLE },
  { "x509af.subjectPublicKeyInfo_element", "x509.spki", WHOLE },
  { "x509af.algorithm_element", "x509.spki.algorithm", WHOLE },
  { "x509af.subjectPublicKey", "x509.spki.public_key", BITS },
  { "pkcs1.modulus", "x509.rsa.modulus", CONTENT },
  { "pkcs1.publicExponent", "x509.rsa.public_exponent", CONTENT },
  { "x509af.extensions", "x509.extension_list", CONTENT },
  { "x509af.Extension_element", "x509.extension", WHOLE },
  { "x509af.extension.id", "x509.extension.id", CONTENT },
  { "x509af.critical", "x509.extension.critical", CONTENT },
  { "x509ce.BasicConstraintsSyntax_element", "x509.basic_constraints", WHOLE },
  { "x509ce.cA", "x509.basic_constraints.ca", CONTENT },
  { "x509ce.pathLenConstraint", "x509.basic_constraints.path_len", CONTENT },
  { "x509ce.KeyUsage", "x509.key_usage", BITS },
  { "x509ce.GeneralNames", "x509.subject_alt_name", CONTENT },
  { "x509ce.dNSName", "x509.general_name.dns", CONTENT },
  { "x509ce.SubjectKeyIdentifier", "x509.subject_key_identifier", CONTENT },
  { "x509ce.AuthorityKeyIdentifier_element", "x509.authority_key_identifier", WHOLE },
  { "x509ce.keyIdentifier", "x509.authority_key_identifier.key_id", CONTENT },
  { "x509af.algorithmIdentifier_element", "x509.signature_algorithm", WHOLE },
  { "x509af.encrypted", "x509.signature_value", BITS },
};

static void
collect_by_id (HlField    *field,
               const char *id,
               GPtrArray  *out)
{
  if (g_str_equal (hl_field_get_id (field), id))
    g_ptr_array_add (out, field);
  for (guint i = 0; i < hl_field_get_n_children (field); i++)
    collect_by_id (hl_field_get_child (field, i), id, out);
}

/* Each certificate of a Certificate message, node by node, against
 * tshark's X.509 dissection: the same structure named at the same place
 * over the same bytes. */
static void
agree_x509 (JsonNode     *message,
            HlField      *tree,
            gsize         base,
            const Source *src,
            Tally        *tally)
{
  for (guint i = 0; i < G_N_ELEMENTS (x509_pairs); i++)
    {
      g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (Occurrence));
      g_autoptr(GPtrArray) ours = g_ptr_array_new ();

      collect (message, x509_pairs[i].tshark, theirs);
      collect_by_id (tree, x509_pairs[i].id, ours);
      if (theirs->len != ours->len)
        g_error ("%s: tshark shows %u, the trace %u %s", x509_pairs[i].tshark, theirs->len, ours->len,
                 x509_pairs[i].id);
      /* Every certificate sent is an X.509 one. */
      if (i == 0)
        {
          g_autoptr(GPtrArray) entries = g_ptr_array_new ();

          collect_by_id (tree, "certificate.entry", entries);
          g_assert_cmpuint (ours->len, ==, entries->len);
        }

      for (guint k = 0; k < ours->len; k++)
        {
          Occurrence *o = &g_array_index (theirs, Occurrence, k);
          HlField *field = g_ptr_array_index (ours, k);
          HlField *length = hl_test_child (field, "der.length");
          gsize at = base + hl_field_get_offset (field);
          gsize end = at + hl_field_get_length (field);
          g_autofree char *got = NULL;

          if (x509_pairs[i].span != WHOLE)
            at = base + hl_field_get_offset (length) + hl_field_get_length (length) + (x509_pairs[i].span == BITS);
          g_test_message ("%s at %" G_GSIZE_FORMAT "+%" G_GSIZE_FORMAT "; %s %s", x509_pairs[i].tshark, o->pos,
                          o->len, hl_field_get_name (field), hl_field_get_value (field));
          g_assert_cmpuint (o->pos, ==, src->tshark_base + at);
          g_assert_cmpuint (o->len, ==, end - at);
          got = hl_test_hex (src->got + at, o->len);
          g_assert_cmpstr (o->hex, ==, got);
          tally->fields++;
        }
    }
}

/* One handshake message: its type and length, and the fields of its kind. */
static void
agree_handshake (JsonNode     *message,
                 HlField      *tree,
                 gsize         base,
                 const Source *src,
                 Tally        *tally)
{
  const Pair *pairs = NULL;
  guint type = our_number (hl_field_get_value (hl_test_child (tree, "handshake.type")));

  agree (message, "tls.handshake.type", tree, "Handshake type", base, src, NUMBER, tally);
  agree (message, "tls.handshake.length", tree, "Length", base, src, NUMBER, tally);

  switch (type)
    {
    case 1: case 2: pairs = hello_pairs; break;
    case 11:
      pairs = certificate_pairs;
      agree_x509 (message, tree, base, src, tally);
      break;
    case 12: pairs = server_key_exchange_pairs; break;
    case 13: pairs = certificate_request_pairs; break;
    case 15: pairs = certificate_verify_pairs; break;
    case 16: pairs = client_key_exchange_pairs; break;
    case 20: pairs = finished_pairs; break;
    default: break;
    }

  /* A pair whose field this message does not have must find nothing in
   * tshark either (a ServerHello has no "Client version"). */
  for (guint i = 0; pairs != NULL && pairs[i].tshark != NULL; i++)
    {
      g_autoptr(GPtrArray) ours = g_ptr_array_new ();

      find_fields (tree, pairs[i].ours, ours);
      if (ours->len == 0)
        {
          gboolean other = FALSE;

          /* The same tshark name stands for another of our fields here. */
          for (guint j = 0; pairs[j].tshark != NULL; j++)
            if (j != i && g_str_equal (pairs[j].tshark, pairs[i].tshark))
              {
                g_autoptr(GPtrArray) alt = g_ptr_array_new ();

                find_fields (tree, pairs[j].ours, alt);
                other |= alt->len > 0;
              }
          if (other)
            continue;
        }
      agree (message, pairs[i].tshark, tree, pairs[i].ours, base, src, pairs[i].kind, tally);
    }
}

/* Wireshark's expert info: PI_WARN, PI_UNDECODED (epan/proto.h) */
#define EXPERT_WARNING         0x00600000
#define EXPERT_GROUP_UNDECODED 0x05000000

/* Nothing tshark finds odd: checksums verified good, no TCP analysis
 * flag (retransmission, lost segment, ACK of unseen data …), no malformed
 * packet, no expert item at warning level or above but for parts tshark
 * does not decode. */
static void
assert_nothing_odd (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        assert_nothing_odd (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (object, l->data);

          if (g_str_has_suffix (l->data, "_raw"))
            continue;
          if (g_str_equal (l->data, "_ws.malformed") || g_str_equal (l->data, "tcp.analysis.flags"))
            g_error ("tshark: %s", (const char *)l->data);
          if (g_str_equal (l->data, "_ws.expert.severity") && JSON_NODE_HOLDS_VALUE (value))
            {
              const char *group = json_object_has_member (object, "_ws.expert.group")
                                  ? json_object_get_string_member (object, "_ws.expert.group") : "0";

              /* Undecoded: an extension whose OID tshark does not know
               * (unknown-critical-extension's certificate has one) is no
               * fault of the capture. */
              if (g_ascii_strtoull (group, NULL, 10) != EXPERT_GROUP_UNDECODED)
                g_assert_cmpuint (g_ascii_strtoull (json_node_get_string (value), NULL, 10), <, EXPERT_WARNING);
            }
          if (g_str_equal (l->data, "ip.checksum.status") || g_str_equal (l->data, "tcp.checksum.status"))
            g_assert_cmpstr (json_node_get_string (value), ==, "1");
          assert_nothing_odd (value);
        }
    }
}

static JsonNode *
the_one (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
      return json_array_get_element (json_node_get_array (node), 0);
    }
  return node;
}

/* The handshake messages of one tshark record, as a list. */
static GPtrArray *
messages_of (JsonObject *record)
{
  GPtrArray *out = g_ptr_array_new ();
  JsonNode *hs = member (record, "tls.handshake");

  if (hs != NULL && JSON_NODE_HOLDS_ARRAY (hs))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (hs)); i++)
      g_ptr_array_add (out, json_array_get_element (json_node_get_array (hs), i));
  else if (hs != NULL)
    g_ptr_array_add (out, hs);

  return out;
}

static void
append_hex (GByteArray *out,
            const char *hex)
{
  for (gsize i = 0; hex[i] != '\0' && hex[i + 1] != '\0'; i += 2)
    {
      char pair[3] = { hex[i], hex[i + 1], 0 };
      guint8 byte = g_ascii_strtoull (pair, NULL, 16);

      g_byte_array_append (out, &byte, 1);
    }
}

/* What tshark decrypted of the record in a frame: the record's piece of
 * a message it reassembles over several records ("tls.segment.data"), or
 * else the layers it handed the plaintext to (http, data-text-lines …),
 * put together by their positions. */
static GByteArray *
decrypted_layers (JsonObject *layers)
{
  g_autoptr(GList) names = json_object_get_members (layers);
  GByteArray *out = g_byte_array_new ();
  gboolean after_tls = FALSE;
  JsonObject *tls = json_object_get_object_member (layers, "tls");

  if (json_object_has_member (tls, "tls.segment.data_raw"))
    {
      JsonArray *raw = json_object_get_array_member (tls, "tls.segment.data_raw");

      g_assert_cmpint (json_array_get_int_element (raw, 1), ==, 0);
      append_hex (out, json_array_get_string_element (raw, 0));
      return out;
    }

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonArray *raw;
      gsize pos, len;
      const char *hex;

      if (g_str_equal (l->data, "tls"))
        after_tls = TRUE;
      if (!after_tls || !g_str_has_suffix (l->data, "_raw") || g_str_equal (l->data, "tls_raw"))
        continue;

      raw = json_object_get_array_member (layers, l->data);
      hex = json_array_get_string_element (raw, 0);
      pos = json_array_get_int_element (raw, 1);
      len = json_array_get_int_element (raw, 2);
      g_assert_cmpuint (strlen (hex), ==, 2 * len);
      g_assert_cmpuint (pos, ==, out->len);  /* the layers follow each other */
      append_hex (out, hex);
    }

  return out;
}

/* The steps of record @index, in the order of their bytes in it. */
static GPtrArray *
steps_of_record (HlTrace *trace,
                 guint    index)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);

      if (hl_step_is_message (step) && hl_step_get_record (step) == (int)index)
        g_ptr_array_add (out, step);
    }

  return out;
}

/* The fault step that changed record @index, or NULL. */
static HlStep *
fault_of_record (HlTrace *trace,
                 guint    index)
{
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);

      if (hl_step_get_kind (step) == HL_STEP_FAULT && hl_step_get_record (step) == (int)index)
        return step;
    }

  return NULL;
}

/* The packet comment says what the trace says of the record: each byte
 * the network changed, the error its receiver stopped with. */
static void
agree_comment (HlTrace        *trace,
               const HlRecord *r,
               JsonObject     *layers)
{
  JsonObject *comment_layer = json_object_has_member (layers, "pkt_comment")
                              ? json_object_get_object_member (layers, "pkt_comment") : NULL;
  const char *comment = comment_layer ? json_object_get_string_member (comment_layer, "frame.comment") : NULL;
  gsize len;
  const guint8 *sent = g_bytes_get_data (r->bytes, &len);

  if (r->tampered == NULL && r->error == 0 && r->delivered)
    {
      g_assert_null (comment);
      return;
    }

  g_assert_nonnull (comment);
  g_test_message ("comment: %s", comment);
  if (r->tampered != NULL)
    {
      const guint8 *got = g_bytes_get_data (r->tampered, NULL);

      for (gsize i = 0; i < len; i++)
        if (sent[i] != got[i])
          {
            g_autofree char *change = g_strdup_printf ("byte %" G_GSIZE_FORMAT " of the record", i);
            g_autofree char *values = g_strdup_printf ("was 0x%02x as sent, 0x%02x as received", sent[i], got[i]);

            g_assert_nonnull (strstr (comment, change));
            g_assert_nonnull (strstr (comment, values));
          }
    }
  if (r->error > 0 && r->error < 256)
    g_assert_nonnull (strstr (comment, hl_error_name (r->error)));
  if (r->read < len)
    {
      g_autofree char *read = g_strdup_printf ("first %" G_GSIZE_FORMAT " of its %" G_GSIZE_FORMAT " bytes",
                                               r->read, len);

      g_assert_nonnull (strstr (comment, r->read == 0 ? "never read" : read));
    }
}

/* Record @index of @trace, against the tshark frame that carries it. */
static void
agree_record (HlTrace    *trace,
              guint       index,
              JsonObject *layers,
              Tally      *tally)
{
  const HlRecord *r = hl_trace_get_record (trace, index);
  GBytes *received = r->tampered != NULL ? r->tampered : r->bytes;
  g_autoptr(GPtrArray) steps = steps_of_record (trace, index);
  JsonNode *tls = member (layers, "tls");
  JsonArray *tls_raw;
  JsonObject *record;
  HlStep *first;
  HlField *header;
  Source src;
  guint tampered_before = tally->tampered_fields;
  g_autofree char *received_hex = NULL;

  g_test_message ("record %u: %s, %s", index, hl_step_get_title (g_ptr_array_index (steps, 0)),
                  r->encrypted ? "encrypted" : "in the clear");
  agree_comment (trace, r, layers);

  g_assert_cmpuint (steps->len, >, 0);
  first = g_ptr_array_index (steps, 0);
  g_assert_cmpuint (hl_step_get_header_length (first), ==, 5);
  header = hl_test_child (hl_step_get_fields (first), "record.header");

  g_assert_nonnull (tls);
  tls_raw = json_object_get_array_member (layers, "tls_raw");
  src.got = g_bytes_get_data (received, &src.len);
  src.sent = g_bytes_get_data (r->bytes, NULL);
  src.tshark_base = json_array_get_int_element (tls_raw, 1);
  received_hex = hl_test_bytes_hex (received);
  g_assert_cmpstr (json_array_get_string_element (tls_raw, 0), ==, received_hex);

  /* BearSSL reads only records of version 3.x; neither does Wireshark
   * dissect anything else as a TLS record. */
  if (src.got[1] != 3)
    {
      g_assert_cmpuint (our_number (hl_field_get_value (hl_test_child (header, "record.version"))) >> 8, !=, 3);
      g_assert_false (JSON_NODE_HOLDS_OBJECT (tls) && json_object_has_member (json_node_get_object (tls),
                                                                                "tls.record"));
      return;
    }

  record = json_node_get_object (the_one (member (json_node_get_object (tls), "tls.record")));
  agree (member (json_node_get_object (tls), "tls.record"), "tls.record.content_type", header, "Content type",
         0, &src, NUMBER, tally);
  agree (member (json_node_get_object (tls), "tls.record"), "tls.record.version", header, "Version",
         0, &src, NUMBER, tally);
  agree (member (json_node_get_object (tls), "tls.record"), "tls.record.length", header, "Length",
         0, &src, NUMBER, tally);

  if (!r->encrypted)
    {
      switch (r->content_type)
        {
        case 22:
          {
            g_autoptr(GPtrArray) messages = messages_of (record);
            gsize at = 0;

            g_assert_cmpuint (messages->len, ==, steps->len);
            for (guint i = 0; i < steps->len; i++)
              {
                HlStep *step = g_ptr_array_index (steps, i);
                HlField *tree = hl_step_get_fields (step);
                gsize size = g_bytes_get_size (hl_step_get_bytes (step));

                agree_handshake (g_ptr_array_index (messages, i), tree, at, &src, tally);
                at += size;
              }
            g_assert_cmpuint (at, ==, src.len);

            /* Each message lies where the trace says, over the same bytes. */
            {
              g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Occurrence));

              collect (member (json_node_get_object (tls), "tls.record"), "tls.handshake", spans);
              g_assert_cmpuint (spans->len, ==, steps->len);
              at = 0;
              for (guint i = 0; i < steps->len; i++)
                {
                  HlStep *step = g_ptr_array_index (steps, i);
                  gsize head = hl_step_get_header_length (step);
                  gsize size = g_bytes_get_size (hl_step_get_bytes (step));
                  Occurrence *o = &g_array_index (spans, Occurrence, i);
                  g_autofree char *got = hl_test_hex (src.got + at + head, size - head);

                  g_assert_cmpuint (o->pos, ==, src.tshark_base + at + head);
                  g_assert_cmpuint (o->len, ==, size - head);
                  g_assert_cmpstr (o->hex, ==, got);
                  at += size;
                }
            }
          }
          break;

        case 21:
          g_assert_cmpuint (steps->len, ==, 1);
          agree (member (record, "tls.alert_message"), "tls.alert_message.level", hl_step_get_fields (first),
                 "Level", 0, &src, NUMBER, tally);
          agree (member (record, "tls.alert_message"), "tls.alert_message.desc", hl_step_get_fields (first),
                 "Description", 0, &src, NUMBER, tally);
          break;

        case 20:
          g_assert_cmpuint (steps->len, ==, 1);
          g_assert_true (json_object_has_member (record, "tls.change_cipher_spec"));
          break;

        default:
          g_assert_not_reached ();
        }
    }
  else
    {
      /* Decrypted by tshark with the key log in the file exactly when the
       * trace's recomputed keys decrypted what the receiver got: the
       * network's step holds that when the record was changed, the
       * sender's step what was sent. */
      HlStep *receiver_view = r->tampered != NULL ? fault_of_record (trace, index) : first;
      GBytes *plaintext = receiver_view != NULL ? hl_step_get_plaintext (receiver_view) : NULL;
      HlField *plain_fields = receiver_view != NULL ? hl_step_get_plaintext_fields (receiver_view) : NULL;

      g_assert_cmpuint (steps->len, ==, 1);
      switch (r->content_type)
        {
        case 22:
          {
            JsonNode *hs = member (record, "tls.handshake");

            g_assert_nonnull (hs);
            if (plaintext == NULL)
              {
                /* "Encrypted Handshake Message": nothing decoded */
                g_assert_true (JSON_NODE_HOLDS_VALUE (hs));
                tally->fields++;
              }
            else
              {
                Source plain = { g_bytes_get_data (plaintext, NULL), g_bytes_get_data (plaintext, NULL),
                                 g_bytes_get_size (plaintext), 0 };

                g_assert_true (JSON_NODE_HOLDS_OBJECT (hs));
                agree_handshake (hs, plain_fields, 0, &plain, tally);
                tally->decrypted++;
              }
          }
          break;

        case 21:
          {
            JsonNode *alert = member (record, "tls.alert_message");

            g_assert_nonnull (alert);
            if (plaintext == NULL)
              g_assert_true (JSON_NODE_HOLDS_VALUE (alert));
            else
              {
                Source plain = { g_bytes_get_data (plaintext, NULL), g_bytes_get_data (plaintext, NULL),
                                 g_bytes_get_size (plaintext), 0 };

                g_assert_true (JSON_NODE_HOLDS_OBJECT (alert));
                agree (alert, "tls.alert_message.level", plain_fields, "Level", 0, &plain, NUMBER, tally);
                agree (alert, "tls.alert_message.desc", plain_fields, "Description", 0, &plain, NUMBER, tally);
                tally->decrypted++;
              }
          }
          break;

        case 23:
          {
            g_autoptr(GByteArray) decrypted = decrypted_layers (layers);

            if (plaintext == NULL)
              {
                g_assert_cmpuint (decrypted->len, ==, 0);
                g_assert_false (json_object_has_member (layers, "http"));
                tally->fields++;
              }
            else if (hl_field_get_child_by_id (plain_fields, "app.http") == NULL)
              {
                /* A piece of a request split over records (TLS 1.0 CBC:
                 * 1/n-1 against BEAST), which tshark reassembles. */
                g_assert_cmpmem (decrypted->data, decrypted->len, g_bytes_get_data (plaintext, NULL),
                                 g_bytes_get_size (plaintext));
                tally->fields++;
                tally->decrypted++;
              }
            else
              {
                const char *start = hl_field_get_value (hl_test_child (plain_fields, "app.http"));
                JsonObject *http = json_object_get_object_member (layers, "http");
                g_auto(GStrv) words = g_strsplit (start, " ", 3);
                g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (Occurrence));

                g_assert_cmpmem (decrypted->data, decrypted->len, g_bytes_get_data (plaintext, NULL),
                                 g_bytes_get_size (plaintext));
                g_assert_nonnull (http);
                g_assert_cmpuint (g_strv_length (words), ==, 3);
                /* The start line, as the trace reads it. */
                if (r->sender == HL_ACTOR_CLIENT)
                  {
                    const char *keys[] = { "http.request.method", "http.request.uri", "http.request.version" };

                    for (guint k = 0; k < 3; k++)
                      {
                        g_array_set_size (occurrences, 0);
                        collect (json_object_get_member (layers, "http"), keys[k], occurrences);
                        g_assert_cmpuint (occurrences->len, ==, 1);
                        g_assert_cmpstr (g_array_index (occurrences, Occurrence, 0).value, ==, words[k]);
                      }
                  }
                else
                  {
                    const char *keys[] = { "http.response.version", "http.response.code", "http.response.phrase" };

                    for (guint k = 0; k < 3; k++)
                      {
                        g_array_set_size (occurrences, 0);
                        collect (json_object_get_member (layers, "http"), keys[k], occurrences);
                        g_assert_cmpuint (occurrences->len, ==, 1);
                        g_assert_cmpstr (g_array_index (occurrences, Occurrence, 0).value, ==, words[k]);
                      }
                  }
                tally->fields += 4;
                tally->decrypted++;
              }
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  /* A record the network changed: tshark shows the change the lesson is
   * about (the receiver's bytes in a field it decodes), or, encrypted,
   * fails where the receiver failed. */
  if (r->tampered != NULL)
    {
      HlStep *fault = fault_of_record (trace, index);

      g_assert_nonnull (fault);
      g_assert_true (g_bytes_equal (hl_step_get_bytes (fault), r->tampered));
      /* Encrypted: what was sent decrypts (the sender's step), what was
       * delivered does not (the network's step). */
      if (r->encrypted)
        {
          g_assert_null (hl_step_get_plaintext (fault));
          g_assert_nonnull (hl_step_get_plaintext (first));
        }
      else
        g_assert_cmpuint (tally->tampered_fields, >, tampered_before);
    }
}

/* The whole capture of @trace, frame by frame, record by record. */
static JsonArray *
judge_trace (Judge   *judge,
             HlTrace *trace,
             Tally   *tally)
{
  g_autofree char *out = judge_run (judge, "-T", "json", "--no-duplicate-keys", "-x", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *frames;
  guint record = 0;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  frames = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (frames), ==, hl_trace_get_n_records (trace) + 6 * hl_trace_get_n_connections (trace));

  assert_nothing_odd (json_parser_get_root (parser));

  for (guint i = 0; i < json_array_get_length (frames); i++)
    {
      JsonObject *layers = json_object_get_object_member (
        json_object_get_object_member (json_array_get_object_element (frames, i), "_source"), "layers");
      JsonObject *tcp = json_object_get_object_member (layers, "tcp");

      if (g_str_equal (json_object_get_string_member (tcp, "tcp.len"), "0"))
        continue;
      g_assert_cmpuint (record, <, hl_trace_get_n_records (trace));
      agree_record (trace, record, layers, tally);
      record++;
    }
  g_assert_cmpuint (record, ==, hl_trace_get_n_records (trace));

  /* What each side saw, as the trace's secrets record it: tshark's
   * ClientHello random is the one the server got, its ServerHello random
   * the one the client got. */
  for (guint c = 0; c < hl_trace_get_n_connections (trace); c++)
    {
      HlSecrets *client = hl_trace_get_connection_secrets (trace, c, HL_ACTOR_CLIENT);
      HlSecrets *server = hl_trace_get_connection_secrets (trace, c, HL_ACTOR_SERVER);
      guint hello[2] = { 0, 0 };

      for (guint i = 0, seen = 0; i < json_array_get_length (frames); i++)
        {
          JsonObject *layers = json_object_get_object_member (
            json_object_get_object_member (json_array_get_object_element (frames, i), "_source"), "layers");
          JsonObject *tcp = json_object_get_object_member (layers, "tcp");
          g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (Occurrence));
          g_autoptr(GArray) randoms = g_array_new (FALSE, FALSE, sizeof (Occurrence));

          if (g_str_equal (json_object_get_string_member (tcp, "tcp.len"), "0") ||
              hl_trace_get_record (trace, seen++)->connection != c || !json_object_has_member (layers, "tls"))
            continue;
          collect (json_object_get_member (layers, "tls"), "tls.handshake.type", types);
          collect (json_object_get_member (layers, "tls"), "tls.handshake.random", randoms);
          for (guint k = 0, r = 0; k < types->len; k++)
            {
              const char *type = g_array_index (types, Occurrence, k).value;
              GBytes *expected;
              g_autofree char *hex = NULL;

              if (!g_str_equal (type, "1") && !g_str_equal (type, "2"))
                continue;
              expected = g_str_equal (type, "1") ? server->client_random : client->server_random;
              g_assert_nonnull (expected);
              g_assert_cmpuint (r, <, randoms->len);
              hex = hl_test_bytes_hex (expected);
              g_assert_cmpstr (g_array_index (randoms, Occurrence, r++).hex, ==, hex);
              hello[g_str_equal (type, "2")]++;
            }
        }
      g_assert_cmpuint (hello[0], ==, 1);
      g_assert_cmpuint (hello[1], <=, 1);
    }

  return json_array_ref (frames);
}

typedef struct
{
  const char *edits[9];
  guint       version;
  guint       suite;
  const char *handshake_types;
} Variant;

static const Variant rsa_basic = {
  { NULL },
  0x0303, 0x009C,
  "1,2,11,14,16,20,20",
};

static const Variant ecdhe_rsa_chacha20 = {
  { RSA_BASIC_SERVER_SUITES, "suites=TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256\n", NULL },
  0x0303, 0xCCA8,
  "1,2,11,12,14,16,20,20",
};

static const Variant ecdhe_ecdsa_aes256_cbc = {
  {
    RSA_BASIC_SERVER_SUITES, "suites=TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384\n",
    "key=server-rsa2048", "key=server-ec-p256",
    "key-usage=digital-signature;key-encipherment", "key-usage=digital-signature",
    NULL
  },
  0x0303, 0xC024,
  "1,2,11,12,14,16,20,20",
};

static const Variant tls10_cbc = {
  {
    "versions=TLS 1.2", "versions=TLS 1.0",
    RSA_BASIC_SERVER_SUITES, "suites=TLS_RSA_WITH_AES_128_CBC_SHA\n",
    NULL
  },
  0x0301, 0x002F,
  "1,2,11,14,16,20,20",
};

/* Every value tshark shows for @key in the whole capture, in order,
 * joined with commas. */
static char *
all_values (JsonArray  *frames,
            const char *key)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (frames); i++)
    {
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Occurrence));

      collect (json_array_get_element (frames, i), key, found);
      for (guint j = 0; j < found->len; j++)
        g_string_append_printf (joined, "%s%s", joined->len ? "," : "",
                                g_array_index (found, Occurrence, j).value);
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* The run succeeds; tshark dissects it all as the trace does, picks the
 * expected version and suite out of the ServerHello, and decrypts every
 * encrypted record, the HTTP exchange among them. */
static void
test_tshark (gconstpointer data)
{
  const Variant *variant = data;
  g_autoptr(HlTrace) trace = run_edited (variant->edits);
  g_autoptr(GBytes) pcapng = hl_export_pcapng (trace);
  g_autoptr(GArray) segments = NULL;
  g_autoptr(JsonArray) frames = NULL;
  g_auto(Judge) judge = { NULL };
  g_autofree char *types = NULL;
  g_autofree char *versions = NULL;
  g_autofree char *expected_versions = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *body = NULL;
  Tally tally = { 0 };
  guint encrypted = 0;

  g_assert_cmpint (hl_trace_get_outcome (trace), ==, HL_OUTCOME_SUCCESS);
  g_assert_cmpuint (hl_trace_get_version (trace), ==, variant->version);
  g_assert_cmpuint (hl_trace_get_cipher_suite (trace), ==, variant->suite);

  segments = check_capture (trace, pcapng);
  g_assert_cmpuint (segments->len, ==, hl_trace_get_n_records (trace) + 6);

  if (!judge_init (&judge, pcapng))
    return;
  frames = judge_trace (&judge, trace, &tally);

  for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
    encrypted += hl_trace_get_record (trace, i)->encrypted;
  g_assert_cmpuint (tally.decrypted, ==, encrypted);

  /* The Finished messages appear only because tshark decrypted them. */
  types = all_values (frames, "tls.handshake.type");
  g_assert_cmpstr (types, ==, variant->handshake_types);
  /* ClientHello and ServerHello */
  versions = all_values (frames, "tls.handshake.version");
  expected_versions = g_strdup_printf ("0x%04x,0x%04x", variant->version, variant->version);
  g_assert_cmpstr (versions, ==, expected_versions);
  uri = all_values (frames, "http.request.uri");
  g_assert_cmpstr (uri, ==, "/");
  body = all_values (frames, "http.file_data");
  g_assert_true (g_str_has_prefix (body, "Hello from the Handshake Lab server."));
}

/* The negotiation under each ServerHello, judged by tshark: the client's
 * offer is the suite list tshark reads in the ClientHello as delivered,
 * the choice is the suite tshark reads in the ServerHello, and with the
 * server's preference it is the first suite of the scenario's server list
 * that the client offers. */
static void
assert_negotiation (JsonArray  *frames,
                    HlTrace    *trace,
                    HlScenario *scenario)
{
  gsize n_accepted;
  const guint16 *accepted = hl_scenario_get_suites (scenario, HL_ACTOR_SERVER, &n_accepted);
  g_autoptr(GArray) offered = g_array_new (FALSE, FALSE, sizeof (guint));
  guint hello = 0;

  for (guint i = 0; i < json_array_get_length (frames); i++)
    {
      g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (Occurrence));
      g_autoptr(GArray) suites = g_array_new (FALSE, FALSE, sizeof (Occurrence));
      HlField *negotiation = NULL;
      guint chosen, first = 0, n_entries = 0;
      g_autofree char *count = NULL;

      collect (json_array_get_element (frames, i), "tls.handshake.type", types);
      collect (json_array_get_element (frames, i), "tls.handshake.ciphersuite", suites);
      if (types->len == 0 || suites->len == 0)
        continue;

      if (g_str_equal (g_array_index (types, Occurrence, 0).hex, "01"))
        {
          g_array_set_size (offered, 0);
          for (guint j = 0; j < suites->len; j++)
            {
              guint suite = (guint)g_ascii_strtoull (g_array_index (suites, Occurrence, j).hex, NULL, 16);

              g_array_append_val (offered, suite);
            }
          continue;
        }

      g_assert_cmpstr (g_array_index (types, Occurrence, 0).hex, ==, "02");
      g_assert_cmpuint (offered->len, >, 0);
      chosen = (guint)g_ascii_strtoull (g_array_index (suites, Occurrence, 0).hex, NULL, 16);
      /* The first suite of the deciding side's list that the other has. */
      if (hl_scenario_get_server_preference (scenario))
        {
          for (gsize j = 0; j < n_accepted && first == 0; j++)
            for (guint k = 0; k < offered->len; k++)
              if (g_array_index (offered, guint, k) == accepted[j])
                first = accepted[j];
        }
      else
        {
          for (guint k = 0; k < offered->len && first == 0; k++)
            for (gsize j = 0; j < n_accepted; j++)
              if (g_array_index (offered, guint, k) == accepted[j])
                first = accepted[j];
        }
      g_assert_cmpuint (chosen, ==, first);

      /* The trace's own account of the same ServerHello. */
      for (guint j = 0, seen = 0; j < hl_trace_get_n_steps (trace) && negotiation == NULL; j++)
        {
          HlStep *step = hl_trace_get_step (trace, j);

          if (hl_step_get_handshake_type (step) == 2 && seen++ == hello)
            negotiation = hl_field_get_child_by_id (hl_step_get_fields (step), "negotiation");
        }
      g_assert_nonnull (negotiation);
      count = g_strdup_printf ("%u suite", offered->len);
      g_assert_true (g_str_has_prefix (hl_field_get_value (hl_field_get_child_by_id (negotiation, "negotiation.offered")),
                                       count));
      for (guint j = 0, k = 0; j < hl_field_get_n_children (negotiation); j++)
        {
          HlField *entry = hl_field_get_child (negotiation, j);
          gboolean marked = (hl_field_get_flags (entry) & HL_FIELD_FLAG_PASS) != 0;

          if (!hl_field_has_id (entry, "negotiation.server_suite"))
            continue;

          g_assert_cmpuint (k, <, n_accepted);
          g_assert_cmpint (marked, ==, accepted[k] == chosen);
          n_entries = ++k;
        }
      g_assert_cmpuint (n_entries, ==, n_accepted);
      hello++;
    }

  g_assert_cmpuint (hello, >, 0);
}

/* Every lesson, tampering included: tshark's dissection of its capture,
 * with the key log inside, agrees with the trace record by record and
 * field by field, decrypts exactly what the trace decrypted, and shows
 * each change of the network as the receiver got it. */
static void
test_tshark_lesson (gconstpointer data)
{
  const char *id = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (id, &error);
  g_autoptr(HlTrace) trace = NULL;
  g_autoptr(GBytes) pcapng = NULL;
  g_autoptr(GArray) segments = NULL;
  g_autoptr(JsonArray) frames = NULL;
  g_auto(Judge) judge = { NULL };
  Tally tally = { 0 };
  guint tampered = 0;

  g_assert_no_error (error);
  trace = hl_engine_run (scenario, &error);
  g_assert_no_error (error);
  pcapng = hl_export_pcapng (trace);
  /* This file's own reader knows one TCP connection; tshark reads them all. */
  if (hl_trace_get_n_connections (trace) == 1)
    segments = check_capture (trace, pcapng);

  if (!judge_init (&judge, pcapng))
    return;
  frames = judge_trace (&judge, trace, &tally);

  for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
    tampered += hl_trace_get_record (trace, i)->tampered != NULL;
  g_test_message ("%s: %u fields agree, %u decrypted records, %u changed fields shown as received",
                  id, tally.fields, tally.decrypted, tally.tampered_fields);
  if (hl_trace_get_version (trace) != 0)
    assert_negotiation (frames, trace, scenario);
  g_assert_cmpuint (tally.fields, >, 0);
  if (tampered == 0)
    g_assert_cmpuint (tally.tampered_fields, ==, 0);
}

/* A resumed session: two TCP connections from two client ports, and
 * Wireshark decrypts both with the two lines of the embedded key log. */
static void
test_tshark_resumption (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) scenario = hl_scenario_load_builtin ("resumption", &error);
  g_autoptr(HlTrace) trace = NULL;
  g_autoptr(GBytes) pcapng = NULL;
  g_auto(Judge) judge = { NULL };
  g_autofree char *http = NULL;
  g_autofree char *types = NULL;

  g_assert_no_error (error);
  trace = hl_engine_run (scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hl_trace_get_n_connections (trace), ==, 2);
  pcapng = hl_export_pcapng (trace);

  if (!judge_init (&judge, pcapng))
    return;

  http = judge_run (&judge, "-Y", "http", "-T", "fields", "-e", "tcp.srcport", "-e", "tcp.dstport",
                    "-e", "http.request.method", "-e", "http.response.code", NULL);
  g_assert_cmpstr (http, ==, "49152\t443\tGET\t\n443\t49152\t\t200\n49153\t443\tGET\t\n443\t49153\t\t200\n");

  /* The second handshake is abbreviated: hellos and Finished only. */
  types = judge_run (&judge, "-Y", "tcp.port == 49153 && tls.handshake", "-T", "fields",
                     "-e", "tls.handshake.type", NULL);
  g_assert_cmpstr (types, ==, "1\n2\n20\n20\n");
}

/* ---- the other tests --------------------------------------------------- */

static void
test_keylog (void)
{
  g_autoptr(HlTrace) trace = run_edited (NULL);
  g_autoptr(HlTrace) expired = run_edited (expired_edits);
  HlSecrets *client = hl_trace_get_secrets (trace, HL_ACTOR_CLIENT);
  HlSecrets *server = hl_trace_get_secrets (trace, HL_ACTOR_SERVER);
  g_autofree char *keylog = hl_export_keylog (trace);
  g_autofree char *random = hl_test_bytes_hex (client->client_random);
  g_autofree char *master = hl_test_bytes_hex (client->master_secret);
  g_autofree char *expected = g_strdup_printf ("CLIENT_RANDOM %s %s\n", random, master);
  g_autofree char *none = hl_export_keylog (expired);

  g_assert_true (g_regex_match_simple ("^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}\n$", keylog, 0, 0));
  g_assert_cmpstr (keylog, ==, expected);
  /* The server derived the same. */
  g_assert_true (g_bytes_equal (client->client_random, server->client_random));
  g_assert_true (g_bytes_equal (client->master_secret, server->master_secret));

  /* The client refused the certificate before any master secret. */
  g_assert_null (hl_trace_get_secrets (expired, HL_ACTOR_CLIENT)->master_secret);
  g_assert_cmpstr (none, ==, "");
}

static void
test_blocks (void)
{
  g_autoptr(HlTrace) trace = run_edited (NULL);
  g_autoptr(GBytes) pcapng = hl_export_pcapng (trace);
  g_autoptr(GArray) blocks = parse_blocks (pcapng);
  g_autoptr(GArray) segments = check_capture (trace, pcapng);
  static const guint32 expected[] = { BLOCK_SHB, BLOCK_IDB, BLOCK_DSB, BLOCK_EPB };

  for (guint i = 0; i < blocks->len; i++)
    g_assert_cmphex (g_array_index (blocks, Block, i).type, ==, expected[MIN (i, G_N_ELEMENTS (expected) - 1)]);

  /* Three packets to open, one per record, three to close. */
  g_assert_cmpuint (blocks->len, ==, 3 + 3 + hl_trace_get_n_records (trace) + 3);
  g_assert_cmpuint (segments->len, ==, hl_trace_get_n_records (trace) + 6);
  for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
    {
      const HlRecord *r = hl_trace_get_record (trace, i);
      Segment *s = &g_array_index (segments, Segment, 3 + i);

      g_assert_cmpint (s->from, ==, r->sender);
      g_assert_true (g_bytes_equal (s->payload, r->bytes));
      g_assert_null (s->comment);
    }
  /* The client sent close_notify first and closes first. */
  g_assert_cmpint (g_array_index (segments, Segment, segments->len - 3).from, ==, HL_ACTOR_CLIENT);
  /* The made-up connection says it is made up. */
  g_assert_nonnull (g_array_index (segments, Segment, 0).comment);
}

/* Failed runs export too: without a Decryption Secrets Block when there
 * is no master secret, closed first by the side that failed. */
static void
test_failed (void)
{
  g_autoptr(HlTrace) expired = run_edited (expired_edits);
  g_autoptr(HlTrace) no_suite = run_edited (no_common_suite_edits);
  g_autoptr(GBytes) expired_pcapng = hl_export_pcapng (expired);
  g_autoptr(GBytes) no_suite_pcapng = hl_export_pcapng (no_suite);
  g_autoptr(GArray) blocks = parse_blocks (expired_pcapng);
  g_autoptr(GArray) expired_segments = check_capture (expired, expired_pcapng);
  g_autoptr(GArray) no_suite_segments = check_capture (no_suite, no_suite_pcapng);
  g_auto(Judge) expired_judge = { NULL };
  g_auto(Judge) no_suite_judge = { NULL };
  g_autoptr(JsonArray) expired_frames = NULL;
  g_autoptr(JsonArray) no_suite_frames = NULL;
  g_autofree char *types = NULL;
  Tally tally = { 0 };

  g_assert_cmpint (hl_trace_get_failed_side (expired), ==, HL_ACTOR_CLIENT);
  for (guint i = 0; i < blocks->len; i++)
    g_assert_cmphex (g_array_index (blocks, Block, i).type, !=, BLOCK_DSB);
  g_assert_cmpint (g_array_index (expired_segments, Segment, expired_segments->len - 3).from, ==, HL_ACTOR_CLIENT);

  g_assert_cmpint (hl_trace_get_failed_side (no_suite), ==, HL_ACTOR_SERVER);
  g_assert_cmpint (g_array_index (no_suite_segments, Segment, no_suite_segments->len - 3).from, ==, HL_ACTOR_SERVER);

  if (!judge_init (&expired_judge, expired_pcapng) || !judge_init (&no_suite_judge, no_suite_pcapng))
    return;
  expired_frames = judge_trace (&expired_judge, expired, &tally);
  no_suite_frames = judge_trace (&no_suite_judge, no_suite, &tally);
  types = all_values (expired_frames, "tls.handshake.type");
  g_assert_cmpstr (types, ==, "1,2,11,14");
  g_clear_pointer (&types, g_free);
  types = all_values (no_suite_frames, "tls.handshake.type");
  g_assert_cmpstr (types, ==, "1");
  g_assert_cmpuint (tally.decrypted, ==, 0);
}

static GBytes *
record (guint8 content_type,
        gsize  body_len)
{
  guint8 *p = g_malloc0 (5 + body_len);

  p[0] = content_type;
  p[1] = 3;
  p[2] = 3;
  p[3] = (body_len >> 8) & 0xff;
  p[4] = body_len & 0xff;
  for (gsize i = 0; i < body_len; i++)
    p[5 + i] = i * 7;

  return g_bytes_new_take (p, 5 + body_len);
}

/* A record the peer never read was on the wire all the same; a record too
 * big for one segment (more than any real one) is split, not dropped. */
static void
test_undelivered (void)
{
  g_autoptr(HlTrace) trace = hl_trace_new ();
  g_autoptr(GBytes) hello = record (22, 40);
  g_autoptr(GBytes) unread = record (21, 2);
  g_autoptr(GBytes) huge = record (23, 70000);
  g_autoptr(GBytes) pcapng = NULL;
  g_autoptr(GArray) segments = NULL;
  g_autofree char *keylog = NULL;
  guint i;

  hl_trace_set_clock (trace, 1772366400);
  hl_trace_set_record_delivered (trace, hl_trace_append_record (trace, HL_ACTOR_CLIENT, hello, FALSE));
  hl_trace_append_record (trace, HL_ACTOR_SERVER, unread, FALSE);
  hl_trace_set_record_delivered (trace, hl_trace_append_record (trace, HL_ACTOR_CLIENT, huge, FALSE));
  hl_trace_seal (trace);

  keylog = hl_export_keylog (trace);
  g_assert_cmpstr (keylog, ==, "");
  pcapng = hl_export_pcapng (trace);
  segments = check_capture (trace, pcapng);

  /* SYN, SYN-ACK, ACK, hello, unread, huge in two, FIN, FIN, ACK */
  g_assert_cmpuint (segments->len, ==, 10);
  i = 4;
  g_assert_cmpint (g_array_index (segments, Segment, i).from, ==, HL_ACTOR_SERVER);
  g_assert_true (g_bytes_equal (g_array_index (segments, Segment, i).payload, unread));
  g_assert_nonnull (strstr (g_array_index (segments, Segment, i).comment, "never read"));
  g_assert_cmpuint (g_bytes_get_size (g_array_index (segments, Segment, 5).payload), ==, 65495);
  g_assert_cmpuint (g_bytes_get_size (g_array_index (segments, Segment, 6).payload), ==, 70005 - 65495);
}

static void
test_determinism (void)
{
  g_autoptr(HlTrace) a = run_edited (NULL);
  g_autoptr(HlTrace) b = run_edited (NULL);
  g_autoptr(GBytes) pcapng_a = hl_export_pcapng (a);
  g_autoptr(GBytes) pcapng_b = hl_export_pcapng (b);
  g_autoptr(GBytes) again = hl_export_pcapng (a);
  g_autoptr(HlTrace) other = NULL;
  g_autoptr(GBytes) pcapng_other = NULL;
  static const char * const seed_2[] = { "seed=1\n", "seed=2\n", NULL };

  g_assert_true (g_bytes_equal (pcapng_a, again));
  g_assert_true (g_bytes_equal (pcapng_a, pcapng_b));

  other = run_edited (seed_2);
  pcapng_other = hl_export_pcapng (other);
  g_assert_false (g_bytes_equal (pcapng_a, pcapng_other));
}

static void
test_write (void)
{
  g_autoptr(HlTrace) trace = run_edited (NULL);
  g_autoptr(GBytes) pcapng = hl_export_pcapng (trace);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-capture-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "run.pcapng", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "run.pcapng", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  gsize len;

  g_assert_no_error (error);

  /* Replaces what was there. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (hl_export_write (pcapng, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (pcapng, NULL), g_bytes_get_size (pcapng));

  g_assert_true (hl_export_write (empty, path, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, ==, 0);

  g_assert_false (hl_export_write (pcapng, missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) ids = NULL;

  g_test_init (&argc, &argv, NULL);
  ids = hl_scenario_list_builtin ();

  g_test_add_func ("/capture/keylog", test_keylog);
  g_test_add_func ("/capture/blocks", test_blocks);
  g_test_add_func ("/capture/failed", test_failed);
  g_test_add_func ("/capture/undelivered", test_undelivered);
  g_test_add_func ("/capture/determinism", test_determinism);
  g_test_add_func ("/capture/write", test_write);
  g_test_add_data_func ("/capture/tshark/rsa-aes128-gcm", &rsa_basic, test_tshark);
  g_test_add_data_func ("/capture/tshark/ecdhe-rsa-chacha20-poly1305", &ecdhe_rsa_chacha20, test_tshark);
  g_test_add_data_func ("/capture/tshark/ecdhe-ecdsa-aes256-cbc-sha384", &ecdhe_ecdsa_aes256_cbc, test_tshark);
  g_test_add_data_func ("/capture/tshark/tls10-rsa-aes128-cbc-sha", &tls10_cbc, test_tshark);
  g_test_add_func ("/capture/tshark/resumption", test_tshark_resumption);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("/capture/tshark/lesson/%s", ids[i]);

      g_test_add_data_func (path, ids[i], test_tshark_lesson);
    }

  return g_test_run ();
}
