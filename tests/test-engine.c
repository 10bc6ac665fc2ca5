/* test-engine.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <bearssl.h>

#include "hl-engine.h"
#include "hl-export.h"
#include "hl-prf.h"

static HlTrace *
run_builtin (const char *id,
             guint64     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (id, &error);
  HlTrace *trace;

  g_assert_no_error (error);
  hl_scenario_set_seed (scenario, seed);
  trace = hl_engine_run (scenario, &error);
  g_assert_no_error (error);
  g_assert_true (hl_trace_is_sealed (trace));

  return trace;
}

/* rsa-basic with one line replaced, to vary a single thing. */
static HlTrace *
run_variant (const char *from,
             const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/scenarios/rsa-basic.scenario", 0, &error);
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(HlScenario) scenario = NULL;
  HlTrace *trace;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  edited = g_string_new (text);
  g_assert_nonnull (strstr (text, from));
  g_string_replace (edited, from, to, 1);

  scenario = hl_scenario_new_from_data (edited->str, edited->len, "variant.scenario", &error);
  g_assert_no_error (error);
  trace = hl_engine_run (scenario, &error);
  g_assert_no_error (error);

  return trace;
}

typedef struct
{
  HlActor     actor;
  HlStepKind  kind;
  int         handshake_type;
} Expected;

static void
test_sequence (void)
{
  g_autoptr(HlTrace) trace = run_builtin ("rsa-basic", 1);
  static const Expected expected[] = {
    { HL_ACTOR_CLIENT, HL_STEP_HANDSHAKE, 1 },           /* ClientHello */
    { HL_ACTOR_SERVER, HL_STEP_HANDSHAKE, 2 },           /* ServerHello */
    { HL_ACTOR_SERVER, HL_STEP_HANDSHAKE, 11 },          /* Certificate */
    { HL_ACTOR_SERVER, HL_STEP_HANDSHAKE, 14 },          /* ServerHelloDone */
    { HL_ACTOR_CLIENT, HL_STEP_HANDSHAKE, 16 },          /* ClientKeyExchange */
    { HL_ACTOR_CLIENT, HL_STEP_CHANGE_CIPHER_SPEC, -1 },
    { HL_ACTOR_CLIENT, HL_STEP_HANDSHAKE, 20 },          /* Finished */
    { HL_ACTOR_SERVER, HL_STEP_CHANGE_CIPHER_SPEC, -1 },
    { HL_ACTOR_SERVER, HL_STEP_HANDSHAKE, 20 },          /* Finished */
    { HL_ACTOR_CLIENT, HL_STEP_APPLICATION_DATA, -1 },   /* GET */
    { HL_ACTOR_SERVER, HL_STEP_APPLICATION_DATA, -1 },   /* 200 OK */
    { HL_ACTOR_CLIENT, HL_STEP_ALERT, -1 },              /* close_notify */
    { HL_ACTOR_SERVER, HL_STEP_ALERT, -1 },              /* close_notify */
  };
  /* The content types of the records themselves, read from their headers. */
  static const guint8 record_types[] = { 22, 22, 22, 20, 22, 20, 22, 23, 23, 21, 21 };
  guint seen = 0;

  g_assert_cmpint (hl_trace_get_outcome (trace), ==, HL_OUTCOME_SUCCESS);
  g_assert_cmpint (hl_trace_get_error (trace, HL_ACTOR_CLIENT), ==, 0);
  g_assert_cmpint (hl_trace_get_error (trace, HL_ACTOR_SERVER), ==, 0);
  g_assert_false (hl_trace_get_peer_waiting (trace));
  g_assert_cmpuint (hl_trace_get_version (trace), ==, 0x0303);
  g_assert_cmpuint (hl_trace_get_cipher_suite (trace), ==, 0x009C);

  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);

      if (!hl_step_is_message (step))
        continue;

      g_assert_cmpuint (seen, <, G_N_ELEMENTS (expected));
      g_assert_cmpint (hl_step_get_actor (step), ==, expected[seen].actor);
      g_assert_cmpint (hl_step_get_kind (step), ==, expected[seen].kind);
      g_assert_cmpint (hl_step_get_handshake_type (step), ==, expected[seen].handshake_type);
      seen++;
    }
  g_assert_cmpuint (seen, ==, G_N_ELEMENTS (expected));

  /* ServerHello, Certificate and ServerHelloDone share one record. */
  g_assert_cmpuint (hl_trace_get_n_records (trace), ==, G_N_ELEMENTS (record_types));
  for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
    {
      const HlRecord *record = hl_trace_get_record (trace, i);
      const guint8 *p = g_bytes_get_data (record->bytes, NULL);

      g_assert_cmpuint (p[0], ==, record_types[i]);
      g_assert_cmpuint (p[1], ==, 0x03);
      g_assert_cmpuint (((gsize)p[3] << 8 | p[4]) + 5, ==, g_bytes_get_size (record->bytes));
      g_assert_true (record->delivered);
    }
}

static GBytes *
hello_random (HlTrace *trace,
              int      handshake_type)
{
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);

      if (hl_step_get_handshake_type (step) == handshake_type && !hl_step_get_encrypted (step))
        /* the record header, then type (1), length (3), version (2) and 32 random bytes */
        return g_bytes_new_from_bytes (hl_step_get_bytes (step), hl_step_get_header_length (step) + 6, 32);
    }

  g_assert_not_reached ();
}

static void
test_secrets (void)
{
  g_autoptr(HlTrace) trace = run_builtin ("rsa-basic", 1);
  HlSecrets *c = hl_trace_get_secrets (trace, HL_ACTOR_CLIENT);
  HlSecrets *s = hl_trace_get_secrets (trace, HL_ACTOR_SERVER);
  g_autoptr(GBytes) wire_client_random = hello_random (trace, 1);
  g_autoptr(GBytes) wire_server_random = hello_random (trace, 2);
  g_autoptr(GBytes) master = NULL;
  g_autoptr(GBytes) key_block = NULL;
  const guint8 *pms;
  const guint8 *block;
  gsize len;

  g_assert_nonnull (c->master_secret);
  g_assert_cmpuint (g_bytes_get_size (c->master_secret), ==, 48);
  g_assert_true (g_bytes_equal (c->master_secret, s->master_secret));
  g_assert_true (g_bytes_equal (c->pre_master_secret, s->pre_master_secret));
  g_assert_true (g_bytes_equal (c->key_block, s->key_block));
  g_assert_true (g_bytes_equal (c->client_verify_data, s->client_verify_data));
  g_assert_true (g_bytes_equal (c->server_verify_data, s->server_verify_data));
  g_assert_cmpuint (g_bytes_get_size (c->client_verify_data), ==, 12);

  /* The randoms the PRF saw are the ones on the wire; BearSSL zeroes the
   * first four bytes (no gmt_unix_time). */
  g_assert_true (g_bytes_equal (c->client_random, wire_client_random));
  g_assert_true (g_bytes_equal (c->server_random, wire_server_random));
  g_assert_true (g_bytes_equal (s->client_random, wire_client_random));
  g_assert_cmpmem (g_bytes_get_data (wire_client_random, NULL), 4, "\0\0\0\0", 4);

  /* RFC 5246 §7.4.7.1: the pre-master secret starts with the version the
   * client offered. */
  pms = g_bytes_get_data (c->pre_master_secret, &len);
  g_assert_cmpuint (len, ==, 48);
  g_assert_cmpuint (pms[0], ==, 0x03);
  g_assert_cmpuint (pms[1], ==, 0x03);

  /* PKCS #1 v1.5 type 2 block around it, seen alike on both sides. */
  g_assert_true (g_bytes_equal (c->rsa_block, s->rsa_block));
  block = g_bytes_get_data (c->rsa_block, &len);
  g_assert_cmpuint (len, ==, 256);
  g_assert_cmpuint (block[0], ==, 0x00);
  g_assert_cmpuint (block[1], ==, 0x02);
  for (gsize i = 2; i < len - 49; i++)
    g_assert_cmpuint (block[i], !=, 0x00);
  g_assert_cmpuint (block[len - 49], ==, 0x00);
  g_assert_cmpmem (block + len - 48, 48, pms, 48);

  /* Recomputed with our own PRF (GLib's HMAC, nothing of BearSSL). */
  master = hl_prf_bytes (HL_PRF_SHA256, c->pre_master_secret, "master secret",
                         wire_client_random, wire_server_random, 48);
  g_assert_true (g_bytes_equal (master, c->master_secret));

  key_block = hl_prf_bytes (HL_PRF_SHA256, master, "key expansion",
                            wire_server_random, wire_client_random, g_bytes_get_size (c->key_block));
  g_assert_true (g_bytes_equal (key_block, c->key_block));
  /* AES-128-GCM: two 16-byte keys and two 4-byte implicit IVs. */
  g_assert_cmpuint (g_bytes_get_size (c->key_block), ==, 40);
}

static GBytes *
all_records (HlTrace *trace)
{
  GByteArray *all = g_byte_array_new ();

  for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
    {
      const HlRecord *r = hl_trace_get_record (trace, i);

      g_byte_array_append (all, g_bytes_get_data (r->bytes, NULL), g_bytes_get_size (r->bytes));
    }

  return g_byte_array_free_to_bytes (all);
}

static void
test_determinism (void)
{
  g_autoptr(HlTrace) a = run_builtin ("rsa-basic", 7);
  g_autoptr(HlTrace) b = run_builtin ("rsa-basic", 7);
  g_autoptr(HlTrace) c = run_builtin ("rsa-basic", 8);
  g_autoptr(GBytes) wire_a = all_records (a);
  g_autoptr(GBytes) wire_b = all_records (b);
  g_autoptr(GBytes) wire_c = all_records (c);
  g_autofree char *json_a = hl_export_json_string (a, FALSE);
  g_autofree char *json_b = hl_export_json_string (b, FALSE);
  g_autofree char *json_c = hl_export_json_string (c, FALSE);

  g_assert_true (g_bytes_equal (wire_a, wire_b));
  g_assert_cmpstr (json_a, ==, json_b);

  g_assert_false (g_bytes_equal (wire_a, wire_c));
  g_assert_cmpstr (json_a, !=, json_c);
  g_assert_false (g_bytes_equal (hl_trace_get_secrets (a, HL_ACTOR_CLIENT)->client_random,
                                 hl_trace_get_secrets (c, HL_ACTOR_CLIENT)->client_random));
  g_assert_false (g_bytes_equal (hl_trace_get_secrets (a, HL_ACTOR_SERVER)->server_random,
                                 hl_trace_get_secrets (c, HL_ACTOR_SERVER)->server_random));
  g_assert_false (g_bytes_equal (hl_trace_get_secrets (a, HL_ACTOR_CLIENT)->master_secret,
                                 hl_trace_get_secrets (c, HL_ACTOR_CLIENT)->master_secret));
  g_assert_cmpint (hl_trace_get_outcome (c), ==, HL_OUTCOME_SUCCESS);
}

/* Certificate validity follows the scenario's clock, never the machine's:
 * moved 30 years ahead, the run still succeeds (the certificates move with
 * it); a certificate that ends before the clock is expired. */
static void
test_clock (void)
{
  g_autoptr(HlTrace) future = run_variant ("clock=2026-03-01T12:00:00Z", "clock=2056-03-01T12:00:00Z");
  g_autoptr(HlTrace) expired = run_variant ("valid-from=-30d\nvalid-until=+365d",
                                            "valid-from=2025-01-01T00:00:00Z\nvalid-until=2026-01-01T00:00:00Z");
  HlStep *last;

  g_assert_cmpint (hl_trace_get_outcome (future), ==, HL_OUTCOME_SUCCESS);

  g_assert_cmpint (hl_trace_get_outcome (expired), ==, HL_OUTCOME_FAILED);
  g_assert_cmpint (hl_trace_get_failed_side (expired), ==, HL_ACTOR_CLIENT);
  g_assert_cmpint (hl_trace_get_error (expired, HL_ACTOR_CLIENT), ==, 54); /* BR_ERR_X509_EXPIRED */
  g_assert_cmpint (hl_trace_get_alert_sent (expired, HL_ACTOR_CLIENT), ==, -1);
  g_assert_cmpint (hl_trace_get_error (expired, HL_ACTOR_SERVER), ==, 0);
  g_assert_true (hl_trace_get_peer_waiting (expired));
  g_assert_cmpuint (hl_trace_get_failed_story (expired), ==, 3);
  g_assert_null (hl_trace_get_secrets (expired, HL_ACTOR_CLIENT)->master_secret);
  g_assert_nonnull (hl_trace_get_secrets (expired, HL_ACTOR_CLIENT)->server_random);

  /* The run ends with the server waiting, and says so. */
  last = hl_trace_get_step (expired, hl_trace_get_n_steps (expired) - 1);
  g_assert_cmpint (hl_step_get_actor (last), ==, HL_ACTOR_SERVER);
  g_assert_cmpint (hl_step_get_kind (last), ==, HL_STEP_STATE);
  g_assert_cmpint (hl_step_get_verdict (last), ==, HL_VERDICT_FAILED);
}

/* No common cipher suite: the server refuses with a handshake_failure
 * alert (BearSSL error 512 + 40), and the client receives it (256 + 40). */
static void
test_no_common_suite (void)
{
  /* A client that offers one suite, which is not in the server's list. */
  g_autoptr(HlTrace) trace = run_variant ("versions=TLS 1.2\nserver-name",
                                          "versions=TLS 1.2\nsuites=TLS_RSA_WITH_AES_256_CBC_SHA256\nserver-name");
  gboolean saw_alert = FALSE;

  g_assert_cmpint (hl_trace_get_outcome (trace), ==, HL_OUTCOME_FAILED);
  g_assert_cmpint (hl_trace_get_failed_side (trace), ==, HL_ACTOR_SERVER);
  g_assert_cmpint (hl_trace_get_error (trace, HL_ACTOR_SERVER), ==, 512 + 40);
  g_assert_cmpint (hl_trace_get_alert_sent (trace, HL_ACTOR_SERVER), ==, 40);
  g_assert_cmpint (hl_trace_get_error (trace, HL_ACTOR_CLIENT), ==, 256 + 40);
  g_assert_false (hl_trace_get_peer_waiting (trace));
  g_assert_cmpuint (hl_trace_get_version (trace), ==, 0);

  for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
    {
      const HlRecord *r = hl_trace_get_record (trace, i);
      const guint8 *p = g_bytes_get_data (r->bytes, NULL);

      if (r->content_type == 21)
        {
          g_assert_cmpint (r->sender, ==, HL_ACTOR_SERVER);
          g_assert_cmpuint (g_bytes_get_size (r->bytes), ==, 7);
          g_assert_cmpuint (p[5], ==, 2);  /* fatal */
          g_assert_cmpuint (p[6], ==, 40); /* handshake_failure */
          saw_alert = TRUE;
        }
    }
  g_assert_true (saw_alert);
}

/* OpenSSL, an outside judge, must parse the certificates the client
 * received in the run. */
static void
test_certificates_openssl (void)
{
  g_autoptr(HlTrace) trace = run_builtin ("rsa-basic", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-engine-XXXXXX", &error);
  guint n_certs = 0;
  g_autofree char *openssl = g_find_program_in_path ("openssl");

  g_assert_no_error (error);
  if (openssl == NULL)
    {
      g_test_fail_printf ("openssl is not installed; build-aux/deps installs it");
      return;
    }

  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);
      HlField *fields = hl_step_get_fields (step);

      if (hl_step_get_kind (step) != HL_STEP_CHECK || fields == NULL)
        continue;

      g_assert_cmpint (hl_step_get_verdict (step), ==, HL_VERDICT_OK);

      for (guint j = 0; j < hl_field_get_n_children (fields); j++)
        {
          HlField *der_field = hl_field_get_child_by_id (hl_field_get_child (fields, j), "x509.der");
          GBytes *der = der_field ? hl_field_get_data (der_field) : NULL;
          g_autofree char *path = NULL;
          g_autofree char *out = NULL;
          g_autofree char *err = NULL;
          int status;
          const char *argv[] = { openssl, "x509", "-inform", "DER", "-noout", "-text", "-in", NULL, NULL };

          if (der == NULL)
            continue;

          path = g_strdup_printf ("%s/cert%u.der", dir, n_certs);
          g_assert_true (g_file_set_contents (path, g_bytes_get_data (der, NULL), g_bytes_get_size (der), NULL));
          argv[7] = path;
          g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                       &out, &err, &status, &error));
          g_assert_no_error (error);
          g_assert_true (g_spawn_check_wait_status (status, NULL));
          g_assert_nonnull (strstr (out, "Version: 3 (0x2)"));

          if (n_certs == 0)
            {
              g_assert_nonnull (strstr (out, "Subject: O = Handshake Lab, CN = www.handshake-lab.test"));
              g_assert_nonnull (strstr (out, "DNS:www.handshake-lab.test"));
              g_assert_nonnull (strstr (out, "Issuer: O = Handshake Lab, CN = Handshake Lab Demo Intermediate CA"));
            }
          else
            {
              g_assert_nonnull (strstr (out, "CA:TRUE, pathlen:0"));
            }

          g_unlink (path);
          n_certs++;
        }
    }

  g_rmdir (dir);
  g_assert_cmpuint (n_certs, ==, 2); /* the leaf and the intermediate */
}

/* Resumption: the second ClientHello offers the session ID the first
 * ServerHello gave; the server accepts it (same ID back), no certificate
 * and no key exchange cross the wire, the master secret is reused and the
 * keys are new. */
static void
test_resumption (void)
{
  g_autoptr(HlTrace) trace = run_builtin ("resumption", 30);
  GBytes *hellos[2][2] = { { NULL, NULL }, { NULL, NULL } };
  guint certificates[2] = { 0, 0 };
  guint key_exchanges[2] = { 0, 0 };
  guint connection = 0;
  HlSecrets *first, *second;

  g_assert_cmpint (hl_trace_get_outcome (trace), ==, HL_OUTCOME_SUCCESS);
  g_assert_cmpuint (hl_trace_get_n_connections (trace), ==, 2);

  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);
      int type = hl_step_get_handshake_type (step);

      if (hl_step_get_record (step) >= 0)
        connection = hl_trace_get_record (trace, hl_step_get_record (step))->connection;
      if (type == 1 || type == 2)
        {
          /* A hello opens its record: its header comes first. */
          g_assert_cmpuint (hl_step_get_header_length (step), ==, 5);
          g_clear_pointer (&hellos[connection][type - 1], g_bytes_unref);
          hellos[connection][type - 1] = g_bytes_new_from_bytes (hl_step_get_bytes (step), 5,
                                                                 g_bytes_get_size (hl_step_get_bytes (step)) - 5);
        }
      certificates[connection] += type == 11;
      key_exchanges[connection] += type == 16;
    }

  g_assert_cmpuint (certificates[0], ==, 1);
  g_assert_cmpuint (key_exchanges[0], ==, 1);
  g_assert_cmpuint (certificates[1], ==, 0);
  g_assert_cmpuint (key_exchanges[1], ==, 0);

  /* Session IDs: after type (1), length (3), version (2) and random (32),
   * one length byte and the ID (RFC 5246 §7.4.1.2–3). */
  {
    const guint8 *sh1 = g_bytes_get_data (hellos[0][1], NULL);
    const guint8 *ch2 = g_bytes_get_data (hellos[1][0], NULL);
    const guint8 *sh2 = g_bytes_get_data (hellos[1][1], NULL);

    g_assert_cmpuint (sh1[38], ==, 32);
    g_assert_cmpmem (ch2 + 39, ch2[38], sh1 + 39, sh1[38]);
    g_assert_cmpmem (sh2 + 39, sh2[38], sh1 + 39, sh1[38]);
  }

  first = hl_trace_get_connection_secrets (trace, 0, HL_ACTOR_CLIENT);
  second = hl_trace_get_connection_secrets (trace, 1, HL_ACTOR_CLIENT);
  g_assert_true (g_bytes_equal (first->master_secret, second->master_secret));
  g_assert_false (g_bytes_equal (first->client_random, second->client_random));
  g_assert_false (g_bytes_equal (first->key_block, second->key_block));
  g_assert_null (second->pre_master_secret);
  g_assert_cmpuint (hl_trace_get_keys_report (trace)->values_differ, ==, 0);
  g_assert_cmpuint (hl_trace_get_keys_report (trace)->records_decrypted, ==, 12);

  for (guint c = 0; c < 2; c++)
    for (guint type = 0; type < 2; type++)
      g_bytes_unref (hellos[c][type]);
}

/* The signed message of @type in the first connection. */
static HlStep *
signed_step (HlTrace *trace,
             int      type)
{
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);

      if (hl_step_get_kind (step) == HL_STEP_HANDSHAKE && hl_step_get_handshake_type (step) == type)
        return step;
    }

  return NULL;
}

/* The signature checks keep their ids, sign what the engines used (the
 * randoms BearSSL's PRF was given) and say the result in a claim; OpenSSL
 * judges the verdicts themselves in tests/test-signatures.py. */
static void
test_signature_checks (void)
{
  g_autoptr(HlTrace) good = run_builtin ("ecdhe-rsa", 2);
  g_autoptr(HlTrace) wrong = run_builtin ("server-wrong-key", 31);
  g_autoptr(HlTrace) mutual = run_builtin ("mutual-tls", 5);
  g_autoptr(HlTrace) rsa = run_builtin ("rsa-basic", 1);
  const HlSecrets *client = hl_trace_get_connection_secrets (good, 0, HL_ACTOR_CLIENT);
  HlField *check = hl_field_get_child_by_id (hl_step_get_fields (signed_step (good, 12)), "ske.signature_check");
  GBytes *signed_bytes;
  gboolean holds;

  g_assert_nonnull (check);
  g_assert_cmpint (hl_field_get_flags (check), ==, HL_FIELD_FLAG_PASS);
  signed_bytes = hl_field_get_data (hl_field_get_child_by_id (check, "ske.signature_check.signed"));
  g_assert_cmpuint (g_bytes_get_size (signed_bytes), >, 64);
  g_assert_cmpmem (g_bytes_get_data (signed_bytes, NULL), 32, g_bytes_get_data (client->client_random, NULL), 32);
  g_assert_cmpmem ((const guint8 *)g_bytes_get_data (signed_bytes, NULL) + 32, 32,
                   g_bytes_get_data (client->server_random, NULL), 32);
  g_assert_cmpuint (g_bytes_get_size (hl_field_get_data (hl_field_get_child_by_id (check, "ske.signature_check.hash"))),
                    ==, 32);
  g_assert_nonnull (hl_field_get_child_by_id (check, "ske.signature_check.key"));
  g_assert_null (hl_field_get_child_by_id (check, "ske.signature_check.as_sent"));
  g_assert_true (hl_step_get_claim (signed_step (good, 12), HL_CLAIM_SIGNATURE_VERIFIES, &holds) && holds);

  check = hl_field_get_child_by_id (hl_step_get_fields (signed_step (wrong, 12)), "ske.signature_check");
  g_assert_cmpint (hl_field_get_flags (check), ==, HL_FIELD_FLAG_FAIL);
  g_assert_nonnull (hl_field_get_child_by_id (check, "ske.signature_check.as_sent"));
  g_assert_true (hl_step_get_claim (signed_step (wrong, 12), HL_CLAIM_SIGNATURE_VERIFIES, &holds) && !holds);
  g_assert_cmpint (hl_trace_get_error (wrong, HL_ACTOR_CLIENT), ==, BR_ERR_BAD_SIGNATURE);

  check = hl_field_get_child_by_id (hl_step_get_fields (signed_step (mutual, 15)), "cv.signature_check");
  g_assert_cmpint (hl_field_get_flags (check), ==, HL_FIELD_FLAG_PASS);

  g_assert_null (signed_step (rsa, 12));
  g_assert_null (signed_step (rsa, 15));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/sequence", test_sequence);
  g_test_add_func ("/engine/secrets", test_secrets);
  g_test_add_func ("/engine/determinism", test_determinism);
  g_test_add_func ("/engine/clock", test_clock);
  g_test_add_func ("/engine/no-common-suite", test_no_common_suite);
  g_test_add_func ("/engine/certificates-openssl", test_certificates_openssl);
  g_test_add_func ("/engine/resumption", test_resumption);
  g_test_add_func ("/engine/signature-checks", test_signature_checks);

  return g_test_run ();
}
