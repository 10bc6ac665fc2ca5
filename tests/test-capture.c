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

/*
 * The capture is judged twice: by this file, which reads it as an outsider
 * (its own pcapng, IPv4 and TCP readers and its own checksum), and by
 * tshark, which must dissect every record and decrypt the HTTP exchange
 * with nothing but the key log inside the file.
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

static const char * const expired_edits[] = {
  "valid-from=-30d\nvalid-until=+365d",
  "valid-from=2025-01-01T00:00:00Z\nvalid-until=2026-01-01T00:00:00Z",
  NULL
};

static const char * const no_common_suite_edits[] = {
  "[Server]\nversions=TLS 1.2\nsuites=TLS_RSA_WITH_AES_128_GCM_SHA256",
  "[Server]\nversions=TLS 1.2\nsuites=TLS_RSA_WITH_AES_256_CBC_SHA256",
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

static char *
to_hex (GBytes *bytes)
{
  static const char digits[] = "0123456789abcdef";
  gsize len;
  const guint8 *p = g_bytes_get_data (bytes, &len);
  char *hex = g_malloc (2 * len + 1);

  for (gsize i = 0; i < len; i++)
    {
      hex[2 * i] = digits[p[i] >> 4];
      hex[2 * i + 1] = digits[p[i] & 15];
    }
  hex[2 * len] = '\0';

  return hex;
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

          if (r->sender == side)
            g_byte_array_append (sent, g_bytes_get_data (r->bytes, NULL), g_bytes_get_size (r->bytes));
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

/* Non-empty lines of OUT joined with commas: one line per frame, one
 * comma-separated value per occurrence. */
static char *
joined_lines (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ',');
      g_string_append (joined, lines[i]);
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* Frames, records and handshake messages as tshark saw them, in order. */
static void
judge_dissection (Judge      *judge,
                  HlTrace    *trace,
                  const char *handshake_types)
{
  g_autofree char *frames = NULL;
  g_autofree char *anomalies = NULL;
  g_autofree char *content_type_lines = NULL;
  g_autofree char *content_types = NULL;
  g_autofree char *type_lines = NULL;
  g_autofree char *types = NULL;
  g_autoptr(GString) expected_content_types = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;

  /* Every frame is there. */
  frames = judge_run (judge, "-T", "fields", "-e", "frame.number", NULL);
  lines = g_strsplit (g_strchomp (frames), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, hl_trace_get_n_records (trace) + 6);

  /* Nothing tshark finds odd: no bad checksum, no TCP analysis flag
   * (retransmission, lost segment, ACK of unseen data …), no malformed
   * packet, no expert item at warning level or above. */
  anomalies = judge_run (judge, "-Y",
                         "ip.checksum.status != 1 || tcp.checksum.status != 1 || tcp.analysis.flags "
                         "|| _ws.malformed || _ws.expert.severity >= warning",
                         NULL);
  g_assert_cmpstr (anomalies, ==, "");

  /* Every record, in the trace's order. */
  for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
    g_string_append_printf (expected_content_types, "%s%u", i > 0 ? "," : "",
                            hl_trace_get_record (trace, i)->content_type);
  content_type_lines = judge_run (judge, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,",
                                  "-e", "tls.record.content_type", NULL);
  content_types = joined_lines (content_type_lines);
  g_test_message ("tls.record.content_type: %s", content_types);
  g_assert_cmpstr (content_types, ==, expected_content_types->str);

  /* Every handshake message, in order; the encrypted Finished messages
   * appear only if tshark decrypted them. */
  type_lines = judge_run (judge, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,",
                          "-e", "tls.handshake.type", NULL);
  types = joined_lines (type_lines);
  g_test_message ("tls.handshake.type: %s", types);
  g_assert_cmpstr (types, ==, handshake_types);
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
  { "suites=TLS_RSA_WITH_AES_128_GCM_SHA256", "suites=TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", NULL },
  0x0303, 0xCCA8,
  "1,2,11,12,14,16,20,20",
};

static const Variant ecdhe_ecdsa_aes256_cbc = {
  {
    "suites=TLS_RSA_WITH_AES_128_GCM_SHA256", "suites=TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
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
    "suites=TLS_RSA_WITH_AES_128_GCM_SHA256", "suites=TLS_RSA_WITH_AES_128_CBC_SHA",
    NULL
  },
  0x0301, 0x002F,
  "1,2,11,14,16,20,20",
};

/* The run succeeds; tshark dissects it all, picks the expected version and
 * suite out of the ServerHello, and decrypts the HTTP exchange. */
static void
test_tshark (gconstpointer data)
{
  const Variant *variant = data;
  g_autoptr(HlTrace) trace = run_edited (variant->edits);
  g_autoptr(GBytes) pcapng = hl_export_pcapng (trace);
  g_autoptr(GArray) segments = NULL;
  g_auto(Judge) judge = { NULL };
  g_autofree char *server_hello = NULL;
  g_autofree char *expected_hello = NULL;
  g_autofree char *http = NULL;

  g_assert_cmpint (hl_trace_get_outcome (trace), ==, HL_OUTCOME_SUCCESS);
  g_assert_cmpuint (hl_trace_get_version (trace), ==, variant->version);
  g_assert_cmpuint (hl_trace_get_cipher_suite (trace), ==, variant->suite);

  segments = check_capture (trace, pcapng);
  g_assert_cmpuint (segments->len, ==, hl_trace_get_n_records (trace) + 6);

  if (!judge_init (&judge, pcapng))
    return;
  judge_dissection (&judge, trace, variant->handshake_types);

  server_hello = judge_run (&judge, "-Y", "tls.handshake.type == 2", "-T", "fields",
                            "-e", "tls.handshake.version", "-e", "tls.handshake.ciphersuite", NULL);
  expected_hello = g_strdup_printf ("0x%04x\t0x%04x\n", variant->version, variant->suite);
  g_assert_cmpstr (server_hello, ==, expected_hello);

  http = judge_run (&judge, "-Y", "http", "-T", "fields",
                    "-e", "http.request.method", "-e", "http.request.uri", "-e", "http.request.version",
                    "-e", "http.response.code", "-e", "http.file_data", NULL);
  g_test_message ("http:\n%s", http);
  g_assert_nonnull (strstr (http, "GET\t/\tHTTP/1.1\t"));
  g_assert_nonnull (strstr (http, "\t200\tHello from the Handshake Lab server."));
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
  g_autofree char *random = to_hex (client->client_random);
  g_autofree char *master = to_hex (client->master_secret);
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

  g_assert_cmpint (hl_trace_get_failed_side (expired), ==, HL_ACTOR_CLIENT);
  for (guint i = 0; i < blocks->len; i++)
    g_assert_cmphex (g_array_index (blocks, Block, i).type, !=, BLOCK_DSB);
  g_assert_cmpint (g_array_index (expired_segments, Segment, expired_segments->len - 3).from, ==, HL_ACTOR_CLIENT);

  g_assert_cmpint (hl_trace_get_failed_side (no_suite), ==, HL_ACTOR_SERVER);
  g_assert_cmpint (g_array_index (no_suite_segments, Segment, no_suite_segments->len - 3).from, ==, HL_ACTOR_SERVER);

  if (!judge_init (&expired_judge, expired_pcapng) || !judge_init (&no_suite_judge, no_suite_pcapng))
    return;
  judge_dissection (&expired_judge, expired, "1,2,11,14");
  judge_dissection (&no_suite_judge, no_suite, "1");
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
  g_test_init (&argc, &argv, NULL);

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

  return g_test_run ();
}
