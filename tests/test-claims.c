/* test-claims.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <bearssl.h>

#include "hl-certificate.h"
#include "hl-engine.h"
#include "hl-names.h"

/* Every sentence that states a relation is true in its run.
 *
 * The engine records, for each relation a step's text states (the same
 * master secret, a trusted chain, an encrypted record …), whether the text
 * says it holds (HlClaim, hl-step.h).  This test runs every lesson, and
 * some variants that take the other branch of a sentence, and decides each
 * claim again from the trace's raw values: the secrets each engine used,
 * the records as sent and as delivered, the bytes of the messages, the
 * error each side ended with.  It never reads the explanations to decide.
 *
 * Three more rules hold every step to its texts: a step whose (English)
 * title or explanation uses a relation word carries a claim; a verdict ✓
 * never stands above a ✗ row; and every step tells the story of its
 * connection's key exchange, with a heading number the story has. */

typedef struct
{
  const char *name;
  const char *base;           /* a built-in lesson */
  const char *edits[4][2];    /* replace the first of each with the second */
} Variant;

static const Variant variants[] = {
  /* BearSSL checks no name at all (issue 15, item 9). */
  { "empty-server-name", "rsa-basic", { { "server-name=www.handshake-lab.test", "server-name=" } } },
  /* keyAgreement alone gives BearSSL's "key exchange" usage: RSA key
   * exchange goes through. */
  { "rsa-key-agreement-only", "rsa-basic",
    { { "dns-names=www.handshake-lab.test\nkey-usage=digital-signature;key-encipherment",
        "dns-names=www.handshake-lab.test\nkey-usage=key-agreement" } } },
  /* Static ECDH: the server's share is its certificate's key; the thief of
   * that key reads the recording. */
  { "static-ecdh", "ecdhe-ecdsa",
    { { "suites=TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256;TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;"
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384\n",
        "suites=TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256\n" },
      { "key=server-ec-p256\nserial=3\nvalid-from=-30d\nvalid-until=+365d\ndns-names=www.handshake-lab.test\n"
        "key-usage=digital-signature",
        "key=server-ec-p256\nserial=3\nvalid-from=-30d\nvalid-until=+365d\ndns-names=www.handshake-lab.test\n"
        "key-usage=key-agreement" },
      { "[Expect]", "[Fault]\neavesdropper=true\n\n[Expect]" } } },
  /* The wrong private key with RSA key exchange: different pre-master
   * secrets, not different randoms. */
  { "server-wrong-key-rsa", "server-wrong-key",
    { { "suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;"
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256;TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256\n",
        "suites=TLS_RSA_WITH_AES_128_GCM_SHA256\n" },
      { "failing-side=client\nerror=BR_ERR_BAD_SIGNATURE", "failing-side=server\nerror=BR_ERR_BAD_MAC" },
      { "story-step=3", "story-step=7" } } },
  /* With ECDHE, the server random the network changed is under the
   * ServerKeyExchange's signature: the client's check of it fails. */
  { "ecdhe-tampered-server-random", "tampered-server-random",
    { { "suites=TLS_RSA_WITH_AES_128_GCM_SHA256;TLS_RSA_WITH_AES_256_GCM_SHA384;TLS_RSA_WITH_AES_128_CBC_SHA256;"
        "TLS_RSA_WITH_AES_128_CBC_SHA\n",
        "suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n" },
      { "failing-side=server\nerror=BR_ERR_BAD_MAC", "failing-side=client\nerror=BR_ERR_BAD_SIGNATURE" },
      { "story-step=7", "story-step=3" } } },
  /* A client certificate whose key may not sign: the server refuses it at
   * CertificateVerify. */
  { "client-key-cannot-sign", "mutual-tls",
    { { "key=client-rsa2048\nserial=4\nvalid-from=-30d\nvalid-until=+365d\nkey-usage=digital-signature",
        "key=client-rsa2048\nserial=4\nvalid-from=-30d\nvalid-until=+365d\nkey-usage=key-encipherment" },
      { "[Expect]\noutcome=success", "[Expect]\noutcome=failed\nfailing-side=server\nerror=BR_ERR_WRONG_KEY_USAGE" } } },
};

/* Raw values ------------------------------------------------------------- */

typedef struct
{
  const guint8 *p;
  gsize         len;
  gsize         at;
  gboolean      ok;
} Reader;

static guint
get (Reader *r,
     guint   n)
{
  guint v = 0;

  if (!r->ok || n > r->len - r->at)
    return r->ok = FALSE, 0;
  for (guint i = 0; i < n; i++)
    v = (v << 8) | r->p[r->at++];
  return v;
}

static const guint8 *
vector (Reader *r,
        guint   n,
        gsize  *len)
{
  const guint8 *start;

  *len = get (r, n);
  start = r->p + r->at;
  if (!r->ok || *len > r->len - r->at)
    return r->ok = FALSE, NULL;
  r->at += *len;
  return start;
}

/* A handshake message's body, after the record header that opens its
 * record (when it does) and its own four-byte header. */
static Reader
body_of (HlStep *step)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (hl_step_get_bytes (step), &len);
  gsize skip = hl_step_get_header_length (step) + 4;

  g_assert_cmpuint (len, >=, skip);
  return (Reader) { p + skip, len - skip, 0, TRUE };
}

static HlStep *
find_message (HlTrace *trace,
              guint    connection,
              HlActor  sender,
              int      type)
{
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);

      if (hl_step_get_connection (step) == connection && hl_step_get_actor (step) == sender &&
          hl_step_get_handshake_type (step) == type && !hl_step_get_encrypted (step))
        return step;
    }

  return NULL;
}

static GBytes *
session_id (HlStep *hello)
{
  Reader r = body_of (hello);
  gsize len;
  const guint8 *id;

  get (&r, 2);
  r.at += 32;
  id = vector (&r, 1, &len);
  g_assert_true (r.ok);
  return g_bytes_new (id, len);
}

/* What the connection's ServerHello chose, read from its bytes. */
static const char *
suite_of (HlTrace *trace,
          guint    connection)
{
  HlStep *hello = find_message (trace, connection, HL_ACTOR_SERVER, 2);
  Reader r;
  gsize len;

  if (hello == NULL)
    return NULL;
  r = body_of (hello);
  get (&r, 2);
  r.at += 32;
  vector (&r, 1, &len);
  return hl_cipher_suite_name (get (&r, 2));
}

static gboolean
resumed (HlTrace *trace,
         guint    connection)
{
  HlStep *client = find_message (trace, connection, HL_ACTOR_CLIENT, 1);
  HlStep *server = find_message (trace, connection, HL_ACTOR_SERVER, 2);
  g_autoptr(GBytes) offered = NULL;
  g_autoptr(GBytes) taken = NULL;

  if (client == NULL || server == NULL)
    return FALSE;
  offered = session_id (client);
  taken = session_id (server);
  return g_bytes_get_size (offered) > 0 && g_bytes_equal (offered, taken);
}

static gboolean
same (GBytes *a,
      GBytes *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  return g_bytes_equal (a, b);
}

static HlActor
other (HlActor side)
{
  return side == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT;
}

/* The certificates of a Certificate message, as DER. */
static GPtrArray *
certificates_of (HlStep *step)
{
  Reader r = body_of (step);
  GPtrArray *certs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  gsize list_len;
  const guint8 *list = vector (&r, 3, &list_len);
  Reader entries = { list, list_len, 0, list != NULL };

  while (entries.ok && entries.at < entries.len)
    {
      gsize der_len;
      const guint8 *der = vector (&entries, 3, &der_len);

      if (der != NULL)
        g_ptr_array_add (certs, g_bytes_new (der, der_len));
    }
  g_assert_true (r.ok && entries.ok);
  return certs;
}

/* The peer's Certificate message that the checking @step judged. */
static HlStep *
judged_certificate (HlTrace *trace,
                    guint    position)
{
  HlStep *check = hl_trace_get_step (trace, position);

  for (guint i = position; i-- > 0;)
    {
      HlStep *step = hl_trace_get_step (trace, i);

      if (hl_step_get_connection (step) == hl_step_get_connection (check) &&
          hl_step_get_actor (step) == other (hl_step_get_actor (check)) && hl_step_get_handshake_type (step) == 11)
        return step;
    }

  g_error ("no Certificate before step %u", position + 1);
}

static gboolean
has_extension (Reader *r,
               guint   wanted)
{
  gsize len;
  const guint8 *all = vector (r, 2, &len);
  Reader ext = { all, len, 0, all != NULL };

  while (ext.ok && ext.at < ext.len)
    {
      gsize body;
      guint type = get (&ext, 2);

      vector (&ext, 2, &body);
      if (ext.ok && type == wanted)
        return TRUE;
    }
  return FALSE;
}

/* Claims about the records before or after a step, from the records. */
static gboolean
decide_from_records (HlTrace *trace,
                    guint    position,
                    HlClaim  claim)
{
  HlStep *step = hl_trace_get_step (trace, position);
  HlActor actor = hl_step_get_actor (step);
  guint connection = hl_step_get_connection (step);
  int record = hl_step_get_record (step);

  /* An int: only some claims are decided here, the others need no case. */
  switch ((int)claim)
    {
    case HL_CLAIM_SAME_TRANSCRIPT:
      /* Equal hashes mean equal bytes: no handshake record before this one
       * was changed on its way. */
      for (guint i = 0; i < (guint)record; i++)
        {
          const HlRecord *r = hl_trace_get_record (trace, i);

          if (r->connection == connection && r->content_type == 22 && r->tampered != NULL)
            return FALSE;
        }
      return TRUE;

    case HL_CLAIM_ENCRYPTED:
      /* A ChangeCipherSpec from the same sender went before it. */
      for (guint i = 0; i < (guint)record; i++)
        {
          const HlRecord *r = hl_trace_get_record (trace, i);

          if (r->connection == connection && r->sender == actor && r->content_type == 20)
            return TRUE;
        }
      return FALSE;

    case HL_CLAIM_NEXT_RECORDS_ENCRYPTED:
      /* Every later record of the actor in this connection is protected. */
      {
        for (guint i = position + 1; i < hl_trace_get_n_steps (trace); i++)
          {
            HlStep *s = hl_trace_get_step (trace, i);
            const HlRecord *r;

            if (hl_step_get_connection (s) != connection || hl_step_get_actor (s) != actor ||
                hl_step_get_record (s) < 0 || hl_step_get_record (s) == record)
              continue;
            r = hl_trace_get_record (trace, hl_step_get_record (s));
            if (!r->encrypted || r->content_type == 20)
              return FALSE;
          }
        return TRUE;
      }

    case HL_CLAIM_PLAINTEXT_INTACT:
      return hl_trace_get_record (trace, record)->tampered == NULL;

    default:
      g_assert_not_reached ();
    }
}

/* Claims about what a message holds, from its own bytes. */
static gboolean
decide_from_messages (HlTrace *trace,
                     guint    position,
                     HlClaim  claim)
{
  HlStep *step = hl_trace_get_step (trace, position);

  /* An int: only some claims are decided here, the others need no case. */
  switch ((int)claim)
    {
    case HL_CLAIM_KEY_MEETS_GUIDANCE:
      {
        g_autoptr(GPtrArray) certs = certificates_of (judged_certificate (trace, position));
        g_autoptr(HlCertificate) leaf = hl_certificate_new (g_ptr_array_index (certs, 0), NULL);

        /* NIST SP 800-131A Rev. 2: RSA from 2048 bits; the Baseline
         * Requirements: EC from P-256. */
        g_assert_nonnull (leaf);
        return hl_certificate_get_key_bits (leaf) >= (hl_certificate_is_rsa (leaf) ? 2048u : 256u);
      }

    case HL_CLAIM_CERTIFICATES_SENT:
      {
        g_autoptr(GPtrArray) certs = certificates_of (step);

        return certs->len > 0;
      }

    case HL_CLAIM_ENDS_SELF_SIGNED:
      {
        g_autoptr(GPtrArray) certs = certificates_of (step);
        g_autoptr(HlCertificate) last = hl_certificate_new (g_ptr_array_index (certs, certs->len - 1), NULL);

        g_assert_nonnull (last);
        return g_bytes_equal (hl_certificate_get_issuer_der (last), hl_certificate_get_subject_der (last));
      }

    case HL_CLAIM_CA_NAMES_SENT:
      {
        Reader r = body_of (step);
        gsize len;

        vector (&r, 1, &len);
        if (hl_trace_get_version (trace) >= 0x0303)
          vector (&r, 2, &len);
        vector (&r, 2, &len);
        g_assert_true (r.ok);
        return len > 0;
      }

    case HL_CLAIM_SESSION_OFFERED:
      {
        g_autoptr(GBytes) id = session_id (step);

        return g_bytes_get_size (id) > 0;
      }

    case HL_CLAIM_SERVER_NAME_SENT:
      {
        Reader r = body_of (step);
        gsize len;

        get (&r, 2);
        r.at += 32;
        vector (&r, 1, &len);
        vector (&r, 2, &len);
        vector (&r, 1, &len);
        return r.ok && r.at < r.len && has_extension (&r, 0);
      }

    default:
      g_assert_not_reached ();
    }
}

/* Whether @claim holds, decided from raw values. */
static gboolean
decide (HlScenario *scenario,
        HlTrace    *trace,
        guint       position,
        HlClaim     claim)
{
  HlStep *step = hl_trace_get_step (trace, position);
  HlActor actor = hl_step_get_actor (step);
  guint connection = hl_step_get_connection (step);
  const HlSecrets *client = hl_trace_get_connection_secrets (trace, connection, HL_ACTOR_CLIENT);
  const HlSecrets *server = hl_trace_get_connection_secrets (trace, connection, HL_ACTOR_SERVER);
  const char *suite = suite_of (trace, connection);

  switch (claim)
    {
    case HL_CLAIM_SAME_RANDOMS:
      return same (client->client_random, server->client_random) && same (client->server_random, server->server_random);

    case HL_CLAIM_SAME_PRE_MASTER_SECRET:
      /* The server's decryption step compares what its key recovered;
       * a master secret step, what each engine used. */
      if (!hl_step_get_claim (step, HL_CLAIM_SAME_MASTER_SECRET, NULL))
        {
          g_autoptr(GBytes) recovered = g_bytes_new_from_bytes (server->rsa_block,
                                                                g_bytes_get_size (server->rsa_block) - 48, 48);

          return same (recovered, client->pre_master_secret);
        }
      return same (client->pre_master_secret, server->pre_master_secret);

    case HL_CLAIM_SAME_SHARED_SECRET:
      return same (client->ecdh_shared, server->ecdh_shared);

    case HL_CLAIM_SAME_MASTER_SECRET:
      return same (client->master_secret, server->master_secret);

    case HL_CLAIM_FINISHED_VERIFIES:
      /* The PRF is a function: the same master secret over the same
       * messages gives the same verify_data, and only then. */
      return decide (scenario, trace, position, HL_CLAIM_SAME_MASTER_SECRET) &&
             decide (scenario, trace, position, HL_CLAIM_SAME_TRANSCRIPT);

    case HL_CLAIM_CHAIN_TRUSTED:
      {
        int error = hl_trace_get_error (trace, actor);

        return !(error >= 32 && error < 64);
      }

    case HL_CLAIM_KEY_USAGE_ALLOWS:
      return hl_trace_get_error (trace, actor) != BR_ERR_WRONG_KEY_USAGE;

    case HL_CLAIM_HOST_NAME_CHECKED:
      return actor == HL_ACTOR_CLIENT && hl_scenario_get_server_name (scenario)[0] != '\0';

    case HL_CLAIM_RECORDING_DECRYPTS:
      return suite != NULL && (g_str_has_prefix (suite, "TLS_RSA_") || g_str_has_prefix (suite, "TLS_ECDH_")) &&
             hl_scenario_get_server_key (scenario) == NULL;

    case HL_CLAIM_RSA_KEY_EXCHANGE:
      return suite != NULL && g_str_has_prefix (suite, "TLS_RSA_");

    case HL_CLAIM_EPHEMERAL_KEY_EXCHANGE:
      return suite != NULL && g_str_has_prefix (suite, "TLS_ECDHE_");

    case HL_CLAIM_SESSION_RESUMED:
      return resumed (trace, connection);

    case HL_CLAIM_PEER_WAITING:
      return hl_trace_get_error (trace, other (actor)) == 0;

    /* BearSSL's own check in the verifying side: on the signed message,
     * its peer; on a failure, the failing side.  (tests/test-signatures.py
     * has OpenSSL check the signatures themselves.) */
    case HL_CLAIM_SIGNATURE_VERIFIES:
      return hl_trace_get_error (trace, hl_step_get_kind (step) == HL_STEP_HANDSHAKE ? other (actor) : actor) !=
             BR_ERR_BAD_SIGNATURE;

    case HL_CLAIM_SAME_TRANSCRIPT:
    case HL_CLAIM_ENCRYPTED:
    case HL_CLAIM_NEXT_RECORDS_ENCRYPTED:
    case HL_CLAIM_PLAINTEXT_INTACT:
      /* What the records before or after this step say. */
      return decide_from_records (trace, position, claim);

    case HL_CLAIM_KEY_MEETS_GUIDANCE:
    case HL_CLAIM_CERTIFICATES_SENT:
    case HL_CLAIM_ENDS_SELF_SIGNED:
    case HL_CLAIM_CA_NAMES_SENT:
    case HL_CLAIM_SESSION_OFFERED:
    case HL_CLAIM_SERVER_NAME_SENT:
      /* What the messages' own bytes say. */
      return decide_from_messages (trace, position, claim);

    case HL_N_CLAIMS:
    default:
      g_error ("claim %s has no raw check: add one", hl_claim_to_string (claim));
    }
}

/* Rules ------------------------------------------------------------------- */

static gboolean
any_flag (HlField      *field,
          HlFieldFlags  flags)
{
  if (field == NULL)
    return FALSE;
  if (hl_field_get_flags (field) & flags)
    return TRUE;
  for (guint i = 0; i < hl_field_get_n_children (field); i++)
    if (any_flag (hl_field_get_child (field, i), flags))
      return TRUE;
  return FALSE;
}

static HlStoryKind
kind_of (HlTrace *trace,
         guint    connection)
{
  const char *suite = suite_of (trace, connection);

  if (resumed (trace, connection))
    return HL_STORY_ABBREVIATED;
  if (suite == NULL)
    return HL_STORY_UNKNOWN;
  if (g_str_has_prefix (suite, "TLS_RSA_"))
    return HL_STORY_RSA;
  if (g_str_has_prefix (suite, "TLS_ECDHE_"))
    return HL_STORY_ECDHE;
  if (g_str_has_prefix (suite, "TLS_ECDH_"))
    return HL_STORY_ECDH;
  return HL_STORY_UNKNOWN;
}

static guint
check_trace (const char *name,
             HlScenario *scenario,
             HlTrace    *trace)
{
  g_autoptr(GRegex) relation = g_regex_new ("\\b(same|identical|differ|differs|different|trusted|strong enough|"
                                            "encrypted|in the clear|forward secre(t|cy)|verif(y|ies))\\b",
                                            G_REGEX_CASELESS, 0, NULL);
  guint claims = 0;
  int key_pair = -1;

  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);
      g_autoptr(GString) text = g_string_new (NULL);
      guint connection = hl_step_get_connection (step);
      HlStoryKind kind = kind_of (trace, connection);

      /* The lesson's own description of its attacker is lesson text, not a
       * generated sentence. */
      g_string_printf (text, "%s %s", hl_step_get_title (step), hl_step_get_explanation (step));
      if (hl_scenario_get_fault_description (scenario) != NULL)
        g_string_replace (text, hl_scenario_get_fault_description (scenario), "", 0);

      for (HlClaim claim = 0; claim < HL_N_CLAIMS; claim++)
        {
          gboolean holds;

          if (!hl_step_get_claim (step, claim, &holds))
            continue;
          claims++;
          if (holds != decide (scenario, trace, i, claim))
            g_error ("%s, step %u (%s): it says %s %s, the run says otherwise:\n%s", name, i + 1,
                     hl_step_get_title (step), hl_claim_to_string (claim), holds ? "holds" : "does not hold",
                     hl_step_get_explanation (step));
        }

      if (g_regex_match (relation, text->str, 0, NULL) && hl_step_get_n_claims (step) == 0)
        g_error ("%s, step %u: a relation stated without a claim to check: %s", name, i + 1, text->str);

      /* ✓ above ✗ never; a failed check shows the row that failed. */
      if (hl_step_get_verdict (step) == HL_VERDICT_OK &&
          (any_flag (hl_step_get_fields (step), HL_FIELD_FLAG_FAIL | HL_FIELD_FLAG_DIFFER)))
        g_error ("%s, step %u (%s): ✓ over a failing row", name, i + 1, hl_step_get_title (step));
      if (hl_step_get_kind (step) == HL_STEP_CHECK && hl_step_get_verdict (step) == HL_VERDICT_FAILED &&
          !any_flag (hl_step_get_fields (step), HL_FIELD_FLAG_FAIL))
        g_error ("%s, step %u (%s): ✗ without a failing row", name, i + 1, hl_step_get_title (step));
      /* ⚠ exactly over a row below guidance, and never ✓ over one. */
      if ((hl_step_get_verdict (step) == HL_VERDICT_WARNING) !=
          (hl_step_get_verdict (step) != HL_VERDICT_FAILED &&
           any_flag (hl_step_get_fields (step), HL_FIELD_FLAG_BELOW_GUIDANCE)))
        g_error ("%s, step %u (%s): the verdict and a row below guidance disagree", name, i + 1,
                 hl_step_get_title (step));

      /* The story of the connection's key exchange. */
      if (hl_step_get_story_kind (step) != kind)
        g_error ("%s, step %u: tells the %s story, the run's ServerHello says %s", name, i + 1,
                 hl_story_kind_to_string (hl_step_get_story_kind (step)), hl_story_kind_to_string (kind));
      g_assert_cmpuint (hl_step_get_story (step), <=, hl_story_length (kind));

      /* The client's ephemeral key pair comes before the shared secret it
       * computes, and it is the pair the shared secret was made with. */
      if (hl_step_get_actor (step) == HL_ACTOR_CLIENT && hl_step_get_kind (step) == HL_STEP_COMPUTE &&
          hl_step_get_claim (step, HL_CLAIM_EPHEMERAL_KEY_EXCHANGE, NULL))
        {
          const HlSecrets *secrets = hl_trace_get_connection_secrets (trace, connection, HL_ACTOR_CLIENT);
          HlField *fields = hl_step_get_fields (step);
          GBytes *public;
          gsize public_len;
          guint8 point[133];
          size_t len;
          int curve;

          key_pair = i;
          g_assert_cmpuint (hl_field_get_n_children (fields), ==, 2);
          g_assert_true (same (hl_field_get_data (hl_field_get_child (fields, 0)), secrets->ecdh_private));
          public = hl_field_get_data (hl_field_get_child (fields, 1));
          public_len = g_bytes_get_size (public);
          /* The curve from the size of the point (RFC 8422 §5.4, RFC 7748). */
          curve = public_len == 32 ? BR_EC_curve25519 : public_len == 65 ? BR_EC_secp256r1 :
                  public_len == 97 ? BR_EC_secp384r1 : BR_EC_secp521r1;

          len = br_ec_get_default ()->mulgen (point, g_bytes_get_data (secrets->ecdh_private, NULL),
                                              g_bytes_get_size (secrets->ecdh_private), curve);
          g_assert_cmpmem (point, len, g_bytes_get_data (public, NULL), public_len);
        }
      if (hl_step_get_actor (step) == HL_ACTOR_CLIENT && hl_step_get_claim (step, HL_CLAIM_SAME_SHARED_SECRET, NULL) &&
          hl_step_get_kind (step) == HL_STEP_COMPUTE)
        g_assert_cmpint (key_pair, >=, 0);
    }

  /* An abbreviated handshake: the server's Finished first, in its own
   * story's numbers. */
  for (guint c = 0; c < hl_trace_get_n_connections (trace); c++)
    if (resumed (trace, c))
      {
        int server_finished = -1, client_finished = -1;

        for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
          {
            HlStep *step = hl_trace_get_step (trace, i);

            if (hl_step_get_connection (step) != c || hl_step_get_handshake_type (step) != 20)
              continue;
            if (hl_step_get_actor (step) == HL_ACTOR_SERVER)
              server_finished = i;
            else
              client_finished = i;
          }
        g_assert_cmpint (server_finished, >=, 0);
        g_assert_cmpint (server_finished, <, client_finished);
        g_assert_cmpuint (hl_step_get_story (hl_trace_get_step (trace, server_finished)), <,
                          hl_step_get_story (hl_trace_get_step (trace, client_finished)));
      }

  return claims;
}

static void
test_lessons (void)
{
  g_auto(GStrv) ids = hl_scenario_list_builtin ();
  guint total = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (ids[i], &error);
      g_autoptr(HlTrace) trace = NULL;
      guint claims;

      g_assert_no_error (error);
      trace = hl_engine_run (scenario, &error);
      g_assert_no_error (error);
      claims = check_trace (ids[i], scenario, trace);
      g_test_message ("%s: %u claims checked", ids[i], claims);
      g_assert_cmpuint (claims, >, 0);
      total += claims;
    }

  g_test_message ("%u claims checked in all", total);
}

static void
test_variant (gconstpointer data)
{
  const Variant *v = data;
  g_autofree char *path = g_strdup_printf (RESOURCE_PREFIX "/scenarios/%s.scenario", v->base);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, &error);
  g_autoptr(GString) text = NULL;
  g_autoptr(HlScenario) scenario = NULL;
  g_autoptr(HlTrace) trace = NULL;
  g_autofree char *mismatch = NULL;

  g_assert_no_error (error);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  for (guint e = 0; e < G_N_ELEMENTS (v->edits) && v->edits[e][0] != NULL; e++)
    {
      if (strstr (text->str, v->edits[e][0]) == NULL)
        g_error ("%s: “%s” is not in %s", v->name, v->edits[e][0], v->base);
      g_string_replace (text, v->edits[e][0], v->edits[e][1], 1);
    }

  scenario = hl_scenario_new_from_data (text->str, text->len, v->name, &error);
  g_assert_no_error (error);
  trace = hl_engine_run (scenario, &error);
  g_assert_no_error (error);
  if (!hl_scenario_matches_trace (scenario, trace, &mismatch))
    g_error ("%s: %s", v->name, mismatch);
  g_assert_cmpuint (check_trace (v->name, scenario, trace), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* The relation words are English: no translation. */
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/claims/lessons", test_lessons);
  for (gsize i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *path = g_strdup_printf ("/claims/variant/%s", variants[i].name);

      g_test_add_data_func (path, &variants[i], test_variant);
    }

  return g_test_run ();
}
