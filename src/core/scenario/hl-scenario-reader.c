/* hl-scenario-reader.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-scenario"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hl-file.h"
#include "hl-scenario-private.h"

/*
 * HlLoader: every value of a scenario file read, checked against its
 * limits and its syntax, and quoted back in an error that names the file,
 * the group and the key.
 */

#define PKI_RESOURCE_DIR RESOURCE_PREFIX "/pki/"

const char *
hl_loader_quote (HlLoader   *loader,
                 const char *text)
{
  char *excerpt = hl_file_excerpt (text != NULL ? text : "");

  g_ptr_array_add (loader->quotes, excerpt);

  return excerpt;
}

gboolean G_GNUC_PRINTF (5, 6)
hl_loader_fail (HlLoader      *loader,
                GError     **error,
                int          code,
                const char  *group,
                const char  *format,
                ...)
{
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;
  g_autofree char *valid = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (group != NULL)
    text = g_strdup_printf ("%s: [%s] %s", loader->origin, hl_loader_quote (loader, group), message);
  else
    text = g_strdup_printf ("%s: %s", loader->origin, message);

  /* A file's names and values are quoted back, as excerpts (quote()):
   * whatever bytes they hold, the message stays UTF-8 for the window and
   * the terminal. */
  valid = g_utf8_make_valid (text, -1);
  g_set_error_literal (error, HL_SCENARIO_ERROR, code, valid);

  return FALSE;
}

/* The texts a person reads, never sent: they may hold line breaks and
 * tabs (\n, \t).  Every other value may end up on the wire (a host
 * name in the SNI extension, the certificate and the HTTP request) and
 * holds no control character at all. */
static gboolean
is_prose_key (const char *key)
{
  return g_str_equal (key, "summary") || g_str_equal (key, "lesson") || g_str_equal (key, "description");
}

static gboolean
check_value (HlLoader   *loader,
             const char *group,
             const char *key,
             const char *base,
             const char *value,
             GError    **error)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = *p;

      if ((c < 0x20 || c == 0x7f) && !(is_prose_key (base) && (c == '\n' || c == '\t')))
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                               _("%s: “%s” holds a control character (byte 0x%02x), which no value may hold"),
                               hl_loader_quote (loader, key), hl_loader_quote (loader, value), c);
    }

  return TRUE;
}

gboolean
hl_loader_check_keys (HlLoader           *loader,
                      const char         *group,
                      const char * const *allowed,
                      GError            **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (loader->keyfile, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *base = g_strdup (keys[i]);
      g_autofree char *value = NULL;
      g_autoptr(GError) local_error = NULL;
      char *bracket = strchr (base, '[');

      /* Localized values, title[de]=…, belong to their key. */
      if (bracket != NULL)
        *bracket = '\0';

      if (!g_strv_contains (allowed, base))
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_UNKNOWN_KEY, group,
                               _("unknown key “%s”"), hl_loader_quote (loader, keys[i]));

      /* GLib returns a value with a bad escape (\e) and an error: refuse
       * it here, once for every key, rather than show it half-read.
       * GLib's own message would quote the whole value. */
      value = g_key_file_get_string (loader->keyfile, group, keys[i], &local_error);
      if (g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_UNKNOWN_ENCODING))
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                               _("%s: the value is not UTF-8 text"), hl_loader_quote (loader, keys[i]));
      if (local_error != NULL)
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                               _("%s: the value holds a “\\” that is none of the escapes \\s, \\n, \\t, \\r, \\\\ "
                                 "and \\;"),
                               hl_loader_quote (loader, keys[i]));

      if (!check_value (loader, group, keys[i], base, value, error))
        return FALSE;
    }

  return TRUE;
}

char *
hl_loader_get_string (HlLoader   *loader,
                      const char *group,
                      const char *key,
                      gboolean    required,
                      GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  char *value;

  if (!g_key_file_has_key (loader->keyfile, group, key, NULL))
    {
      if (required)
        hl_loader_fail (loader, error, HL_SCENARIO_ERROR_MISSING, group, _("the key “%s” is missing"), key);
      return NULL;
    }

  value = g_key_file_get_string (loader->keyfile, group, key, &local_error);
  if (value == NULL)
    hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group, "%s: %s", key, hl_loader_quote (loader, local_error->message));
  else
    g_strstrip (value);

  return value;
}

GStrv
hl_loader_get_list (HlLoader   *loader,
                    const char *group,
                    const char *key,
                    gboolean    required,
                    guint       max_items,
                    GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_auto(GStrv) items = NULL;
  gsize n = 0;

  if (!g_key_file_has_key (loader->keyfile, group, key, NULL))
    {
      if (required)
        hl_loader_fail (loader, error, HL_SCENARIO_ERROR_MISSING, group, _("the key “%s” is missing"), key);
      return NULL;
    }

  items = g_key_file_get_string_list (loader->keyfile, group, key, &n, &local_error);
  if (items == NULL)
    {
      hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group, "%s: %s", key, hl_loader_quote (loader, local_error->message));
      return NULL;
    }

  out = g_ptr_array_new_with_free_func (g_free);
  for (gsize i = 0; i < n; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] != '\0')
        g_ptr_array_add (out, g_strdup (items[i]));
    }

  if (out->len == 0)
    {
      hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group, _("the key “%s” names nothing"), key);
      return NULL;
    }
  if (out->len > max_items)
    {
      hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group, _("%s: %u entries; it takes at most %u"),
                      key, out->len, max_items);
      return NULL;
    }

  g_ptr_array_add (out, NULL);
  return (GStrv)g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

gboolean
hl_loader_check_distinct (HlLoader   *loader,
                          const char *group,
                          const char *key,
                          char      **items,
                          GError    **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; items[i] != NULL; i++)
    {
      if (!g_hash_table_add (seen, items[i]))
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                               _("%s: “%s” is listed twice"), key, hl_loader_quote (loader, items[i]));
    }

  return TRUE;
}

const char *
hl_loader_host_name_problem (const char *name,
                             gboolean    wildcard)
{
  const char *label = name;
  gsize len = strlen (name);

  if (len > MAX_HOST_NAME_CHARS)
    return _("a host name has at most 253 characters");

  for (const char *p = name; *p != '\0'; p++)
    if ((guchar)*p >= 0x80)
      return _("not ASCII; write an internationalized name as its A-labels (xn--…, RFC 5890), "
               "as “idn2” prints them");

  if (wildcard && g_str_has_prefix (name, "*."))
    label = name + 2;

  for (;;)
    {
      gsize n = strcspn (label, ".");

      if (n == 0)
        return _("it has an empty label (two dots in a row, or a dot at the start or the end)");
      if (n > MAX_LABEL_CHARS)
        return _("a label has at most 63 characters");
      for (gsize i = 0; i < n; i++)
        if (!g_ascii_isalnum (label[i]) && label[i] != '-')
          return _("a label holds only letters, digits and “-” (RFC 1123)");
      if (label[0] == '-' || label[n - 1] == '-')
        return _("a label neither starts nor ends with “-”");
      if (n >= 4 && label[2] == '-' && label[3] == '-' && g_ascii_strncasecmp (label, "xn", 2) != 0)
        return _("“--” in the third and fourth place is kept for A-labels, which start with xn--");

      if (label[n] == '\0')
        break;
      label += n + 1;
    }

  /* RFC 1123 section 2.1: a host name never has the dotted-decimal form,
   * its last label is not all digits; RFC 6066 section 3: "Literal IPv4
   * and IPv6 addresses are not permitted in HostName". */
  if (strspn (label, "0123456789") == strlen (label))
    return _("it is an IPv4 address, not a host name: its last label is all digits (RFC 1123), and "
             "RFC 6066 forbids addresses in the server name; a certificate lists addresses in ip-addresses");

  return NULL;
}

gboolean
hl_loader_check_server_name (HlLoader   *loader,
                             const char *name,
                             GError    **error)
{
  const char *problem;

  /* An empty name is a lesson of its own: the client sends none and
   * checks none. */
  if (name[0] == '\0' || !(problem = hl_loader_host_name_problem (name, FALSE)))
    return TRUE;

  return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, "Client",
                         _("server-name: “%s” is not a host name: %s"), hl_loader_quote (loader, name), problem);
}

gboolean
hl_loader_get_boolean (HlLoader   *loader,
                       const char *group,
                       const char *key,
                       gboolean   *value,
                       GError    **error)
{
  g_autofree char *text = hl_loader_get_string (loader, group, key, FALSE, NULL);

  if (text == NULL)
    {
      *value = FALSE;
      return TRUE;
    }

  if (g_ascii_strcasecmp (text, "true") == 0)
    *value = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0)
    *value = FALSE;
  else
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                           _("%s: “%s” is not true or false"), key, hl_loader_quote (loader, text));

  return TRUE;
}

gboolean
hl_loader_get_unsigned (HlLoader   *loader,
                        const char *group,
                        const char *key,
                        guint64     max,
                        guint64    *value,
                        GError    **error)
{
  return hl_loader_get_unsigned_range (loader, group, key, 0, max, value, error);
}

gboolean
hl_loader_get_unsigned_range (HlLoader   *loader,
                              const char *group,
                              const char *key,
                              guint64     min,
                              guint64     max,
                              guint64    *value,
                              GError    **error)
{
  g_autofree char *text = hl_loader_get_string (loader, group, key, FALSE, NULL);
  g_autofree char *max_text = NULL;
  g_autofree char *min_text = NULL;

  if (text == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (text, 10, min, max, value, NULL))
    {
      min_text = g_strdup_printf ("%" G_GUINT64_FORMAT, min);
      max_text = g_strdup_printf ("%" G_GUINT64_FORMAT, max);
      /* Translators: the last two %s are the smallest and the largest number allowed */
      return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                             _("%s: “%s” is not a whole number from %s to %s"), key, hl_loader_quote (loader, text),
                             min_text, max_text);
    }

  return TRUE;
}

gboolean
hl_loader_parse_time (const char *text,
                      gint64      clock,
                      gint64     *out)
{
  g_autoptr(GDateTime) dt = NULL;

  if ((text[0] == '+' || text[0] == '-') && text[1] != '\0')
    {
      gsize len = strlen (text);
      g_autofree char *digits = g_strndup (text + 1, len - 2);
      guint64 amount;
      gint64 unit;

      switch (text[len - 1])
        {
        case 'd': unit = 86400; break;
        case 'h': unit = 3600; break;
        case 'm': unit = 60; break;
        case 's': unit = 1; break;
        default: return FALSE;
        }

      if (!g_ascii_string_to_unsigned (digits, 10, 0, G_GINT64_CONSTANT (100) * 365 * 86400 / unit, &amount, NULL))
        return FALSE;

      *out = clock + (text[0] == '-' ? -1 : 1) * (gint64)amount * unit;
      return TRUE;
    }

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return FALSE;

  *out = g_date_time_to_unix (dt);
  return TRUE;
}

gboolean
hl_loader_check_text (HlLoader   *loader,
                      const char *group,
                      const char *key,
                      const char *value,
                      guint       max,
                      GError    **error)
{
  glong n = g_utf8_strlen (value, -1);

  if (n == 0)
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group, _("%s: the value is empty"), key);

  if (n > (glong)max)
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                           _("%s: %ld characters; it may have at most %u"), key, n, max);

  return TRUE;
}

gboolean
hl_loader_get_time (HlLoader   *loader,
                    const char *group,
                    const char *key,
                    gint64      clock,
                    gint64     *value,
                    GError    **error)
{
  g_autofree char *text = hl_loader_get_string (loader, group, key, TRUE, error);
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return FALSE;

  if (!hl_loader_parse_time (text, clock, value) && (text[0] == '+' || text[0] == '-') &&
      strlen (text) > 2 && strchr ("dhms", text[strlen (text) - 1]) != NULL &&
      strspn (text + 1, "0123456789") == strlen (text) - 2)
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                           _("%s: “%s” is an offset of more than 100 years, the most an offset may reach; "
                             "write a date like 9999-12-31T23:59:59Z instead"),
                           key, hl_loader_quote (loader, text));
  if (!hl_loader_parse_time (text, clock, value))
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                           _("%s: “%s” is neither a date like 2026-03-01T12:00:00Z nor an offset like +365d"),
                           key, hl_loader_quote (loader, text));

  /* GDateTime, like X.509's GeneralizedTime, knows the years 1 to 9999. */
  dt = g_date_time_new_from_unix_utc (*value);
  if (dt == NULL)
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                           _("%s: “%s” falls outside the years 1 to 9999, the years a certificate can name"),
                           key, hl_loader_quote (loader, text));

  return TRUE;
}

/* Letters, digits and "-", then perhaps a locale: title[de]. */
static gboolean
is_key_name (const char *key)
{
  const char *p = key;

  while (g_ascii_isalnum (*p) || *p == '-')
    p++;
  if (p == key)
    return FALSE;
  if (*p == '\0')
    return TRUE;
  if (*p++ != '[')
    return FALSE;

  while (g_ascii_isalnum (*p) || *p == '_' || *p == '@' || *p == '.' || *p == '-')
    p++;

  return p[0] == ']' && p[1] == '\0' && p[-1] != '[';
}

gboolean
hl_loader_scan_lines (HlLoader   *loader,
                      const char *data,
                      gsize       len,
                      GError    **error)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) keys = NULL;
  g_autofree char *group = NULL;
  const char *end = data + len;
  guint line_no = 0;

  for (const char *line = data; line < end; )
    {
      const char *eol = memchr (line, '\n', end - line);
      const char *next = eol != NULL ? eol + 1 : end;
      const char *p = line;
      const char *stop;

      line_no++;
      if (eol == NULL)
        eol = end;
      if (eol > line && eol[-1] == '\r')
        eol--;
      line = next;

      while (p < eol && g_ascii_isspace (*p))
        p++;

      if (p == eol || *p == '#')
        continue;

      if (*p == '[')
        {
          const char *close = memchr (p, ']', eol - p);
          gpointer first;

          if (close == NULL)
            return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, NULL,
                                   _("not a scenario file: line %u starts a [group] that does not end"), line_no);
          for (const char *q = close + 1; q < eol; q++)
            if (*q != ' ' && *q != '\t')
              return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, NULL,
                                     _("not a scenario file: line %u has more after its [group]"), line_no);

          g_free (group);
          group = g_strndup (p + 1, close - p - 1);
          if (g_hash_table_lookup_extended (groups, group, NULL, &first))
            return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                                   _("the group is given twice, on lines %u and %u"), GPOINTER_TO_UINT (first), line_no);
          g_hash_table_insert (groups, g_strdup (group), GUINT_TO_POINTER (line_no));
          g_clear_pointer (&keys, g_hash_table_unref);
          keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          continue;
        }

      stop = memchr (p, '=', eol - p);
      if (stop == NULL || stop == p)
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, NULL,
                               _("not a scenario file: line %u is neither a [group], a key=value line nor a comment"),
                               line_no);

      if (group == NULL)
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, NULL,
                               _("not a scenario file: line %u comes before the first [group]"), line_no);

      {
        g_autofree char *key = g_strndup (p, stop - p);
        gpointer first;

        g_strchomp (key);
        if (!is_key_name (key))
          return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                                 _("line %u: “%s” is not a key name (letters, digits and “-”)"), line_no, hl_loader_quote (loader, key));
        if (g_hash_table_lookup_extended (keys, key, NULL, &first))
          return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                                 _("%s: given twice, on lines %u and %u"), hl_loader_quote (loader, key),
                                 GPOINTER_TO_UINT (first), line_no);
        g_hash_table_insert (keys, g_steal_pointer (&key), GUINT_TO_POINTER (line_no));
      }
    }

  return TRUE;
}

gboolean
hl_loader_is_request_path (const char *path)
{
  if (path[0] != '/')
    return FALSE;

  for (const char *p = path; *p != '\0'; p++)
    if ((guchar)*p <= 0x20 || (guchar)*p >= 0x7f)
      return FALSE;

  return TRUE;
}

gboolean
hl_loader_parse_actor (const char *text,
                       HlActor    *actor)
{
  if (g_strcmp0 (text, "client") == 0)
    *actor = HL_ACTOR_CLIENT;
  else if (g_strcmp0 (text, "server") == 0)
    *actor = HL_ACTOR_SERVER;
  else
    return FALSE;
  return TRUE;
}

gboolean
hl_loader_check_demo_key (HlLoader   *loader,
                          const char *group,
                          const char *key,
                          const char *value,
                          GError    **error)
{
  g_autofree char *resource = g_strconcat (PKI_RESOURCE_DIR, value, ".pem", NULL);

  if (!g_resources_get_info (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL))
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                           _("%s: there is no demo key “%s” in data/pki"), key, hl_loader_quote (loader, value));

  return TRUE;
}
