/* test-capture-tshark.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* tshark on the capture of each cipher suite, of resumption and of
 * every lesson: it agrees with the trace and decrypts what the trace did. */

#include "config.h"

#include "test-capture.h"

/* rsa-basic's server list, to replace by one suite. */
#define RSA_BASIC_SERVER_SUITES \
  "suites=TLS_RSA_WITH_AES_128_GCM_SHA256;TLS_RSA_WITH_AES_256_GCM_SHA384;TLS_RSA_WITH_AES_128_CBC_SHA256;" \
  "TLS_RSA_WITH_AES_128_CBC_SHA\n"

typedef struct
{
  const char *edits[9];
  guint       version;
  guint       suite;
  const char *handshake_types;
} Variant;

static const Variant rsa_basic = {
  { NULL },
  0x0303, 0x009C,
  "1,2,11,14,16,20,20",
};

static const Variant ecdhe_rsa_chacha20 = {
  { RSA_BASIC_SERVER_SUITES, "suites=TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256\n", NULL },
  0x0303, 0xCCA8,
  "1,2,11,12,14,16,20,20",
};

static const Variant ecdhe_ecdsa_aes256_cbc = {
  {
    RSA_BASIC_SERVER_SUITES, "suites=TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384\n",
    "key=server-rsa2048", "key=server-ec-p256",
    "key-usage=digital-signature;key-encipherment", "key-usage=digital-signature",
    NULL
  },
  0x0303, 0xC024,
  "1,2,11,12,14,16,20,20",
};

static const Variant tls10_cbc = {
  {
    "versions=TLS 1.2", "versions=TLS 1.0",
    RSA_BASIC_SERVER_SUITES, "suites=TLS_RSA_WITH_AES_128_CBC_SHA\n",
    NULL
  },
  0x0301, 0x002F,
  "1,2,11,14,16,20,20",
};

/* The run succeeds; tshark dissects it all as the trace does, picks the
 * expected version and suite out of the ServerHello, and decrypts every
 * encrypted record, the HTTP exchange among them. */
static void
test_tshark (gconstpointer data)
{
  const Variant *variant = data;
  g_autoptr(HlTrace) trace = run_edited (variant->edits);
  g_autoptr(GBytes) pcapng = hl_export_pcapng (trace);
  g_autoptr(GArray) segments = NULL;
  g_autoptr(JsonArray) frames = NULL;
  g_auto(Judge) judge = { NULL };
  g_autofree char *types = NULL;
  g_autofree char *versions = NULL;
  g_autofree char *expected_versions = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *body = NULL;
  Tally tally = { 0 };
  guint encrypted = 0;

  g_assert_cmpint (hl_trace_get_outcome (trace), ==, HL_OUTCOME_SUCCESS);
  g_assert_cmpuint (hl_trace_get_version (trace), ==, variant->version);
  g_assert_cmpuint (hl_trace_get_cipher_suite (trace), ==, variant->suite);

  segments = check_capture (trace, pcapng);
  g_assert_cmpuint (segments->len, ==, hl_trace_get_n_records (trace) + 6);

  if (!judge_init (&judge, pcapng))
    return;
  frames = judge_trace (&judge, trace, &tally);

  for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
    encrypted += hl_trace_get_record (trace, i)->encrypted;
  g_assert_cmpuint (tally.decrypted, ==, encrypted);

  /* The Finished messages appear only because tshark decrypted them. */
  types = all_values (frames, "tls.handshake.type");
  g_assert_cmpstr (types, ==, variant->handshake_types);
  /* ClientHello and ServerHello */
  versions = all_values (frames, "tls.handshake.version");
  expected_versions = g_strdup_printf ("0x%04x,0x%04x", variant->version, variant->version);
  g_assert_cmpstr (versions, ==, expected_versions);
  uri = all_values (frames, "http.request.uri");
  g_assert_cmpstr (uri, ==, "/");
  body = all_values (frames, "http.file_data");
  g_assert_true (g_str_has_prefix (body, "Hello from the Handshake Lab server."));
}

/* The negotiation under each ServerHello, judged by tshark: the client's
 * offer is the suite list tshark reads in the ClientHello as delivered,
 * the choice is the suite tshark reads in the ServerHello, and with the
 * server's preference it is the first suite of the scenario's server list
 * that the client offers. */
static void
assert_negotiation (JsonArray  *frames,
                    HlTrace    *trace,
                    HlScenario *scenario)
{
  gsize n_accepted;
  const guint16 *accepted = hl_scenario_get_suites (scenario, HL_ACTOR_SERVER, &n_accepted);
  g_autoptr(GArray) offered = g_array_new (FALSE, FALSE, sizeof (guint));
  guint hello = 0;

  for (guint i = 0; i < json_array_get_length (frames); i++)
    {
      g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (Occurrence));
      g_autoptr(GArray) suites = g_array_new (FALSE, FALSE, sizeof (Occurrence));
      HlField *negotiation = NULL;
      guint chosen, first = 0, n_entries = 0;
      g_autofree char *count = NULL;

      collect (json_array_get_element (frames, i), "tls.handshake.type", types);
      collect (json_array_get_element (frames, i), "tls.handshake.ciphersuite", suites);
      if (types->len == 0 || suites->len == 0)
        continue;

      if (g_str_equal (g_array_index (types, Occurrence, 0).hex, "01"))
        {
          g_array_set_size (offered, 0);
          for (guint j = 0; j < suites->len; j++)
            {
              guint suite = (guint)g_ascii_strtoull (g_array_index (suites, Occurrence, j).hex, NULL, 16);

              g_array_append_val (offered, suite);
            }
          continue;
        }

      g_assert_cmpstr (g_array_index (types, Occurrence, 0).hex, ==, "02");
      g_assert_cmpuint (offered->len, >, 0);
      chosen = (guint)g_ascii_strtoull (g_array_index (suites, Occurrence, 0).hex, NULL, 16);
      /* The first suite of the deciding side's list that the other has. */
      if (hl_scenario_get_server_preference (scenario))
        {
          for (gsize j = 0; j < n_accepted && first == 0; j++)
            for (guint k = 0; k < offered->len; k++)
              if (g_array_index (offered, guint, k) == accepted[j])
                first = accepted[j];
        }
      else
        {
          for (guint k = 0; k < offered->len && first == 0; k++)
            for (gsize j = 0; j < n_accepted; j++)
              if (g_array_index (offered, guint, k) == accepted[j])
                first = accepted[j];
        }
      g_assert_cmpuint (chosen, ==, first);

      /* The trace's own account of the same ServerHello. */
      for (guint j = 0, seen = 0; j < hl_trace_get_n_steps (trace) && negotiation == NULL; j++)
        {
          HlStep *step = hl_trace_get_step (trace, j);

          if (hl_step_get_handshake_type (step) == 2 && seen++ == hello)
            negotiation = hl_field_get_child_by_id (hl_step_get_fields (step), "negotiation");
        }
      g_assert_nonnull (negotiation);
      count = g_strdup_printf ("%u suite", offered->len);
      g_assert_true (g_str_has_prefix (hl_field_get_value (hl_field_get_child_by_id (negotiation, "negotiation.offered")),
                                       count));
      for (guint j = 0, k = 0; j < hl_field_get_n_children (negotiation); j++)
        {
          HlField *entry = hl_field_get_child (negotiation, j);
          gboolean marked = (hl_field_get_flags (entry) & HL_FIELD_FLAG_PASS) != 0;

          if (!hl_field_has_id (entry, "negotiation.server_suite"))
            continue;

          g_assert_cmpuint (k, <, n_accepted);
          g_assert_cmpint (marked, ==, accepted[k] == chosen);
          n_entries = ++k;
        }
      g_assert_cmpuint (n_entries, ==, n_accepted);
      hello++;
    }

  g_assert_cmpuint (hello, >, 0);
}

/* Every lesson, tampering included: tshark's dissection of its capture,
 * with the key log inside, agrees with the trace record by record and
 * field by field, decrypts exactly what the trace decrypted, and shows
 * each change of the network as the receiver got it. */
static void
test_tshark_lesson (gconstpointer data)
{
  const char *id = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (id, &error);
  g_autoptr(HlTrace) trace = NULL;
  g_autoptr(GBytes) pcapng = NULL;
  g_autoptr(GArray) segments = NULL;
  g_autoptr(JsonArray) frames = NULL;
  g_auto(Judge) judge = { NULL };
  Tally tally = { 0 };
  guint tampered = 0;

  g_assert_no_error (error);
  trace = hl_engine_run (scenario, &error);
  g_assert_no_error (error);
  pcapng = hl_export_pcapng (trace);
  /* This file's own reader knows one TCP connection; tshark reads them all. */
  if (hl_trace_get_n_connections (trace) == 1)
    segments = check_capture (trace, pcapng);

  if (!judge_init (&judge, pcapng))
    return;
  frames = judge_trace (&judge, trace, &tally);

  for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
    tampered += hl_trace_get_record (trace, i)->tampered != NULL;
  g_test_message ("%s: %u fields agree, %u decrypted records, %u changed fields shown as received",
                  id, tally.fields, tally.decrypted, tally.tampered_fields);
  if (hl_trace_get_version (trace) != 0)
    assert_negotiation (frames, trace, scenario);
  g_assert_cmpuint (tally.fields, >, 0);
  if (tampered == 0)
    g_assert_cmpuint (tally.tampered_fields, ==, 0);
}

/* A resumed session: two TCP connections from two client ports, and
 * Wireshark decrypts both with the two lines of the embedded key log. */
static void
test_tshark_resumption (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) scenario = hl_scenario_load_builtin ("resumption", &error);
  g_autoptr(HlTrace) trace = NULL;
  g_autoptr(GBytes) pcapng = NULL;
  g_auto(Judge) judge = { NULL };
  g_autofree char *http = NULL;
  g_autofree char *types = NULL;

  g_assert_no_error (error);
  trace = hl_engine_run (scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hl_trace_get_n_connections (trace), ==, 2);
  pcapng = hl_export_pcapng (trace);

  if (!judge_init (&judge, pcapng))
    return;

  http = judge_run (&judge, "-Y", "http", "-T", "fields", "-e", "tcp.srcport", "-e", "tcp.dstport",
                    "-e", "http.request.method", "-e", "http.response.code", NULL);
  g_assert_cmpstr (http, ==, "49152\t443\tGET\t\n443\t49152\t\t200\n49153\t443\tGET\t\n443\t49153\t\t200\n");

  /* The second handshake is abbreviated: hellos and Finished only. */
  types = judge_run (&judge, "-Y", "tcp.port == 49153 && tls.handshake", "-T", "fields",
                     "-e", "tls.handshake.type", NULL);
  g_assert_cmpstr (types, ==, "1\n2\n20\n20\n");
}

void
hl_test_capture_add_tshark_tests (const char * const *ids)
{
  g_test_add_data_func ("/capture/tshark/rsa-aes128-gcm", &rsa_basic, test_tshark);
  g_test_add_data_func ("/capture/tshark/ecdhe-rsa-chacha20-poly1305", &ecdhe_rsa_chacha20, test_tshark);
  g_test_add_data_func ("/capture/tshark/ecdhe-ecdsa-aes256-cbc-sha384", &ecdhe_ecdsa_aes256_cbc, test_tshark);
  g_test_add_data_func ("/capture/tshark/tls10-rsa-aes128-cbc-sha", &tls10_cbc, test_tshark);
  g_test_add_func ("/capture/tshark/resumption", test_tshark_resumption);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("/capture/tshark/lesson/%s", ids[i]);

      g_test_add_data_func (path, ids[i], test_tshark_lesson);
    }
}
