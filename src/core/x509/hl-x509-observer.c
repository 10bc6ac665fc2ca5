/* hl-x509-observer.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-x509-observer"

#include "config.h"

#include <string.h>

#include "hl-x509-observer.h"

#define OBSERVER(ctx) ((HlX509Observer *)(gpointer)(ctx))
#define INNER(ctx)    (&OBSERVER (ctx)->inner->vtable)

static void
observer_start_chain (const br_x509_class **ctx,
                      const char           *server_name)
{
  HlX509Observer *self = OBSERVER (ctx);

  g_ptr_array_set_size (self->certs, 0);
  g_clear_pointer (&self->current, g_byte_array_unref);
  g_free (self->server_name);
  self->server_name = g_strdup (server_name);
  self->result = 0;

  (*INNER (ctx))->start_chain (INNER (ctx), server_name);
}

static void
observer_start_cert (const br_x509_class **ctx,
                     uint32_t              length)
{
  HlX509Observer *self = OBSERVER (ctx);

  g_clear_pointer (&self->current, g_byte_array_unref);
  self->current = g_byte_array_sized_new (MIN (length, 65536));

  (*INNER (ctx))->start_cert (INNER (ctx), length);
}

static void
observer_append (const br_x509_class **ctx,
                 const unsigned char  *buf,
                 size_t                len)
{
  HlX509Observer *self = OBSERVER (ctx);

  if (self->current != NULL)
    g_byte_array_append (self->current, buf, len);

  (*INNER (ctx))->append (INNER (ctx), buf, len);
}

static void
observer_end_cert (const br_x509_class **ctx)
{
  HlX509Observer *self = OBSERVER (ctx);

  if (self->current != NULL)
    g_ptr_array_add (self->certs, g_byte_array_free_to_bytes (g_steal_pointer (&self->current)));

  (*INNER (ctx))->end_cert (INNER (ctx));
}

static unsigned
observer_end_chain (const br_x509_class **ctx)
{
  HlX509Observer *self = OBSERVER (ctx);

  self->result = (*INNER (ctx))->end_chain (INNER (ctx));
  if (self->on_end_chain != NULL)
    self->on_end_chain (self, self->user_data);

  return self->result;
}

static const br_x509_pkey *
observer_get_pkey (const br_x509_class * const *ctx,
                   unsigned                    *usages)
{
  const br_x509_class * const *inner = (const br_x509_class * const *)INNER (ctx);

  return (*inner)->get_pkey (inner, usages);
}

static const br_x509_class observer_vtable = {
  sizeof (HlX509Observer),
  observer_start_chain,
  observer_start_cert,
  observer_append,
  observer_end_cert,
  observer_end_chain,
  observer_get_pkey,
};

void
hl_x509_observer_init (HlX509Observer          *self,
                       br_x509_minimal_context *inner)
{
  memset (self, 0, sizeof *self);
  self->vtable = &observer_vtable;
  self->inner = inner;
  self->certs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
}

void
hl_x509_observer_clear (HlX509Observer *self)
{
  g_clear_pointer (&self->certs, g_ptr_array_unref);
  g_clear_pointer (&self->current, g_byte_array_unref);
  g_clear_pointer (&self->server_name, g_free);
}
