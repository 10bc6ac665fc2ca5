/* test-capture.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The capture is judged twice: by the readers here, an outsider's (its
 * own pcapng, IPv4 and TCP readers and its own checksum), and by tshark,
 * for every lesson, tampering included: its dissection of each record
 * must agree with the trace field by field (record header, handshake
 * fields, alerts, the packet comment), and it must decrypt, with nothing
 * but the key log inside the file, exactly the records the trace
 * decrypted, and show the same plaintext.  One program built from one
 * file per area (test-capture-*.c).
 */

#include "config.h"

#include "test-capture.h"

const guint8 client_address[4] = { 192, 0, 2, 1 };

const guint8 server_address[4] = { 198, 51, 100, 1 };

/* ---- scenarios --------------------------------------------------------- */

/* rsa-basic with every occurrence of each FROM replaced by its TO. */
HlTrace *
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

/* ---- reading the file as an outsider ----------------------------------- */

guint32
le32 (const guint8 *p)
{
  return (guint32)p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 | (guint32)p[3] << 24;
}

guint16
le16 (const guint8 *p)
{
  return p[0] | p[1] << 8;
}

guint16
be16 (const guint8 *p)
{
  return p[0] << 8 | p[1];
}

guint32
be32 (const guint8 *p)
{
  return (guint32)be16 (p) << 16 | be16 (p + 2);
}

gsize
padded (gsize len)
{
  return (len + 3) & ~(gsize)3;
}

void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_pointer (&block->body, g_bytes_unref);
}

/* Every block: a length that is a multiple of 4, repeated at its end, and
 * the blocks tile the file exactly. */
GArray *
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
char *
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
guint16
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

void
segment_clear (gpointer data)
{
  Segment *segment = data;

  g_clear_pointer (&segment->payload, g_bytes_unref);
  g_clear_pointer (&segment->comment, g_free);
}

/* One IPv4 packet carrying one TCP segment between the two documentation
 * addresses, both checksums right. */
void
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
GArray *
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
GArray *
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

/* Every value tshark shows for @key in the whole capture, in order,
 * joined with commas. */
char *
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

GBytes *
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

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) ids = NULL;

  g_test_init (&argc, &argv, NULL);
  ids = hl_scenario_list_builtin ();

  hl_test_capture_add_pcapng_tests ();
  hl_test_capture_add_tshark_tests ((const char * const *)ids);

  return g_test_run ();
}
