/* hl-test-gui.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * What the GUI tests share: the one registered application they open
 * windows of, widgets found depth-first by what a test looks for, the main
 * loop run for a while, keys pressed, screenshots read back.  test-gui is
 * one program built from several files, one per area, each registering its
 * cases with hl_test_gui_add_*_tests(): every program started under Xvfb
 * costs.
 */

#include <gtk/gtk.h>

#include "hl-application.h"

G_BEGIN_DECLS

/**
 * HlTestWidgetTest:
 * @widget: a widget
 * @data: what the caller passed along
 *
 * Returns: whether @widget is the one looked for
 */
typedef gboolean (*HlTestWidgetTest) (GtkWidget     *widget,
                                      gconstpointer  data);

/**
 * hl_test_gui_init:
 * @argc: the program's argument count
 * @argv: the program's arguments
 *
 * Initializes GTK for testing (with the test accessibility backend, so
 * that tests read accessible properties) and the translations, and, but in
 * a subprocess of g_test_trap_subprocess(), registers the application the
 * in-process tests share: an application keeps its D-Bus object path
 * until it is finalized.
 */
void             hl_test_gui_init                     (int           *argc,
                                                       char        ***argv);

/**
 * hl_test_gui_get_application:
 *
 * Returns: (transfer none) (nullable): the shared application, %NULL in a
 *   subprocess
 */
HlApplication   *hl_test_gui_get_application          (void);

/**
 * hl_test_gui_finish:
 *
 * Releases the shared application.
 */
void             hl_test_gui_finish                   (void);

/**
 * hl_test_gui_find_first:
 * @root: a widget
 * @test: what the widget looked for passes
 * @data: passed to @test
 *
 * Returns: (transfer none) (nullable): the first widget under @root, @root
 *   included, in depth-first order, that @test accepts
 */
GtkWidget       *hl_test_gui_find_first               (GtkWidget        *root,
                                                       HlTestWidgetTest  test,
                                                       gconstpointer     data);

/**
 * hl_test_gui_find_widget:
 * @root: a widget
 * @type: the type looked for
 * @css_class: (nullable): a CSS class it has too
 *
 * Returns: (transfer none) (nullable): the first widget under @root of
 *   @type, with @css_class
 */
GtkWidget       *hl_test_gui_find_widget              (GtkWidget     *root,
                                                       GType          type,
                                                       const char    *css_class);

/**
 * hl_test_gui_find_label:
 * @root: a widget
 * @text: a label's whole text
 *
 * Returns: (transfer none) (nullable): the first label under @root that
 *   shows @text
 */
GtkWidget       *hl_test_gui_find_label               (GtkWidget     *root,
                                                       const char    *text);

/**
 * hl_test_gui_count_with_class:
 * @root: a widget
 * @css_class: a CSS class
 *
 * Returns: how many widgets under @root, @root included, have @css_class
 */
guint            hl_test_gui_count_with_class         (GtkWidget     *root,
                                                       const char    *css_class);

/**
 * hl_test_gui_count_labels:
 * @root: a widget
 * @text: a text
 * @within: whether a label's text that holds @text counts too
 *
 * Returns: how many labels under @root show @text
 */
guint            hl_test_gui_count_labels             (GtkWidget     *root,
                                                       const char    *text,
                                                       gboolean       within);

/**
 * hl_test_gui_assert_nothing_ellipsized:
 * @root: a widget
 *
 * Fails the test when a label under @root that is on screen shows its text
 * cut with "…".
 */
void             hl_test_gui_assert_nothing_ellipsized (GtkWidget    *root);

/**
 * hl_test_gui_spin:
 * @ms: milliseconds
 *
 * Runs the main loop for @ms: for what waits for an idle or a timeout
 * (scrolling a row into view).
 */
void             hl_test_gui_spin                     (guint          ms);

/**
 * hl_test_gui_open_sized:
 * @app: the application
 * @id: a lesson of the catalog
 * @width: the window's width
 * @height: the window's height
 *
 * Opens @id in a window of that size, not maximized, drawn and settled.
 *
 * Returns: (transfer none): the window
 */
HlWindow        *hl_test_gui_open_sized               (HlApplication *app,
                                                       const char    *id,
                                                       int            width,
                                                       int            height);

/**
 * hl_test_gui_try_key:
 * @window: a window
 * @keyval: a key without modifiers, one the window has a shortcut for
 *
 * Returns: whether the window's shortcut for @keyval took the key: not
 *   when it belongs to the widget with the focus (an entry's letters)
 */
gboolean         hl_test_gui_try_key                  (HlWindow      *window,
                                                       guint          keyval);

/**
 * hl_test_gui_press_key:
 * @window: a window
 * @keyval: a key without modifiers
 *
 * What a clicker sends: the window's own key binding for @keyval,
 * activated as a key press would.  The test fails when there is none.
 */
void             hl_test_gui_press_key                (HlWindow      *window,
                                                       guint          keyval);

/**
 * hl_test_gui_write_expired_scenario:
 * @dir: a directory
 *
 * Writes rsa-basic with a server certificate that expired on
 * 2026-01-01 into @dir, as expired.scenario.
 *
 * Returns: (transfer full): its path
 */
char            *hl_test_gui_write_expired_scenario   (const char    *dir);

/**
 * hl_test_gui_read_png:
 * @path: a PNG file
 * @width: (out): its width
 * @height: (out): its height
 *
 * Returns: (transfer full): its pixels, 4 bytes each, row by row
 */
guint32         *hl_test_gui_read_png                 (const char    *path,
                                                       int           *width,
                                                       int           *height);

/**
 * hl_test_gui_assert_png_not_blank:
 * @path: a PNG file a window was drawn into
 *
 * Fails the test unless it is big enough (360 by 360 at least) and not
 * one flat colour.
 */
void             hl_test_gui_assert_png_not_blank     (const char    *path);

/* Each area's cases, registered with the shared application as data. */
void             hl_test_gui_add_window_tests         (void);
void             hl_test_gui_add_files_tests          (void);
void             hl_test_gui_add_settings_tests       (void);
void             hl_test_gui_add_lecture_tests        (void);
void             hl_test_gui_add_views_tests          (void);
void             hl_test_gui_add_keys_tests           (void);
void             hl_test_gui_add_experiment_tests     (void);
void             hl_test_gui_add_panels_tests         (void);

G_END_DECLS
