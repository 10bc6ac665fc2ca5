/* hl-export-pcapng.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-export"

#include "config.h"

#include <string.h>
#include <bearssl.h>

#include "hl-export.h"
#include "hl-names.h"
#include "hl-text.h"

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
