/* test-decode.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <bearssl.h>

#include "hl-decode.h"
#include "hl-engine.h"
#include "hl-export.h"
#include "hl-names.h"
#include "hl-test-util.h"

/* ------------------------------------------------------------------ */
/* Real messages, from real runs                                       */

typedef struct
{
  GBytes          *bytes;
  guint            type;
  HlDecodeContext  ctx;
} Message;

static void
message_free (gpointer data)
{
  Message *m = data;

  g_bytes_unref (m->bytes);
  g_free (m);
}

/* rsa-basic, with each (from, to) pair of @edits replaced once. */
static HlTrace *
run_rsa_basic (const char * const *edits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/scenarios/rsa-basic.scenario", 0, &error);
  g_autoptr(GString) text = NULL;
  g_autoptr(HlScenario) scenario = NULL;
  HlTrace *trace;

  g_assert_no_error (error);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  for (guint i = 0; edits != NULL && edits[i] != NULL; i += 2)
    {
      g_assert_nonnull (strstr (text->str, edits[i]));
      g_string_replace (text, edits[i], edits[i + 1], 0);
    }

  scenario = hl_scenario_new_from_data (text->str, text->len, "test.scenario", &error);
  g_assert_no_error (error);
  trace = hl_engine_run (scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hl_trace_get_outcome (trace), ==, HL_OUTCOME_SUCCESS);

  return trace;
}

static const char * const ecdhe_rsa_edits[] = {
  "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
  NULL
};

/* TLS 1.0 has no signature algorithm in ServerKeyExchange; ECDSA signs. */
static const char * const ecdhe_ecdsa_tls10_edits[] = {
  "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
  "versions=TLS 1.2", "versions=TLS 1.0",
  "key=server-rsa2048", "key=server-ec-p256",
  NULL
};

/* The clear-text handshake messages of a run, each with the context a
 * decoder has at that point: nothing before the ServerHello, the
 * negotiated version and suite after it. */
static GPtrArray *
handshake_messages (HlTrace *trace)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (message_free);
  gboolean negotiated = FALSE;

  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);
      Message *m;

      if (hl_step_get_kind (step) != HL_STEP_HANDSHAKE || hl_step_get_encrypted (step))
        continue;

      m = g_new0 (Message, 1);
      /* The message alone, without the record header that may open it. */
      m->bytes = g_bytes_new_from_bytes (hl_step_get_bytes (step), hl_step_get_header_length (step),
                                         g_bytes_get_size (hl_step_get_bytes (step)) -
                                         hl_step_get_header_length (step));
      m->type = ((const guint8 *)g_bytes_get_data (m->bytes, NULL))[0];
      if (negotiated)
        {
          m->ctx.version = hl_trace_get_version (trace);
          m->ctx.cipher_suite = hl_trace_get_cipher_suite (trace);
        }
      if (m->type == 2)
        negotiated = TRUE;
      g_ptr_array_add (messages, m);
    }

  return messages;
}

static Message *
find_message (GPtrArray *messages,
              guint      type)
{
  for (guint i = 0; i < messages->len; i++)
    {
      Message *m = g_ptr_array_index (messages, i);

      if (m->type == type)
        return m;
    }

  g_assert_not_reached ();
  return NULL;
}

static HlField *
decode_message (Message *m)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (m->bytes, &len);

  return hl_decode_handshake (p, len, &m->ctx);
}

/* ------------------------------------------------------------------ */
/* Checks on trees                                                     */

/* Every child lies inside its parent; every field has a name; names and
 * values are valid UTF-8. */
static void
assert_nested (HlField *field)
{
  gsize offset = hl_field_get_offset (field);
  gsize length = hl_field_get_length (field);
  guint n = hl_field_get_n_children (field);

  /* names and values end up in labels */
  g_assert_true (hl_field_get_name (field)[0] != 0);
  g_assert_true (g_utf8_validate (hl_field_get_name (field), -1, NULL));
  g_assert_true (g_utf8_validate (hl_field_get_value (field), -1, NULL));

  for (guint i = 0; i < n; i++)
    {
      HlField *child = hl_field_get_child (field, i);
      gsize child_offset = hl_field_get_offset (child);

      if (child_offset != HL_FIELD_NO_OFFSET)
        {
          g_assert_cmpuint (offset, !=, HL_FIELD_NO_OFFSET);
          g_assert_cmpuint (child_offset, >=, offset);
          g_assert_cmpuint (child_offset + hl_field_get_length (child), <=, offset + length);
        }
      assert_nested (child);
    }
}

static void
collect_leaves (HlField *field,
                GArray  *leaves)
{
  guint n = hl_field_get_n_children (field);

  if (n == 0 && hl_field_get_offset (field) != HL_FIELD_NO_OFFSET)
    g_array_append_val (leaves, field);

  for (guint i = 0; i < n; i++)
    collect_leaves (hl_field_get_child (field, i), leaves);
}

/* The leaves, in order, cover [start, start + len) byte after byte. */
static void
assert_leaves_cover (HlField *root,
                     gsize    start,
                     gsize    len)
{
  g_autoptr(GArray) leaves = g_array_new (FALSE, FALSE, sizeof (HlField *));
  gsize pos = start;

  collect_leaves (root, leaves);
  for (guint i = 0; i < leaves->len; i++)
    {
      HlField *leaf = g_array_index (leaves, HlField *, i);

      if (hl_field_get_offset (leaf) != pos)
        g_error ("leaf “%s” (%s) starts at %" G_GSIZE_FORMAT ", expected %" G_GSIZE_FORMAT,
                 hl_field_get_name (leaf), hl_field_get_value (leaf), hl_field_get_offset (leaf), pos);
      pos += hl_field_get_length (leaf);
    }
  g_assert_cmpuint (pos, ==, start + len);
}

static guint
count_errors (HlField *field)
{
  guint count = (hl_field_get_flags (field) & HL_FIELD_FLAG_ERROR) ? 1 : 0;

  for (guint i = 0; i < hl_field_get_n_children (field); i++)
    count += count_errors (hl_field_get_child (field, i));

  return count;
}

static HlField *
first_error (HlField *field)
{
  if (hl_field_get_flags (field) & HL_FIELD_FLAG_ERROR)
    return field;

  for (guint i = 0; i < hl_field_get_n_children (field); i++)
    {
      HlField *error = first_error (hl_field_get_child (field, i));

      if (error != NULL)
        return error;
    }

  return NULL;
}

static guint
tree_depth (HlField *field)
{
  guint depth = 0;

  for (guint i = 0; i < hl_field_get_n_children (field); i++)
    {
      guint child = tree_depth (hl_field_get_child (field, i));

      depth = MAX (depth, child);
    }

  return depth + 1;
}

/* A well-formed input: nested spans, leaves covering it all, no error. */
static void
assert_clean (HlField *root,
              gsize    start,
              gsize    len)
{
  HlField *error = first_error (root);

  if (error != NULL)
    g_error ("unexpected error in %s: %s", hl_field_get_name (root), hl_field_get_value (error));
  g_assert_cmpuint (hl_field_get_offset (root), ==, start);
  g_assert_cmpuint (hl_field_get_length (root), ==, len);
  assert_nested (root);
  assert_leaves_cover (root, start, len);
}

/* "Extensions/server_name/Server name": direct children by name */
static HlField *
field_at (HlField    *root,
          const char *path)
{
  return hl_test_field_named (root, path);
}

static const char *
value_at (HlField    *root,
          const char *path)
{
  return hl_field_get_value (field_at (root, path));
}

static void
assert_span (HlField *field,
             gsize    offset,
             gsize    length)
{
  g_assert_cmpuint (hl_field_get_offset (field), ==, offset);
  g_assert_cmpuint (hl_field_get_length (field), ==, length);
}

/* The top-level children follow each other and add up to the message. */
static void
assert_top_level_covers (HlField *root,
                         gsize    len)
{
  gsize pos = 0;

  for (guint i = 0; i < hl_field_get_n_children (root); i++)
    {
      HlField *child = hl_field_get_child (root, i);

      if (hl_field_get_offset (child) == HL_FIELD_NO_OFFSET)
        continue;
      g_assert_cmpuint (hl_field_get_offset (child), ==, pos);
      pos += hl_field_get_length (child);
    }
  g_assert_cmpuint (pos, ==, len);
}

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

/* "renegotiation_info (65281)" → "65281", "… (0x009C)" → "0x009c" */
static char *
number_in_parens (const char *value)
{
  const char *open = strrchr (value, '(');
  const char *close = open ? strchr (open, ')') : NULL;

  g_assert_nonnull (close);
  return g_ascii_strdown (open + 1, close - open - 1);
}

/* The values of the children named @name, by their numbers, joined with
 * commas: what tshark prints for a repeated field. */
static char *
numbers_of (HlField    *parent,
            const char *name)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < hl_field_get_n_children (parent); i++)
    {
      HlField *child = hl_field_get_child (parent, i);
      g_autofree char *number = NULL;

      if (name != NULL && g_strcmp0 (hl_field_get_name (child), name) != 0)
        continue;
      number = number_in_parens (hl_field_get_value (name ? child : hl_test_child (child, "ext.type")));
      if (joined->len > 0)
        g_string_append_c (joined, ',');
      g_string_append (joined, number);
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static void
assert_number (const char *expected,
               const char *value)
{
  g_autofree char *number = number_in_parens (value);

  g_assert_cmpstr (expected, ==, number);
}

static void
assert_numbers (const char *expected,
                HlField    *parent,
                const char *name)
{
  g_autofree char *numbers = numbers_of (parent, name);

  g_assert_cmpstr (expected, ==, numbers);
}

/* Wireshark's TLS dissector, an independent reader, on a capture of the
 * run (hl-export): the hellos must say the same there and here. */
static char **
tshark_fields (const char  *capture,
               const char  *config_dir,
               const char  *filter,
               const char **fields)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "WIRESHARK_CONFIG_DIR", config_dir, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  g_ptr_array_add (argv, g_strdup ("tshark"));
  g_ptr_array_add (argv, g_strdup ("-n"));
  g_ptr_array_add (argv, g_strdup ("-r"));
  g_ptr_array_add (argv, g_strdup (capture));
  g_ptr_array_add (argv, g_strdup ("-Y"));
  g_ptr_array_add (argv, g_strdup (filter));
  g_ptr_array_add (argv, g_strdup ("-T"));
  g_ptr_array_add (argv, g_strdup ("fields"));
  g_ptr_array_add (argv, g_strdup ("-E"));
  g_ptr_array_add (argv, g_strdup ("separator=|"));
  g_ptr_array_add (argv, g_strdup ("-E"));
  g_ptr_array_add (argv, g_strdup ("aggregator=,"));
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_ptr_array_add (argv, g_strdup ("-e"));
      g_ptr_array_add (argv, g_strdup (fields[i]));
    }
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("tshark failed: %s", err);

  lines = g_strsplit (out, "\n", -1);
  g_assert_nonnull (lines[0]);
  g_assert_cmpstr (lines[1], ==, "");  /* exactly one frame */

  return g_strsplit (lines[0], "|", -1);
}

static void
test_hellos_tshark (void)
{
  g_autofree char *tshark = g_find_program_in_path ("tshark");
  const char * const *variants[] = { NULL, ecdhe_rsa_edits };

  if (tshark == NULL)
    {
      g_test_skip ("tshark is not installed");
      return;
    }

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autoptr(HlTrace) trace = run_rsa_basic (variants[v]);
      g_autoptr(GPtrArray) messages = handshake_messages (trace);
      g_autoptr(HlField) client = decode_message (find_message (messages, 1));
      g_autoptr(HlField) server = decode_message (find_message (messages, 2));
      g_autoptr(GBytes) pcapng = hl_export_pcapng (trace);
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("hl-test-decode-XXXXXX", &error);
      g_autofree char *capture = g_build_filename (dir, "run.pcapng", NULL);
      const char *client_fields[] = {
        "tls.handshake.version", "tls.handshake.random", "tls.handshake.session_id_length",
        "tls.handshake.ciphersuite", "tls.handshake.comp_method", "tls.handshake.extension.type",
        "tls.handshake.extensions_server_name", "tls.handshake.extensions_supported_group",
        "tls.handshake.sig_hash_alg", "tls.handshake.extensions_ec_point_format", NULL
      };
      const char *server_fields[] = {
        "tls.handshake.version", "tls.handshake.random", "tls.handshake.session_id",
        "tls.handshake.ciphersuite", "tls.handshake.comp_method", "tls.handshake.extension.type", NULL
      };
      g_auto(GStrv) c = NULL;
      g_auto(GStrv) s = NULL;
      HlField *extensions;

      g_assert_no_error (error);
      g_file_set_contents (capture, g_bytes_get_data (pcapng, NULL), g_bytes_get_size (pcapng), &error);
      g_assert_no_error (error);
      c = tshark_fields (capture, dir, "tls.handshake.type == 1", client_fields);
      s = tshark_fields (capture, dir, "tls.handshake.type == 2", server_fields);
      g_unlink (capture);
      g_rmdir (dir);

      g_assert_cmpuint (g_strv_length (c), ==, 10);
      extensions = field_at (client, "Extensions");
      assert_number (c[0], value_at (client, "Client version"));
      g_assert_true (g_str_has_prefix (value_at (client, "Random"), c[1]));
      g_assert_cmpstr (c[2], ==, value_at (client, "Session ID length"));
      assert_numbers (c[3], field_at (client, "Cipher suites"), "Cipher suite");
      assert_numbers (c[4], field_at (client, "Compression methods"), "Compression method");
      assert_numbers (c[5], extensions, NULL);
      g_assert_cmpstr (c[6], ==, value_at (extensions, "server_name/Server name/Host name"));
      assert_numbers (c[7], field_at (extensions, "supported_groups"), "Named group");
      assert_numbers (c[8], field_at (extensions, "signature_algorithms/Signature algorithms"),
                      "Signature algorithm");
      assert_numbers (c[9], field_at (extensions, "ec_point_formats"), "EC point format");

      g_assert_cmpuint (g_strv_length (s), ==, 6);
      assert_number (s[0], value_at (server, "Server version"));
      g_assert_true (g_str_has_prefix (value_at (server, "Random"), s[1]));
      g_assert_cmpstr (s[2], ==, value_at (server, "Session ID"));
      assert_number (s[3], value_at (server, "Cipher suite"));
      assert_number (s[4], value_at (server, "Compression method"));
      assert_numbers (s[5], field_at (server, "Extensions"), NULL);
    }
}

static void
test_key_exchange_rsa (void)
{
  g_autoptr(HlTrace) trace = run_rsa_basic (NULL);
  g_autoptr(GPtrArray) messages = handshake_messages (trace);
  Message *m = find_message (messages, 16);
  g_autoptr(HlField) root = decode_message (m);
  gsize len = g_bytes_get_size (m->bytes);
  HlDecodeContext unknown = { 0, 0 };
  g_autoptr(HlField) guessed = NULL;

  g_assert_cmpuint (m->ctx.cipher_suite, ==, 0x009C);
  assert_clean (root, 0, len);
  assert_top_level_covers (root, len);
  /* RSA-2048: the encrypted pre-master secret is as long as the modulus */
  g_assert_cmpstr (value_at (root, "Encrypted pre-master secret length"), ==, "256");
  assert_span (field_at (root, "Encrypted pre-master secret"), 6, 256);
  g_assert_null (hl_field_get_child_by_id (root, "cke.public_key"));

  /* Without the suite, the lengths still tell, and a note says so. */
  guessed = hl_decode_handshake (g_bytes_get_data (m->bytes, NULL), len, &unknown);
  assert_clean (guessed, 0, len);
  g_assert_nonnull (hl_field_get_child_by_id (guessed, "decode.note"));
  g_assert_cmpstr (value_at (guessed, "Encrypted pre-master secret"), ==,
                   value_at (root, "Encrypted pre-master secret"));
}

static void
test_key_exchange_ecdhe (void)
{
  g_autoptr(HlTrace) trace = run_rsa_basic (ecdhe_rsa_edits);
  g_autoptr(GPtrArray) messages = handshake_messages (trace);
  Message *ske = find_message (messages, 12);
  Message *cke = find_message (messages, 16);
  g_autoptr(HlField) server = decode_message (ske);
  g_autoptr(HlField) client = decode_message (cke);
  gsize len = g_bytes_get_size (ske->bytes);

  assert_clean (server, 0, len);
  assert_top_level_covers (server, len);
  g_assert_cmpstr (value_at (server, "Curve type"), ==, "named_curve (3)");
  /* BearSSL prefers x25519 when the client offers it */
  g_assert_cmpstr (value_at (server, "Named curve"), ==, "x25519 (0x001D)");
  g_assert_cmpstr (value_at (server, "Public key length"), ==, "32");
  /* TLS 1.2: the server's RSA key signs with PKCS#1 v1.5 and SHA-256 */
  g_assert_cmpstr (value_at (server, "Signature algorithm"), ==, "rsa_pkcs1_sha256 (0x0401)");
  g_assert_cmpstr (value_at (server, "Signature length"), ==, "256");
  assert_span (field_at (server, "Signature"), len - 256, 256);

  assert_clean (client, 0, g_bytes_get_size (cke->bytes));
  g_assert_cmpstr (value_at (client, "Public key length"), ==, "32");
  assert_span (field_at (client, "Public key"), 5, 32);
  g_assert_null (hl_field_get_child_by_id (client, "cke.encrypted_pre_master_secret"));
}

static void
test_key_exchange_ecdsa_tls10 (void)
{
  g_autoptr(HlTrace) trace = run_rsa_basic (ecdhe_ecdsa_tls10_edits);
  g_autoptr(GPtrArray) messages = handshake_messages (trace);
  Message *ske = find_message (messages, 12);
  g_autoptr(HlField) server = decode_message (ske);
  gsize len = g_bytes_get_size (ske->bytes);
  HlField *signature;
  HlField *sequence;

  g_assert_cmpuint (ske->ctx.version, ==, 0x0301);
  assert_clean (server, 0, len);
  /* TLS 1.0: no SignatureAndHashAlgorithm before the signature */
  g_assert_null (hl_field_get_child_by_id (server, "signature_algorithm"));
  g_assert_cmpuint (atoi (value_at (server, "Signature length")), ==, len - 4 - 1 - 2 - 1 - 32 - 2);

  /* An ECDSA signature is DER: SEQUENCE { r INTEGER, s INTEGER } */
  signature = field_at (server, "Signature");
  sequence = hl_field_get_child (signature, 0);
  g_assert_cmpstr (hl_field_get_name (sequence), ==, "SEQUENCE");
  g_assert_cmpuint (hl_field_get_n_children (sequence), ==, 4);
  g_assert_cmpstr (hl_field_get_name (hl_field_get_child (sequence, 2)), ==, "INTEGER");
  g_assert_cmpstr (hl_field_get_name (hl_field_get_child (sequence, 3)), ==, "INTEGER");
  g_assert_cmpuint (hl_field_get_offset (sequence), ==, hl_field_get_offset (signature));
  g_assert_cmpuint (hl_field_get_length (sequence), ==, hl_field_get_length (signature));
}

/* Every clear-text handshake message of three different runs decodes
 * cleanly. */
static void
test_all_messages (void)
{
  const char * const *variants[] = { NULL, ecdhe_rsa_edits, ecdhe_ecdsa_tls10_edits };
  guint expected[] = { 5, 6, 6 };

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autoptr(HlTrace) trace = run_rsa_basic (variants[v]);
      g_autoptr(GPtrArray) messages = handshake_messages (trace);

      g_assert_cmpuint (messages->len, ==, expected[v]);
      for (guint i = 0; i < messages->len; i++)
        {
          Message *m = g_ptr_array_index (messages, i);
          g_autoptr(HlField) root = decode_message (m);
          gsize len = g_bytes_get_size (m->bytes);

          assert_clean (root, 0, len);
          assert_top_level_covers (root, len);
          g_assert_null (hl_field_get_child_by_id (root, "decode.note"));
          g_assert_cmpstr (hl_field_get_name (root), ==, hl_handshake_type_name (m->type));
        }

      for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
        {
          HlStep *step = hl_trace_get_step (trace, i);
          g_autoptr(HlField) ccs = NULL;
          gsize len;
          const guint8 *p;

          if (hl_step_get_kind (step) != HL_STEP_CHANGE_CIPHER_SPEC)
            continue;
          p = g_bytes_get_data (hl_step_get_bytes (step), &len);
          g_assert_cmpuint (hl_step_get_header_length (step), ==, 5);
          ccs = hl_decode_change_cipher_spec (p + 5, len - 5);
          assert_clean (ccs, 0, len - 5);
          g_assert_cmpstr (value_at (ccs, "Type"), ==, "change_cipher_spec (1)");
        }
    }
}

/* Every message of every lesson, as the trace holds it: the fields tile
 * the step's bytes, record header included, so that the hex view lights
 * up the right bytes; the header fields read the record's own header; and
 * the steps of one record, header and messages in order, give back the
 * record's bytes, as sent. */
static void
test_steps_with_record_headers (void)
{
  g_auto(GStrv) ids = hl_scenario_list_builtin ();
  guint shared = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (ids[i], &error);
      g_autoptr(HlTrace) trace = NULL;
      g_autoptr(GPtrArray) rebuilt = g_ptr_array_new_with_free_func ((GDestroyNotify)g_byte_array_unref);

      g_assert_no_error (error);
      trace = hl_engine_run (scenario, &error);
      g_assert_no_error (error);
      for (guint r = 0; r < hl_trace_get_n_records (trace); r++)
        g_ptr_array_add (rebuilt, g_byte_array_new ());

      for (guint n = 0; n < hl_trace_get_n_steps (trace); n++)
        {
          HlStep *step = hl_trace_get_step (trace, n);
          HlField *fields = hl_step_get_fields (step);
          HlField *header;
          int index = hl_step_get_record (step);
          const HlRecord *record;
          const guint8 *p, *wire;
          gsize len;
          GByteArray *so_far;

          if (!hl_step_is_message (step))
            continue;

          g_test_message ("%s step %u: %s", ids[i], n + 1, hl_step_get_title (step));
          g_assert_cmpint (index, >=, 0);
          record = hl_trace_get_record (trace, index);
          wire = g_bytes_get_data (record->bytes, NULL);
          p = g_bytes_get_data (hl_step_get_bytes (step), &len);
          so_far = g_ptr_array_index (rebuilt, index);

          /* The first step of a record opens it with its header. */
          g_assert_cmpuint (hl_step_get_header_length (step), ==, so_far->len == 0 ? 5 : 0);
          g_byte_array_append (so_far, p, len);

          g_assert_nonnull (fields);
          assert_nested (fields);
          assert_leaves_cover (fields, 0, len);
          g_assert_cmpuint (hl_field_get_offset (fields), ==, 0);
          g_assert_cmpuint (hl_field_get_length (fields), ==, len);

          /* Version-mismatch's alert names version 0x0000: an unknown
           * version, and no decoding error. */
          if (hl_step_get_header_length (step) == 5)
            {
              header = field_at (fields, "Record header");
              assert_span (header, 0, 5);
              assert_span (field_at (header, "Content type"), 0, 1);
              assert_span (field_at (header, "Version"), 1, 2);
              assert_span (field_at (header, "Length"), 3, 2);
              {
                g_autofree char *type = number_in_parens (value_at (header, "Content type"));

                g_assert_cmpuint (strtoul (type, NULL, 10), ==, wire[0]);
              }
              g_assert_cmpuint (strtoul (strstr (value_at (header, "Version"), "(0x") + 3, NULL, 16), ==,
                                (guint)wire[1] << 8 | wire[2]);
              g_assert_cmpuint (strtoul (value_at (header, "Length"), NULL, 10), ==, (guint)wire[3] << 8 | wire[4]);
              g_assert_null (first_error (header));
            }
          else
            {
              /* A message behind another one in the same record. */
              header = field_at (fields, "Record header");
              g_assert_cmpuint (hl_field_get_offset (header), ==, HL_FIELD_NO_OFFSET);
              g_assert_nonnull (strstr (hl_field_get_value (header), "shared"));
              shared++;
            }
        }

      for (guint r = 0; r < hl_trace_get_n_records (trace); r++)
        {
          const HlRecord *record = hl_trace_get_record (trace, r);
          GByteArray *so_far = g_ptr_array_index (rebuilt, r);

          g_assert_cmpmem (so_far->data, so_far->len, g_bytes_get_data (record->bytes, NULL),
                           g_bytes_get_size (record->bytes));
        }
    }

  /* ServerHello, Certificate and ServerHelloDone share a record in most
   * lessons. */
  g_assert_cmpuint (shared, >, 0);
}

/* ------------------------------------------------------------------ */
/* Hand-built messages, from the RFC layouts                           */

/* RFC 5246 §7.4.1.2 with RFC 6066 and RFC 7301 extensions */
static const guint8 hand_client_hello[] = {
  0x01, 0x00, 0x00, 0x5d,                         /* ClientHello, 93 bytes */
  0x03, 0x01,                                     /* TLS 1.0 */
  0x5f, 0x5e, 0x10, 0x00,                         /* gmt_unix_time 1600000000 */
  0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
  0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
  0x00,                                           /* no session ID */
  0x00, 0x06, 0xc0, 0x2f, 0x00, 0xff, 0x12, 0x34, /* 3 suites */
  0x01, 0x00,                                     /* compression: null */
  0x00, 0x2e,                                     /* 46 bytes of extensions */
  0x00, 0x00, 0x00, 0x08, 0x00, 0x06, 0x00, 0x00, 0x03, 'a', '.', 'b',
  0x00, 0x10, 0x00, 0x0e, 0x00, 0x0c, 0x02, 'h', '2', 0x08, 'h', 't', 't', 'p', '/', '1', '.', '1',
  0x00, 0x01, 0x00, 0x01, 0x02,                   /* max_fragment_length 2^10 */
  0x42, 0x42, 0x00, 0x03, 0xaa, 0xbb, 0xcc,       /* unknown extension 16962 */
  0x00, 0x17, 0x00, 0x00,                         /* extended_master_secret */
};

static void
test_hand_client_hello (void)
{
  g_autoptr(HlField) root = hl_decode_handshake (hand_client_hello, sizeof hand_client_hello, NULL);
  HlField *suites;
  HlField *extensions;
  HlField *unknown;

  assert_clean (root, 0, sizeof hand_client_hello);
  assert_top_level_covers (root, sizeof hand_client_hello);
  g_assert_cmpstr (value_at (root, "Client version"), ==, "TLS 1.0 (0x0301)");
  g_assert_cmpstr (value_at (root, "Random/gmt_unix_time"), ==, "1600000000 (2020-09-13 12:26:40 UTC)");
  {
    g_autofree char *ones = g_strnfill (56, '1');
    g_autofree char *random = g_strconcat ("5f5e1000", ones, NULL);

    g_assert_cmpstr (value_at (root, "Random"), ==, random);
    g_assert_cmpstr (value_at (root, "Random/random_bytes"), ==, ones);
  }

  assert_span (field_at (root, "Cipher suites length"), 39, 2);
  suites = field_at (root, "Cipher suites");
  assert_span (suites, 41, 6);
  g_assert_cmpuint (hl_field_get_n_children (suites), ==, 3);
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (suites, 0)), ==,
                   "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (0xC02F)");
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (suites, 1)), ==,
                   "TLS_EMPTY_RENEGOTIATION_INFO_SCSV (0x00FF)");
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (suites, 2)), ==, "unknown (0x1234)");
  assert_span (hl_field_get_child (suites, 2), 45, 2);

  extensions = field_at (root, "Extensions");
  assert_span (extensions, 51, 46);
  g_assert_cmpuint (hl_field_get_n_children (extensions), ==, 5);
  assert_span (field_at (extensions, "server_name"), 51, 12);
  assert_span (field_at (extensions, "server_name/Server name/Host name"), 60, 3);
  g_assert_cmpstr (value_at (extensions, "server_name"), ==, "a.b");

  g_assert_cmpstr (value_at (extensions, "application_layer_protocol_negotiation"), ==, "h2, http/1.1");
  assert_span (hl_field_get_child (field_at (extensions, "application_layer_protocol_negotiation"), 3), 69, 3);
  assert_span (hl_field_get_child (field_at (extensions, "application_layer_protocol_negotiation"), 4), 72, 9);

  g_assert_cmpstr (value_at (extensions, "max_fragment_length/Maximum fragment length"), ==, "2^10 = 1024 (2)");
  assert_span (field_at (extensions, "max_fragment_length"), 81, 5);

  unknown = field_at (extensions, "unknown extension 16962");
  assert_span (unknown, 86, 7);
  g_assert_cmpstr (value_at (unknown, "Type"), ==, "unknown (16962)");
  g_assert_cmpstr (value_at (unknown, "Extension data"), ==, "aabbcc");
  assert_span (field_at (unknown, "Extension data"), 90, 3);

  g_assert_cmpstr (value_at (extensions, "extended_master_secret"), ==, "empty: the extension itself is the signal");
  assert_span (field_at (extensions, "extended_master_secret"), 93, 4);
}

/* The example of the brief: a list that claims more than there is */
static void
test_hand_truncated_list (void)
{
  guint8 message[53] = { 0x01, 0x00, 0x00, 49, 0x03, 0x03 };
  g_autoptr(HlField) root = NULL;
  HlField *error;

  message[38] = 0;       /* session ID length */
  message[39] = 0;
  message[40] = 40;      /* 40 bytes of suites… */
  memset (message + 41, 0xc0, 12); /* …and 12 there */

  root = hl_decode_handshake (message, sizeof message, NULL);
  assert_nested (root);
  g_assert_cmpuint (count_errors (root), ==, 1);
  error = first_error (root);
  g_assert_cmpstr (hl_field_get_value (error), ==,
                   "truncated: the cipher suites list says 40 bytes, 12 left at offset 41");
  assert_span (error, 41, 12);
  /* what could be read is there */
  g_assert_cmpuint (hl_field_get_n_children (field_at (root, "Cipher suites")), ==, 6);
}

/* RFC 8422 §5.4: ServerECDHParams and a signature */
static const guint8 hand_server_key_exchange[] = {
  0x0c, 0x00, 0x00, 0x4d,           /* ServerKeyExchange, 77 bytes */
  0x03,                             /* named_curve */
  0x00, 0x17,                       /* secp256r1 */
  0x41,                             /* 65-byte point */
  0x04,
  0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1,
  0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1,
  0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2,
  0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2, 0xb2,
  0x04, 0x03,                       /* sha256 + ecdsa */
  0x00, 0x04, 0x01, 0x02, 0x03, 0x04,
};

static void
test_hand_server_key_exchange (void)
{
  HlDecodeContext tls12 = { 0x0303, 0xC02B };
  HlDecodeContext unknown = { 0, 0 };
  g_autoptr(HlField) root = hl_decode_handshake (hand_server_key_exchange, sizeof hand_server_key_exchange, &tls12);
  g_autoptr(HlField) guessed = NULL;
  HlField *point;

  assert_clean (root, 0, sizeof hand_server_key_exchange);
  assert_top_level_covers (root, sizeof hand_server_key_exchange);
  g_assert_cmpstr (value_at (root, "Named curve"), ==, "secp256r1 (0x0017)");
  assert_span (field_at (root, "Named curve"), 5, 2);
  point = field_at (root, "Public key");
  assert_span (point, 8, 65);
  assert_span (field_at (point, "x"), 9, 32);
  assert_span (field_at (point, "y"), 41, 32);
  g_assert_true (g_str_has_prefix (value_at (point, "x"), "a1a1a1"));
  g_assert_true (g_str_has_prefix (value_at (point, "y"), "b2b2b2"));
  g_assert_cmpstr (value_at (root, "Signature algorithm"), ==, "ecdsa_secp256r1_sha256 (0x0403)");
  assert_span (field_at (root, "Signature algorithm"), 73, 2);
  g_assert_cmpstr (value_at (root, "Signature"), ==, "01020304");
  assert_span (field_at (root, "Signature"), 77, 4);
  g_assert_cmpstr (hl_field_get_value (root), ==, "secp256r1 public key, signed with ecdsa_secp256r1_sha256");

  /* Unknown context: read as ECDHE and TLS 1.2 from the bytes, with notes */
  guessed = hl_decode_handshake (hand_server_key_exchange, sizeof hand_server_key_exchange, &unknown);
  assert_clean (guessed, 0, sizeof hand_server_key_exchange);
  g_assert_cmpstr (value_at (guessed, "Signature algorithm"), ==, "ecdsa_secp256r1_sha256 (0x0403)");

  /* Read as TLS 1.1, the same bytes do not fit: sig alg read as a length */
  {
    HlDecodeContext tls11 = { 0x0302, 0xC02B };
    g_autoptr(HlField) wrong = hl_decode_handshake (hand_server_key_exchange, sizeof hand_server_key_exchange,
                                                    &tls11);

    assert_nested (wrong);
    g_assert_cmpuint (count_errors (wrong), >, 0);
    g_assert_cmpstr (value_at (wrong, "Signature length"), ==, "1027");
  }

  /* An RSA suite has no ServerKeyExchange Handshake Lab reads: raw bytes */
  {
    HlDecodeContext rsa = { 0x0303, 0x009C };
    g_autoptr(HlField) raw = hl_decode_handshake (hand_server_key_exchange, sizeof hand_server_key_exchange, &rsa);

    assert_clean (raw, 0, sizeof hand_server_key_exchange);
    assert_span (field_at (raw, "Key exchange parameters"), 4, 77);
  }
}

/* RFC 5246 §7.4.4 (TLS 1.2) with one CA name, CN=Test CA */
static const guint8 hand_certificate_request[] = {
  0x0d, 0x00, 0x00, 0x21,                       /* CertificateRequest, 33 bytes */
  0x02, 0x01, 0x40,                             /* rsa_sign, ecdsa_sign */
  0x00, 0x04, 0x04, 0x01, 0x04, 0x03,           /* two signature algorithms */
  0x00, 0x16,                                   /* 22 bytes of names */
  0x00, 0x14,                                   /* one name of 20 bytes */
  0x30, 0x12, 0x31, 0x10, 0x30, 0x0e,
  0x06, 0x03, 0x55, 0x04, 0x03,                 /* commonName */
  0x13, 0x07, 'T', 'e', 's', 't', ' ', 'C', 'A',
};

static void
test_hand_certificate_request (void)
{
  HlDecodeContext tls12 = { 0x0303, 0x009C };
  g_autoptr(HlField) root = hl_decode_handshake (hand_certificate_request, sizeof hand_certificate_request, &tls12);
  HlField *authority;

  assert_clean (root, 0, sizeof hand_certificate_request);
  assert_top_level_covers (root, sizeof hand_certificate_request);
  g_assert_cmpstr (value_at (root, "Certificate types"), ==, "rsa_sign, ecdsa_sign");
  g_assert_cmpuint (hl_field_get_n_children (field_at (root, "Signature algorithms")), ==, 2);
  authority = field_at (root, "Certificate authorities/Certificate authority");
  assert_span (authority, 15, 22);
  g_assert_cmpstr (hl_field_get_value (authority), ==, "CN=Test CA");
  assert_span (hl_field_get_child (authority, 1), 17, 20);
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (authority, 1)), ==, "CN=Test CA");
  g_assert_cmpstr (hl_field_get_value (root), ==, "rsa_sign, ecdsa_sign; 1 certificate authority");

  /* The same message without the algorithms is a TLS 1.0 one */
  {
    guint8 old[sizeof hand_certificate_request - 6];
    HlDecodeContext tls10 = { 0x0301, 0x002F };
    HlDecodeContext unknown = { 0, 0 };
    g_autoptr(HlField) decoded = NULL;
    g_autoptr(HlField) guessed = NULL;

    memcpy (old, hand_certificate_request, 7);
    memcpy (old + 7, hand_certificate_request + 13, sizeof old - 7);
    old[3] = sizeof old - 4;
    decoded = hl_decode_handshake (old, sizeof old, &tls10);
    assert_clean (decoded, 0, sizeof old);
    g_assert_null (hl_field_get_child_by_id (decoded, "signature_algorithms"));
    assert_span (field_at (decoded, "Certificate authorities"), 9, 22);

    guessed = hl_decode_handshake (old, sizeof old, &unknown);
    assert_clean (guessed, 0, sizeof old);
    g_assert_null (hl_field_get_child_by_id (guessed, "signature_algorithms"));
    g_assert_nonnull (hl_field_get_child_by_id (guessed, "decode.note"));
  }
}

static void
test_hand_small_messages (void)
{
  HlDecodeContext tls12 = { 0x0303, 0xC02F };
  static const guint8 verify[] = { 0x0f, 0x00, 0x00, 0x08, 0x04, 0x01, 0x00, 0x04, 0xde, 0xad, 0xbe, 0xef };
  static const guint8 finished[] = { 0x14, 0x00, 0x00, 0x0c, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
  static const guint8 hello_request[] = { 0x00, 0x00, 0x00, 0x00 };
  static const guint8 unknown_type[] = { 0x63, 0x00, 0x00, 0x02, 0xab, 0xcd };
  static const guint8 ec_key_exchange[] = { 0x10, 0x00, 0x00, 0x04, 0x03, 0x04, 0x05, 0x06 };
  static const guint8 server_hello[] = {
    0x02, 0x00, 0x00, 0x36, 0x03, 0x03,
    0x00, 0x00, 0x00, 0x00, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22,
    0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22,
    0x00, 0xc0, 0x2f, 0x00,
    0x00, 0x0e,
    0x00, 0x00, 0x00, 0x00,                       /* server_name: acknowledged */
    0x00, 0x23, 0x00, 0x00,                       /* session_ticket */
    0xff, 0x01, 0x00, 0x02, 0x01, 0x99,           /* renegotiation_info, 1 byte (wrong on purpose) */
  };
  g_autoptr(HlField) cv = hl_decode_handshake (verify, sizeof verify, &tls12);
  g_autoptr(HlField) fin = hl_decode_handshake (finished, sizeof finished, &tls12);
  g_autoptr(HlField) hr = hl_decode_handshake (hello_request, sizeof hello_request, NULL);
  g_autoptr(HlField) unknown = hl_decode_handshake (unknown_type, sizeof unknown_type, NULL);
  g_autoptr(HlField) cke = hl_decode_handshake (ec_key_exchange, sizeof ec_key_exchange, &tls12);
  g_autoptr(HlField) sh = hl_decode_handshake (server_hello, sizeof server_hello, NULL);

  assert_clean (cv, 0, sizeof verify);
  g_assert_cmpstr (hl_field_get_name (cv), ==, "CertificateVerify");
  g_assert_cmpstr (value_at (cv, "Signature algorithm"), ==, "rsa_pkcs1_sha256 (0x0401)");
  g_assert_cmpstr (value_at (cv, "Signature algorithm/Signature"), ==, "rsa (1)");
  g_assert_cmpstr (value_at (cv, "Signature"), ==, "deadbeef");

  assert_clean (fin, 0, sizeof finished);
  g_assert_cmpstr (value_at (fin, "verify_data"), ==, "0102030405060708090a0b0c");
  assert_span (field_at (fin, "verify_data"), 4, 12);

  assert_clean (hr, 0, sizeof hello_request);
  g_assert_cmpstr (hl_field_get_name (hr), ==, "HelloRequest");

  assert_clean (unknown, 0, sizeof unknown_type);
  g_assert_cmpstr (hl_field_get_name (unknown), ==, "Unknown handshake message 99");
  g_assert_cmpstr (value_at (unknown, "Handshake type"), ==, "unknown (99)");
  g_assert_cmpstr (value_at (unknown, "Body"), ==, "abcd");

  /* ECDHE ClientKeyExchange (RFC 8422 §5.7): 1-byte length, then the point */
  assert_clean (cke, 0, sizeof ec_key_exchange);
  g_assert_cmpstr (value_at (cke, "Public key length"), ==, "3");
  g_assert_cmpstr (value_at (cke, "Public key"), ==, "040506");

  /* The renegotiation_info of this ServerHello is a single byte in a
   * one-byte vector: well-formed, if not what a real server sends. */
  assert_clean (sh, 0, sizeof server_hello);
  g_assert_cmpstr (value_at (sh, "Extensions/server_name"), ==,
                   "empty: the server acknowledges the name the client asked for");
  g_assert_cmpstr (value_at (sh, "Extensions/session_ticket"), ==, "empty: the server will send a new ticket");
  g_assert_cmpstr (value_at (sh, "Extensions/renegotiation_info/Renegotiated connection"), ==, "99");
  g_assert_cmpstr (hl_field_get_value (sh), ==, "TLS 1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

  /* A byte after a message that ends is flagged, not ignored */
  {
    guint8 longer[sizeof finished + 1];
    g_autoptr(HlField) extra = NULL;

    memcpy (longer, finished, sizeof finished);
    longer[sizeof finished] = 0x77;
    extra = hl_decode_handshake (longer, sizeof longer, &tls12);
    assert_nested (extra);
    g_assert_cmpuint (count_errors (extra), ==, 1);
    g_assert_cmpstr (hl_field_get_value (first_error (extra)), ==,
                     "1 unexpected byte after the message at offset 16");
  }

  /* An extension that claims more than its list holds */
  {
    guint8 bad[sizeof server_hello];
    g_autoptr(HlField) decoded = NULL;

    memcpy (bad, server_hello, sizeof bad);
    bad[51] = 0x09;  /* session_ticket says 9 bytes */
    decoded = hl_decode_handshake (bad, sizeof bad, NULL);
    assert_nested (decoded);
    g_assert_cmpstr (hl_field_get_value (first_error (decoded)), ==,
                     "truncated: the session_ticket extension says 9 bytes, 6 left at offset 52");
  }
}

static void
test_record_alert_ccs (void)
{
  static const guint8 header[] = { 0x16, 0x03, 0x03, 0x00, 0x51 };
  static const guint8 record[] = { 0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28 };
  static const guint8 fatal[] = { 0x02, 0x28 };
  static const guint8 close[] = { 0x01, 0x00 };
  static const guint8 bad_ccs[] = { 0x02 };
  g_autoptr(HlField) h = hl_decode_record_header (header, sizeof header);
  g_autoptr(HlField) r = hl_decode_record_header (record, sizeof record);
  g_autoptr(HlField) short_record = hl_decode_record_header (record, sizeof record - 1);
  g_autoptr(HlField) a = hl_decode_alert (fatal, sizeof fatal);
  g_autoptr(HlField) c = hl_decode_alert (close, sizeof close);
  g_autoptr(HlField) half = hl_decode_alert (fatal, 1);
  g_autoptr(HlField) ccs = hl_decode_change_cipher_spec (bad_ccs, sizeof bad_ccs);

  assert_clean (h, 0, sizeof header);
  g_assert_cmpstr (value_at (h, "Content type"), ==, "handshake (22)");
  g_assert_cmpstr (value_at (h, "Version"), ==, "TLS 1.2 (0x0303)");
  g_assert_cmpstr (value_at (h, "Length"), ==, "81");
  assert_span (field_at (h, "Length"), 3, 2);
  g_assert_cmpstr (hl_field_get_value (h), ==, "handshake, TLS 1.2, 81 bytes");

  assert_clean (r, 0, sizeof record);
  assert_span (field_at (r, "Fragment"), 5, 2);
  g_assert_cmpuint (count_errors (short_record), ==, 1);
  g_assert_cmpstr (hl_field_get_value (first_error (short_record)), ==,
                   "truncated: the record says 2 bytes, 1 follow the header");

  assert_clean (a, 0, sizeof fatal);
  g_assert_cmpstr (value_at (a, "Level"), ==, "fatal (2)");
  g_assert_cmpstr (value_at (a, "Description"), ==, "handshake_failure (40)");
  g_assert_cmpstr (hl_field_get_value (a), ==, "fatal: handshake_failure");
  assert_clean (c, 0, sizeof close);
  g_assert_cmpstr (hl_field_get_value (c), ==, "warning: close_notify");
  g_assert_cmpuint (count_errors (half), ==, 1);
  g_assert_cmpstr (hl_field_get_value (first_error (half)), ==,
                   "truncated: the alert description needs 1 byte, 0 left at offset 1");

  g_assert_cmpuint (count_errors (ccs), ==, 1);
  g_assert_cmpstr (value_at (ccs, "Type"), ==, "unknown (2)");
}

static void
test_application_data (void)
{
  static const char request[] = "GET / HTTP/1.1\r\nHost: www.handshake-lab.test\r\nConnection: close\r\n\r\n";
  static const char response[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
  static const char plain[] = "just some words";
  /* the end of a request whose first byte went in a record of its own */
  static const char rest[] = "ET / HTTP/1.1\r\nHost: www.handshake-lab.test\r\n\r\n";
  static const guint8 binary[] = { 0x00, 0x01, 0xfe, 0xff };
  g_autoptr(HlField) req = hl_decode_application_data ((const guint8 *)request, strlen (request));
  g_autoptr(HlField) resp = hl_decode_application_data ((const guint8 *)response, strlen (response));
  g_autoptr(HlField) text = hl_decode_application_data ((const guint8 *)plain, strlen (plain));
  g_autoptr(HlField) bin = hl_decode_application_data (binary, sizeof binary);
  g_autoptr(HlField) split = hl_decode_application_data ((const guint8 *)rest, strlen (rest));
  g_autoptr(HlField) empty = hl_decode_application_data (NULL, 0);
  HlField *http;

  assert_clean (req, 0, strlen (request));
  g_assert_cmpstr (hl_field_get_value (req), ==, "67 bytes");
  http = field_at (req, "Text (HTTP)");
  g_assert_cmpstr (value_at (http, "Request line"), ==, "GET / HTTP/1.1");
  assert_span (field_at (http, "Request line"), 0, 16);
  g_assert_cmpstr (value_at (http, "Host"), ==, "www.handshake-lab.test");
  assert_span (field_at (http, "Host"), 16, 30);
  g_assert_cmpstr (value_at (http, "Connection"), ==, "close");
  assert_span (field_at (http, "Connection"), 46, 19);
  assert_span (field_at (http, "End of header"), 65, 2);

  assert_clean (resp, 0, strlen (response));
  http = field_at (resp, "Text (HTTP)");
  g_assert_cmpstr (value_at (http, "Status line"), ==, "HTTP/1.1 200 OK");
  g_assert_cmpstr (value_at (http, "Body"), ==, "hello");
  assert_span (field_at (http, "Body"), strlen (response) - 5, 5);

  assert_clean (text, 0, strlen (plain));
  g_assert_cmpstr (value_at (text, "Text"), ==, plain);

  assert_clean (split, 0, strlen (rest));
  g_assert_null (hl_field_get_child_by_id (split, "app.http"));
  g_assert_nonnull (hl_field_get_child_by_id (split, "app.text"));

  assert_clean (bin, 0, sizeof binary);
  g_assert_cmpstr (value_at (bin, "Data"), ==, "0001feff");

  assert_clean (empty, 0, 0);
  g_assert_cmpuint (hl_field_get_n_children (empty), ==, 0);
}

/* ------------------------------------------------------------------ */
/* DER                                                                 */

static HlField *
der_one (const guint8 *p,
         gsize         n)
{
  HlField *root = hl_decode_der (p, n, 0);

  assert_nested (root);
  g_assert_cmpuint (hl_field_get_n_children (root), >=, 1);

  return root;
}

static void
test_der_values (void)
{
  static const guint8 minus_one[] = { 0x02, 0x01, 0xff };
  static const guint8 redundant[] = { 0x02, 0x02, 0x00, 0x7f };
  static const guint8 oid[] = { 0x06, 0x06, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d };
  static const guint8 bad_oid[] = { 0x06, 0x02, 0x2a, 0x86 };
  static const guint8 utc[] = { 0x17, 0x0d, '2', '6', '0', '3', '0', '1', '1', '2', '0', '0', '0', '0', 'Z' };
  static const guint8 bmp[] = { 0x1e, 0x04, 0x00, 'H', 0x00, 'i' };
  static const guint8 boolean[] = { 0x01, 0x01, 0xff };
  static const guint8 high_tag[] = { 0x9f, 0x81, 0x00, 0x01, 0x41 };
  static const guint8 long_len[] = { 0x04, 0x81, 0x02, 0xab, 0xcd };
  static const guint8 indefinite[] = { 0x30, 0x80, 0x05, 0x00, 0x00, 0x00 };
  static const guint8 truncated[] = { 0x30, 0x03, 0x02, 0x01 };
  g_autoptr(HlField) f = NULL;

  f = der_one (minus_one, sizeof minus_one);
  assert_clean (f, 0, sizeof minus_one);
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (f, 0)), ==, "-1 (0xff)");
  g_clear_pointer (&f, hl_field_unref);

  f = der_one (redundant, sizeof redundant);
  g_assert_cmpstr (hl_field_get_value (first_error (f)), ==, "not DER: the integer has a redundant leading byte");
  g_clear_pointer (&f, hl_field_unref);

  f = der_one (oid, sizeof oid);
  assert_clean (f, 0, sizeof oid);
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (f, 0)), ==, "1.2.840.113549");
  g_clear_pointer (&f, hl_field_unref);

  f = der_one (bad_oid, sizeof bad_oid);
  g_assert_cmpstr (hl_field_get_value (first_error (f)), ==, "not a valid object identifier");
  g_clear_pointer (&f, hl_field_unref);

  f = der_one (utc, sizeof utc);
  assert_clean (f, 0, sizeof utc);
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (f, 0)), ==, "2026-03-01 12:00:00 UTC");
  g_clear_pointer (&f, hl_field_unref);

  f = der_one (bmp, sizeof bmp);
  assert_clean (f, 0, sizeof bmp);
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (f, 0)), ==, "Hi");
  g_clear_pointer (&f, hl_field_unref);

  f = der_one (boolean, sizeof boolean);
  assert_clean (f, 0, sizeof boolean);
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (f, 0)), ==, "TRUE");
  g_clear_pointer (&f, hl_field_unref);

  /* [128] IMPLICIT, two identifier bytes after the first */
  f = der_one (high_tag, sizeof high_tag);
  assert_clean (f, 0, sizeof high_tag);
  g_assert_cmpstr (hl_field_get_name (hl_field_get_child (f, 0)), ==, "[128]");
  assert_span (hl_field_get_child (hl_field_get_child (f, 0), 0), 0, 3);
  g_assert_cmpstr (hl_field_get_value (hl_field_get_child (f, 0)), ==, "A");
  g_clear_pointer (&f, hl_field_unref);

  /* 0x81 0x02 is a long form where the short one would do: not DER */
  f = der_one (long_len, sizeof long_len);
  g_assert_cmpuint (count_errors (f), ==, 1);
  g_assert_cmpstr (value_at (hl_field_get_child (f, 0), "Length"), ==, "2 (long form: 0x81, then 1 byte)");
  g_clear_pointer (&f, hl_field_unref);

  f = der_one (indefinite, sizeof indefinite);
  g_assert_cmpstr (hl_field_get_value (first_error (f)), ==,
                   "indefinite length at offset 1: BER allows it, DER does not");
  g_clear_pointer (&f, hl_field_unref);

  f = der_one (truncated, sizeof truncated);
  g_assert_cmpstr (hl_field_get_value (first_error (f)), ==,
                   "truncated: SEQUENCE says 3 bytes, 2 left at offset 2");
  g_clear_pointer (&f, hl_field_unref);

  /* offsets follow base_offset */
  f = hl_decode_der (utc, sizeof utc, 1000);
  assert_clean (f, 1000, sizeof utc);
  assert_span (field_at (hl_field_get_child (f, 0), "Value"), 1002, 13);
  g_clear_pointer (&f, hl_field_unref);

  f = hl_decode_der (NULL, 0, 0);
  g_assert_cmpuint (count_errors (f), ==, 1);
}

/* A thousand SEQUENCEs inside each other: decoded down to the limit, then
 * one error, and no deeper. */
static void
test_der_nesting_bomb (void)
{
  g_autoptr(GByteArray) bomb = g_byte_array_new ();
  g_autoptr(GByteArray) open = g_byte_array_new ();
  g_autoptr(HlField) f = NULL;
  g_autoptr(HlField) g = NULL;
  static const guint8 null[] = { 0x05, 0x00 };
  HlField *error;

  g_byte_array_append (bomb, null, 2);
  for (guint i = 0; i < 1000; i++)
    {
      guint8 header[4] = { 0x30 };
      guint n;

      /* the shortest length form, as DER wants */
      if (bomb->len < 0x80)
        {
          header[1] = bomb->len;
          n = 2;
        }
      else if (bomb->len < 0x100)
        {
          header[1] = 0x81;
          header[2] = bomb->len;
          n = 3;
        }
      else
        {
          header[1] = 0x82;
          header[2] = bomb->len >> 8;
          header[3] = bomb->len & 0xff;
          n = 4;
        }
      g_byte_array_prepend (bomb, header, n);
    }
  g_assert_cmpuint (bomb->len, <, 4002);

  f = hl_decode_der (bomb->data, bomb->len, 0);
  assert_nested (f);
  g_assert_cmpuint (count_errors (f), ==, 1);
  error = first_error (f);
  g_assert_cmpstr (hl_field_get_value (error), ==, "nested deeper than 32 levels: not decoded further");
  assert_span (error, 4 * HL_DECODE_DER_MAX_DEPTH, bomb->len - 4 * HL_DECODE_DER_MAX_DEPTH);
  /* root, then per level a SEQUENCE node; the error is the deepest */
  g_assert_cmpuint (tree_depth (f), ==, 1 + HL_DECODE_DER_MAX_DEPTH + 1);

  /* Headers alone, every length pointing past the end */
  for (guint i = 0; i < 100000; i++)
    g_byte_array_append (open, (const guint8 *)"\x30\x84\x7f\xff", 4);
  g = hl_decode_der (open->data, open->len, 0);
  assert_nested (g);
  g_assert_cmpuint (tree_depth (g), <=, 1 + HL_DECODE_DER_MAX_DEPTH + 1);
  g_assert_cmpuint (count_errors (g), >, 0);
}

/* ------------------------------------------------------------------ */
/* Malformed input                                                     */

/* Every decoder on the same bytes: it must hold together. */
static void
decode_every_way (const guint8          *p,
                  gsize                  n,
                  const HlDecodeContext *ctx)
{
  HlField *f;

  f = hl_decode_handshake (p, n, ctx);
  assert_nested (f);
  g_assert_cmpuint (hl_field_get_length (f), ==, n);
  hl_field_unref (f);

  f = hl_decode_der (p, n, 5);
  assert_nested (f);
  g_assert_cmpuint (hl_field_get_offset (f), ==, 5);
  hl_field_unref (f);

  f = hl_decode_record_header (p, n);
  assert_nested (f);
  hl_field_unref (f);

  f = hl_decode_alert (p, n);
  assert_nested (f);
  hl_field_unref (f);

  f = hl_decode_change_cipher_spec (p, n);
  assert_nested (f);
  hl_field_unref (f);

  f = hl_decode_application_data (p, n);
  assert_nested (f);
  hl_field_unref (f);
}

static GPtrArray *
all_real_messages (void)
{
  const char * const *variants[] = { NULL, ecdhe_rsa_edits, ecdhe_ecdsa_tls10_edits };
  GPtrArray *all = g_ptr_array_new_with_free_func (message_free);

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autoptr(HlTrace) trace = run_rsa_basic (variants[v]);
      g_autoptr(GPtrArray) messages = handshake_messages (trace);

      for (guint i = 0; i < messages->len; i++)
        g_ptr_array_add (all, g_steal_pointer (&messages->pdata[i]));
      g_ptr_array_set_free_func (messages, NULL);
    }

  return all;
}

/* Each prefix of each real message: still a tree, and an error says the
 * rest is missing. */
static void
test_truncations (void)
{
  g_autoptr(GPtrArray) messages = all_real_messages ();

  for (guint i = 0; i < messages->len; i++)
    {
      Message *m = g_ptr_array_index (messages, i);
      gsize len;
      const guint8 *p = g_bytes_get_data (m->bytes, &len);

      for (gsize k = 0; k < len; k++)
        {
          g_autoptr(HlField) f = hl_decode_handshake (k > 0 ? p : NULL, k, &m->ctx);

          assert_nested (f);
          g_assert_cmpuint (hl_field_get_offset (f), ==, 0);
          g_assert_cmpuint (hl_field_get_length (f), ==, k);
          if (count_errors (f) == 0)
            g_error ("prefix %" G_GSIZE_FORMAT " of %s has no error", k, hl_handshake_type_name (m->type));
        }

      /* and each certificate alone */
      if (m->type == 11)
        {
          g_autoptr(HlField) root = hl_decode_handshake (p, len, &m->ctx);
          HlField *list = field_at (root, "Certificates");
          HlField *der = hl_field_get_child (hl_field_get_child (list, 0), 1);
          const guint8 *cert = p + hl_field_get_offset (der);

          for (gsize k = 0; k < hl_field_get_length (der); k++)
            {
              g_autoptr(HlField) f = hl_decode_der (cert, k, 0);

              assert_nested (f);
              g_assert_cmpuint (count_errors (f), >, 0);
            }
        }
    }
}

static void
mutate (GRand      *rand,
        GByteArray *bytes)
{
  guint n = g_rand_int_range (rand, 1, 5);

  for (guint i = 0; i < n; i++)
    {
      guint at = bytes->len > 0 ? g_rand_int_range (rand, 0, bytes->len) : 0;

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0: /* one random byte */
          if (bytes->len > 0)
            bytes->data[at] = g_rand_int (rand);
          break;
        case 1: /* one bit */
          if (bytes->len > 0)
            bytes->data[at] ^= 1 << g_rand_int_range (rand, 0, 8);
          break;
        case 2: /* a large length */
          if (bytes->len > 0)
            bytes->data[at] = g_rand_boolean (rand) ? 0xff : 0x80;
          break;
        case 3: /* cut */
          g_byte_array_set_size (bytes, at);
          break;
        case 4: /* remove a slice */
          if (bytes->len > at)
            g_byte_array_remove_range (bytes, at, g_rand_int_range (rand, 0, MIN (bytes->len - at, 16) + 1));
          break;
        default: /* insert random bytes */
          {
            guint k = g_rand_int_range (rand, 1, 9);
            guint old_len = bytes->len;

            at = MIN (at, old_len);
            g_byte_array_set_size (bytes, old_len + k);
            memmove (bytes->data + at + k, bytes->data + at, old_len - at);
            for (guint j = 0; j < k; j++)
              bytes->data[at + j] = g_rand_int (rand);
          }
          break;
        }
    }
}

static void
test_mutations (void)
{
  g_autoptr(GPtrArray) messages = all_real_messages ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260301);
  static const HlDecodeContext contexts[] = {
    { 0, 0 }, { 0x0303, 0x009C }, { 0x0303, 0xC02F }, { 0x0301, 0xC009 }, { 0x0302, 0x1234 },
  };
  guint iterations = g_test_thorough () ? 100000 : 10000;

  for (guint i = 0; i < iterations; i++)
    {
      Message *m = g_ptr_array_index (messages, g_rand_int_range (rand, 0, messages->len));
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      const HlDecodeContext *ctx = &contexts[g_rand_int_range (rand, 0, G_N_ELEMENTS (contexts))];
      HlField *f;

      g_byte_array_append (bytes, g_bytes_get_data (m->bytes, NULL), g_bytes_get_size (m->bytes));
      mutate (rand, bytes);

      f = hl_decode_handshake (bytes->len ? bytes->data : NULL, bytes->len, ctx);
      assert_nested (f);
      g_assert_cmpuint (hl_field_get_length (f), ==, bytes->len);
      hl_field_unref (f);

      /* certificates go to the DER decoder as they are */
      if (m->type == 11 && bytes->len > 10)
        {
          f = hl_decode_der (bytes->data + 10, bytes->len - 10, 10);
          assert_nested (f);
          hl_field_unref (f);
        }
    }
}

/* Random bytes, and random bodies behind every handshake type */
static void
test_garbage (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  HlDecodeContext ctx = { 0, 0 };
  guint8 buffer[600];

  decode_every_way (NULL, 0, &ctx);

  for (guint i = 0; i < 3000; i++)
    {
      gsize n = g_rand_int_range (rand, 0, sizeof buffer);

      for (gsize j = 0; j < n; j++)
        buffer[j] = g_rand_int (rand);
      if (i % 2 == 0 && n >= 4)
        {
          /* a valid header in front of the garbage, so the body is read */
          buffer[0] = i / 2 % 256;
          buffer[1] = 0;
          buffer[2] = (n - 4) >> 8;
          buffer[3] = (n - 4) & 0xff;
        }
      ctx.version = (i % 3 == 0) ? 0 : 0x0301 + i % 3;
      ctx.cipher_suite = (i % 5 == 0) ? 0 : (i % 5 == 1) ? 0x009C : (i % 5 == 2) ? 0xC02F : (i % 5 == 3) ? 0xC009 : 0x009E;
      decode_every_way (n > 0 ? buffer : NULL, n, &ctx);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/decode/real/client-hello", test_client_hello);
  g_test_add_func ("/decode/real/server-hello", test_server_hello);
  g_test_add_func ("/decode/real/certificate", test_certificate);
  g_test_add_func ("/decode/real/certificate-openssl", test_certificate_openssl);
  g_test_add_func ("/decode/real/hellos-tshark", test_hellos_tshark);
  g_test_add_func ("/decode/real/key-exchange-rsa", test_key_exchange_rsa);
  g_test_add_func ("/decode/real/key-exchange-ecdhe", test_key_exchange_ecdhe);
  g_test_add_func ("/decode/real/key-exchange-ecdsa-tls10", test_key_exchange_ecdsa_tls10);
  g_test_add_func ("/decode/real/all-messages", test_all_messages);
  g_test_add_func ("/decode/real/steps-with-record-headers", test_steps_with_record_headers);
  g_test_add_func ("/decode/hand/client-hello", test_hand_client_hello);
  g_test_add_func ("/decode/hand/truncated-list", test_hand_truncated_list);
  g_test_add_func ("/decode/hand/server-key-exchange", test_hand_server_key_exchange);
  g_test_add_func ("/decode/hand/certificate-request", test_hand_certificate_request);
  g_test_add_func ("/decode/hand/small-messages", test_hand_small_messages);
  g_test_add_func ("/decode/hand/record-alert-ccs", test_record_alert_ccs);
  g_test_add_func ("/decode/hand/application-data", test_application_data);
  g_test_add_func ("/decode/der/values", test_der_values);
  g_test_add_func ("/decode/der/nesting-bomb", test_der_nesting_bomb);
  g_test_add_func ("/decode/malformed/truncations", test_truncations);
  g_test_add_func ("/decode/malformed/mutations", test_mutations);
  g_test_add_func ("/decode/malformed/garbage", test_garbage);

  return g_test_run ();
}
