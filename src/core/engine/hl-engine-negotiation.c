/* hl-engine-negotiation.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hl-decode.h"
#include "hl-engine-private.h"
#include "hl-names.h"

/*
 * The negotiation, as a student reads it under the ServerHello: what the
 * client offered (from the ClientHello the server received, not from the
 * scenario, so that a changed byte on the way shows), what the server
 * accepts and in whose order, and which suite came out of it.  Everything
 * is read from the bytes and the scenario and compared here; nothing is
 * taken from BearSSL's own choice but the ServerHello itself.
 */

#define HANDSHAKE_CLIENT_HELLO 1

static guint
field_u16 (const guint8 *data,
           gsize         len,
           HlField      *field)
{
  gsize at;

  if (field == NULL || hl_field_get_length (field) != 2)
    return 0;

  at = hl_field_get_offset (field);
  if (at > len || len - at < 2)
    return 0;

  return (guint)data[at] << 8 | data[at + 1];
}

/* The record of the current connection's ClientHello as the server
 * received it, record header included, or NULL when there is none. */
static GBytes *
received_client_hello (HlEngine *self,
                       guint    *index)
{
  for (guint i = 0; i < hl_trace_get_n_records (self->trace); i++)
    {
      const HlRecord *record = hl_trace_get_record (self->trace, i);
      GBytes *received = record->tampered ? record->tampered : record->bytes;
      gsize len = g_bytes_get_size (received);

      if (record->connection != self->connection || record->sender != HL_ACTOR_CLIENT)
        continue;

      /* The connection's first record from the client is its hello. */
      if (record->content_type != 22 || len <= HL_DECODE_RECORD_HEADER_LEN ||
          ((const guint8 *)g_bytes_get_data (received, NULL))[HL_DECODE_RECORD_HEADER_LEN] != HANDSHAKE_CLIENT_HELLO)
        return NULL;

      *index = i;
      return received;
    }

  return NULL;
}

/* The fields of the client's step that shows @record, when that step's
 * bytes are the record's, header and all, byte for byte: the hello as
 * received was decoded already, as it was sent.  Their offsets count
 * from the record's first byte. */
static HlField *
decoded_hello (HlEngine *self,
               guint     index,
               GBytes   *record)
{
  for (guint i = 0; i < hl_trace_get_n_steps (self->trace); i++)
    {
      HlStep *step = hl_trace_get_step (self->trace, i);

      if (hl_step_get_record (step) == (int)index && hl_step_get_kind (step) == HL_STEP_HANDSHAKE &&
          hl_step_get_handshake_type (step) == HANDSHAKE_CLIENT_HELLO &&
          hl_step_get_header_length (step) == HL_DECODE_RECORD_HEADER_LEN && hl_step_get_fields (step) != NULL &&
          g_bytes_equal (hl_step_get_bytes (step), record))
        return hl_field_ref (hl_step_get_fields (step));
    }

  return NULL;
}

GArray *
hl_engine_received_offer (HlEngine *self,
                          guint    *client_version)
{
  guint index = 0;
  GBytes *record = received_client_hello (self, &index);
  g_autoptr(HlField) fields = NULL;
  GArray *offered;
  HlField *list;
  const guint8 *data;
  gsize len;

  if (record == NULL)
    return NULL;

  data = g_bytes_get_data (record, &len);
  if ((fields = decoded_hello (self, index, record)) == NULL)
    {
      /* Decoded from the handshake message on: offsets count from there. */
      data += HL_DECODE_RECORD_HEADER_LEN;
      len -= HL_DECODE_RECORD_HEADER_LEN;
      fields = hl_decode_handshake (data, len, NULL);
    }
  *client_version = field_u16 (data, len, hl_field_get_child_by_id (fields, "hello.client_version"));
  offered = g_array_new (FALSE, FALSE, sizeof (guint16));
  list = hl_field_get_child_by_id (fields, "hello.cipher_suites");
  for (guint i = 0; list != NULL && i < hl_field_get_n_children (list); i++)
    {
      HlField *child = hl_field_get_child (list, i);
      guint16 suite = (guint16)field_u16 (data, len, child);

      if (hl_field_has_id (child, "hello.cipher_suite"))
        g_array_append_val (offered, suite);
    }

  return offered;
}

static gboolean
contains (const guint16 *list,
          gsize          n,
          guint          suite,
          guint         *position)
{
  for (gsize i = 0; i < n; i++)
    if (list[i] == suite)
      {
        if (position != NULL)
          *position = (guint)i + 1;
        return TRUE;
      }

  return FALSE;
}

/* The server's list, each suite marked with what the client said of it. */
static void
add_server_list (HlField       *negotiation,
                 const guint16 *accepted,
                 gsize          n_accepted,
                 const guint16 *offered,
                 gsize          n_offered,
                 guint          chosen)
{
  g_autofree char *summary = NULL;
  guint common = 0;

  for (gsize i = 0; i < n_accepted; i++)
    common += contains (offered, n_offered, accepted[i], NULL);

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u suite, %u of them offered by the client",
                                          "%u suites, %u of them offered by the client", n_accepted),
                             (guint)n_accepted, common);
  hl_field_add (negotiation, "negotiation.server_suites", _("The server's suites, in its order"), summary,
                HL_FIELD_NO_OFFSET, 0);

  /* Each suite on a row of its own, beside the summary: one level, so
   * that every front end shows them all. */
  for (gsize i = 0; i < n_accepted; i++)
    {
      g_autofree char *suite = hl_decode_suite_text (accepted[i]);
      /* Translators: %u is the suite's place in the server's list */
      g_autofree char *number = g_strdup_printf (_("Server's suite %u"), (guint)i + 1);
      g_autofree char *value = NULL;
      guint position;
      HlField *field;

      if (!contains (offered, n_offered, accepted[i], &position))
        value = g_strdup_printf (_("%s: the client does not offer it"), suite);
      else if (accepted[i] == chosen)
        /* Translators: %u is the suite's place in the client's list */
        value = g_strdup_printf (_("%s: the client offers it (its %u.): chosen"), suite, position);
      else
        value = g_strdup_printf (_("%s: the client offers it (its %u.)"), suite, position);

      field = hl_field_add (negotiation, "negotiation.server_suite", number, value, HL_FIELD_NO_OFFSET, 0);
      if (accepted[i] == chosen)
        hl_field_set_flags (field, HL_FIELD_FLAG_PASS);
    }
}

/* The first suite of the deciding side's list that the other side has. */
static guint
first_common (const guint16 *deciding,
              gsize          n_deciding,
              const guint16 *other,
              gsize          n_other)
{
  for (gsize i = 0; i < n_deciding; i++)
    if (contains (other, n_other, deciding[i], NULL))
      return deciding[i];

  return 0;
}

static char *
choice_text (guint     chosen,
             guint     first,
             gboolean  server_order)
{
  g_autofree char *chosen_text = hl_decode_suite_text (chosen);
  g_autofree char *first_text = NULL;

  if (chosen == first)
    return g_strdup_printf (server_order
                            ? _("%s: the first suite of the server's list that the client offers")
                            : _("%s: the first suite of the client's offer that the server accepts"),
                            chosen_text);

  /* BearSSL passed the first common suite over; why is not recorded,
   * so the sentence says only what happened. */
  first_text = hl_decode_suite_text (first);
  return g_strdup_printf (server_order
                          ? _("%s, not %s, which comes first in the server's list and in the client's offer")
                          : _("%s, not %s, which comes first in the client's offer and in the server's list"),
                          chosen_text, first_text);
}

void
hl_engine_add_negotiation (HlEngine *self,
                           HlStep   *server_hello)
{
  g_autoptr(GArray) offered = NULL;
  HlField *root = hl_step_get_fields (server_hello);
  HlField *negotiation;
  gsize n_accepted;
  const guint16 *accepted;
  guint client_version = 0, min, max;
  /* As the ServerHello just logged said (hl-engine-wire.c). */
  guint version = self->decode.version;
  guint chosen = self->decode.cipher_suite;
  gboolean server_order = hl_scenario_get_server_preference (self->scenario);
  g_autofree char *version_text = NULL;
  g_autofree char *choice = NULL;

  if (root == NULL || version == 0 || chosen == 0 ||
      (offered = hl_engine_received_offer (self, &client_version)) == NULL || offered->len == 0)
    return;

  accepted = hl_scenario_get_suites (self->scenario, HL_ACTOR_SERVER, &n_accepted);
  hl_scenario_get_versions (self->scenario, HL_ACTOR_SERVER, &min, &max);

  negotiation = hl_field_add (root, "negotiation", _("Negotiation: the client's offer against the server's lists"),
                              NULL, HL_FIELD_NO_OFFSET, 0);

  if (min == max)
    /* Translators: the %s are protocol versions */
    version_text = g_strdup_printf (_("the client offers up to %s, the server accepts only %s: %s"),
                                    hl_version_name (client_version), hl_version_name (min), hl_version_name (version));
  else
    version_text = g_strdup_printf (_("the client offers up to %s, the server accepts %s to %s: %s"),
                                    hl_version_name (client_version), hl_version_name (min), hl_version_name (max),
                                    hl_version_name (version));
  hl_field_add (negotiation, "negotiation.version", _("Version"), version_text, HL_FIELD_NO_OFFSET, 0);

  hl_field_add (negotiation, "negotiation.order", _("Whose order decides"),
                server_order ? _("the server's: BearSSL's option BR_OPT_ENFORCE_SERVER_PREFERENCES is set")
                             : _("the client's, BearSSL's default: the option BR_OPT_ENFORCE_SERVER_PREFERENCES is "
                                 "not set"),
                HL_FIELD_NO_OFFSET, 0);

  hl_field_add_printf (negotiation, "negotiation.offered", HL_FIELD_NO_OFFSET, 0, _("The client's offer"),
                       g_dngettext (GETTEXT_PACKAGE, "%u suite, listed in the ClientHello",
                                    "%u suites, listed in the ClientHello", offered->len),
                       offered->len);

  add_server_list (negotiation, accepted, n_accepted, (const guint16 *)offered->data, offered->len, chosen);

  if (!contains (accepted, n_accepted, chosen, NULL) ||
      !contains ((const guint16 *)offered->data, offered->len, chosen, NULL))
    {
      g_autofree char *chosen_text = hl_decode_suite_text (chosen);

      /* Never expected of BearSSL; shown rather than hidden. */
      choice = g_strdup_printf (_("%s: not in both lists"), chosen_text);
    }
  else if (server_order)
    choice = choice_text (chosen, first_common (accepted, n_accepted, (const guint16 *)offered->data,
                                                      offered->len), TRUE);
  else
    choice = choice_text (chosen, first_common ((const guint16 *)offered->data, offered->len, accepted,
                                                      n_accepted), FALSE);
  hl_field_add (negotiation, "negotiation.choice", _("Chosen"), choice, HL_FIELD_NO_OFFSET, 0);
}
