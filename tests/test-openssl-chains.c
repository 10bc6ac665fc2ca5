/* test-openssl-chains.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-openssl-chains.h"

/* Two other TLS stacks judge every lesson, on the very certificates the
 * run put on the wire.
 *
 *  - Every chain check of every lesson (the client's, and the server's in
 *    mutual TLS): `openssl verify` (OpenSSL 3.0) and GnuTLS's
 *    `certtool --verify` (run under faketime at the scenario's clock) must
 *    reach BearSSL's verdict, accepted or rejected.
 *  - Every claim a lesson makes about OpenSSL ([Other stacks] openssl) is
 *    proven: an X509_V_ERR_… name by `openssl verify` at security level 2
 *    (what Debian 12's OpenSSL runs at) and by s_client against s_server on
 *    127.0.0.1 with the lesson's certificates and keys; "accepts" by both
 *    completing the handshake; "alert:NAME" by the peer receiving it.  The
 *    numbers of X509_V_ERR_… names come from OpenSSL's own header.
 *  - Every X509_V_ERR_… name a lesson's texts mention is the one proven.
 *
 * Nothing here leaves 127.0.0.1, and every tool runs under a timeout. */

/* Running tools ----------------------------------------------------------- */

/* Runs @argv under timeout(1); returns its exit status, and its output
 * (stdout and stderr together) in @out. */
int
run (char       **out,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *)"timeout");
  g_ptr_array_add (argv, (char *)TIMEOUT);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL,
                               NULL, NULL, &stdout_text, &stderr_text, &status, &error));
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_strconcat (stdout_text, stderr_text, NULL);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), !=, 124);   /* timeout(1): it hung */

  return WEXITSTATUS (status);
}

static void
write_pem (GString *pem,
           GBytes  *der)
{
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  gsize len = strlen (b64);

  g_string_append (pem, "-----BEGIN CERTIFICATE-----\n");
  for (gsize i = 0; i < len; i += 64)
    g_string_append_printf (pem, "%.*s\n", (int)MIN (64, len - i), b64 + i);
  g_string_append (pem, "-----END CERTIFICATE-----\n");
}

static char *
save (Lesson     *lesson,
      const char *name,
      GString    *text)
{
  char *path = g_build_filename (lesson->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
  return path;
}

/* The certificates of the Certificate message @sender put on the wire, as
 * PEM: the leaf alone and the rest. */
guint
sent_chain (Lesson     *lesson,
            HlActor     sender,
            const char *prefix,
            char      **leaf_path,
            char      **rest_path,
            char      **all_path)
{
  g_autoptr(GString) leaf = g_string_new (NULL);
  g_autoptr(GString) rest = g_string_new (NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *leaf_name = g_strdup_printf ("%s-leaf.pem", prefix);
  g_autofree char *rest_name = g_strdup_printf ("%s-rest.pem", prefix);
  g_autofree char *all_name = g_strdup_printf ("%s-all.pem", prefix);
  guint n = 0;

  for (guint i = 0; i < hl_trace_get_n_steps (lesson->trace); i++)
    {
      HlStep *step = hl_trace_get_step (lesson->trace, i);
      gsize len, at;
      const guint8 *p;

      if (hl_step_get_actor (step) != sender || hl_step_get_handshake_type (step) != 11 ||
          hl_step_get_connection (step) != 0)
        continue;

      /* The record header when the message opens its record, the
       * handshake header, then the 3-byte list length, then each
       * certificate with its own 3-byte length. */
      p = g_bytes_get_data (hl_step_get_bytes (step), &len);
      at = hl_step_get_header_length (step) + 7;
      while (at + 3 <= len)
        {
          gsize cert_len = ((gsize)p[at] << 16) | ((gsize)p[at + 1] << 8) | p[at + 2];
          g_autoptr(GBytes) der = g_bytes_new (p + at + 3, cert_len);

          g_assert_cmpuint (at + 3 + cert_len, <=, len);
          write_pem (n == 0 ? leaf : rest, der);
          write_pem (all, der);
          at += 3 + cert_len;
          n++;
        }
      break;
    }

  *leaf_path = save (lesson, leaf_name, leaf);
  *rest_path = save (lesson, rest_name, rest);
  *all_path = save (lesson, all_name, all);
  return n;
}

char *
trust_store (Lesson             *lesson,
             const char         *name,
             const char * const *trust)
{
  g_autoptr(GString) pem = g_string_new (NULL);

  for (guint i = 0; trust != NULL && trust[i] != NULL; i++)
    write_pem (pem, hl_pki_get_der (lesson->pki, trust[i]));
  return save (lesson, name, pem);
}

char *
demo_key_path (Lesson     *lesson,
               const char *certificate)
{
  for (guint i = 0; i < hl_scenario_get_n_certificates (lesson->scenario); i++)
    {
      const HlCertRecipe *recipe = hl_scenario_get_certificate (lesson->scenario, i);
      g_autofree char *file = NULL;

      if (g_strcmp0 (recipe->name, certificate) != 0)
        continue;
      file = g_strdup_printf ("%s.pem", recipe->key);
      return g_test_build_filename (G_TEST_DIST, "..", "data", "pki", file, NULL);
    }

  g_error ("no certificate %s", certificate);
}

/* The number OpenSSL's own header gives an X509_V_ERR_… name. */
static int
openssl_error_number (const char *name)
{
  g_autofree char *header = NULL;
  g_autofree char *pattern = g_strdup_printf ("^#\\s*define\\s+%s\\s+(\\d+)\\s*$", name);
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;

  g_assert_true (g_file_get_contents ("/usr/include/openssl/x509_vfy.h", &header, NULL, NULL));
  if (!g_regex_match (regex, header, 0, &match))
    g_error ("OpenSSL's x509_vfy.h has no %s", name);
  number = g_match_info_fetch (match, 1);
  return atoi (number);
}

/* The first "error N at …" openssl verify printed, or 0 for OK. */
static int
first_verify_error (const char *out)
{
  const char *at = strstr (out, "\nerror ");

  if (at == NULL && g_str_has_prefix (out, "error "))
    at = out - 1;
  return at != NULL ? atoi (at + strlen ("\nerror ")) : 0;
}

/* Who checks what ----------------------------------------------------------- */

typedef struct
{
  HlActor     checker;
  char       *chain;       /* the checked side's certificates, leaf first */
  char       *leaf;
  char       *rest;
  char       *trust;
  guint       n_certs;
} Check;

static void
check_clear (Check *check)
{
  g_free (check->chain);
  g_free (check->leaf);
  g_free (check->rest);
  g_free (check->trust);
}

static void
prepare_check (Lesson  *lesson,
               HlActor  checker,
               Check   *check)
{
  HlActor checked = checker == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT;

  check->checker = checker;
  check->n_certs = sent_chain (lesson, checked, checker == HL_ACTOR_CLIENT ? "server" : "client",
                               &check->leaf, &check->rest, &check->chain);
  check->trust = trust_store (lesson, checker == HL_ACTOR_CLIENT ? "client-trust.pem" : "server-trust.pem",
                              checker == HL_ACTOR_CLIENT ? hl_scenario_get_client_trust (lesson->scenario)
                                                         : hl_scenario_get_server_trust (lesson->scenario));
}

/* openssl verify, as the checking side would: the clock, the purpose, the
 * host name a client asked for; @auth_level 2 is Debian 12's default
 * security level, which s_client applies (0: none asked). */
static int
openssl_verify (Lesson      *lesson,
                const Check *check,
                int          auth_level,
                char       **out)
{
  g_autofree char *attime = g_strdup_printf ("%" G_GINT64_FORMAT, hl_scenario_get_clock (lesson->scenario));
  g_autofree char *level = g_strdup_printf ("%d", auth_level);
  const char *name = hl_scenario_get_server_name (lesson->scenario);
  const char *argv[20] = { NULL };
  guint n = 0;

  argv[n++] = "openssl";
  argv[n++] = "verify";
  argv[n++] = "-attime";
  argv[n++] = attime;
  argv[n++] = "-purpose";
  argv[n++] = check->checker == HL_ACTOR_CLIENT ? "sslserver" : "sslclient";
  argv[n++] = "-CAfile";
  argv[n++] = check->trust;
  if (auth_level > 0)
    {
      argv[n++] = "-auth_level";
      argv[n++] = level;
    }
  if (check->checker == HL_ACTOR_CLIENT && name[0] != '\0')
    {
      argv[n++] = "-verify_hostname";
      argv[n++] = name;
    }
  if (check->n_certs > 1)
    {
      argv[n++] = "-untrusted";
      argv[n++] = check->rest;
    }
  argv[n++] = check->leaf;
  argv[n] = NULL;

  g_assert_cmpuint (n, <, G_N_ELEMENTS (argv));
  return run (out, argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6], argv[7], argv[8], argv[9],
              argv[10], argv[11], argv[12], argv[13], argv[14], argv[15], argv[16], argv[17], NULL);
}

/* GnuTLS's verdict, at the scenario's clock. */
static gboolean
certtool_verify (Lesson      *lesson,
                 const Check *check,
                 char       **out)
{
  g_autofree char *at = g_strdup_printf ("@%" G_GINT64_FORMAT, hl_scenario_get_clock (lesson->scenario));
  g_autofree char *host = NULL;
  const char *name = hl_scenario_get_server_name (lesson->scenario);

  if (check->checker == HL_ACTOR_CLIENT && name[0] != '\0')
    host = g_strdup_printf ("--verify-hostname=%s", name);

  run (out, "faketime", at, "certtool", "--verify", "--load-ca-certificate", check->trust,
       "--infile", check->chain, host, NULL);
  if (strstr (*out, "Chain verification output: Verified.") != NULL)
    return TRUE;
  if (strstr (*out, "Chain verification output: Not verified.") != NULL)
    return FALSE;
  g_error ("certtool said neither Verified nor Not verified:\n%s", *out);
}

/* BearSSL's chain verdict: a rejected chain ends the checking side with an
 * X.509 error (32–63). */
static gboolean
bearssl_accepts (Lesson  *lesson,
                 HlActor  checker)
{
  int error = hl_trace_get_error (lesson->trace, checker);

  return !(error >= 32 && error < 64);
}

static gboolean
checked_by (Lesson  *lesson,
            HlActor  checker)
{
  for (guint i = 0; i < hl_trace_get_n_steps (lesson->trace); i++)
    {
      HlStep *step = hl_trace_get_step (lesson->trace, i);

      if (hl_step_get_kind (step) == HL_STEP_CHECK && hl_step_get_actor (step) == checker)
        return TRUE;
    }
  return FALSE;
}

/* The flags of our rule 7 (key type, size and usage) on the leaf @checker
 * judged in the first connection; 0 when the check has no such row. */
static HlFieldFlags
key_rule_flags (Lesson  *lesson,
                HlActor  checker)
{
  for (guint i = 0; i < hl_trace_get_n_steps (lesson->trace); i++)
    {
      HlStep *step = hl_trace_get_step (lesson->trace, i);
      HlField *rule;

      if (hl_step_get_kind (step) != HL_STEP_CHECK || hl_step_get_actor (step) != checker ||
          hl_step_get_connection (step) != 0)
        continue;
      rule = hl_field_lookup (hl_step_get_fields (step), "x509.certificate/chain.checks/chain.check.key");
      return rule != NULL ? hl_field_get_flags (rule) : 0;
    }

  return 0;
}

/* openssl verify refused the leaf (depth 0) for its key's size: "error 66
 * at 0 depth lookup: EE certificate key too weak". */
static gboolean
refuses_leaf_key_size (const char *out)
{
  g_autofree char *line = g_strdup_printf ("error %d at 0 depth lookup: EE certificate key too weak",
                                           openssl_error_number ("X509_V_ERR_EE_KEY_TOO_SMALL"));

  return strstr (out, line) != NULL;
}

/* The tests -------------------------------------------------------------------- */

static void
lesson_open (Lesson     *lesson,
             const char *id)
{
  g_autoptr(GError) error = NULL;

  lesson->scenario = hl_scenario_load_builtin (id, &error);
  g_assert_no_error (error);
  lesson->trace = hl_engine_run (lesson->scenario, &error);
  g_assert_no_error (error);
  lesson->pki = hl_scenario_get_pki (lesson->scenario, &error);
  g_assert_no_error (error);
  lesson->dir = g_dir_make_tmp ("hl-judges-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
lesson_close (Lesson *lesson)
{
  hl_test_remove_tree (lesson->dir);
  g_free (lesson->dir);
  g_object_unref (lesson->trace);
  g_object_unref (lesson->scenario);
}

/* Both stacks reach BearSSL's verdict on every chain the run checked. */
static void
test_verdicts (gconstpointer data)
{
  const char *id = data;
  Lesson lesson = { 0 };

  lesson_open (&lesson, id);

  for (HlActor checker = HL_ACTOR_CLIENT; checker <= HL_ACTOR_SERVER; checker++)
    {
      Check check = { 0 };
      g_autofree char *openssl = NULL;
      g_autofree char *gnutls = NULL;
      gboolean bearssl;
      int status;

      if (!checked_by (&lesson, checker))
        continue;

      prepare_check (&lesson, checker, &check);
      bearssl = bearssl_accepts (&lesson, checker);
      status = openssl_verify (&lesson, &check, 0, &openssl);
      g_test_message ("%s, %s's check: BearSSL %s; openssl: %s", id, hl_actor_to_string (checker),
                      bearssl ? "accepts" : "rejects", openssl);
      if ((status == 0) != bearssl)
        g_error ("%s: BearSSL %s the %s's check, openssl verify says:\n%s", id,
                 bearssl ? "passes" : "fails", hl_actor_to_string (checker), openssl);

      if (certtool_verify (&lesson, &check, &gnutls) != bearssl)
        g_error ("%s: BearSSL %s the %s's check, GnuTLS certtool says:\n%s", id,
                 bearssl ? "passes" : "fails", hl_actor_to_string (checker), gnutls);

      /* Rule 7 says "below guidance" exactly where OpenSSL at Debian 12's
       * security level refuses the leaf's key for its size. */
      if (key_rule_flags (&lesson, checker) & (HL_FIELD_FLAG_PASS | HL_FIELD_FLAG_BELOW_GUIDANCE))
        {
          g_autofree char *level_2 = NULL;
          gboolean below = (key_rule_flags (&lesson, checker) & HL_FIELD_FLAG_BELOW_GUIDANCE) != 0;

          openssl_verify (&lesson, &check, 2, &level_2);
          if (below != refuses_leaf_key_size (level_2))
            g_error ("%s: our key rule says %s for the %s's check; openssl verify -auth_level 2 says:\n%s", id,
                     below ? "below guidance" : "pass", hl_actor_to_string (checker), level_2);
        }
      check_clear (&check);
    }

  lesson_close (&lesson);
}

/* What the lesson says of OpenSSL, OpenSSL does. */
static void
test_openssl_claim (gconstpointer data)
{
  const char *id = data;
  Lesson lesson = { 0 };
  const HlOtherStacks *others;
  HlActor checker;
  Handshake handshake = { NULL, NULL };
  Check check = { 0 };
  g_autofree char *verify = NULL;
  int status;

  lesson_open (&lesson, id);
  others = hl_scenario_get_other_stacks (lesson.scenario);
  g_assert_nonnull (others->openssl);

  /* The claim is about the side whose check the lesson is about: the one
   * that failed, or the client in a lesson that succeeds. */
  checker = hl_trace_get_outcome (lesson.trace) == HL_OUTCOME_FAILED ? hl_trace_get_failed_side (lesson.trace)
                                                                      : HL_ACTOR_CLIENT;
  prepare_check (&lesson, checker, &check);
  status = openssl_verify (&lesson, &check, 2, &verify);
  openssl_handshake (&lesson, checker, &handshake);
  g_test_message ("%s: claim %s; openssl verify: %s\ns_client: %s\ns_server: %s", id, others->openssl, verify,
                  handshake.client, handshake.server);

  if (g_str_has_prefix (others->openssl, "X509_V_ERR_"))
    {
      int number = openssl_error_number (others->openssl);
      g_autofree char *reported = g_strdup_printf ("verify error:num=%d:", number);

      g_assert_cmpint (status, !=, 0);
      if (first_verify_error (verify) != number)
        g_error ("%s: the lesson says %s (%d); openssl verify says:\n%s", id, others->openssl, number, verify);
      if (strstr (checker == HL_ACTOR_CLIENT ? handshake.client : handshake.server, reported) == NULL ||
          handshake_completed (&handshake))
        g_error ("%s: the lesson says %s; OpenSSL's %s says:\n%s", id, others->openssl,
                 checker == HL_ACTOR_CLIENT ? "s_client" : "s_server",
                 checker == HL_ACTOR_CLIENT ? handshake.client : handshake.server);
    }
  else if (strcmp (others->openssl, "accepts") == 0)
    {
      if (status != 0 || !handshake_completed (&handshake))
        g_error ("%s: the lesson says OpenSSL accepts; openssl verify: %s\ns_client: %s", id, verify, handshake.client);
    }
  else
    {
      const char *alert = others->openssl + strlen ("alert:");
      g_autofree char *received = NULL;
      guint number;

      g_assert_true (g_str_has_prefix (others->openssl, "alert:"));
      for (number = 0; number < 256 && g_strcmp0 (hl_alert_name (number), alert) != 0; number++)
        ;
      g_assert_cmpuint (number, <, 256);
      received = g_strdup_printf ("SSL alert number %u", number);
      /* s_client may have printed its session before the alert came:
       * what proves the claim is the alert its peer received. */
      if (strstr (checker == HL_ACTOR_CLIENT ? handshake.server : handshake.client, received) == NULL)
        g_error ("%s: the lesson says OpenSSL sends %s; its peer printed:\n%s", id, alert,
                 checker == HL_ACTOR_CLIENT ? handshake.server : handshake.client);
    }

  g_free (handshake.client);
  g_free (handshake.server);
  check_clear (&check);
  lesson_close (&lesson);
}

/* The 1024-bit RSA key of weak-key-rsa1024: OpenSSL refuses it at
 * security level 2 (112 bits of security: RSA from 2048 bits), as Debian
 * 12 runs it, and takes it at level 1 (80 bits: RSA from 1024). */
static void
test_weak_key_levels (void)
{
  Lesson lesson = { 0 };
  Check check = { 0 };
  g_autofree char *level_1 = NULL;
  g_autofree char *level_2 = NULL;

  lesson_open (&lesson, "weak-key-rsa1024");
  prepare_check (&lesson, HL_ACTOR_CLIENT, &check);

  g_assert_cmpint (openssl_verify (&lesson, &check, 2, &level_2), !=, 0);
  g_test_message ("-auth_level 2: %s", level_2);
  g_assert_true (refuses_leaf_key_size (level_2));
  g_assert_cmpint (first_verify_error (level_2), ==, openssl_error_number ("X509_V_ERR_EE_KEY_TOO_SMALL"));

  g_assert_cmpint (openssl_verify (&lesson, &check, 1, &level_1), ==, 0);
  g_test_message ("-auth_level 1: %s", level_1);
  g_assert_false (refuses_leaf_key_size (level_1));

  /* And our check: passed by BearSSL, below guidance. */
  g_assert_true (key_rule_flags (&lesson, HL_ACTOR_CLIENT) & HL_FIELD_FLAG_BELOW_GUIDANCE);

  check_clear (&check);
  lesson_close (&lesson);
}

/* Every X509_V_ERR_… name in a lesson's texts is its proven claim, and a
 * browser's error name comes with its source. */
static void
test_named_errors (void)
{
  g_auto(GStrv) ids = hl_scenario_list_builtin ();
  g_autoptr(GRegex) openssl_name = g_regex_new ("X509_V_ERR_[A-Z0-9_]+", 0, 0, NULL);
  g_autoptr(GRegex) browser_name = g_regex_new ("\\b(NET::ERR_[A-Z_]+|SEC_ERROR_[A-Z_]+|SSL_ERROR_[A-Z_]+|"
                                                "MOZILLA_PKIX_ERROR_[A-Z_]+)", 0, 0, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (ids[i], &error);
      const HlOtherStacks *others;
      g_autofree char *texts = NULL;
      g_autoptr(GMatchInfo) match = NULL;

      g_assert_no_error (error);
      others = hl_scenario_get_other_stacks (scenario);
      texts = g_strjoin (" ", hl_scenario_get_title (scenario), hl_scenario_get_summary (scenario),
                         hl_scenario_get_lesson (scenario) ? hl_scenario_get_lesson (scenario) : "",
                         others->fix ? others->fix : "", NULL);

      for (g_regex_match (openssl_name, texts, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *name = g_match_info_fetch (match, 0);

          if (g_strcmp0 (name, others->openssl) != 0)
            g_error ("%s names %s, but its proven OpenSSL claim is %s", ids[i], name,
                     others->openssl ? others->openssl : "none");
        }
      g_clear_pointer (&match, g_match_info_unref);

      if (g_regex_match (browser_name, texts, 0, NULL) || others->chrome != NULL || others->firefox != NULL)
        g_assert_nonnull (others->browser_source);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) ids = NULL;
  guint claims = 0;

  g_test_init (&argc, &argv, NULL);

  ids = hl_scenario_list_builtin ();
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (ids[i], NULL);
      g_autofree char *verdicts = g_strdup_printf ("/judges/verdicts/%s", ids[i]);

      g_test_add_data_func (verdicts, ids[i], test_verdicts);
      if (scenario != NULL && hl_scenario_get_other_stacks (scenario)->openssl != NULL)
        {
          g_autofree char *claim = g_strdup_printf ("/judges/openssl-claim/%s", ids[i]);

          g_test_add_data_func (claim, ids[i], test_openssl_claim);
          claims++;
        }
    }
  g_test_add_func ("/judges/named-errors", test_named_errors);
  g_test_add_func ("/judges/weak-key-levels", test_weak_key_levels);

  /* The lessons make claims about OpenSSL; this proves them all. */
  g_assert_cmpuint (claims, >=, 10);

  return g_test_run ();
}
