/* test-decode.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The decoder: one program built from one file per area (test-decode-*.c);
 * what they share is here. */

#include "config.h"

#include "test-decode.h"

void
message_free (gpointer data)
{
  Message *m = data;

  g_bytes_unref (m->bytes);
  g_free (m);
}

/* rsa-basic, with each (from, to) pair of @edits replaced once. */
HlTrace *
run_rsa_basic (const char * const *edits)
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

  scenario = hl_scenario_new_from_data (text->str, text->len, "test.scenario", &error);
  g_assert_no_error (error);
  trace = hl_engine_run (scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hl_trace_get_outcome (trace), ==, HL_OUTCOME_SUCCESS);

  return trace;
}

const char * const ecdhe_rsa_edits[] = {
  "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
  NULL
};

/* TLS 1.0 has no signature algorithm in ServerKeyExchange; ECDSA signs. */
const char * const ecdhe_ecdsa_tls10_edits[] = {
  "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
  "versions=TLS 1.2", "versions=TLS 1.0",
  "key=server-rsa2048", "key=server-ec-p256",
  NULL
};

/* The clear-text handshake messages of a run, each with the context a
 * decoder has at that point: nothing before the ServerHello, the
 * negotiated version and suite after it. */
GPtrArray *
handshake_messages (HlTrace *trace)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (message_free);
  gboolean negotiated = FALSE;

  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);
      Message *m;

      if (hl_step_get_kind (step) != HL_STEP_HANDSHAKE || hl_step_get_encrypted (step))
        continue;

      m = g_new0 (Message, 1);
      /* The message alone, without the record header that may open it. */
      m->bytes = g_bytes_new_from_bytes (hl_step_get_bytes (step), hl_step_get_header_length (step),
                                         g_bytes_get_size (hl_step_get_bytes (step)) -
                                         hl_step_get_header_length (step));
      m->type = ((const guint8 *)g_bytes_get_data (m->bytes, NULL))[0];
      if (negotiated)
        {
          m->ctx.version = hl_trace_get_version (trace);
          m->ctx.cipher_suite = hl_trace_get_cipher_suite (trace);
        }
      if (m->type == 2)
        negotiated = TRUE;
      g_ptr_array_add (messages, m);
    }

  return messages;
}

Message *
find_message (GPtrArray *messages,
              guint      type)
{
  for (guint i = 0; i < messages->len; i++)
    {
      Message *m = g_ptr_array_index (messages, i);

      if (m->type == type)
        return m;
    }

  g_assert_not_reached ();
  return NULL;
}

HlField *
decode_message (Message *m)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (m->bytes, &len);

  return hl_decode_handshake (p, len, &m->ctx);
}

/* ------------------------------------------------------------------ */
/* Checks on trees                                                     */

/* Every child lies inside its parent; every field has a name; names and
 * values are valid UTF-8. */
void
assert_nested (HlField *field)
{
  gsize offset = hl_field_get_offset (field);
  gsize length = hl_field_get_length (field);
  guint n = hl_field_get_n_children (field);

  /* names and values end up in labels */
  g_assert_true (hl_field_get_name (field)[0] != 0);
  g_assert_true (g_utf8_validate (hl_field_get_name (field), -1, NULL));
  g_assert_true (g_utf8_validate (hl_field_get_value (field), -1, NULL));

  for (guint i = 0; i < n; i++)
    {
      HlField *child = hl_field_get_child (field, i);
      gsize child_offset = hl_field_get_offset (child);

      if (child_offset != HL_FIELD_NO_OFFSET)
        {
          g_assert_cmpuint (offset, !=, HL_FIELD_NO_OFFSET);
          g_assert_cmpuint (child_offset, >=, offset);
          g_assert_cmpuint (child_offset + hl_field_get_length (child), <=, offset + length);
        }
      assert_nested (child);
    }
}

void
collect_leaves (HlField *field,
                GArray  *leaves)
{
  guint n = hl_field_get_n_children (field);

  if (n == 0 && hl_field_get_offset (field) != HL_FIELD_NO_OFFSET)
    g_array_append_val (leaves, field);

  for (guint i = 0; i < n; i++)
    collect_leaves (hl_field_get_child (field, i), leaves);
}

/* The leaves, in order, cover [start, start + len) byte after byte. */
void
assert_leaves_cover (HlField *root,
                     gsize    start,
                     gsize    len)
{
  g_autoptr(GArray) leaves = g_array_new (FALSE, FALSE, sizeof (HlField *));
  gsize pos = start;

  collect_leaves (root, leaves);
  for (guint i = 0; i < leaves->len; i++)
    {
      HlField *leaf = g_array_index (leaves, HlField *, i);

      if (hl_field_get_offset (leaf) != pos)
        g_error ("leaf “%s” (%s) starts at %" G_GSIZE_FORMAT ", expected %" G_GSIZE_FORMAT,
                 hl_field_get_name (leaf), hl_field_get_value (leaf), hl_field_get_offset (leaf), pos);
      pos += hl_field_get_length (leaf);
    }
  g_assert_cmpuint (pos, ==, start + len);
}

guint
count_errors (HlField *field)
{
  guint count = (hl_field_get_flags (field) & HL_FIELD_FLAG_ERROR) ? 1 : 0;

  for (guint i = 0; i < hl_field_get_n_children (field); i++)
    count += count_errors (hl_field_get_child (field, i));

  return count;
}

HlField *
first_error (HlField *field)
{
  if (hl_field_get_flags (field) & HL_FIELD_FLAG_ERROR)
    return field;

  for (guint i = 0; i < hl_field_get_n_children (field); i++)
    {
      HlField *error = first_error (hl_field_get_child (field, i));

      if (error != NULL)
        return error;
    }

  return NULL;
}

/* A well-formed input: nested spans, leaves covering it all, no error. */
void
assert_clean (HlField *root,
              gsize    start,
              gsize    len)
{
  HlField *error = first_error (root);

  if (error != NULL)
    g_error ("unexpected error in %s: %s", hl_field_get_name (root), hl_field_get_value (error));
  g_assert_cmpuint (hl_field_get_offset (root), ==, start);
  g_assert_cmpuint (hl_field_get_length (root), ==, len);
  assert_nested (root);
  assert_leaves_cover (root, start, len);
}

/* "Extensions/server_name/Server name": direct children by name */
HlField *
field_at (HlField    *root,
          const char *path)
{
  return hl_test_field_named (root, path);
}

const char *
value_at (HlField    *root,
          const char *path)
{
  return hl_field_get_value (field_at (root, path));
}

void
assert_span (HlField *field,
             gsize    offset,
             gsize    length)
{
  g_assert_cmpuint (hl_field_get_offset (field), ==, offset);
  g_assert_cmpuint (hl_field_get_length (field), ==, length);
}

/* The top-level children follow each other and add up to the message. */
void
assert_top_level_covers (HlField *root,
                         gsize    len)
{
  gsize pos = 0;

  for (guint i = 0; i < hl_field_get_n_children (root); i++)
    {
      HlField *child = hl_field_get_child (root, i);

      if (hl_field_get_offset (child) == HL_FIELD_NO_OFFSET)
        continue;
      g_assert_cmpuint (hl_field_get_offset (child), ==, pos);
      pos += hl_field_get_length (child);
    }
  g_assert_cmpuint (pos, ==, len);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  hl_test_decode_add_real_tests ();
  hl_test_decode_add_wire_tests ();
  hl_test_decode_add_hand_tests ();
  hl_test_decode_add_malformed_tests ();

  return g_test_run ();
}
