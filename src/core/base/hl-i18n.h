/* hl-i18n.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * hl_i18n_init:
 *
 * Sets the locale from the environment and binds the translations: the
 * installed ones, or those in $HANDSHAKE_LAB_LOCALEDIR when it is set (the
 * build tree's po/, for the tests, build-aux/run and meson devenv).
 */
void hl_i18n_init (void);

G_END_DECLS
