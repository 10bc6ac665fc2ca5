/* hl-export-json.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-export"

#include "config.h"

#include "hl-export.h"
#include "hl-names.h"
#include "hl-text.h"

/*
 * The trace as JSON (README.md, "The JSON trace", documents every name):
 * its members are stable, format_version changes when they do.
 */

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
  if (flags & (HL_FIELD_FLAG_PASS | HL_FIELD_FLAG_FAIL | HL_FIELD_FLAG_NOT_REACHED | HL_FIELD_FLAG_SKIPPED |
               HL_FIELD_FLAG_BELOW_GUIDANCE))
    {
      json_builder_set_member_name (b, "check");
      json_builder_add_string_value (b, (flags & HL_FIELD_FLAG_PASS) ? "pass" :
                                        (flags & HL_FIELD_FLAG_FAIL) ? "fail" :
                                        (flags & HL_FIELD_FLAG_BELOW_GUIDANCE) ? "below_guidance" :
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
    case HL_VERDICT_WARNING: return "warning";
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

/* A string member, or null. */
static void
add_optional_string (JsonBuilder *b,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* What was negotiated, and how the run ended. */
static void
add_outcome (JsonBuilder *b,
             HlTrace     *trace)
{
  guint version = hl_trace_get_version (trace);
  guint suite = hl_trace_get_cipher_suite (trace);
  HlOutcome outcome = hl_trace_get_outcome (trace);

  add_optional_string (b, "version", version != 0 ? hl_version_name (version) : NULL);
  add_optional_int (b, "version_number", version, version != 0);
  add_optional_string (b, "cipher_suite", suite != 0 ? hl_cipher_suite_name (suite) : NULL);
  add_optional_int (b, "cipher_suite_number", suite, suite != 0);

  json_builder_set_member_name (b, "outcome");
  json_builder_add_string_value (b, hl_outcome_to_string (outcome));
  add_optional_string (b, "failed_side",
                       outcome == HL_OUTCOME_FAILED ? hl_actor_to_string (hl_trace_get_failed_side (trace)) : NULL);
  add_optional_int (b, "failed_story_step", hl_trace_get_failed_story (trace), outcome == HL_OUTCOME_FAILED);
  json_builder_set_member_name (b, "peer_waiting");
  json_builder_add_boolean_value (b, hl_trace_get_peer_waiting (trace));
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, hl_trace_get_summary_text (trace));
}

static void
add_report (JsonBuilder        *b,
            const HlKeysReport *report)
{
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

static void
add_sides (JsonBuilder *b,
           HlTrace     *trace)
{
  json_builder_set_member_name (b, "sides");
  json_builder_begin_object (b);
  for (HlActor side = HL_ACTOR_CLIENT; side <= HL_ACTOR_SERVER; side++)
    {
      int alert = hl_trace_get_alert_sent (trace, side);

      json_builder_set_member_name (b, hl_actor_to_string (side));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "error");
      json_builder_add_int_value (b, hl_trace_get_error (trace, side));
      add_optional_string (b, "error_name", hl_error_name (hl_trace_get_error (trace, side)));
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
}

static void
add_records (JsonBuilder *b,
             HlTrace     *trace)
{
  json_builder_set_member_name (b, "records");
  json_builder_begin_array (b);
  for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
    {
      const HlRecord *r = hl_trace_get_record (trace, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "index");
      json_builder_add_int_value (b, i);
      json_builder_set_member_name (b, "sender");
      json_builder_add_string_value (b, hl_actor_to_string (r->sender));
      json_builder_set_member_name (b, "content_type");
      json_builder_add_int_value (b, r->content_type);
      add_optional_string (b, "content_type_name", hl_content_type_name (r->content_type));
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
}

JsonNode *
hl_export_json (HlTrace *trace)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

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

  add_outcome (b, trace);
  add_report (b, hl_trace_get_keys_report (trace));
  add_sides (b, trace);
  add_records (b, trace);

  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    add_step (b, hl_trace_get_step (trace, i), i);
  json_builder_end_array (b);

  json_builder_end_object (b);

  return json_builder_get_root (b);
}

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
