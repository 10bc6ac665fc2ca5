/* test-capture-pcapng.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The capture as this file reads it: the key log, the blocks, failed and
 * undelivered records, determinism, writing it. */

#include "config.h"

#include "test-capture.h"

static const char * const expired_edits[] = {
  "valid-from=-30d\nvalid-until=+365d",
  "valid-from=2025-01-01T00:00:00Z\nvalid-until=2026-01-01T00:00:00Z",
  NULL
};

static const char * const no_common_suite_edits[] = {
  "versions=TLS 1.2\nserver-name",
  "versions=TLS 1.2\nsuites=TLS_RSA_WITH_AES_256_CBC_SHA256\nserver-name",
  NULL
};

/* ---- the other tests --------------------------------------------------- */

static void
test_keylog (void)
{
  g_autoptr(HlTrace) trace = run_edited (NULL);
  g_autoptr(HlTrace) expired = run_edited (expired_edits);
  HlSecrets *client = hl_trace_get_secrets (trace, HL_ACTOR_CLIENT);
  HlSecrets *server = hl_trace_get_secrets (trace, HL_ACTOR_SERVER);
  g_autofree char *keylog = hl_export_keylog (trace);
  g_autofree char *random = hl_test_bytes_hex (client->client_random);
  g_autofree char *master = hl_test_bytes_hex (client->master_secret);
  g_autofree char *expected = g_strdup_printf ("CLIENT_RANDOM %s %s\n", random, master);
  g_autofree char *none = hl_export_keylog (expired);

  g_assert_true (g_regex_match_simple ("^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}\n$", keylog, 0, 0));
  g_assert_cmpstr (keylog, ==, expected);
  /* The server derived the same. */
  g_assert_true (g_bytes_equal (client->client_random, server->client_random));
  g_assert_true (g_bytes_equal (client->master_secret, server->master_secret));

  /* The client refused the certificate before any master secret. */
  g_assert_null (hl_trace_get_secrets (expired, HL_ACTOR_CLIENT)->master_secret);
  g_assert_cmpstr (none, ==, "");
}

static void
test_blocks (void)
{
  g_autoptr(HlTrace) trace = run_edited (NULL);
  g_autoptr(GBytes) pcapng = hl_export_pcapng (trace);
  g_autoptr(GArray) blocks = parse_blocks (pcapng);
  g_autoptr(GArray) segments = check_capture (trace, pcapng);
  static const guint32 expected[] = { BLOCK_SHB, BLOCK_IDB, BLOCK_DSB, BLOCK_EPB };

  for (guint i = 0; i < blocks->len; i++)
    g_assert_cmphex (g_array_index (blocks, Block, i).type, ==, expected[MIN (i, G_N_ELEMENTS (expected) - 1)]);

  /* Three packets to open, one per record, three to close. */
  g_assert_cmpuint (blocks->len, ==, 3 + 3 + hl_trace_get_n_records (trace) + 3);
  g_assert_cmpuint (segments->len, ==, hl_trace_get_n_records (trace) + 6);
  for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
    {
      const HlRecord *r = hl_trace_get_record (trace, i);
      Segment *s = &g_array_index (segments, Segment, 3 + i);

      g_assert_cmpint (s->from, ==, r->sender);
      g_assert_true (g_bytes_equal (s->payload, r->bytes));
      g_assert_null (s->comment);
    }
  /* The client sent close_notify first and closes first. */
  g_assert_cmpint (g_array_index (segments, Segment, segments->len - 3).from, ==, HL_ACTOR_CLIENT);
  /* The made-up connection says it is made up. */
  g_assert_nonnull (g_array_index (segments, Segment, 0).comment);
}

/* Failed runs export too: without a Decryption Secrets Block when there
 * is no master secret, closed first by the side that failed. */
static void
test_failed (void)
{
  g_autoptr(HlTrace) expired = run_edited (expired_edits);
  g_autoptr(HlTrace) no_suite = run_edited (no_common_suite_edits);
  g_autoptr(GBytes) expired_pcapng = hl_export_pcapng (expired);
  g_autoptr(GBytes) no_suite_pcapng = hl_export_pcapng (no_suite);
  g_autoptr(GArray) blocks = parse_blocks (expired_pcapng);
  g_autoptr(GArray) expired_segments = check_capture (expired, expired_pcapng);
  g_autoptr(GArray) no_suite_segments = check_capture (no_suite, no_suite_pcapng);
  g_auto(Judge) expired_judge = { NULL };
  g_auto(Judge) no_suite_judge = { NULL };
  g_autoptr(JsonArray) expired_frames = NULL;
  g_autoptr(JsonArray) no_suite_frames = NULL;
  g_autofree char *types = NULL;
  Tally tally = { 0 };

  g_assert_cmpint (hl_trace_get_failed_side (expired), ==, HL_ACTOR_CLIENT);
  for (guint i = 0; i < blocks->len; i++)
    g_assert_cmphex (g_array_index (blocks, Block, i).type, !=, BLOCK_DSB);
  g_assert_cmpint (g_array_index (expired_segments, Segment, expired_segments->len - 3).from, ==, HL_ACTOR_CLIENT);

  g_assert_cmpint (hl_trace_get_failed_side (no_suite), ==, HL_ACTOR_SERVER);
  g_assert_cmpint (g_array_index (no_suite_segments, Segment, no_suite_segments->len - 3).from, ==, HL_ACTOR_SERVER);

  if (!judge_init (&expired_judge, expired_pcapng) || !judge_init (&no_suite_judge, no_suite_pcapng))
    return;
  expired_frames = judge_trace (&expired_judge, expired, &tally);
  no_suite_frames = judge_trace (&no_suite_judge, no_suite, &tally);
  types = all_values (expired_frames, "tls.handshake.type");
  g_assert_cmpstr (types, ==, "1,2,11,14");
  g_clear_pointer (&types, g_free);
  types = all_values (no_suite_frames, "tls.handshake.type");
  g_assert_cmpstr (types, ==, "1");
  g_assert_cmpuint (tally.decrypted, ==, 0);
}

/* A record the peer never read was on the wire all the same; a record too
 * big for one segment (more than any real one) is split, not dropped. */
static void
test_undelivered (void)
{
  g_autoptr(HlTrace) trace = hl_trace_new ();
  g_autoptr(GBytes) hello = record (22, 40);
  g_autoptr(GBytes) unread = record (21, 2);
  g_autoptr(GBytes) huge = record (23, 70000);
  g_autoptr(GBytes) pcapng = NULL;
  g_autoptr(GArray) segments = NULL;
  g_autofree char *keylog = NULL;
  guint i;

  hl_trace_set_clock (trace, 1772366400);
  hl_trace_set_record_delivered (trace, hl_trace_append_record (trace, HL_ACTOR_CLIENT, hello, FALSE));
  hl_trace_append_record (trace, HL_ACTOR_SERVER, unread, FALSE);
  hl_trace_set_record_delivered (trace, hl_trace_append_record (trace, HL_ACTOR_CLIENT, huge, FALSE));
  hl_trace_seal (trace);

  keylog = hl_export_keylog (trace);
  g_assert_cmpstr (keylog, ==, "");
  pcapng = hl_export_pcapng (trace);
  segments = check_capture (trace, pcapng);

  /* SYN, SYN-ACK, ACK, hello, unread, huge in two, FIN, FIN, ACK */
  g_assert_cmpuint (segments->len, ==, 10);
  i = 4;
  g_assert_cmpint (g_array_index (segments, Segment, i).from, ==, HL_ACTOR_SERVER);
  g_assert_true (g_bytes_equal (g_array_index (segments, Segment, i).payload, unread));
  g_assert_nonnull (strstr (g_array_index (segments, Segment, i).comment, "never read"));
  g_assert_cmpuint (g_bytes_get_size (g_array_index (segments, Segment, 5).payload), ==, 65495);
  g_assert_cmpuint (g_bytes_get_size (g_array_index (segments, Segment, 6).payload), ==, 70005 - 65495);
}

static void
test_determinism (void)
{
  g_autoptr(HlTrace) a = run_edited (NULL);
  g_autoptr(HlTrace) b = run_edited (NULL);
  g_autoptr(GBytes) pcapng_a = hl_export_pcapng (a);
  g_autoptr(GBytes) pcapng_b = hl_export_pcapng (b);
  g_autoptr(GBytes) again = hl_export_pcapng (a);
  g_autoptr(HlTrace) other = NULL;
  g_autoptr(GBytes) pcapng_other = NULL;
  static const char * const seed_2[] = { "seed=1\n", "seed=2\n", NULL };

  g_assert_true (g_bytes_equal (pcapng_a, again));
  g_assert_true (g_bytes_equal (pcapng_a, pcapng_b));

  other = run_edited (seed_2);
  pcapng_other = hl_export_pcapng (other);
  g_assert_false (g_bytes_equal (pcapng_a, pcapng_other));
}

static void
test_write (void)
{
  g_autoptr(HlTrace) trace = run_edited (NULL);
  g_autoptr(GBytes) pcapng = hl_export_pcapng (trace);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-capture-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "run.pcapng", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "run.pcapng", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  gsize len;

  g_assert_no_error (error);

  /* Replaces what was there. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (hl_export_write (pcapng, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (pcapng, NULL), g_bytes_get_size (pcapng));

  g_assert_true (hl_export_write (empty, path, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, ==, 0);

  g_assert_false (hl_export_write (pcapng, missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_unlink (path);
  g_rmdir (dir);
}

void
hl_test_capture_add_pcapng_tests (void)
{
  g_test_add_func ("/capture/keylog", test_keylog);
  g_test_add_func ("/capture/blocks", test_blocks);
  g_test_add_func ("/capture/failed", test_failed);
  g_test_add_func ("/capture/undelivered", test_undelivered);
  g_test_add_func ("/capture/determinism", test_determinism);
  g_test_add_func ("/capture/write", test_write);
}
