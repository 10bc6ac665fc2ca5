/* hl-trace.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-trace"

#include "config.h"

#include "hl-trace.h"

struct _HlTrace
{
  GObject    parent_instance;

  GPtrArray *steps;
  GArray    *records;
  HlSecrets  secrets[HL_TRACE_MAX_CONNECTIONS][2];
  guint      connection;   /* the connection being recorded, from 0 */
  HlKeysReport keys_report;

  char      *scenario_id;
  guint64    seed;
  gint64     clock;
  guint      version;
  guint      cipher_suite;

  HlOutcome  outcome;
  HlActor    failed_side;
  guint      failed_story;
  int        error[2];
  int        alert_sent[2];
  char      *summary_text;
  guint      peer_waiting : 1;
  guint      sealed : 1;
};

static GType
hl_trace_get_item_type (GListModel *model)
{
  return HL_TYPE_STEP;
}

static guint
hl_trace_get_n_items (GListModel *model)
{
  return HL_TRACE (model)->steps->len;
}

static gpointer
hl_trace_get_item (GListModel *model,
                   guint       position)
{
  HlTrace *self = HL_TRACE (model);

  if (position >= self->steps->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->steps, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = hl_trace_get_item_type;
  iface->get_n_items = hl_trace_get_n_items;
  iface->get_item = hl_trace_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (HlTrace, hl_trace, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
clear_record (gpointer data)
{
  HlRecord *record = data;

  g_clear_pointer (&record->bytes, g_bytes_unref);
  g_clear_pointer (&record->given, g_bytes_unref);
  g_clear_pointer (&record->tampered, g_bytes_unref);
}

static void
clear_secrets (HlSecrets *secrets)
{
  g_clear_pointer (&secrets->client_random, g_bytes_unref);
  g_clear_pointer (&secrets->server_random, g_bytes_unref);
  g_clear_pointer (&secrets->pre_master_secret, g_bytes_unref);
  g_clear_pointer (&secrets->rsa_block, g_bytes_unref);
  g_clear_pointer (&secrets->ecdh_private, g_bytes_unref);
  g_clear_pointer (&secrets->ecdh_public, g_bytes_unref);
  g_clear_pointer (&secrets->ecdh_peer_public, g_bytes_unref);
  g_clear_pointer (&secrets->ecdh_shared, g_bytes_unref);
  g_clear_pointer (&secrets->master_secret, g_bytes_unref);
  g_clear_pointer (&secrets->key_block, g_bytes_unref);
  g_clear_pointer (&secrets->client_verify_data, g_bytes_unref);
  g_clear_pointer (&secrets->server_verify_data, g_bytes_unref);
}

static void
hl_trace_finalize (GObject *object)
{
  HlTrace *self = (HlTrace *)object;

  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->records, g_array_unref);
  for (guint c = 0; c < HL_TRACE_MAX_CONNECTIONS; c++)
    {
      clear_secrets (&self->secrets[c][HL_ACTOR_CLIENT]);
      clear_secrets (&self->secrets[c][HL_ACTOR_SERVER]);
    }
  g_clear_pointer (&self->scenario_id, g_free);
  g_clear_pointer (&self->summary_text, g_free);

  G_OBJECT_CLASS (hl_trace_parent_class)->finalize (object);
}

static void
hl_trace_class_init (HlTraceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hl_trace_finalize;
}

static void
hl_trace_init (HlTrace *self)
{
  self->steps = g_ptr_array_new_with_free_func (g_object_unref);
  self->records = g_array_new (FALSE, TRUE, sizeof (HlRecord));
  g_array_set_clear_func (self->records, clear_record);
  self->outcome = HL_OUTCOME_STALLED;
  self->failed_side = HL_ACTOR_NETWORK;
  self->alert_sent[HL_ACTOR_CLIENT] = -1;
  self->alert_sent[HL_ACTOR_SERVER] = -1;
  self->summary_text = g_strdup ("");
}

HlTrace *
hl_trace_new (void)
{
  return g_object_new (HL_TYPE_TRACE, NULL);
}

void
hl_trace_append_step (HlTrace *self,
                      HlStep  *step)
{
  g_return_if_fail (HL_IS_TRACE (self));
  g_return_if_fail (HL_IS_STEP (step));
  g_return_if_fail (!self->sealed);

  g_ptr_array_add (self->steps, g_object_ref (step));
}

guint
hl_trace_append_record (HlTrace  *self,
                        HlActor   sender,
                        GBytes   *bytes,
                        gboolean  encrypted)
{
  HlRecord record = { 0 };

  g_return_val_if_fail (HL_IS_TRACE (self), 0);
  g_return_val_if_fail (!self->sealed, 0);
  g_return_val_if_fail (bytes != NULL && g_bytes_get_size (bytes) >= 5, 0);

  record.sender = sender;
  record.content_type = ((const guint8 *)g_bytes_get_data (bytes, NULL))[0];
  record.bytes = g_bytes_ref (bytes);
  record.encrypted = !!encrypted;
  record.connection = self->connection;
  g_array_append_val (self->records, record);

  return self->records->len - 1;
}

void
hl_trace_set_record_delivered (HlTrace *self,
                               guint    index)
{
  g_return_if_fail (HL_IS_TRACE (self));
  g_return_if_fail (!self->sealed);
  g_return_if_fail (index < self->records->len);

  g_array_index (self->records, HlRecord, index).delivered = TRUE;
  g_array_index (self->records, HlRecord, index).read =
    g_bytes_get_size (g_array_index (self->records, HlRecord, index).bytes);
}

void
hl_trace_set_record_failed (HlTrace *self,
                            guint    index,
                            gsize    read,
                            int      error)
{
  HlRecord *record;

  g_return_if_fail (HL_IS_TRACE (self));
  g_return_if_fail (!self->sealed);
  g_return_if_fail (index < self->records->len);

  record = &g_array_index (self->records, HlRecord, index);
  g_return_if_fail (read <= g_bytes_get_size (record->bytes));
  record->read = read;
  record->error = error;
}

void
hl_trace_set_record_tampered (HlTrace *self,
                              guint    index,
                              GBytes  *tampered)
{
  HlRecord *record;

  g_return_if_fail (HL_IS_TRACE (self));
  g_return_if_fail (!self->sealed);
  g_return_if_fail (index < self->records->len);

  record = &g_array_index (self->records, HlRecord, index);
  g_clear_pointer (&record->tampered, g_bytes_unref);
  record->tampered = tampered ? g_bytes_ref (tampered) : NULL;
}

void
hl_trace_set_record_given (HlTrace *self,
                           guint    index,
                           GBytes  *given)
{
  HlRecord *record;

  g_return_if_fail (HL_IS_TRACE (self));
  g_return_if_fail (!self->sealed);
  g_return_if_fail (index < self->records->len);

  record = &g_array_index (self->records, HlRecord, index);
  g_clear_pointer (&record->given, g_bytes_unref);
  record->given = given ? g_bytes_ref (given) : NULL;
}

void
hl_trace_seal (HlTrace *self)
{
  g_return_if_fail (HL_IS_TRACE (self));
  self->sealed = TRUE;
}

gboolean
hl_trace_is_sealed (HlTrace *self)
{
  g_return_val_if_fail (HL_IS_TRACE (self), FALSE);
  return self->sealed;
}

guint
hl_trace_get_n_steps (HlTrace *self)
{
  g_return_val_if_fail (HL_IS_TRACE (self), 0);
  return self->steps->len;
}

HlStep *
hl_trace_get_step (HlTrace *self,
                   guint    position)
{
  g_return_val_if_fail (HL_IS_TRACE (self), NULL);
  g_return_val_if_fail (position < self->steps->len, NULL);
  return g_ptr_array_index (self->steps, position);
}

guint
hl_trace_get_n_records (HlTrace *self)
{
  g_return_val_if_fail (HL_IS_TRACE (self), 0);
  return self->records->len;
}

const HlRecord *
hl_trace_get_record (HlTrace *self,
                     guint    index)
{
  g_return_val_if_fail (HL_IS_TRACE (self), NULL);
  g_return_val_if_fail (index < self->records->len, NULL);
  return &g_array_index (self->records, HlRecord, index);
}

HlSecrets *
hl_trace_get_secrets (HlTrace *self,
                      HlActor  side)
{
  g_return_val_if_fail (HL_IS_TRACE (self), NULL);
  g_return_val_if_fail (side == HL_ACTOR_CLIENT || side == HL_ACTOR_SERVER, NULL);
  return &self->secrets[self->connection][side];
}

HlSecrets *
hl_trace_get_connection_secrets (HlTrace *self,
                                 guint    connection,
                                 HlActor  side)
{
  g_return_val_if_fail (HL_IS_TRACE (self), NULL);
  g_return_val_if_fail (connection <= self->connection, NULL);
  g_return_val_if_fail (side == HL_ACTOR_CLIENT || side == HL_ACTOR_SERVER, NULL);
  return &self->secrets[connection][side];
}

guint
hl_trace_get_n_connections (HlTrace *self)
{
  g_return_val_if_fail (HL_IS_TRACE (self), 0);
  return self->connection + 1;
}

void
hl_trace_begin_connection (HlTrace *self)
{
  g_return_if_fail (HL_IS_TRACE (self));
  g_return_if_fail (!self->sealed);
  g_return_if_fail (self->connection + 1 < HL_TRACE_MAX_CONNECTIONS);
  self->connection++;
}

const char *
hl_trace_get_scenario_id (HlTrace *self)
{
  g_return_val_if_fail (HL_IS_TRACE (self), NULL);
  return self->scenario_id;
}

void
hl_trace_set_scenario_id (HlTrace    *self,
                          const char *id)
{
  g_return_if_fail (HL_IS_TRACE (self));
  g_return_if_fail (!self->sealed);
  g_free (self->scenario_id);
  self->scenario_id = g_strdup (id);
}

gint64
hl_trace_get_clock (HlTrace *self)
{
  g_return_val_if_fail (HL_IS_TRACE (self), 0);
  return self->clock;
}

void
hl_trace_set_clock (HlTrace *self,
                    gint64   clock)
{
  g_return_if_fail (HL_IS_TRACE (self));
  g_return_if_fail (!self->sealed);
  self->clock = clock;
}

guint64
hl_trace_get_seed (HlTrace *self)
{
  g_return_val_if_fail (HL_IS_TRACE (self), 0);
  return self->seed;
}

void
hl_trace_set_seed (HlTrace *self,
                   guint64  seed)
{
  g_return_if_fail (HL_IS_TRACE (self));
  g_return_if_fail (!self->sealed);
  self->seed = seed;
}

guint
hl_trace_get_version (HlTrace *self)
{
  g_return_val_if_fail (HL_IS_TRACE (self), 0);
  return self->version;
}

guint
hl_trace_get_cipher_suite (HlTrace *self)
{
  g_return_val_if_fail (HL_IS_TRACE (self), 0);
  return self->cipher_suite;
}

void
hl_trace_set_negotiated (HlTrace *self,
                         guint    version,
                         guint    cipher_suite)
{
  g_return_if_fail (HL_IS_TRACE (self));
  g_return_if_fail (!self->sealed);
  self->version = version;
  self->cipher_suite = cipher_suite;
}

HlOutcome
hl_trace_get_outcome (HlTrace *self)
{
  g_return_val_if_fail (HL_IS_TRACE (self), HL_OUTCOME_FAILED);
  return self->outcome;
}

HlActor
hl_trace_get_failed_side (HlTrace *self)
{
  g_return_val_if_fail (HL_IS_TRACE (self), HL_ACTOR_NETWORK);
  return self->failed_side;
}

int
hl_trace_get_error (HlTrace *self,
                    HlActor  side)
{
  g_return_val_if_fail (HL_IS_TRACE (self), 0);
  g_return_val_if_fail (side == HL_ACTOR_CLIENT || side == HL_ACTOR_SERVER, 0);
  return self->error[side];
}

int
hl_trace_get_alert_sent (HlTrace *self,
                         HlActor  side)
{
  g_return_val_if_fail (HL_IS_TRACE (self), -1);
  g_return_val_if_fail (side == HL_ACTOR_CLIENT || side == HL_ACTOR_SERVER, -1);
  return self->alert_sent[side];
}

gboolean
hl_trace_get_peer_waiting (HlTrace *self)
{
  g_return_val_if_fail (HL_IS_TRACE (self), FALSE);
  return self->peer_waiting;
}

guint
hl_trace_get_failed_story (HlTrace *self)
{
  g_return_val_if_fail (HL_IS_TRACE (self), 0);
  return self->failed_story;
}

const char *
hl_trace_get_summary_text (HlTrace *self)
{
  g_return_val_if_fail (HL_IS_TRACE (self), NULL);
  return self->summary_text;
}

void
hl_trace_set_outcome (HlTrace    *self,
                      HlOutcome   outcome,
                      HlActor     failed_side,
                      guint       failed_story,
                      gboolean    peer_waiting,
                      const char *summary_text)
{
  g_return_if_fail (HL_IS_TRACE (self));
  g_return_if_fail (!self->sealed);

  self->outcome = outcome;
  self->failed_side = failed_side;
  self->failed_story = failed_story;
  self->peer_waiting = !!peer_waiting;
  g_free (self->summary_text);
  self->summary_text = g_strdup (summary_text ? summary_text : "");
}

void
hl_trace_set_side_result (HlTrace *self,
                          HlActor  side,
                          int      error,
                          int      alert_sent)
{
  g_return_if_fail (HL_IS_TRACE (self));
  g_return_if_fail (!self->sealed);
  g_return_if_fail (side == HL_ACTOR_CLIENT || side == HL_ACTOR_SERVER);

  self->error[side] = error;
  self->alert_sent[side] = alert_sent;
}

const HlKeysReport *
hl_trace_get_keys_report (HlTrace *self)
{
  g_return_val_if_fail (HL_IS_TRACE (self), NULL);
  return &self->keys_report;
}

void
hl_trace_set_keys_report (HlTrace            *self,
                          const HlKeysReport *report)
{
  g_return_if_fail (HL_IS_TRACE (self));
  g_return_if_fail (!self->sealed);
  self->keys_report = *report;
}

const char *
hl_outcome_to_string (HlOutcome outcome)
{
  switch (outcome)
    {
    case HL_OUTCOME_SUCCESS: return "success";
    case HL_OUTCOME_FAILED:  return "failed";
    case HL_OUTCOME_STALLED: return "stalled";
    default:                 return "unknown";
    }
}
