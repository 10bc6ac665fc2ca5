/* test-openssl-chains.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "hl-engine.h"

/* OpenSSL as the outside judge of every certificate lesson: the chain the
 * client received and the client's trust store go to `openssl verify`
 * with the scenario's clock and host name, and its verdict must agree with
 * BearSSL's (and so ours, which test-catalog holds equal to BearSSL's).
 * Where the two libraries differ by design, the table says so and why. */

typedef struct
{
  const char *id;
  const char *openssl;   /* NULL: OpenSSL accepts the chain; else the error it must print */
} Expectation;

static const Expectation expectations[] = {
  { "rsa-basic", NULL },
  { "expired", "certificate has expired" },
  { "not-yet-valid", "certificate is not yet valid" },
  { "wrong-host", "hostname mismatch" },
  { "self-signed", "self-signed certificate" },
  { "untrusted-root", "unable to get local issuer certificate" },
  { "missing-intermediate", "unable to get local issuer certificate" },
  { "intermediate-not-ca", "invalid CA certificate" },
  { "bad-signature", "certificate signature failure" },
  { "unknown-critical-extension", "unhandled critical extension" },
  { "wildcard", NULL },
  /* OpenSSL, like BearSSL, falls back to the CN without a SAN. */
  { "cn-without-san", NULL },
  /* The key usage is the TLS engine's concern: the chain itself is fine. */
  { "wrong-key-usage", NULL },
  /* OpenSSL's default security level 1 also accepts RSA-1024. */
  { "weak-key-rsa1024", NULL },
  { "mitm-own-certificate", "self-signed certificate in certificate chain" },
};

static char *
to_pem (const char *dir,
        const char *name,
        GBytes     *der)
{
  g_autofree char *der_path = g_build_filename (dir, "in.der", NULL);
  char *pem_path = g_strdup_printf ("%s/%s.pem", dir, name);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "openssl", "x509", "-inform", "DER", "-in", der_path, "-out", pem_path, NULL };
  int status;

  g_assert_true (g_file_set_contents (der_path, g_bytes_get_data (der, NULL), g_bytes_get_size (der), NULL));
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return pem_path;
}

static void
append_file (GString    *all,
             const char *path)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_string_append (all, text);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
check (gconstpointer data)
{
  const Expectation *e = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (e->id, &error);
  g_autoptr(HlTrace) trace = NULL;
  g_autoptr(HlPki) pki = hl_pki_new ();
  g_autofree char *dir = g_dir_make_tmp ("hl-openssl-XXXXXX", &error);
  g_autoptr(GString) trusted = g_string_new (NULL);
  g_autoptr(GString) untrusted = g_string_new (NULL);
  g_autofree char *trusted_path = g_build_filename (dir, "trusted.pem", NULL);
  g_autofree char *untrusted_path = g_build_filename (dir, "untrusted.pem", NULL);
  g_autofree char *leaf_path = NULL;
  g_autofree char *attime = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char * const *trust;
  HlField *chain = NULL;
  guint n_certs = 0;
  int status;

  g_assert_no_error (error);
  trace = hl_engine_run (scenario, &error);
  g_assert_no_error (error);

  /* The certificates as the client received them. */
  for (guint i = 0; i < hl_trace_get_n_steps (trace) && chain == NULL; i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);

      if (hl_step_get_kind (step) == HL_STEP_CHECK && hl_step_get_actor (step) == HL_ACTOR_CLIENT)
        chain = hl_step_get_fields (step);
    }
  g_assert_nonnull (chain);

  for (guint i = 0; i < hl_field_get_n_children (chain); i++)
    {
      HlField *der = hl_field_find (hl_field_get_child (chain, i), "DER");
      g_autofree char *name = g_strdup_printf ("cert%u", i);
      g_autofree char *path = NULL;

      if (der == NULL)
        continue;

      path = to_pem (dir, name, hl_field_get_data (der));
      if (n_certs++ == 0)
        leaf_path = g_steal_pointer (&path);
      else
        append_file (untrusted, path);
    }

  /* The client's trust store, built again from the same recipes. */
  for (guint i = 0; i < hl_scenario_get_n_certificates (scenario); i++)
    g_assert_true (hl_pki_add (pki, hl_scenario_get_certificate (scenario, i), NULL));
  trust = hl_scenario_get_client_trust (scenario);
  for (guint i = 0; trust[i] != NULL; i++)
    {
      g_autofree char *path = to_pem (dir, trust[i], hl_pki_get_der (pki, trust[i]));

      append_file (trusted, path);
    }

  g_assert_true (g_file_set_contents (trusted_path, trusted->str, -1, NULL));
  g_assert_true (g_file_set_contents (untrusted_path, untrusted->str, -1, NULL));
  attime = g_strdup_printf ("%" G_GINT64_FORMAT, hl_scenario_get_clock (scenario));

  {
    const char *argv[] = { "openssl", "verify", "-attime", attime, "-CAfile", trusted_path,
                           "-verify_hostname", hl_scenario_get_server_name (scenario),
                           n_certs > 1 ? "-untrusted" : leaf_path, n_certs > 1 ? untrusted_path : NULL,
                           leaf_path, NULL };

    if (n_certs == 1)
      argv[9] = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
  }

  g_test_message ("%s: BearSSL %d; openssl: %s%s", e->id, hl_trace_get_error (trace, HL_ACTOR_CLIENT), out, err);

  if (e->openssl == NULL)
    {
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (out, ": OK"));
    }
  else
    {
      g_assert_false (g_spawn_check_wait_status (status, NULL));
      if (strstr (err, e->openssl) == NULL && strstr (out, e->openssl) == NULL)
        g_error ("%s: OpenSSL said “%s%s”, not “%s”", e->id, out, err, e->openssl);
    }

  /* BearSSL's chain verdict agrees: a rejected chain fails the client
   * with an X.509 error (32–63), an accepted one does not. */
  {
    int client = hl_trace_get_error (trace, HL_ACTOR_CLIENT);
    gboolean x509_failure = client >= 32 && client < 64;

    g_assert_cmpint (x509_failure, ==, e->openssl != NULL);
  }

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (expectations); i++)
    {
      g_autofree char *path = g_strdup_printf ("/openssl/%s", expectations[i].id);

      g_test_add_data_func (path, &expectations[i], check);
    }

  return g_test_run ();
}
