/* test-openssl-chains.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What the parts of test-openssl-chains share: a lesson's run and its
 * certificates written out for the other stacks. */

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "hl-engine.h"
#include "hl-names.h"
#include "hl-test-util.h"

/* Every tool runs under timeout(1), for this many seconds. */
#define TIMEOUT "30"

typedef struct
{
  char      *dir;
  HlScenario *scenario;
  HlTrace   *trace;
  HlPki     *pki;
} Lesson;

typedef struct
{
  char *client;   /* what s_client printed */
  char *server;   /* what s_server printed */
} Handshake;

/* Runs @first and its arguments (NULL-terminated) under timeout(1):
 * returns its exit status, and what it wrote (standard output, then
 * standard error) in @out. */
int       run                 (char              **out,
                               const char         *first,
                               ...) G_GNUC_NULL_TERMINATED;

/**
 * sent_chain:
 * @lesson: a lesson
 * @sender: the side whose chain it is
 * @prefix: the start of the files' names
 * @leaf_path: (out): the leaf's PEM file
 * @rest_path: (out): the rest of the chain's
 * @all_path: (out): the whole chain's
 *
 * Writes the chain @sender put on the wire into the lesson's directory.
 *
 * Returns: how many certificates it holds
 */
guint     sent_chain          (Lesson             *lesson,
                               HlActor             sender,
                               const char         *prefix,
                               char              **leaf_path,
                               char              **rest_path,
                               char              **all_path);

/* Writes the certificates named in @trust into @name; returns its path. */
char     *trust_store         (Lesson             *lesson,
                               const char         *name,
                               const char * const *trust);

/* The path of the demo key of @certificate's recipe. */
char     *demo_key_path       (Lesson             *lesson,
                               const char         *certificate);

/* One handshake of OpenSSL with itself, @checker judging (the handshake
 * file). */
void      openssl_handshake   (Lesson             *lesson,
                               HlActor             checker,
                               Handshake          *result);

/* Whether both ends finished the handshake. */
gboolean  handshake_completed (const Handshake    *handshake);
