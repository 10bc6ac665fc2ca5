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
 * Names are written in the order C, O, OU, CN, one attribute per RDN, as
 * UTF8String except the country, which RFC 5280 wants as a
 * PrintableString.  Extensions come in the order basicConstraints,
 * keyUsage, extendedKeyUsage, subjectAltName, subjectKeyIdentifier,
 * authorityKeyIdentifier (RFC 5280 method 1 identifiers: SHA-1 of the
 * subjectPublicKey bits) and the unknown critical extension.  The
 * signature algorithm follows the key that signs: RSA PKCS#1 v1.5 or
 * ECDSA, with the recipe's hash.
 *
 * A user's own certificates (read with hl-cert-loader.h) join the same
 * PKI with hl_pki_add_certificate(), with or without their private key:
 * they can then be in a chain, be a trust anchor, or, when their key came
 * with them, issue certificates built from recipes.  Their issuer is not
 * known to the PKI, so hl_pki_get_issuer_key() returns NULL for them.
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
  HL_PKI_ERROR_KEY_MISMATCH,        /* a user's key that is not its certificate's */
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

/* extendedKeyUsage purposes (RFC 5280 §4.2.1.12) */
typedef enum
{
  HL_EXT_KEY_USAGE_SERVER_AUTH = 1 << 0, /* id-kp-serverAuth 1.3.6.1.5.5.7.3.1 */
  HL_EXT_KEY_USAGE_CLIENT_AUTH = 1 << 1, /* id-kp-clientAuth 1.3.6.1.5.5.7.3.2 */
} HlExtKeyUsage;

/* How basicConstraints is written.  The zero value is the usual one. */
typedef enum
{
  HL_BASIC_CONSTRAINTS_CRITICAL = 0,  /* present and critical */
  HL_BASIC_CONSTRAINTS_NON_CRITICAL,  /* present, not critical */
  HL_BASIC_CONSTRAINTS_ABSENT,        /* left out: the certificate is no CA */
} HlBasicConstraints;

/* The hash of the certificate's signature.  The zero value is SHA-256. */
typedef enum
{
  HL_SIGNATURE_HASH_DEFAULT = 0,      /* SHA-256 */
  HL_SIGNATURE_HASH_SHA1,             /* sha1WithRSAEncryption, ecdsa-with-SHA1 */
  HL_SIGNATURE_HASH_SHA256,           /* sha256WithRSAEncryption, ecdsa-with-SHA256 */
  HL_SIGNATURE_HASH_SHA384,           /* sha384WithRSAEncryption, ecdsa-with-SHA384 */
} HlSignatureHash;

/*
 * The private OID of the extension that unknown_critical_extension adds:
 * under IANA enterprise number 32473, which RFC 5612 reserves for
 * documentation, so that no real software understands it.
 */
#define HL_PKI_UNKNOWN_EXTENSION_OID "1.3.6.1.4.1.32473.1.1"

/*
 * A certificate to build.  Every field left zero (or NULL) gives the
 * ordinary certificate, so a recipe written with designated initializers
 * only names what is special about it.
 *
 * The fields after dns_names ask for the unusual certificates of the
 * lessons; signed_by_key in particular makes a certificate whose issuer
 * name is right but whose signature was made by another key, so that it
 * never verifies.
 */
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
  gboolean            is_ca;       /* basicConstraints cA */
  int                 path_len;    /* pathLenConstraint, or -1 for none */
  guint               key_usage;   /* HlKeyUsage bits; 0: no keyUsage extension */
  const char * const *dns_names;   /* subjectAltName dNSName, NULL-terminated; NULL: none */

  const char         *subject_ou;  /* subject organizational unit; may be NULL */
  const char         *subject_c;   /* subject country, two letters; may be NULL */
  HlBasicConstraints  basic_constraints;
  guint               ext_key_usage;          /* HlExtKeyUsage bits; 0: no extension */
  gboolean            ext_key_usage_critical;
  const char * const *ip_addresses;  /* subjectAltName iPAddress as text ("192.0.2.1",
                                      * "2001:db8::1"), NULL-terminated; NULL: none */
  gboolean            omit_key_ids;  /* leave out subjectKeyIdentifier and
                                      * authorityKeyIdentifier */
  gboolean            unknown_critical_extension;  /* add HL_PKI_UNKNOWN_EXTENSION_OID */
  HlSignatureHash     signature_hash;
  const char         *signed_by_key; /* demo key that signs instead of the issuer's
                                      * key (a bad signature); NULL: the issuer's */
} HlCertRecipe;

typedef struct _HlPki HlPki;

/**
 * hl_pki_error_quark:
 *
 * Returns: the quark of %HL_PKI_ERROR
 */
GQuark                      hl_pki_error_quark       (void);

/**
 * hl_pki_new:
 *
 * Returns: (transfer full): an empty PKI; free it with hl_pki_free()
 */
HlPki                      *hl_pki_new               (void);

/**
 * hl_pki_free:
 * @self: (nullable) (transfer full): a PKI, or %NULL
 *
 * Frees the PKI with every certificate, key, chain and trust anchor it
 * handed out.
 */
void                        hl_pki_free              (HlPki               *self);

/**
 * hl_pki_add:
 * @self: a PKI
 * @recipe: the certificate to build; its issuer must have been added
 *   before, unless it names itself
 * @error: an %HL_PKI_ERROR, except that a key which does not load keeps
 *   its %HL_KEY_ERROR code, with the certificate name in front of the
 *   message
 *
 * Builds the certificate @recipe describes, signs it with its issuer's key
 * (or with signed_by_key) and adds it under the recipe's name.
 *
 * Returns: whether the certificate was added
 */
gboolean                    hl_pki_add               (HlPki               *self,
                                                      const HlCertRecipe  *recipe,
                                                      GError             **error);

/**
 * hl_pki_add_certificate:
 * @self: a PKI
 * @name: the name the certificate goes by in the PKI
 * @der: (transfer none): a certificate that was not built here, DER; the
 *   PKI keeps a reference
 * @key: (nullable) (transfer none): its private key, or %NULL; the PKI
 *   keeps a reference
 * @error: an %HL_PKI_ERROR: %HL_PKI_ERROR_INVALID for an empty @name or a
 *   certificate BearSSL cannot decode, %HL_PKI_ERROR_DUPLICATE for a name
 *   already added, %HL_PKI_ERROR_KEY_MISMATCH when @key is not the key of
 *   the certificate
 *
 * Adds a user's certificate.  With its key it can issue certificates
 * built from recipes.
 *
 * Returns: whether the certificate was added
 */
gboolean                    hl_pki_add_certificate   (HlPki               *self,
                                                      const char          *name,
                                                      GBytes              *der,
                                                      HlKey               *key,
                                                      GError             **error);

/**
 * hl_pki_get_der:
 * @self: a PKI
 * @name: a certificate's name
 *
 * Returns: (transfer none) (nullable): the certificate called @name, DER,
 *   owned by the PKI; %NULL if unknown
 */
GBytes                     *hl_pki_get_der           (HlPki               *self,
                                                      const char          *name);

/**
 * hl_pki_get_key:
 * @self: a PKI
 * @name: a certificate's name
 *
 * Returns: (transfer none) (nullable): the private key of the certificate
 *   called @name, owned by the PKI; %NULL if unknown, or for a user's
 *   certificate added without its key
 */
HlKey                      *hl_pki_get_key           (HlPki               *self,
                                                      const char          *name);

/**
 * hl_pki_get_issuer_key:
 * @self: a PKI
 * @name: a certificate's name
 *
 * Returns: (transfer none) (nullable): the key of the issuer of the
 *   certificate @name (its own key when self-signed), which signed it
 *   unless its recipe named signed_by_key; %NULL for an unknown name
 */
HlKey                      *hl_pki_get_issuer_key    (HlPki               *self,
                                                      const char          *name);

/**
 * hl_pki_get_chain:
 * @self: a PKI
 * @names: the names of the certificates, leaf first, %NULL-terminated
 * @n_certs: (out): how many certificates the chain holds
 * @error: %HL_PKI_ERROR_UNKNOWN_CERTIFICATE for a name never added
 *
 * Returns: (transfer none) (array length=n_certs) (nullable): the chain as
 *   BearSSL takes it, owned by the PKI; an empty list is allowed (@n_certs
 *   0, a non-%NULL result); %NULL only on error
 */
const br_x509_certificate  *hl_pki_get_chain         (HlPki               *self,
                                                      const char * const  *names,
                                                      gsize               *n_certs,
                                                      GError             **error);

/**
 * hl_pki_get_trust_anchors:
 * @self: a PKI
 * @names: the names of the certificates to trust, %NULL-terminated
 * @n_anchors: (out): how many anchors the array holds
 * @error: %HL_PKI_ERROR_UNKNOWN_CERTIFICATE for a name never added
 *
 * As hl_pki_get_chain(); a certificate that is not a CA becomes a non-CA
 * anchor, which BearSSL only accepts for direct trust.
 *
 * Returns: (transfer none) (array length=n_anchors) (nullable): the trust
 *   anchors as BearSSL takes them, owned by the PKI; %NULL only on error
 */
const br_x509_trust_anchor *hl_pki_get_trust_anchors (HlPki               *self,
                                                      const char * const  *names,
                                                      gsize               *n_anchors,
                                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlPki, hl_pki_free)

G_END_DECLS
