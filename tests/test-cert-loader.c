/* test-cert-loader.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cert-loader"

#include "config.h"

#include <string.h>

#include "hl-cert-loader.h"
#include "hl-certificate.h"
#include "hl-key.h"
#include "hl-pki.h"
#include "hl-test-util.h"

/* BearSSL counts days from 1 January of year 0 */
#define BR_UNIX_EPOCH_DAY 719528

/* Files OpenSSL makes once for all tests: the independent source. */
static const char *scratch;
static gboolean have_files;

static void
concat_files (const char *out,
              const char *a,
              const char *b)
{
  g_autoptr(GBytes) first = hl_test_scratch_read (a);
  g_autoptr(GBytes) second = hl_test_scratch_read (b);
  g_autoptr(GByteArray) all = g_byte_array_new ();

  g_byte_array_append (all, g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  g_byte_array_append (all, g_bytes_get_data (second, NULL), g_bytes_get_size (second));
  hl_test_scratch_write (out, all->data, all->len);
}

/* An RSA self-signed certificate, an EC CA and an EC leaf it signed, in
 * PEM and DER, with their keys, and a CSR: all by OpenSSL. */
static gboolean
make_files (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  static const char ext[] = "subjectAltName=DNS:leaf.user.test\n";

  if (openssl == NULL)
    return FALSE;

  hl_test_scratch_write ("leaf.ext", ext, sizeof ext - 1);
  g_assert_true (hl_test_run (scratch, NULL, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                              "-keyout", "rsa-key.pem", "-out", "rsa.pem",
                              "-subj", "/CN=rsa.user.test", "-days", "30", NULL));
  g_assert_true (hl_test_run (scratch, NULL, "openssl", "req", "-x509", "-newkey", "ec",
                              "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                              "-keyout", "ca-key.pem", "-out", "ca.pem",
                              "-subj", "/O=User/CN=User CA", "-days", "30",
                              "-addext", "keyUsage=critical,keyCertSign,cRLSign", NULL));
  g_assert_true (hl_test_run (scratch, NULL, "openssl", "req", "-new", "-newkey", "ec",
                              "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                              "-keyout", "leaf-key.pem", "-out", "leaf.csr",
                              "-subj", "/CN=leaf.user.test", NULL));
  g_assert_true (hl_test_run (scratch, NULL, "openssl", "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem",
                              "-CAkey", "ca-key.pem", "-set_serial", "7", "-days", "30",
                              "-extfile", "leaf.ext", "-out", "leaf.pem", NULL));
  g_assert_true (hl_test_run (scratch, NULL, "openssl",
                              "ec", "-in", "leaf-key.pem", "-out", "leaf-key-sec1.pem", NULL));
  g_assert_true (hl_test_run (scratch, NULL, "openssl", "pkey", "-in", "rsa-key.pem", "-outform", "DER",
                              "-out", "rsa-key.der", NULL));
  g_assert_true (hl_test_run (scratch, NULL, "openssl",
                              "x509", "-in", "rsa.pem", "-outform", "DER", "-out", "rsa.der", NULL));
  g_assert_true (hl_test_run (scratch, NULL, "openssl",
                              "x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.der", NULL));
  g_assert_true (hl_test_run (scratch, NULL, "openssl",
                              "x509", "-in", "leaf.pem", "-outform", "DER", "-out", "leaf.der", NULL));
  /* the way many people keep a certificate: its text dump, then the PEM */
  g_assert_true (hl_test_run (scratch, NULL, "openssl",
                              "x509", "-in", "rsa.pem", "-text", "-out", "rsa-text.pem", NULL));
  concat_files ("chain.pem", "leaf.pem", "ca.pem");
  concat_files ("chain.der", "leaf.der", "ca.der");
  concat_files ("bundle.pem", "rsa-key.pem", "rsa.pem");

  return TRUE;
}

static gboolean
need_files (void)
{
  if (!have_files)
    g_test_skip ("openssl is not installed: nothing independent to read");

  return have_files;
}

static GPtrArray *
load (const char  *name,
      GError     **error)
{
  g_autofree char *path = hl_test_scratch_path (name);

  return hl_cert_loader_read_file (path, error);
}

static void
assert_same (GBytes     *loaded,
             const char *der_name)
{
  g_autoptr(GBytes) der = hl_test_scratch_read (der_name);

  g_assert_true (g_bytes_equal (loaded, der));
}

static void
test_read_pem_and_der (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certs = NULL;

  if (!need_files ())
    return;

  certs = load ("rsa.pem", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (certs->len, ==, 1);
  assert_same (certs->pdata[0], "rsa.der");
  g_clear_pointer (&certs, g_ptr_array_unref);

  certs = load ("rsa.der", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (certs->len, ==, 1);
  assert_same (certs->pdata[0], "rsa.der");
  g_clear_pointer (&certs, g_ptr_array_unref);

  certs = load ("rsa-text.pem", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (certs->len, ==, 1);
  assert_same (certs->pdata[0], "rsa.der");
  g_clear_pointer (&certs, g_ptr_array_unref);

  /* a key and its certificate in one file: the key is skipped */
  certs = load ("bundle.pem", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (certs->len, ==, 1);
  assert_same (certs->pdata[0], "rsa.der");
}

/* The DN of a certificate, for a trust anchor. */
static void
append_dn (void       *ctx,
           const void *buf,
           size_t      len)
{
  g_byte_array_append (ctx, buf, len);
}

static void
test_read_chain (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certs = NULL;
  g_autoptr(GPtrArray) der_certs = NULL;
  g_autoptr(GByteArray) dn = g_byte_array_new ();
  br_x509_decoder_context dc;
  br_x509_trust_anchor anchor = { 0 };
  br_x509_minimal_context xc;
  const br_x509_class **vt = &xc.vtable;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gsize len;
  const guint8 *data;

  if (!need_files ())
    return;

  certs = load ("chain.pem", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (certs->len, ==, 2);
  assert_same (certs->pdata[0], "leaf.der");
  assert_same (certs->pdata[1], "ca.der");

  der_certs = load ("chain.der", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (der_certs->len, ==, 2);
  g_assert_true (g_bytes_equal (certs->pdata[0], der_certs->pdata[0]));
  g_assert_true (g_bytes_equal (certs->pdata[1], der_certs->pdata[1]));

  /* What was loaded is what BearSSL validates: the CA as trust anchor,
   * the leaf as chain, the name from OpenSSL's subjectAltName. */
  data = g_bytes_get_data (certs->pdata[1], &len);
  br_x509_decoder_init (&dc, append_dn, dn);
  br_x509_decoder_push (&dc, data, len);
  g_assert_cmpint (br_x509_decoder_last_error (&dc), ==, 0);
  g_assert_true (br_x509_decoder_isCA (&dc));
  anchor.dn.data = dn->data;
  anchor.dn.len = dn->len;
  anchor.flags = BR_X509_TA_CA;
  anchor.pkey = *br_x509_decoder_get_pkey (&dc);

  br_x509_minimal_init_full (&xc, &anchor, 1);
  br_x509_minimal_set_time (&xc, BR_UNIX_EPOCH_DAY + (guint32) (now / 86400),
                            (guint32) (now % 86400));
  (*vt)->start_chain (vt, "leaf.user.test");
  data = g_bytes_get_data (certs->pdata[0], &len);
  (*vt)->start_cert (vt, (guint32) len);
  (*vt)->append (vt, data, len);
  (*vt)->end_cert (vt);
  g_assert_cmpuint ((*vt)->end_chain (vt), ==, BR_ERR_OK);
}

static void
test_key_match (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rsa = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(HlKey) rsa_key = NULL;
  g_autoptr(HlKey) rsa_key_der = NULL;
  g_autoptr(HlKey) leaf_key = NULL;
  g_autoptr(HlKey) leaf_key_sec1 = NULL;
  g_autoptr(HlKey) ca_key = NULL;
  g_autoptr(HlKey) demo_key = NULL;
  g_autofree char *path = NULL;

  if (!need_files ())
    return;

  rsa = load ("rsa.pem", &error);
  g_assert_no_error (error);
  chain = load ("chain.pem", &error);
  g_assert_no_error (error);

  path = hl_test_scratch_path ("rsa-key.pem");
  rsa_key = hl_cert_loader_read_key_file (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&path, g_free);
  path = hl_test_scratch_path ("rsa-key.der");
  rsa_key_der = hl_cert_loader_read_key_file (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&path, g_free);
  path = hl_test_scratch_path ("leaf-key.pem");
  leaf_key = hl_cert_loader_read_key_file (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&path, g_free);
  path = hl_test_scratch_path ("leaf-key-sec1.pem");
  leaf_key_sec1 = hl_cert_loader_read_key_file (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&path, g_free);
  path = hl_test_scratch_path ("ca-key.pem");
  ca_key = hl_cert_loader_read_key_file (path, &error);
  g_assert_no_error (error);
  demo_key = hl_key_load_demo ("server-rsa2048", &error);
  g_assert_no_error (error);

  g_assert_true (hl_cert_loader_check_key (rsa->pdata[0], rsa_key, "rsa.pem", &error));
  g_assert_no_error (error);
  g_assert_true (hl_cert_loader_check_key (rsa->pdata[0], rsa_key_der, "rsa.pem", &error));
  g_assert_no_error (error);
  g_assert_true (hl_cert_loader_check_key (chain->pdata[0], leaf_key, "chain.pem", &error));
  g_assert_no_error (error);
  g_assert_true (hl_cert_loader_check_key (chain->pdata[0], leaf_key_sec1, "chain.pem", &error));
  g_assert_no_error (error);
  g_assert_true (hl_cert_loader_check_key (chain->pdata[1], ca_key, "chain.pem", &error));
  g_assert_no_error (error);

  /* same type, other key */
  g_assert_false (hl_cert_loader_check_key (rsa->pdata[0], demo_key, "rsa.pem", &error));
  g_assert_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_KEY_MISMATCH);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "rsa.pem: "));
  g_assert_nonnull (strstr (error->message, "'server-rsa2048' (RSA 2048 bits)"));
  g_assert_nonnull (strstr (error->message, "(RSA 2048 bits)"));
  g_clear_error (&error);

  g_assert_false (hl_cert_loader_check_key (chain->pdata[0], ca_key, "chain.pem", &error));
  g_assert_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_KEY_MISMATCH);
  g_assert_nonnull (strstr (error->message, "(EC P-256) does not belong"));
  g_assert_nonnull (strstr (error->message, "whose public key (EC P-256)"));
  g_clear_error (&error);

  /* other type */
  g_assert_false (hl_cert_loader_check_key (chain->pdata[0], rsa_key, "chain.pem", &error));
  g_assert_error (error, HL_CERT_LOADER_ERROR, HL_CERT_LOADER_ERROR_KEY_MISMATCH);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
}

/* A user's chain and keys in the PKI: in a chain, as a trust anchor, and
 * a user CA issuing a certificate from a recipe, which OpenSSL checks. */
static void
test_pki (void)
{
  static const char * const leaf_names[] = { "user-leaf", NULL };
  static const char * const ca_names[] = { "user-ca", NULL };
  static const char * const built_names[] = { "built", NULL };
  static const char * const built_dns[] = { "built.user.test", NULL };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  HlCertRecipe built = {
    .name = "built", .issuer = "user-ca", .key = "server-rsa2048",
    .subject_cn = "built.user.test", .serial = 99,
    .not_before = now - 86400, .not_after = now + 86400, .path_len = -1,
    .key_usage = HL_KEY_USAGE_DIGITAL_SIGNATURE, .dns_names = built_dns,
  };
  g_autoptr(HlPki) pki = hl_pki_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(HlKey) leaf_key = NULL;
  g_autoptr(HlKey) ca_key = NULL;
  g_autofree char *path = NULL;
  g_autofree char *ca_pem = hl_test_scratch_path ("ca.pem");
  g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  const br_x509_certificate *certs;
  const br_x509_trust_anchor *anchors;
  br_x509_minimal_context xc;
  const br_x509_class **vt = &xc.vtable;
  gsize n_certs;
  gsize n_anchors;

  if (!need_files ())
    return;

  chain = load ("chain.pem", &error);
  g_assert_no_error (error);
  path = hl_test_scratch_path ("leaf-key.pem");
  leaf_key = hl_cert_loader_read_key_file (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&path, g_free);
  path = hl_test_scratch_path ("ca-key.pem");
  ca_key = hl_cert_loader_read_key_file (path, &error);
  g_assert_no_error (error);

  /* the wrong key is refused, the right one taken */
  g_assert_false (hl_pki_add_certificate (pki, "user-leaf", chain->pdata[0], ca_key, &error));
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_KEY_MISMATCH);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_true (hl_pki_add_certificate (pki, "user-leaf", chain->pdata[0], leaf_key, &error));
  g_assert_no_error (error);
  g_assert_false (hl_pki_add_certificate (pki, "user-leaf", chain->pdata[0], leaf_key, &error));
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_true (hl_pki_get_key (pki, "user-leaf") == leaf_key);
  g_assert_null (hl_pki_get_issuer_key (pki, "user-leaf"));

  /* a CA without its key can be trusted but cannot sign */
  g_assert_true (hl_pki_add_certificate (pki, "user-ca-public", chain->pdata[1], NULL, &error));
  g_assert_no_error (error);
  built.issuer = "user-ca-public";
  g_assert_false (hl_pki_add (pki, &built, &error));
  g_assert_error (error, HL_PKI_ERROR, HL_PKI_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cannot sign"));
  g_clear_error (&error);
  built.issuer = "user-ca";

  g_assert_true (hl_pki_add_certificate (pki, "user-ca", chain->pdata[1], ca_key, &error));
  g_assert_no_error (error);
  g_assert_true (hl_pki_add (pki, &built, &error));
  g_assert_no_error (error);

  anchors = hl_pki_get_trust_anchors (pki, ca_names, &n_anchors, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (anchors[0].flags, ==, BR_X509_TA_CA);
  g_assert_cmpint (anchors[0].pkey.key_type, ==, BR_KEYTYPE_EC);

  for (guint i = 0; i < 2; i++)
    {
      certs = hl_pki_get_chain (pki, i == 0 ? leaf_names : built_names, &n_certs, &error);
      g_assert_no_error (error);
      br_x509_minimal_init_full (&xc, anchors, n_anchors);
      br_x509_minimal_set_time (&xc, BR_UNIX_EPOCH_DAY + (guint32) (now / 86400),
                                (guint32) (now % 86400));
      (*vt)->start_chain (vt, i == 0 ? "leaf.user.test" : "built.user.test");
      (*vt)->start_cert (vt, (guint32) certs[0].data_len);
      (*vt)->append (vt, certs[0].data, certs[0].data_len);
      (*vt)->end_cert (vt);
      g_assert_cmpuint ((*vt)->end_chain (vt), ==, BR_ERR_OK);
    }

  /* OpenSSL agrees that the user's CA issued the built certificate, and
   * its authorityKeyIdentifier is OpenSSL's subjectKeyIdentifier */
  hl_test_scratch_write ("built.der", g_bytes_get_data (hl_pki_get_der (pki, "built"), NULL),
                         g_bytes_get_size (hl_pki_get_der (pki, "built")));
  g_assert_true (hl_test_run (scratch, NULL, "openssl",
                              "x509", "-inform", "DER", "-in", "built.der", "-out", "built.pem", NULL));
  g_assert_true (hl_test_run (scratch, NULL, "openssl", "verify", "-x509_strict", "-attime", at, "-CAfile", ca_pem,
                              "-verify_hostname", "built.user.test", "built.pem", NULL));
}

static void
assert_load_error (const void *data,
                   gsize       len,
                   int         code,
                   const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certs = hl_cert_loader_read (data, len, "user.pem", &error);

  g_assert_null (certs);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, HL_CERT_LOADER_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "user.pem: "));
  if (strstr (error->message, message) == NULL)
    g_error ("expected '%s' in: %s", message, error->message);
}

static void
test_errors (void)
{
  static const guint8 indefinite[] = { 0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00 };
  static const guint8 not_a_cert[] = { 0x30, 0x03, 0x02, 0x01, 0x00 };
  static const guint8 huge_length[] = { 0x30, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00 };
  static const char empty_block[] = "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n";
  g_autoptr(GBytes) pem = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GBytes) csr = NULL;
  g_autoptr(GByteArray) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certs = NULL;
  g_autoptr(HlKey) hl_key = NULL;
  g_autofree char *b64 = NULL;
  g_autofree char *padded_pem = NULL;
  g_autofree char *path = NULL;
  const char *text;
  const char *body;
  gsize len;

  assert_load_error ("", 0, HL_CERT_LOADER_ERROR_EMPTY, "empty");
  assert_load_error (" \n\t\n", 4, HL_CERT_LOADER_ERROR_EMPTY, "empty");
  assert_load_error ("hello, world\n", 13, HL_CERT_LOADER_ERROR_NOT_PEM_OR_DER, "not PEM");
  assert_load_error ("see -----BEGIN lines\n", 21, HL_CERT_LOADER_ERROR_NOT_PEM_OR_DER,
                     "no complete PEM block");
  assert_load_error ("-----BEGIN CERTIFICATE-----\nMIIB", 32, HL_CERT_LOADER_ERROR_TRUNCATED,
                     "no END line");
  assert_load_error (empty_block, sizeof empty_block - 1, HL_CERT_LOADER_ERROR_EMPTY,
                     "certificate 1: the PEM block is empty");
  assert_load_error (indefinite, sizeof indefinite, HL_CERT_LOADER_ERROR_MALFORMED,
                     "indefinite length");
  assert_load_error (huge_length, sizeof huge_length, HL_CERT_LOADER_ERROR_MALFORMED,
                     "length of 5 octets");
  assert_load_error (not_a_cert, sizeof not_a_cert, HL_CERT_LOADER_ERROR_MALFORMED,
                     "not a certificate BearSSL can read");

  if (!need_files ())
    return;

  /* a key, or a CSR, where a certificate belongs: say what it is */
  key = hl_test_scratch_read ("rsa-key.pem");
  assert_load_error (g_bytes_get_data (key, NULL), g_bytes_get_size (key),
                     HL_CERT_LOADER_ERROR_WRONG_TYPE,
                     "expected a CERTIFICATE, found a PEM block 'PRIVATE KEY' (a private key)");
  csr = hl_test_scratch_read ("leaf.csr");
  assert_load_error (g_bytes_get_data (csr, NULL), g_bytes_get_size (csr),
                     HL_CERT_LOADER_ERROR_WRONG_TYPE,
                     "'CERTIFICATE REQUEST' (a certificate signing request)");

  /* and a certificate where a key belongs */
  path = hl_test_scratch_path ("rsa.pem");
  hl_key = hl_cert_loader_read_key_file (path, &error);
  g_assert_null (hl_key);
  g_assert_error (error, HL_KEY_ERROR, HL_KEY_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "'CERTIFICATE' is not a private key"));
  g_clear_error (&error);
  g_clear_pointer (&path, g_free);

  pem = hl_test_scratch_read ("rsa.pem");
  text = g_bytes_get_data (pem, &len);
  body = strchr (text, '\n') + 1;

  /* bad base64: a character that is not in the alphabet */
  edited = g_byte_array_new ();
  g_byte_array_append (edited, (const guint8 *) text, len);
  edited->data[(body - text) + 10] = '!';
  assert_load_error (edited->data, edited->len, HL_CERT_LOADER_ERROR_BAD_BASE64,
                     "bad base64 in PEM block 'CERTIFICATE' number 1");

  /* cut in the middle: no END line */
  assert_load_error (text, len / 2, HL_CERT_LOADER_ERROR_TRUNCATED,
                     "PEM block 'CERTIFICATE' number 1 is truncated (no END line)");

  /* DER cut short: the outer SEQUENCE promises more than there is */
  der = hl_test_scratch_read ("rsa.der");
  assert_load_error (g_bytes_get_data (der, NULL), g_bytes_get_size (der) - 10,
                     HL_CERT_LOADER_ERROR_TRUNCATED, "truncated DER: the certificate's SEQUENCE says");
  assert_load_error (g_bytes_get_data (der, NULL), 3,
                     HL_CERT_LOADER_ERROR_TRUNCATED, "the length octets are cut off");

  /* DER followed by something that is no certificate */
  g_byte_array_set_size (edited, 0);
  g_byte_array_append (edited, g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  g_byte_array_append (edited, (const guint8 *) "\x04\x00", 2);
  assert_load_error (edited->data, edited->len, HL_CERT_LOADER_ERROR_MALFORMED,
                     "certificate 2: DER starts with tag 0x04");

  /* a PEM block whose DER has bytes after the certificate */
  g_byte_array_set_size (edited, g_bytes_get_size (der));
  g_byte_array_append (edited, (const guint8 *) "\x00\x00", 2);
  b64 = g_base64_encode (edited->data, edited->len);
  padded_pem = g_strdup_printf ("-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----\n", b64);
  assert_load_error (padded_pem, strlen (padded_pem), HL_CERT_LOADER_ERROR_MALFORMED,
                     "2 extra byte(s) after the certificate");

  /* the second certificate of a chain is damaged: it is named */
  g_byte_array_set_size (edited, 0);
  g_byte_array_append (edited, (const guint8 *) text, len);
  g_byte_array_append (edited, (const guint8 *) text, len / 2);
  assert_load_error (edited->data, edited->len, HL_CERT_LOADER_ERROR_TRUNCATED,
                     "number 2 is truncated");

  path = hl_test_scratch_path ("no-such-file.pem");
  certs = hl_cert_loader_read_file (path, &error);
  g_assert_null (certs);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* Every prefix of a good file fails cleanly, except those that hold the
 * whole certificate; every single flipped byte of a DER certificate
 * either still decodes or fails with an error, never crashes. */
static void
test_every_cut (void)
{
  g_autoptr(GBytes) pem = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autofree guint8 *copy = NULL;
  const guint8 *data;
  gsize len;

  if (!need_files ())
    return;

  der = hl_test_scratch_read ("leaf.der");
  data = g_bytes_get_data (der, &len);
  for (gsize cut = 0; cut < len; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) certs = hl_cert_loader_read (data, cut, "cut.der", &error);

      int code = cut == 0 ? HL_CERT_LOADER_ERROR_EMPTY : HL_CERT_LOADER_ERROR_TRUNCATED;

      g_assert_null (certs);
      g_assert_error (error, HL_CERT_LOADER_ERROR, code);
    }

  copy = g_memdup2 (data, len);
  for (gsize i = 0; i < len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) certs = NULL;

      copy[i] ^= 0x55;
      certs = hl_cert_loader_read (copy, len, "flipped.der", &error);
      g_assert_true ((certs == NULL) != (error == NULL));
      copy[i] = data[i];
    }

  pem = hl_test_scratch_read ("chain.pem");
  data = g_bytes_get_data (pem, &len);
  for (gsize cut = 0; cut < len; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) certs = hl_cert_loader_read (data, cut, "cut.pem", &error);

      g_assert_true ((certs == NULL) != (error == NULL));
      if (certs != NULL)
        g_assert_cmpuint (certs->len, >=, 1);
    }
}

/* hl_certificate_verify_hash() against signatures OpenSSL made over the
 * same bytes: RSA with a DigestInfo (SHA-256), RSA over MD5 ‖ SHA-1
 * without one (TLS 1.0), ECDSA over SHA-1 and SHA-384; a changed byte,
 * the wrong key or the wrong hash length never verify. */
static GBytes *
digest (GChecksumType  type,
        GBytes        *data)
{
  g_autoptr(GChecksum) sum = g_checksum_new (type);
  guint8 out[64];
  gsize len = sizeof out;

  g_checksum_update (sum, g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  g_checksum_get_digest (sum, out, &len);
  return g_bytes_new (out, len);
}

static gboolean
verifies (const char *certificate,
          GBytes     *hash,
          const char *signature)
{
  g_autoptr(GBytes) der = hl_test_scratch_read (certificate);
  g_autoptr(HlCertificate) cert = hl_certificate_new (der, NULL);
  g_autoptr(GBytes) sig = hl_test_scratch_read (signature);

  g_assert_nonnull (cert);
  return hl_certificate_verify_hash (cert, g_bytes_get_data (hash, NULL), g_bytes_get_size (hash),
                                     g_bytes_get_data (sig, NULL), g_bytes_get_size (sig));
}

static void
test_verify_hash (void)
{
  static const char text[] = "client random, server random and a curve point";
  g_autoptr(GBytes) data = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GBytes) changed = g_bytes_new_static (text, sizeof text - 2);
  g_autoptr(GBytes) sha1 = digest (G_CHECKSUM_SHA1, data);
  g_autoptr(GBytes) sha256 = digest (G_CHECKSUM_SHA256, data);
  g_autoptr(GBytes) sha384 = digest (G_CHECKSUM_SHA384, data);
  g_autoptr(GBytes) md5 = digest (G_CHECKSUM_MD5, data);
  g_autoptr(GBytes) changed_sha256 = digest (G_CHECKSUM_SHA256, changed);
  g_autoptr(GByteArray) md5_sha1 = g_byte_array_new ();
  g_autoptr(GBytes) tls10 = NULL;

  if (!need_files ())
    return;

  hl_test_scratch_write ("signed.bin", text, sizeof text - 1);
  g_assert_true (hl_test_run (scratch, NULL, "openssl", "dgst", "-sha256", "-sign", "rsa-key.pem",
                              "-out", "rsa-sha256.sig", "signed.bin", NULL));
  g_assert_true (hl_test_run (scratch, NULL, "openssl", "dgst", "-md5-sha1", "-sign", "rsa-key.pem",
                              "-out", "rsa-md5-sha1.sig", "signed.bin", NULL));
  g_assert_true (hl_test_run (scratch, NULL, "openssl", "dgst", "-sha1", "-sign", "leaf-key.pem",
                              "-out", "ec-sha1.sig", "signed.bin", NULL));
  g_assert_true (hl_test_run (scratch, NULL, "openssl", "dgst", "-sha384", "-sign", "leaf-key.pem",
                              "-out", "ec-sha384.sig", "signed.bin", NULL));

  g_byte_array_append (md5_sha1, g_bytes_get_data (md5, NULL), g_bytes_get_size (md5));
  g_byte_array_append (md5_sha1, g_bytes_get_data (sha1, NULL), g_bytes_get_size (sha1));
  tls10 = g_bytes_new (md5_sha1->data, md5_sha1->len);

  g_assert_true (verifies ("rsa.der", sha256, "rsa-sha256.sig"));
  g_assert_true (verifies ("rsa.der", tls10, "rsa-md5-sha1.sig"));
  g_assert_true (verifies ("leaf.der", sha1, "ec-sha1.sig"));
  g_assert_true (verifies ("leaf.der", sha384, "ec-sha384.sig"));

  g_assert_false (verifies ("rsa.der", changed_sha256, "rsa-sha256.sig"));
  g_assert_false (verifies ("rsa.der", tls10, "rsa-sha256.sig"));
  g_assert_false (verifies ("rsa.der", sha256, "rsa-md5-sha1.sig"));
  g_assert_false (verifies ("leaf.der", sha256, "ec-sha384.sig"));
  g_assert_false (verifies ("ca.der", sha1, "ec-sha1.sig"));
  g_assert_false (verifies ("leaf.der", sha256, "rsa-sha256.sig"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  scratch = hl_test_scratch_init ("cert-loader");
  have_files = make_files ();

  g_test_add_func ("/cert-loader/pem-and-der", test_read_pem_and_der);
  g_test_add_func ("/cert-loader/chain", test_read_chain);
  g_test_add_func ("/cert-loader/key-match", test_key_match);
  g_test_add_func ("/cert-loader/pki", test_pki);
  g_test_add_func ("/cert-loader/errors", test_errors);
  g_test_add_func ("/cert-loader/every-cut", test_every_cut);
  g_test_add_func ("/cert-loader/verify-hash", test_verify_hash);

  ret = g_test_run ();

  hl_test_scratch_clear ();

  return ret;
}
