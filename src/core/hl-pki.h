/* hl-pki.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlPki: the certificates of one run, built at run time.
 *
 * A scenario describes each certificate as an HlCertRecipe: names, validity
 * (already resolved to absolute times by the scenario, from its clock), key,
 * issuer and extensions.  hl_pki_add() turns a recipe into an X.509 v3
 * certificate in DER, written by our own DER writer (hl-der-writer.h) and
 * signed with BearSSL by the issuer's key.  Recipes are added issuer first;
 * a recipe whose issuer is itself is self-signed.
 *
 * The PKI then hands out what BearSSL wants: a certificate chain for a
 * server or client (br_x509_certificate array, leaf first) and trust anchors
 * for the other side.  Everything returned is owned by the HlPki.
 */

#include <glib.h>
#include <bearssl.h>

#include "hl-key.h"

G_BEGIN_DECLS

#define HL_PKI_ERROR (hl_pki_error_quark ())

typedef enum
{
  HL_PKI_ERROR_UNKNOWN_CERTIFICATE, /* a name that was never added */
  HL_PKI_ERROR_UNKNOWN_ISSUER,      /* issuer not added before its subject */
  HL_PKI_ERROR_DUPLICATE,           /* a name added twice */
  HL_PKI_ERROR_INVALID,             /* recipe that cannot be built */
  HL_PKI_ERROR_SIGN,                /* BearSSL failed to sign */
} HlPkiError;

/* keyUsage bits, numbered as in RFC 5280 §4.2.1.3 */
typedef enum
{
  HL_KEY_USAGE_DIGITAL_SIGNATURE = 1 << 0,
  HL_KEY_USAGE_NON_REPUDIATION   = 1 << 1,
  HL_KEY_USAGE_KEY_ENCIPHERMENT  = 1 << 2,
  HL_KEY_USAGE_DATA_ENCIPHERMENT = 1 << 3,
  HL_KEY_USAGE_KEY_AGREEMENT     = 1 << 4,
  HL_KEY_USAGE_KEY_CERT_SIGN     = 1 << 5,
  HL_KEY_USAGE_CRL_SIGN          = 1 << 6,
} HlKeyUsage;

typedef struct
{
  const char         *name;        /* id of this certificate within the PKI */
  const char         *issuer;      /* name of the issuing certificate; == name: self-signed */
  const char         *key;         /* demo key name (hl_key_load_demo) */
  const char         *subject_cn;
  const char         *subject_o;   /* may be NULL */
  guint64             serial;
  gint64              not_before;  /* Unix time, UTC */
  gint64              not_after;   /* Unix time, UTC */
  gboolean            is_ca;       /* basicConstraints cA (critical) */
  int                 path_len;    /* pathLenConstraint, or -1 for none */
  guint               key_usage;   /* HlKeyUsage bits; 0: no keyUsage extension */
  const char * const *dns_names;   /* subjectAltName dNSName, NULL-terminated; NULL: no SAN */
} HlCertRecipe;

typedef struct _HlPki HlPki;

GQuark                      hl_pki_error_quark       (void);
HlPki                      *hl_pki_new               (void);
void                        hl_pki_free              (HlPki               *self);
gboolean                    hl_pki_add               (HlPki               *self,
                                                      const HlCertRecipe  *recipe,
                                                      GError             **error);
GBytes                     *hl_pki_get_der           (HlPki               *self,
                                                      const char          *name);
HlKey                      *hl_pki_get_key           (HlPki               *self,
                                                      const char          *name);
HlKey                      *hl_pki_get_issuer_key    (HlPki               *self,
                                                      const char          *name);
const br_x509_certificate  *hl_pki_get_chain         (HlPki               *self,
                                                      const char * const  *names,
                                                      gsize               *n_certs,
                                                      GError             **error);
const br_x509_trust_anchor *hl_pki_get_trust_anchors (HlPki               *self,
                                                      const char * const  *names,
                                                      gsize               *n_anchors,
                                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlPki, hl_pki_free)

G_END_DECLS
