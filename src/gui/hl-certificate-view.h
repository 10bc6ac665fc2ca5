/* hl-certificate-view.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlCertificateView: the Certificates panel.
 *
 * For every chain check (HL_STEP_CHECK) playback has reached: the trust
 * store of the side that checks, one card per certificate of the chain
 * (subject, issuer, validity, key, signature algorithm, extensions, the DER
 * behind an expander), its rules with a ✓ / ✗ / – mark and the reason, and
 * BearSSL's own verdict with whether ours agrees.  When playback steps onto
 * a check, its rules tick in one by one on the frame clock; when it jumps
 * there, or animations are off, they are all there at once.
 *
 * Its static part (scroller, box, the text shown before any check) is
 * the template ui/hl-certificate-view.ui; it follows its "player" as
 * every panel does (#HlPanel).
 */

#include <gtk/gtk.h>

#include "hl-panel.h"
#include "hl-player.h"
#include "hl-scenario.h"
#include "hl-trace.h"

G_BEGIN_DECLS

#define HL_TYPE_CERTIFICATE_VIEW (hl_certificate_view_get_type ())

G_DECLARE_FINAL_TYPE (HlCertificateView, hl_certificate_view, HL, CERTIFICATE_VIEW, HlPanel)

/**
 * hl_certificate_view_new:
 *
 * Returns: (transfer floating): an empty Certificates panel
 */
GtkWidget *hl_certificate_view_new        (void);

G_END_DECLS
