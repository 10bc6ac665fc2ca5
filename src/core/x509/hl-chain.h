/* hl-chain.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * The check of a certificate chain, one rule at a time.
 *
 * BearSSL's br_x509_minimal says yes or no, with one error code.  This
 * module checks the same chain again, rule by rule, in the order a textbook
 * explains them, for each certificate:
 *
 *  1. validity period against the scenario clock;
 *  2. its issuer is the subject of the next certificate;
 *  3. its signature verifies with the next certificate's key;
 *  4. an issuer is a CA (basicConstraints cA, pathLen, keyCertSign);
 *  5. the chain ends at a trust anchor of the checking side;
 *  6. the leaf names the host asked for (SAN dNSName, or the CN without SAN);
 *  7. the leaf's key is long enough for BearSSL, and its type and key usage
 *     fit what the handshake asks of it (a check the TLS engine makes once
 *     the chain is accepted: its failure does not reject the chain); a key
 *     BearSSL accepts but current guidance calls too small (RSA under 2048
 *     bits, EC under 256: NIST SP 800-131A Rev. 2, the CA/Browser Forum's
 *     Baseline Requirements) is "below guidance";
 *  8. no extension marked critical is one BearSSL does not understand.
 *
 * Each rule passes, fails, is not reached, or is skipped (no host name to
 * check the leaf against: BearSSL then checks none); rule 7 may instead be
 * below guidance, which BearSSL does not refuse.  BearSSL stops at its first
 * failure, and so does the verdict here, walking the chain in BearSSL's
 * order.  The verdict is the BearSSL error code that order gives; tests
 * hold it equal to what end_chain returned.
 *
 * The fields' ids (hl-field.h): "chain", holding one "x509.certificate"
 * per certificate ("chain.empty" when there is none) with
 * "x509.subject", "x509.issuer", "x509.serial", "x509.validity",
 * "x509.key", "x509.signature_algorithm", "x509.basic_constraints",
 * "x509.key_usage", "x509.subject_alt_name", "x509.der",
 * "x509.unknown_critical" and "chain.checks", whose children are the rules:
 * "chain.check.validity", "chain.check.issuer", "chain.check.signature",
 * "chain.check.ca", "chain.check.anchor", "chain.check.name",
 * "chain.check.key", "chain.check.extensions".
 */

#include <glib.h>

#include "hl-field.h"
#include "hl-signature-log.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray  *anchors;       /* GBytes: DER of the certificates the checking side trusts */
  gint64      clock;         /* the scenario's now */
  const char *server_name;   /* NULL when a server checks a client; "": no name to check */
  guint       cipher_suite;  /* for the key usage rule; 0 when not known yet */
  HlSignatureLog *signatures; /* nullable: the checks the run's X.509 engine made */
} HlChainContext;

typedef struct
{
  int      verdict;            /* the BearSSL error the first failure gives; 0: accepted */
  gboolean key_usage_allows;   /* the leaf's key type and usage fit (rule 7, the TLS engine's check) */
  gboolean host_name_checked;  /* a host name was given and checked (rule 6) */
  gboolean key_rsa;            /* the leaf's key is RSA */
  guint    key_bits;           /* … of this size */
  guint    key_guidance_bits;  /* what current guidance asks of a key of its type; 0: no word on it */
  gboolean key_below_guidance; /* BearSSL takes the key, current guidance calls it too small (rule 7) */
} HlChainResult;

/**
 * hl_chain_check:
 * @certs: (element-type GBytes): the chain as received, leaf first
 * @context: what the checking side knows
 * @result: (out): the verdict, and what the TLS engine will ask of the key
 *
 * Checks @certs rule by rule, as BearSSL's br_x509_minimal would.
 *
 * Returns: (transfer full): a "chain" field with a field per certificate,
 *   its decoded fields and a "chain.checks" child holding each rule's
 *   result
 */
HlField    *hl_chain_check           (GPtrArray            *certs,
                                      const HlChainContext *context,
                                      HlChainResult        *result);

/**
 * hl_chain_get_n_rules:
 *
 * Returns: how many rules the check has
 */
guint       hl_chain_get_n_rules     (void);

/**
 * hl_chain_get_rule_id:
 * @rule: a rule's index, from 0 to hl_chain_get_n_rules() - 1
 *
 * Returns: the id of the rule's fields, e.g. "chain.check.validity"
 */
const char *hl_chain_get_rule_id     (guint                 rule);

/**
 * hl_chain_get_rule_number:
 * @id: a rule's id
 *
 * Returns: the number a student sees beside the rule, from 1
 */
guint       hl_chain_get_rule_number (const char           *id);

G_END_DECLS
