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
 *  7. the leaf's key is strong enough and its key usage fits the suite;
 *  8. no extension marked critical is one BearSSL does not understand.
 *
 * Each rule passes, fails or is not reached: BearSSL stops at its first
 * failure, and so does the verdict here, walking the chain in BearSSL's
 * order.  The verdict is the BearSSL error code that order gives; tests
 * hold it equal to what end_chain returned.
 */

#include <glib.h>

#include "hl-field.h"
#include "hl-signature-log.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray  *anchors;       /* GBytes: DER of the certificates the checking side trusts */
  gint64      clock;         /* the scenario's now */
  const char *server_name;   /* NULL when a server checks a client */
  guint       cipher_suite;  /* for the key usage rule; 0 when not known yet */
  HlSignatureLog *signatures; /* nullable: the checks the run's X.509 engine made */
} HlChainContext;

HlField *hl_chain_check (GPtrArray            *certs,
                         const HlChainContext *context,
                         int                  *verdict);

G_END_DECLS
