/* test-cli.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What the parts of test-cli share: running handshake-lab-cli and other tools.
 * What a function does is said at its definition. */

#include <stdlib.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "hl-scenario.h"
#include "hl-test-util.h"

/* More than a scenario file may hold (1 MiB). */
#define HL_TEST_BIG (2 * 1024 * 1024)

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

void result_clear (Result *r);

void run_cli (Result *r,
              ...);

void run_cli_in (Result     *r,
                 const char *language,
                 va_list     args);

guint count_lines (const char *text);

char *write_variant (const char *dir,
                     const char *name,
                     const char *from,
                     const char *to);

char *repeat_text (const char *item,
                   const char *separator,
                   guint       n);

char *read_text (const char *path);

int run_shell (const char *command,
               char      **err);

void run_openssl (const char *dir,
                  const char *command);

char *run_tool (const char *command);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Each area's cases, registered in the order they run. */
void hl_test_cli_add_run_tests (void);
void hl_test_cli_add_bad_input_tests (void);
void hl_test_cli_add_exports_tests (void);
void hl_test_cli_add_lessons_tests (void);
void hl_test_cli_add_judges_tests (void);
