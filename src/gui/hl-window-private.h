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
  GtkLabel             *story_label;
  GtkLabel             *step_title_label;
  GtkLabel             *explanation_label;
  GtkWidget            *outcome_pending_label;
  GtkWidget            *outcome_box;
  GtkImage             *outcome_icon;
  GtkLabel             *outcome_label;
  GtkLabel             *summary_label;
  GtkLabel             *expectation_label;
  GtkLabel             *scenario_summary_label;
  GtkWidget            *lesson_heading;
  GtkLabel             *lesson_label;
  HlMessageView        *message_view;
  HlDigestView         *keys_view;
  HlCertificateView    *certificates_view;
};

void _hl_window_report_error     (HlWindow       *self,
                                  const char     *heading,
                                  GError         *error);
void _hl_window_class_files_init (GtkWidgetClass *widget_class);
void _hl_window_lecture_init     (HlWindow       *self);
void _hl_window_fullscreen_action (GtkWidget     *widget,
                                   const char    *action_name,
                                   GVariant      *parameter);
void _hl_window_zoom_action       (GtkWidget     *widget,
                                   const char    *action_name,
                                   GVariant      *parameter);
GtkWidget *_hl_window_create_step_row     (gpointer        item,
                                           gpointer        user_data);
void       _hl_window_build_scenario_menu (GtkMenuButton  *button,
                                           gpointer        user_data);
void _hl_window_set_run          (HlWindow       *self,
                                  HlScenario     *scenario,
                                  HlTrace        *trace);

G_END_DECLS
