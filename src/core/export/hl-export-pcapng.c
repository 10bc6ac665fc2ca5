/* hl-export.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <bearssl.h>

#include "hl-export.h"
#include "hl-file.h"
#include "hl-names.h"
#include "hl-text.h"

static void
add_hex (JsonBuilder *b,
         const char  *name,
         GBytes      *bytes)
{
  g_autofree char *hex = NULL;

  json_builder_set_member_name (b, name);
  if (bytes == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }

  hex = hl_text_hex_bytes (bytes);
  json_builder_add_string_value (b, hex);
}

static void
add_optional_int (JsonBuilder *b,
                  const char  *name,
                  gint64       value,
                  gboolean     present)
{
  json_builder_set_member_name (b, name);
  if (present)
    json_builder_add_int_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_field (JsonBuilder *b,
           HlField     *field)
{
  HlFieldFlags flags = hl_field_get_flags (field);
  guint n = hl_field_get_n_children (field);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, hl_field_get_name (field));
  json_builder_set_member_name (b, "value");
  json_builder_add_string_value (b, hl_field_get_value (field));
  add_optional_int (b, "offset", hl_field_get_offset (field),
                    hl_field_get_offset (field) != HL_FIELD_NO_OFFSET);
  add_optional_int (b, "length", hl_field_get_length (field),
                    hl_field_get_offset (field) != HL_FIELD_NO_OFFSET);
  json_builder_set_member_name (b, "secret");
  json_builder_add_boolean_value (b, (flags & HL_FIELD_FLAG_SECRET) != 0);
  if (flags & HL_FIELD_FLAG_ERROR)
    {
      json_builder_set_member_name (b, "error");
      json_builder_add_boolean_value (b, TRUE);
    }
  if (flags & (HL_FIELD_FLAG_PASS | HL_FIELD_FLAG_FAIL | HL_FIELD_FLAG_NOT_REACHED | HL_FIELD_FLAG_SKIPPED))
    {
      json_builder_set_member_name (b, "check");
      json_builder_add_string_value (b, (flags & HL_FIELD_FLAG_PASS) ? "pass" :
                                        (flags & HL_FIELD_FLAG_FAIL) ? "fail" :
                                        (flags & HL_FIELD_FLAG_SKIPPED) ? "not_checked" : "not_reached");
    }
  if (flags & (HL_FIELD_FLAG_MATCH | HL_FIELD_FLAG_DIFFER))
    {
      json_builder_set_member_name (b, "recomputed");
      json_builder_add_string_value (b, (flags & HL_FIELD_FLAG_MATCH) ? "matches" : "differs");
    }
  if (n > 0)
    {
      json_builder_set_member_name (b, "children");
      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        add_field (b, hl_field_get_child (field, i));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static const char *
verdict_name (HlVerdict verdict)
{
  switch (verdict)
    {
    case HL_VERDICT_OK:     return "ok";
    case HL_VERDICT_FAILED: return "failed";
    case HL_VERDICT_NONE:
    default:                return "none";
    }
}

/* The relations the step's texts state, and whether they say each holds. */
static void
add_claims (JsonBuilder *b,
            HlStep      *step)
{
  json_builder_set_member_name (b, "claims");
  json_builder_begin_array (b);
  for (HlClaim claim = 0; claim < HL_N_CLAIMS; claim++)
    {
      gboolean holds;

      if (!hl_step_get_claim (step, claim, &holds))
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "claim");
      json_builder_add_string_value (b, hl_claim_to_string (claim));
      json_builder_set_member_name (b, "holds");
      json_builder_add_boolean_value (b, holds);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_step (JsonBuilder *b,
          HlStep      *step,
          guint        index)
{
  int handshake_type = hl_step_get_handshake_type (step);
  int record = hl_step_get_record (step);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "index");
  json_builder_add_int_value (b, index);
  json_builder_set_member_name (b, "actor");
  json_builder_add_string_value (b, hl_actor_to_string (hl_step_get_actor (step)));
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, hl_step_kind_to_string (hl_step_get_kind (step)));
  json_builder_set_member_name (b, "story_step");
  json_builder_add_int_value (b, hl_step_get_story (step));
  json_builder_set_member_name (b, "story");
  json_builder_add_string_value (b, hl_story_kind_to_string (hl_step_get_story_kind (step)));
  json_builder_set_member_name (b, "connection");
  json_builder_add_int_value (b, hl_step_get_connection (step));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, hl_step_get_title (step));
  json_builder_set_member_name (b, "explanation");
  json_builder_add_string_value (b, hl_step_get_explanation (step));
  json_builder_set_member_name (b, "verdict");
  json_builder_add_string_value (b, verdict_name (hl_step_get_verdict (step)));
  add_optional_int (b, "handshake_type", handshake_type, handshake_type >= 0);
  add_optional_int (b, "record", record, record >= 0);
  json_builder_set_member_name (b, "header_length");
  json_builder_add_int_value (b, hl_step_get_header_length (step));
  json_builder_set_member_name (b, "encrypted");
  json_builder_add_boolean_value (b, hl_step_get_encrypted (step));
  add_hex (b, "bytes", hl_step_get_bytes (step));
  json_builder_set_member_name (b, "fields");
  if (hl_step_get_fields (step) != NULL)
    add_field (b, hl_step_get_fields (step));
  else
    json_builder_add_null_value (b);
  add_hex (b, "plaintext", hl_step_get_plaintext (step));
  json_builder_set_member_name (b, "plaintext_fields");
  if (hl_step_get_plaintext_fields (step) != NULL)
    add_field (b, hl_step_get_plaintext_fields (step));
  else
    json_builder_add_null_value (b);
  add_claims (b, step);
  json_builder_end_object (b);
}

static void
add_secrets (JsonBuilder *b,
             HlSecrets   *s)
{
  json_builder_begin_object (b);
  add_hex (b, "client_random", s->client_random);
  add_hex (b, "server_random", s->server_random);
  add_hex (b, "pre_master_secret", s->pre_master_secret);
  add_hex (b, "rsa_block", s->rsa_block);
  add_hex (b, "ecdh_private", s->ecdh_private);
  add_hex (b, "ecdh_public", s->ecdh_public);
  add_hex (b, "ecdh_peer_public", s->ecdh_peer_public);
  add_hex (b, "ecdh_shared", s->ecdh_shared);
  add_hex (b, "master_secret", s->master_secret);
  add_hex (b, "key_block", s->key_block);
  add_hex (b, "client_verify_data", s->client_verify_data);
  add_hex (b, "server_verify_data", s->server_verify_data);
  json_builder_end_object (b);
}

/* What the network delivered instead of @r's bytes, and each byte it
 * changed; both null when the receiver got the bytes as sent. */
static void
add_changes (JsonBuilder    *b,
             const HlRecord *r)
{
  gsize len;
  const guint8 *sent = g_bytes_get_data (r->bytes, &len);
  const guint8 *got;

  if (r->tampered == NULL || g_bytes_equal (r->tampered, r->bytes))
    {
      add_hex (b, "delivered_bytes", NULL);
      json_builder_set_member_name (b, "changes");
      json_builder_add_null_value (b);
      return;
    }

  g_assert (g_bytes_get_size (r->tampered) == len);
  got = g_bytes_get_data (r->tampered, NULL);
  add_hex (b, "delivered_bytes", r->tampered);
  json_builder_set_member_name (b, "changes");
  json_builder_begin_array (b);
  for (gsize i = 0; i < len; i++)
    if (sent[i] != got[i])
      {
        g_autofree char *old = g_strdup_printf ("%02x", sent[i]);
        g_autofree char *new = g_strdup_printf ("%02x", got[i]);

        json_builder_begin_object (b);
        json_builder_set_member_name (b, "offset");
        json_builder_add_int_value (b, i);
        json_builder_set_member_name (b, "old");
        json_builder_add_string_value (b, old);
        json_builder_set_member_name (b, "new");
        json_builder_add_string_value (b, new);
        json_builder_end_object (b);
      }
  json_builder_end_array (b);
}

/**
 * hl_export_json:
 * @trace: a sealed trace
 *
 * Returns: (transfer full): the whole trace as a JSON object
 */
JsonNode *
hl_export_json (HlTrace *trace)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint version = hl_trace_get_version (trace);
  guint suite = hl_trace_get_cipher_suite (trace);
  HlOutcome outcome = hl_trace_get_outcome (trace);

  g_return_val_if_fail (HL_IS_TRACE (trace), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "handshake-lab-trace");
  json_builder_set_member_name (b, "format_version");
  json_builder_add_int_value (b, HL_EXPORT_JSON_FORMAT_VERSION);
  json_builder_set_member_name (b, "scenario");
  json_builder_add_string_value (b, hl_trace_get_scenario_id (trace));
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64)hl_trace_get_seed (trace));

  json_builder_set_member_name (b, "version");
  if (version != 0)
    json_builder_add_string_value (b, hl_version_name (version));
  else
    json_builder_add_null_value (b);
  add_optional_int (b, "version_number", version, version != 0);
  json_builder_set_member_name (b, "cipher_suite");
  if (suite != 0)
    json_builder_add_string_value (b, hl_cipher_suite_name (suite));
  else
    json_builder_add_null_value (b);
  add_optional_int (b, "cipher_suite_number", suite, suite != 0);

  json_builder_set_member_name (b, "outcome");
  json_builder_add_string_value (b, hl_outcome_to_string (outcome));
  json_builder_set_member_name (b, "failed_side");
  if (outcome == HL_OUTCOME_FAILED)
    json_builder_add_string_value (b, hl_actor_to_string (hl_trace_get_failed_side (trace)));
  else
    json_builder_add_null_value (b);
  add_optional_int (b, "failed_story_step", hl_trace_get_failed_story (trace), outcome == HL_OUTCOME_FAILED);
  json_builder_set_member_name (b, "peer_waiting");
  json_builder_add_boolean_value (b, hl_trace_get_peer_waiting (trace));
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, hl_trace_get_summary_text (trace));

  {
    const HlKeysReport *report = hl_trace_get_keys_report (trace);

    json_builder_set_member_name (b, "recomputed");
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "values_checked");
    json_builder_add_int_value (b, report->values_checked);
    json_builder_set_member_name (b, "values_differ");
    json_builder_add_int_value (b, report->values_differ);
    json_builder_set_member_name (b, "records_decrypted");
    json_builder_add_int_value (b, report->records_decrypted);
    json_builder_set_member_name (b, "records_failed");
    json_builder_add_int_value (b, report->records_failed);
    json_builder_end_object (b);
  }

  json_builder_set_member_name (b, "sides");
  json_builder_begin_object (b);
  for (HlActor side = HL_ACTOR_CLIENT; side <= HL_ACTOR_SERVER; side++)
    {
      int alert = hl_trace_get_alert_sent (trace, side);

      json_builder_set_member_name (b, hl_actor_to_string (side));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "error");
      json_builder_add_int_value (b, hl_trace_get_error (trace, side));
      json_builder_set_member_name (b, "error_name");
      if (hl_error_name (hl_trace_get_error (trace, side)) != NULL)
        json_builder_add_string_value (b, hl_error_name (hl_trace_get_error (trace, side)));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "alert_sent");
      if (alert >= 0 && hl_alert_name (alert) != NULL)
        json_builder_add_string_value (b, hl_alert_name (alert));
      else if (alert >= 0)
        json_builder_add_int_value (b, alert);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "secrets");
      add_secrets (b, hl_trace_get_secrets (trace, side));
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "records");
  json_builder_begin_array (b);
  for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
    {
      const HlRecord *r = hl_trace_get_record (trace, i);
      const char *type = hl_content_type_name (r->content_type);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "index");
      json_builder_add_int_value (b, i);
      json_builder_set_member_name (b, "sender");
      json_builder_add_string_value (b, hl_actor_to_string (r->sender));
      json_builder_set_member_name (b, "content_type");
      json_builder_add_int_value (b, r->content_type);
      json_builder_set_member_name (b, "content_type_name");
      if (type != NULL)
        json_builder_add_string_value (b, type);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "encrypted");
      json_builder_add_boolean_value (b, r->encrypted);
      json_builder_set_member_name (b, "delivered");
      json_builder_add_boolean_value (b, r->delivered);
      json_builder_set_member_name (b, "read");
      json_builder_add_int_value (b, r->read);
      add_optional_int (b, "receiver_error", r->error, r->error != 0);
      add_hex (b, "bytes", r->bytes);
      add_changes (b, r);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    add_step (b, hl_trace_get_step (trace, i), i);
  json_builder_end_array (b);

  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/**
 * hl_export_json_string:
 *
 * Returns: (transfer full): hl_export_json() as text
 */
char *
hl_export_json_string (HlTrace  *trace,
                       gboolean  pretty)
{
  g_autoptr(JsonNode) root = hl_export_json (trace);
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_pretty (gen, pretty);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

/*
 * The capture.  pcapng blocks are: type (32 bits), total length (32 bits),
 * body padded to 32 bits, total length again.  Options inside a body are
 * code (16), length (16), value padded to 32 bits, and end with code 0.
 * Packets inside are network byte order, as on a wire.
 */

#define PCAPNG_BLOCK_SHB          0x0A0D0D0A
#define PCAPNG_BLOCK_IDB          0x00000001
#define PCAPNG_BLOCK_EPB          0x00000006
#define PCAPNG_BLOCK_DSB          0x0000000A
#define PCAPNG_BYTE_ORDER_MAGIC   0x1A2B3C4D
#define PCAPNG_SECRETS_TLS_KEYLOG 0x544C534B  /* "TLSK" */
#define PCAPNG_OPT_END            0
#define PCAPNG_OPT_COMMENT        1
#define PCAPNG_OPT_IF_NAME        2
#define PCAPNG_OPT_SHB_USERAPPL   4
#define LINKTYPE_RAW              101         /* a packet starts with its IP header */

#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_PSH 0x08
#define TCP_ACK 0x10

/* What loopback advertises: the largest segment an IPv4 packet can hold
 * with 40 bytes of headers. */
#define TCP_MSS          65495
#define TCP_WINDOW       65535
#define PACKET_STEP_USEC 1000

typedef struct
{
  guint8  address[4];
  guint16 port;
  guint32 next_seq;  /* the sequence number of the next byte it sends */
  guint16 ip_id;
} Endpoint;

typedef struct
{
  GByteArray *out;
  guint64     time_usec;
  Endpoint    end[2];  /* indexed by HlActor: client, server */
} Capture;

static void
put_le16 (GByteArray *out,
          guint16     value)
{
  guint8 b[2] = { value & 0xff, value >> 8 };

  g_byte_array_append (out, b, sizeof b);
}

static void
put_le32 (GByteArray *out,
          guint32     value)
{
  guint8 b[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  g_byte_array_append (out, b, sizeof b);
}

static void
put_padded (GByteArray   *out,
            const guint8 *data,
            gsize         len)
{
  static const guint8 zeros[3] = { 0 };

  g_byte_array_append (out, data, len);
  g_byte_array_append (out, zeros, (4 - len % 4) % 4);
}

static void
put_option (GByteArray *out,
            guint16     code,
            const char *text)
{
  gsize len = strlen (text);

  g_assert (len <= G_MAXUINT16);
  put_le16 (out, code);
  put_le16 (out, len);
  put_padded (out, (const guint8 *)text, len);
}

static void
put_end_of_options (GByteArray *out)
{
  put_le16 (out, PCAPNG_OPT_END);
  put_le16 (out, 0);
}

/* Returns where the block starts, for block_end(). */
static gsize
block_begin (GByteArray *out,
             guint32     type)
{
  gsize start = out->len;

  put_le32 (out, type);
  put_le32 (out, 0);

  return start;
}

static void
block_end (GByteArray *out,
           gsize       start)
{
  guint32 total = out->len - start + 4;

  g_assert (total % 4 == 0);
  out->data[start + 4] = total & 0xff;
  out->data[start + 5] = (total >> 8) & 0xff;
  out->data[start + 6] = (total >> 16) & 0xff;
  out->data[start + 7] = total >> 24;
  put_le32 (out, total);
}

static void
set_be16 (guint8  *p,
          guint16  value)
{
  p[0] = value >> 8;
  p[1] = value & 0xff;
}

static void
set_be32 (guint8  *p,
          guint32  value)
{
  set_be16 (p, value >> 16);
  set_be16 (p + 2, value & 0xffff);
}

/* RFC 1071: the sum of 16-bit big-endian words, carries kept for fold(). */
static guint32
sum_words (const guint8 *p,
           gsize         len,
           guint32       sum)
{
  for (gsize i = 0; i + 1 < len; i += 2)
    sum += (guint32)p[i] << 8 | p[i + 1];
  if (len % 2 != 0)
    sum += (guint32)p[len - 1] << 8;

  return sum;
}

static guint16
fold (guint32 sum)
{
  while (sum > 0xffff)
    sum = (sum & 0xffff) + (sum >> 16);

  return ~sum & 0xffff;
}

static void
write_packet (Capture      *cap,
              const guint8 *packet,
              gsize         len,
              const char   *comment)
{
  gsize start = block_begin (cap->out, PCAPNG_BLOCK_EPB);

  put_le32 (cap->out, 0);  /* interface */
  put_le32 (cap->out, cap->time_usec >> 32);
  put_le32 (cap->out, cap->time_usec & 0xffffffff);
  put_le32 (cap->out, len);  /* captured */
  put_le32 (cap->out, len);  /* on the wire */
  put_padded (cap->out, packet, len);
  if (comment != NULL)
    {
      put_option (cap->out, PCAPNG_OPT_COMMENT, comment);
      put_end_of_options (cap->out);
    }
  block_end (cap->out, start);

  cap->time_usec += PACKET_STEP_USEC;
}

static void
write_segment (Capture      *cap,
               HlActor       from,
               guint8        flags,
               const guint8 *payload,
               gsize         len,
               const char   *comment)
{
  Endpoint *src = &cap->end[from];
  Endpoint *dst = &cap->end[from == HL_ACTOR_SERVER ? HL_ACTOR_CLIENT : HL_ACTOR_SERVER];
  gsize tcp_len = (flags & TCP_SYN) ? 24 : 20;
  gsize ip_len = 20 + tcp_len + len;
  g_autofree guint8 *packet = g_malloc0 (ip_len);
  guint8 *ip = packet;
  guint8 *tcp = packet + 20;
  guint32 sum;

  g_assert (ip_len <= G_MAXUINT16);

  ip[0] = 0x45;  /* IPv4, 5 words of header */
  set_be16 (ip + 2, ip_len);
  set_be16 (ip + 4, src->ip_id++);
  set_be16 (ip + 6, 0x4000);  /* don't fragment */
  ip[8] = 64;  /* TTL */
  ip[9] = 6;   /* TCP */
  memcpy (ip + 12, src->address, 4);
  memcpy (ip + 16, dst->address, 4);
  set_be16 (ip + 10, fold (sum_words (ip, 20, 0)));

  set_be16 (tcp, src->port);
  set_be16 (tcp + 2, dst->port);
  set_be32 (tcp + 4, src->next_seq);
  set_be32 (tcp + 8, (flags & TCP_ACK) ? dst->next_seq : 0);
  tcp[12] = (tcp_len / 4) << 4;
  tcp[13] = flags;
  set_be16 (tcp + 14, TCP_WINDOW);
  if (flags & TCP_SYN)
    {
      tcp[20] = 2;  /* maximum segment size */
      tcp[21] = 4;
      set_be16 (tcp + 22, TCP_MSS);
    }
  if (len > 0)
    memcpy (tcp + tcp_len, payload, len);

  /* RFC 793: the checksum covers a pseudo-header of both addresses, the
   * protocol and the TCP length, then the segment. */
  sum = sum_words (ip + 12, 8, 0);
  sum += 6;
  sum += tcp_len + len;
  set_be16 (tcp + 16, fold (sum_words (tcp, tcp_len + len, sum)));

  src->next_seq += len + ((flags & TCP_SYN) ? 1 : 0) + ((flags & TCP_FIN) ? 1 : 0);

  write_packet (cap, packet, ip_len, comment);
}

static void
write_data (Capture      *cap,
            HlActor       from,
            const guint8 *data,
            gsize         len,
            const char   *comment)
{
  do
    {
      gsize n = MIN (len, TCP_MSS);

      write_segment (cap, from, TCP_PSH | TCP_ACK, data, n, comment);
      data += n;
      len -= n;
    }
  while (len > 0);
}

static void
write_header_blocks (GByteArray *out,
                     HlTrace    *trace)
{
  const char *id = hl_trace_get_scenario_id (trace);
  g_autofree char *comment =
    g_strdup_printf ("Handshake Lab scenario %s, seed %" G_GUINT64_FORMAT,
                     id != NULL ? id : "(unnamed)", hl_trace_get_seed (trace));
  gsize start;

  start = block_begin (out, PCAPNG_BLOCK_SHB);
  put_le32 (out, PCAPNG_BYTE_ORDER_MAGIC);
  put_le16 (out, 1);  /* version 1.0 */
  put_le16 (out, 0);
  put_le32 (out, 0xffffffff);  /* section length: not given */
  put_le32 (out, 0xffffffff);
  put_option (out, PCAPNG_OPT_COMMENT, comment);
  put_option (out, PCAPNG_OPT_SHB_USERAPPL, PACKAGE_NAME " " PACKAGE_VERSION);
  put_end_of_options (out);
  block_end (out, start);

  start = block_begin (out, PCAPNG_BLOCK_IDB);
  put_le16 (out, LINKTYPE_RAW);
  put_le16 (out, 0);  /* reserved */
  put_le32 (out, 0);  /* snapshot length: no limit */
  put_option (out, PCAPNG_OPT_IF_NAME, "handshake-lab");
  put_end_of_options (out);
  block_end (out, start);
}

static const char *
alert_name (int alert)
{
  const char *name = hl_alert_name (alert);

  return name ? name : "of unknown number";
}

/* The packet comment of a record, or NULL when there is nothing to say:
 * what the network changed, whether the receiver stopped on it and how
 * much of it the receiver read. */
static char *
record_comment (HlTrace        *trace,
                const HlRecord *r)
{
  const char *sender = r->sender == HL_ACTOR_SERVER ? "server" : "client";
  const char *receiver = r->sender == HL_ACTOR_SERVER ? "client" : "server";
  GString *comment = g_string_new (NULL);
  gsize len;
  const guint8 *sent = g_bytes_get_data (r->bytes, &len);

  if (r->tampered != NULL && !g_bytes_equal (r->tampered, r->bytes))
    {
      const guint8 *got = g_bytes_get_data (r->tampered, NULL);

      g_string_append_printf (comment, "The network changed this record on its way from the %s to the %s:",
                              sender, receiver);
      for (gsize i = 0; i < len; i++)
        if (sent[i] != got[i] && i >= 5)
          g_string_append_printf (comment, " byte %" G_GSIZE_FORMAT " of the record (%" G_GSIZE_FORMAT
                                  " of its fragment, after the 5-byte header) was 0x%02x as sent, "
                                  "0x%02x as received;", i, i - 5, sent[i], got[i]);
        else if (sent[i] != got[i])
          g_string_append_printf (comment, " byte %" G_GSIZE_FORMAT " of the record (in its header) was "
                                  "0x%02x as sent, 0x%02x as received;", i, sent[i], got[i]);
      g_string_truncate (comment, comment->len - 1);
      g_string_append_printf (comment, ". This packet holds the record as the %s received it.", receiver);
    }

  if (r->error != 0)
    {
      HlSecrets *client = hl_trace_get_connection_secrets (trace, r->connection, HL_ACTOR_CLIENT);
      HlSecrets *server = hl_trace_get_connection_secrets (trace, r->connection, HL_ACTOR_SERVER);
      const char *name = hl_error_name (r->error);

      g_string_append_printf (comment, "%sThe %s stopped on this record", comment->len ? " " : "", receiver);
      if (r->read < len)
        g_string_append_printf (comment, " after reading only the first %" G_GSIZE_FORMAT " of its %"
                                G_GSIZE_FORMAT " bytes", r->read, len);
      if (r->error >= BR_ERR_SEND_FATAL_ALERT)
        g_string_append_printf (comment, " and sent the fatal alert %s (BearSSL error %d).",
                                alert_name (r->error - BR_ERR_SEND_FATAL_ALERT), r->error);
      else if (r->error >= BR_ERR_RECV_FATAL_ALERT)
        g_string_append_printf (comment, ", the fatal alert %s (BearSSL error %d).",
                                alert_name (r->error - BR_ERR_RECV_FATAL_ALERT), r->error);
      else
        g_string_append_printf (comment, ": %s (%d).", name ? name : "BearSSL error", r->error);

      /* The key log holds one master secret per client random: the
       * client's, which matches the randoms the client saw. */
      if (r->encrypted && client->master_secret != NULL && server->master_secret != NULL &&
          !g_bytes_equal (client->master_secret, server->master_secret))
        {
          g_string_append (comment, " The key log in this file holds the client's master secret; the server "
                                    "derived a different one");
          if (client->server_random != NULL && server->server_random != NULL &&
              !g_bytes_equal (client->server_random, server->server_random))
            {
              g_autofree char *client_saw = hl_text_hex_bytes (client->server_random);
              g_autofree char *server_sent = hl_text_hex_bytes (server->server_random);

              g_string_append_printf (comment, ", from the server random it sent (%s), where the client used the "
                                      "one it received (%s)", server_sent, client_saw);
            }
          g_string_append_printf (comment, ". Wireshark decrypts with the client's keys%s.",
                                  r->sender == HL_ACTOR_CLIENT && r->tampered == NULL
                                  ? ", which encrypted this record" : "");
        }
    }
  else if (!r->delivered)
    g_string_append_printf (comment, "%sThe %s never read this record.", comment->len ? " " : "", receiver);

  if (comment->len == 0)
    {
      g_string_free (comment, TRUE);
      return NULL;
    }

  return g_string_free (comment, FALSE);
}

GBytes *
hl_export_pcapng (HlTrace *trace)
{
  static const Endpoint client = { { 192, 0, 2, 1 }, 49152, 0x1a2b3c4d, 1 };
  static const Endpoint server = { { 198, 51, 100, 1 }, 443, 0x5e6f7081, 1 };
  g_autofree char *keylog = NULL;
  Capture cap = { NULL };
  HlActor closer;
  HlActor other;

  g_return_val_if_fail (HL_IS_TRACE (trace), NULL);

  cap.out = g_byte_array_new ();
  cap.time_usec = (guint64)MAX (hl_trace_get_clock (trace), 0) * G_USEC_PER_SEC;

  write_header_blocks (cap.out, trace);

  keylog = hl_export_keylog (trace);
  if (keylog[0] != '\0')
    {
      gsize start = block_begin (cap.out, PCAPNG_BLOCK_DSB);
      gsize len = strlen (keylog);

      put_le32 (cap.out, PCAPNG_SECRETS_TLS_KEYLOG);
      put_le32 (cap.out, len);
      put_padded (cap.out, (const guint8 *)keylog, len);
      block_end (cap.out, start);
    }

  /* One TCP connection per TLS connection: a resumed session comes back
   * from the next client port. */
  for (guint c = 0; c < hl_trace_get_n_connections (trace); c++)
    {
      gboolean last = c + 1 == hl_trace_get_n_connections (trace);

      cap.end[HL_ACTOR_CLIENT] = client;
      cap.end[HL_ACTOR_CLIENT].port += c;
      cap.end[HL_ACTOR_CLIENT].next_seq += c * 0x01000000u;
      cap.end[HL_ACTOR_SERVER] = server;
      cap.end[HL_ACTOR_SERVER].next_seq += c * 0x01000000u;

      write_segment (&cap, HL_ACTOR_CLIENT, TCP_SYN, NULL, 0,
                     c > 0 ? NULL :
                     "Handshake Lab ran client and server in one process, without a network: "
                     "this TCP connection is made up to carry the TLS records, which are the run's own bytes.");
      write_segment (&cap, HL_ACTOR_SERVER, TCP_SYN | TCP_ACK, NULL, 0, NULL);
      write_segment (&cap, HL_ACTOR_CLIENT, TCP_ACK, NULL, 0, NULL);

      for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
        {
          const HlRecord *r = hl_trace_get_record (trace, i);
          GBytes *received = r->tampered != NULL ? r->tampered : r->bytes;
          gsize len;
          const guint8 *data = g_bytes_get_data (received, &len);
          g_autofree char *comment = NULL;

          if (r->connection != c)
            continue;

          comment = record_comment (trace, r);
          write_data (&cap, r->sender == HL_ACTOR_SERVER ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT,
                      data, len, comment);
        }

      /* The side that failed drops the connection; otherwise the client,
       * which sends close_notify first, closes first. */
      closer = HL_ACTOR_CLIENT;
      if (last && hl_trace_get_outcome (trace) == HL_OUTCOME_FAILED &&
          hl_trace_get_failed_side (trace) == HL_ACTOR_SERVER)
        closer = HL_ACTOR_SERVER;
      other = closer == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT;
      write_segment (&cap, closer, TCP_FIN | TCP_ACK, NULL, 0, NULL);
      write_segment (&cap, other, TCP_FIN | TCP_ACK, NULL, 0, NULL);
      write_segment (&cap, closer, TCP_ACK, NULL, 0, NULL);
    }

  return g_byte_array_free_to_bytes (cap.out);
}

char *
hl_export_keylog (HlTrace *trace)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (HL_IS_TRACE (trace), NULL);

  /* One line per connection: a resumed one has its own client random. */
  for (guint c = 0; c < hl_trace_get_n_connections (trace); c++)
    {
      HlSecrets *client = hl_trace_get_connection_secrets (trace, c, HL_ACTOR_CLIENT);
      g_autofree char *random = NULL;
      g_autofree char *master = NULL;

      if (client->client_random == NULL || client->master_secret == NULL)
        continue;

      random = hl_text_hex_bytes (client->client_random);
      master = hl_text_hex_bytes (client->master_secret);
      g_string_append_printf (out, "CLIENT_RANDOM %s %s\n", random, master);
    }

  return g_string_free (out, FALSE);
}

/* Writing the files.  See hl_export_write_files() in the header for what
 * each kind of target gets and why. */

/* How long a FIFO or a terminal may keep its reader waiting: an export
 * never hangs a run that has ended. */
#define WRITE_TIMEOUT_MS 10000

typedef enum
{
  TARGET_REPLACE,   /* a regular file, new or not: a temporary file renamed over it */
  TARGET_IN_PLACE,  /* a device, a FIFO, a file with hard links: written where it is */
} TargetMode;

typedef struct
{
  const HlExportFile *file;
  char               *display;
  char               *resolved;   /* the file written, symbolic links followed */
  gboolean            exists;
  struct stat         st;         /* of the existing file */
  TargetMode          mode;
  int                 fd;         /* in place: the file; replace: the temporary file */
  char               *tmp_path;
} Target;

static void
target_clear (Target *t)
{
  if (t->fd >= 0)
    close (t->fd);
  if (t->tmp_path != NULL)
    g_unlink (t->tmp_path);
  g_free (t->tmp_path);
  g_free (t->resolved);
  g_free (t->display);
}

static gboolean
fail_target (Target      *t,
             GError     **error,
             int          code,
             const char  *reason)
{
  /* Translators: the first %s is a file name, the second why it failed */
  g_set_error (error, G_FILE_ERROR, code, _("Could not write “%s”: %s"), t->display, reason);

  return FALSE;
}

static gboolean
fail_target_errno (Target  *t,
                   GError **error,
                   int      saved_errno)
{
  return fail_target (t, error, g_file_error_from_errno (saved_errno), g_strerror (saved_errno));
}

/* Finds out what @t names and whether it can be written, writing
 * nothing.  A device or a FIFO is opened already: opening is what tells
 * whether a FIFO has a reader. */
static gboolean
check_target (Target  *t,
              GError **error)
{
  const char *path = t->file->path;
  g_autofree char *dir = NULL;
  g_autofree char *real_dir = NULL;
  g_autofree char *base = NULL;
  struct stat lst;

  t->display = hl_file_display_name (path);

  if (path[0] == '\0' || g_str_has_suffix (path, G_DIR_SEPARATOR_S))
    return fail_target (t, error, G_FILE_ERROR_ISDIR, _("it names a directory"));

  if (lstat (path, &lst) != 0)
    {
      if (errno != ENOENT)
        return fail_target_errno (t, error, errno);

      /* A new file, in the directory as it really is. */
      dir = g_path_get_dirname (path);
      base = g_path_get_basename (path);
      if (!(real_dir = realpath (dir, NULL)))
        return fail_target_errno (t, error, errno);
      if (access (real_dir, W_OK | X_OK) != 0)
        return fail_target_errno (t, error, errno);
      t->resolved = g_build_filename (real_dir, base, NULL);
      t->mode = TARGET_REPLACE;
      return TRUE;
    }

  if (stat (path, &t->st) != 0)
    {
      if (errno == ENOENT)
        return fail_target (t, error, G_FILE_ERROR_NOENT,
                            _("it is a symbolic link to a file that does not exist"));
      return fail_target_errno (t, error, errno);
    }
  t->exists = TRUE;

  if (S_ISDIR (t->st.st_mode))
    return fail_target (t, error, G_FILE_ERROR_ISDIR, _("it is a directory"));

  if (S_ISREG (t->st.st_mode))
    {
      if (!(t->resolved = realpath (path, NULL)))
        return fail_target_errno (t, error, errno);

      /* The user's own protection of the file counts, even though a
       * rename in a writable directory would not need it. */
      if (access (t->resolved, W_OK) != 0)
        return fail_target_errno (t, error, errno);

      if (t->st.st_nlink > 1)
        {
          t->mode = TARGET_IN_PLACE;
          t->fd = g_open (t->resolved, O_WRONLY | O_NOCTTY | O_CLOEXEC, 0);
          if (t->fd < 0)
            return fail_target_errno (t, error, errno);
          return TRUE;
        }

      dir = g_path_get_dirname (t->resolved);
      if (access (dir, W_OK | X_OK) != 0)
        return fail_target_errno (t, error, errno);
      t->mode = TARGET_REPLACE;
      return TRUE;
    }

  if (S_ISCHR (t->st.st_mode) || S_ISFIFO (t->st.st_mode))
    {
      t->mode = TARGET_IN_PLACE;
      t->resolved = g_strdup (path);
      /* O_NONBLOCK: a FIFO with no reader fails to open (ENXIO) rather
       * than wait for one. */
      t->fd = g_open (path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
      if (t->fd < 0 && errno == ENXIO && S_ISFIFO (t->st.st_mode))
        return fail_target (t, error, G_FILE_ERROR_NXIO, _("it is a FIFO that no process reads"));
      if (t->fd < 0)
        return fail_target_errno (t, error, errno);
      return TRUE;
    }

  {
    g_autofree char *reason =
      /* Translators: %s is what the file is: "a socket" */
      g_strdup_printf (_("it is %s; an export goes to a regular file, a character device such as /dev/null, "
                         "or a FIFO"),
                       hl_file_describe_kind (t->st.st_mode));

    return fail_target (t, error, G_FILE_ERROR_INVAL, reason);
  }
}

static gboolean
same_target (const Target *a,
             const Target *b)
{
  if (a->exists && b->exists)
    return a->st.st_dev == b->st.st_dev && a->st.st_ino == b->st.st_ino;

  return a->exists == b->exists && g_strcmp0 (a->resolved, b->resolved) == 0;
}

/* Writes all of @data to @fd; a FIFO or a terminal that takes nothing for
 * WRITE_TIMEOUT_MS is an error. */
static gboolean
write_all (Target        *t,
           int            fd,
           const guint8  *data,
           gsize          len,
           GError       **error)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, (gsize)G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        {
          struct pollfd pfd = { fd, POLLOUT, 0 };
          int ready = poll (&pfd, 1, WRITE_TIMEOUT_MS);

          if (ready == 0)
            return fail_target (t, error, G_FILE_ERROR_AGAIN, _("no process read it for 10 seconds"));
          if (ready < 0 && errno != EINTR)
            return fail_target_errno (t, error, errno);
          continue;
        }
      if (n < 0)
        return fail_target_errno (t, error, errno);
      if (n == 0)
        return fail_target (t, error, G_FILE_ERROR_IO, _("it took no more bytes"));

      data += n;
      len -= n;
    }

  return TRUE;
}

/* Writes the whole new file beside the file it will replace, with that
 * file's mode and owner (a key log kept 0600 stays 0600), or, for a new
 * file, the mode the umask gives. */
static gboolean
prepare_replacement (Target  *t,
                     GError **error)
{
  g_autofree char *dir = g_path_get_dirname (t->resolved);
  g_autofree char *base = g_path_get_basename (t->resolved);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  const guint8 *data;
  gsize len;

  t->tmp_path = g_build_filename (dir, name, NULL);
  t->fd = g_mkstemp_full (t->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (t->fd < 0)
    {
      g_clear_pointer (&t->tmp_path, g_free);
      return fail_target_errno (t, error, errno);
    }

  if (t->exists)
    {
      struct stat tmp_st;

      if (fchmod (t->fd, t->st.st_mode & 07777) != 0)
        return fail_target_errno (t, error, errno);
      if (fstat (t->fd, &tmp_st) != 0)
        return fail_target_errno (t, error, errno);
      if ((tmp_st.st_uid != t->st.st_uid || tmp_st.st_gid != t->st.st_gid) &&
          fchown (t->fd, t->st.st_uid, t->st.st_gid) != 0)
        {
          /* Someone else's file that we may write: a replacement would
           * be ours, so write the file itself. */
          if (errno != EPERM)
            return fail_target_errno (t, error, errno);
          close (t->fd);
          g_unlink (t->tmp_path);
          g_clear_pointer (&t->tmp_path, g_free);
          t->mode = TARGET_IN_PLACE;
          t->fd = g_open (t->resolved, O_WRONLY | O_NOCTTY | O_CLOEXEC, 0);
          if (t->fd < 0)
            return fail_target_errno (t, error, errno);
          return TRUE;
        }
      /* fchown() may clear the set-user-ID bits fchmod() set. */
      if (fchmod (t->fd, t->st.st_mode & 07777) != 0)
        return fail_target_errno (t, error, errno);
    }

  data = g_bytes_get_data (t->file->data, &len);
  if (!write_all (t, t->fd, data, len, error))
    return FALSE;

  if (fsync (t->fd) != 0 || close (t->fd) != 0)
    {
      t->fd = -1;
      return fail_target_errno (t, error, errno);
    }
  t->fd = -1;

  return TRUE;
}

static gboolean
write_in_place (Target  *t,
                GError **error)
{
  const guint8 *data;
  gsize len;

  /* Only a regular file has an old content to cut. */
  if (S_ISREG (t->st.st_mode) && ftruncate (t->fd, 0) != 0)
    return fail_target_errno (t, error, errno);

  data = g_bytes_get_data (t->file->data, &len);
  if (!write_all (t, t->fd, data, len, error))
    return FALSE;

  if (close (t->fd) != 0)
    {
      t->fd = -1;
      return fail_target_errno (t, error, errno);
    }
  t->fd = -1;

  return TRUE;
}

gboolean
hl_export_write_files (const HlExportFile  *files,
                       guint                n_files,
                       GError             **error)
{
  g_autofree Target *targets = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (files != NULL || n_files == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  targets = g_new0 (Target, n_files);
  for (guint i = 0; i < n_files; i++)
    {
      g_return_val_if_fail (files[i].path != NULL && files[i].data != NULL, FALSE);
      targets[i].file = &files[i];
      targets[i].fd = -1;
    }

  /* Every target first: nothing is written while one of them is wrong. */
  for (guint i = 0; ok && i < n_files; i++)
    ok = check_target (&targets[i], error);

  for (guint i = 0; ok && i < n_files; i++)
    for (guint j = 0; ok && j < i; j++)
      if (same_target (&targets[i], &targets[j]))
        {
          if (files[i].option != NULL && files[j].option != NULL)
            /* Translators: “%s” is a file name, the other two are options: --export-pcapng */
            g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                         _("“%s” is named twice, by %s and by %s: one file cannot hold both"),
                         targets[i].display, files[j].option, files[i].option);
          else
            g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                         _("“%s” is named twice: one file cannot hold both"), targets[i].display);
          ok = FALSE;
        }

  /* Then the new files, each beside the file it replaces: a full disk
   * shows here, while no target has changed. */
  for (guint i = 0; ok && i < n_files; i++)
    if (targets[i].mode == TARGET_REPLACE)
      ok = prepare_replacement (&targets[i], error);

  /* What cannot be replaced is written now, before any rename: a device
   * or a FIFO that refuses the bytes leaves the other targets as they
   * were. */
  for (guint i = 0; ok && i < n_files; i++)
    if (targets[i].mode == TARGET_IN_PLACE)
      ok = write_in_place (&targets[i], error);

  for (guint i = 0; ok && i < n_files; i++)
    if (targets[i].mode == TARGET_REPLACE)
      {
        if (rename (targets[i].tmp_path, targets[i].resolved) != 0)
          ok = fail_target_errno (&targets[i], error, errno);
        else
          g_clear_pointer (&targets[i].tmp_path, g_free);
      }

  for (guint i = 0; i < n_files; i++)
    target_clear (&targets[i]);

  return ok;
}

gboolean
hl_export_write (GBytes      *data,
                 const char  *path,
                 GError     **error)
{
  HlExportFile file = { NULL, path, data };

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return hl_export_write_files (&file, 1, error);
}
