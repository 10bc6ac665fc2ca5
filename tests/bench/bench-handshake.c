/* bench-handshake.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <bearssl.h>
#ifdef HAVE_CALLGRIND_H
#include <valgrind/callgrind.h>
#endif

#include "hl-engine.h"
#include "hl-export.h"

/*
 * What the lab costs over the handshake it shows.  For a scenario, a full
 * traced run (hooks, decoding, key recomputation, record decryption, chain
 * checks, trace) against the same handshake pumped by a bare BearSSL loop:
 * same keys, certificates, suite, seed and application data, no hooks, no
 * trace.  The runs alternate, each going first every other time, so that
 * both see the same machine.  Before timing, one bare run's records are
 * compared with the traced run's: the two loops must put the very same
 * bytes on the wire.  Prints "name: value unit" lines.
 *
 * With --instructions, under valgrind --tool=callgrind: after a run of
 * each kind, a few traced-and-freed runs and then as many bare runs of
 * each lesson, each set written out as a dump of its own (named by the
 * trigger, "rsa-basic-traced-and-freed"), for instructions that a busy
 * machine does not blur.
 */

#define RUNS 200

typedef struct
{
  br_ssl_engine_context *eng;
  gboolean               client;
  GByteArray            *in;
  gboolean               done;
  const char            *request;   /* the client's */
  gsize                  request_len;
  GByteArray            *wire;      /* when checking: every byte this side sent */
} Side;

/* What the engine's server answers (hl-engine.c, run_app()). */
static const char response[] = "HTTP/1.1 200 OK\r\n"
                               "Content-Type: text/plain; charset=utf-8\r\n"
                               "Content-Length: 75\r\n"
                               "Connection: close\r\n"
                               "\r\n"
                               "Hello from the Handshake Lab server.\n"
                               "This text crossed the wire encrypted.\n";

static gboolean
move_records (Side *from,
              Side *to)
{
  gboolean progress = FALSE;
  unsigned char *out, *in;
  size_t out_len, in_len;

  while ((out = br_ssl_engine_sendrec_buf (from->eng, &out_len)) != NULL &&
         (in = br_ssl_engine_recvrec_buf (to->eng, &in_len)) != NULL)
    {
      size_t n = MIN (out_len, in_len);

      if (from->wire != NULL)
        g_byte_array_append (from->wire, out, n);
      memcpy (in, out, n);
      br_ssl_engine_sendrec_ack (from->eng, n);
      br_ssl_engine_recvrec_ack (to->eng, n);
      progress = TRUE;
    }

  return progress;
}

static gboolean
application (Side *side)
{
  unsigned state = br_ssl_engine_current_state (side->eng);
  gboolean progress = FALSE;
  unsigned char *buf;
  size_t len;

  if (state & BR_SSL_RECVAPP)
    while ((buf = br_ssl_engine_recvapp_buf (side->eng, &len)) != NULL)
      {
        g_byte_array_append (side->in, buf, len);
        br_ssl_engine_recvapp_ack (side->eng, len);
        progress = TRUE;
      }

  if (side->done || !(state & BR_SSL_SENDAPP))
    return progress;

  if (side->client && side->in->len == 0 && (buf = br_ssl_engine_sendapp_buf (side->eng, &len)) != NULL)
    {
      g_assert_cmpuint (len, >=, side->request_len);
      memcpy (buf, side->request, side->request_len);
      br_ssl_engine_sendapp_ack (side->eng, side->request_len);
      br_ssl_engine_flush (side->eng, 0);
      side->in = g_byte_array_set_size (side->in, 0);
      side->done = TRUE;
      return TRUE;
    }

  if (!side->client && side->in->len >= side->request_len && (buf = br_ssl_engine_sendapp_buf (side->eng, &len)) != NULL)
    {
      g_assert_cmpuint (len, >=, sizeof response - 1);
      memcpy (buf, response, sizeof response - 1);
      br_ssl_engine_sendapp_ack (side->eng, sizeof response - 1);
      br_ssl_engine_flush (side->eng, 0);
      side->done = TRUE;
      return TRUE;
    }

  return progress;
}

/* The engine's entropy for one side (hl-engine.c, seed_engine()). */
static void
seed_side (br_ssl_engine_context *eng,
           guint64                seed,
           const char            *who)
{
  br_sha256_context sha;
  guint8 entropy[br_sha256_SIZE];
  guint8 le[8];

  for (guint i = 0; i < 8; i++)
    le[i] = (seed >> (8 * i)) & 0xff;

  br_sha256_init (&sha);
  br_sha256_update (&sha, who, strlen (who));
  br_sha256_update (&sha, le, sizeof le);
  br_sha256_out (&sha, entropy);
  eng->rng_os_rand_done = 1;
  br_ssl_engine_inject_entropy (eng, entropy, sizeof entropy);
}

/* The same handshake, bare: no hooks, no trace.  With @wire, each side's
 * bytes on the wire are kept there. */
static void
bare_run (HlScenario *scenario,
          GByteArray *wire[2])
{
  HlPki *pki = hl_scenario_get_pki (scenario, NULL);
  const char * const *chain_names = hl_scenario_get_server_chain (scenario);
  HlKey *key = hl_pki_get_key (pki, chain_names[0]);
  br_ssl_client_context *cc = g_new0 (br_ssl_client_context, 1);
  br_x509_minimal_context *xc = g_new0 (br_x509_minimal_context, 1);
  br_ssl_server_context *sc = g_new0 (br_ssl_server_context, 1);
  g_autofree unsigned char *cbuf = g_malloc (BR_SSL_BUFSIZE_BIDI);
  g_autofree unsigned char *sbuf = g_malloc (BR_SSL_BUFSIZE_BIDI);
  const br_x509_certificate *chain;
  const br_x509_trust_anchor *anchors;
  gsize n_chain, n_anchors, n_suites;
  const guint16 *suites;
  guint min, max;
  gint64 clock = hl_scenario_get_clock (scenario);
  g_autofree char *request = g_strdup_printf ("GET %s HTTP/1.1\r\n"
                                              "Host: %s\r\n"
                                              "User-Agent: handshake-lab/" PACKAGE_VERSION "\r\n"
                                              "Connection: close\r\n"
                                              "\r\n",
                                              hl_scenario_get_request_path (scenario),
                                              hl_scenario_get_server_name (scenario));
  Side client = { &cc->eng, TRUE, g_byte_array_new (), FALSE, request, strlen (request), wire ? wire[0] : NULL };
  Side server = { &sc->eng, FALSE, g_byte_array_new (), FALSE, request, strlen (request), wire ? wire[1] : NULL };
  gboolean closing = FALSE;

  chain = hl_pki_get_chain (pki, chain_names, &n_chain, NULL);
  anchors = hl_pki_get_trust_anchors (pki, hl_scenario_get_client_trust (scenario), &n_anchors, NULL);

  br_ssl_client_init_full (cc, xc, anchors, n_anchors);
  hl_scenario_get_versions (scenario, HL_ACTOR_CLIENT, &min, &max);
  br_ssl_engine_set_versions (&cc->eng, min, max);
  suites = hl_scenario_get_suites (scenario, HL_ACTOR_CLIENT, &n_suites);
  if (n_suites > 0)
    br_ssl_engine_set_suites (&cc->eng, suites, n_suites);
  br_x509_minimal_set_time (xc, (uint32_t)(719528 + clock / 86400), (uint32_t)(clock % 86400));

  if (hl_key_get_key_type (key) == HL_KEY_TYPE_RSA)
    br_ssl_server_init_full_rsa (sc, chain, n_chain, hl_key_get_rsa (key));
  else
    br_ssl_server_init_full_ec (sc, chain, n_chain, BR_KEYTYPE_RSA, hl_key_get_ec (key));
  hl_scenario_get_versions (scenario, HL_ACTOR_SERVER, &min, &max);
  br_ssl_engine_set_versions (&sc->eng, min, max);
  suites = hl_scenario_get_suites (scenario, HL_ACTOR_SERVER, &n_suites);
  br_ssl_engine_set_suites (&sc->eng, suites, n_suites);
  if (hl_scenario_get_server_preference (scenario))
    br_ssl_engine_add_flags (&sc->eng, BR_OPT_ENFORCE_SERVER_PREFERENCES);

  br_ssl_engine_set_buffer (&cc->eng, cbuf, BR_SSL_BUFSIZE_BIDI, 1);
  br_ssl_engine_set_buffer (&sc->eng, sbuf, BR_SSL_BUFSIZE_BIDI, 1);
  seed_side (&cc->eng, hl_scenario_get_seed (scenario), "handshake-lab client");
  seed_side (&sc->eng, hl_scenario_get_seed (scenario), "handshake-lab server");
  br_ssl_client_reset (cc, hl_scenario_get_server_name (scenario), 0);
  br_ssl_server_reset (sc);

  for (guint round = 0; round < 10000; round++)
    {
      gboolean progress = FALSE;

      progress |= move_records (&client, &server);
      progress |= move_records (&server, &client);
      progress |= application (&client);
      progress |= application (&server);

      if (!closing && server.done && client.in->len >= sizeof response - 1)
        {
          br_ssl_engine_close (&cc->eng);
          closing = TRUE;
          progress = TRUE;
        }

      if (!progress)
        break;
    }

  g_assert_true (closing);
  g_assert_cmpint (br_ssl_engine_last_error (&cc->eng), ==, 0);
  g_assert_cmpint (br_ssl_engine_last_error (&sc->eng), ==, 0);
  g_assert_true (br_ssl_engine_current_state (&cc->eng) == BR_SSL_CLOSED);
  g_assert_true (br_ssl_engine_current_state (&sc->eng) == BR_SSL_CLOSED);

  g_byte_array_unref (client.in);
  g_byte_array_unref (server.in);
  g_free (cc);
  g_free (xc);
  g_free (sc);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

static double
median_ms (GArray *times)
{
  g_array_sort (times, compare_times);
  return g_array_index (times, gint64, times->len / 2) / 1000.0;
}

/* The comparison is fair only if both loops run the same handshake. */
static void
check_same_wire (HlScenario *scenario)
{
  g_autoptr(HlTrace) trace = hl_engine_run (scenario, NULL);
  g_autoptr(GByteArray) traced_client = g_byte_array_new ();
  g_autoptr(GByteArray) traced_server = g_byte_array_new ();
  g_autoptr(GByteArray) bare_client = g_byte_array_new ();
  g_autoptr(GByteArray) bare_server = g_byte_array_new ();
  GByteArray *wire[2] = { bare_client, bare_server };

  for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
    {
      const HlRecord *record = hl_trace_get_record (trace, i);

      g_byte_array_append (record->sender == HL_ACTOR_CLIENT ? traced_client : traced_server,
                           g_bytes_get_data (record->bytes, NULL), g_bytes_get_size (record->bytes));
    }

  bare_run (scenario, wire);
  g_assert_cmpmem (bare_client->data, bare_client->len, traced_client->data, traced_client->len);
  g_assert_cmpmem (bare_server->data, bare_server->len, traced_server->data, traced_server->len);
}

/* The run, and apart from it the run and the freeing of its trace. */
static gint64
time_traced (HlScenario *scenario,
             gint64     *with_free)
{
  gint64 start = g_get_monotonic_time ();
  HlTrace *trace = hl_engine_run (scenario, NULL);
  gint64 time = g_get_monotonic_time () - start;

  g_assert_cmpint (hl_trace_get_outcome (trace), ==, HL_OUTCOME_SUCCESS);
  start = g_get_monotonic_time ();
  g_object_unref (trace);
  *with_free = time + g_get_monotonic_time () - start;

  return time;
}

static gint64
time_bare (HlScenario *scenario)
{
  gint64 start = g_get_monotonic_time ();

  bare_run (scenario, NULL);

  return g_get_monotonic_time () - start;
}

static void
overhead (const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (id, &error);
  g_autoptr(GArray) traced = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) freed = g_array_new (FALSE, FALSE, sizeof (gint64));
  double t, b, f;

  g_assert_no_error (error);
  g_assert_nonnull (hl_scenario_get_pki (scenario, &error));
  check_same_wire (scenario);

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 run, alone, with_free;

      if (i % 2 == 0)
        run = time_traced (scenario, &with_free), alone = time_bare (scenario);
      else
        alone = time_bare (scenario), run = time_traced (scenario, &with_free);
      g_array_append_val (traced, run);
      g_array_append_val (bare, alone);
      g_array_append_val (freed, with_free);
    }

  t = median_ms (traced);
  b = median_ms (bare);
  f = median_ms (freed);
  g_print ("%s-traced-median: %.3f ms\n", id, t);
  g_print ("%s-bare-median: %.3f ms\n", id, b);
  g_print ("%s-traced-over-bare: %.3f ratio\n", id, t / b);
  /* Freeing the trace is the reader's cost, not the run's; shown apart. */
  g_print ("%s-traced-and-freed-over-bare: %.3f ratio\n", id, f / b);
}

/* The whole catalog, each lesson once, with every export into memory. */
static void
catalog (void)
{
  g_auto(GStrv) ids = hl_scenario_list_builtin ();
  guint n = g_strv_length (ids);
  gint64 start = g_get_monotonic_time ();
  gint64 half = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (ids[i], NULL);
      g_autoptr(HlTrace) trace = hl_engine_run (scenario, NULL);
      g_autofree char *json = hl_export_json_string (trace, FALSE);
      g_autoptr(GBytes) pcapng = hl_export_pcapng (trace);
      g_autofree char *keylog = hl_export_keylog (trace);

      g_assert_true (json != NULL && pcapng != NULL && keylog != NULL);

      if (i + 1 == n / 2)
        half = g_get_monotonic_time () - start;
    }

  g_print ("catalog-scenarios: %u count\n", n);
  g_print ("catalog-total: %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  g_print ("catalog-first-half: %.1f ms\n", half / 1000.0);
  g_print ("catalog-per-scenario: %.2f ms\n", (g_get_monotonic_time () - start) / 1000.0 / n);
}

#define INSTRUCTION_RUNS 3

static void
instructions (const char *id)
{
  g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (id, NULL);
  g_autofree char *traced = g_strdup_printf ("%s-traced-and-freed", id);
  g_autofree char *bare = g_strdup_printf ("%s-bare", id);

  g_assert_nonnull (hl_scenario_get_pki (scenario, NULL));
  g_object_unref (hl_engine_run (scenario, NULL));
  bare_run (scenario, NULL);

#ifdef HAVE_CALLGRIND_H
  CALLGRIND_ZERO_STATS;
#endif
  for (guint i = 0; i < INSTRUCTION_RUNS; i++)
    g_object_unref (hl_engine_run (scenario, NULL));
#ifdef HAVE_CALLGRIND_H
  CALLGRIND_DUMP_STATS_AT (traced);
#endif
  for (guint i = 0; i < INSTRUCTION_RUNS; i++)
    bare_run (scenario, NULL);
#ifdef HAVE_CALLGRIND_H
  CALLGRIND_DUMP_STATS_AT (bare);
#endif
  g_print ("%s: callgrind dumps %s and %s, %u runs each\n", id, traced, bare, INSTRUCTION_RUNS);
}

int
main (int   argc,
      char *argv[])
{
  if (argc > 1 && strcmp (argv[1], "--instructions") == 0)
    {
      instructions ("rsa-basic");
      instructions ("ecdhe-rsa");
      return 0;
    }

  overhead ("rsa-basic");
  overhead ("ecdhe-rsa");
  catalog ();

  return 0;
}
