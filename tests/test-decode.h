/* test-decode.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What the parts of test-decode share: real messages from real runs, and
 * checks of a decoded tree.
 * What a function does is said at its definition. */

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

void message_free (gpointer data);

HlTrace *run_rsa_basic (const char * const *edits);

extern const char * const ecdhe_rsa_edits[];

extern const char * const ecdhe_ecdsa_tls10_edits[];

GPtrArray *handshake_messages (HlTrace *trace);

Message *find_message (GPtrArray *messages,
                       guint      type);

HlField *decode_message (Message *m);

void assert_nested (HlField *field);

void collect_leaves (HlField *field,
                     GArray  *leaves);

void assert_leaves_cover (HlField *root,
                          gsize    start,
                          gsize    len);

guint count_errors (HlField *field);

HlField *first_error (HlField *field);

void assert_clean (HlField *root,
                   gsize    start,
                   gsize    len);

HlField *field_at (HlField    *root,
                   const char *path);

const char *value_at (HlField    *root,
                      const char *path);

void assert_span (HlField *field,
                  gsize    offset,
                  gsize    length);

void assert_top_level_covers (HlField *root,
                              gsize    len);

/* Each area's cases, registered in the order they run. */
void hl_test_decode_add_real_tests (void);
void hl_test_decode_add_wire_tests (void);
void hl_test_decode_add_hand_tests (void);
void hl_test_decode_add_malformed_tests (void);
