/* hl-export.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-export"

#include "config.h"

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
