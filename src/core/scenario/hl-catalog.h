/* hl-catalog.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * The catalog: the built-in lessons in teaching order, in groups.
 *
 * It is data/scenarios/catalog.ini, read from the core's GResource once.
 * The window's lesson menu and `handshake-lab-cli list` follow it;
 * hl_scenario_list_builtin() returns its order.
 */

#include <glib.h>

G_BEGIN_DECLS

/**
 * hl_catalog_get_groups:
 *
 * The groups of the catalog, in teaching order: "basics", "mutual-tls", …
 *
 * Returns: (transfer full): the group ids, %NULL-terminated
 */
char       **hl_catalog_get_groups      (void);

/**
 * hl_catalog_dup_group_title:
 * @group: a group id, "basics"
 *
 * Returns: (transfer full) (nullable): the group's translated title, or
 *   %NULL when the catalog has no group @group
 */
char        *hl_catalog_dup_group_title (const char *group);

/**
 * hl_catalog_get_lessons:
 * @group: a group id, "basics"
 *
 * Returns: (transfer full): the ids of the lessons of @group in teaching
 *   order, %NULL-terminated; empty when the catalog has no group @group
 */
char       **hl_catalog_get_lessons     (const char *group);

G_END_DECLS
