/* test-capture-records.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* tshark's dissection of each record against the trace: the record
 * header, the packet comment, what tshark decrypts. */

#include "config.h"

#include "test-capture.h"

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

/* A record in the clear: its handshake messages, alert or
 * ChangeCipherSpec, field by field and each where the trace says. */
static void
agree_clear_record (const HlRecord *r,
                    GPtrArray      *steps,
                    JsonNode       *tls,
                    JsonObject     *record,
                    const Source   *src,
                    Tally          *tally)
{
  HlStep *first = g_ptr_array_index (steps, 0);

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

            agree_handshake (g_ptr_array_index (messages, i), tree, at, src, tally);
            at += size;
          }
        g_assert_cmpuint (at, ==, src->len);

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
              g_autofree char *got = hl_test_hex (src->got + at + head, size - head);

              g_assert_cmpuint (o->pos, ==, src->tshark_base + at + head);
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
             "Level", 0, src, NUMBER, tally);
      agree (member (record, "tls.alert_message"), "tls.alert_message.desc", hl_step_get_fields (first),
             "Description", 0, src, NUMBER, tally);
      break;

    case 20:
      g_assert_cmpuint (steps->len, ==, 1);
      g_assert_true (json_object_has_member (record, "tls.change_cipher_spec"));
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Application data: what tshark decrypted is the trace's plaintext, and
 * an HTTP start line reads as the trace reads it. */
static void
agree_application_data (const HlRecord *r,
                        JsonObject     *layers,
                        GBytes         *plaintext,
                        HlField        *plain_fields,
                        Tally          *tally)
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

/* An encrypted record: tshark decrypts it, with the key log in the file,
 * exactly when the trace did. */
static void
agree_encrypted_record (HlTrace    *trace,
                        guint       index,
                        JsonObject *layers,
                        JsonObject *record,
                        Tally      *tally)
{
  const HlRecord *r = hl_trace_get_record (trace, index);
  g_autoptr(GPtrArray) steps = steps_of_record (trace, index);
  HlStep *first = g_ptr_array_index (steps, 0);
  /* The trace's recomputed keys decrypted what the receiver got: the
   * network's step holds that when the record was changed, the sender's
   * step what was sent. */
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
      agree_application_data (r, layers, plaintext, plain_fields, tally);
      break;

    default:
      g_assert_not_reached ();
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
    agree_clear_record (r, steps, tls, record, &src, tally);
  else
    agree_encrypted_record (trace, index, layers, record, tally);

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
JsonArray *
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
