/* hl-lesson-view.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlLessonView: the Lesson panel.
 *
 * The step playback is on (its place in the story, its title and
 * explanation), how the run ends (the outcome, the run's summary and
 * whether the scenario expects it), the scenario's summary and what to
 * take away.  No spoilers: the outcome shows only once playback reaches
 * the end, unless #HlLessonView:reveal-outcome is set.
 *
 * Its static part is the template ui/hl-lesson-view.ui; it follows its
 * "player" as every panel does (#HlPanel).
 */

#include <gtk/gtk.h>

#include "hl-panel.h"

G_BEGIN_DECLS

#define HL_TYPE_LESSON_VIEW (hl_lesson_view_get_type ())

G_DECLARE_FINAL_TYPE (HlLessonView, hl_lesson_view, HL, LESSON_VIEW, HlPanel)

/**
 * hl_lesson_view_new:
 *
 * Returns: (transfer floating): an empty Lesson panel
 */
GtkWidget *hl_lesson_view_new                (void);

/**
 * hl_lesson_view_get_reveal_outcome:
 * @self: a Lesson panel
 *
 * Returns: whether the outcome shows before playback reaches the end
 */
gboolean   hl_lesson_view_get_reveal_outcome (HlLessonView *self);

/**
 * hl_lesson_view_set_reveal_outcome:
 * @self: a Lesson panel
 * @reveal_outcome: whether to show the outcome from the start
 *
 * Shows how the run ends from the start, or only once playback gets there.
 */
void       hl_lesson_view_set_reveal_outcome (HlLessonView *self,
                                              gboolean      reveal_outcome);

/**
 * hl_lesson_view_set_change_text:
 * @self: a Lesson panel
 * @text: (nullable): what a change to the lesson did, or %NULL
 *
 * Says @text, neutral, where the panel says whether the scenario expects
 * the outcome: a changed lesson's [Expect] speaks of the lesson, not of
 * the change.  %NULL says again what the scenario expects.  A new run
 * clears it.
 */
void       hl_lesson_view_set_change_text    (HlLessonView *self,
                                              const char   *text);

G_END_DECLS
