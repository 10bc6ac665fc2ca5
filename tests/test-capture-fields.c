/* test-capture-fields.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* tshark's fields against the trace's, field by field: the handshake
 * messages and the certificates. */

#include "config.h"

#include "test-capture.h"

void
judge_clear (Judge *judge)
{
  if (judge->file != NULL)
    g_unlink (judge->file);
  if (judge->dir != NULL)
    g_rmdir (judge->dir);
  g_clear_pointer (&judge->tshark, g_free);
  g_clear_pointer (&judge->dir, g_free);
  g_clear_pointer (&judge->file, g_free);
}

/* Writes the capture where tshark can read it.  Fails the test when tshark
 * is missing: a capture nobody checked is not a passing capture. */
gboolean
judge_init (Judge  *judge,
            GBytes *pcapng)
{
  g_autoptr(GError) error = NULL;

  judge->tshark = g_find_program_in_path ("tshark");
  if (judge->tshark == NULL)
    {
      g_test_fail_printf ("tshark is not installed: build-aux/deps installs it (Debian package tshark)");
      return FALSE;
    }

  judge->dir = g_dir_make_tmp ("hl-test-capture-XXXXXX", &error);
  g_assert_no_error (error);
  judge->file = g_build_filename (judge->dir, "run.pcapng", NULL);
  hl_export_write (pcapng, judge->file, &error);
  g_assert_no_error (error);

  return TRUE;
}

/* Runs tshark on the capture with the extra arguments (NULL-terminated)
 * and returns what it printed.  Personal preferences are kept out (a
 * private configuration directory, no key log file): what decrypts, the
 * file decrypts.  Checksums are verified.  tshark must succeed and say
 * nothing on stderr but its warning about running as root. */
char *
judge_run (Judge      *judge,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "WIRESHARK_CONFIG_DIR", judge->dir, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) complaints = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;
  va_list ap;

  g_ptr_array_add (argv, judge->tshark);
  g_ptr_array_add (argv, (char *)"-n");
  g_ptr_array_add (argv, (char *)"-o");
  g_ptr_array_add (argv, (char *)"tls.keylog_file:");
  g_ptr_array_add (argv, (char *)"-o");
  g_ptr_array_add (argv, (char *)"ip.check_checksum:TRUE");
  g_ptr_array_add (argv, (char *)"-o");
  g_ptr_array_add (argv, (char *)"tcp.check_checksum:TRUE");
  g_ptr_array_add (argv, (char *)"-r");
  g_ptr_array_add (argv, judge->file);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);

  lines = g_strsplit (err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && !g_str_has_prefix (lines[i], "Running as user"))
      g_string_append_printf (complaints, "%s\n", lines[i]);
  if (!g_spawn_check_wait_status (status, NULL) || complaints->len > 0)
    g_error ("tshark failed on %s (status %d):\n%s", judge->file, status, err);

  return out;
}

JsonNode *
member (JsonObject *object,
        const char *name)
{
  return object != NULL && json_object_has_member (object, name) ? json_object_get_member (object, name) : NULL;
}

static const char *
string_or_null (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

/* Every occurrence of @key under @node, in document order. */
void
collect (JsonNode   *node,
         const char *key,
         GArray     *out)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect (json_array_get_element (array, i), key, out);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);
      g_autofree char *raw_key = g_strconcat (key, "_raw", NULL);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (object, l->data);

          if (g_str_equal (l->data, key))
            {
              JsonNode *raw = member (object, raw_key);
              JsonArray *raws;
              guint n = JSON_NODE_HOLDS_ARRAY (value) ? json_array_get_length (json_node_get_array (value)) : 1;

              g_assert_nonnull (raw);
              raws = json_node_get_array (raw);
              for (guint i = 0; i < n; i++)
                {
                  JsonArray *r = n == 1 && !JSON_NODE_HOLDS_ARRAY (json_array_get_element (raws, 0))
                                 ? raws : json_array_get_array_element (raws, i);
                  Occurrence o;

                  o.value = string_or_null (n == 1 && !JSON_NODE_HOLDS_ARRAY (value)
                                            ? value : json_array_get_element (json_node_get_array (value), i));
                  o.hex = json_array_get_string_element (r, 0);
                  o.pos = json_array_get_int_element (r, 1);
                  o.len = json_array_get_int_element (r, 2);
                  g_array_append_val (out, o);
                }
            }
          else if (!g_str_has_suffix (l->data, "_raw"))
            collect (value, key, out);
        }
    }
}

/* The fields at @path under @root ("Extensions/x/Type": "x" matches any
 * child), in tree order. */
static void
find_fields (HlField    *root,
             const char *path,
             GPtrArray  *out)
{
  const char *slash = strchr (path, '/');
  g_autofree char *name = slash ? g_strndup (path, slash - path) : g_strdup (path);

  for (guint i = 0; i < hl_field_get_n_children (root); i++)
    {
      HlField *child = hl_field_get_child (root, i);

      if (!g_str_equal (name, "x") && !g_str_equal (name, hl_field_get_name (child)))
        continue;
      if (slash != NULL)
        find_fields (child, slash + 1, out);
      else
        g_ptr_array_add (out, child);
    }
}

guint64
our_number (const char *value)
{
  const char *open = strrchr (value, '(');

  if (open != NULL && g_ascii_isdigit (open[1]))
    return g_ascii_strtoull (open + 1, NULL, 0);
  g_assert_true (g_ascii_isdigit (value[0]));
  return g_ascii_strtoull (value, NULL, 10);
}

/* tshark's field @key under @node against our fields at @path of a tree
 * whose offset 0 is byte @base of @src: as many of each, at the same
 * place, over the same bytes, with the same value. */
void
agree (JsonNode     *node,
       const char   *key,
       HlField      *tree,
       const char   *path,
       gsize         base,
       const Source *src,
       Kind          kind,
       Tally        *tally)
{
  g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (Occurrence));
  g_autoptr(GPtrArray) ours = g_ptr_array_new ();

  collect (node, key, theirs);
  find_fields (tree, path, ours);
  if (theirs->len != ours->len)
    g_error ("%s: tshark shows %u, the trace %u (%s)", key, theirs->len, ours->len, path);

  for (guint i = 0; i < ours->len; i++)
    {
      Occurrence *o = &g_array_index (theirs, Occurrence, i);
      HlField *field = g_ptr_array_index (ours, i);
      gsize at = base + hl_field_get_offset (field);
      g_autofree char *got = NULL;
      gboolean changed;

      g_test_message ("%s = %s at %" G_GSIZE_FORMAT "+%" G_GSIZE_FORMAT "; %s = %s", key, o->value, o->pos,
                      o->len, hl_field_get_name (field), hl_field_get_value (field));
      g_assert_cmpuint (hl_field_get_offset (field), !=, HL_FIELD_NO_OFFSET);
      g_assert_cmpuint (o->pos, ==, src->tshark_base + at);
      g_assert_cmpuint (o->len, ==, hl_field_get_length (field));
      g_assert_cmpuint (at + o->len, <=, src->len);
      got = hl_test_hex (src->got + at, o->len);
      g_assert_cmpstr (o->hex, ==, got);
      changed = memcmp (src->got + at, src->sent + at, o->len) != 0;
      tally->fields++;

      switch (kind)
        {
        case NUMBER:
          {
            guint64 wire = 0;

            for (gsize j = 0; j < o->len; j++)
              wire = wire << 8 | src->got[at + j];
            g_assert_cmpuint (g_ascii_strtoull (o->value, NULL, 0), ==, wire);
            if (!changed)
              g_assert_cmpuint (our_number (hl_field_get_value (field)), ==, wire);
          }
          break;

        case HEX:
          {
            g_auto(GStrv) parts = g_strsplit (o->value, ":", -1);
            g_autofree char *plain = g_strjoinv ("", parts);

            g_assert_cmpstr (plain, ==, got);
            if (!changed)
              g_assert_true (g_str_has_prefix (hl_field_get_value (field), got));
          }
          break;

        case TEXT:
          if (!changed)
            g_assert_cmpstr (o->value, ==, hl_field_get_value (field));
          break;

        case SPAN:
        default:
          break;
        }

      /* The network changed these bytes: tshark shows what the receiver
       * got, not what the trace's step (the sender's) says. */
      if (changed)
        tally->tampered_fields++;
    }
}

static const Pair hello_pairs[] = {
  { "tls.handshake.version", "Client version", NUMBER },
  { "tls.handshake.version", "Server version", NUMBER },
  { "tls.handshake.random", "Random", HEX },
  { "tls.handshake.session_id_length", "Session ID length", NUMBER },
  { "tls.handshake.session_id", "Session ID", HEX },
  { "tls.handshake.cipher_suites_length", "Cipher suites length", NUMBER },
  { "tls.handshake.ciphersuite", "Cipher suites/Cipher suite", NUMBER },
  { "tls.handshake.ciphersuite", "Cipher suite", NUMBER },
  { "tls.handshake.comp_methods_length", "Compression methods length", NUMBER },
  { "tls.handshake.comp_method", "Compression methods/Compression method", NUMBER },
  { "tls.handshake.comp_method", "Compression method", NUMBER },
  { "tls.handshake.extensions_length", "Extensions length", NUMBER },
  { "tls.handshake.extension.type", "Extensions/x/Type", NUMBER },
  { "tls.handshake.extension.len", "Extensions/x/Length", NUMBER },
  { "tls.handshake.extensions_server_name", "Extensions/server_name/Server name/Host name", TEXT },
  { "tls.handshake.extensions_supported_group", "Extensions/supported_groups/Named group", NUMBER },
  { "tls.handshake.sig_hash_alg", "Extensions/signature_algorithms/Signature algorithms/Signature algorithm", NUMBER },
  { NULL }
};

static const Pair certificate_pairs[] = {
  { "tls.handshake.certificates_length", "Certificates length", NUMBER },
  { "tls.handshake.certificate_length", "Certificates/x/Certificate length", NUMBER },
  { "tls.handshake.certificate", "Certificates/x/Certificate", SPAN },
  { NULL }
};

static const Pair server_key_exchange_pairs[] = {
  { "tls.handshake.server_curve_type", "Curve type", NUMBER },
  { "tls.handshake.server_named_curve", "Named curve", NUMBER },
  { "tls.handshake.server_point_len", "Public key length", NUMBER },
  { "tls.handshake.server_point", "Public key", HEX },
  { "tls.handshake.sig_hash_alg", "Signature algorithm", NUMBER },
  { "tls.handshake.sig_len", "Signature length", NUMBER },
  { "tls.handshake.sig", "Signature", HEX },
  { NULL }
};

static const Pair certificate_request_pairs[] = {
  { "tls.handshake.cert_types_count", "Certificate types length", NUMBER },
  { "tls.handshake.cert_type", "Certificate types/Certificate type", NUMBER },
  { "tls.handshake.sig_hash_alg_len", "Signature algorithms length", NUMBER },
  { "tls.handshake.sig_hash_alg", "Signature algorithms/Signature algorithm", NUMBER },
  { "tls.handshake.dnames_len", "Certificate authorities length", NUMBER },
  { NULL }
};

static const Pair certificate_verify_pairs[] = {
  { "tls.handshake.sig_hash_alg", "Signature algorithm", NUMBER },
  { "tls.handshake.client_cert_vrfy.sig_len", "Signature length", NUMBER },
  { "tls.handshake.client_cert_vrfy.sig", "Signature", HEX },
  { NULL }
};

static const Pair client_key_exchange_pairs[] = {
  { "tls.handshake.epms_len", "Encrypted pre-master secret length", NUMBER },
  { "tls.handshake.epms", "Encrypted pre-master secret", HEX },
  { "tls.handshake.client_point_len", "Public key length", NUMBER },
  { "tls.handshake.client_point", "Public key", HEX },
  { NULL }
};

static const Pair finished_pairs[] = {
  { "tls.handshake.verify_data", "verify_data", SPAN },
  { NULL }
};

/* Where tshark's BER dissector puts an X.509 field: over the whole value
 * (a SEQUENCE, a CHOICE), over its content (an INTEGER, an OID, the items
 * of a SEQUENCE OF) or over a BIT STRING's bits, after the unused-bits
 * byte. */
typedef enum
{
  WHOLE,
  CONTENT,
  BITS,
} X509Span;

typedef struct
{
  const char *tshark;
  const char *id;
  X509Span    span;
} X509Pair;

/* Every node of a certificate that tshark (x509af, x509if, x509sat,
 * x509ce, pkcs1) names, and the id of ours that must name the same. */
static const X509Pair x509_pairs[] = {
  { "x509af.signedCertificate_element", "x509.tbs", WHOLE },
  { "x509af.version", "x509.version.value", CONTENT },
  { "x509af.serialNumber", "x509.serial_number", CONTENT },
  { "x509af.signature_element", "x509.signature", WHOLE },
  { "x509af.algorithm.id", "x509.algorithm", CONTENT },
  { "x509af.issuer", "x509.issuer", WHOLE },
  { "x509if.RDNSequence_item", "x509.rdn", CONTENT },
  { "x509if.RelativeDistinguishedName_item_element", "x509.attribute", WHOLE },
  { "x509if.oid", "x509.attribute.type", CONTENT },
  { "x509sat.DirectoryString", "x509.attribute.value", WHOLE },
  { "x509af.validity_element", "x509.validity", WHOLE },
  { "x509af.notBefore", "x509.not_before", WHOLE },
  { "x509af.notAfter", "x509.not_after", WHOLE },
  { "x509af.subject", "x509.subject", WHOLE },
  { "x509af.subjectPublicKeyInfo_element", "x509.spki", WHOLE },
  { "x509af.algorithm_element", "x509.spki.algorithm", WHOLE },
  { "x509af.subjectPublicKey", "x509.spki.public_key", BITS },
  { "pkcs1.modulus", "x509.rsa.modulus", CONTENT },
  { "pkcs1.publicExponent", "x509.rsa.public_exponent", CONTENT },
  { "x509af.extensions", "x509.extension_list", CONTENT },
  { "x509af.Extension_element", "x509.extension", WHOLE },
  { "x509af.extension.id", "x509.extension.id", CONTENT },
  { "x509af.critical", "x509.extension.critical", CONTENT },
  { "x509ce.BasicConstraintsSyntax_element", "x509.basic_constraints", WHOLE },
  { "x509ce.cA", "x509.basic_constraints.ca", CONTENT },
  { "x509ce.pathLenConstraint", "x509.basic_constraints.path_len", CONTENT },
  { "x509ce.KeyUsage", "x509.key_usage", BITS },
  { "x509ce.GeneralNames", "x509.subject_alt_name", CONTENT },
  { "x509ce.dNSName", "x509.general_name.dns", CONTENT },
  { "x509ce.SubjectKeyIdentifier", "x509.subject_key_identifier", CONTENT },
  { "x509ce.AuthorityKeyIdentifier_element", "x509.authority_key_identifier", WHOLE },
  { "x509ce.keyIdentifier", "x509.authority_key_identifier.key_id", CONTENT },
  { "x509af.algorithmIdentifier_element", "x509.signature_algorithm", WHOLE },
  { "x509af.encrypted", "x509.signature_value", BITS },
};

static void
collect_by_id (HlField    *field,
               const char *id,
               GPtrArray  *out)
{
  if (g_str_equal (hl_field_get_id (field), id))
    g_ptr_array_add (out, field);
  for (guint i = 0; i < hl_field_get_n_children (field); i++)
    collect_by_id (hl_field_get_child (field, i), id, out);
}

/* Each certificate of a Certificate message, node by node, against
 * tshark's X.509 dissection: the same structure named at the same place
 * over the same bytes. */
static void
agree_x509 (JsonNode     *message,
            HlField      *tree,
            gsize         base,
            const Source *src,
            Tally        *tally)
{
  for (guint i = 0; i < G_N_ELEMENTS (x509_pairs); i++)
    {
      g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (Occurrence));
      g_autoptr(GPtrArray) ours = g_ptr_array_new ();

      collect (message, x509_pairs[i].tshark, theirs);
      collect_by_id (tree, x509_pairs[i].id, ours);
      if (theirs->len != ours->len)
        g_error ("%s: tshark shows %u, the trace %u %s", x509_pairs[i].tshark, theirs->len, ours->len,
                 x509_pairs[i].id);
      /* Every certificate sent is an X.509 one. */
      if (i == 0)
        {
          g_autoptr(GPtrArray) entries = g_ptr_array_new ();

          collect_by_id (tree, "certificate.entry", entries);
          g_assert_cmpuint (ours->len, ==, entries->len);
        }

      for (guint k = 0; k < ours->len; k++)
        {
          Occurrence *o = &g_array_index (theirs, Occurrence, k);
          HlField *field = g_ptr_array_index (ours, k);
          HlField *length = hl_test_child (field, "der.length");
          gsize at = base + hl_field_get_offset (field);
          gsize end = at + hl_field_get_length (field);
          g_autofree char *got = NULL;

          if (x509_pairs[i].span != WHOLE)
            at = base + hl_field_get_offset (length) + hl_field_get_length (length) + (x509_pairs[i].span == BITS);
          g_test_message ("%s at %" G_GSIZE_FORMAT "+%" G_GSIZE_FORMAT "; %s %s", x509_pairs[i].tshark, o->pos,
                          o->len, hl_field_get_name (field), hl_field_get_value (field));
          g_assert_cmpuint (o->pos, ==, src->tshark_base + at);
          g_assert_cmpuint (o->len, ==, end - at);
          got = hl_test_hex (src->got + at, o->len);
          g_assert_cmpstr (o->hex, ==, got);
          tally->fields++;
        }
    }
}

/* One handshake message: its type and length, and the fields of its kind. */
void
agree_handshake (JsonNode     *message,
                 HlField      *tree,
                 gsize         base,
                 const Source *src,
                 Tally        *tally)
{
  const Pair *pairs = NULL;
  guint type = our_number (hl_field_get_value (hl_test_child (tree, "handshake.type")));

  agree (message, "tls.handshake.type", tree, "Handshake type", base, src, NUMBER, tally);
  agree (message, "tls.handshake.length", tree, "Length", base, src, NUMBER, tally);

  switch (type)
    {
    case 1: case 2: pairs = hello_pairs; break;
    case 11:
      pairs = certificate_pairs;
      agree_x509 (message, tree, base, src, tally);
      break;
    case 12: pairs = server_key_exchange_pairs; break;
    case 13: pairs = certificate_request_pairs; break;
    case 15: pairs = certificate_verify_pairs; break;
    case 16: pairs = client_key_exchange_pairs; break;
    case 20: pairs = finished_pairs; break;
    default: break;
    }

  /* A pair whose field this message does not have must find nothing in
   * tshark either (a ServerHello has no "Client version"). */
  for (guint i = 0; pairs != NULL && pairs[i].tshark != NULL; i++)
    {
      g_autoptr(GPtrArray) ours = g_ptr_array_new ();

      find_fields (tree, pairs[i].ours, ours);
      if (ours->len == 0)
        {
          gboolean other = FALSE;

          /* The same tshark name stands for another of our fields here. */
          for (guint j = 0; pairs[j].tshark != NULL; j++)
            if (j != i && g_str_equal (pairs[j].tshark, pairs[i].tshark))
              {
                g_autoptr(GPtrArray) alt = g_ptr_array_new ();

                find_fields (tree, pairs[j].ours, alt);
                other |= alt->len > 0;
              }
          if (other)
            continue;
        }
      agree (message, pairs[i].tshark, tree, pairs[i].ours, base, src, pairs[i].kind, tally);
    }
}
