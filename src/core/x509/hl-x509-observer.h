/* hl-x509-observer.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlX509Observer: watches BearSSL check a certificate chain.
 *
 * BearSSL hands each certificate of a chain to an X.509 engine through a
 * vtable (br_x509_class).  The observer is such an engine: it forwards
 * every call to a real br_x509_minimal_context and keeps a copy of what
 * went through — the DER of each certificate, the server name asked for,
 * and the verdict of end_chain — so that the trace can show the chain and
 * the result of its check.
 *
 * Install it with br_ssl_engine_set_x509 (engine, &observer.vtable) after
 * the engine's *_init_full, which installs its own.
 */

#include <glib.h>
#include <bearssl.h>

G_BEGIN_DECLS

typedef struct _HlX509Observer HlX509Observer;

/**
 * HlX509ObserverFunc:
 * @observer: the observer whose inner engine just gave its verdict
 * @user_data: the observer's user_data
 *
 * Called by the observer when end_chain has a verdict, in @observer's
 * result; set it as on_end_chain.
 */
typedef void (*HlX509ObserverFunc) (HlX509Observer *observer,
                                    gpointer        user_data);

struct _HlX509Observer
{
  const br_x509_class    *vtable;   /* must stay first */
  br_x509_minimal_context *inner;
  GPtrArray              *certs;    /* GBytes, DER, in the order received */
  GByteArray             *current;
  char                   *server_name;
  unsigned                result;
  HlX509ObserverFunc      on_end_chain;  /* called when end_chain has a verdict */
  gpointer                user_data;
};

/**
 * hl_x509_observer_init:
 * @self: caller-owned storage
 * @inner: the configured X.509 engine that does the real checks
 */
void    hl_x509_observer_init  (HlX509Observer          *self,
                                br_x509_minimal_context *inner);

/**
 * hl_x509_observer_clear:
 * @self: an initialized observer
 *
 * Frees what the observer recorded; @self can be initialized again.
 */
void    hl_x509_observer_clear (HlX509Observer          *self);

G_END_DECLS
