/* hl-engine.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-engine"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <bearssl.h>

#include "hl-certificate.h"
#include "hl-chain.h"
#include "hl-decode.h"
#include "hl-engine.h"
#include "hl-explain.h"
#include "hl-field-private.h"
#include "hl-keys.h"
#include "hl-names.h"
#include "hl-pki.h"
#include "hl-prf.h"
#include "hl-signature-log.h"
#include "hl-story.h"
#include "hl-x509-observer.h"

/*
 * The pump.  Each side is a BearSSL engine with one bidirectional buffer.
 * A round drains what each engine wants to send into that side's queue of
 * records, lets each side's application read and write, and then delivers
 * one queued record to the peer.  Delivering one record at a time lets the
 * receiver react to each message before the next arrives, so the trace
 * tells the story in the order a student expects.  The run ends when a
 * round makes no progress: both sides closed, or one is waiting for bytes
 * that will never come.
 *
 * Everything one side does in one turn — what its hooks saw during a call
 * into BearSSL (key material derived, a chain checked) and the records it
 * sent in answer — is collected in a batch and appended to the trace when
 * the turn ends, ordered by step of the story: within one call BearSSL
 * does it all at once, and the story's order is the one that explains it.
 * A record that the peer never read is marked so at the end.
 *
 * Sentences that compare the two sides (the same master secret, the same
 * pre-master secret, the same shared point) and the story each
 * connection tells (which key exchange, a resumed session) are settled at
 * the end too, when both sides' values are known (hl-explain.h).
 */

#define MAX_ROUNDS 10000
#define RECORD_HEADER 5
#define HANDSHAKE_HEADER 4
#define MASTER_SECRET_LEN 48

typedef struct _Engine Engine;

typedef struct
{
  GBytes    *bytes;
  gsize      delivered;
  guint      index;       /* in the trace's records */
  guint      number;      /* among the records its sender sent, from 1 */
  gboolean   tampered;
  gsize      read_when_failed; /* the receiver failed while reading it, after this many bytes; 0: it did not */
  GPtrArray *steps;       /* the steps of the messages it carries */
} Pending;

typedef struct
{
  Engine                *engine;
  HlActor                actor;
  br_ssl_engine_context *eng;
  unsigned char         *iobuf;

  GByteArray            *out;          /* drained bytes not yet split into records */
  GQueue                 pending;      /* Pending, to deliver to the peer */
  GByteArray            *handshake;    /* plaintext handshake bytes not yet split into messages */
  GQueue                 plaintexts;   /* GBytes given to sendapp, for the records that carry them */
  GPtrArray             *batch;        /* steps produced during the current call */
  HlSecrets             *secrets;

  GByteArray            *app_in;
  GBytes                *app_out;      /* the request or response being written */
  gsize                  app_out_done; /* how much of it the engine took */
  gboolean               sent_ccs;
  gboolean               handshake_done;
  gboolean               request_sent;
  gboolean               response_sent;
  gboolean               close_called;
  gboolean               got_close_notify;
  gboolean               closed;
  gboolean               sent_hello;   /* ClientHello for the client, ServerHello for the server */
  gboolean               got_hello;
  int                    error;
  int                    alert_sent;
  guint                  key_blocks;
  guint                  records_sent;
  HlStep                *key_pair_step;  /* the client's ephemeral key pair, which its public point joins */
  HlStep                *failure_step;   /* explained at the end, when the peer's fate is known */
  char                  *failure_detail; /* what it was reading when it failed, when that explains more */
  HlStep                *chain_step;     /* its check of the peer's chain */
} Side;

/* A step whose sentence compares the two sides, settled at the end. */
typedef enum
{
  RELATION_MASTER_SECRET,
  RELATION_RSA_DECRYPTION,
  RELATION_SHARED_SECRET,
} RelationKind;

typedef struct
{
  HlStep       *step;        /* owned by the trace */
  RelationKind  kind;
  HlActor       side;
  guint         connection;
  GBytes       *decrypted;   /* RSA: the pre-master secret the server's key gave */
} Relation;

struct _Engine
{
  HlScenario              *scenario;
  HlTrace                 *trace;
  HlPki                   *pki;          /* the scenario's, borrowed */
  HlKey                   *wrong_key;    /* [Server] key=: not its certificate's */

  br_ssl_client_context    cc;
  br_x509_minimal_context  xc;
  HlX509Observer           observer;
  br_ssl_server_context    sc;
  br_x509_minimal_context  sxc;          /* the server's, for client certificates */
  br_ssl_session_cache_lru lru;          /* the server's session cache, for resumption */
  unsigned char            lru_store[4096];
  HlX509Observer           server_observer;
  HlSignatureLog          *signatures;   /* the certificate signature checks of this run */

  Side                     sides[2];
  HlDecodeContext          decode;       /* what the ServerHello on the wire said */
  guint                    story;        /* the furthest story step seen so far */
  guint                    delivering;   /* story step of the record being read, 0 outside feed() */
  Pending                 *reading;      /* the record being read, NULL outside feed() */
  gboolean                 failed;
  HlActor                  first_failure;
  guint                    failure_story;
  gboolean                 response_complete;
  gboolean                 tampered;     /* the scenario's fault happened */
  gboolean                 tamper_short; /* its record came, but ended before the byte to change */
  gsize                    tamper_body;  /* that record's body length */

  guint                    connection;   /* the connection being run, from 0 */
  gboolean                 resumed[HL_TRACE_MAX_CONNECTIONS];  /* an abbreviated handshake */
  guint                    suites[HL_TRACE_MAX_CONNECTIONS];   /* what its ServerHello chose */
  GBytes                  *offered_session;  /* the session ID of this connection's ClientHello */
  GArray                  *relations;    /* Relation */
};

/* BearSSL's hooks receive no user pointer; the pump is synchronous, so the
 * side being called is kept here for the duration of each call. */
static _Thread_local Side *current;

static Side *
peer_of (Side *side)
{
  return &side->engine->sides[side->actor == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT];
}

static const char *
side_name (HlActor actor)
{
  return actor == HL_ACTOR_CLIENT ? _("client") : _("server");
}

/* Steps ------------------------------------------------------------------- */

static void
append_step (Engine *self,
             HlStep *step)
{
  guint story = hl_step_get_story (step);

  if (story > self->story)
    self->story = story;

  hl_step_set_connection (step, self->connection);
  hl_trace_append_step (self->trace, step);
}

/* The step of the story @event belongs to.  The full stories of the key
 * exchanges number their steps alike; an abbreviated handshake, known
 * from its first key expansion without a master secret, has its own. */
static guint
story_of (Engine       *self,
          HlStoryEvent  event,
          HlActor       actor)
{
  return hl_story_step (self->resumed[self->connection] ? HL_STORY_ABBREVIATED : HL_STORY_RSA,
                        event, actor == HL_ACTOR_CLIENT);
}

static void
add_relation (Engine       *self,
              HlStep       *step,
              RelationKind  kind,
              HlActor       side,
              GBytes       *decrypted)
{
  Relation relation = { step, kind, side, self->connection, decrypted ? g_bytes_ref (decrypted) : NULL };

  g_array_append_val (self->relations, relation);
}

static void
relation_clear (gpointer data)
{
  Relation *relation = data;

  g_clear_pointer (&relation->decrypted, g_bytes_unref);
}

static HlStep *
batch_step (Side       *side,
            HlStepKind  kind,
            guint       story,
            const char *title,
            const char *explanation)
{
  HlStep *step = hl_step_new (side->actor, kind, story, title);

  hl_step_set_explanation (step, explanation);
  g_ptr_array_add (side->batch, step);

  return step;
}

/* Where @side stands in the story: the record it is reading, or
 * the furthest step reached, and what its current turn has produced. */
static guint
current_story (Side *side)
{
  guint story = side->engine->delivering ? side->engine->delivering : side->engine->story;

  for (guint i = 0; i < side->batch->len; i++)
    story = MAX (story, hl_step_get_story (g_ptr_array_index (side->batch, i)));

  return story;
}

static int
compare_story (gconstpointer a,
               gconstpointer b)
{
  HlStep *sa = *(HlStep * const *)a;
  HlStep *sb = *(HlStep * const *)b;

  return (int)hl_step_get_story (sa) - (int)hl_step_get_story (sb);
}

static void
enter (Side *side)
{
  g_assert (current == NULL);
  current = side;
}

static void
leave (Side *side)
{
  g_assert (current == side);
  current = NULL;
}

static void
flush (Side *side)
{
  /* g_ptr_array_sort is not stable; steps of the same story step keep the
   * order BearSSL produced them in thanks to the insertion sort below. */
  for (guint i = 1; i < side->batch->len; i++)
    for (guint j = i; j > 0 && compare_story (&side->batch->pdata[j - 1], &side->batch->pdata[j]) > 0; j--)
      {
        gpointer tmp = side->batch->pdata[j];

        side->batch->pdata[j] = side->batch->pdata[j - 1];
        side->batch->pdata[j - 1] = tmp;
      }

  for (guint i = 0; i < side->batch->len; i++)
    append_step (side->engine, g_ptr_array_index (side->batch, i));

  g_ptr_array_set_size (side->batch, 0);
}

static void
set_bytes (GBytes      **slot,
           const void   *data,
           gsize         len)
{
  g_clear_pointer (slot, g_bytes_unref);
  *slot = g_bytes_new (data, len);
}

/* Hooks ------------------------------------------------------------------- */

static GBytes *
join_seed (size_t                       seed_num,
           const br_tls_prf_seed_chunk *seed)
{
  GByteArray *all = g_byte_array_new ();

  for (size_t i = 0; i < seed_num; i++)
    g_byte_array_append (all, seed[i].data, seed[i].len);

  return g_byte_array_free_to_bytes (all);
}

static void
record_prf (const char                  *label,
            const void                  *secret,
            size_t                       secret_len,
            size_t                       seed_num,
            const br_tls_prf_seed_chunk *seed,
            const void                  *out,
            size_t                       out_len)
{
  Side *side = current;
  g_autoptr(GBytes) seed_bytes = NULL;
  const guint8 *s;
  gsize s_len;

  if (side == NULL)
    return;

  seed_bytes = join_seed (seed_num, seed);
  s = g_bytes_get_data (seed_bytes, &s_len);

  if (strcmp (label, "master secret") == 0 && s_len == 64)
    {
      HlStep *step;
      g_autoptr(HlField) fields = hl_field_new (_("Master secret"), NULL, HL_FIELD_NO_OFFSET, 0);

      set_bytes (&side->secrets->pre_master_secret, secret, secret_len);
      set_bytes (&side->secrets->client_random, s, 32);
      set_bytes (&side->secrets->server_random, s + 32, 32);
      set_bytes (&side->secrets->master_secret, out, out_len);

      hl_field_add_bytes (fields, _("pre-master secret"), side->secrets->pre_master_secret, HL_FIELD_FLAG_SECRET);
      hl_field_add_bytes (fields, _("client random"), side->secrets->client_random, HL_FIELD_FLAG_NONE);
      hl_field_add_bytes (fields, _("server random"), side->secrets->server_random, HL_FIELD_FLAG_NONE);
      hl_field_add_bytes (fields, _("master secret"), side->secrets->master_secret, HL_FIELD_FLAG_SECRET);

      step = batch_step (side, HL_STEP_COMPUTE, story_of (side->engine, HL_STORY_EVENT_MASTER_SECRET, side->actor),
                         side->actor == HL_ACTOR_CLIENT ? _("Client computes the master secret")
                                                        : _("Server computes the master secret"),
                         NULL);
      hl_step_set_fields (step, fields);
      add_relation (side->engine, step, RELATION_MASTER_SECRET, side->actor, NULL);
    }
  else if (strcmp (label, "key expansion") == 0)
    {
      /* BearSSL expands the key block once per direction; the same inputs
       * give the same block, so one step tells it. */
      /* A resumed connection computes no master secret: its randoms
       * show here first (server random ‖ client random), and its story
       * is the abbreviated handshake's. */
      if (side->secrets->master_secret == NULL)
        side->engine->resumed[side->engine->connection] = TRUE;
      if (side->secrets->client_random == NULL && s_len == 64)
        {
          set_bytes (&side->secrets->server_random, s, 32);
          set_bytes (&side->secrets->client_random, s + 32, 32);
        }

      if (side->key_blocks++ == 0)
        {
          HlStep *step;
          g_autoptr(HlField) fields = hl_field_new (_("Key block"), NULL, HL_FIELD_NO_OFFSET, 0);

          set_bytes (&side->secrets->key_block, out, out_len);
          hl_field_add_bytes (fields, _("key block"), side->secrets->key_block, HL_FIELD_FLAG_SECRET);

          step = batch_step (side, HL_STEP_COMPUTE, story_of (side->engine, HL_STORY_EVENT_KEYS, side->actor),
                             side->actor == HL_ACTOR_CLIENT ? _("Client derives the session keys")
                                                            : _("Server derives the session keys"),
                             _("key block = PRF(master secret, \"key expansion\", server random ‖ client random). "
                               "It is cut into the keys (and IVs) that encrypt and protect each direction."));
          hl_step_set_fields (step, fields);
        }
    }
  else if (strcmp (label, "client finished") == 0 || strcmp (label, "server finished") == 0)
    {
      gboolean client_label = label[0] == 'c';
      gboolean own = client_label == (side->actor == HL_ACTOR_CLIENT);
      HlStep *step;
      g_autoptr(HlField) fields = hl_field_new (_("Finished"), NULL, HL_FIELD_NO_OFFSET, 0);

      set_bytes (client_label ? &side->secrets->client_verify_data : &side->secrets->server_verify_data,
                 out, out_len);

      hl_field_add_bytes (fields, _("handshake hash"), seed_bytes, HL_FIELD_FLAG_NONE);
      hl_field_add_bytes (fields, _("verify_data"),
                          client_label ? side->secrets->client_verify_data : side->secrets->server_verify_data,
                          HL_FIELD_FLAG_NONE);

      if (own)
        step = batch_step (side, HL_STEP_COMPUTE, story_of (side->engine, HL_STORY_EVENT_FINISHED, side->actor),
                           side->actor == HL_ACTOR_CLIENT ? _("Client computes its Finished message")
                                                          : _("Server computes its Finished message"),
                           _("verify_data = PRF(master secret, label, hash of every handshake message so far), "
                             "12 bytes. The peer computes it again from its own master secret and its own hash of "
                             "the messages, and accepts the Finished only if the two values match."));
      else
        step = batch_step (side, HL_STEP_COMPUTE, story_of (side->engine, HL_STORY_EVENT_FINISHED_CHECK, side->actor),
                           side->actor == HL_ACTOR_CLIENT ? _("Client computes the Finished it expects from the server")
                                                          : _("Server computes the Finished it expects from the client"),
                           _("The receiver computes the verify_data the peer must have sent; the handshake goes on "
                             "only if the decrypted Finished holds exactly these 12 bytes."));
      hl_step_set_fields (step, fields);
    }
}

static void
hook_prf10 (void *dst, size_t len, const void *secret, size_t secret_len,
            const char *label, size_t seed_num, const br_tls_prf_seed_chunk *seed)
{
  br_tls10_prf (dst, len, secret, secret_len, label, seed_num, seed);
  record_prf (label, secret, secret_len, seed_num, seed, dst, len);
}

static void
hook_prf_sha256 (void *dst, size_t len, const void *secret, size_t secret_len,
                 const char *label, size_t seed_num, const br_tls_prf_seed_chunk *seed)
{
  br_tls12_sha256_prf (dst, len, secret, secret_len, label, seed_num, seed);
  record_prf (label, secret, secret_len, seed_num, seed, dst, len);
}

static void
hook_prf_sha384 (void *dst, size_t len, const void *secret, size_t secret_len,
                 const char *label, size_t seed_num, const br_tls_prf_seed_chunk *seed)
{
  br_tls12_sha384_prf (dst, len, secret, secret_len, label, seed_num, seed);
  record_prf (label, secret, secret_len, seed_num, seed, dst, len);
}

/* The client's RSA encryption of the pre-master secret: @x holds
 * 00 02 PS 00 PMS on the way in and the ciphertext on the way out. */
static uint32_t
hook_rsa_public (unsigned char            *x,
                 size_t                    xlen,
                 const br_rsa_public_key  *pk)
{
  Side *side = current;
  g_autoptr(GBytes) block = g_bytes_new (x, xlen);
  uint32_t ok = br_rsa_public_get_default () (x, xlen, pk);

  if (side != NULL && xlen > MASTER_SECRET_LEN)
    {
      g_autoptr(HlField) fields = hl_field_new (_("Pre-master secret"), NULL, HL_FIELD_NO_OFFSET, 0);
      g_autoptr(GBytes) pms = g_bytes_new_from_bytes (block, xlen - MASTER_SECRET_LEN, MASTER_SECRET_LEN);
      g_autoptr(GBytes) encrypted = g_bytes_new (x, xlen);
      HlStep *step;

      set_bytes (&side->secrets->rsa_block, g_bytes_get_data (block, NULL), xlen);
      hl_field_add_bytes (fields, _("pre-master secret"), pms, HL_FIELD_FLAG_SECRET);
      hl_field_add_bytes (fields, _("padded block 00 02 PS 00 PMS"), block, HL_FIELD_FLAG_SECRET);
      hl_field_add_bytes (fields, _("encrypted with the server's public key"), encrypted, HL_FIELD_FLAG_NONE);

      step = batch_step (side, HL_STEP_COMPUTE, story_of (side->engine, HL_STORY_EVENT_KEY_EXCHANGE, side->actor),
                         _("Client creates the pre-master secret and encrypts it"),
                         _("48 bytes: the version it offered (2 bytes) and 46 random bytes. Padded as "
                           "PKCS #1 v1.5 (00 02, non-zero random padding, 00) and encrypted with the RSA "
                           "public key from the server's certificate: only the server's private key can "
                           "recover it."));
      hl_step_add_claim (step, HL_CLAIM_RSA_KEY_EXCHANGE, TRUE);
      hl_step_set_fields (step, fields);
    }

  return ok;
}

/* The server's RSA decryption: after the private-key operation @x holds
 * the padded block the client built. */
static uint32_t
hook_rsa_private (unsigned char            *x,
                  const br_rsa_private_key *sk)
{
  Side *side = current;
  size_t xlen = (sk->n_bitlen + 7) / 8;
  g_autoptr(GBytes) encrypted = g_bytes_new (x, xlen);
  uint32_t ok = br_rsa_private_get_default () (x, sk);

  if (side != NULL && xlen > MASTER_SECRET_LEN)
    {
      g_autoptr(HlField) fields = hl_field_new (_("Pre-master secret"), NULL, HL_FIELD_NO_OFFSET, 0);
      g_autoptr(GBytes) block = g_bytes_new (x, xlen);
      g_autoptr(GBytes) pms = g_bytes_new (x + xlen - MASTER_SECRET_LEN, MASTER_SECRET_LEN);
      HlStep *step;

      set_bytes (&side->secrets->rsa_block, x, xlen);
      hl_field_add_bytes (fields, _("encrypted pre-master secret"), encrypted, HL_FIELD_FLAG_NONE);
      hl_field_add_bytes (fields, _("decrypted block 00 02 PS 00 PMS"), block, HL_FIELD_FLAG_SECRET);
      hl_field_add_bytes (fields, _("pre-master secret"), pms, HL_FIELD_FLAG_SECRET);

      step = batch_step (side, HL_STEP_COMPUTE, story_of (side->engine, HL_STORY_EVENT_KEY_EXCHANGE, side->actor),
                         _("Server decrypts the pre-master secret"), NULL);
      hl_step_set_fields (step, fields);
      add_relation (side->engine, step, RELATION_RSA_DECRYPTION, side->actor, pms);
    }

  return ok;
}

/* Elliptic-curve Diffie-Hellman: BearSSL computes both key shares and the
 * shared point through its br_ec_impl; this one watches mulgen (a public
 * point from a private scalar) and mul (the peer's point times ours).
 *
 * The server makes its ephemeral key pair (mulgen) while it writes its
 * first flight, and multiplies the client's point later.  The client
 * (make_pms_ecdh in BearSSL's ssl_hs_client) draws its private scalar,
 * multiplies the server's point by it (mul), derives the master secret,
 * and only then computes its own public point (mulgen), all in one call:
 * its key pair is shown from the moment the scalar exists, before the
 * shared secret, and the point joins it when BearSSL computes it. */
static const br_ec_impl *real_ec;

static size_t
hook_ec_mulgen (unsigned char       *R,
                const unsigned char *x,
                size_t               xlen,
                int                  curve)
{
  Side *side = current;
  size_t len = real_ec->mulgen (R, x, xlen, curve);
  HlField *fields;
  HlStep *step;

  if (side == NULL || len == 0)
    return len;

  set_bytes (&side->secrets->ecdh_private, x, xlen);
  set_bytes (&side->secrets->ecdh_public, R, len);

  if (side->key_pair_step != NULL)
    {
      hl_field_add_bytes (hl_step_get_fields (side->key_pair_step), _("public point = private scalar × G"),
                          side->secrets->ecdh_public, HL_FIELD_FLAG_NONE);
      side->key_pair_step = NULL;
      return len;
    }

  /* BearSSL's server calls mulgen only for an ECDHE key share. */
  fields = hl_field_new (_("Key share"), NULL, HL_FIELD_NO_OFFSET, 0);
  hl_field_add_bytes (fields, _("private scalar"), side->secrets->ecdh_private, HL_FIELD_FLAG_SECRET);
  hl_field_add_bytes (fields, _("public point = private scalar × G"), side->secrets->ecdh_public,
                      HL_FIELD_FLAG_NONE);

  step = batch_step (side, HL_STEP_COMPUTE,
                     story_of (side->engine, side->actor == HL_ACTOR_CLIENT ? HL_STORY_EVENT_KEY_EXCHANGE
                                                                            : HL_STORY_EVENT_HELLO, side->actor),
                     side->actor == HL_ACTOR_CLIENT ? _("Client creates its ephemeral key pair")
                                                    : _("Server creates its ephemeral key pair"),
                     NULL);
  hl_explain_key_pair (step, side->actor, HL_STORY_ECDHE);
  hl_step_set_fields (step, fields);
  g_object_unref (fields);

  return len;
}

static uint32_t
hook_ec_mul (unsigned char       *G,
             size_t               Glen,
             const unsigned char *x,
             size_t               xlen,
             int                  curve)
{
  Side *side = current;
  g_autoptr(GBytes) peer = g_bytes_new (G, Glen);
  uint32_t ok = real_ec->mul (G, Glen, x, xlen, curve);

  if (side != NULL && ok)
    {
      g_autoptr(HlField) fields = hl_field_new (_("Shared secret"), NULL, HL_FIELD_NO_OFFSET, 0);
      HlStep *step;

      if (side->actor == HL_ACTOR_CLIENT && side->secrets->ecdh_private == NULL)
        {
          g_autoptr(HlField) pair = hl_field_new (_("Key share"), NULL, HL_FIELD_NO_OFFSET, 0);

          set_bytes (&side->secrets->ecdh_private, x, xlen);
          hl_field_add_bytes (pair, _("private scalar"), side->secrets->ecdh_private, HL_FIELD_FLAG_SECRET);
          side->key_pair_step = batch_step (side, HL_STEP_COMPUTE,
                                            story_of (side->engine, HL_STORY_EVENT_KEY_EXCHANGE, side->actor),
                                            _("Client creates its ephemeral key pair"), NULL);
          hl_explain_key_pair (side->key_pair_step, side->actor,
                               hl_story_kind_for_suite (side->engine->decode.cipher_suite));
          hl_step_set_fields (side->key_pair_step, pair);
        }

      set_bytes (&side->secrets->ecdh_peer_public, g_bytes_get_data (peer, NULL), Glen);
      set_bytes (&side->secrets->ecdh_shared, G, Glen);
      if (side->secrets->ecdh_private == NULL)
        set_bytes (&side->secrets->ecdh_private, x, xlen);
      hl_field_add_bytes (fields, _("peer's public point"), peer, HL_FIELD_FLAG_NONE);
      hl_field_add_bytes (fields, _("shared point = own private scalar × peer's point"),
                          side->secrets->ecdh_shared, HL_FIELD_FLAG_SECRET);

      step = batch_step (side, HL_STEP_COMPUTE, story_of (side->engine, HL_STORY_EVENT_KEY_EXCHANGE, side->actor),
                         side->actor == HL_ACTOR_CLIENT ? _("Client computes the shared secret")
                                                        : _("Server computes the shared secret"),
                         NULL);
      hl_step_set_fields (step, fields);
      add_relation (side->engine, step, RELATION_SHARED_SECRET, side->actor, NULL);
    }

  return ok;
}

static const br_ec_impl *
hooked_ec (void)
{
  static br_ec_impl impl;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      real_ec = br_ec_get_default ();
      impl = *real_ec;
      impl.mulgen = hook_ec_mulgen;
      impl.mul = hook_ec_mul;
      g_once_init_leave (&once, 1);
    }

  return &impl;
}

/* Certificate checks ------------------------------------------------------ */

/* br_x509_minimal checks each certificate signature through these; the
 * chain check finds the results in the run's log instead of running the
 * same primitive on the same bytes again (hl-signature-log.h). */
static uint32_t
hook_x509_rsa (const unsigned char     *sig,
               size_t                   sig_len,
               const unsigned char     *hash_oid,
               size_t                   hash_len,
               const br_rsa_public_key *pk,
               unsigned char           *hash_out)
{
  uint32_t ok = br_rsa_pkcs1_vrfy_get_default () (sig, sig_len, hash_oid, hash_len, pk, hash_out);

  if (current != NULL)
    hl_signature_log_add_rsa (current->engine->signatures, sig, sig_len, hash_oid, hash_len, pk, ok, hash_out);

  return ok;
}

static uint32_t
hook_x509_ecdsa (const br_ec_impl       *impl,
                 const void             *hash,
                 size_t                  hash_len,
                 const br_ec_public_key *pk,
                 const void             *sig,
                 size_t                  sig_len)
{
  uint32_t ok = br_ecdsa_vrfy_asn1_get_default () (impl, hash, hash_len, pk, sig, sig_len);

  if (current != NULL)
    hl_signature_log_add_ecdsa (current->engine->signatures, hash, hash_len, pk, sig, sig_len, ok);

  return ok;
}

static void
log_signatures (br_x509_minimal_context *xc)
{
  br_x509_minimal_set_rsa (xc, hook_x509_rsa);
  br_x509_minimal_set_ecdsa (xc, xc->iec, hook_x509_ecdsa);
}

/* The explanation of a chain check that BearSSL's X.509 engine accepted,
 * from the rules' results. */
static char *
explain_accepted_chain (HlStep              *step,
                        gboolean             by_client,
                        const char          *server_name,
                        const HlChainResult *result)
{
  GString *text = g_string_new (NULL);

  if (by_client)
    {
      g_string_append (text, _("The chain leads from the server's certificate through its issuers to a root the "
                               "client trusts; every signature verifies and every certificate is valid at the "
                               "scenario's clock."));
      hl_step_add_claim (step, HL_CLAIM_HOST_NAME_CHECKED, result->host_name_checked);
      if (result->host_name_checked)
        g_string_append_printf (text, _(" The certificate names %s, the host the client asked for."), server_name);
      else
        g_string_append (text, _(" No host name was given (the client's server-name is empty), so BearSSL checked "
                                 "none: it would accept this chain for any host. That is dangerous: anyone who "
                                 "holds a trusted certificate for a name of their own could stand in for the "
                                 "server, and the client would not notice."));
    }
  else
    g_string_append (text, _("The client's chain leads to a root the server trusts for client certificates, and "
                             "every certificate is valid at the scenario's clock. The client still has to prove "
                             "it holds the key (CertificateVerify)."));

  hl_step_add_claim (step, HL_CLAIM_KEY_USAGE_ALLOWS, result->key_usage_allows);
  if (!result->key_usage_allows)
    g_string_append (text, by_client
                           ? _(" But the certificate's key may not do what this key exchange asks of it (check 7): "
                               "the TLS engine refuses it once the chain is accepted.")
                           : _(" But the certificate's key may not sign, which CertificateVerify asks of it "
                               "(check 7): the TLS engine refuses it when that message comes."));

  if (result->key_rsa)
    {
      hl_step_add_claim (step, HL_CLAIM_KEY_MEETS_GUIDANCE, result->key_bits >= 2048);
      if (result->key_bits < 2048)
        g_string_append_printf (text, _(" BearSSL accepts its RSA key of %u bits; NIST SP 800-131A Rev. 2 and the "
                                        "CA/Browser Forum's Baseline Requirements ask for 2048 bits or more."),
                                result->key_bits);
    }

  return g_string_free (text, FALSE);
}

/* Called by the observer from inside BearSSL, when the chain is judged. */
static void
note_chain_check (HlX509Observer *obs,
                  gpointer        user_data)
{
  Engine *self = user_data;
  Side *side = current;
  g_autoptr(GPtrArray) anchors = g_ptr_array_new ();
  g_autoptr(HlField) fields = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *bearssl = NULL;
  gboolean by_client = obs == &self->observer;
  const char * const *trust = by_client ? hl_scenario_get_client_trust (self->scenario)
                                        : hl_scenario_get_server_trust (self->scenario);
  /* BearSSL's client passes its server name, empty or not; its server
   * passes none. */
  const char *server_name = by_client ? (obs->server_name ? obs->server_name : "") : NULL;
  HlChainContext context = { anchors, hl_scenario_get_clock (self->scenario), server_name,
                             by_client ? self->decode.cipher_suite : 0, self->signatures };
  HlChainResult result;
  gboolean accepted = obs->result == BR_ERR_OK;
  const char *title;
  HlField *verdict;
  HlStep *step;

  if (side == NULL)
    return;

  for (guint i = 0; trust[i] != NULL; i++)
    g_ptr_array_add (anchors, hl_pki_get_der (self->pki, trust[i]));

  fields = hl_chain_check (obs->certs, &context, &result);

  bearssl = accepted ? g_strdup (_("0: accepted")) : hl_error_describe ((int)obs->result);
  verdict = hl_field_add (fields, _("BearSSL's verdict (end_chain)"), bearssl, HL_FIELD_NO_OFFSET, 0);
  hl_field_set_flags (verdict, result.verdict == (int)obs->result ? HL_FIELD_FLAG_MATCH : HL_FIELD_FLAG_DIFFER);

  if (!accepted)
    title = by_client ? _("Client checks the server's certificate chain: rejected")
                      : _("Server checks the client's certificate chain: rejected");
  else
    {
      if (!result.key_usage_allows)
        title = by_client ? _("Client checks the server's certificate: chain trusted, key usage refused")
                          : _("Server checks the client's certificate: chain trusted, key usage refused");
      else if (by_client && !result.host_name_checked)
        title = _("Client checks the server's certificate chain: trusted, no host name checked");
      else
        title = by_client ? _("Client checks the server's certificate chain: trusted")
                          : _("Server checks the client's certificate chain: trusted");
    }

  step = batch_step (side, HL_STEP_CHECK, story_of (self, HL_STORY_EVENT_CHAIN_CHECK, side->actor), title, NULL);
  hl_step_add_claim (step, HL_CLAIM_CHAIN_TRUSTED, accepted);
  explanation = accepted ? explain_accepted_chain (step, by_client, server_name, &result)
                         : hl_error_describe ((int)obs->result);
  hl_step_set_explanation (step, explanation);
  hl_step_set_fields (step, fields);
  hl_step_set_verdict (step, accepted && result.key_usage_allows ? HL_VERDICT_OK : HL_VERDICT_FAILED);
  side->chain_step = step;
}

/* Wire messages ----------------------------------------------------------- */

/* Where each handshake message belongs in the story; its explanation
 * comes from its content (hl_explain_handshake_message). */
static gboolean
message_event (guint         type,
               HlActor       sender,
               HlStoryEvent *event)
{
  switch (type)
    {
    case 1:
    case 2:
    case 12:
    case 13:
    case 14:
      *event = HL_STORY_EVENT_HELLO;
      return TRUE;
    case 11:
      *event = sender == HL_ACTOR_CLIENT ? HL_STORY_EVENT_KEY_EXCHANGE_SENT : HL_STORY_EVENT_HELLO;
      return TRUE;
    case 15:
    case 16:
      *event = HL_STORY_EVENT_KEY_EXCHANGE_SENT;
      return TRUE;
    case 20:
      *event = HL_STORY_EVENT_FINISHED;
      return TRUE;
    default:
      return FALSE;
    }
}

/* Returns: (transfer none): a wire step, queued in @side's batch and
 * remembered by @pending.  @data is the message, or the record's fragment;
 * a step that opens its record has the record's header in front, as the
 * bytes went on the wire. */
static HlStep *
add_wire_step (Side         *side,
               Pending      *pending,
               HlStepKind    kind,
               guint         story,
               const char   *title,
               const guint8 *data,
               gsize         len,
               gboolean      opens_record,
               gboolean      encrypted)
{
  HlStep *step = hl_step_new (side->actor, kind, story, title);
  GByteArray *bytes = g_byte_array_sized_new (RECORD_HEADER + len);
  g_autoptr(GBytes) wire = NULL;

  if (opens_record)
    g_byte_array_append (bytes, g_bytes_get_data (pending->bytes, NULL), RECORD_HEADER);
  g_byte_array_append (bytes, data, len);
  wire = g_byte_array_free_to_bytes (bytes);

  hl_step_set_bytes (step, wire);
  hl_step_set_header_length (step, opens_record ? RECORD_HEADER : 0);
  hl_step_set_record (step, pending->index);
  hl_step_set_encrypted (step, encrypted);
  hl_step_add_claim (step, HL_CLAIM_ENCRYPTED, encrypted);
  g_ptr_array_add (side->batch, step);
  g_ptr_array_add (pending->steps, g_object_ref (step));

  return step;
}

/* @fields explain @step's message or fragment from offset 0; they go
 * behind the record's header when the step's bytes start with it. */
static void
set_wire_fields (HlStep  *step,
                 Pending *pending,
                 HlField *fields)
{
  if (hl_step_get_header_length (step) > 0)
    hl_decode_prepend_record_header (fields, g_bytes_get_data (pending->bytes, NULL));
  hl_step_set_fields (step, fields);
}

/* What the engine can say of an encrypted fragment before the keys are
 * recomputed (hl_keys_recompute() replaces it when it can decrypt). */
static HlField *
protected_fields (gsize len)
{
  HlField *fields = hl_field_new (_("Protected record"), NULL, 0, len);

  hl_field_add_printf (fields, 0, len, _("Encrypted payload"),
                       g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", len), (guint)len);

  return fields;
}

static char *
handshake_title (guint8 type)
{
  const char *name = hl_handshake_type_name (type);

  return name ? g_strdup (name) : g_strdup_printf (_("Unknown handshake message %u"), type);
}

/* The messages that start in the record just appended to the handshake
 * bytes of @side, at @carry (the bytes of an unfinished message before
 * it), for the step that shows the record's header. */
static GPtrArray *
messages_in_record (Side  *side,
                    gsize  carry)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  gsize at = 0;

  while (side->handshake->len - at >= HANDSHAKE_HEADER)
    {
      const guint8 *p = side->handshake->data + at;
      gsize size = HANDSHAKE_HEADER + (((gsize)p[1] << 16) | ((gsize)p[2] << 8) | p[3]);

      if (side->handshake->len - at < size)
        break;
      if (at >= carry)
        g_ptr_array_add (names, handshake_title (p[0]));
      at += size;
    }

  if (at < side->handshake->len && at >= carry)
    {
      g_autofree char *name = handshake_title (side->handshake->data[at]);

      g_ptr_array_add (names, g_strdup_printf (_("the start of %s, which continues in the next record"), name));
    }

  return names;
}

/* Logs the handshake messages completed by @pending's record, whose
 * fragment begins @carry bytes into @side's handshake bytes. */
static void
log_handshake_messages (Side    *side,
                        Pending *pending,
                        gsize    carry)
{
  g_autoptr(GPtrArray) names = messages_in_record (side, carry);
  gsize start = 0;  /* where the next message starts among the handshake bytes of this turn */
  guint number = 0; /* among the messages that start in this record */

  while (side->handshake->len >= HANDSHAKE_HEADER)
    {
      const guint8 *p = side->handshake->data;
      gsize body = ((gsize)p[1] << 16) | ((gsize)p[2] << 8) | p[3];
      HlStoryEvent event;
      gboolean known;
      g_autofree char *title = NULL;
      g_autoptr(HlField) fields = NULL;
      gboolean opens_record = start == carry;
      HlStep *step;

      if (side->handshake->len < HANDSHAKE_HEADER + body)
        break;

      if (start >= carry)
        number++;
      known = message_event (p[0], side->actor, &event);
      title = handshake_title (p[0]);

      step = add_wire_step (side, pending, HL_STEP_HANDSHAKE,
                            known ? story_of (side->engine, event, side->actor) : 0,
                            title, p, HANDSHAKE_HEADER + body, opens_record, FALSE);
      hl_step_set_handshake_type (step, p[0]);

      /* The session the client offers, to tell a resumption from a new
       * session in the ServerHello. */
      if (p[0] == 1 && body >= 35 && body >= (gsize)35 + p[HANDSHAKE_HEADER + 34])
        {
          g_clear_pointer (&side->engine->offered_session, g_bytes_unref);
          side->engine->offered_session = g_bytes_new (p + HANDSHAKE_HEADER + 35, p[HANDSHAKE_HEADER + 34]);
        }

      /* ServerHello fixes how the rest decodes: version, then after the
       * random and the session ID, the suite. */
      if (p[0] == 2 && body >= 35 && body >= (gsize)35 + p[HANDSHAKE_HEADER + 34] + 2)
        {
          const guint8 *suite = p + HANDSHAKE_HEADER + 35 + p[HANDSHAKE_HEADER + 34];

          side->engine->decode.version = ((guint)p[HANDSHAKE_HEADER] << 8) | p[HANDSHAKE_HEADER + 1];
          side->engine->decode.cipher_suite = ((guint)suite[0] << 8) | suite[1];
          side->engine->suites[side->engine->connection] = side->engine->decode.cipher_suite;
        }

      fields = hl_decode_handshake (p, HANDSHAKE_HEADER + body, &side->engine->decode);
      if (opens_record)
        {
          set_wire_fields (step, pending, fields);
          if (names->len > 1)
            {
              g_autofree char *list = NULL;

              g_ptr_array_add (names, NULL);
              list = g_strjoinv (", ", (char **)names->pdata);
              g_ptr_array_remove_index (names, names->len - 1);
              hl_field_add (hl_field_get_child (fields, 0), _("Messages in this record"), list,
                            HL_FIELD_NO_OFFSET, 0);
            }
        }
      else
        {
          g_autoptr(HlField) shared = NULL;
          g_autofree char *text = NULL;

          /* One record, several messages: the header is shown once, with
           * the message that opens the record. */
          if (start < carry)
            text = g_strdup (_("shared: the message began in an earlier record and ends in this one"));
          else if (carry == 0)
            text = g_strdup_printf (_("shared: message %u of %u in the record %s opens, whose header is shown there"),
                                    number, names->len, (const char *)g_ptr_array_index (names, 0));
          else
            text = g_strdup (_("shared: the message follows the end of an earlier one in the same record"));
          shared = hl_field_new (_("Record header"), text, HL_FIELD_NO_OFFSET, 0);
          hl_field_prepend (fields, shared);
          hl_step_set_fields (step, fields);
        }
      hl_explain_handshake_message (step, &side->engine->decode, side->engine->offered_session);

      if (p[0] == 1 || p[0] == 2)
        side->sent_hello = TRUE;

      start += HANDSHAKE_HEADER + body;
      g_byte_array_remove_range (side->handshake, 0, HANDSHAKE_HEADER + body);
    }
}

static void
log_alert (Side     *side,
           Pending  *pending,
           gboolean  encrypted)
{
  const guint8 *p;
  gsize len;
  HlStep *step;
  g_autoptr(HlField) fields = NULL;
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;

  p = g_bytes_get_data (pending->bytes, &len);

  if (!encrypted && len == RECORD_HEADER + 2)
    {
      guint level = p[RECORD_HEADER];
      guint description = p[RECORD_HEADER + 1];
      const char *name = hl_alert_name (description);

      title = g_strdup_printf (_("Alert: %s"), name ? name : "?");
      explanation = g_strdup_printf (_("The %s tells its peer why it stops: a %s alert, sent in the clear "
                                       "because no keys were agreed yet."),
                                     side_name (side->actor), level == 2 ? "fatal" : "warning");
      step = add_wire_step (side, pending, HL_STEP_ALERT, side->engine->story, title,
                            p + RECORD_HEADER, 2, TRUE, FALSE);
      fields = hl_decode_alert (p + RECORD_HEADER, 2);
      if (description == BR_ALERT_CLOSE_NOTIFY)
        peer_of (side)->got_close_notify = TRUE;
      else if (level == 2)
        side->alert_sent = description;
    }
  else if (encrypted && (side->close_called || side->got_close_notify))
    {
      /* Not decrypted here: the engine was closing, and BearSSL closes
       * with close_notify and nothing else. */
      title = g_strdup (_("Alert: close_notify (encrypted)"));
      explanation = g_strdup_printf (side->close_called
                                     ? _("The %s has nothing more to say and closes the connection with "
                                         "close_notify, encrypted like every record after ChangeCipherSpec.")
                                     : _("The %s answers close_notify with its own close_notify, encrypted."),
                                     side_name (side->actor));
      step = add_wire_step (side, pending, HL_STEP_ALERT,
                            story_of (side->engine, HL_STORY_EVENT_APPLICATION, side->actor), title,
                            p + RECORD_HEADER, len - RECORD_HEADER, TRUE, TRUE);
      fields = protected_fields (len - RECORD_HEADER);
      peer_of (side)->got_close_notify = TRUE;
    }
  else
    {
      title = g_strdup (_("Alert (encrypted)"));
      explanation = g_strdup (_("An alert under the session keys; its description is encrypted."));
      step = add_wire_step (side, pending, HL_STEP_ALERT, side->engine->story, title,
                            p + RECORD_HEADER, len - RECORD_HEADER, TRUE, encrypted);
      fields = encrypted ? protected_fields (len - RECORD_HEADER) : hl_decode_alert (p + RECORD_HEADER, len - RECORD_HEADER);
    }

  set_wire_fields (step, pending, fields);
  hl_step_set_explanation (step, explanation);
}

/* Logs one record as it goes on the wire: the record itself, and the steps
 * of the messages it carries. */
static void
log_record (Side    *side,
            Pending *pending)
{
  Engine *self = side->engine;
  const guint8 *p;
  gsize len;
  guint8 type;
  gboolean encrypted = side->sent_ccs;

  p = g_bytes_get_data (pending->bytes, &len);
  type = p[0];
  pending->index = hl_trace_append_record (self->trace, side->actor, pending->bytes, encrypted);
  pending->steps = g_ptr_array_new_with_free_func (g_object_unref);

  switch (type)
    {
    case 20:
      {
        HlStep *step = add_wire_step (side, pending, HL_STEP_CHANGE_CIPHER_SPEC,
                                      story_of (self, HL_STORY_EVENT_FINISHED, side->actor), "ChangeCipherSpec",
                                      p + RECORD_HEADER, len - RECORD_HEADER, TRUE, encrypted);
        g_autoptr(HlField) fields = hl_decode_change_cipher_spec (p + RECORD_HEADER, len - RECORD_HEADER);

        set_wire_fields (step, pending, fields);

        hl_step_set_explanation (step, side->actor == HL_ACTOR_CLIENT
                                 ? _("From the next record on, everything the client sends is encrypted and "
                                     "authenticated with the keys just derived.")
                                 : _("From the next record on, everything the server sends is encrypted and "
                                     "authenticated too."));
        hl_step_add_claim (step, HL_CLAIM_NEXT_RECORDS_ENCRYPTED, TRUE);
        side->sent_ccs = TRUE;
      }
      break;

    case 21:
      log_alert (side, pending, encrypted);
      break;

    case 22:
      if (!encrypted)
        {
          gsize carry = side->handshake->len;

          g_byte_array_append (side->handshake, p + RECORD_HEADER, len - RECORD_HEADER);
          log_handshake_messages (side, pending, carry);
        }
      else
        {
          /* After ChangeCipherSpec the only handshake message of a TLS 1.2
           * handshake is Finished (renegotiation aside). */
          HlStep *step = add_wire_step (side, pending, HL_STEP_HANDSHAKE,
                                        story_of (self, HL_STORY_EVENT_FINISHED, side->actor),
                                        _("Finished (encrypted)"), p + RECORD_HEADER, len - RECORD_HEADER,
                                        TRUE, TRUE);
          g_autoptr(HlField) fields = protected_fields (len - RECORD_HEADER);

          hl_step_set_handshake_type (step, 20);
          hl_step_set_explanation (step, _("The first message under the new keys: verify_data computed over the "
                                           "whole handshake. The peer computes it again from its own view of the "
                                           "handshake and accepts the message only if the two values match."));
          set_wire_fields (step, pending, fields);
        }
      break;

    case 23:
      {
        g_autoptr(GBytes) plaintext = g_queue_pop_head (&side->plaintexts);
        HlStep *step = add_wire_step (side, pending, HL_STEP_APPLICATION_DATA,
                                      story_of (self, HL_STORY_EVENT_APPLICATION, side->actor),
                                      side->actor == HL_ACTOR_CLIENT ? _("Application data: HTTP request")
                                                                     : _("Application data: HTTP response"),
                                      p + RECORD_HEADER, len - RECORD_HEADER, TRUE, encrypted);
        g_autoptr(HlField) fields = hl_field_new (_("Application data"), NULL, 0, len - RECORD_HEADER);

        hl_field_add_printf (fields, 0, len - RECORD_HEADER, _("Encrypted payload"),
                             g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", len - RECORD_HEADER),
                             (guint)(len - RECORD_HEADER));
        if (plaintext != NULL)
          {
            g_autofree char *text = g_strndup (g_bytes_get_data (plaintext, NULL), g_bytes_get_size (plaintext));

            hl_trace_set_record_given (self->trace, pending->index, plaintext);
            hl_field_add (fields, _("Plaintext the sender's engine was given"), text, HL_FIELD_NO_OFFSET, 0);
          }
        set_wire_fields (step, pending, fields);
        hl_step_set_explanation (step, _("The application's bytes, encrypted and authenticated with the session "
                                         "keys. Only the two ends can read them."));
      }
      break;

    default:
      {
        HlStep *step = add_wire_step (side, pending, HL_STEP_APPLICATION_DATA, self->story,
                                      _("Record of unknown type"), p + RECORD_HEADER, len - RECORD_HEADER,
                                      TRUE, encrypted);
        g_autoptr(HlField) fields = hl_decode_record_header (p, len);

        hl_step_set_fields (step, fields);
      }
      break;
    }
}

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_bytes_unref (pending->bytes);
  g_clear_pointer (&pending->steps, g_ptr_array_unref);
  g_free (pending);
}

/* Splits what @side's engine sent into records and queues them.  BearSSL
 * hands out whole records in practice, but nothing promises it. */
static void
split_records (Side *side)
{
  while (side->out->len >= RECORD_HEADER)
    {
      const guint8 *p = side->out->data;
      gsize len = RECORD_HEADER + (((gsize)p[3] << 8) | p[4]);
      Pending *pending;

      if (side->out->len < len)
        break;

      pending = g_new0 (Pending, 1);
      pending->bytes = g_bytes_new (p, len);
      pending->number = ++side->records_sent;
      log_record (side, pending);
      g_queue_push_tail (&side->pending, pending);
      g_byte_array_remove_range (side->out, 0, len);
    }
}

/* The pump ----------------------------------------------------------------- */

/* @side failed on the header of @record, before reading what it carries:
 * BearSSL checks a record's version and length as soon as it has the five
 * bytes of its header. */
static char *
header_failure (Side    *side,
                Pending *record)
{
  Side *peer = peer_of (side);
  const guint8 *h = g_bytes_get_data (record->bytes, NULL);
  guint version = ((guint)h[1] << 8) | h[2];
  g_autoptr(HlField) header = hl_decode_record_header (h, RECORD_HEADER);
  g_autofree char *rule = NULL;

  if (side->error == BR_ERR_UNSUPPORTED_VERSION && (version >> 8) != 3)
    rule = g_strdup_printf (_(" BearSSL reads only records of version 3.x (SSL 3.0 to TLS 1.2): a record "
                              "whose header says 0x%04X is too alien to process."), version);

  return g_strdup_printf (_("The %s stopped on the 5-byte header of the %s's record (%s) and never read "
                            "the %u bytes it announces.%s"),
                          side_name (side->actor), side_name (peer->actor), hl_field_get_value (header),
                          (guint)(g_bytes_get_size (record->bytes) - RECORD_HEADER), rule ? rule : "");
}

static void
note_state (Side *side)
{
  Engine *self = side->engine;
  unsigned state = br_ssl_engine_current_state (side->eng);
  size_t unsent;

  /* Done once its last handshake record has left, not before. */
  if (!side->handshake_done && (state & BR_SSL_SENDAPP) != 0 &&
      br_ssl_engine_sendrec_buf (side->eng, &unsent) == NULL)
    {
      br_ssl_session_parameters params;
      g_autofree char *explanation = NULL;
      const char *suite;
      const char *version;
      HlStep *step;

      side->handshake_done = TRUE;
      br_ssl_engine_get_session_parameters (side->eng, &params);
      /* Resumed: the engine took the master secret from the session. */
      if (side->secrets->master_secret == NULL)
        set_bytes (&side->secrets->master_secret, params.master_secret, MASTER_SECRET_LEN);
      hl_trace_set_negotiated (self->trace, params.version, params.cipher_suite);
      suite = hl_cipher_suite_name (params.cipher_suite);
      version = hl_version_name (params.version);

      explanation = g_strdup_printf (_("The %s's engine reports the handshake done: %s with %s. From now on "
                                       "application data flows encrypted."),
                                     side_name (side->actor), version ? version : "?", suite ? suite : "?");
      step = batch_step (side, HL_STEP_STATE, story_of (self, HL_STORY_EVENT_DONE, side->actor),
                         side->actor == HL_ACTOR_CLIENT ? _("Client: handshake complete")
                                                        : _("Server: handshake complete"),
                         explanation);
      hl_step_add_claim (step, HL_CLAIM_NEXT_RECORDS_ENCRYPTED, TRUE);
      hl_step_set_verdict (step, HL_VERDICT_OK);
    }

  if (!side->closed && (state & BR_SSL_CLOSED) != 0)
    {
      int err = br_ssl_engine_last_error (side->eng);
      g_autofree char *explanation = NULL;
      HlStep *step;

      side->closed = TRUE;
      side->error = err;
      if (err >= BR_ERR_SEND_FATAL_ALERT)
        side->alert_sent = err - BR_ERR_SEND_FATAL_ALERT;

      if (err == BR_ERR_OK)
        {
          step = batch_step (side, HL_STEP_STATE, story_of (self, HL_STORY_EVENT_APPLICATION, side->actor),
                             side->actor == HL_ACTOR_CLIENT ? _("Client: connection closed")
                                                            : _("Server: connection closed"),
                             _("Both close_notify alerts were exchanged: a clean end, so neither side can "
                               "be fooled into taking a truncated conversation for a complete one."));
          hl_step_set_verdict (step, HL_VERDICT_OK);
        }
      else
        {
          if (!self->failed)
            {
              self->failed = TRUE;
              self->first_failure = side->actor;
              self->failure_story = MAX (current_story (side), 1);
            }

          if (self->reading != NULL)
            {
              self->reading->read_when_failed = self->reading->delivered;
              hl_trace_set_record_failed (self->trace, self->reading->index, self->reading->delivered, err);
              if (self->reading->delivered <= RECORD_HEADER && err < BR_ERR_RECV_FATAL_ALERT)
                side->failure_detail = header_failure (side, self->reading);
            }

          /* Said in full at the end, when it is known whether the
           * peer was left waiting. */
          explanation = hl_error_describe (err);

          step = batch_step (side, HL_STEP_STATE, self->failure_story,
                             side->actor == HL_ACTOR_CLIENT ? _("Client fails")
                                                            : _("Server fails"),
                             explanation);
          hl_step_set_verdict (step, HL_VERDICT_FAILED);
          side->failure_step = step;
        }
    }

}

/* Calls into BearSSL go through enter()/leave() so that hooks know the side
 * and the steps they produce land in the trace. */
static gboolean
drain (Side *side)
{
  gboolean progress = FALSE;
  unsigned char *buf;
  size_t len;

  while ((buf = br_ssl_engine_sendrec_buf (side->eng, &len)) != NULL && len > 0)
    {
      g_byte_array_append (side->out, buf, len);
      split_records (side);
      enter (side);
      br_ssl_engine_sendrec_ack (side->eng, len);
      note_state (side);
      leave (side);
      progress = TRUE;
    }

  flush (side);

  return progress;
}

/* Gives the engine the next part of side->app_out, as much as one record
 * holds (the engine's room: 16384 bytes at most), and flushes it: each
 * record carries one part, and the trace knows which.  The engine takes
 * more once the peer has been fed that record, in a later round; once it
 * has taken it all, side->app_out is cleared.
 * Returns whether the engine took anything. */
static gboolean
write_app (Side *side)
{
  gsize total;
  const guint8 *data = g_bytes_get_data (side->app_out, &total);
  unsigned char *buf;
  size_t room;
  gsize n = 0;

  enter (side);
  buf = br_ssl_engine_sendapp_buf (side->eng, &room);
  if (buf != NULL && room > 0)
    {
      n = MIN (room, total - side->app_out_done);
      memcpy (buf, data + side->app_out_done, n);
      br_ssl_engine_sendapp_ack (side->eng, n);
      br_ssl_engine_flush (side->eng, 0);
      g_queue_push_tail (&side->plaintexts, g_bytes_new_from_bytes (side->app_out, side->app_out_done, n));
      side->app_out_done += n;
    }
  note_state (side);
  leave (side);

  if (side->app_out_done == total)
    {
      g_clear_pointer (&side->app_out, g_bytes_unref);
      side->app_out_done = 0;
    }

  return n > 0;
}

static const char *
find_header_end (GByteArray *data)
{
  if (data->len == 0)
    return NULL;

  return g_strstr_len ((const char *)data->data, data->len, "\r\n\r\n");
}

static gboolean
response_complete (GByteArray *data)
{
  const char *end = find_header_end (data);
  g_autofree char *headers = NULL;
  g_autofree char *value = NULL;
  const char *cl;
  guint64 length;

  if (end == NULL)
    return FALSE;

  headers = g_ascii_strdown ((const char *)data->data, end - (const char *)data->data);
  cl = strstr (headers, "\r\ncontent-length:");
  if (cl == NULL)
    return FALSE;

  cl += strlen ("\r\ncontent-length:");
  value = g_strndup (cl, strcspn (cl, "\r"));
  if (!g_ascii_string_to_unsigned (g_strstrip (value), 10, 0, 65536, &length, NULL))
    return FALSE;

  return (gsize)(end + 4 - (const char *)data->data) + length <= data->len;
}

static gboolean
run_app (Side *side)
{
  Engine *self = side->engine;
  gboolean progress = FALSE;
  unsigned state = br_ssl_engine_current_state (side->eng);

  if ((state & BR_SSL_RECVAPP) != 0)
    {
      unsigned char *buf;
      size_t len;

      enter (side);
      while ((buf = br_ssl_engine_recvapp_buf (side->eng, &len)) != NULL)
        {
          g_byte_array_append (side->app_in, buf, len);
          br_ssl_engine_recvapp_ack (side->eng, len);
          progress = TRUE;
        }
      note_state (side);
      leave (side);
    }

  state = br_ssl_engine_current_state (side->eng);
  if ((state & BR_SSL_CLOSED) != 0 || !side->handshake_done)
    return progress;

  if (side->actor == HL_ACTOR_CLIENT && !side->request_sent && (state & BR_SSL_SENDAPP) != 0)
    {
      if (side->app_out == NULL)
        {
          char *request = g_strdup_printf ("GET %s HTTP/1.1\r\n"
                                           "Host: %s\r\n"
                                           "User-Agent: handshake-lab/" PACKAGE_VERSION "\r\n"
                                           "Connection: close\r\n"
                                           "\r\n",
                                           hl_scenario_get_request_path (self->scenario),
                                           hl_scenario_get_server_name (self->scenario));

          side->app_out = g_bytes_new_take (request, strlen (request));
        }

      progress = write_app (side);
      side->request_sent = side->app_out == NULL;
    }
  else if (side->actor == HL_ACTOR_SERVER && !side->response_sent &&
           find_header_end (side->app_in) != NULL && (state & BR_SSL_SENDAPP) != 0)
    {
      static const char body[] = "Hello from the Handshake Lab server.\n"
                                 "This text crossed the wire encrypted.\n";

      if (side->app_out == NULL)
        {
          char *response = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                            "Content-Type: text/plain; charset=utf-8\r\n"
                                            "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                            "Connection: close\r\n"
                                            "\r\n"
                                            "%s",
                                            sizeof body - 1, body);

          side->app_out = g_bytes_new_take (response, strlen (response));
        }

      progress = write_app (side);
      side->response_sent = side->app_out == NULL;
    }
  else if (side->actor == HL_ACTOR_CLIENT && side->request_sent && !side->close_called &&
           response_complete (side->app_in))
    {
      self->response_complete = TRUE;
      side->close_called = TRUE;
      enter (side);
      br_ssl_engine_close (side->eng);
      note_state (side);
      leave (side);
      progress = TRUE;
    }

  return progress;
}

/* The scenario's attacker: flips bits of one record before the peer sees
 * it, and says so as a step of the network. */
static void
tamper (Side    *side,
        Pending *pending)
{
  Engine *self = side->engine;
  HlActor sender;
  guint record, offset;
  guint8 mask;
  const char *description;
  g_autoptr(GByteArray) changed = NULL;
  g_autoptr(HlField) fields = NULL;
  g_autofree char *explanation = NULL;
  gsize len;
  guint8 before;
  HlStep *step;

  if (!hl_scenario_get_tamper (self->scenario, &sender, &record, &offset, &mask, &description) ||
      sender != side->actor || record != pending->number)
    return;

  len = g_bytes_get_size (pending->bytes);
  if (RECORD_HEADER + offset >= len)
    {
      self->tamper_short = TRUE;
      self->tamper_body = len - RECORD_HEADER;
      return;
    }
  self->tampered = TRUE;

  changed = g_byte_array_sized_new (len);
  g_byte_array_append (changed, g_bytes_get_data (pending->bytes, NULL), len);
  before = changed->data[RECORD_HEADER + offset];
  changed->data[RECORD_HEADER + offset] ^= mask;

  g_bytes_unref (pending->bytes);
  pending->bytes = g_bytes_new (changed->data, changed->len);
  hl_trace_set_record_tampered (self->trace, pending->index, pending->bytes);

  /* The record as the receiver gets it, header and all, like the
   * sender's step shows it as sent. */
  fields = hl_field_new (_("Tampered record"), NULL, 0, len - RECORD_HEADER);
  hl_field_add_printf (fields, offset, 1, _("changed byte"), _("byte %u of the fragment (%u of the record): %02x → %02x"),
                       offset, RECORD_HEADER + offset, before, before ^ mask);
  hl_decode_prepend_record_header (fields, changed->data);

  explanation = g_strdup_printf (_("%s%sThe network flips bits of byte %u of the fragment of record %u from the %s, "
                                   "after its 5-byte header (%02x → %02x). Nothing in the record itself tells the "
                                   "receiver."),
                                 description ? description : "", description ? " " : "",
                                 offset, pending->number, side_name (side->actor), before, before ^ mask);

  step = hl_step_new (HL_ACTOR_NETWORK, HL_STEP_FAULT,
                      pending->steps->len > 0 ? hl_step_get_story (g_ptr_array_index (pending->steps, 0)) : self->story,
                      _("The network tampers with a record"));
  hl_step_set_explanation (step, explanation);
  hl_step_set_bytes (step, pending->bytes);
  hl_step_set_header_length (step, RECORD_HEADER);
  hl_step_set_fields (step, fields);
  hl_step_set_record (step, pending->index);
  hl_step_set_verdict (step, HL_VERDICT_FAILED);
  append_step (self, step);
  g_object_unref (step);
}

/* Delivers (the rest of) the oldest record @side sent to its peer. */
static gboolean
feed (Side *side)
{
  Engine *self = side->engine;
  Side *peer = peer_of (side);
  Pending *pending = g_queue_peek_head (&side->pending);
  gboolean progress = FALSE;
  const guint8 *p;
  gsize len;

  if (pending == NULL)
    return FALSE;

  if (!pending->tampered)
    {
      pending->tampered = TRUE;
      tamper (side, pending);
    }

  p = g_bytes_get_data (pending->bytes, &len);

  while (pending->delivered < len)
    {
      size_t room;
      unsigned char *buf = br_ssl_engine_recvrec_buf (peer->eng, &room);
      gsize n;

      if (buf == NULL || room == 0)
        break;

      n = MIN (room, len - pending->delivered);
      memcpy (buf, p + pending->delivered, n);
      pending->delivered += n;

      self->delivering = pending->steps->len > 0 ? hl_step_get_story (g_ptr_array_index (pending->steps, 0))
                                                 : self->story;
      self->reading = pending;
      enter (peer);
      br_ssl_engine_recvrec_ack (peer->eng, n);
      note_state (peer);
      leave (peer);
      self->reading = NULL;
      self->delivering = 0;
      progress = TRUE;
    }

  /* The peer's answer belongs to the same turn. */
  drain (peer);

  if (pending->delivered == len)
    {
      for (guint i = 0; i < pending->steps->len; i++)
        {
          int type = hl_step_get_handshake_type (g_ptr_array_index (pending->steps, i));

          if (type == 1 || type == 2)
            peer->got_hello = TRUE;
        }

      hl_trace_set_record_delivered (side->engine->trace, pending->index);
      pending_free (g_queue_pop_head (&side->pending));
    }

  return progress;
}

/* Set-up ------------------------------------------------------------------- */

static void
seed_engine (br_ssl_engine_context *eng,
             guint64                seed,
             HlActor                actor)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 entropy[32];
  gsize len = sizeof entropy;
  guint8 le[8];

  for (guint i = 0; i < 8; i++)
    le[i] = (seed >> (8 * i)) & 0xff;

  /* Each side gets its own stream, both fixed by the scenario's seed. */
  g_checksum_update (checksum, (const guchar *)(actor == HL_ACTOR_CLIENT ? "handshake-lab client"
                                                                         : "handshake-lab server"), -1);
  g_checksum_update (checksum, le, sizeof le);
  g_checksum_get_digest (checksum, entropy, &len);

  /* Without this the engine mixes in the OS's randomness at reset and no
   * two runs are alike (DESIGN.md, "Determinism"). */
  eng->rng_os_rand_done = 1;
  br_ssl_engine_inject_entropy (eng, entropy, len);
}

static void
install_hooks (br_ssl_engine_context *eng)
{
  br_ssl_engine_set_ec (eng, hooked_ec ());
  br_ssl_engine_set_prf10 (eng, hook_prf10);
  br_ssl_engine_set_prf_sha256 (eng, hook_prf_sha256);
  br_ssl_engine_set_prf_sha384 (eng, hook_prf_sha384);
}

static void
init_side (Engine  *self,
           HlActor  actor,
           br_ssl_engine_context *eng)
{
  Side *side = &self->sides[actor];

  side->engine = self;
  side->actor = actor;
  side->eng = eng;
  side->iobuf = g_malloc (BR_SSL_BUFSIZE_BIDI);
  side->out = g_byte_array_new ();
  side->handshake = g_byte_array_new ();
  side->app_in = g_byte_array_new ();
  side->batch = g_ptr_array_new_with_free_func (g_object_unref);
  side->secrets = hl_trace_get_secrets (self->trace, actor);
  side->alert_sent = -1;
  g_queue_init (&side->pending);
  g_queue_init (&side->plaintexts);
}

static void
clear_side (Side *side)
{
  g_free (side->iobuf);
  g_byte_array_unref (side->out);
  g_byte_array_unref (side->handshake);
  g_byte_array_unref (side->app_in);
  g_ptr_array_unref (side->batch);
  g_queue_clear_full (&side->pending, pending_free);
  g_queue_clear_full (&side->plaintexts, (GDestroyNotify)g_bytes_unref);
  g_clear_pointer (&side->app_out, g_bytes_unref);
  g_clear_pointer (&side->failure_detail, g_free);
}

/* BR_KEYTYPE_RSA or BR_KEYTYPE_EC: what signed certificate @name.  A
 * certificate read from a file has no issuer in the PKI; its signature
 * algorithm tells. */
static unsigned
issuer_key_type (HlPki      *pki,
                 const char *name)
{
  HlKey *issuer = hl_pki_get_issuer_key (pki, name);
  g_autoptr(HlCertificate) cert = NULL;

  if (issuer != NULL)
    return hl_key_get_key_type (issuer) == HL_KEY_TYPE_RSA ? BR_KEYTYPE_RSA : BR_KEYTYPE_EC;

  cert = hl_certificate_new (hl_pki_get_der (pki, name), NULL);
  if (cert != NULL && g_str_has_prefix (hl_certificate_get_signature_algorithm (cert), "ecdsa"))
    return BR_KEYTYPE_EC;

  return BR_KEYTYPE_RSA;
}

/* Mutual TLS: the server asks for a certificate and checks it against its
 * own roots; the client answers with its chain, if it has one. */
static gboolean
setup_client_auth (Engine  *self,
                   GError **error)
{
  HlScenario *scenario = self->scenario;
  const char * const *client_chain = hl_scenario_get_client_chain (scenario);
  gint64 clock = hl_scenario_get_clock (scenario);

  if (hl_scenario_get_client_auth (scenario) != HL_CLIENT_AUTH_NONE)
    {
      const br_x509_trust_anchor *anchors;
      gsize n_anchors;

      if (!(anchors = hl_pki_get_trust_anchors (self->pki, hl_scenario_get_server_trust (scenario),
                                                &n_anchors, error)))
        return FALSE;

      br_x509_minimal_init_full (&self->sxc, anchors, n_anchors);
      log_signatures (&self->sxc);
      br_x509_minimal_set_time (&self->sxc, (uint32_t)(719528 + clock / 86400), (uint32_t)(clock % 86400));
      hl_x509_observer_init (&self->server_observer, &self->sxc);
      self->server_observer.on_end_chain = note_chain_check;
      self->server_observer.user_data = self;
      br_ssl_engine_set_x509 (&self->sc.eng, &self->server_observer.vtable);
      br_ssl_server_set_trust_anchor_names_alt (&self->sc, anchors, n_anchors);
      /* Without these the server cannot check CertificateVerify (error 26). */
      br_ssl_engine_set_default_rsavrfy (&self->sc.eng);
      br_ssl_engine_set_default_ecdsa (&self->sc.eng);
      if (hl_scenario_get_client_auth (scenario) == HL_CLIENT_AUTH_OPTIONAL)
        br_ssl_engine_add_flags (&self->sc.eng, BR_OPT_TOLERATE_NO_CLIENT_AUTH);
    }

  if (client_chain != NULL)
    {
      const br_x509_certificate *chain;
      gsize n_chain;
      HlKey *key = hl_pki_get_key (self->pki, client_chain[0]);

      if (!(chain = hl_pki_get_chain (self->pki, client_chain, &n_chain, error)))
        return FALSE;

      if (hl_key_get_key_type (key) == HL_KEY_TYPE_RSA)
        br_ssl_client_set_single_rsa (&self->cc, chain, n_chain, hl_key_get_rsa (key),
                                      br_rsa_pkcs1_sign_get_default ());
      else
        {
          br_ssl_client_set_single_ec (&self->cc, chain, n_chain, hl_key_get_ec (key),
                                       BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN,
                                       issuer_key_type (self->pki, client_chain[0]),
                                       br_ec_get_default (), br_ecdsa_sign_asn1_get_default ());
        }
    }

  return TRUE;
}

static gboolean
setup (Engine  *self,
       GError **error)
{
  HlScenario *scenario = self->scenario;
  const br_x509_certificate *chain;
  const br_x509_trust_anchor *anchors;
  gsize n_chain, n_anchors, n_suites;
  const guint16 *suites;
  HlKey *server_key;
  guint min, max;
  gint64 clock;

  /* Built once per scenario: signing certificates costs more than the
   * handshake itself. */
  if (!(self->pki = hl_scenario_get_pki (scenario, error)))
    return FALSE;

  if (!(chain = hl_pki_get_chain (self->pki, hl_scenario_get_server_chain (scenario), &n_chain, error)) ||
      !(anchors = hl_pki_get_trust_anchors (self->pki, hl_scenario_get_client_trust (scenario), &n_anchors, error)))
    return FALSE;

  server_key = hl_pki_get_key (self->pki, hl_scenario_get_server_chain (scenario)[0]);
  if (hl_scenario_get_server_key (scenario) != NULL)
    {
      g_clear_pointer (&self->wrong_key, hl_key_unref);
      if (!(self->wrong_key = hl_key_load_demo (hl_scenario_get_server_key (scenario), error)))
        return FALSE;
      server_key = self->wrong_key;
    }

  /* The client. */
  br_ssl_client_init_full (&self->cc, &self->xc, anchors, n_anchors);
  hl_scenario_get_versions (scenario, HL_ACTOR_CLIENT, &min, &max);
  br_ssl_engine_set_versions (&self->cc.eng, min, max);
  suites = hl_scenario_get_suites (scenario, HL_ACTOR_CLIENT, &n_suites);
  br_ssl_engine_set_suites (&self->cc.eng, suites, n_suites);

  clock = hl_scenario_get_clock (scenario);
  br_x509_minimal_set_time (&self->xc,
                            (uint32_t)(719528 + clock / 86400),
                            (uint32_t)(clock % 86400));
  log_signatures (&self->xc);
  hl_x509_observer_init (&self->observer, &self->xc);
  self->observer.on_end_chain = note_chain_check;
  self->observer.user_data = self;
  br_ssl_engine_set_x509 (&self->cc.eng, &self->observer.vtable);
  br_ssl_client_set_rsapub (&self->cc, hook_rsa_public);
  install_hooks (&self->cc.eng);

  /* The server. */
  if (hl_key_get_key_type (server_key) == HL_KEY_TYPE_RSA)
    {
      br_ssl_server_init_full_rsa (&self->sc, chain, n_chain, hl_key_get_rsa (server_key));
      br_ssl_server_set_single_rsa (&self->sc, chain, n_chain, hl_key_get_rsa (server_key),
                                    BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN,
                                    hook_rsa_private, br_rsa_pkcs1_sign_get_default ());
    }
  else
    {
      /* Static ECDH suites depend on what signed the server's certificate. */
      unsigned issuer_type = issuer_key_type (self->pki, hl_scenario_get_server_chain (scenario)[0]);

      br_ssl_server_init_full_ec (&self->sc, chain, n_chain, issuer_type, hl_key_get_ec (server_key));
    }
  hl_scenario_get_versions (scenario, HL_ACTOR_SERVER, &min, &max);
  br_ssl_engine_set_versions (&self->sc.eng, min, max);

  if (!setup_client_auth (self, error))
    return FALSE;

  if (hl_scenario_get_resume (scenario))
    {
      br_ssl_session_cache_lru_init (&self->lru, self->lru_store, sizeof self->lru_store);
      br_ssl_server_set_cache (&self->sc, &self->lru.vtable);
    }
  suites = hl_scenario_get_suites (scenario, HL_ACTOR_SERVER, &n_suites);
  br_ssl_engine_set_suites (&self->sc.eng, suites, n_suites);
  install_hooks (&self->sc.eng);

  init_side (self, HL_ACTOR_CLIENT, &self->cc.eng);
  init_side (self, HL_ACTOR_SERVER, &self->sc.eng);

  for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
    {
      Side *side = &self->sides[actor];

      br_ssl_engine_set_buffer (side->eng, side->iobuf, BR_SSL_BUFSIZE_BIDI, 1);
      seed_engine (side->eng, hl_scenario_get_seed (scenario), actor);
    }

  if (!br_ssl_client_reset (&self->cc, hl_scenario_get_server_name (scenario), 0) ||
      !br_ssl_server_reset (&self->sc))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("BearSSL refused to start: error %d (client), %d (server)"),
                   br_ssl_engine_last_error (&self->cc.eng), br_ssl_engine_last_error (&self->sc.eng));
      return FALSE;
    }

  return TRUE;
}

/* Record now, decrypt later: someone kept every byte of the run and, one
 * day, gets the server's private key.  With RSA key exchange that key
 * opens the ClientKeyExchange, and from there the whole session; with
 * (EC)DHE it opens nothing.  Everything here is computed from the wire
 * bytes and the stolen key alone. */
static HlStep *
find_wire (HlTrace *trace,
           HlActor  sender,
           int      handshake_type)
{
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);

      if (hl_step_get_actor (step) == sender && hl_step_get_handshake_type (step) == handshake_type &&
          !hl_step_get_encrypted (step))
        return step;
    }

  return NULL;
}

static void
eavesdrop (Engine *self)
{
  HlKey *key = hl_pki_get_key (self->pki, hl_scenario_get_server_chain (self->scenario)[0]);
  HlStep *hellos[2] = { find_wire (self->trace, HL_ACTOR_CLIENT, 1), find_wire (self->trace, HL_ACTOR_SERVER, 2) };
  HlStep *cke = find_wire (self->trace, HL_ACTOR_CLIENT, 16);
  const char *suite = hl_cipher_suite_name (hl_trace_get_cipher_suite (self->trace));
  const char *description = hl_scenario_get_fault_description (self->scenario);
  g_autoptr(HlField) fields = hl_field_new (_("What the eavesdropper computes"), NULL, HL_FIELD_NO_OFFSET, 0);
  g_autoptr(HlStep) step = NULL;
  g_autofree char *explanation = NULL;
  g_autoptr(GBytes) client_random = NULL;
  g_autoptr(GBytes) server_random = NULL;
  const guint8 *msg;
  gsize len;

  if (hellos[0] == NULL || hellos[1] == NULL || cke == NULL || suite == NULL)
    return;

  /* Each random follows its hello's 4-byte header and 2-byte version. */
  client_random = g_bytes_new_from_bytes (hl_step_get_bytes (hellos[0]), hl_step_get_header_length (hellos[0]) + 6, 32);
  server_random = g_bytes_new_from_bytes (hl_step_get_bytes (hellos[1]), hl_step_get_header_length (hellos[1]) + 6, 32);

  step = hl_step_new (HL_ACTOR_NETWORK, HL_STEP_FAULT, 9, _("Years later: the server's private key is stolen"));
  msg = g_bytes_get_data (hl_step_get_bytes (cke), &len);
  msg += hl_step_get_header_length (cke);
  len -= hl_step_get_header_length (cke);

  if (g_str_has_prefix (suite, "TLS_RSA_") && hl_key_get_key_type (key) == HL_KEY_TYPE_RSA && len > 6)
    {
      const br_rsa_private_key *sk = hl_key_get_rsa (key);
      gsize modulus = (sk->n_bitlen + 7) / 8;
      g_autofree guint8 *block = g_malloc0 (MAX (modulus, len - 6));
      g_autoptr(GBytes) encrypted = g_bytes_new (msg + 6, len - 6);
      g_autoptr(GBytes) pms = NULL;
      g_autoptr(GBytes) master = NULL;
      HlSecrets *truth = hl_trace_get_secrets (self->trace, HL_ACTOR_CLIENT);
      gboolean same;

      if (len - 6 != modulus)
        return;

      memcpy (block, msg + 6, modulus);
      br_rsa_private_get_default () (block, sk);
      pms = g_bytes_new (block + modulus - MASTER_SECRET_LEN, MASTER_SECRET_LEN);
      master = hl_prf_bytes (hl_prf_for_suite (hl_trace_get_version (self->trace), hl_trace_get_cipher_suite (self->trace)),
                             pms, "master secret", client_random, server_random, MASTER_SECRET_LEN);
      same = truth->master_secret != NULL && g_bytes_equal (master, truth->master_secret);

      hl_field_add_bytes (fields, _("recorded ClientKeyExchange: the encrypted pre-master secret"), encrypted,
                          HL_FIELD_FLAG_NONE);
      hl_field_add_bytes (fields, _("decrypted with the stolen key: the pre-master secret"), pms, HL_FIELD_FLAG_SECRET);
      hl_field_add_bytes (fields, _("recorded client random"), client_random, HL_FIELD_FLAG_NONE);
      hl_field_add_bytes (fields, _("recorded server random"), server_random, HL_FIELD_FLAG_NONE);
      hl_field_add_bytes (fields, _("master secret = PRF(pre-master secret, \"master secret\", randoms)"),
                          master, HL_FIELD_FLAG_SECRET | (same ? HL_FIELD_FLAG_MATCH : HL_FIELD_FLAG_DIFFER));

      for (guint i = 0; i < hl_trace_get_n_steps (self->trace); i++)
        {
          HlStep *s = hl_trace_get_step (self->trace, i);
          GBytes *plain = hl_step_get_plaintext (s);

          if (hl_step_get_kind (s) == HL_STEP_APPLICATION_DATA && plain != NULL && same)
            {
              g_autofree char *text = g_strndup (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));

              hl_field_add (fields, hl_step_get_actor (s) == HL_ACTOR_CLIENT ? _("recorded request, now readable")
                                                                            : _("recorded response, now readable"),
                            text, HL_FIELD_NO_OFFSET, 0);
            }
        }

      hl_step_add_claim (step, HL_CLAIM_RSA_KEY_EXCHANGE, TRUE);
      hl_step_add_claim (step, HL_CLAIM_RECORDING_DECRYPTS, same);
      explanation = g_strdup_printf (same
                                     ? _("%s%sThe eavesdropper kept every byte. With the server's private key it "
                                         "decrypts the recorded ClientKeyExchange, gets the pre-master secret, "
                                         "recomputes the master secret (identical to the session's) and with it "
                                         "every key: the whole conversation, years after it happened. No forward "
                                         "secrecy.")
                                     : _("%s%sThe eavesdropper kept every byte and decrypts the recorded "
                                         "ClientKeyExchange with the key it stole, but the master secret it "
                                         "recomputes is not the session's: that key is not the one the client "
                                         "encrypted to. The recording stays closed."),
                                     description ? description : "", description ? " " : "");
      hl_step_set_verdict (step, same ? HL_VERDICT_FAILED : HL_VERDICT_OK);
    }
  else
    {
      gboolean same = FALSE;

      hl_step_add_claim (step, HL_CLAIM_RSA_KEY_EXCHANGE, FALSE);
      hl_step_add_claim (step, HL_CLAIM_EPHEMERAL_KEY_EXCHANGE, g_str_has_prefix (suite, "TLS_ECDHE_"));

      /* Static ECDH: the server's share is its certificate's key, so the
       * stolen key redoes the server's multiplication. */
      if (g_str_has_prefix (suite, "TLS_ECDH_") && hl_key_get_key_type (key) == HL_KEY_TYPE_EC &&
          len > 5 && msg[4] == len - 5)
        {
          const br_ec_private_key *sk = hl_key_get_ec (key);
          const br_ec_impl *ec = br_ec_get_default ();
          g_autofree guint8 *point = g_memdup2 (msg + 5, len - 5);
          g_autoptr(GBytes) recorded = g_bytes_new (msg + 5, len - 5);
          HlSecrets *truth = hl_trace_get_secrets (self->trace, HL_ACTOR_CLIENT);
          size_t xlen;
          size_t xoff;

          if (ec->mul (point, len - 5, sk->x, sk->xlen, sk->curve))
            {
              g_autoptr(GBytes) pms = NULL;
              g_autoptr(GBytes) master = NULL;

              xoff = ec->xoff (sk->curve, &xlen);
              pms = g_bytes_new (point + xoff, xlen);
              master = hl_prf_bytes (hl_prf_for_suite (hl_trace_get_version (self->trace),
                                                       hl_trace_get_cipher_suite (self->trace)),
                                     pms, "master secret", client_random, server_random, MASTER_SECRET_LEN);
              same = truth->master_secret != NULL && g_bytes_equal (master, truth->master_secret);
              hl_field_add_bytes (fields, _("recorded ClientKeyExchange: the client's public point"), recorded,
                                  HL_FIELD_FLAG_NONE);
              hl_field_add_bytes (fields, _("the stolen key × that point, X coordinate: the pre-master secret"), pms,
                                  HL_FIELD_FLAG_SECRET);
              hl_field_add_bytes (fields, _("master secret = PRF(pre-master secret, \"master secret\", randoms)"),
                                  master, HL_FIELD_FLAG_SECRET | (same ? HL_FIELD_FLAG_MATCH : HL_FIELD_FLAG_DIFFER));
            }
        }
      else
        hl_field_add (fields, _("recorded ClientKeyExchange"), _("an ephemeral public point, not an encrypted secret"),
                      HL_FIELD_NO_OFFSET, 0);

      hl_step_add_claim (step, HL_CLAIM_RECORDING_DECRYPTS, same);
      if (g_str_has_prefix (suite, "TLS_ECDHE_"))
        explanation = g_strdup_printf (_("%s%sThe eavesdropper kept every byte and has the server's private key, "
                                         "but the key exchange was ephemeral Diffie-Hellman: the certificate's key "
                                         "only signed it. The private numbers are gone, so the recording stays "
                                         "secret. That is forward secrecy."),
                                       description ? description : "", description ? " " : "");
      else
        explanation = g_strdup_printf (same
                                       ? _("%s%sThe eavesdropper kept every byte. The key exchange was static ECDH, "
                                           "whose server share is the certificate's key: with the stolen key and "
                                           "the recorded client point it redoes the server's multiplication and "
                                           "recomputes the master secret (identical to the session's). No forward "
                                           "secrecy.")
                                       : _("%s%sThe eavesdropper kept every byte and has the server's private key, "
                                           "but the master secret it can compute from the recording is not the "
                                           "session's. The recording stays closed."),
                                       description ? description : "", description ? " " : "");
      hl_step_set_verdict (step, same ? HL_VERDICT_FAILED : HL_VERDICT_OK);
    }

  hl_step_set_explanation (step, explanation);
  hl_step_set_fields (step, fields);
  append_step (self, step);
}

/* The end ------------------------------------------------------------------ */

static void
fill_randoms (Side *side)
{
  /* A run that failed before the master secret still shows the randoms
   * each side's engine holds from the hellos it saw. */
  if (side->secrets->client_random == NULL &&
      (side->actor == HL_ACTOR_CLIENT ? side->sent_hello : side->got_hello))
    set_bytes (&side->secrets->client_random, side->eng->client_random, 32);

  if (side->secrets->server_random == NULL &&
      (side->actor == HL_ACTOR_SERVER ? side->sent_hello : side->got_hello))
    set_bytes (&side->secrets->server_random, side->eng->server_random, 32);
}

/* A fault aimed past the traffic changes nothing; the trace says so, as
 * a note of the network, rather than keep silent about the lesson's
 * attacker. */
static void
note_missed_tamper (Engine *self)
{
  HlActor sender;
  guint record, offset;
  guint8 mask;
  const char *description;
  g_autofree char *explanation = NULL;
  HlStep *step;

  if (self->tampered ||
      !hl_scenario_get_tamper (self->scenario, &sender, &record, &offset, &mask, &description))
    return;

  if (self->tamper_short)
    explanation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The network was to flip bits of byte %u of record %u from the "
                                                "%s, but the body of that record has only %u byte: nothing was "
                                                "changed.",
                                                "The network was to flip bits of byte %u of record %u from the "
                                                "%s, but the body of that record has only %u bytes: nothing was "
                                                "changed.",
                                                self->tamper_body),
                                   offset, record, side_name (sender), (guint)self->tamper_body);
  else
    explanation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The network was to flip bits of byte %u of record %u from the "
                                                "%s, but the %s sent only %u record: nothing was changed.",
                                                "The network was to flip bits of byte %u of record %u from the "
                                                "%s, but the %s sent only %u records: nothing was changed.",
                                                self->sides[sender].records_sent),
                                   offset, record, side_name (sender), side_name (sender),
                                   self->sides[sender].records_sent);

  step = hl_step_new (HL_ACTOR_NETWORK, HL_STEP_FAULT, self->story, _("The network’s fault never happened"));
  hl_step_set_explanation (step, explanation);
  append_step (self, step);
  g_object_unref (step);
}

static HlStoryKind
story_kind (Engine *self,
            guint   connection)
{
  return self->resumed[connection] ? HL_STORY_ABBREVIATED : hl_story_kind_for_suite (self->suites[connection]);
}

/* What can only be said once both sides are done: the story each
 * connection told, the comparisons between the two sides, and why a side
 * failed, with what happened to its peer and what other stacks do. */
static void
settle (Engine *self)
{
  const HlOtherStacks *others = hl_scenario_get_other_stacks (self->scenario);
  static const HlOtherStacks none = { NULL };

  for (guint i = 0; i < hl_trace_get_n_steps (self->trace); i++)
    {
      HlStep *step = hl_trace_get_step (self->trace, i);

      hl_step_set_story_kind (step, story_kind (self, hl_step_get_connection (step)));
    }

  for (guint i = 0; i < self->relations->len; i++)
    {
      Relation *relation = &g_array_index (self->relations, Relation, i);
      HlActor other = relation->side == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT;
      const HlSecrets *own = hl_trace_get_connection_secrets (self->trace, relation->connection, relation->side);
      const HlSecrets *peer = hl_trace_get_connection_secrets (self->trace, relation->connection, other);

      switch (relation->kind)
        {
        case RELATION_MASTER_SECRET:
          hl_explain_master_secret (relation->step, relation->side, own, peer);
          break;
        case RELATION_RSA_DECRYPTION:
          hl_explain_rsa_decryption (relation->step, relation->decrypted, peer);
          break;
        case RELATION_SHARED_SECRET:
          hl_explain_shared_secret (relation->step, relation->side, story_kind (self, relation->connection),
                                    own, peer);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
    {
      Side *side = &self->sides[actor];

      if (side->failure_step != NULL)
        hl_explain_failure (side->failure_step, side->error, side->failure_detail,
                            actor == HL_ACTOR_SERVER && side->error >= 32 && side->error < 64,
                            !peer_of (side)->closed,
                            self->failed && actor == self->first_failure ? others : &none);
    }

  /* A lesson that succeeds tells what other stacks make of its
   * certificate where the client checked it. */
  if (!self->failed && self->sides[HL_ACTOR_CLIENT].chain_step != NULL)
    {
      HlStep *step = self->sides[HL_ACTOR_CLIENT].chain_step;
      g_autofree char *elsewhere = hl_explain_other_stacks (others);

      if (elsewhere != NULL)
        {
          g_autofree char *text = g_strdup_printf ("%s %s", hl_step_get_explanation (step), elsewhere);

          hl_step_set_explanation (step, text);
        }
    }
}

static void
finish (Engine *self)
{
  Side *client = &self->sides[HL_ACTOR_CLIENT];
  Side *server = &self->sides[HL_ACTOR_SERVER];
  g_autofree char *summary = NULL;
  gboolean waiting = FALSE;
  HlKeysReport report;
  HlOutcome outcome;

  /* Records that were sent but never read. */
  for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
    {
      Side *side = &self->sides[actor];
      Pending *pending;

      while ((pending = g_queue_pop_head (&side->pending)) != NULL)
        {
          for (guint i = 0; i < pending->steps->len; i++)
            {
              HlStep *step = g_ptr_array_index (pending->steps, i);
              g_autofree char *explanation =
                pending->read_when_failed > 0
                ? g_strdup_printf (_("%s The %s read only the first %u of this record's %u bytes and stopped "
                                     "there."),
                                   hl_step_get_explanation (step), side_name (peer_of (side)->actor),
                                   (guint)pending->read_when_failed, (guint)g_bytes_get_size (pending->bytes))
                : g_strdup_printf (_("%s The %s never read it: it had already stopped."),
                                   hl_step_get_explanation (step), side_name (peer_of (side)->actor));

              hl_step_set_explanation (step, explanation);
            }
          pending_free (pending);
        }
    }

  for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
    {
      Side *side = &self->sides[actor];
      Side *peer = peer_of (side);

      fill_randoms (side);
      hl_trace_set_side_result (self->trace, actor, side->error, side->alert_sent);

      if (!side->closed)
        {
          g_autofree char *explanation = NULL;
          HlStep *step;

          waiting = TRUE;
          if (peer->closed && peer->error != BR_ERR_OK && peer->alert_sent < 0)
            explanation = g_strdup_printf (_("The %s still waits for the %s's next message. None will come: "
                                             "the %s gave up without an alert, so the %s is never told why."),
                                           side_name (actor), side_name (peer->actor),
                                           side_name (peer->actor), side_name (actor));
          else
            explanation = g_strdup_printf (_("The %s still waits for data that never comes."), side_name (actor));

          enter (side);
          step = batch_step (side, HL_STEP_STATE, self->story,
                             actor == HL_ACTOR_CLIENT ? _("Client is left waiting") : _("Server is left waiting"),
                             explanation);
          hl_step_set_verdict (step, HL_VERDICT_FAILED);
          leave (side);
          flush (side);
        }
    }

  if (self->failed)
    {
      HlActor who = self->first_failure;
      Side *side = &self->sides[who];
      g_autofree char *why = hl_error_describe (side->error);

      guint length = hl_story_length (story_kind (self, self->connection));

      outcome = HL_OUTCOME_FAILED;
      if (side->alert_sent >= 0)
        summary = g_strdup_printf (_("The handshake failed: the %s stopped at step %u of %u and sent the alert %s. %s"),
                                   side_name (who), self->failure_story, length,
                                   hl_alert_name (side->alert_sent), why);
      else
        summary = g_strdup_printf (_("The handshake failed: the %s stopped at step %u of %u without sending an "
                                     "alert%s. %s"),
                                   side_name (who), self->failure_story, length,
                                   waiting ? _(", leaving its peer waiting") : "", why);
    }
  else if (client->closed && server->closed && self->response_complete)
    {
      const char *suite = hl_cipher_suite_name (hl_trace_get_cipher_suite (self->trace));
      const char *version = hl_version_name (hl_trace_get_version (self->trace));

      outcome = HL_OUTCOME_SUCCESS;
      summary = g_strdup_printf (_("The handshake succeeded with %s and %s; the request and the response "
                                   "crossed encrypted and both sides closed with close_notify."),
                                 version ? version : "?", suite ? suite : "?");
    }
  else
    {
      outcome = HL_OUTCOME_STALLED;
      summary = g_strdup (_("Neither side failed, yet the conversation stopped before its end: "
                            "both engines are waiting."));
    }

  /* A handshake that failed half-way still negotiated what its ServerHello
   * said, and its keys can still be checked. */
  if (hl_trace_get_version (self->trace) == 0 && self->decode.version != 0)
    hl_trace_set_negotiated (self->trace, self->decode.version, self->decode.cipher_suite);

  report = hl_keys_recompute (self->trace);
  hl_trace_set_keys_report (self->trace, &report);

  note_missed_tamper (self);
  if (hl_scenario_get_eavesdropper (self->scenario))
    eavesdrop (self);

  settle (self);

  hl_trace_set_outcome (self->trace, outcome,
                        self->failed ? self->first_failure : HL_ACTOR_NETWORK,
                        self->failed ? self->failure_story : 0,
                        waiting, summary);
}

static void
pump (Engine *self)
{
  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      gboolean progress = FALSE;

      for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
        progress |= drain (&self->sides[actor]);
      for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
        progress |= run_app (&self->sides[actor]);
      for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
        progress |= feed (&self->sides[actor]);

      if (!progress)
        break;
    }
}

static gboolean
connection_succeeded (Engine *self)
{
  return !self->failed && self->response_complete &&
         self->sides[HL_ACTOR_CLIENT].closed && self->sides[HL_ACTOR_SERVER].closed;
}

/* Resumption: the client connects again and offers the session of the
 * first connection; the server finds it in its cache and both skip the
 * key exchange. */
static void
second_connection (Engine *self)
{
  br_ssl_session_parameters params;
  g_autoptr(GBytes) id = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *explanation = NULL;
  Side *client = &self->sides[HL_ACTOR_CLIENT];

  br_ssl_engine_get_session_parameters (client->eng, &params);
  id = g_bytes_new (params.session_id, params.session_id_len);
  hex = hl_hex (id);

  hl_trace_begin_connection (self->trace);
  self->connection++;
  self->response_complete = FALSE;
  /* The new connection tells its own story, from its first step. */
  self->story = 0;

  for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
    {
      Side *side = &self->sides[actor];

      g_byte_array_set_size (side->out, 0);
      g_byte_array_set_size (side->handshake, 0);
      g_byte_array_set_size (side->app_in, 0);
      g_queue_clear_full (&side->pending, pending_free);
      g_queue_clear_full (&side->plaintexts, (GDestroyNotify)g_bytes_unref);
      g_clear_pointer (&side->app_out, g_bytes_unref);
      side->app_out_done = 0;
      side->secrets = hl_trace_get_secrets (self->trace, actor);
      side->sent_ccs = side->handshake_done = side->request_sent = side->response_sent = FALSE;
      side->close_called = side->got_close_notify = side->closed = FALSE;
      side->sent_hello = side->got_hello = FALSE;
      side->key_blocks = 0;
      side->key_pair_step = side->chain_step = NULL;
    }

  explanation = g_strdup_printf (_("The first connection is closed. The client connects again and offers, in its "
                                   "ClientHello, the session ID %s it was given. If the server still has that "
                                   "session, both reuse its master secret: no certificate, no key exchange, just "
                                   "new randoms, new keys and the two Finished messages — an abbreviated handshake."),
                                 hex);
  enter (client);
  batch_step (client, HL_STEP_STATE, story_of (self, HL_STORY_EVENT_HELLO, HL_ACTOR_CLIENT),
              _("Second connection: the client offers to resume its session"), explanation);
  leave (client);
  flush (client);

  br_ssl_client_reset (&self->cc, hl_scenario_get_server_name (self->scenario), 1);
  br_ssl_server_reset (&self->sc);
}

/**
 * hl_engine_ensure_types:
 *
 * Registers the types a run creates.  Call it before running the engine
 * on a thread of its own while the main thread builds widgets: GLib
 * deadlocks when one thread registers a type that a class being
 * initialised on another thread names.
 */
void
hl_engine_ensure_types (void)
{
  g_type_ensure (HL_TYPE_SCENARIO);
  g_type_ensure (HL_TYPE_TRACE);
  g_type_ensure (HL_TYPE_STEP);
  g_type_ensure (HL_TYPE_FIELD);
}

/**
 * hl_engine_run:
 * @scenario: what to run
 * @error: set when the run cannot be set up
 *
 * Runs the scenario's handshake between two BearSSL engines in memory and
 * records it.
 *
 * Returns: (transfer full) (nullable): the sealed trace
 */
HlTrace *
hl_engine_run (HlScenario  *scenario,
               GError     **error)
{
  g_autofree Engine *self = NULL;
  g_autoptr(HlTrace) trace = NULL;
  gboolean ok;

  g_return_val_if_fail (HL_IS_SCENARIO (scenario), NULL);

  trace = hl_trace_new ();
  hl_trace_set_scenario_id (trace, hl_scenario_get_id (scenario));
  hl_trace_set_seed (trace, hl_scenario_get_seed (scenario));
  hl_trace_set_clock (trace, hl_scenario_get_clock (scenario));

  self = g_new0 (Engine, 1);
  self->scenario = scenario;
  self->trace = trace;
  self->signatures = hl_signature_log_new ();
  self->relations = g_array_new (FALSE, FALSE, sizeof (Relation));
  g_array_set_clear_func (self->relations, relation_clear);

  ok = setup (self, error);
  if (ok)
    {
      pump (self);

      if (hl_scenario_get_resume (scenario) && connection_succeeded (self))
        {
          second_connection (self);
          pump (self);
        }

      finish (self);
    }

  if (self->sides[HL_ACTOR_CLIENT].engine != NULL)
    {
      clear_side (&self->sides[HL_ACTOR_CLIENT]);
      clear_side (&self->sides[HL_ACTOR_SERVER]);
    }
  hl_x509_observer_clear (&self->observer);
  hl_x509_observer_clear (&self->server_observer);
  g_clear_pointer (&self->signatures, hl_signature_log_free);
  g_clear_pointer (&self->relations, g_array_unref);
  g_clear_pointer (&self->offered_session, g_bytes_unref);
  self->pki = NULL;
  g_clear_pointer (&self->wrong_key, hl_key_unref);

  if (!ok)
    return NULL;

  hl_trace_seal (trace);

  return g_steal_pointer (&trace);
}
