/* test-decode-real.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Real hellos and certificates, decoded field by field and compared
 * with OpenSSL's reading of the DER. */

#include "config.h"

#include "test-decode.h"

/* ------------------------------------------------------------------ */
/* Real runs                                                           */

static void
test_client_hello (void)
{
  g_autoptr(HlTrace) trace = run_rsa_basic (NULL);
  g_autoptr(GPtrArray) messages = handshake_messages (trace);
  Message *m = find_message (messages, 1);
  g_autoptr(HlField) root = decode_message (m);
  HlSecrets *secrets = hl_trace_get_secrets (trace, HL_ACTOR_CLIENT);
  g_autofree char *random_hex = hl_test_bytes_hex (secrets->client_random);
  gsize len = g_bytes_get_size (m->bytes);
  br_ssl_client_context cc;
  br_x509_minimal_context xc;
  HlField *suites;
  HlField *extensions;
  HlField *random;

  assert_clean (root, 0, len);
  assert_top_level_covers (root, len);
  g_assert_cmpstr (hl_field_get_name (root), ==, "ClientHello");
  g_assert_cmpstr (value_at (root, "Handshake type"), ==, "ClientHello (1)");
  g_assert_cmpuint (atoi (value_at (root, "Length")), ==, len - 4);
  g_assert_cmpstr (value_at (root, "Client version"), ==, "TLS 1.2 (0x0303)");

  /* The scenario gives the client no list: it offers BearSSL's default
   * list, in BearSSL's order, as br_ssl_client_init_full() sets it. */
  br_ssl_client_init_full (&cc, &xc, NULL, 0);
  suites = field_at (root, "Cipher suites");
  g_assert_cmpuint (hl_field_get_n_children (suites), ==, cc.eng.suites_num);
  for (guint i = 0; i < cc.eng.suites_num; i++)
    {
      g_autofree char *code = g_strdup_printf ("(0x%04X)", cc.eng.suites_buf[i]);

      g_assert_true (g_str_has_suffix (hl_field_get_value (hl_field_get_child (suites, i)), code));
    }
  g_assert_cmpuint (atoi (value_at (root, "Cipher suites length")), ==, 2 * cc.eng.suites_num);

  /* The random is the one the client's engine used, and BearSSL zeroes
   * its first four bytes. */
  random = field_at (root, "Random");
  assert_span (random, 6, 32);
  g_assert_true (g_str_has_prefix (hl_field_get_value (random), random_hex));
  g_assert_true (g_str_has_prefix (random_hex, "00000000"));
  g_assert_nonnull (strstr (hl_field_get_value (random), "gmt_unix_time"));
  assert_span (field_at (root, "Random/gmt_unix_time"), 6, 4);
  assert_span (field_at (root, "Random/random_bytes"), 10, 28);

  g_assert_cmpstr (value_at (root, "Session ID length"), ==, "0");
  g_assert_null (hl_field_get_child_by_id (root, "hello.session_id"));
  g_assert_cmpstr (value_at (root, "Compression methods/Compression method"), ==, "null (0)");

  /* The scenario's server-name, in the SNI extension (RFC 6066 §3) */
  extensions = field_at (root, "Extensions");
  g_assert_cmpstr (value_at (extensions, "server_name"), ==, "www.handshake-lab.test");
  g_assert_cmpstr (value_at (extensions, "server_name/Type"), ==, "server_name (0)");
  g_assert_cmpstr (value_at (extensions, "server_name/Server name/Name type"), ==, "host_name (0)");
  g_assert_cmpstr (value_at (extensions, "server_name/Server name/Host name"), ==, "www.handshake-lab.test");
  g_assert_cmpstr (value_at (extensions, "server_name/Server name/Name length"), ==, "22");
  {
    /* the host name's bytes are where the field says */
    HlField *host = field_at (extensions, "server_name/Server name/Host name");
    const guint8 *p = g_bytes_get_data (m->bytes, NULL);

    g_assert_cmpmem (p + hl_field_get_offset (host), hl_field_get_length (host),
                     "www.handshake-lab.test", 22);
  }

  /* What BearSSL 0.6 sends besides */
  g_assert_cmpstr (value_at (extensions, "renegotiation_info"), ==,
                   "empty: a first handshake, not a renegotiation");
  g_assert_cmpstr (value_at (extensions, "supported_groups"), ==, "secp256r1, secp384r1, secp521r1, x25519");
  g_assert_cmpstr (value_at (extensions, "ec_point_formats"), ==, "uncompressed");
  g_assert_cmpstr (value_at (extensions, "signature_algorithms/Signature algorithms/Signature algorithm"), ==,
                   "ecdsa_secp256r1_sha256 (0x0403)");
  g_assert_cmpstr (value_at (extensions, "signature_algorithms/Signature algorithms/Signature algorithm/Hash"), ==,
                   "sha256 (4)");
  g_assert_cmpuint (hl_field_get_n_children (extensions), ==, 5);
}

static void
test_server_hello (void)
{
  g_autoptr(HlTrace) trace = run_rsa_basic (NULL);
  g_autoptr(GPtrArray) messages = handshake_messages (trace);
  Message *m = find_message (messages, 2);
  g_autoptr(HlField) root = decode_message (m);
  HlSecrets *secrets = hl_trace_get_secrets (trace, HL_ACTOR_CLIENT);
  g_autofree char *random_hex = hl_test_bytes_hex (secrets->server_random);
  gsize len = g_bytes_get_size (m->bytes);
  guint16 suite;

  assert_clean (root, 0, len);
  assert_top_level_covers (root, len);
  g_assert_cmpstr (hl_field_get_name (root), ==, "ServerHello");
  g_assert_cmpstr (value_at (root, "Server version"), ==, "TLS 1.2 (0x0303)");
  g_assert_cmpstr (value_at (root, "Cipher suite"), ==, "TLS_RSA_WITH_AES_128_GCM_SHA256 (0x009C)");
  g_assert_true (hl_cipher_suite_from_name ("TLS_RSA_WITH_AES_128_GCM_SHA256", &suite));
  g_assert_cmpuint (suite, ==, hl_trace_get_cipher_suite (trace));
  g_assert_true (g_str_has_prefix (value_at (root, "Random"), random_hex));
  g_assert_cmpstr (value_at (root, "Compression method"), ==, "null (0)");

  /* BearSSL's server gives every new session a 32-byte ID */
  g_assert_cmpstr (value_at (root, "Session ID length"), ==, "32");
  assert_span (field_at (root, "Session ID"), 39, 32);
  g_assert_cmpuint (strlen (value_at (root, "Session ID")), ==, 64);
}

static void
test_certificate (void)
{
  g_autoptr(HlTrace) trace = run_rsa_basic (NULL);
  g_autoptr(GPtrArray) messages = handshake_messages (trace);
  Message *m = find_message (messages, 11);
  g_autoptr(HlField) root = decode_message (m);
  gsize len;
  const guint8 *p = g_bytes_get_data (m->bytes, &len);
  HlField *list;
  gsize sum = 0;

  assert_clean (root, 0, len);
  assert_top_level_covers (root, len);

  list = field_at (root, "Certificates");
  g_assert_cmpuint (hl_field_get_n_children (list), ==, 2);
  g_assert_cmpuint (atoi (value_at (root, "Certificates length")), ==, hl_field_get_length (list));

  for (guint i = 0; i < 2; i++)
    {
      HlField *entry = hl_field_get_child (list, i);
      HlField *length = hl_field_get_child (entry, 0);
      HlField *der = hl_field_get_child (entry, 1);
      HlField *tag = hl_field_get_child (der, 0);
      gsize der_len = atoi (hl_field_get_value (length));
      g_autoptr(HlField) alone = NULL;

      g_assert_cmpuint (hl_field_get_n_children (entry), ==, 2);
      g_assert_cmpstr (hl_field_get_name (length), ==, "Certificate length");
      /* Named as RFC 5280 §4.1 names it, its type before its value. */
      g_assert_cmpstr (hl_field_get_name (der), ==, "Certificate");
      g_assert_cmpstr (hl_field_get_id (der), ==, "x509.certificate");
      g_assert_true (g_str_has_prefix (hl_field_get_value (der), "SEQUENCE: "));
      g_assert_cmpstr (hl_field_get_name (tag), ==, "Tag");
      g_assert_true (g_str_has_prefix (hl_field_get_value (tag), "0x30: universal, constructed, number 16"));
      g_assert_cmpuint (p[hl_field_get_offset (der)], ==, 0x30);
      g_assert_cmpuint (3 + der_len, ==, hl_field_get_length (entry));
      g_assert_cmpuint (hl_field_get_length (der), ==, der_len);
      g_assert_cmpuint (hl_field_get_offset (der), ==, hl_field_get_offset (entry) + 3);
      /* Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } */
      g_assert_cmpuint (hl_field_get_n_children (der), ==, 2 + 3);
      sum += hl_field_get_length (entry);

      /* The same bytes alone give the same tree, shifted. */
      alone = hl_decode_der (p + hl_field_get_offset (der), der_len, hl_field_get_offset (der));
      assert_clean (alone, hl_field_get_offset (der), der_len);
      g_assert_cmpuint (hl_field_get_n_children (alone), ==, 1);
      g_assert_cmpstr (hl_field_get_value (hl_field_get_child (alone, 0)), ==, hl_field_get_value (der));
      g_assert_cmpstr (hl_field_get_value (alone), ==, hl_field_get_value (entry));
    }
  g_assert_cmpuint (sum, ==, hl_field_get_length (list));

  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (list, 0)), ==,
                   "www.handshake-lab.test, issued by Handshake Lab Demo Intermediate CA");
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (list, 1)), ==,
                   "Handshake Lab Demo Intermediate CA, issued by Handshake Lab Demo Root CA");
  g_assert_cmpstr (hl_field_get_value (root), ==,
                   "2 certificates: www.handshake-lab.test, Handshake Lab Demo Intermediate CA");

  /* tbsCertificate: [0] version, serial 3, sha256WithRSAEncryption, issuer,
   * validity, subject, key, [3] extensions (data/scenarios/rsa-basic) */
  {
    HlField *tbs = hl_field_get_child (hl_field_get_child (hl_field_get_child (list, 0), 1), 2);

    static const char * const names[] = { "Tag", "Length", "version", "serialNumber", "signature", "issuer",
                                          "validity", "subject", "subjectPublicKeyInfo", "extensions" };
    static const char * const extensions[] = { "basicConstraints", "keyUsage", "subjectAltName",
                                               "subjectKeyIdentifier", "authorityKeyIdentifier" };
    HlField *list_of_extensions;

    g_assert_cmpstr (hl_field_get_name (tbs), ==, "tbsCertificate");
    g_assert_cmpstr (hl_field_get_id (tbs), ==, "x509.tbs");
    g_assert_cmpuint (hl_field_get_n_children (tbs), ==, G_N_ELEMENTS (names));
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      g_assert_cmpstr (hl_field_get_name (hl_field_get_child (tbs, i)), ==, names[i]);
    g_assert_cmpstr (hl_field_get_value (hl_field_get_child (tbs, 3)), ==, "INTEGER: 3 (0x03)");
    g_assert_cmpstr (hl_field_get_value (hl_field_get_child (tbs, 4)), ==, "SEQUENCE: sha256WithRSAEncryption");
    g_assert_cmpstr (hl_field_get_value (hl_field_get_child (tbs, 5)), ==,
                     "SEQUENCE: O=Handshake Lab, CN=Handshake Lab Demo Intermediate CA");
    g_assert_cmpstr (hl_field_get_value (hl_field_get_child (tbs, 6)), ==, "SEQUENCE: 2 elements");
    /* valid-until=+365d from the clock 2026-03-01T12:00:00Z */
    g_assert_cmpstr (hl_field_get_name (hl_field_get_child (hl_field_get_child (tbs, 6), 3)), ==, "notAfter");
    g_assert_cmpstr (hl_field_get_value (hl_field_get_child (hl_field_get_child (tbs, 6), 3)), ==,
                     "UTCTime: 2027-03-01 12:00:00 UTC");
    g_assert_cmpstr (hl_field_get_value (hl_field_get_child (tbs, 7)), ==,
                     "SEQUENCE: O=Handshake Lab, CN=www.handshake-lab.test");
    /* The extensions data/scenarios/rsa-basic's certificate has, each by its name. */
    list_of_extensions = hl_field_get_child_by_id (hl_field_get_child (tbs, 9), "x509.extension_list");
    g_assert_nonnull (list_of_extensions);
    g_assert_cmpuint (hl_field_get_n_children (list_of_extensions), ==, 2 + G_N_ELEMENTS (extensions));
    for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
      {
        HlField *extension = hl_field_get_child (list_of_extensions, 2 + i);

        g_assert_cmpstr (hl_field_get_name (extension), ==, extensions[i]);
        g_assert_cmpstr (hl_field_get_id (extension), ==, "x509.extension");
      }
  }
}

/* Compares a DER tree with "openssl asn1parse", an independent reader:
 * every value openssl lists (it does not look inside BIT and OCTET
 * STRINGs) must be a node with the same offset, depth, header length,
 * length and type. */
typedef struct
{
  gsize       offset;
  guint       depth;
  gsize       header;
  gsize       length;
  gboolean    constructed;
  const char *name;
  const char *value;
  char        type[24];
} DerNode;

static void
collect_der_nodes (HlField *node,
                   guint    depth,
                   gsize    base,
                   GArray  *nodes)
{
  guint n = hl_field_get_n_children (node);
  DerNode d = { 0 };
  HlField *length;

  g_assert_cmpuint (n, >=, 2);
  length = hl_field_get_child (node, 1);
  g_assert_cmpstr (hl_field_get_name (hl_field_get_child (node, 0)), ==, "Tag");
  g_assert_cmpstr (hl_field_get_name (length), ==, "Length");

  d.offset = hl_field_get_offset (node) - base;
  d.depth = depth;
  d.header = hl_field_get_length (hl_field_get_child (node, 0)) + hl_field_get_length (length);
  d.length = hl_field_get_length (node) - d.header;
  d.constructed = strstr (hl_field_get_value (hl_field_get_child (node, 0)), ", constructed,") != NULL;
  /* A value named after its place in a certificate shows its type first. */
  if (g_str_has_prefix (hl_field_get_id (node), "der."))
    {
      d.name = hl_field_get_name (node);
      d.value = hl_field_get_value (node);
    }
  else
    {
      const char *value = hl_field_get_value (node);
      const char *colon = strstr (value, ": ");

      g_strlcpy (d.type, value, colon ? MIN ((gsize)(colon - value) + 1, sizeof d.type) : sizeof d.type);
      d.value = colon ? colon + 2 : "";
    }
  g_array_append_val (nodes, d);

  /* openssl does not go inside BIT STRING or OCTET STRING */
  if (!d.constructed)
    return;

  for (guint i = 2; i < n; i++)
    collect_der_nodes (hl_field_get_child (node, i), depth + 1, base, nodes);
}

static const char *
openssl_type_name (const char *type)
{
  static const struct { const char *openssl, *ours; } map[] = {
    { "SEQUENCE", "SEQUENCE" }, { "SET", "SET" }, { "INTEGER", "INTEGER" },
    { "OBJECT", "OBJECT IDENTIFIER" }, { "NULL", "NULL" }, { "BOOLEAN", "BOOLEAN" },
    { "BIT STRING", "BIT STRING" }, { "OCTET STRING", "OCTET STRING" },
    { "UTF8STRING", "UTF8String" }, { "PRINTABLESTRING", "PrintableString" },
    { "IA5STRING", "IA5String" }, { "UTCTIME", "UTCTime" }, { "GENERALIZEDTIME", "GeneralizedTime" },
  };
  int n;

  if (sscanf (type, "cont [ %d ]", &n) == 1)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (strcmp (type, map[i].openssl) == 0)
      return map[i].ours;
  g_error ("openssl type %s not mapped", type);
  return NULL;
}

static void
compare_with_openssl (const guint8 *der,
                      gsize         len,
                      HlField      *tree,
                      gsize         base)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-decode-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GArray) nodes = g_array_new (FALSE, TRUE, sizeof (DerNode));
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { "openssl", "asn1parse", "-inform", "DER", "-in", NULL, NULL };
  guint index = 0;
  int status;

  g_assert_no_error (error);
  path = g_build_filename (dir, "cert.der", NULL);
  g_file_set_contents (path, (const char *)der, len, &error);
  g_assert_no_error (error);
  argv[5] = path;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (path);
  g_rmdir (dir);

  for (guint i = 0; i < hl_field_get_n_children (tree); i++)
    collect_der_nodes (hl_field_get_child (tree, i), 0, base, nodes);
  g_assert_cmpuint (nodes->len, >, 30);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      unsigned long offset, header, length;
      unsigned depth;
      char kind[6] = { 0 };
      char type[64] = { 0 };
      const char *colon;
      const char *ours;
      DerNode *node;

      if (lines[i][0] == 0)
        continue;
      if (sscanf (lines[i], " %lu:d=%u hl=%lu l=%lu %5s %63[^:]", &offset, &depth, &header, &length, kind, type) != 6)
        g_error ("cannot read openssl's line “%s”", lines[i]);
      if (strstr (type, "[HEX DUMP]") != NULL)
        *strstr (type, "[HEX DUMP]") = 0;
      g_strchomp (type);

      g_assert_cmpuint (index, <, nodes->len);
      node = &g_array_index (nodes, DerNode, index++);
      g_assert_cmpuint (node->offset, ==, offset);
      g_assert_cmpuint (node->depth, ==, depth);
      g_assert_cmpuint (node->header, ==, header);
      g_assert_cmpuint (node->length, ==, length);
      g_assert_cmpint (node->constructed, ==, strcmp (kind, "cons:") == 0);
      ours = openssl_type_name (type);
      if (ours != NULL)
        g_assert_cmpstr (node->type[0] ? node->type : node->name, ==, ours);
      else
        g_assert_true ((node->type[0] ? node->type : node->name)[0] == '[');

      /* strings: the same text */
      colon = strchr (strstr (lines[i], type) + strlen (type), ':');
      if (colon != NULL && (strcmp (type, "UTF8STRING") == 0 || strcmp (type, "PRINTABLESTRING") == 0))
        g_assert_cmpstr (node->value, ==, colon + 1);
    }
  g_assert_cmpuint (index, ==, nodes->len);
}

static void
test_certificate_openssl (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  const char * const *variants[] = { NULL, ecdhe_ecdsa_tls10_edits };

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autoptr(HlTrace) trace = run_rsa_basic (variants[v]);
      g_autoptr(GPtrArray) messages = handshake_messages (trace);
      Message *m = find_message (messages, 11);
      g_autoptr(HlField) root = decode_message (m);
      const guint8 *p = g_bytes_get_data (m->bytes, NULL);
      HlField *list = field_at (root, "Certificates");

      for (guint i = 0; i < hl_field_get_n_children (list); i++)
        {
          HlField *entry = hl_field_get_child (list, i);
          HlField *der = hl_field_get_child (entry, 1);
          g_autoptr(HlField) tree = hl_decode_der (p + hl_field_get_offset (der), hl_field_get_length (der), 0);

          compare_with_openssl (p + hl_field_get_offset (der), hl_field_get_length (der), tree, 0);
        }
    }
}

void
hl_test_decode_add_real_tests (void)
{
  g_test_add_func ("/decode/real/client-hello", test_client_hello);
  g_test_add_func ("/decode/real/server-hello", test_server_hello);
  g_test_add_func ("/decode/real/certificate", test_certificate);
  g_test_add_func ("/decode/real/certificate-openssl", test_certificate_openssl);
}
