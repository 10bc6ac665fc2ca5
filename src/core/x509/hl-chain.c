/* hl-chain.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-chain"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <bearssl.h>

#include "hl-certificate.h"
#include "hl-chain.h"
#include "hl-names.h"
#include "hl-pki.h"

/* BearSSL rejects RSA keys shorter than 128 bytes (br_x509_minimal's
 * default, bearssl_x509.h): 1017 bits and more fill 128 bytes. */
#define MIN_RSA_BITS 1017

/* What current guidance asks of an RSA key: NIST SP 800-131A Rev. 2
 * disallows shorter ones, and the CA/Browser Forum's Baseline
 * Requirements (§6.1.5) require at least this for publicly trusted
 * certificates. */
#define GUIDANCE_RSA_BITS 2048

/* … and of an EC key: the Baseline Requirements (§6.1.5) allow the
 * curves P-256, P-384 and P-521 only. */
#define GUIDANCE_EC_BITS 256

/* The usages BearSSL's X.509 engine derives from keyUsage
 * (x509_minimal.t0, process-keyUsage); without the extension the key may
 * do both. */
#define USAGE_KEY_EXCHANGE (HL_KEY_USAGE_KEY_ENCIPHERMENT | HL_KEY_USAGE_DATA_ENCIPHERMENT | HL_KEY_USAGE_KEY_AGREEMENT)
#define USAGE_SIGNING      (HL_KEY_USAGE_DIGITAL_SIGNATURE | HL_KEY_USAGE_NON_REPUDIATION)

/* BELOW_GUIDANCE: BearSSL passes it, current guidance does not. */
typedef enum { NOT_REACHED, PASS, FAIL, NOT_APPLICABLE, SKIPPED, BELOW_GUIDANCE } Result;

typedef struct
{
  Result  result;
  int     code;     /* the BearSSL error of a failure, when the rule has several */
  char   *reason;
} Rule;

/* What a rule looks at: one certificate of the chain and its neighbours. */
typedef struct
{
  HlCertificate        *cert;
  HlCertificate        *next;     /* the certificate sent after it, or NULL */
  HlCertificate        *anchor;   /* the trusted root that issued it, or NULL */
  guint                 index;    /* 0 for the leaf */
  const HlChainContext *context;
  HlChainResult        *result;
  const char           *now;      /* the scenario clock, formatted */
} Place;

/* Leaves @rule not applicable, or sets its result and reason. */
typedef void (*CheckFunc) (Rule        *rule,
                           const Place *at);

typedef struct
{
  const char *id;
  const char *title;             /* N_(): shown after the rule's number */
  int         error;             /* BearSSL's error when it fails; 0: a failure rejects
                                  * the chain only with a code its check gives */
  guint       walk;              /* when BearSSL gets to it within one certificate
                                  * (x509_minimal.t0), lower first; in tens, so a new
                                  * rule fits in between */
  gboolean    judged_with_next;  /* BearSSL judges it for certificate i while
                                  * reading certificate i + 1 */
  CheckFunc   check;
} RuleInfo;

static void check_validity   (Rule *rule, const Place *at);
static void check_issuer     (Rule *rule, const Place *at);
static void check_signature  (Rule *rule, const Place *at);
static void check_ca         (Rule *rule, const Place *at);
static void check_anchor     (Rule *rule, const Place *at);
static void check_name       (Rule *rule, const Place *at);
static void check_key        (Rule *rule, const Place *at);
static void check_extensions (Rule *rule, const Place *at);

/* The rules, numbered for a student in this order.  A new rule is one
 * entry here; hl-chain.h lists the ids and test-chain.c needs a case that
 * fails it. */
static const RuleInfo rules[] = {
  { "chain.check.validity", N_("Valid now"), BR_ERR_X509_EXPIRED, 10, FALSE, check_validity },
  { "chain.check.issuer", N_("Issuer is the next certificate's subject"), BR_ERR_X509_DN_MISMATCH, 20, TRUE,
    check_issuer },
  { "chain.check.signature", N_("Signature verifies with the issuer's key"), BR_ERR_X509_BAD_SIGNATURE, 70, TRUE,
    check_signature },
  { "chain.check.ca", N_("The issuer may issue certificates"), BR_ERR_X509_NOT_CA, 50, FALSE, check_ca },
  { "chain.check.anchor", N_("Chain ends at a trusted root"), BR_ERR_X509_NOT_TRUSTED, 80, FALSE, check_anchor },
  { "chain.check.name", N_("Names the host asked for"), BR_ERR_X509_BAD_SERVER_NAME, 60, FALSE, check_name },
  /* Key usage for the suite is the TLS engine's business, not the X.509
   * engine's: only a weak key (its own code) fails the chain. */
  { "chain.check.key", N_("Key type, size and usage fit the handshake"), 0, 30, FALSE, check_key },
  { "chain.check.extensions", N_("Every critical extension understood"), BR_ERR_X509_CRITICAL_EXTENSION, 40, FALSE,
    check_extensions },
};

#define N_RULES G_N_ELEMENTS (rules)

typedef struct
{
  HlCertificate *cert;
  Rule           rules[N_RULES];
} Entry;

static guint
find_rule (const char *id)
{
  for (guint r = 0; r < N_RULES; r++)
    if (g_str_equal (rules[r].id, id))
      return r;

  g_return_val_if_reached (0);
}

guint
hl_chain_get_n_rules (void)
{
  return N_RULES;
}

const char *
hl_chain_get_rule_id (guint rule)
{
  g_return_val_if_fail (rule < N_RULES, NULL);

  return rules[rule].id;
}

guint
hl_chain_get_rule_number (const char *id)
{
  return find_rule (id) + 1;
}

static void G_GNUC_PRINTF (3, 4)
set_rule (Rule       *rule,
          Result      result,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_free (rule->reason);
  rule->reason = g_strdup_vprintf (format, args);
  rule->result = result;
  va_end (args);
}

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S UTC") : g_strdup ("?");
}

static void
check_validity (Rule        *rule,
                const Place *at)
{
  gint64 nb = hl_certificate_get_not_before (at->cert);
  gint64 na = hl_certificate_get_not_after (at->cert);
  g_autofree char *nb_text = format_time (nb);
  g_autofree char *na_text = format_time (na);

  if (at->context->clock < nb)
    set_rule (rule, FAIL, _("not valid yet: %s is before %s"), at->now, nb_text);
  else if (at->context->clock > na)
    set_rule (rule, FAIL, _("expired: %s is after %s"), at->now, na_text);
  else
    set_rule (rule, PASS, _("%s lies between %s and %s"), at->now, nb_text, na_text);
}

/* BearSSL compares names with the next certificate only while no trust
 * anchor has ended the chain. */
static void
check_issuer (Rule        *rule,
              const Place *at)
{
  if (at->next == NULL || at->anchor != NULL)
    return;

  if (!g_bytes_equal (hl_certificate_get_issuer_der (at->cert), hl_certificate_get_subject_der (at->next)))
    set_rule (rule, FAIL, _("issuer “%s” ≠ next subject “%s”"),
              hl_certificate_get_issuer (at->cert), hl_certificate_get_subject (at->next));
  else
    set_rule (rule, PASS, _("issuer “%s” = next subject"), hl_certificate_get_issuer (at->cert));
}

static void
check_signature (Rule        *rule,
                 const Place *at)
{
  g_autofree char *detail = NULL;

  if (at->next == NULL || at->anchor != NULL)
    return;

  if (hl_certificate_verify_signature_logged (at->cert, at->next, at->context->signatures, &detail))
    set_rule (rule, PASS, "%s", detail);
  else
    set_rule (rule, FAIL, _("does not verify: %s"), detail);
}

/* Asked of every certificate that signed another one. */
static void
check_ca (Rule        *rule,
          const Place *at)
{
  HlCertificate *cert = at->cert;
  int path_len = hl_certificate_get_path_len (cert);

  if (at->index == 0)
    return;

  if (!hl_certificate_is_ca (cert))
    set_rule (rule, FAIL, _("“%s” signed another certificate but is not a CA (basicConstraints cA %s)"),
              hl_certificate_get_common_name (cert), hl_certificate_has_basic_constraints (cert) ? "FALSE" : _("absent"));
  else if (path_len >= 0 && (int)at->index - 1 > path_len)
    set_rule (rule, FAIL, _("pathLen %d allows %d CA certificates below it; there are %u"),
              path_len, path_len, at->index - 1);
  else if (hl_certificate_has_key_usage (cert) && !(hl_certificate_get_key_usage (cert) & HL_KEY_USAGE_KEY_CERT_SIGN))
    {
      set_rule (rule, FAIL, _("a CA, but its key usage lacks keyCertSign"));
      rule->code = BR_ERR_X509_FORBIDDEN_KEY_USAGE;
    }
  else
    set_rule (rule, PASS, "%s",
              path_len >= 0 ? _("a CA (basicConstraints cA TRUE, pathLen respected)")
                            : _("a CA (basicConstraints cA TRUE)"));
}

static void
check_anchor (Rule        *rule,
              const Place *at)
{
  if (at->anchor != NULL)
    {
      g_autofree char *detail = NULL;

      if (hl_certificate_verify_signature_logged (at->cert, at->anchor, at->context->signatures, &detail))
        set_rule (rule, PASS, _("issued by the trusted root “%s”: %s"),
                  hl_certificate_get_common_name (at->anchor), detail);
      else
        set_rule (rule, FAIL, _("names the trusted root “%s” as issuer, but %s fails"),
                  hl_certificate_get_common_name (at->anchor), detail);
    }
  else if (at->next == NULL)
    set_rule (rule, FAIL, _("its issuer “%s” is not a root the checker trusts, and no certificate follows it"),
              hl_certificate_get_issuer (at->cert));
}

static void
check_extensions (Rule        *rule,
                  const Place *at)
{
  if (hl_certificate_get_unknown_critical (at->cert) != NULL)
    set_rule (rule, FAIL, _("the extension %s is marked critical, and BearSSL does not know it"),
              hl_certificate_get_unknown_critical (at->cert));
}

/* RFC 6125 as BearSSL does it: exact match, or a leading "*." covering
 * exactly one label. */
static gboolean
name_matches (const char *pattern,
              const char *host)
{
  if (g_ascii_strcasecmp (pattern, host) == 0)
    return TRUE;

  if (g_str_has_prefix (pattern, "*."))
    {
      const char *dot = strchr (host, '.');

      return dot != NULL && dot != host && g_ascii_strcasecmp (pattern + 1, dot) == 0;
    }

  return FALSE;
}

/* Asked of the leaf only. */
static void
check_name (Rule        *rule,
            const Place *at)
{
  HlCertificate *cert = at->cert;
  const char *host = at->context->server_name;
  const char * const *names = hl_certificate_get_dns_names (cert);

  if (at->index != 0)
    return;

  if (host == NULL)
    {
      set_rule (rule, NOT_APPLICABLE, _("a server checking a client looks at no host name"));
      return;
    }

  /* br_x509_minimal takes an empty name for none and checks nothing. */
  if (host[0] == '\0')
    {
      set_rule (rule, SKIPPED,
                _("no host name was given (the client's server-name is empty), so BearSSL checks none: "
                  "this certificate would pass for any host"));
      return;
    }

  if (names[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **)names);

      for (guint i = 0; names[i] != NULL; i++)
        if (name_matches (names[i], host))
          {
            set_rule (rule, PASS, _("“%s” matches the subjectAltName %s"), host, names[i]);
            return;
          }

      set_rule (rule, FAIL, _("“%s” is not among the names the certificate holds: %s"), host, list);
      return;
    }

  if (hl_certificate_get_common_name (cert) != NULL && name_matches (hl_certificate_get_common_name (cert), host))
    /* Chrome 58 and Firefox 48 removed the fallback:
     * https://www.chromestatus.com/feature/4981025180483584 */
    set_rule (rule, PASS,
              _("no subjectAltName, so BearSSL falls back to the CN “%s”; Chrome (since 58) and Firefox (since 48) "
                "no longer do and would reject it"),
              hl_certificate_get_common_name (cert));
  else
    set_rule (rule, FAIL, _("“%s” is not the CN “%s”, and there is no subjectAltName"),
              host, hl_certificate_get_common_name (cert) ? hl_certificate_get_common_name (cert) : "");
}

static char *
describe_key_usage (HlCertificate *cert)
{
  static const char * const bits[] = { "digitalSignature", "nonRepudiation", "keyEncipherment",
                                       "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign",
                                       "encipherOnly" };
  GString *s = g_string_new (NULL);

  for (guint b = 0; b < G_N_ELEMENTS (bits); b++)
    if (hl_certificate_get_key_usage (cert) & (1u << b))
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", bits[b]);

  return g_string_free (s, FALSE);
}

/* What the TLS engine asks of the leaf's key once the chain is accepted:
 * the key type and usage the suite needs from a server (ssl_hs_client,
 * expected-key-type), signing for a client's CertificateVerify
 * (ssl_hs_server, read-CertificateVerify). */
static char *
describe_key_fit (HlCertificate        *cert,
                  const HlChainContext *context,
                  gboolean             *fits)
{
  const char *suite = hl_cipher_suite_name (context->cipher_suite);
  const char *description = hl_certificate_get_key_description (cert);
  gboolean rsa = hl_certificate_is_rsa (cert);
  g_autofree char *usage = NULL;
  guint need = 0;
  const char *need_name = NULL;
  const char *what = NULL;
  int need_rsa = -1;   /* 1: an RSA key, 0: an EC key, -1: either */

  *fits = TRUE;
  if (context->server_name == NULL)
    need = USAGE_SIGNING, need_name = _("signing"), what = "CertificateVerify";
  else if (suite != NULL && g_str_has_prefix (suite, "TLS_RSA_"))
    need = USAGE_KEY_EXCHANGE, need_name = _("key exchange"), what = suite, need_rsa = 1;
  else if (suite != NULL && g_str_has_prefix (suite, "TLS_ECDHE_RSA_"))
    need = USAGE_SIGNING, need_name = _("signing"), what = suite, need_rsa = 1;
  else if (suite != NULL && g_str_has_prefix (suite, "TLS_ECDHE_ECDSA_"))
    need = USAGE_SIGNING, need_name = _("signing"), what = suite, need_rsa = 0;
  else if (suite != NULL && g_str_has_prefix (suite, "TLS_ECDH_"))
    need = USAGE_KEY_EXCHANGE, need_name = _("key exchange"), what = suite, need_rsa = 0;

  if (hl_certificate_has_key_usage (cert))
    usage = describe_key_usage (cert);

  if (need == 0)
    return g_strdup_printf (_("%s; no cipher suite chosen yet, so nothing to check it against"), description);
  if (need_rsa >= 0 && need_rsa != rsa)
    {
      *fits = FALSE;
      return g_strdup_printf (_("%s, but %s needs an %s key (the TLS engine refuses it after the chain: error 28)"),
                              description, what, need_rsa ? "RSA" : "EC");
    }
  if (usage == NULL)
    return g_strdup_printf (_("%s; no keyUsage extension, so nothing restricts what the key may do"), description);
  if (hl_certificate_get_key_usage (cert) & need)
    return g_strdup_printf (_("%s; keyUsage %s gives it the %s usage that %s needs"),
                            description, usage, need_name, what);

  *fits = FALSE;
  return g_strdup_printf (_("%s; keyUsage %s does not give it the %s usage that %s needs (BearSSL takes key "
                            "exchange from keyEncipherment, dataEncipherment or keyAgreement, signing from "
                            "digitalSignature or nonRepudiation): the TLS engine refuses it after the chain, "
                            "error 28"),
                          description, usage, need_name, what);
}

/* What current guidance asks of the size of @cert's key, or 0 when it is
 * of a type it says nothing of here. */
static guint
guidance_bits (HlCertificate *cert)
{
  if (hl_certificate_is_rsa (cert))
    return GUIDANCE_RSA_BITS;
  if (hl_certificate_is_ec (cert))
    return GUIDANCE_EC_BITS;
  return 0;
}

/* Asked of the leaf only. */
static void
check_key (Rule        *rule,
           const Place *at)
{
  HlCertificate *cert = at->cert;
  guint bits = hl_certificate_get_key_bits (cert);
  gboolean rsa = hl_certificate_is_rsa (cert);
  HlChainResult *result = at->result;
  g_autofree char *reason = NULL;

  if (at->index != 0)
    return;

  result->key_bits = bits;
  result->key_rsa = rsa;
  result->key_guidance_bits = guidance_bits (cert);

  if (rsa && bits < MIN_RSA_BITS)
    {
      set_rule (rule, FAIL, _("an RSA key of %u bits: BearSSL refuses RSA keys shorter than 128 bytes (1017 bits)"),
                bits);
      rule->code = BR_ERR_X509_WEAK_PUBLIC_KEY;
      return;
    }

  reason = describe_key_fit (cert, at->context, &result->key_usage_allows);

  if (bits < result->key_guidance_bits)
    {
      g_autofree char *with_size = NULL;

      if (rsa)
        with_size = g_strdup_printf (_("%s. Its size: BearSSL accepts RSA keys from 128 bytes (1017 bits) on, but "
                                       "NIST SP 800-131A Rev. 2 and the CA/Browser Forum's Baseline Requirements "
                                       "ask for %u bits or more"),
                                     reason, result->key_guidance_bits);
      else
        with_size = g_strdup_printf (_("%s. Its size: BearSSL accepts this curve, but the CA/Browser Forum's "
                                       "Baseline Requirements ask for a curve of %u bits or more"),
                                     reason, result->key_guidance_bits);
      g_free (reason);
      reason = g_steal_pointer (&with_size);
    }

  set_rule (rule, !result->key_usage_allows ? FAIL : bits < result->key_guidance_bits ? BELOW_GUIDANCE : PASS,
            "%s", reason);
}

static HlCertificate *
find_anchor (GPtrArray     *anchors,
             HlCertificate *cert)
{
  for (guint i = 0; i < anchors->len; i++)
    {
      HlCertificate *anchor = g_ptr_array_index (anchors, i);

      if (g_bytes_equal (hl_certificate_get_subject_der (anchor), hl_certificate_get_issuer_der (cert)))
        return anchor;
    }

  return NULL;
}

static void
describe_certificate (HlField       *field,
                      HlCertificate *cert)
{
  g_autofree char *from = format_time (hl_certificate_get_not_before (cert));
  g_autofree char *until = format_time (hl_certificate_get_not_after (cert));
  const char * const *names = hl_certificate_get_dns_names (cert);

  hl_field_add (field, "x509.subject", _("subject"), hl_certificate_get_subject (cert), HL_FIELD_NO_OFFSET, 0);
  hl_field_add (field, "x509.issuer", _("issuer"), hl_certificate_get_issuer (cert), HL_FIELD_NO_OFFSET, 0);
  hl_field_add (field, "x509.serial", _("serial"), hl_certificate_get_serial (cert), HL_FIELD_NO_OFFSET, 0);
  hl_field_add_printf (field, "x509.validity", HL_FIELD_NO_OFFSET, 0, _("validity"), _("%s to %s"), from, until);
  hl_field_add (field, "x509.key", _("key"), hl_certificate_get_key_description (cert), HL_FIELD_NO_OFFSET, 0);
  hl_field_add (field, "x509.signature_algorithm", _("signature algorithm"),
                hl_certificate_get_signature_algorithm (cert), HL_FIELD_NO_OFFSET, 0);
  if (hl_certificate_has_basic_constraints (cert))
    {
      if (hl_certificate_get_path_len (cert) >= 0)
        hl_field_add_printf (field, "x509.basic_constraints", HL_FIELD_NO_OFFSET, 0, "basicConstraints",
                             "cA %s, pathLen %d", hl_certificate_is_ca (cert) ? "TRUE" : "FALSE",
                             hl_certificate_get_path_len (cert));
      else
        hl_field_add_printf (field, "x509.basic_constraints", HL_FIELD_NO_OFFSET, 0, "basicConstraints", "cA %s",
                             hl_certificate_is_ca (cert) ? "TRUE" : "FALSE");
    }
  if (hl_certificate_has_key_usage (cert))
    {
      g_autofree char *usage = describe_key_usage (cert);

      hl_field_add (field, "x509.key_usage", "keyUsage", usage, HL_FIELD_NO_OFFSET, 0);
    }
  if (names[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **)names);

      hl_field_add (field, "x509.subject_alt_name", "subjectAltName", list, HL_FIELD_NO_OFFSET, 0);
    }
  hl_field_add_bytes (field, "x509.der", "DER", hl_certificate_get_der (cert), HL_FIELD_FLAG_NONE);
  if (hl_certificate_get_unknown_critical (cert) != NULL)
    hl_field_add (field, "x509.unknown_critical", _("critical extension BearSSL does not know"),
                  hl_certificate_get_unknown_critical (cert), HL_FIELD_NO_OFFSET, 0);
}

static void
describe (HlField *root,
          Entry   *entry,
          guint    index)
{
  HlCertificate *cert = entry->cert;
  g_autofree char *title = g_strdup_printf (_("Certificate %u"), index + 1);
  HlField *field;
  HlField *checks;

  field = hl_field_add (root, "x509.certificate", title,
                        hl_certificate_get_common_name (cert) ? hl_certificate_get_common_name (cert)
                                                              : hl_certificate_get_subject (cert),
                        HL_FIELD_NO_OFFSET, 0);
  describe_certificate (field, cert);

  checks = hl_field_add (field, "chain.checks", _("Checks"), NULL, HL_FIELD_NO_OFFSET, 0);
  for (guint r = 0; r < N_RULES; r++)
    {
      Rule *rule = &entry->rules[r];
      g_autofree char *name = NULL;
      HlField *f;

      if (rule->result == NOT_APPLICABLE)
        continue;

      /* TRANSLATORS: a rule of the chain check: its number, its title */
      name = g_strdup_printf (_("%u. %s"), r + 1, _(rules[r].title));
      f = hl_field_add (checks, rules[r].id, name,
                        rule->result == NOT_REACHED ? _("not reached: the check stopped before") : rule->reason,
                        HL_FIELD_NO_OFFSET, 0);
      hl_field_set_flags (f, rule->result == PASS ? HL_FIELD_FLAG_PASS :
                             rule->result == FAIL ? HL_FIELD_FLAG_FAIL :
                             rule->result == BELOW_GUIDANCE ? HL_FIELD_FLAG_BELOW_GUIDANCE :
                             rule->result == SKIPPED ? HL_FIELD_FLAG_SKIPPED : HL_FIELD_FLAG_NOT_REACHED);
    }
}

/* BearSSL's order within one certificate: the rules by their walk. */
static const guint *
walk_order (void)
{
  static guint order[N_RULES];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint r = 0; r < N_RULES; r++)
        {
          guint k = r;

          while (k > 0 && rules[order[k - 1]].walk > rules[r].walk)
            {
              order[k] = order[k - 1];
              k--;
            }
          order[k] = r;
        }
      g_once_init_leave (&done, 1);
    }

  return order;
}

/* The rule judged at walk position (i, k): the issuer and signature of
 * certificate i are judged while BearSSL reads certificate i + 1. */
static Rule *
rule_at (Entry *entries,
         guint  i,
         guint  k,
         guint *owner)
{
  guint r = walk_order ()[k];

  *owner = i;
  if (rules[r].judged_with_next)
    {
      if (i == 0)
        return NULL;
      *owner = i - 1;
    }

  return &entries[*owner].rules[r];
}

/* Rules BearSSL never got to once it stopped at walk position (i, k). */
static void
mark_not_reached (Entry *entries,
                  guint  n,
                  guint  at_i,
                  guint  at_k)
{
  for (guint i = at_i; i <= n; i++)
    for (guint k = (i == at_i ? at_k + 1 : 0); k < N_RULES; k++)
      {
        guint owner;
        Rule *rule = i < n || rules[walk_order ()[k]].judged_with_next ? rule_at (entries, i, k, &owner) : NULL;

        if (i == n && (rule == NULL || owner >= n))
          continue;
        if (rule != NULL && rule->result != NOT_APPLICABLE)
          {
            rule->result = NOT_REACHED;
            g_clear_pointer (&rule->reason, g_free);
          }
      }
}

/* Walks in BearSSL's order to its first failure; a certificate issued by
 * a trust anchor ends the walk.  Returns the BearSSL error. */
static int
walk (Entry *entries,
      guint  n)
{
  guint anchor_rule = find_rule ("chain.check.anchor");

  for (guint i = 0; i < n; i++)
    for (guint k = 0; k < N_RULES; k++)
      {
        guint owner;
        Rule *rule = rule_at (entries, i, k, &owner);
        guint r = walk_order ()[k];

        if (rule == NULL)
          continue;

        if (rule->result == FAIL)
          {
            int code = rule->code ? rule->code : rules[r].error;

            if (code == 0)
              continue;
            mark_not_reached (entries, n, i, k);
            return code;
          }
        if (r == anchor_rule && rule->result == PASS)
          {
            mark_not_reached (entries, n, i, k);
            return BR_ERR_OK;
          }
      }

  return BR_ERR_X509_NOT_TRUSTED;
}

/* Decodes @certs into @entries; on a certificate that does not decode,
 * adds its field to @root and returns FALSE. */
static gboolean
decode_chain (GPtrArray *certs,
              Entry     *entries,
              HlField   *root)
{
  for (guint i = 0; i < certs->len; i++)
    {
      g_autoptr(GError) error = NULL;

      entries[i].cert = hl_certificate_new (g_ptr_array_index (certs, i), &error);
      if (entries[i].cert == NULL)
        {
          g_autofree char *name = g_strdup_printf (_("Certificate %u"), i + 1);

          hl_field_add (root, "x509.certificate", name, error->message, HL_FIELD_NO_OFFSET, 0);
          for (guint j = 0; j < i; j++)
            hl_certificate_free (entries[j].cert);
          return FALSE;
        }
    }

  return TRUE;
}

HlField *
hl_chain_check (GPtrArray            *certs,
                const HlChainContext *context,
                HlChainResult        *result)
{
  g_autoptr(GPtrArray) anchors = g_ptr_array_new_with_free_func ((GDestroyNotify)hl_certificate_free);
  g_autofree Entry *entries = NULL;
  g_autofree char *now = format_time (context->clock);
  HlField *root;
  guint n = certs->len;

  root = hl_field_new ("chain", _("Certificate chain"), NULL, HL_FIELD_NO_OFFSET, 0);
  memset (result, 0, sizeof *result);
  result->key_usage_allows = TRUE;
  result->host_name_checked = context->server_name != NULL && context->server_name[0] != '\0';

  for (guint i = 0; context->anchors != NULL && i < context->anchors->len; i++)
    {
      HlCertificate *anchor = hl_certificate_new (g_ptr_array_index (context->anchors, i), NULL);

      if (anchor != NULL)
        g_ptr_array_add (anchors, anchor);
    }

  if (n == 0)
    {
      hl_field_add (root, "chain.empty", _("Verdict"), _("no certificate at all"), HL_FIELD_NO_OFFSET, 0);
      result->verdict = BR_ERR_X509_EMPTY_CHAIN;
      return root;
    }

  entries = g_new0 (Entry, n);
  if (!decode_chain (certs, entries, root))
    {
      result->verdict = BR_ERR_X509_INVALID_VALUE;
      return root;
    }

  for (guint i = 0; i < n; i++)
    {
      Place at = { entries[i].cert, i + 1 < n ? entries[i + 1].cert : NULL, find_anchor (anchors, entries[i].cert),
                   i, context, result, now };

      for (guint r = 0; r < N_RULES; r++)
        {
          entries[i].rules[r].result = NOT_APPLICABLE;
          rules[r].check (&entries[i].rules[r], &at);
        }
    }

  result->verdict = walk (entries, n);
  /* What the leaf's row says, once the walk has marked what it never
   * reached. */
  result->key_below_guidance = entries[0].rules[find_rule ("chain.check.key")].result == BELOW_GUIDANCE;

  for (guint i = 0; i < n; i++)
    {
      describe (root, &entries[i], i);
      hl_certificate_free (entries[i].cert);
      for (guint r = 0; r < N_RULES; r++)
        g_free (entries[i].rules[r].reason);
    }

  return root;
}
