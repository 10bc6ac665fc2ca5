/* hl-engine-wire.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-engine"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hl-engine-private.h"
#include "hl-explain.h"
#include "hl-names.h"

/*
 * Each record a side sends becomes a step, and the handshake messages in
 * it (reassembled across records) a step each, decoded field by field,
 * with the record's header in front of the message that opens it.
 */

/* Where each handshake message belongs in the story; its explanation
 * comes from its content (hl_explain_handshake_message). */
static gboolean
message_event (guint         type,
               HlActor       sender,
               HlStoryEvent *event)
{
  switch (type)
    {
    case 1:
    case 2:
    case 12:
    case 13:
    case 14:
      *event = HL_STORY_EVENT_HELLO;
      return TRUE;
    case 11:
      *event = sender == HL_ACTOR_CLIENT ? HL_STORY_EVENT_KEY_EXCHANGE_SENT : HL_STORY_EVENT_HELLO;
      return TRUE;
    case 15:
    case 16:
      *event = HL_STORY_EVENT_KEY_EXCHANGE_SENT;
      return TRUE;
    case 20:
      *event = HL_STORY_EVENT_FINISHED;
      return TRUE;
    default:
      return FALSE;
    }
}

/* Returns: (transfer none): a wire step, queued in @side's batch and
 * remembered by @pending.  @data is the message, or the record's fragment;
 * a step that opens its record has the record's header in front, as the
 * bytes went on the wire. */
static HlStep *
add_wire_step (HlSide       *side,
               HlPending    *pending,
               HlStepKind    kind,
               guint         story,
               const char   *title,
               const guint8 *data,
               gsize         len,
               gboolean      opens_record,
               gboolean      encrypted)
{
  HlStep *step = hl_step_new (side->actor, kind, story, title);
  GByteArray *bytes = g_byte_array_sized_new (RECORD_HEADER + len);
  g_autoptr(GBytes) wire = NULL;

  if (opens_record)
    g_byte_array_append (bytes, g_bytes_get_data (pending->bytes, NULL), RECORD_HEADER);
  g_byte_array_append (bytes, data, len);
  wire = g_byte_array_free_to_bytes (bytes);

  hl_step_set_bytes (step, wire);
  hl_step_set_header_length (step, opens_record ? RECORD_HEADER : 0);
  hl_step_set_record (step, pending->index);
  hl_step_set_encrypted (step, encrypted);
  hl_step_add_claim (step, HL_CLAIM_ENCRYPTED, encrypted);
  g_ptr_array_add (side->batch, step);
  g_ptr_array_add (pending->steps, g_object_ref (step));

  return step;
}

/* @fields explain @step's message or fragment from offset 0; they go
 * behind the record's header when the step's bytes start with it. */
static void
set_wire_fields (HlStep    *step,
                 HlPending *pending,
                 HlField   *fields)
{
  if (hl_step_get_header_length (step) > 0)
    hl_decode_prepend_record_header (fields, g_bytes_get_data (pending->bytes, NULL));
  hl_step_set_fields (step, fields);
}

/* What the engine can say of an encrypted fragment before the keys are
 * recomputed (hl_recompute_keys() replaces it when it can decrypt). */
static HlField *
protected_fields (gsize len)
{
  HlField *fields = hl_field_new ("record.protected", _("Protected record"), NULL, 0, len);

  hl_field_add_printf (fields, "record.encrypted_payload", 0, len, _("Encrypted payload"),
                       g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", len), (guint)len);

  return fields;
}

static char *
handshake_title (guint8 type)
{
  const char *name = hl_handshake_type_name (type);

  return name ? g_strdup (name) : g_strdup_printf (_("Unknown handshake message %u"), type);
}

/* The messages that start in the record just appended to the handshake
 * bytes of @side, at @carry (the bytes of an unfinished message before
 * it), for the step that shows the record's header. */
static GPtrArray *
messages_in_record (HlSide *side,
                    gsize   carry)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  gsize at = 0;

  while (side->handshake->len - at >= HANDSHAKE_HEADER)
    {
      const guint8 *p = side->handshake->data + at;
      gsize size = HANDSHAKE_HEADER + (((gsize)p[1] << 16) | ((gsize)p[2] << 8) | p[3]);

      if (side->handshake->len - at < size)
        break;
      if (at >= carry)
        g_ptr_array_add (names, handshake_title (p[0]));
      at += size;
    }

  if (at < side->handshake->len && at >= carry)
    {
      g_autofree char *name = handshake_title (side->handshake->data[at]);

      g_ptr_array_add (names, g_strdup_printf (_("the start of %s, which continues in the next record"), name));
    }

  return names;
}

/* Logs the handshake messages completed by @pending's record, whose
 * fragment begins @carry bytes into @side's handshake bytes. */
static void
log_handshake_messages (HlSide    *side,
                        HlPending *pending,
                        gsize      carry)
{
  g_autoptr(GPtrArray) names = messages_in_record (side, carry);
  gsize start = 0;  /* where the next message starts among the handshake bytes of this turn */
  guint number = 0; /* among the messages that start in this record */

  while (side->handshake->len >= HANDSHAKE_HEADER)
    {
      const guint8 *p = side->handshake->data;
      gsize body = ((gsize)p[1] << 16) | ((gsize)p[2] << 8) | p[3];
      HlStoryEvent event;
      gboolean known;
      g_autofree char *title = NULL;
      g_autoptr(HlField) fields = NULL;
      gboolean opens_record = start == carry;
      HlStep *step;

      if (side->handshake->len < HANDSHAKE_HEADER + body)
        break;

      if (start >= carry)
        number++;
      known = message_event (p[0], side->actor, &event);
      title = handshake_title (p[0]);

      step = add_wire_step (side, pending, HL_STEP_HANDSHAKE,
                            known ? hl_engine_story_of (side->engine, event, side->actor) : 0,
                            title, p, HANDSHAKE_HEADER + body, opens_record, FALSE);
      hl_step_set_handshake_type (step, p[0]);

      /* The session the client offers, to tell a resumption from a new
       * session in the ServerHello. */
      if (p[0] == 1 && body >= 35 && body >= (gsize)35 + p[HANDSHAKE_HEADER + 34])
        {
          g_clear_pointer (&side->engine->offered_session, g_bytes_unref);
          side->engine->offered_session = g_bytes_new (p + HANDSHAKE_HEADER + 35, p[HANDSHAKE_HEADER + 34]);
        }

      /* ServerHello fixes how the rest decodes: version, then after the
       * random and the session ID, the suite. */
      if (p[0] == 2 && body >= 35 && body >= (gsize)35 + p[HANDSHAKE_HEADER + 34] + 2)
        {
          const guint8 *suite = p + HANDSHAKE_HEADER + 35 + p[HANDSHAKE_HEADER + 34];

          side->engine->decode.version = ((guint)p[HANDSHAKE_HEADER] << 8) | p[HANDSHAKE_HEADER + 1];
          side->engine->decode.cipher_suite = ((guint)suite[0] << 8) | suite[1];
          side->engine->suites[side->engine->connection] = side->engine->decode.cipher_suite;
        }

      fields = hl_decode_handshake (p, HANDSHAKE_HEADER + body, &side->engine->decode);
      if (opens_record)
        {
          set_wire_fields (step, pending, fields);
          if (names->len > 1)
            {
              g_autofree char *list = NULL;

              g_ptr_array_add (names, NULL);
              list = g_strjoinv (", ", (char **)names->pdata);
              g_ptr_array_remove_index (names, names->len - 1);
              hl_field_add (hl_field_get_child (fields, 0), "record.messages", _("Messages in this record"), list,
                            HL_FIELD_NO_OFFSET, 0);
            }
        }
      else
        {
          HlField *shared = hl_field_new_draft (fields, "record.header");
          g_autofree char *text = NULL;

          /* One record, several messages: the header is shown once, with
           * the message that opens the record. */
          if (start < carry)
            text = g_strdup (_("shared: the message began in an earlier record and ends in this one"));
          else if (carry == 0)
            text = g_strdup_printf (_("shared: message %u of %u in the record %s opens, whose header is shown there"),
                                    number, names->len, (const char *)g_ptr_array_index (names, 0));
          else
            text = g_strdup (_("shared: the message follows the end of an earlier one in the same record"));
          hl_field_set_contents (shared, _("Record header"), text, HL_FIELD_NO_OFFSET, 0);
          hl_field_prepend (fields, shared);
          hl_step_set_fields (step, fields);
        }
      hl_explain_handshake_message (step, &side->engine->decode, side->engine->offered_session);
      if (p[0] == 2 && side->actor == HL_ACTOR_SERVER)
        hl_engine_add_negotiation (side->engine, step);

      if (p[0] == 1 || p[0] == 2)
        side->sent_hello = TRUE;

      start += HANDSHAKE_HEADER + body;
      g_byte_array_remove_range (side->handshake, 0, HANDSHAKE_HEADER + body);
    }
}

static void
log_alert (HlSide    *side,
           HlPending *pending,
           gboolean   encrypted)
{
  const guint8 *p;
  gsize len;
  HlStep *step;
  g_autoptr(HlField) fields = NULL;
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;

  p = g_bytes_get_data (pending->bytes, &len);

  if (!encrypted && len == RECORD_HEADER + 2)
    {
      guint level = p[RECORD_HEADER];
      guint description = p[RECORD_HEADER + 1];
      const char *name = hl_alert_name (description);

      title = g_strdup_printf (_("Alert: %s"), name ? name : "?");
      explanation = g_strdup_printf (_("The %s tells its peer why it stops: a %s alert, sent in the clear "
                                       "because no keys were agreed yet."),
                                     hl_engine_side_name (side->actor), level == 2 ? "fatal" : "warning");
      step = add_wire_step (side, pending, HL_STEP_ALERT, side->engine->story, title,
                            p + RECORD_HEADER, 2, TRUE, FALSE);
      fields = hl_decode_alert (p + RECORD_HEADER, 2);
      if (description == BR_ALERT_CLOSE_NOTIFY)
        hl_engine_peer_of (side)->got_close_notify = TRUE;
      else if (level == 2)
        side->alert_sent = description;
    }
  else if (encrypted && (side->close_called || side->got_close_notify))
    {
      /* Not decrypted here: the engine was closing, and BearSSL closes
       * with close_notify and nothing else. */
      title = g_strdup (_("Alert: close_notify (encrypted)"));
      explanation = g_strdup_printf (side->close_called
                                     ? _("The %s has nothing more to say and closes the connection with "
                                         "close_notify, encrypted like every record after ChangeCipherSpec.")
                                     : _("The %s answers close_notify with its own close_notify, encrypted."),
                                     hl_engine_side_name (side->actor));
      step = add_wire_step (side, pending, HL_STEP_ALERT,
                            hl_engine_story_of (side->engine, HL_STORY_EVENT_APPLICATION, side->actor), title,
                            p + RECORD_HEADER, len - RECORD_HEADER, TRUE, TRUE);
      fields = protected_fields (len - RECORD_HEADER);
      hl_engine_peer_of (side)->got_close_notify = TRUE;
    }
  else
    {
      title = g_strdup (_("Alert (encrypted)"));
      explanation = g_strdup (_("An alert under the session keys; its description is encrypted."));
      step = add_wire_step (side, pending, HL_STEP_ALERT, side->engine->story, title,
                            p + RECORD_HEADER, len - RECORD_HEADER, TRUE, encrypted);
      fields = encrypted ? protected_fields (len - RECORD_HEADER) : hl_decode_alert (p + RECORD_HEADER, len - RECORD_HEADER);
    }

  set_wire_fields (step, pending, fields);
  hl_step_set_explanation (step, explanation);
}

/* Logs one record as it goes on the wire: the record itself, and the steps
 * of the messages it carries. */
static void
log_record (HlSide    *side,
            HlPending *pending)
{
  HlEngine *self = side->engine;
  const guint8 *p;
  gsize len;
  guint8 type;
  gboolean encrypted = side->sent_ccs;

  p = g_bytes_get_data (pending->bytes, &len);
  type = p[0];
  pending->index = hl_trace_append_record (self->trace, side->actor, pending->bytes, encrypted);
  pending->steps = g_ptr_array_new_with_free_func (g_object_unref);

  switch (type)
    {
    case 20:
      {
        HlStep *step = add_wire_step (side, pending, HL_STEP_CHANGE_CIPHER_SPEC,
                                      hl_engine_story_of (self, HL_STORY_EVENT_FINISHED, side->actor), "ChangeCipherSpec",
                                      p + RECORD_HEADER, len - RECORD_HEADER, TRUE, encrypted);
        g_autoptr(HlField) fields = hl_decode_change_cipher_spec (p + RECORD_HEADER, len - RECORD_HEADER);

        set_wire_fields (step, pending, fields);

        /* "too" only when the client switched first: in an abbreviated
         * handshake the server does. */
        if (side->actor == HL_ACTOR_CLIENT)
          hl_step_set_explanation (step, _("From the next record on, everything the client sends is encrypted and "
                                           "authenticated with the keys just derived."));
        else if (self->sides[HL_ACTOR_CLIENT].sent_ccs)
          hl_step_set_explanation (step, _("From the next record on, everything the server sends is encrypted and "
                                           "authenticated too."));
        else
          hl_step_set_explanation (step, _("From the next record on, everything the server sends is encrypted and "
                                           "authenticated with the keys just derived; the client has not switched "
                                           "yet."));
        hl_step_add_claim (step, HL_CLAIM_NEXT_RECORDS_ENCRYPTED, TRUE);
        side->sent_ccs = TRUE;
      }
      break;

    case 21:
      log_alert (side, pending, encrypted);
      break;

    case 22:
      if (!encrypted)
        {
          gsize carry = side->handshake->len;

          g_byte_array_append (side->handshake, p + RECORD_HEADER, len - RECORD_HEADER);
          log_handshake_messages (side, pending, carry);
        }
      else
        {
          /* After ChangeCipherSpec the only handshake message of a TLS 1.2
           * handshake is Finished (renegotiation aside). */
          HlStep *step = add_wire_step (side, pending, HL_STEP_HANDSHAKE,
                                        hl_engine_story_of (self, HL_STORY_EVENT_FINISHED, side->actor),
                                        _("Finished (encrypted)"), p + RECORD_HEADER, len - RECORD_HEADER,
                                        TRUE, TRUE);
          g_autoptr(HlField) fields = protected_fields (len - RECORD_HEADER);

          hl_step_set_handshake_type (step, 20);
          hl_step_set_explanation (step, _("The first message under the new keys: verify_data computed over the "
                                           "whole handshake. The peer computes it again from its own view of the "
                                           "handshake and accepts the message only if the two values match."));
          set_wire_fields (step, pending, fields);
        }
      break;

    case 23:
      {
        g_autoptr(GBytes) plaintext = g_queue_pop_head (&side->plaintexts);
        HlStep *step = add_wire_step (side, pending, HL_STEP_APPLICATION_DATA,
                                      hl_engine_story_of (self, HL_STORY_EVENT_APPLICATION, side->actor),
                                      side->actor == HL_ACTOR_CLIENT ? _("Application data: HTTP request")
                                                                     : _("Application data: HTTP response"),
                                      p + RECORD_HEADER, len - RECORD_HEADER, TRUE, encrypted);
        g_autoptr(HlField) fields = hl_field_new ("app", _("Application data"), NULL, 0, len - RECORD_HEADER);

        hl_field_add_printf (fields, "record.encrypted_payload", 0, len - RECORD_HEADER, _("Encrypted payload"),
                             g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", len - RECORD_HEADER),
                             (guint)(len - RECORD_HEADER));
        if (plaintext != NULL)
          {
            g_autofree char *text = g_strndup (g_bytes_get_data (plaintext, NULL), g_bytes_get_size (plaintext));

            hl_trace_set_record_given (self->trace, pending->index, plaintext);
            hl_field_add (fields, "app.given", _("Plaintext the sender's engine was given"), text, HL_FIELD_NO_OFFSET, 0);
          }
        set_wire_fields (step, pending, fields);
        hl_step_set_explanation (step, _("The application's bytes, encrypted and authenticated with the session "
                                         "keys. Only the two ends can read them."));
      }
      break;

    default:
      {
        HlStep *step = add_wire_step (side, pending, HL_STEP_APPLICATION_DATA, self->story,
                                      _("Record of unknown type"), p + RECORD_HEADER, len - RECORD_HEADER,
                                      TRUE, encrypted);
        g_autoptr(HlField) fields = hl_decode_record_header (p, len);

        hl_step_set_fields (step, fields);
      }
      break;
    }
}

void
hl_engine_pending_free (gpointer data)
{
  HlPending *pending = data;

  g_bytes_unref (pending->bytes);
  g_clear_pointer (&pending->steps, g_ptr_array_unref);
  g_free (pending);
}

void
hl_engine_split_records (HlSide *side)
{
  while (side->out->len >= RECORD_HEADER)
    {
      const guint8 *p = side->out->data;
      gsize len = RECORD_HEADER + (((gsize)p[3] << 8) | p[4]);
      HlPending *pending;

      if (side->out->len < len)
        break;

      pending = g_new0 (HlPending, 1);
      pending->bytes = g_bytes_new (p, len);
      pending->number = ++side->records_sent;
      log_record (side, pending);
      g_queue_push_tail (&side->pending, pending);
      g_byte_array_remove_range (side->out, 0, len);
    }
}
