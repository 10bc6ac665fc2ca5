/* test-gui.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The GUI tests: one program, so that Xvfb starts it once, built from one
 * file per area (test-gui-*.c); what they share is in hl-test-gui.c. */

#define G_LOG_DOMAIN "test-gui"

#include "config.h"

#include "hl-test-gui.h"

int
main (int   argc,
      char *argv[])
{
  int status;

  hl_test_gui_init (&argc, &argv);

  /* In the order the cases ran when they were one file: the window's
   * first, the panels' last. */
  hl_test_gui_add_window_tests ();
  hl_test_gui_add_files_tests ();
  hl_test_gui_add_settings_tests ();
  hl_test_gui_add_lecture_tests ();
  hl_test_gui_add_views_tests ();
  hl_test_gui_add_keys_tests ();
  hl_test_gui_add_panels_tests ();
  hl_test_gui_add_experiment_tests ();

  status = g_test_run ();
  hl_test_gui_finish ();

  return status;
}
