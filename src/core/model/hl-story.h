/* hl-story.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * The story of a handshake, told in the words of the key exchange it used.
 *
 * Every step of a trace belongs to a step of a story (DESIGN.md, "The seed
 * narrative").  A full handshake has nine: hello, the server's answer, the
 * client's check and secret, the client's key exchange, the server's side
 * of it, the master secret, the client's Finished, the server's Finished,
 * application data.  Steps 2 to 5 read differently for each key exchange:
 * with RSA the client encrypts a pre-master secret to the server's key;
 * with ECDHE both sides make fresh key shares and the server signs its
 * own; with static ECDH the server's key share is the key in its
 * certificate.  An abbreviated handshake (a resumed session) has a story
 * of its own, six steps long, in which the server's Finished comes first.
 *
 * The recorder names what happened (an HlStoryEvent, and whether the client did it) and
 * hl_story_step() gives the step of the story it belongs to; front ends
 * show hl_story_title() of the kind of the step's connection.
 */

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  HL_STORY_UNKNOWN,      /* no ServerHello: the key exchange was never chosen */
  HL_STORY_RSA,          /* the client encrypts the pre-master secret to the server's RSA key */
  HL_STORY_ECDHE,        /* ephemeral key shares, the server's signed with its certificate's key */
  HL_STORY_ECDH,         /* static ECDH: the server's key share is its certificate's key */
  HL_STORY_ABBREVIATED,  /* a resumed session: no certificate, no key exchange */
} HlStoryKind;

typedef enum
{
  HL_STORY_EVENT_HELLO,             /* ClientHello; ServerHello and the server's first flight */
  HL_STORY_EVENT_CHAIN_CHECK,       /* a side checks the peer's certificate chain */
  HL_STORY_EVENT_KEY_EXCHANGE,      /* a side computes its part of the key exchange */
  HL_STORY_EVENT_KEY_EXCHANGE_SENT, /* the client's Certificate, ClientKeyExchange, CertificateVerify */
  HL_STORY_EVENT_MASTER_SECRET,     /* the master secret from the pre-master secret */
  HL_STORY_EVENT_KEYS,              /* the key block */
  HL_STORY_EVENT_FINISHED,          /* a side's own ChangeCipherSpec and Finished */
  HL_STORY_EVENT_FINISHED_CHECK,    /* the Finished a side expects from its peer */
  HL_STORY_EVENT_DONE,              /* a side's handshake is complete */
  HL_STORY_EVENT_APPLICATION,       /* application data and closing */
} HlStoryEvent;

/**
 * hl_story_kind_for_suite:
 * @cipher_suite: a negotiated cipher suite, or 0
 *
 * Returns: the story its key exchange tells; %HL_STORY_UNKNOWN for 0 or
 *   a suite BearSSL does not implement
 */
HlStoryKind  hl_story_kind_for_suite    (guint         cipher_suite);

/**
 * hl_story_length:
 * @kind: a story
 *
 * Returns: how many steps the story of @kind has: 9, or 6 for an
 *   abbreviated handshake
 */
guint        hl_story_length            (HlStoryKind   kind);

/**
 * hl_story_step:
 * @kind: the story of the connection
 * @event: what happened
 * @by_client: whether the client did it (else the server)
 *
 * Returns: the step of the story @event belongs to, from 1; 0 for an event
 *   the story of @kind does not have
 */
guint        hl_story_step              (HlStoryKind   kind,
                                         HlStoryEvent  event,
                                         gboolean      by_client);

/**
 * hl_story_title:
 * @kind: the story
 * @step: one of its steps, from 1 to hl_story_length()
 *
 * Returns: (nullable): the translated title of @step in the story of @kind
 */
const char  *hl_story_title             (HlStoryKind   kind,
                                         guint         step);

/**
 * hl_story_kind_to_string:
 * @kind: a story
 *
 * Returns: the stable name of @kind, as JSON uses it
 */
const char  *hl_story_kind_to_string    (HlStoryKind   kind);

G_END_DECLS
