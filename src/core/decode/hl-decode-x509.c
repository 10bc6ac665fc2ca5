/* hl-decode-x509.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-decode"

#include "config.h"

#include <string.h>

#include "hl-decode-private.h"

/*
 * An X.509 certificate's structure, as RFC 5280 §4.1 (and, for the keys
 * and signatures inside, RFC 3279 §2.2.3 and §2.3.1) writes it: the names
 * are the ASN.1 module's own, so they are not translated.  Components keep
 * their lowercase names (tbsCertificate, validity); the value an EXPLICIT
 * tag, a BIT STRING or an OCTET STRING wraps is named after its type
 * (Version, Extensions, RSAPublicKey, BasicConstraints).
 */

#define ANY HL_DER_SCHEMA_ANY
#define OPTIONAL HL_DER_SCHEMA_OPTIONAL
#define REPEAT HL_DER_SCHEMA_REPEAT
#define END { NULL, NULL, 0, 0, NULL }

static const HlDerSchema algorithm_identifier[] = {
  { "x509.algorithm", "algorithm", 0x06, 0, NULL },
  { "x509.parameters", "parameters", ANY, OPTIONAL, NULL },
  END
};

static const HlDerSchema attribute_type_and_value[] = {
  { "x509.attribute.type", "type", 0x06, 0, NULL },
  { "x509.attribute.value", "value", ANY, 0, NULL },
  END
};

static const HlDerSchema relative_distinguished_name[] = {
  { "x509.attribute", "AttributeTypeAndValue", 0x30, REPEAT, attribute_type_and_value },
  END
};

static const HlDerSchema rdn_sequence[] = {
  { "x509.rdn", "RelativeDistinguishedName", 0x31, REPEAT, relative_distinguished_name },
  END
};

/* directoryName is [4] EXPLICIT Name: the tag wraps a whole Name. */
static const HlDerSchema name[] = {
  { "x509.name", "Name", 0x30, 0, rdn_sequence },
  END
};

static const HlDerSchema validity[] = {
  { "x509.not_before", "notBefore", ANY, 0, NULL },
  { "x509.not_after", "notAfter", ANY, 0, NULL },
  END
};

static const HlDerSchema version[] = {
  { "x509.version.value", "Version", 0x02, 0, NULL },
  END
};

static const HlDerSchema rsa_public_key_fields[] = {
  { "x509.rsa.modulus", "modulus", 0x02, 0, NULL },
  { "x509.rsa.public_exponent", "publicExponent", 0x02, 0, NULL },
  END
};

/* An EC key's BIT STRING holds a point, not DER: nothing matches it. */
static const HlDerSchema public_key[] = {
  { "x509.rsa_public_key", "RSAPublicKey", 0x30, 0, rsa_public_key_fields },
  END
};

static const HlDerSchema subject_public_key_info[] = {
  { "x509.spki.algorithm", "algorithm", 0x30, 0, algorithm_identifier },
  { "x509.spki.public_key", "subjectPublicKey", 0x03, 0, public_key },
  END
};

static const HlDerSchema extension[] = {
  { "x509.extension.id", "extnID", 0x06, 0, NULL },
  { "x509.extension.critical", "critical", 0x01, OPTIONAL, NULL },
  { "x509.extension.value", "extnValue", 0x04, HL_DER_SCHEMA_BY_OID, NULL },
  END
};

static const HlDerSchema extension_list[] = {
  { "x509.extension", "Extension", 0x30, REPEAT | HL_DER_SCHEMA_NAME_BY_OID, extension },
  END
};

static const HlDerSchema extensions[] = {
  { "x509.extension_list", "Extensions", 0x30, 0, extension_list },
  END
};

static const HlDerSchema tbs_certificate[] = {
  { "x509.version", "version", 0xa0, OPTIONAL, version },
  { "x509.serial_number", "serialNumber", 0x02, 0, NULL },
  { "x509.signature", "signature", 0x30, 0, algorithm_identifier },
  { "x509.issuer", "issuer", 0x30, 0, rdn_sequence },
  { "x509.validity", "validity", 0x30, 0, validity },
  { "x509.subject", "subject", 0x30, 0, rdn_sequence },
  { "x509.spki", "subjectPublicKeyInfo", 0x30, 0, subject_public_key_info },
  { "x509.issuer_unique_id", "issuerUniqueID", 0x81, OPTIONAL, NULL },
  { "x509.subject_unique_id", "subjectUniqueID", 0x82, OPTIONAL, NULL },
  { "x509.extensions", "extensions", 0xa3, OPTIONAL, extensions },
  END
};

static const HlDerSchema ecdsa_sig_value[] = {
  { "x509.ecdsa.r", "r", 0x02, 0, NULL },
  { "x509.ecdsa.s", "s", 0x02, 0, NULL },
  END
};

/* An RSA signature's BIT STRING holds a number, not DER. */
static const HlDerSchema signature_value[] = {
  { "x509.ecdsa_signature", "Ecdsa-Sig-Value", 0x30, 0, ecdsa_sig_value },
  END
};

static const HlDerSchema certificate[] = {
  { "x509.tbs", "tbsCertificate", 0x30, 0, tbs_certificate },
  { "x509.signature_algorithm", "signatureAlgorithm", 0x30, 0, algorithm_identifier },
  { "x509.signature_value", "signatureValue", 0x03, 0, signature_value },
  END
};

const HlDerSchema hl_decode_x509_certificate_schema[] = {
  { "x509.certificate", "Certificate", 0x30, 0, certificate },
  END
};

/* The extensions' values (RFC 5280 §4.2.1) */

static const HlDerSchema basic_constraints_fields[] = {
  { "x509.basic_constraints.ca", "cA", 0x01, OPTIONAL, NULL },
  { "x509.basic_constraints.path_len", "pathLenConstraint", 0x02, OPTIONAL, NULL },
  END
};

static const HlDerSchema basic_constraints[] = {
  { "x509.basic_constraints", "BasicConstraints", 0x30, 0, basic_constraints_fields },
  END
};

static const HlDerSchema key_usage[] = {
  { "x509.key_usage", "KeyUsage", 0x03, 0, NULL },
  END
};

static const HlDerSchema general_name[] = {
  { "x509.general_name.email", "rfc822Name", 0x81, 0, NULL },
  { "x509.general_name.dns", "dNSName", 0x82, 0, NULL },
  { "x509.general_name.directory", "directoryName", 0xa4, 0, name },
  { "x509.general_name.uri", "uniformResourceIdentifier", 0x86, 0, NULL },
  { "x509.general_name.ip", "iPAddress", 0x87, 0, NULL },
  { "x509.general_name.other", "GeneralName", ANY, 0, NULL },
  END
};

static const HlDerSchema subject_alt_name[] = {
  { "x509.subject_alt_name", "GeneralNames", 0x30, HL_DER_SCHEMA_CHOICE, general_name },
  END
};

static const HlDerSchema subject_key_identifier[] = {
  { "x509.subject_key_identifier", "SubjectKeyIdentifier", 0x04, 0, NULL },
  END
};

static const HlDerSchema authority_key_identifier_fields[] = {
  { "x509.authority_key_identifier.key_id", "keyIdentifier", 0x80, OPTIONAL, NULL },
  { "x509.authority_key_identifier.issuer", "authorityCertIssuer", 0xa1, OPTIONAL, NULL },
  { "x509.authority_key_identifier.serial", "authorityCertSerialNumber", 0x82, OPTIONAL, NULL },
  END
};

static const HlDerSchema authority_key_identifier[] = {
  { "x509.authority_key_identifier", "AuthorityKeyIdentifier", 0x30, 0, authority_key_identifier_fields },
  END
};

static const HlDerSchema key_purpose[] = {
  { "x509.key_purpose", "KeyPurposeId", 0x06, REPEAT, NULL },
  END
};

static const HlDerSchema ext_key_usage[] = {
  { "x509.ext_key_usage", "ExtKeyUsageSyntax", 0x30, 0, key_purpose },
  END
};

const HlDerSchema *
hl_decode_x509_extension_schema (const char *oid)
{
  static const struct { const char *oid; const HlDerSchema *schema; } known[] = {
    { "2.5.29.19", basic_constraints },
    { "2.5.29.15", key_usage },
    { "2.5.29.17", subject_alt_name },
    { "2.5.29.14", subject_key_identifier },
    { "2.5.29.35", authority_key_identifier },
    { "2.5.29.37", ext_key_usage },
  };

  for (guint i = 0; oid != NULL && i < G_N_ELEMENTS (known); i++)
    if (strcmp (oid, known[i].oid) == 0)
      return known[i].schema;

  return NULL;
}

const HlDerSchema *
hl_der_schema_match (const HlDerSchema **cursor,
                     gboolean            choice,
                     guint8              tag)
{
  for (const HlDerSchema *s = *cursor; s != NULL && s->name != NULL; s++)
    {
      if (s->tag == ANY || s->tag == tag)
        {
          if (!choice)
            *cursor = (s->flags & REPEAT) ? s : s + 1;
          return s;
        }
      if (!choice && !(s->flags & OPTIONAL))
        break;
    }

  if (!choice)
    *cursor = NULL;
  return NULL;
}
