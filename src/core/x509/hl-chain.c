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

/* The usages BearSSL's X.509 engine derives from keyUsage
 * (x509_minimal.t0, process-keyUsage); without the extension the key may
 * do both. */
#define USAGE_KEY_EXCHANGE (HL_KEY_USAGE_KEY_ENCIPHERMENT | HL_KEY_USAGE_DATA_ENCIPHERMENT | HL_KEY_USAGE_KEY_AGREEMENT)
#define USAGE_SIGNING      (HL_KEY_USAGE_DIGITAL_SIGNATURE | HL_KEY_USAGE_NON_REPUDIATION)

enum {
  RULE_VALIDITY,
  RULE_ISSUER,
  RULE_SIGNATURE,
  RULE_CA,
  RULE_ANCHOR,
  RULE_NAME,
  RULE_KEY,
  RULE_EXTENSIONS,
  N_RULES
};

typedef enum { NOT_REACHED, PASS, FAIL, NOT_APPLICABLE, SKIPPED } Result;

typedef struct
{
  Result  result;
  int     code;     /* the BearSSL error of a failure, when the rule has several */
  char   *reason;
} Rule;

typedef struct
{
  HlCertificate *cert;
  Rule           rules[N_RULES];
} Entry;

static const char *
rule_name (guint rule)
{
  switch (rule)
    {
    case RULE_VALIDITY:  return _("1. Valid now");
    case RULE_ISSUER:    return _("2. Issuer is the next certificate's subject");
    case RULE_SIGNATURE: return _("3. Signature verifies with the issuer's key");
    case RULE_CA:        return _("4. The issuer may issue certificates");
    case RULE_ANCHOR:    return _("5. Chain ends at a trusted root");
    case RULE_NAME:      return _("6. Names the host asked for");
    case RULE_KEY:       return _("7. Key type, size and usage fit the handshake");
    case RULE_EXTENSIONS: return _("8. Every critical extension understood");
    default:             return "?";
    }
}

static void G_GNUC_PRINTF (4, 5)
set_rule (Entry      *entry,
          guint       rule,
          Result      result,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_free (entry->rules[rule].reason);
  entry->rules[rule].reason = g_strdup_vprintf (format, args);
  entry->rules[rule].result = result;
  va_end (args);
}

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S UTC") : g_strdup ("?");
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

static void
check_name (Entry      *entry,
            const char *host)
{
  HlCertificate *cert = entry->cert;
  const char * const *names = hl_certificate_get_dns_names (cert);

  if (host == NULL)
    {
      set_rule (entry, RULE_NAME, NOT_APPLICABLE, _("a server checking a client looks at no host name"));
      return;
    }

  /* br_x509_minimal takes an empty name for none and checks nothing. */
  if (host[0] == '\0')
    {
      set_rule (entry, RULE_NAME, SKIPPED,
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
            set_rule (entry, RULE_NAME, PASS, _("“%s” matches the subjectAltName %s"), host, names[i]);
            return;
          }

      set_rule (entry, RULE_NAME, FAIL, _("“%s” is not among the names the certificate holds: %s"), host, list);
      return;
    }

  if (hl_certificate_get_common_name (cert) != NULL && name_matches (hl_certificate_get_common_name (cert), host))
    /* Chrome 58 and Firefox 48 removed the fallback:
     * https://www.chromestatus.com/feature/4981025180483584 */
    set_rule (entry, RULE_NAME, PASS,
              _("no subjectAltName, so BearSSL falls back to the CN “%s”; Chrome (since 58) and Firefox (since 48) "
                "no longer do and would reject it"),
              hl_certificate_get_common_name (cert));
  else
    set_rule (entry, RULE_NAME, FAIL, _("“%s” is not the CN “%s”, and there is no subjectAltName"),
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
static void
check_key (Entry                *entry,
           const HlChainContext *context,
           HlChainResult        *result)
{
  HlCertificate *cert = entry->cert;
  const char *suite = hl_cipher_suite_name (context->cipher_suite);
  const char *description = hl_certificate_get_key_description (cert);
  guint bits = hl_certificate_get_key_bits (cert);
  gboolean rsa = hl_certificate_is_rsa (cert);
  g_autofree char *usage = NULL;
  g_autofree char *reason = NULL;
  guint need = 0;
  const char *need_name = NULL;
  const char *what = NULL;
  int need_rsa = -1;   /* 1: an RSA key, 0: an EC key, -1: either */

  result->key_bits = bits;
  result->key_rsa = rsa;

  if (rsa && bits < MIN_RSA_BITS)
    {
      set_rule (entry, RULE_KEY, FAIL, _("an RSA key of %u bits: BearSSL refuses RSA keys shorter than 128 bytes "
                                         "(1017 bits)"), bits);
      return;
    }

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
    reason = g_strdup_printf (_("%s; no cipher suite chosen yet, so nothing to check it against"), description);
  else if (need_rsa >= 0 && need_rsa != rsa)
    {
      result->key_usage_allows = FALSE;
      reason = g_strdup_printf (_("%s, but %s needs an %s key (the TLS engine refuses it after the chain: error 28)"),
                                description, what, need_rsa ? "RSA" : "EC");
    }
  else if (usage == NULL)
    reason = g_strdup_printf (_("%s; no keyUsage extension, so nothing restricts what the key may do"), description);
  else if (hl_certificate_get_key_usage (cert) & need)
    reason = g_strdup_printf (_("%s; keyUsage %s gives it the %s usage that %s needs"),
                              description, usage, need_name, what);
  else
    {
      result->key_usage_allows = FALSE;
      reason = g_strdup_printf (_("%s; keyUsage %s does not give it the %s usage that %s needs (BearSSL takes key "
                                  "exchange from keyEncipherment, dataEncipherment or keyAgreement, signing from "
                                  "digitalSignature or nonRepudiation): the TLS engine refuses it after the chain, "
                                  "error 28"),
                                description, usage, need_name, what);
    }

  if (rsa && bits < GUIDANCE_RSA_BITS)
    {
      g_autofree char *with_size = g_strdup_printf (_("%s. Its size: BearSSL accepts RSA keys from 128 bytes "
                                                       "(1017 bits) on, but NIST SP 800-131A Rev. 2 and the "
                                                       "CA/Browser Forum's Baseline Requirements ask for %u bits "
                                                       "or more"),
                                                     reason, GUIDANCE_RSA_BITS);

      g_free (reason);
      reason = g_steal_pointer (&with_size);
    }

  set_rule (entry, RULE_KEY, result->key_usage_allows ? PASS : FAIL, "%s", reason);
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

static const char * const rule_ids[N_RULES] = {
  [RULE_VALIDITY] = "chain.check.validity",
  [RULE_ISSUER] = "chain.check.issuer",
  [RULE_SIGNATURE] = "chain.check.signature",
  [RULE_CA] = "chain.check.ca",
  [RULE_ANCHOR] = "chain.check.anchor",
  [RULE_NAME] = "chain.check.name",
  [RULE_KEY] = "chain.check.key",
  [RULE_EXTENSIONS] = "chain.check.extensions",
};

static void
describe (HlField *root,
          Entry   *entry,
          guint    index)
{
  HlCertificate *cert = entry->cert;
  g_autofree char *title = NULL;
  g_autofree char *from = format_time (hl_certificate_get_not_before (cert));
  g_autofree char *until = format_time (hl_certificate_get_not_after (cert));
  const char * const *names = hl_certificate_get_dns_names (cert);
  HlField *field;
  HlField *checks;

  title = g_strdup_printf (_("Certificate %u"), index + 1);
  field = hl_field_add (root, "x509.certificate", title,
                        hl_certificate_get_common_name (cert) ? hl_certificate_get_common_name (cert)
                                                              : hl_certificate_get_subject (cert),
                        HL_FIELD_NO_OFFSET, 0);
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

  checks = hl_field_add (field, "chain.checks", _("Checks"), NULL, HL_FIELD_NO_OFFSET, 0);
  for (guint r = 0; r < N_RULES; r++)
    {
      Rule *rule = &entry->rules[r];
      HlField *f;

      if (rule->result == NOT_APPLICABLE)
        continue;

      f = hl_field_add (checks, rule_ids[r], rule_name (r),
                        rule->result == NOT_REACHED ? _("not reached: the check stopped before") : rule->reason,
                        HL_FIELD_NO_OFFSET, 0);
      hl_field_set_flags (f, rule->result == PASS ? HL_FIELD_FLAG_PASS :
                             rule->result == FAIL ? HL_FIELD_FLAG_FAIL :
                             rule->result == SKIPPED ? HL_FIELD_FLAG_SKIPPED : HL_FIELD_FLAG_NOT_REACHED);
    }
}

/* BearSSL's order within one certificate.  The issuer and signature of
 * certificate i are judged while BearSSL reads certificate i + 1. */
static const guint order[] = { RULE_VALIDITY, RULE_ISSUER, RULE_KEY, RULE_EXTENSIONS, RULE_CA, RULE_NAME,
                               RULE_SIGNATURE, RULE_ANCHOR };

static Rule *
rule_at (Entry *entries,
         guint  i,
         guint  k,
         guint *owner)
{
  guint r = order[k];

  *owner = i;
  if (r == RULE_ISSUER || r == RULE_SIGNATURE)
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
    for (guint k = (i == at_i ? at_k + 1 : 0); k < G_N_ELEMENTS (order); k++)
      {
        guint owner;
        Rule *rule = i < n || order[k] == RULE_ISSUER || order[k] == RULE_SIGNATURE
                     ? rule_at (entries, i, k, &owner) : NULL;

        if (i == n && (rule == NULL || owner >= n))
          continue;
        if (rule != NULL && rule->result != NOT_APPLICABLE)
          {
            rule->result = NOT_REACHED;
            g_clear_pointer (&rule->reason, g_free);
          }
      }
}

/**
 * hl_chain_check:
 * @certs: (element-type GBytes): the chain as received, leaf first
 * @context: what the checking side knows
 * @result: (out): the verdict, and what the TLS engine will ask of the key
 *
 * Returns: (transfer full): a field per certificate, with its decoded
 *   fields and a "Checks" child holding each rule's result
 */
HlField *
hl_chain_check (GPtrArray            *certs,
                const HlChainContext *context,
                HlChainResult        *result)
{
  static const int errors[N_RULES] = {
    [RULE_VALIDITY] = BR_ERR_X509_EXPIRED,
    [RULE_ISSUER] = BR_ERR_X509_DN_MISMATCH,
    [RULE_SIGNATURE] = BR_ERR_X509_BAD_SIGNATURE,
    [RULE_CA] = BR_ERR_X509_NOT_CA,
    [RULE_ANCHOR] = BR_ERR_X509_NOT_TRUSTED,
    [RULE_NAME] = BR_ERR_X509_BAD_SERVER_NAME,
    [RULE_KEY] = BR_ERR_X509_WEAK_PUBLIC_KEY,
    [RULE_EXTENSIONS] = BR_ERR_X509_CRITICAL_EXTENSION,
  };
  g_autoptr(GPtrArray) anchors = g_ptr_array_new_with_free_func ((GDestroyNotify)hl_certificate_free);
  g_autofree Entry *entries = NULL;
  HlField *root;
  guint n = certs->len;
  gboolean trusted = FALSE;
  gboolean stopped = FALSE;
  int verdict = BR_ERR_OK;

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
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      entries[i].cert = hl_certificate_new (g_ptr_array_index (certs, i), &error);
      if (entries[i].cert == NULL)
        {
          g_autofree char *name = g_strdup_printf (_("Certificate %u"), i + 1);

          hl_field_add (root, "x509.certificate", name, error->message, HL_FIELD_NO_OFFSET, 0);
          for (guint j = 0; j < i; j++)
            hl_certificate_free (entries[j].cert);
          result->verdict = BR_ERR_X509_INVALID_VALUE;
          return root;
        }
    }

  /* Evaluate every rule that applies. */
  for (guint i = 0; i < n; i++)
    {
      Entry *e = &entries[i];
      HlCertificate *cert = e->cert;
      HlCertificate *next = i + 1 < n ? entries[i + 1].cert : NULL;
      HlCertificate *anchor = find_anchor (anchors, cert);
      gint64 nb = hl_certificate_get_not_before (cert);
      gint64 na = hl_certificate_get_not_after (cert);
      g_autofree char *now = format_time (context->clock);
      g_autofree char *nb_text = format_time (nb);
      g_autofree char *na_text = format_time (na);

      for (guint r = 0; r < N_RULES; r++)
        e->rules[r].result = NOT_APPLICABLE;

      if (context->clock < nb)
        set_rule (e, RULE_VALIDITY, FAIL, _("not valid yet: %s is before %s"), now, nb_text);
      else if (context->clock > na)
        set_rule (e, RULE_VALIDITY, FAIL, _("expired: %s is after %s"), now, na_text);
      else
        set_rule (e, RULE_VALIDITY, PASS, _("%s lies between %s and %s"), now, nb_text, na_text);

      if (hl_certificate_get_unknown_critical (cert) != NULL)
        set_rule (e, RULE_EXTENSIONS, FAIL, _("the extension %s is marked critical, and BearSSL does not know it"),
                  hl_certificate_get_unknown_critical (cert));

      if (i > 0)
        {
          int path_len = hl_certificate_get_path_len (cert);

          if (!hl_certificate_is_ca (cert))
            set_rule (e, RULE_CA, FAIL, _("“%s” signed another certificate but is not a CA (basicConstraints cA %s)"),
                      hl_certificate_get_common_name (cert), hl_certificate_has_basic_constraints (cert) ? "FALSE" : _("absent"));
          else if (path_len >= 0 && (int)i - 1 > path_len)
            set_rule (e, RULE_CA, FAIL, _("pathLen %d allows %d CA certificates below it; there are %u"),
                      path_len, path_len, i - 1);
          else if (hl_certificate_has_key_usage (cert) &&
                   !(hl_certificate_get_key_usage (cert) & HL_KEY_USAGE_KEY_CERT_SIGN))
            {
              set_rule (e, RULE_CA, FAIL, _("a CA, but its key usage lacks keyCertSign"));
              e->rules[RULE_CA].code = BR_ERR_X509_FORBIDDEN_KEY_USAGE;
            }
          else
            set_rule (e, RULE_CA, PASS, "%s",
                      path_len >= 0 ? _("a CA (basicConstraints cA TRUE, pathLen respected)")
                                    : _("a CA (basicConstraints cA TRUE)"));
        }

      if (i == 0)
        {
          check_name (e, context->server_name);
          check_key (e, context, result);
        }

      if (anchor != NULL)
        {
          g_autofree char *detail = NULL;

          if (hl_certificate_verify_signature_logged (cert, anchor, context->signatures, &detail))
            set_rule (e, RULE_ANCHOR, PASS, _("issued by the trusted root “%s”: %s"),
                      hl_certificate_get_common_name (anchor), detail);
          else
            set_rule (e, RULE_ANCHOR, FAIL, _("names the trusted root “%s” as issuer, but %s fails"),
                      hl_certificate_get_common_name (anchor), detail);
        }
      else if (next == NULL)
        set_rule (e, RULE_ANCHOR, FAIL, _("its issuer “%s” is not a root the checker trusts, and no certificate "
                                          "follows it"), hl_certificate_get_issuer (cert));

      if (next != NULL && anchor == NULL)
        {
          g_autofree char *detail = NULL;

          if (!g_bytes_equal (hl_certificate_get_issuer_der (cert), hl_certificate_get_subject_der (next)))
            set_rule (e, RULE_ISSUER, FAIL, _("issuer “%s” ≠ next subject “%s”"),
                      hl_certificate_get_issuer (cert), hl_certificate_get_subject (next));
          else
            set_rule (e, RULE_ISSUER, PASS, _("issuer “%s” = next subject"), hl_certificate_get_issuer (cert));

          if (hl_certificate_verify_signature_logged (cert, next, context->signatures, &detail))
            set_rule (e, RULE_SIGNATURE, PASS, "%s", detail);
          else
            set_rule (e, RULE_SIGNATURE, FAIL, _("does not verify: %s"), detail);
        }
    }

  /* Walk in BearSSL's order; a certificate issued by a trust anchor ends
   * the walk. */
  for (guint i = 0; i < n && !stopped && !trusted; i++)
    for (guint k = 0; k < G_N_ELEMENTS (order) && !stopped && !trusted; k++)
      {
        guint owner;
        Rule *rule = rule_at (entries, i, k, &owner);
        guint r = order[k];

        if (rule == NULL)
          continue;

        if (rule->result == FAIL)
          {
            /* Key usage for the suite is the TLS engine's business, not
             * the X.509 engine's: only a weak key fails the chain. */
            if (r == RULE_KEY && !(hl_certificate_is_rsa (entries[owner].cert) &&
                                   hl_certificate_get_key_bits (entries[owner].cert) < MIN_RSA_BITS))
              continue;

            verdict = rule->code ? rule->code : errors[r];
            mark_not_reached (entries, n, i, k);
            stopped = TRUE;
          }
        else if (r == RULE_ANCHOR && rule->result == PASS)
          {
            trusted = TRUE;
            mark_not_reached (entries, n, i, k);
          }
      }

  if (!stopped && !trusted)
    verdict = BR_ERR_X509_NOT_TRUSTED;

  for (guint i = 0; i < n; i++)
    {
      describe (root, &entries[i], i);
      hl_certificate_free (entries[i].cert);
      for (guint r = 0; r < N_RULES; r++)
        g_free (entries[i].rules[r].reason);
    }

  result->verdict = verdict;

  return root;
}
