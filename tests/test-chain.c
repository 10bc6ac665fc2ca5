/* test-chain.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hl-chain.h"
#include "hl-engine.h"
#include "hl-signature-log.h"

/* rsa-basic's chain, bent one way at a time.  The expected codes are
 * BearSSL's meaning of each fault (bearssl_x509.h); the test holds the
 * project's rule-by-rule verdict equal to BearSSL's end_chain, and names
 * the rule that must fail (NULL: none may).  Every rule of the check
 * needs a case that fails it. */
typedef struct
{
  const char *name;
  const char *edits[3][2];
  int         expected;
  const char *fails;
  const char *below_guidance;  /* the rule BearSSL passes and current guidance does not */
} Case;

static const Case cases[] = {
  { "good", { { NULL, NULL } }, 0, NULL },
  { "expired", { { "valid-from=-30d\nvalid-until=+365d", "valid-from=2025-01-01T00:00:00Z\nvalid-until=2026-01-01T00:00:00Z" } }, 54, "chain.check.validity" },
  { "not-yet-valid", { { "valid-from=-30d\nvalid-until=+365d", "valid-from=+1d\nvalid-until=+365d" } }, 54, "chain.check.validity" },
  { "wrong-host", { { "server-name=www.handshake-lab.test", "server-name=mail.handshake-lab.test" } }, 56, "chain.check.name" },
  { "wildcard", { { "dns-names=www.handshake-lab.test", "dns-names=*.handshake-lab.test" } }, 0, NULL },
  { "wildcard-two-labels", { { "dns-names=www.handshake-lab.test", "dns-names=*.lab.test" } }, 56, "chain.check.name" },
  { "cn-without-san", { { "dns-names=www.handshake-lab.test\n", "" } }, 0, NULL },
  { "missing-intermediate", { { "chain=server;intermediate", "chain=server" } }, 62, "chain.check.anchor" },
  { "root-sent-too", { { "chain=server;intermediate", "chain=server;intermediate;root" } }, 0, NULL },
  { "untrusted-root", { { "trust=root", "trust=other" },
                        { "[Expect]", "[Certificate other]\nsubject-cn=Someone Else's Root\nissuer=other\n"
                                      "key=root-ca-ec-p384\nserial=9\nvalid-from=-1d\nvalid-until=+1d\nca=true\n\n[Expect]" } }, 62, "chain.check.anchor" },
  { "self-signed", { { "issuer=intermediate\nkey=server-rsa2048", "issuer=server\nkey=server-rsa2048" },
                     { "chain=server;intermediate", "chain=server" } }, 62, "chain.check.anchor" },
  { "intermediate-not-ca", { { "ca=true\npath-len=0", "ca=false" } }, 58, "chain.check.ca" },
  { "ca-without-keycertsign", { { "path-len=0\nkey-usage=key-cert-sign;crl-sign", "path-len=0\nkey-usage=crl-sign" } }, 59, "chain.check.ca" },
  /* BearSSL's floor is 1024 bits (it refuses shorter keys with error 60);
   * NIST SP 800-131A Rev. 2 and the Baseline Requirements want 2048: the
   * check passes with a warning. */
  { "rsa-1024", { { "key=server-rsa2048", "key=server-rsa1024" } }, 0, NULL, "chain.check.key" },
  { "rsa-3072", { { "key=server-rsa2048", "key=server-rsa3072" } }, 0, NULL },
  { "wrong-order", { { "chain=server;intermediate", "chain=intermediate;server" } }, 56, "chain.check.name" },
  /* root → intermediate (pathLen 0) → a second CA → server: one CA too many */
  { "path-len-exceeded", { { "issuer=intermediate\nkey=server-rsa2048", "issuer=sub-ca\nkey=server-rsa2048" },
                           { "chain=server;intermediate", "chain=server;sub-ca;intermediate" },
                           { "[Expect]", "[Certificate sub-ca]\nsubject-cn=Sub CA\nissuer=intermediate\n"
                                         "key=intermediate-ca-ec-p256\nserial=7\nvalid-from=-1d\nvalid-until=+1d\n"
                                         "ca=true\nkey-usage=key-cert-sign\n\n[Expect]" } }, 58, "chain.check.ca" },
  { "sha1-signature", { { "key=server-rsa2048", "key=server-rsa2048\nsignature-hash=sha1" } }, 0, NULL },
  /* An empty server-name: BearSSL checks no name and accepts. */
  { "no-host-name", { { "server-name=www.handshake-lab.test", "server-name=" } }, 0, NULL },
  /* BearSSL's "key exchange" usage comes from keyEncipherment,
   * dataEncipherment or keyAgreement (x509_minimal); without any of them
   * RSA key exchange is refused after the chain (error 28). */
  { "key-agreement-only", { { "dns-names=www.handshake-lab.test\nkey-usage=digital-signature;key-encipherment",
                              "dns-names=www.handshake-lab.test\nkey-usage=key-agreement" } }, 0, NULL },
  { "data-encipherment-only", { { "dns-names=www.handshake-lab.test\nkey-usage=digital-signature;key-encipherment",
                                  "dns-names=www.handshake-lab.test\nkey-usage=data-encipherment" } }, 0, NULL },
  { "signature-only", { { "dns-names=www.handshake-lab.test\nkey-usage=digital-signature;key-encipherment",
                          "dns-names=www.handshake-lab.test\nkey-usage=digital-signature" } }, 28, "chain.check.key" },
  { "issuer-not-next", { { "chain=server;intermediate", "chain=server;root" } }, 55, "chain.check.issuer" },
  { "wrong-signer", { { "key=server-rsa2048", "key=server-rsa2048\nsigned-by-key=root-ca-rsa2048" } }, 52,
    "chain.check.signature" },
  { "unknown-critical", { { "key=server-rsa2048", "key=server-rsa2048\nunknown-critical-extension=true" } }, 57,
    "chain.check.extensions" },
};

/* How many rules under @chain have @flag, of @id or (NULL) of any id. */
static guint
count_flagged (HlField      *chain,
               const char   *id,
               HlFieldFlags  flag)
{
  guint n = 0;

  for (guint i = 0; i < hl_field_get_n_children (chain); i++)
    {
      HlField *checks = hl_field_get_child_by_id (hl_field_get_child (chain, i), "chain.checks");

      for (guint j = 0; checks != NULL && j < hl_field_get_n_children (checks); j++)
        {
          HlField *rule = hl_field_get_child (checks, j);

          if ((id == NULL || hl_field_has_id (rule, id)) && (hl_field_get_flags (rule) & flag))
            n++;
        }
    }

  return n;
}

static guint
count_failed (HlField    *chain,
              const char *id)
{
  return count_flagged (chain, id, HL_FIELD_FLAG_FAIL);
}

static void
test_agreement (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/scenarios/rsa-basic.scenario", 0, &error);

  g_assert_no_error (error);

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_autoptr(HlScenario) scenario = NULL;
      g_autoptr(HlTrace) trace = NULL;
      HlStep *check = NULL;
      HlField *verdict;
      int client_error;

      for (guint e = 0; e < G_N_ELEMENTS (cases[c].edits) && cases[c].edits[e][0] != NULL; e++)
        {
          g_assert_nonnull (strstr (text->str, cases[c].edits[e][0]));
          g_string_replace (text, cases[c].edits[e][0], cases[c].edits[e][1], 1);
        }

      scenario = hl_scenario_new_from_data (text->str, text->len, cases[c].name, &error);
      g_assert_no_error (error);
      trace = hl_engine_run (scenario, &error);
      g_assert_no_error (error);

      for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
        if (hl_step_get_kind (hl_trace_get_step (trace, i)) == HL_STEP_CHECK)
          check = hl_trace_get_step (trace, i);
      g_assert_nonnull (check);

      verdict = hl_field_get_child (hl_step_get_fields (check), hl_field_get_n_children (hl_step_get_fields (check)) - 1);
      client_error = hl_trace_get_error (trace, HL_ACTOR_CLIENT);
      g_test_message ("%s: BearSSL %d, ours: %s", cases[c].name, client_error,
                      (hl_field_get_flags (verdict) & HL_FIELD_FLAG_MATCH) ? "agrees" : "DIFFERS");

      g_assert_cmpint (client_error, ==, cases[c].expected);
      g_assert_cmpint (hl_step_get_verdict (check), ==, cases[c].expected ? HL_VERDICT_FAILED
                                                        : cases[c].below_guidance ? HL_VERDICT_WARNING
                                                        : HL_VERDICT_OK);
      g_assert_cmpuint (count_flagged (hl_step_get_fields (check), NULL, HL_FIELD_FLAG_BELOW_GUIDANCE), ==,
                        cases[c].below_guidance != NULL);
      if (cases[c].below_guidance != NULL)
        g_assert_cmpuint (count_flagged (hl_step_get_fields (check), cases[c].below_guidance,
                                         HL_FIELD_FLAG_BELOW_GUIDANCE), ==, 1);
      if (!(hl_field_get_flags (verdict) & HL_FIELD_FLAG_MATCH))
        g_error ("%s: the rule-by-rule verdict differs from BearSSL's %d", cases[c].name, client_error);
      if (cases[c].fails != NULL && count_failed (hl_step_get_fields (check), cases[c].fails) == 0)
        g_error ("%s: the rule %s does not fail", cases[c].name, cases[c].fails);
      if (cases[c].fails == NULL)
        g_assert_cmpuint (count_failed (hl_step_get_fields (check), NULL), ==, 0);
    }
}

/* Each rule of the check is one that some case above fails: a rule taken
 * out of the table leaves its case without it, a rule added to the
 * table without a case is caught here. */
static void
test_every_rule_fails_somewhere (void)
{
  g_assert_cmpuint (hl_chain_get_n_rules (), ==, 8);

  for (guint r = 0; r < hl_chain_get_n_rules (); r++)
    {
      const char *id = hl_chain_get_rule_id (r);
      gboolean covered = FALSE;

      g_assert_cmpuint (hl_chain_get_rule_number (id), ==, r + 1);
      for (gsize c = 0; c < G_N_ELEMENTS (cases) && !covered; c++)
        covered = g_strcmp0 (cases[c].fails, id) == 0;
      if (!covered)
        g_error ("no case fails the rule %s", id);
    }
}

/* A logged result serves only a call with the very same inputs. */
static void
test_signature_log (void)
{
  g_autoptr(HlSignatureLog) log = hl_signature_log_new ();
  unsigned char sig[4] = { 1, 2, 3, 4 };
  unsigned char n[3] = { 0xc5, 0x01, 0x07 };
  unsigned char e[3] = { 1, 0, 1 };
  unsigned char hash[32] = { 9 };
  unsigned char out[32] = { 0 };
  br_rsa_public_key pk = { n, sizeof n, e, sizeof e };
  br_ec_public_key ec = { BR_EC_secp256r1, n, sizeof n };
  gboolean ok = FALSE;

  g_assert_false (hl_signature_log_find_rsa (log, sig, sizeof sig, BR_HASH_OID_SHA256, 32, &pk, &ok, out));
  hl_signature_log_add_rsa (log, sig, sizeof sig, BR_HASH_OID_SHA256, 32, &pk, TRUE, hash);
  g_assert_true (hl_signature_log_find_rsa (log, sig, sizeof sig, BR_HASH_OID_SHA256, 32, &pk, &ok, out));
  g_assert_true (ok);
  g_assert_cmpmem (out, sizeof out, hash, sizeof hash);

  g_assert_false (hl_signature_log_find_rsa (log, sig, sizeof sig, BR_HASH_OID_SHA384, 32, &pk, &ok, out));
  g_assert_false (hl_signature_log_find_rsa (log, sig, sizeof sig - 1, BR_HASH_OID_SHA256, 32, &pk, &ok, out));
  n[2] ^= 1;
  g_assert_false (hl_signature_log_find_rsa (log, sig, sizeof sig, BR_HASH_OID_SHA256, 32, &pk, &ok, out));
  n[2] ^= 1;
  sig[0] ^= 1;
  g_assert_false (hl_signature_log_find_rsa (log, sig, sizeof sig, BR_HASH_OID_SHA256, 32, &pk, &ok, out));

  g_assert_false (hl_signature_log_find_ecdsa (log, hash, sizeof hash, &ec, sig, sizeof sig, &ok));
  hl_signature_log_add_ecdsa (log, hash, sizeof hash, &ec, sig, sizeof sig, FALSE);
  g_assert_true (hl_signature_log_find_ecdsa (log, hash, sizeof hash, &ec, sig, sizeof sig, &ok));
  g_assert_false (ok);
  hash[31] ^= 1;
  g_assert_false (hl_signature_log_find_ecdsa (log, hash, sizeof hash, &ec, sig, sizeof sig, &ok));
  hash[31] ^= 1;
  ec.curve = BR_EC_secp384r1;
  g_assert_false (hl_signature_log_find_ecdsa (log, hash, sizeof hash, &ec, sig, sizeof sig, &ok));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chain/agreement", test_agreement);
  g_test_add_func ("/chain/every-rule-fails-somewhere", test_every_rule_fails_somewhere);
  g_test_add_func ("/chain/signature-log", test_signature_log);

  return g_test_run ();
}
