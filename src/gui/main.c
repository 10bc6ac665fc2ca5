/* main.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "handshake-lab"

#include "config.h"

#include <signal.h>
#include <glib/gi18n.h>

#include "hl-application.h"
#include "hl-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HlApplication) app = NULL;
  int status;

  hl_i18n_init ();

  /* A file size limit (ulimit -f) is then an error the export or the
   * screenshot reports, not a signal that kills the window and its run. */
  signal (SIGXFSZ, SIG_IGN);

  g_set_application_name (_("Handshake Lab"));

  app = hl_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);

  /* g_application_run() reports only what was decided before the main
   * loop; a failure inside it (a screenshot not written) comes from here. */
  if (status == 0)
    status = hl_application_get_exit_status (app);

  return status;
}
