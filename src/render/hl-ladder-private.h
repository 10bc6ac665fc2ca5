/* hl-ladder-private.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * What the files of the ladder diagram share:
 *
 *   hl-ladder-layout.c  the styles, the lanes, the rows: where everything goes
 *   hl-ladder.c         the drawing
 *   hl-ladder-file.c    the diagram as an SVG, PDF or PNG file
 */

#include "hl-ladder.h"

G_BEGIN_DECLS

/* Every length is a multiple of the font size, so that zooming the font
 * zooms the whole diagram and a projector shows the same picture. */
#define HEADER_HEIGHT(f)   ((f) * 5.0)
#define SIDE_MARGIN(f)     ((f) * 0.8)
#define GUTTER(f)          ((f) * 2.4)
#define LANE_INSET(f)      ((f) * 4.4)
#define MESSAGE_HEIGHT(f)  ((f) * 4.0)
#define NOTE_HEIGHT(f)     ((f) * 2.9)
#define FAILURE_HEIGHT(f)  ((f) * 8.6)
#define FOOTER(f)          ((f) * 2.0)

/* Where the lanes of the client, the server and the network stand. */
typedef struct
{
  double   client_x;
  double   server_x;
  double   network_x;
  gboolean has_network;
} HlLadderLanes;

void                 hl_ladder_compute_lanes    (HlTrace             *trace,
                                                 const HlLadderStyle *style,
                                                 double               width,
                                                 HlLadderLanes       *lanes);
double               hl_ladder_lane_x           (const HlLadderLanes *lanes,
                                                 HlActor              actor);
const HlLadderColor *hl_ladder_actor_color      (const HlLadderStyle *style,
                                                 HlActor              actor);
gboolean             hl_ladder_step_is_tamper   (HlStep              *step);
gboolean             hl_ladder_step_is_eavesdrop (HlStep             *step);
gboolean             hl_ladder_step_is_failure  (HlStep              *step);
gboolean             hl_ladder_step_is_callout  (HlStep              *step);
gboolean             hl_ladder_step_is_arrow    (HlStep              *step);
double               hl_ladder_row_height       (HlStep              *step,
                                                 double               font_size);

G_END_DECLS
