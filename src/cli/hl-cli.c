/* hl-cli.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-cli"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "hl-engine.h"
#include "hl-export.h"
#include "hl-file.h"
#include "hl-i18n.h"
#include "hl-cli-edit.h"
#include "hl-export-format.h"
#include "hl-names.h"
#include "hl-scenario.h"
#include "hl-cli-private.h"

#define HEX_COLUMNS 64
/* A continuation aligns under the value, unless that leaves it fewer
 * columns than this. */
#define MIN_VALUE_COLUMNS 40

/* --repeat is for timing and for checking that runs agree; beyond this it
 * only keeps a terminal busy for hours. */
#define MAX_REPEAT 100000

/* An error is one line: whatever a path or an argument holds (a newline),
 * it is escaped here. */
int G_GNUC_PRINTF (1, 2)
hl_cli_usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  line = hl_file_one_line (message);
  g_printerr ("handshake-lab-cli: %s\n", line);

  return EXIT_USAGE;
}

/* What goes to standard output goes through here, so that a write that
 * fails (a full disk, /dev/full) is not lost: hl_cli_finish_output() turns it
 * into an error. */
static int output_errno;

void G_GNUC_PRINTF (1, 2)
hl_cli_print (const char *format,
           ...)
{
  g_autofree char *text = NULL;
  gsize len;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  len = strlen (text);
  if (fwrite (text, 1, len, stdout) != len && output_errno == 0)
    output_errno = errno != 0 ? errno : EIO;
}

int
hl_cli_finish_output (int status)
{
  if (fflush (stdout) != 0 && output_errno == 0)
    output_errno = errno != 0 ? errno : EIO;
  if (output_errno == 0 && ferror (stdout))
    output_errno = EIO;

  if (output_errno != 0)
    return hl_cli_usage_error (_("could not write the output: %s"), g_strerror (output_errno));

  return status;
}

const char *
hl_cli_arrow (HlStep *step)
{
  HlActor actor = hl_step_get_actor (step);

  if (actor == HL_ACTOR_NETWORK)
    return "    ✂ network     ";

  if (hl_step_is_message (step))
    return actor == HL_ACTOR_CLIENT ? "client ───▶ server" : "client ◀─── server";

  return actor == HL_ACTOR_CLIENT ? "client ●          " : "          ● server";
}

/* Bytes as hex, whole, HEX_COLUMNS digits a line. */
static void
print_wrapped_hex (GString    *out,
                   const char *indent,
                   const char *hex)
{
  gsize len = strlen (hex);

  for (gsize i = 0; i < len; i += HEX_COLUMNS)
    g_string_append_printf (out, "%s%.*s\n", indent, (int)MIN (HEX_COLUMNS, len - i), hex + i);
}

/* Appends @head (indented by @indent), then @text wrapped at spaces to
 * LINE_COLUMNS, then @mark and a line break.  Continuation lines start
 * under the text (or 4 columns in, when that leaves too little room); a
 * word longer than a whole line is broken where the line ends (hex, a
 * long name). */
void
hl_cli_print_wrapped (GString    *out,
               guint       indent,
               const char *head,
               const char *text,
               const char *mark)
{
  guint column = indent + g_utf8_strlen (head, -1);
  guint hang = column + MIN_VALUE_COLUMNS <= LINE_COLUMNS ? column : indent + 4;
  gboolean line_start = TRUE;   /* nothing of @text on this line yet */
  const char *p = text;

  g_string_append_printf (out, "%*s%s", indent, "", head);

  while (*p != '\0')
    {
      const char *end = strchr (p, ' ');
      guint room;
      guint word;

      if (end == NULL)
        end = p + strlen (p);
      word = g_utf8_strlen (p, end - p);
      room = LINE_COLUMNS > column + !line_start ? LINE_COLUMNS - column - !line_start : 0;

      if (word > room && column > hang)
        {
          /* The space that stood here becomes the line break. */
          g_string_append_printf (out, "\n%*s", hang, "");
          column = hang;
          line_start = TRUE;
          continue;
        }
      if (word > room && room > 0)
        {
          /* Longer than any line: as much as fits, the rest on the next. */
          const char *cut = g_utf8_offset_to_pointer (p, room);

          g_string_append_len (out, p, cut - p);
          g_string_append_printf (out, "\n%*s", hang, "");
          p = cut;
          continue;
        }

      if (!line_start)
        g_string_append_c (out, ' ');
      g_string_append_len (out, p, end - p);
      column += word + !line_start;
      line_start = FALSE;
      p = *end == ' ' ? end + 1 : end;
    }

  g_string_append_printf (out, "%s\n", mark);
}

const char *
hl_cli_mark_of_flags (HlFieldFlags flags)
{
  if (flags & HL_FIELD_FLAG_DIFFER)
    return _("  ✗ differs");
  if (flags & HL_FIELD_FLAG_MATCH)
    return _("  ✓ matches");
  if (flags & HL_FIELD_FLAG_ERROR)
    return "  ⚠";
  if (flags & HL_FIELD_FLAG_PASS)
    return _("  ✓ pass");
  if (flags & HL_FIELD_FLAG_FAIL)
    return _("  ✗ FAIL");
  if (flags & HL_FIELD_FLAG_BELOW_GUIDANCE)
    return _("  ⚠ below guidance");
  if (flags & HL_FIELD_FLAG_NOT_REACHED)
    return _("  – not reached");
  if (flags & HL_FIELD_FLAG_SKIPPED)
    return _("  ⚠ not checked");
  return "";
}

static const char *
mark_of (HlField *field)
{
  return hl_cli_mark_of_flags (hl_field_get_flags (field));
}

/* A value on one line: line breaks (HTTP's CR LF) shown as ↵. */
char *
hl_cli_one_line (const char *value)
{
  GString *s = g_string_new (NULL);

  for (const char *p = value; *p; p++)
    {
      if (*p == '\r' && p[1] == '\n')
        continue;
      if (*p == '\n' || *p == '\r')
        g_string_append (s, "↵ ");
      else
        g_string_append_c (s, *p);
    }

  return g_string_free (s, FALSE);
}

/* Prints the children of @parent, @depth levels deep at most. */
static void
print_fields (GString *out,
              HlField *parent,
              guint    indent,
              guint    depth)
{
  guint n = hl_field_get_n_children (parent);

  for (guint i = 0; i < n; i++)
    {
      HlField *field = hl_field_get_child (parent, i);
      GBytes *data = hl_field_get_data (field);
      g_autofree char *flat = hl_cli_one_line (hl_field_get_value (field));
      const char *value = flat;

      if (data != NULL)
        {
          guint size = g_bytes_get_size (data);
          g_autofree char *what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", size), size);

          g_string_append_printf (out, "%*s%s (%s%s):%s\n", indent, "", hl_field_get_name (field), what,
                                  (hl_field_get_flags (field) & HL_FIELD_FLAG_SECRET) ? _(", secret") : "",
                                  mark_of (field));
        }
      else if (*value == '\0')
        g_string_append_printf (out, "%*s%s%s\n", indent, "", hl_field_get_name (field), mark_of (field));
      else
        {
          g_autofree char *head = g_strdup_printf ("%s: ", hl_field_get_name (field));

          hl_cli_print_wrapped (out, indent, head, value, mark_of (field));
        }

      if (data != NULL)
        {
          g_autofree char *pad = g_strnfill (indent + 2, ' ');

          print_wrapped_hex (out, pad, value);
        }

      if (depth > 1)
        print_fields (out, field, indent + 2, depth - 1);
    }
}

/* The outcome in words; JSON and scenario files use the identifiers. */
const char *
hl_cli_outcome_text (HlOutcome outcome)
{
  switch (outcome)
    {
    case HL_OUTCOME_SUCCESS:
      return C_("outcome", "success");
    case HL_OUTCOME_FAILED:
      return C_("outcome", "failed");
    case HL_OUTCOME_STALLED:
      return C_("outcome", "stalled");
    default:
      return hl_outcome_to_string (outcome);
    }
}

static char *
format_text (HlScenario *scenario,
             HlTrace    *trace)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GDateTime) clock = g_date_time_new_from_unix_utc (hl_scenario_get_clock (scenario));
  g_autofree char *clock_text = g_date_time_format (clock, "%Y-%m-%d %H:%M:%S UTC");
  g_autofree char *seed_text = g_strdup_printf ("%" G_GUINT64_FORMAT, hl_scenario_get_seed (scenario));
  guint n = hl_trace_get_n_steps (trace);

  g_string_append_printf (out, "%s — %s\n", hl_scenario_get_id (scenario), hl_scenario_get_title (scenario));
  if (hl_scenario_is_variant (scenario))
    g_string_append (out, _("changed from the lesson with --set or --clock-days; the title is the lesson’s\n"));
  g_string_append_printf (out, _("seed %s, clock %s, server name %s\n\n"),
                          seed_text, clock_text, hl_scenario_get_server_name (scenario));

  /* Steps stay in wire order, which is the truth; a heading stands where
   * the run enters a step of its connection's story, "continued" when it
   * comes back to one it had left. */
  for (guint i = 0, last = 0, connection = G_MAXUINT, headed = 0; i < n; i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);
      GBytes *bytes = hl_step_get_bytes (step);
      HlField *fields = hl_step_get_fields (step);
      guint story = hl_step_get_story (step);
      HlStoryKind kind = hl_step_get_story_kind (step);
      guint length = hl_story_length (kind);
      g_autofree char *story_text = story ? g_strdup_printf ("%u/%u", story, length) : g_strdup ("   ");
      const char *mark = "";

      if (hl_step_get_connection (step) != connection)
        {
          connection = hl_step_get_connection (step);
          last = 0;
          headed = 0;
        }

      if (story != 0 && story != last)
        {
          if (headed & (1u << story))
            g_string_append_printf (out, _("\n── Step %u of %u, continued: %s ──\n"), story, length,
                                    hl_story_title (kind, story));
          else
            g_string_append_printf (out, _("\n── Step %u of %u: %s ──\n"), story, length,
                                    hl_story_title (kind, story));
          headed |= 1u << story;
          last = story;
        }

      if (hl_step_get_verdict (step) == HL_VERDICT_OK)
        mark = " ✓";
      else if (hl_step_get_verdict (step) == HL_VERDICT_FAILED)
        mark = " ✗";
      else if (hl_step_get_verdict (step) == HL_VERDICT_WARNING)
        mark = " ⚠";

      g_string_append_printf (out, "%3u  [%s]  %s  %s%s", i + 1, story_text, hl_cli_arrow (step),
                              hl_step_get_title (step), mark);
      if (bytes != NULL && hl_step_is_message (step))
        {
          guint size = g_bytes_get_size (bytes);

          g_string_append_printf (out, ngettext ("  (%u byte%s)", "  (%u bytes%s)", size),
                                  size, hl_step_get_encrypted (step) ? _(", encrypted") : "");
        }
      g_string_append_c (out, '\n');

      if (*hl_step_get_explanation (step) != '\0')
        g_string_append_printf (out, "          %s\n", hl_step_get_explanation (step));

      if (fields != NULL)
        print_fields (out, fields, 10, hl_step_is_message (step) ? 2 : 3);

      if (hl_step_get_plaintext_fields (step) != NULL)
        {
          g_string_append_printf (out, "%10s%s\n", "", _("Decrypted:"));
          print_fields (out, hl_step_get_plaintext_fields (step), 12, 2);
        }
    }

  g_string_append_printf (out, "\n%s: %s\n", _("Outcome"), hl_cli_outcome_text (hl_trace_get_outcome (trace)));
  g_string_append_printf (out, "%s\n", hl_trace_get_summary_text (trace));

  return g_string_free (out, FALSE);
}

static int
cmd_list (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— list the built-in scenarios"));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  g_option_context_set_summary (context, _("Prints one scenario a line: its id and its title."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return hl_cli_usage_error ("%s", error->message);
  if (argc > 1)
    return hl_cli_usage_error (_("list: unexpected argument “%s”"), argv[1]);

  ids = hl_scenario_list_builtin ();
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (ids[i], &error);

      if (scenario == NULL)
        return hl_cli_usage_error ("%s", error->message);

      hl_cli_print ("%-28s %s\n", ids[i], hl_scenario_get_title (scenario));
    }

  return hl_cli_finish_output (EXIT_MATCHED);
}

/* The trace goes to standard output; a file that is standard output too
 * would be replaced under it (a regular file) or mixed into it (a pipe,
 * a terminal, through /dev/stdout or /proc/self/fd/1).  Only a sink that
 * keeps nothing, such as /dev/null, may be both. */
static gboolean
check_not_stdout (const char *option,
                  const char *path)
{
  struct stat out_st;
  struct stat st;

  if (path == NULL || fstat (STDOUT_FILENO, &out_st) != 0 ||
      stat (path, &st) != 0 || st.st_dev != out_st.st_dev || st.st_ino != out_st.st_ino ||
      (S_ISCHR (out_st.st_mode) && !isatty (STDOUT_FILENO)))
    return TRUE;

  {
    g_autofree char *display = hl_file_display_name (path);

    hl_cli_usage_error (_("run: %s: “%s” is the standard output, where the trace goes; name another file"),
                 option, display);
  }

  return FALSE;
}

/* --repeat can take minutes: a terminal sees the count go up, a log gets
 * a line every 10 seconds; standard output keeps only the summary. */
static void
report_progress (int done,
                 int total)
{
  static gint64 last;
  gboolean tty = isatty (STDERR_FILENO);
  gint64 now = g_get_monotonic_time ();
  g_autofree char *text = NULL;

  if (total == 1 || (done < total && now - last < (tty ? G_USEC_PER_SEC / 4 : 10 * G_USEC_PER_SEC)))
    return;
  if (last == 0 && done < total)
    {
      last = now;
      return;
    }
  last = now;

  text = g_strdup_printf (_("%d of %d runs"), done, total);
  if (tty)
    g_printerr ("\r%s", text);
  else if (done < total)
    g_printerr ("%s\n", text);
  if (tty && done == total)
    g_printerr ("\n");
}

static gboolean
check_exports_not_stdout (const char *pcapng_path,
                          const char *keylog_path,
                          const char *diagram_path)
{
  return check_not_stdout ("--export-pcapng", pcapng_path) &&
         check_not_stdout ("--export-keylog", keylog_path) &&
         check_not_stdout ("--export-diagram", diagram_path);
}

static void
setup_run_options (GOptionContext *context,
                   GOptionEntry   *entries)
{
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Exit status: 0 when the run ended as the scenario expects, 1 when it did not, "
                                  "2 on bad usage."));
  /* GOption would print the help itself and exit 0, even when the output
   * could not be written (a full disk). */
  g_option_context_set_help_enabled (context, FALSE);
}

static int
print_help_of (GOptionContext *context)
{
  g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

  hl_cli_print ("%s", text);
  return hl_cli_finish_output (EXIT_MATCHED);
}

/* The run's exports, all or none (hl_export_write_files()). */
static gboolean
write_exports (HlTrace         *trace,
               const char      *pcapng_path,
               const char      *keylog_path,
               const char      *diagram_path,
               HlExportFormat   diagram_format,
               guint            diagram_steps,
               GError         **error)
{
  g_autoptr(GBytes) capture = NULL;
  g_autoptr(GBytes) keylog = NULL;
  g_autoptr(GBytes) drawing = NULL;
  HlExportFile files[3];
  guint n = 0;

  if (pcapng_path != NULL)
    {
      if (!(capture = hl_export_format_render (trace, HL_EXPORT_FORMAT_PCAPNG, 0, error)))
        return FALSE;
      files[n++] = (HlExportFile) { "--export-pcapng", pcapng_path, capture };
    }

  if (keylog_path != NULL)
    {
      if (!(keylog = hl_export_format_render (trace, HL_EXPORT_FORMAT_KEYLOG, 0, error)))
        return FALSE;
      files[n++] = (HlExportFile) { "--export-keylog", keylog_path, keylog };
    }

  if (diagram_path != NULL)
    {
      if (!(drawing = hl_export_format_render (trace, diagram_format, diagram_steps, error)))
        return FALSE;
      files[n++] = (HlExportFile) { "--export-diagram", diagram_path, drawing };
    }

  return hl_export_write_files (files, n, error);
}

/* The scenario `run` runs: a file or a lesson, edited (--set,
 * --clock-days), with another seed; NULL once the error is printed. */
static HlScenario *
load_run_scenario (const char         *scenario_file,
                   const char         *id,
                   const char * const *edits,
                   int                 clock_days,
                   const char         *seed_text)
{
  g_autoptr(HlScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;

  if (scenario_file != NULL)
    scenario = hl_scenario_new_from_file (scenario_file, &error);
  else
    scenario = hl_scenario_load_builtin (id, &error);
  if (scenario == NULL)
    {
      hl_cli_usage_error ("%s", error->message);
      return NULL;
    }

  if (edits != NULL || clock_days != 0)
    {
      g_autoptr(HlScenario) edited = hl_cli_edit_scenario (scenario, edits, clock_days, &error);

      if (edited == NULL)
        {
          hl_cli_usage_error ("%s", error->message);
          return NULL;
        }
      g_set_object (&scenario, edited);
    }

  if (seed_text != NULL)
    {
      guint64 seed;

      if (!g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, NULL))
        {
          g_autofree char *excerpt = hl_file_excerpt (seed_text);

          hl_cli_usage_error (_("run: --seed takes a whole number from 0 up, not “%s”"), excerpt);
          return NULL;
        }
      hl_scenario_set_seed (scenario, seed);
    }

  return g_steal_pointer (&scenario);
}

static int
cmd_run (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("ID — run a scenario and print its trace"));
  g_autoptr(GError) error = NULL;
  gboolean help = FALSE;
  g_autoptr(HlScenario) scenario = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *format = NULL;
  g_autofree char *scenario_file = NULL;
  g_autofree char *pcapng_path = NULL;
  g_autofree char *keylog_path = NULL;
  g_autofree char *diagram_path = NULL;
  g_auto(GStrv) edits = NULL;
  int clock_days = 0;
  HlExportFormat diagram_format = HL_EXPORT_FORMAT_SVG;
  int diagram_step = G_MININT;  /* not given */
  int repeat = 1;
  int status = EXIT_MATCHED;
  gboolean with_costs = FALSE;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, N_("Use this seed instead of the scenario's"), N_("N") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text (default) or json"), N_("FORMAT") },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, N_("Run N times and print only the summary"), N_("N") },
    { "costs", 0, 0, G_OPTION_ARG_NONE, &with_costs, N_("Time the cryptography and add what it cost"), NULL },
    { "scenario-file", 0, 0, G_OPTION_ARG_FILENAME, &scenario_file, N_("Run the scenario in this file"), N_("PATH") },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &edits,
      N_("Change one key first, written as in a scenario file: “[Client] server-name=mail.example.test”"),
      N_("EDIT") },
    { "clock-days", 0, 0, G_OPTION_ARG_INT, &clock_days,
      N_("Move the clock N days from the scenario's; the certificates stay as they are"), N_("N") },
    { "export-pcapng", 0, 0, G_OPTION_ARG_FILENAME, &pcapng_path,
      N_("Write the run as a pcapng capture with its keys embedded (Wireshark decrypts it)"), N_("FILE") },
    { "export-keylog", 0, 0, G_OPTION_ARG_FILENAME, &keylog_path,
      N_("Write the key log (SSLKEYLOGFILE format)"), N_("FILE") },
    { "export-diagram", 0, 0, G_OPTION_ARG_FILENAME, &diagram_path,
      N_("Draw the ladder diagram into FILE: .svg, .pdf or .png, as the window draws it, in light colours"),
      N_("FILE") },
    { "diagram-step", 0, 0, G_OPTION_ARG_INT, &diagram_step,
      N_("Draw the diagram only up to step N (default: every step)"), N_("N") },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    { NULL }
  };

  setup_run_options (context, entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return hl_cli_usage_error ("%s", error->message);
  if (help)
    return print_help_of (context);

  if (scenario_file != NULL && argc > 1)
    return hl_cli_usage_error (_("run: give a scenario id or --scenario-file, not both"));
  if (scenario_file == NULL && argc < 2)
    return hl_cli_usage_error (_("run: which scenario? “handshake-lab-cli list” shows them"));
  if (argc > 2)
    {
      g_autofree char *excerpt = hl_file_excerpt (argv[2]);

      return hl_cli_usage_error (_("run: unexpected argument “%s”"), excerpt);
    }
  if (format != NULL && g_strcmp0 (format, "text") != 0 && g_strcmp0 (format, "json") != 0)
    {
      g_autofree char *excerpt = hl_file_excerpt (format);

      return hl_cli_usage_error (_("run: --format takes text or json, not “%s”"), excerpt);
    }
  if (repeat < 1 || repeat > MAX_REPEAT)
    return hl_cli_usage_error (_("run: --repeat takes a number from 1 to %d"), MAX_REPEAT);
  if (diagram_path != NULL && (!hl_export_format_for_path (diagram_path, &diagram_format) ||
                               !hl_export_format_is_diagram (diagram_format)))
    {
      g_autofree char *display = hl_file_display_name (diagram_path);

      return hl_cli_usage_error (_("run: --export-diagram: name the file .svg, .pdf or .png, not “%s”"), display);
    }
  if (diagram_step != G_MININT && (diagram_step < 1 || diagram_path == NULL))
    return hl_cli_usage_error (_("run: --diagram-step takes a step number from 1 up, with --export-diagram"));
  if (!check_exports_not_stdout (pcapng_path, keylog_path, diagram_path))
    return EXIT_USAGE;

  if (!(scenario = load_run_scenario (scenario_file, argv[1], (const char * const *)edits, clock_days, seed_text)))
    return EXIT_USAGE;

  for (int i = 0; i < repeat; i++)
    {
      g_autoptr(HlCosts) costs = with_costs ? hl_costs_new () : NULL;
      g_autoptr(HlTrace) trace = hl_engine_run_with_costs (scenario, costs, &error);
      g_autofree char *mismatch = NULL;

      if (trace == NULL)
        return hl_cli_usage_error ("%s", error->message);
      report_progress (i + 1, repeat);

      if (!hl_scenario_matches_trace (scenario, trace, &mismatch))
        status = EXIT_MISMATCH;

      if (i + 1 < repeat)
        continue;

      /* Every mistake is reported before any file is written. */
      if (diagram_step != G_MININT && (guint)diagram_step > hl_trace_get_n_steps (trace))
        return hl_cli_usage_error (g_dngettext (GETTEXT_PACKAGE,
                                         "run: --diagram-step %d: this run has only %u step",
                                         "run: --diagram-step %d: this run has only %u steps",
                                         hl_trace_get_n_steps (trace)),
                            diagram_step, hl_trace_get_n_steps (trace));

      if (!write_exports (trace, pcapng_path, keylog_path, diagram_path, diagram_format,
                          diagram_step != G_MININT ? (guint)diagram_step : hl_trace_get_n_steps (trace),
                          &error))
        return hl_cli_usage_error ("%s", error->message);

      if (repeat > 1)
        hl_cli_print (_("%s: %d runs, last outcome %s%s%s\n"), hl_scenario_get_id (scenario), repeat,
                   hl_cli_outcome_text (hl_trace_get_outcome (trace)),
                   mismatch ? " — " : "", mismatch ? mismatch : "");
      else if (g_strcmp0 (format, "json") == 0)
        {
          g_autofree char *json = costs ? hl_cli_run_costs_json (trace, costs) : hl_export_json_string (trace, TRUE);

          hl_cli_print ("%s\n", json);
        }
      else
        {
          g_autofree char *text = format_text (scenario, trace);
          g_autofree char *costs_text = costs ? hl_cli_run_costs_text (costs) : NULL;

          hl_cli_print ("%s%s", text, costs_text ? costs_text : "");
        }

      if (mismatch != NULL && repeat == 1 && hl_scenario_is_variant (scenario))
        g_printerr (_("handshake-lab-cli: the change changed how the run ends: %s\n"), mismatch);
      else if (mismatch != NULL && repeat == 1)
        g_printerr (_("handshake-lab-cli: the run did not end as the scenario expects: %s\n"), mismatch);
    }

  return hl_cli_finish_output (status);
}

static void
print_help (FILE *stream)
{
  fprintf (stream, "%s",
           _("Usage:\n"
             "  handshake-lab-cli list\n"
             "  handshake-lab-cli run ID [--seed N] [--format text|json] [--repeat N] [--costs]\n"
             "                         [--export-pcapng FILE] [--export-keylog FILE]\n"
             "                         [--export-diagram FILE.svg|.pdf|.png [--diagram-step N]]\n"
             "                         [--set \"[Group] key=value\"]... [--clock-days N]\n"
             "  handshake-lab-cli run --scenario-file PATH [...]\n"
             "  handshake-lab-cli diff A B [--format text|json] [--export-diagram FILE]\n"
             "  handshake-lab-cli costs [--bytes N] [--format text|json]\n"
             "  handshake-lab-cli --version\n"
             "\n"
             "Runs a real TLS handshake between a BearSSL client and a BearSSL server\n"
             "in this process and shows every step of it.\n"
             "“handshake-lab-cli COMMAND --help” tells more about a command.\n"));
}

int
main (int    argc,
      char **argv)
{
  hl_i18n_init ();

  /* A file size limit (ulimit -f) is then an error an export reports and
   * undoes, not a signal that kills the run half-way through a file. */
  signal (SIGXFSZ, SIG_IGN);

  if (argc < 2)
    {
      print_help (stderr);
      return EXIT_USAGE;
    }

  if (g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "-h") == 0 || g_strcmp0 (argv[1], "help") == 0)
    {
      print_help (stdout);
      return hl_cli_finish_output (EXIT_MATCHED);
    }

  if (g_strcmp0 (argv[1], "--version") == 0)
    {
      hl_cli_print ("handshake-lab-cli %s\n", PACKAGE_VERSION);
      return hl_cli_finish_output (EXIT_MATCHED);
    }

  if (g_strcmp0 (argv[1], "list") == 0)
    return cmd_list (argc - 1, argv + 1);

  if (g_strcmp0 (argv[1], "run") == 0)
    return cmd_run (argc - 1, argv + 1);

  if (g_strcmp0 (argv[1], "diff") == 0)
    return hl_cli_diff (argc - 1, argv + 1);

  if (g_strcmp0 (argv[1], "costs") == 0)
    return hl_cli_costs (argc - 1, argv + 1);

  return hl_cli_usage_error (_("unknown command “%s”; try --help"), argv[1]);
}
