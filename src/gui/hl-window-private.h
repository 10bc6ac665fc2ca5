/* hl-window-private.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What the files of HlWindow share: hl-window.c (the window, playback,
 * panels, presentation mode), hl-window-files.c (open and export),
 * hl-window-lecture.c (the view: zoom, fit, blank screen, the panes) and
 * hl-window-steps.c (the step list and the Scenario menu). */

#include "hl-certificate-view.h"
#include "hl-digest-view.h"
#include "hl-experiment.h"
#include "hl-lesson-view.h"
#include "hl-message-view.h"
#include "hl-player.h"
#include "hl-sequence-view.h"
#include "hl-window.h"

G_BEGIN_DECLS

struct _HlWindow
{
  AdwApplicationWindow  parent_instance;

  HlScenario           *scenario;
  HlTrace              *trace;
  HlExperiment         *experiment;         /* the lesson shown, as the Experiment panel changes it */
  HlTrace              *lesson_trace;       /* the run of the lesson before any change */
  int                   steps_height;       /* the step list's height before the Experiment panel */
  HlPlayer             *player;
  GSettings            *settings;
  GtkFileChooserNative *chooser;
  guint                 chooser_position;   /* the diagram's steps to export */
  GCancellable         *opening;          /* an Open… in progress, on its thread */
  gboolean              syncing_list;
  gboolean              presentation_mode;
  gboolean              fullscreen_before;
  gboolean              reveal_outcome;     /* the outcome and future steps before the end */
  int                   first_server_step;  /* where the negotiated suite becomes known */
  guint                 list_scroll_idle;

  GtkWidget            *header_bar;
  GtkWidget            *blank_screen;
  GtkPaned             *side_paned;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *scenario_button;
  GtkMenuButton        *menu_button;
  GtkButton            *play_button;
  GtkLabel             *position_label;
  GtkDropDown          *speed_dropdown;
  GtkScrolledWindow    *ladder_scroller;
  GtkPaned             *main_paned;
  HlSequenceView       *sequence_view;
  GtkScrolledWindow    *step_scroller;
  GtkListBox           *step_list;
  AdwViewStack         *panel_stack;
  HlLessonView         *lesson_view;
  HlMessageView        *message_view;
  HlDigestView         *keys_view;
  HlCertificateView    *certificates_view;
  GtkStack             *side_stack;
  AdwBin               *experiment_page;
};

/**
 * _hl_window_report_error:
 * @self: the window
 * @heading: the dialog's translated heading
 * @error: the error whose message the dialog shows
 *
 * Shows @error in a message dialog over @self.
 */
void _hl_window_report_error     (HlWindow       *self,
                                  const char     *heading,
                                  GError         *error);

/**
 * _hl_window_class_files_init:
 * @widget_class: the window's class
 *
 * Installs the file actions (win.open-file, win.export,
 * win.export-diagram) and their shortcuts (Ctrl+O, Ctrl+E, Ctrl+Shift+E).
 */
void _hl_window_class_files_init (GtkWidgetClass *widget_class);

/**
 * _hl_window_lecture_init:
 * @self: the window, its template children bound
 *
 * Adds the "lecture" action group (blank, diagram-only, tall-step-list,
 * fit) and follows presentation mode.
 */
void _hl_window_lecture_init     (HlWindow       *self);

/**
 * _hl_window_fullscreen_action:
 * @widget: the window
 * @action_name: the action's name
 * @parameter: (nullable): unused
 *
 * Toggles fullscreen.
 */
void _hl_window_fullscreen_action (GtkWidget     *widget,
                                   const char    *action_name,
                                   GVariant      *parameter);

/**
 * _hl_window_zoom_action:
 * @widget: the window
 * @action_name: win.zoom-in, win.zoom-out, or another zoom action, which
 *   resets the zoom to 1
 * @parameter: (nullable): unused
 *
 * Zooms the diagram by 1.2 in or out, or back to 1.  A fitted diagram has
 * the size of the screen: zooming leaves Fit.
 */
void _hl_window_zoom_action       (GtkWidget     *widget,
                                   const char    *action_name,
                                   GVariant      *parameter);

/**
 * _hl_window_create_step_row:
 * @item: an #HlStep of the trace
 * @user_data: the window (unused)
 *
 * A #GtkListBoxCreateWidgetFunc: a row of the step list, with the story
 * badge, the title over the direction, and the lock and the verdict.
 * Built by hand rather than as an AdwActionRow, whose many boxes cost a
 * third of the window's start-up on a long lesson.
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *_hl_window_create_step_row     (gpointer        item,
                                           gpointer        user_data);

/**
 * _hl_window_build_scenario_menu:
 * @button: the scenario menu's button
 * @user_data: unused
 *
 * A #GtkMenuButtonCreatePopupFunc: fills the scenario menu with one
 * submenu per group, in teaching order.  Built when the menu first opens:
 * its popover and 31 items are not worth building for a window that may
 * never show them.  Does nothing once the menu is built.
 */
void       _hl_window_build_scenario_menu (GtkMenuButton  *button,
                                           gpointer        user_data);

/**
 * _hl_window_experiment_dispose:
 * @self: the window
 *
 * Drops the experiment and the lesson's first run.
 */
void    _hl_window_experiment_dispose     (HlWindow       *self);

/**
 * _hl_window_class_experiment_init:
 * @widget_class: the window's class
 *
 * Installs win.experiment (E shows or hides the Experiment panel),
 * win.undo and win.redo (Ctrl+Z, Shift+Ctrl+Z: the experiment's edits).
 */
void    _hl_window_class_experiment_init  (GtkWidgetClass *widget_class);

/**
 * _hl_window_experiment_follow_run:
 * @self: the window
 *
 * Called with each run the window shows: a scenario that is not the
 * experiment's own starts a new experiment from it; a run of the changed
 * lesson has the Lesson panel say what the change did.
 */
void    _hl_window_experiment_follow_run  (HlWindow       *self);

/**
 * _hl_window_experiment_show:
 * @self: the window
 * @shown: whether the Experiment panel takes the panels' place
 */
void    _hl_window_experiment_show        (HlWindow       *self,
                                           gboolean        shown);

/**
 * _hl_window_experiment_save_text:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): the lesson as changed, as a
 *   scenario file, for Export… to a .scenario file
 */
GBytes *_hl_window_experiment_save_text   (HlWindow       *self);

/**
 * _hl_window_set_run:
 * @self: the window
 * @scenario: (transfer none): the scenario run
 * @trace: (transfer none): its trace
 *
 * Shows the run of @scenario from its start; the window keeps references.
 */
void _hl_window_set_run          (HlWindow       *self,
                                  HlScenario     *scenario,
                                  HlTrace        *trace);

G_END_DECLS
