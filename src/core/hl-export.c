/* hl-export.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hl-export.h"
#include "hl-names.h"

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

  hex = hl_hex (bytes);
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
      add_hex (b, "bytes", r->bytes);
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
          gsize len;
          const guint8 *data = g_bytes_get_data (r->bytes, &len);

          if (r->connection != c)
            continue;

          write_data (&cap, r->sender == HL_ACTOR_SERVER ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT,
                      data, len,
                      r->delivered ? NULL : _("The peer never read this record."));
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

      random = hl_hex (client->client_random);
      master = hl_hex (client->master_secret);
      g_string_append_printf (out, "CLIENT_RANDOM %s %s\n", random, master);
    }

  return g_string_free (out, FALSE);
}

gboolean
hl_export_write (GBytes      *data,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  const char *contents;
  gsize len;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  contents = g_bytes_get_data (data, &len);
  if (g_file_set_contents (path, contents != NULL ? contents : "", (gssize)len, &local_error))
    return TRUE;

  display = g_filename_display_name (path);
  /* Translators: the first %s is a file name, the second why it failed */
  g_set_error (error, local_error->domain, local_error->code,
               _("Could not write “%s”: %s"), display, local_error->message);

  return FALSE;
}
