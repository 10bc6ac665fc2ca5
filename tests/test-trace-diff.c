/* test-trace-diff.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hl-engine.h"
#include "hl-trace-diff.h"

/*
 * HlTraceDiff against the runs' own bytes: what the diff calls the same,
 * added or random is checked on the wire bytes of the steps (RFC 5246
 * §7.4.1.2, §7.4.1.3: where the random and the session ID sit in a hello),
 * not on the diff's own field lists.
 */

#define HANDSHAKE_SERVER_HELLO 2
#define HANDSHAKE_CERTIFICATE 11
#define HANDSHAKE_SERVER_KEY_EXCHANGE 12
#define HANDSHAKE_SERVER_HELLO_DONE 14
#define HANDSHAKE_CLIENT_KEY_EXCHANGE 16
#define HANDSHAKE_CLIENT_HELLO 1

static HlTrace *
run_lesson (const char *id,
            gint64      seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (id, &error);
  HlTrace *trace;

  g_assert_no_error (error);
  if (seed >= 0)
    hl_scenario_set_seed (scenario, seed);
  trace = hl_engine_run (scenario, &error);
  g_assert_no_error (error);

  return trace;
}

/* The entry whose step (of B, or of A when B has none) is the handshake
 * message of @type. */
static const HlStepDiff *
find_message (HlTraceDiff *diff,
              int          type,
              guint       *position)
{
  for (guint i = 0; i < hl_trace_diff_get_n_entries (diff); i++)
    {
      const HlStepDiff *entry = hl_trace_diff_get_entry (diff, i);
      HlStep *step = entry->step_b ? entry->step_b : entry->step_a;

      if (hl_step_get_kind (step) == HL_STEP_HANDSHAKE && hl_step_get_handshake_type (step) == type)
        {
          if (position != NULL)
            *position = i;
          return entry;
        }
    }

  g_assert_not_reached ();
}

/* The hello's bytes without its header and its random (and session ID),
 * which the seed makes: RFC 5246 §7.4.1.2–3, version (2) then random (32)
 * then session_id<0..32>. */
static GBytes *
hello_without_randoms (HlStep *step)
{
  GBytes *bytes = hl_step_get_bytes (step);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize body = hl_step_get_header_length (step) + 4;
  gsize session_len;
  GByteArray *rest = g_byte_array_new ();

  g_assert_cmpuint (size, >, body + 2 + 32 + 1);
  session_len = data[body + 2 + 32];
  g_byte_array_append (rest, data + body, 2);
  g_byte_array_append (rest, data + body + 2 + 32 + 1 + session_len, size - (body + 2 + 32 + 1 + session_len));

  return g_byte_array_free_to_bytes (rest);
}

static char *
hex_of (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  GString *hex = g_string_new (NULL);

  for (gsize i = 0; i < size; i++)
    g_string_append_printf (hex, "%02x", data[i]);

  return g_string_free (hex, FALSE);
}

static void
test_identical (void)
{
  g_auto(GStrv) ids = hl_scenario_list_builtin ();

  for (guint l = 0; ids[l] != NULL; l++)
    {
      g_autoptr(HlTrace) a = run_lesson (ids[l], -1);
      g_autoptr(HlTrace) b = run_lesson (ids[l], -1);
      g_autoptr(HlTraceDiff) diff = hl_trace_diff_new (a, b, NULL);

      g_test_message ("%s", ids[l]);
      g_assert_cmpuint (hl_trace_diff_get_n_entries (diff), ==, hl_trace_get_n_steps (a));
      g_assert_cmpint (hl_trace_diff_get_first_divergence (diff), ==, -1);
      for (guint i = 0; i < hl_trace_diff_get_n_entries (diff); i++)
        {
          const HlStepDiff *entry = hl_trace_diff_get_entry (diff, i);

          g_assert_cmpint (entry->status, ==, HL_DIFF_SAME);
          g_assert_cmpint (entry->index_a, ==, i);
          g_assert_cmpint (entry->index_b, ==, i);
          g_assert_cmpuint (entry->n_changes, ==, 0);
        }
    }
}

/* A change of the path in @entry, or NULL. */
static const HlFieldChange *
find_change (const HlStepDiff *entry,
             const char       *path_end)
{
  for (guint c = 0; c < entry->n_changes; c++)
    if (g_str_has_suffix (entry->changes[c].path, path_end))
      return &entry->changes[c];

  return NULL;
}

static void
test_rsa_ecdhe (void)
{
  g_autoptr(HlTrace) a = run_lesson ("rsa-basic", -1);
  g_autoptr(HlTrace) b = run_lesson ("ecdhe-rsa", -1);
  g_autoptr(HlTrace) b_seeded = run_lesson ("ecdhe-rsa", hl_trace_get_seed (a));
  g_autoptr(HlTraceDiff) plain = hl_trace_diff_new (a, b, NULL);
  g_autoptr(HlTraceDiff) diff = hl_trace_diff_new (a, b, b_seeded);
  g_autoptr(GBytes) hello_a = NULL;
  g_autoptr(GBytes) hello_b = NULL;
  const HlStepDiff *entry;
  const HlFieldChange *change;
  guint hello_position;
  guint server_hello_position;
  gboolean cke_added = FALSE;
  gboolean cke_removed = FALSE;
  g_autofree char *master_hex = NULL;
  guint master_changes = 0;

  g_assert_cmpuint (hl_trace_get_seed (a), !=, hl_trace_get_seed (b));

  /* The ServerKeyExchange is one step added on the server's lane, and
   * every handshake message of A still has its partner in B. */
  entry = find_message (diff, HANDSHAKE_SERVER_KEY_EXCHANGE, NULL);
  g_assert_cmpint (entry->status, ==, HL_DIFF_ADDED);
  g_assert_cmpint (hl_step_get_actor (entry->step_b), ==, HL_ACTOR_SERVER);
  g_assert_null (entry->step_a);
  for (guint i = 0; i < hl_trace_diff_get_n_entries (diff); i++)
    {
      entry = hl_trace_diff_get_entry (diff, i);
      if (entry->step_a != NULL && hl_step_get_kind (entry->step_a) == HL_STEP_HANDSHAKE)
        g_assert_nonnull (entry->step_b);
    }
  entry = find_message (diff, HANDSHAKE_SERVER_HELLO_DONE, NULL);
  g_assert_cmpint (entry->status, !=, HL_DIFF_ADDED);
  g_assert_nonnull (entry->step_a);

  /* The ClientKeyExchange carries an encrypted secret in A, a point in B:
   * fields removed and fields added. */
  entry = find_message (diff, HANDSHAKE_CLIENT_KEY_EXCHANGE, NULL);
  g_assert_cmpint (entry->status, ==, HL_DIFF_CHANGED);
  g_assert_false (entry->only_random);
  for (guint c = 0; c < entry->n_changes; c++)
    {
      cke_added |= entry->changes[c].value_a == NULL;
      cke_removed |= entry->changes[c].value_b == NULL;
    }
  g_assert_true (cke_added && cke_removed);

  /* Both lessons' clients offer the same: their ClientHellos differ in
   * the random bytes only, so the diff calls that random (given B with A's
   * seed) and the ClientHello the first difference otherwise. */
  entry = find_message (diff, HANDSHAKE_CLIENT_HELLO, &hello_position);
  hello_a = hello_without_randoms (entry->step_a);
  hello_b = hello_without_randoms (entry->step_b);
  g_assert_true (g_bytes_equal (hello_a, hello_b));
  g_assert_cmpint (entry->status, ==, HL_DIFF_CHANGED);
  g_assert_true (entry->only_random);
  g_assert_nonnull (find_change (entry, "hello.random"));
  g_assert_true (find_change (entry, "hello.random")->random);
  g_assert_cmpint (hl_trace_diff_get_first_divergence (plain), ==, hello_position);
  g_assert_false (find_message (plain, HANDSHAKE_CLIENT_HELLO, NULL)->only_random);

  /* The servers choose differently: the ServerHello's suite is a real
   * change, and the first difference comes after the ClientHello, no
   * later than the ServerHello (B's server first makes its key pair). */
  entry = find_message (diff, HANDSHAKE_SERVER_HELLO, &server_hello_position);
  change = find_change (entry, "hello.cipher_suite");
  g_assert_nonnull (change);
  g_assert_false (change->random);
  g_assert_nonnull (strstr (change->value_a, "0x009C"));
  g_assert_nonnull (strstr (change->value_b, "0xC02F"));
  g_assert_cmpuint (hl_trace_get_cipher_suite (a), ==, 0x009C);
  g_assert_cmpuint (hl_trace_get_cipher_suite (b), ==, 0xC02F);
  g_assert_cmpint (hl_trace_diff_get_first_divergence (diff), >, hello_position);
  g_assert_cmpint (hl_trace_diff_get_first_divergence (diff), <=, server_hello_position);
  g_assert_true (find_change (entry, "hello.session_id")->random);

  /* The master secret differs even with one seed (another key exchange,
   * another pre-master secret): its change is not called random. */
  g_assert_false (g_bytes_equal (hl_trace_get_secrets (a, HL_ACTOR_CLIENT)->master_secret,
                                 hl_trace_get_secrets (b_seeded, HL_ACTOR_CLIENT)->master_secret));
  master_hex = hex_of (hl_trace_get_secrets (a, HL_ACTOR_CLIENT)->master_secret);
  for (guint i = 0; i < hl_trace_diff_get_n_entries (diff); i++)
    {
      entry = hl_trace_diff_get_entry (diff, i);
      for (guint c = 0; c < entry->n_changes; c++)
        if (g_strcmp0 (entry->changes[c].value_a, master_hex) == 0)
          {
            g_assert_false (entry->changes[c].random);
            master_changes++;
          }
    }
  g_assert_cmpuint (master_changes, >, 0);
}

static void
test_expired (void)
{
  g_autoptr(HlTrace) a = run_lesson ("rsa-basic", -1);
  g_autoptr(HlTrace) b = run_lesson ("expired", -1);
  g_autoptr(HlTrace) b_seeded = run_lesson ("expired", hl_trace_get_seed (a));
  g_autoptr(HlTraceDiff) diff = hl_trace_diff_new (a, b, b_seeded);
  const HlStepDiff *entry;
  const HlFieldChange *verdict = NULL;
  guint certificate_position;
  int first_check = -1;

  /* The first step that differs beyond the seed is the Certificate
   * message: the server's certificate carries other validity dates, so
   * other bytes. */
  entry = find_message (diff, HANDSHAKE_CERTIFICATE, &certificate_position);
  g_assert_false (g_bytes_equal (hl_step_get_bytes (entry->step_a), hl_step_get_bytes (entry->step_b)));
  g_assert_cmpint (hl_trace_diff_get_first_divergence (diff), ==, certificate_position);
  for (guint i = 0; i < certificate_position; i++)
    g_assert_true (hl_trace_diff_get_entry (diff, i)->only_random);

  /* The first step whose verdict differs is the client's chain check:
   * trusted in A, rejected in B. */
  for (guint i = 0; i < hl_trace_diff_get_n_entries (diff) && first_check < 0; i++)
    {
      entry = hl_trace_diff_get_entry (diff, i);
      if (entry->status == HL_DIFF_CHANGED && (verdict = find_change (entry, "step.verdict")) != NULL)
        first_check = i;
    }
  g_assert_cmpint (first_check, >=, 0);
  entry = hl_trace_diff_get_entry (diff, first_check);
  g_assert_cmpint (hl_step_get_kind (entry->step_a), ==, HL_STEP_CHECK);
  g_assert_cmpint (hl_step_get_actor (entry->step_a), ==, HL_ACTOR_CLIENT);
  g_assert_cmpint (hl_step_get_verdict (entry->step_a), ==, HL_VERDICT_OK);
  g_assert_cmpint (hl_step_get_verdict (entry->step_b), ==, HL_VERDICT_FAILED);
  g_assert_cmpstr (verdict->value_a, ==, "ok");
  g_assert_cmpstr (verdict->value_b, ==, "failed");

  /* B stops there: A's ClientKeyExchange has no partner. */
  entry = find_message (diff, HANDSHAKE_CLIENT_KEY_EXCHANGE, NULL);
  g_assert_cmpint (entry->status, ==, HL_DIFF_REMOVED);
  g_assert_cmpint (hl_trace_get_error (b, HL_ACTOR_CLIENT), !=, 0);
}

/* One lesson with two seeds: every change goes away when B runs with A's
 * seed, so every change is random and no step diverges. */
static void
test_seed_only (void)
{
  g_autoptr(HlTrace) a = run_lesson ("rsa-basic", 1);
  g_autoptr(HlTrace) b = run_lesson ("rsa-basic", 2);
  g_autoptr(HlTrace) b_seeded = run_lesson ("rsa-basic", 1);
  g_autoptr(HlTraceDiff) diff = hl_trace_diff_new (a, b, b_seeded);
  guint changed = 0;

  for (guint i = 0; i < hl_trace_diff_get_n_entries (diff); i++)
    {
      const HlStepDiff *entry = hl_trace_diff_get_entry (diff, i);

      g_assert_cmpint (entry->status, !=, HL_DIFF_ADDED);
      g_assert_cmpint (entry->status, !=, HL_DIFF_REMOVED);
      if (entry->status == HL_DIFF_CHANGED)
        {
          g_assert_true (entry->only_random);
          changed++;
        }
    }
  g_assert_cmpuint (changed, >, 0);
  g_assert_cmpint (hl_trace_diff_get_first_divergence (diff), ==, -1);
  g_assert_true (hl_trace_diff_has_random (diff));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trace-diff/identical", test_identical);
  g_test_add_func ("/trace-diff/rsa-ecdhe", test_rsa_ecdhe);
  g_test_add_func ("/trace-diff/expired", test_expired);
  g_test_add_func ("/trace-diff/seed-only", test_seed_only);

  return g_test_run ();
}
