/* hl-decode-extensions.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-decode"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hl-decode-private.h"
#include "hl-names.h"

/*
 * The extensions of the hello messages: the list, each extension's type
 * and length, and the bodies of those a student meets (server_name,
 * supported_groups, ec_point_formats, signature_algorithms, ALPN,
 * session_ticket, renegotiation_info …); others are shown as bytes.
 */

/* The names of a signature algorithm's fields, translated once for a
 * list of them. */
typedef struct
{
  const char *algorithm;
  const char *hash;
  const char *signature;
} AlgorithmNames;

static void
algorithm_names_init (AlgorithmNames *names)
{
  names->algorithm = _("Signature algorithm");
  names->hash = _("Hash");
  names->signature = _("Signature");
}

static const char *
add_signature_algorithm (HlField              *parent,
                         const guint8         *p,
                         gsize                 offset,
                         const AlgorithmNames *names)
{
  guint code = hl_decode_be (p, 2);
  const char *scheme = hl_signature_scheme_name (code);
  const char *hash = hl_hash_algorithm_name (p[0]);
  const char *signature = hl_signature_algorithm_name (p[1]);
  gboolean pair = p[0] >= 1 && p[0] <= 6 && hash != NULL && signature != NULL;
  g_autofree char *value = NULL;
  HlField *field;

  if (scheme != NULL)
    value = hl_decode_named_hex4 (scheme, code);
  else if (pair)
    value = g_strdup_printf ("%s + %s (0x%04X)", hash, signature, code);
  else
    value = hl_decode_named_hex4 (NULL, code);

  field = hl_field_add (parent, "signature_algorithm", names->algorithm, value, offset, 2);
  if (pair)
    {
      g_autofree char *h = hl_decode_named (hash, p[0]);
      g_autofree char *s = hl_decode_named (signature, p[1]);

      hl_field_add (field, "signature_algorithm.hash", names->hash, h, offset, 1);
      hl_field_add (field, "signature_algorithm.signature", names->signature, s, offset + 1, 1);
    }

  return scheme;
}

const char *
hl_decode_add_signature_algorithm (HlField      *parent,
                                   const guint8 *p,
                                   gsize         offset)
{
  AlgorithmNames names;

  algorithm_names_init (&names);
  return add_signature_algorithm (parent, p, offset, &names);
}

gboolean
hl_decode_signature_algorithms (HlReader *r,
                                HlField  *parent,
                                guint    *count)
{
  g_autofree char *value = NULL;
  AlgorithmNames names;
  HlList list;

  algorithm_names_init (&names);
  hl_list_begin (&list, r, parent, 2, "signature_algorithms.length", _("Signature algorithms length"),
                 _("the signature algorithms list"), "signature_algorithms");
  *count = 0;
  while (hl_reader_left (&list.items) >= 2)
    {
      add_signature_algorithm (list.field, list.items.data + list.items.pos,
                               HL_READER_OFFSET (&list.items, list.items.pos), &names);
      list.items.pos += 2;
      (*count)++;
    }
  if (hl_reader_left (&list.items) > 0)
    list.complete = hl_reader_finish (&list.items, list.field,
                                      _("the last complete algorithm (each takes 2 bytes)")) && list.complete;

  value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u algorithm", "%u algorithms", *count), *count);

  return hl_list_end (&list, _("Signature algorithms"), value);
}

static char *
host_name_text (const guint8 *p,
                gsize         n,
                gboolean     *ascii)
{
  *ascii = TRUE;
  for (gsize i = 0; i < n; i++)
    if (p[i] <= 0x20 || p[i] >= 0x7f)
      *ascii = FALSE;

  if (*ascii)
    return g_strndup ((const char *)p, n);

  return hl_text_hex_cut (p, n, HL_DECODE_HEX_MAX);
}

/* RFC 6066 §3 */
static char *
ext_server_name (HlReader *b,
                 HlField  *ext,
                 gboolean  from_server)
{
  g_autoptr(GString) names = g_string_new (NULL);
  HlReader list;

  if (hl_reader_left (b) == 0)
    return g_strdup (from_server ? _("empty: the server acknowledges the name the client asked for")
                                 : _("empty"));

  hl_reader_vector (b, ext, 2, "ext.server_name.list_length", _("Server name list length"),
                    _("the server name list"), &list);
  while (hl_reader_left (&list) > 0)
    {
      HlField *entry = hl_decode_draft_new (ext, "ext.server_name.entry");
      g_autofree char *type_text = NULL;
      g_autofree char *text = NULL;
      gsize start = list.pos;
      gboolean ascii = TRUE;
      gboolean ok;
      HlReader name;
      guint type;
      gsize i;

      if (!hl_reader_take (&list, ext, 1, _("the name type"), &i))
        break;
      type = list.data[i];
      type_text = hl_decode_named (type == 0 ? "host_name" : NULL, type);
      hl_field_add (entry, "ext.server_name.type", _("Name type"), type_text, HL_READER_OFFSET (&list, i), 1);

      ok = hl_reader_vector (&list, entry, 2, "ext.server_name.length", _("Name length"), _("the name"), &name);
      text = host_name_text (name.data + name.pos, hl_reader_left (&name), &ascii);
      if (hl_reader_left (&name) > 0)
        hl_field_add (entry, "ext.server_name.name", type == 0 ? _("Host name") : _("Name"), text,
                      HL_READER_OFFSET (&name, name.pos), hl_reader_left (&name));
      if (!ascii && type == 0)
        hl_decode_add_error (entry, HL_READER_OFFSET (&name, name.pos), hl_reader_left (&name),
                             _("a host name is ASCII letters, digits, dots and hyphens"));

      hl_decode_draft_commit_to (ext, entry, _("Server name"), text, HL_READER_OFFSET (&list, start), list.pos - start);
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, text);

      if (!ok)
        break;
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* RFC 6066 §4 */
static char *
ext_max_fragment_length (HlReader *b,
                         HlField  *ext)
{
  g_autofree char *name = NULL;
  char *text;
  guint code;
  gsize i;

  if (!hl_reader_take (b, ext, 1, _("the maximum fragment length"), &i))
    return NULL;

  code = b->data[i];
  if (code >= 1 && code <= 4)
    name = g_strdup_printf ("2^%u = %u", 8 + code, 1u << (8 + code));
  text = hl_decode_named (name, code);
  hl_field_add (ext, "ext.max_fragment_length", _("Maximum fragment length"), text, HL_READER_OFFSET (b, i), 1);

  return text;
}

/* A list of 2-byte or 1-byte code points, each shown by name. */
static char *
ext_code_list (HlReader     *b,
               HlField      *ext,
               gsize         prefix,
               gsize         size,
               const char   *length_id,
               const char   *length_name,
               const char   *what,
               const char   *item_id,
               const char   *item_name,
               const char *(*lookup) (guint))
{
  g_autoptr(GString) names = g_string_new (NULL);
  HlReader list;

  hl_reader_vector (b, ext, prefix, length_id, length_name, what, &list);
  while (hl_reader_left (&list) >= size)
    {
      guint code = hl_decode_be (list.data + list.pos, size);
      const char *name = lookup (code);
      g_autofree char *text = size == 2 ? hl_decode_named_hex4 (name, code) : hl_decode_named (name, code);

      hl_field_add (ext, item_id, item_name, text, HL_READER_OFFSET (&list, list.pos), size);
      list.pos += size;

      if (names->len > 0)
        g_string_append (names, ", ");
      if (name != NULL)
        g_string_append (names, name);
      else
        g_string_append_printf (names, "0x%0*X", (int)size * 2, code);
    }
  hl_reader_finish (&list, ext, _("the last complete item of the list"));

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* RFC 7301 §3.1 */
static char *
ext_alpn (HlReader *b,
          HlField  *ext)
{
  g_autoptr(GString) names = g_string_new (NULL);
  HlReader list;

  hl_reader_vector (b, ext, 2, "ext.alpn.list_length", _("Protocol name list length"), _("the protocol name list"),
                    &list);
  while (hl_reader_left (&list) > 0)
    {
      HlField *entry = hl_decode_draft_new (ext, "ext.alpn.protocol");
      g_autofree char *text = NULL;
      gsize start = list.pos;
      gboolean ascii;
      gboolean ok;
      HlReader name;

      ok = hl_reader_vector (&list, entry, 1, "ext.alpn.length", _("Protocol name length"), _("the protocol name"),
                             &name);
      text = host_name_text (name.data + name.pos, hl_reader_left (&name), &ascii);
      if (hl_reader_left (&name) > 0)
        hl_field_add (entry, "ext.alpn.name", _("Protocol name"), text, HL_READER_OFFSET (&name, name.pos),
                      hl_reader_left (&name));
      hl_decode_draft_commit_to (ext, entry, _("Protocol"), text, HL_READER_OFFSET (&list, start), list.pos - start);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, text);

      if (!ok)
        break;
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* RFC 5746 §3.2 */
static char *
ext_renegotiation_info (HlReader *b,
                        HlField  *ext,
                        gboolean  from_server)
{
  gsize n = 0;

  hl_reader_opaque (b, ext, 1, "ext.renegotiation_info.length", _("Renegotiated connection length"),
                    "ext.renegotiation_info", _("Renegotiated connection"), _("the renegotiated connection"), &n);
  if (n == 0)
    return g_strdup (_("empty: a first handshake, not a renegotiation"));

  if (from_server)
    return g_strdup_printf (_("%lu bytes: the verify_data of both Finished messages of the previous handshake"),
                            (gulong)n);
  return g_strdup_printf (_("%lu bytes: the verify_data of the client's Finished of the previous handshake"),
                          (gulong)n);
}

static char *
ext_session_ticket (HlReader *b,
                    HlField  *ext,
                    gboolean  from_server)
{
  gsize n = hl_reader_left (b);

  if (n == 0)
    return g_strdup (from_server ? _("empty: the server will send a new ticket")
                                 : _("empty: the client asks for a ticket"));

  hl_reader_rest (b, ext, "ext.session_ticket", _("Ticket"));

  return hl_decode_bytes_text (n);
}

static char *
decode_extension_body (HlReader *b,
                       HlField  *ext,
                       guint     type,
                       gboolean  from_server)
{
  gsize n = hl_reader_left (b);

  switch (type)
    {
    case 0:
      return ext_server_name (b, ext, from_server);
    case 1:
      return ext_max_fragment_length (b, ext);
    case 10:
      return ext_code_list (b, ext, 2, 2, "ext.named_groups.length", _("Named group list length"),
                            _("the named group list"), "ext.named_group", _("Named group"), hl_named_group_name);
    case 11:
      return ext_code_list (b, ext, 1, 1, "ext.ec_point_formats.length", _("EC point format list length"),
                            _("the EC point format list"), "ext.ec_point_format", _("EC point format"),
                            hl_ec_point_format_name);
    case 13:
      {
        guint count = 0;

        hl_decode_signature_algorithms (b, ext, &count);
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u algorithm", "%u algorithms", count), count);
      }
    case 16:
      return ext_alpn (b, ext);
    case 22: /* encrypt_then_mac */
    case 23: /* extended_master_secret */
    case 49: /* post_handshake_auth */
      return g_strdup (n == 0 ? _("empty: the extension itself is the signal") : NULL);
    case 35:
      return ext_session_ticket (b, ext, from_server);
    case 65281:
      return ext_renegotiation_info (b, ext, from_server);
    default:
      hl_reader_rest (b, ext, "ext.data", _("Extension data"));
      return n == 0 ? g_strdup (_("empty")) : hl_decode_bytes_text (n);
    }
}

/* One extension: type, length, data.  Returns FALSE when it runs past the
 * end of the list; @added says whether a field for it was made. */
static gboolean
read_extension (HlReader *r,
                HlField  *parent,
                gboolean  from_server,
                gboolean *added)
{
  HlField *draft = hl_decode_draft_new (parent, "ext");
  g_autofree char *name = NULL;
  g_autofree char *type_text = NULL;
  g_autofree char *what = NULL;
  g_autofree char *summary = NULL;
  const char *known;
  gsize start = r->pos;
  gboolean ok;
  HlReader body;
  guint type;
  gsize i;

  *added = FALSE;
  if (!hl_reader_take (r, parent, 2, _("an extension type"), &i))
    return FALSE;

  type = hl_decode_be (r->data + i, 2);
  known = hl_extension_name (type);
  name = known ? g_strdup (known) : g_strdup_printf (_("unknown extension %u"), type);
  type_text = hl_decode_named (known, type);
  hl_field_add (draft, "ext.type", _("Type"), type_text, HL_READER_OFFSET (r, i), 2);

  what = g_strdup_printf (_("the %s extension"), name);
  ok = hl_reader_vector (r, draft, 2, "ext.length", _("Length"), what, &body);
  if (ok)
    {
      summary = decode_extension_body (&body, draft, type, from_server);
      hl_reader_finish (&body, draft, what);
    }
  else
    {
      hl_reader_rest (&body, draft, "ext.data", _("Extension data"));
    }

  hl_decode_draft_commit_to (parent, draft, name, summary, HL_READER_OFFSET (r, start), r->pos - start);
  *added = TRUE;

  return ok;
}

gboolean
hl_decode_extensions (HlReader *r,
                      HlField  *parent,
                      gboolean  from_server,
                      guint    *count)
{
  g_autofree char *value = NULL;
  HlList list;

  *count = 0;
  hl_list_begin (&list, r, parent, 2, "hello.extensions.length", _("Extensions length"), _("the extensions list"),
                 "hello.extensions");
  while (hl_reader_left (&list.items) > 0)
    {
      gboolean added;
      gboolean complete = read_extension (&list.items, list.field, from_server, &added);

      if (added)
        (*count)++;
      if (!complete)
        {
          list.complete = FALSE;
          break;
        }
    }

  value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u extension", "%u extensions", *count), *count);

  return hl_list_end (&list, _("Extensions"), value);
}
