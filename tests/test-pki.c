/* test-pki.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* DER, keys and certificates: one program built from one file per area
 * (test-pki-*.c); what they share is here. */

#define G_LOG_DOMAIN "test-pki"

#include "config.h"

#include "test-pki.h"

/* Scratch directory of this run, and whether OpenSSL-made EC keys were
 * registered as extra demo keys (there is no EC demo key in data/pki). */
const char *scratch;

gboolean have_ec_keys;

GResource *ec_resource;

/* ------------------------------------------------------------------ */
/* helpers                                                            */

char *
strip_spaces (const char *s)
{
  GString *out = g_string_new (NULL);

  for (; *s != '\0'; s++)
    {
      if (*s != ' ')
        g_string_append_c (out, *s);
    }

  return g_string_free (out, FALSE);
}

gboolean
der_contains (GBytes     *der,
              const char *hex_needle)
{
  g_autofree char *hay = hl_test_bytes_hex (der);
  g_autofree char *needle = strip_spaces (hex_needle);

  return strstr (hay, needle) != NULL;
}

gboolean
have_openssl (void)
{
  g_autofree char *path = g_find_program_in_path ("openssl");

  if (path == NULL)
    {
      g_test_skip ("openssl is not installed: nothing independent to check against");
      return FALSE;
    }

  return TRUE;
}

GBytes *
demo_pem (const char *name)
{
  g_autofree char *path = g_strdup_printf (RESOURCE_PREFIX "/pki/%s.pem", name);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return bytes;
}

/* Validates a chain the way a BearSSL client would, at time when, with
 * RSA keys of at least min_rsa_bytes (0: BearSSL's default, 128). */
int
bearssl_validate_min_rsa (const br_x509_trust_anchor *anchors,
                          gsize                       n_anchors,
                          const br_x509_certificate  *chain,
                          gsize                       n_certs,
                          const char                 *server_name,
                          gint64                      when,
                          int                         min_rsa_bytes)
{
  br_x509_minimal_context xc;
  const br_x509_class **vt = &xc.vtable;

  g_assert_cmpint (when, >=, 0);

  br_x509_minimal_init_full (&xc, anchors, n_anchors);
  if (min_rsa_bytes > 0)
    br_x509_minimal_set_minrsa (&xc, min_rsa_bytes);
  br_x509_minimal_set_time (&xc, BR_UNIX_EPOCH_DAY + (guint32) (when / DAY),
                            (guint32) (when % DAY));

  (*vt)->start_chain (vt, server_name);
  for (gsize i = 0; i < n_certs; i++)
    {
      (*vt)->start_cert (vt, (guint32) chain[i].data_len);
      (*vt)->append (vt, chain[i].data, chain[i].data_len);
      (*vt)->end_cert (vt);
    }

  return (int) (*vt)->end_chain (vt);
}

/* ------------------------------------------------------------------ */
/* PKI                                                                */

const char * const server_dns[] = { SERVER_NAME, NULL };

HlPki *
build_demo_pki (void)
{
  const HlCertRecipe root = {
    .name = "root", .issuer = "root", .key = "root-ca-rsa2048",
    .subject_cn = "Handshake Lab Root CA", .subject_o = "Handshake Lab",
    .serial = 1, .not_before = CA_NOT_BEFORE, .not_after = CA_NOT_AFTER,
    .is_ca = TRUE, .path_len = -1,
    .key_usage = HL_KEY_USAGE_KEY_CERT_SIGN | HL_KEY_USAGE_CRL_SIGN,
  };
  const HlCertRecipe intermediate = {
    .name = "intermediate", .issuer = "root", .key = "intermediate-ca-rsa2048",
    .subject_cn = "Handshake Lab Intermediate CA", .subject_o = "Handshake Lab",
    .serial = 2, .not_before = CA_NOT_BEFORE, .not_after = CA_NOT_AFTER,
    .is_ca = TRUE, .path_len = 0,
    .key_usage = HL_KEY_USAGE_KEY_CERT_SIGN | HL_KEY_USAGE_CRL_SIGN,
  };
  const HlCertRecipe server = {
    .name = "server", .issuer = "intermediate", .key = "server-rsa2048",
    .subject_cn = SERVER_NAME, .subject_o = NULL,
    .serial = G_GUINT64_CONSTANT (0x9234567890abcdef),
    .not_before = LEAF_NOT_BEFORE, .not_after = LEAF_NOT_AFTER,
    .is_ca = FALSE, .path_len = -1,
    .key_usage = HL_KEY_USAGE_DIGITAL_SIGNATURE | HL_KEY_USAGE_KEY_ENCIPHERMENT,
    .dns_names = server_dns,
  };
  g_autoptr(GError) error = NULL;
  HlPki *pki = hl_pki_new ();

  g_assert_true (hl_pki_add (pki, &root, &error));
  g_assert_no_error (error);
  g_assert_true (hl_pki_add (pki, &intermediate, &error));
  g_assert_no_error (error);
  g_assert_true (hl_pki_add (pki, &server, &error));
  g_assert_no_error (error);

  return pki;
}

/* Writes the certificate as DER and PEM; returns the PEM path. */
char *
export_cert (HlPki      *pki,
             const char *name)
{
  g_autofree char *der_path = g_strdup_printf ("%s/%s.der", scratch, name);
  g_autofree char *out = NULL;
  char *pem_path = g_strdup_printf ("%s/%s.pem", scratch, name);

  hl_test_write_bytes (der_path, hl_pki_get_der (pki, name));
  g_assert_true (hl_test_run (NULL, &out, "openssl", "x509", "-inform", "DER", "-in", der_path,
                                    "-out", pem_path, NULL));

  return pem_path;
}

char *
openssl_text (const char *pem_path)
{
  char *out = NULL;

  if (!hl_test_run (NULL, &out, "openssl", "x509", "-noout", "-text", "-in", pem_path, NULL))
    g_error ("openssl cannot read %s: %s", pem_path, out);

  return out;
}

void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected '%s' in:\n%s", needle, haystack);
}

/* ------------------------------------------------------------------ */
/* setup: OpenSSL makes EC keys, glib-compile-resources makes them     */
/* look like demo keys                                                 */

gboolean
make_ec_keys (void)
{
  static const struct {
    const char *name;
    const char *curve;
  } keys[] = {
    { "test-ec-p256", "P-256" },
    { "test-ec-p384", "P-384" },
    { "test-ec-p521", "P-521" },
  };
  g_autofree char *compiler = g_find_program_in_path ("glib-compile-resources");
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *pki_dir = hl_test_scratch_path ("pki");
  g_autofree char *xml_path = hl_test_scratch_path ("test-ec.gresource.xml");
  g_autofree char *target = hl_test_scratch_path ("test-ec.gresource");
  g_autofree char *sourcedir = g_strdup_printf ("--sourcedir=%s", scratch);
  g_autofree char *target_arg = g_strdup_printf ("--target=%s", target);
  g_autofree char *p256 = hl_test_scratch_path ("pki/test-ec-p256.pem");
  g_autofree char *sec1 = hl_test_scratch_path ("pki/test-ec-p256-sec1.pem");
  g_autofree char *sec1_pub = hl_test_scratch_path ("pki/test-ec-p256-sec1.pub.der");
  g_autofree char *sec1_pub_pem = hl_test_scratch_path ("pki/test-ec-p256-sec1.pub.pem");
  g_autofree char *out = NULL;
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml_bytes = NULL;
  g_autoptr(GBytes) sec1_pem = NULL;

  if (compiler == NULL || openssl == NULL)
    return FALSE;

  g_assert_cmpint (g_mkdir (pki_dir, 0700), ==, 0);
  g_string_append (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gresources>\n"
                        "  <gresource prefix=\"" RESOURCE_PREFIX "\">\n");

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.pem", pki_dir, keys[i].name);
      g_autofree char *pub = g_strdup_printf ("%s/%s.pub.der", pki_dir, keys[i].name);
      g_autofree char *pub_pem = g_strdup_printf ("%s/%s.pub.pem", pki_dir, keys[i].name);
      g_autofree char *curve = g_strdup_printf ("ec_paramgen_curve:%s", keys[i].curve);

      if (!hl_test_run (NULL, &out, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", curve,
                              "-out", path, NULL))
        g_error ("openssl genpkey: %s", out);
      g_clear_pointer (&out, g_free);
      g_assert_true (hl_test_run (NULL, NULL, "openssl", "pkey", "-in", path, "-pubout", "-outform", "DER",
                                        "-out", pub, NULL));
      g_assert_true (hl_test_run (NULL, NULL, "openssl", "pkey", "-in", path, "-pubout", "-out", pub_pem, NULL));
      g_string_append_printf (xml, "    <file>pki/%s.pem</file>\n", keys[i].name);
    }

  /* the same P-256 key again in SEC1 "EC PRIVATE KEY" form */
  g_assert_true (hl_test_run (NULL, NULL, "openssl", "ec", "-in", p256, "-out", sec1, NULL));
  sec1_pem = hl_test_read_file (sec1);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (sec1_pem, NULL), g_bytes_get_size (sec1_pem),
                                  "-----BEGIN EC PRIVATE KEY-----"));
  g_assert_true (hl_test_run (NULL, NULL, "openssl", "pkey", "-in", sec1, "-pubout", "-outform", "DER",
                                    "-out", sec1_pub, NULL));
  g_assert_true (hl_test_run (NULL, NULL, "openssl", "pkey", "-in", sec1, "-pubout", "-out", sec1_pub_pem, NULL));
  g_string_append (xml, "    <file>pki/test-ec-p256-sec1.pem</file>\n");
  g_string_append (xml, "  </gresource>\n</gresources>\n");

  xml_bytes = g_bytes_new (xml->str, xml->len);
  hl_test_write_bytes (xml_path, xml_bytes);
  if (!hl_test_run (NULL, &out, "glib-compile-resources", sourcedir, target_arg, xml_path, NULL))
    g_error ("glib-compile-resources: %s", out);

  ec_resource = g_resource_load (target, &error);
  g_assert_no_error (error);
  g_resources_register (ec_resource);

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  scratch = hl_test_scratch_init ("pki");
  have_ec_keys = make_ec_keys ();

  hl_test_pki_add_der_tests ();
  hl_test_pki_add_key_tests ();
  hl_test_pki_add_chains_tests ();
  hl_test_pki_add_features_tests ();

  ret = g_test_run ();

  if (ec_resource != NULL)
    {
      g_resources_unregister (ec_resource);
      g_resource_unref (ec_resource);
    }
  hl_test_scratch_clear ();

  return ret;
}
