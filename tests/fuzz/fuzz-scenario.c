/* fuzz-scenario.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A libFuzzer harness for the scenario reader: the input is the text of a
 * .scenario file, given to hl_scenario_new_from_data().  A scenario that
 * loads is not run (a handshake per input would make the fuzzer a
 * thousand times slower and test the engine, not the reader); its lesson
 * texts are read back and it is freed.
 *
 * Besides the sanitizers' own checks, the reader must keep its promise:
 * a scenario or an error, never both or neither; an error in
 * HL_SCENARIO_ERROR whose message starts with the origin, is valid UTF-8
 * (the GUI shows it as it is) and is one line of at most 1024 bytes,
 * whatever the input quotes; a loaded scenario has an id, a title and a
 * summary.
 *
 * The seed corpus in corpus/scenario: every built-in lesson, and broken
 * variants (unknown key, dangling reference, bad time, bad suite, a
 * truncated file, a translated title; a key or a group given twice, a
 * version list with a gap, 49 suites, control characters, host names that
 * are none, a long line, limits of text and certificates).
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hl-scenario.h"

#define ORIGIN "fuzz"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_text (const char *text)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  HlScenario *scenario;

  /* (gsize) -1 would mean "NUL-terminated": never a real size here. */
  scenario = hl_scenario_new_from_data (size > 0 ? (const char *) data : "", size, ORIGIN, &error);

  if (scenario == NULL)
    {
      /* One short line: values are quoted as excerpts, never whole. */
      if (error == NULL ||
          error->domain != HL_SCENARIO_ERROR ||
          !g_str_has_prefix (error->message, ORIGIN ": ") ||
          !g_utf8_validate (error->message, -1, NULL) ||
          strchr (error->message, '\n') != NULL ||
          strlen (error->message) > 1024)
        abort ();
      g_error_free (error);
      return 0;
    }

  if (error != NULL)
    abort ();

  check_text (hl_scenario_get_id (scenario));
  check_text (hl_scenario_get_title (scenario));
  check_text (hl_scenario_get_summary (scenario));
  if (hl_scenario_get_lesson (scenario) != NULL)
    check_text (hl_scenario_get_lesson (scenario));
  if (hl_scenario_get_fault_description (scenario) != NULL)
    check_text (hl_scenario_get_fault_description (scenario));

  g_object_unref (scenario);

  return 0;
}
