/* test-decode-wire.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Real messages against tshark's reading, the key exchanges, every
 * message of every lesson, and the record headers of each step. */

#include "config.h"

#include "test-decode.h"

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

void
hl_test_decode_add_wire_tests (void)
{
  g_test_add_func ("/decode/real/hellos-tshark", test_hellos_tshark);
  g_test_add_func ("/decode/real/key-exchange-rsa", test_key_exchange_rsa);
  g_test_add_func ("/decode/real/key-exchange-ecdhe", test_key_exchange_ecdhe);
  g_test_add_func ("/decode/real/key-exchange-ecdsa-tls10", test_key_exchange_ecdsa_tls10);
  g_test_add_func ("/decode/real/all-messages", test_all_messages);
  g_test_add_func ("/decode/real/steps-with-record-headers", test_steps_with_record_headers);
}
