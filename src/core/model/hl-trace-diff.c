/* hl-trace-diff.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-trace-diff"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hl-trace-diff.h"

/* The flags a student sees as a mark next to a value. */
#define MARK_FLAGS (HL_FIELD_FLAG_ERROR | HL_FIELD_FLAG_MATCH | HL_FIELD_FLAG_DIFFER | HL_FIELD_FLAG_PASS | \
                    HL_FIELD_FLAG_FAIL | HL_FIELD_FLAG_NOT_REACHED | HL_FIELD_FLAG_SKIPPED | \
                    HL_FIELD_FLAG_BELOW_GUIDANCE)

struct _HlTraceDiff
{
  gatomicrefcount  ref_count;
  HlTrace         *a;
  HlTrace         *b;
  GArray          *entries;     /* of HlStepDiff */
  GPtrArray       *change_sets; /* of GArray of HlFieldChange, owned */
  GStringChunk    *strings;     /* the paths */
  int              first_divergence;
  gboolean         has_random;
};

G_DEFINE_BOXED_TYPE (HlTraceDiff, hl_trace_diff, hl_trace_diff_ref, hl_trace_diff_unref)

/* One field of a step, flattened: its path and its value. */
typedef struct
{
  char         *path;
  const char   *name;
  const char   *value;
  HlFieldFlags  flags;
} FlatField;

typedef struct
{
  GArray     *fields;  /* of FlatField, in the step's order */
  GHashTable *by_path; /* path → index + 1 */
} FlatStep;

static void
flat_field_clear (gpointer data)
{
  FlatField *field = data;

  g_free (field->path);
}

static void
flat_step_free (FlatStep *flat)
{
  g_array_unref (flat->fields);
  g_hash_table_unref (flat->by_path);
  g_free (flat);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlatStep, flat_step_free)

static void
flat_add (FlatStep     *flat,
          char         *path,
          const char   *name,
          const char   *value,
          HlFieldFlags  flags)
{
  FlatField field = { path, name, value, flags & MARK_FLAGS };

  g_array_append_val (flat->fields, field);
  g_hash_table_insert (flat->by_path, path, GUINT_TO_POINTER (flat->fields->len));
}

/* @field itself at @path, then its children: the second and later child
 * of one id get "[n]" after it, so that a path names one field. */
static void
flatten_field (FlatStep   *flat,
               HlField    *field,
               const char *path)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = hl_field_get_n_children (field);

  flat_add (flat, g_strdup (path), hl_field_get_name (field), hl_field_get_value (field),
            hl_field_get_flags (field));

  for (guint i = 0; i < n; i++)
    {
      HlField *child = hl_field_get_child (field, i);
      const char *id = hl_field_get_id (child);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (seen, id)) + 1;
      g_autofree char *child_path = NULL;

      g_hash_table_insert (seen, (gpointer)id, GUINT_TO_POINTER (count));
      if (count == 1)
        child_path = g_strdup_printf ("%s/%s", path, id);
      else
        child_path = g_strdup_printf ("%s/%s[%u]", path, id, count);
      flatten_field (flat, child, child_path);
    }
}

static const char *
verdict_string (HlVerdict verdict)
{
  switch (verdict)
    {
    case HL_VERDICT_OK:
      return "ok";
    case HL_VERDICT_FAILED:
      return "failed";
    case HL_VERDICT_WARNING:
      return "warning";
    case HL_VERDICT_NONE:
    default:
      return "none";
    }
}

static FlatStep *
flatten_step (HlStep *step)
{
  FlatStep *flat = g_new0 (FlatStep, 1);
  HlField *roots[2] = { hl_step_get_fields (step), hl_step_get_plaintext_fields (step) };

  flat->fields = g_array_new (FALSE, FALSE, sizeof (FlatField));
  g_array_set_clear_func (flat->fields, flat_field_clear);
  flat->by_path = g_hash_table_new (g_str_hash, g_str_equal);

  flat_add (flat, g_strdup ("step.title"), _("Title"), hl_step_get_title (step), 0);
  flat_add (flat, g_strdup ("step.verdict"), _("Verdict"), verdict_string (hl_step_get_verdict (step)), 0);

  for (guint r = 0; r < G_N_ELEMENTS (roots); r++)
    {
      /* The plaintext's root may share an id with the step's own. */
      g_autofree char *path = NULL;

      if (roots[r] == NULL)
        continue;
      path = g_strdup_printf ("%s%s", r == 0 ? "" : "decrypted:", hl_field_get_id (roots[r]));
      flatten_field (flat, roots[r], path);
    }

  return flat;
}

static const FlatField *
flat_lookup (FlatStep   *flat,
             const char *path)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (flat->by_path, path));

  return index == 0 ? NULL : &g_array_index (flat->fields, FlatField, index - 1);
}

static gboolean
flat_equal (const FlatField *x,
            const FlatField *y)
{
  if (x == NULL || y == NULL)
    return x == y;
  return x->flags == y->flags && g_strcmp0 (x->value, y->value) == 0;
}

/* Whether two steps may stand for each other: the same kind of thing on
 * the same lane of the same connection; states at the same step of the
 * story. */
static gboolean
steps_align (HlStep *x,
             HlStep *y)
{
  HlField *fx = hl_step_get_fields (x);
  HlField *fy = hl_step_get_fields (y);

  if (hl_step_get_actor (x) != hl_step_get_actor (y) ||
      hl_step_get_kind (x) != hl_step_get_kind (y) ||
      hl_step_get_connection (x) != hl_step_get_connection (y) ||
      hl_step_get_handshake_type (x) != hl_step_get_handshake_type (y))
    return FALSE;

  if (hl_step_is_message (x))
    return TRUE;

  /* A state has no field to tell which one it is ("handshake complete",
   * "fails"); where the story stands does. */
  if (hl_step_get_kind (x) == HL_STEP_STATE && hl_step_get_story (x) != hl_step_get_story (y))
    return FALSE;

  return g_strcmp0 (fx ? hl_field_get_id (fx) : NULL, fy ? hl_field_get_id (fy) : NULL) == 0;
}

static void
add_change (HlTraceDiff     *self,
            GArray          *changes,
            const FlatField *fa,
            const FlatField *fb,
            FlatStep        *b_seeded)
{
  HlFieldChange change = { 0 };
  const char *path = fb ? fb->path : fa->path;

  change.path = g_string_chunk_insert_const (self->strings, path);
  change.name = fb ? fb->name : fa->name;
  change.value_a = fa ? fa->value : NULL;
  change.value_b = fb ? fb->value : NULL;
  change.flags_a = fa ? fa->flags : 0;
  change.flags_b = fb ? fb->flags : 0;
  change.random = b_seeded != NULL && flat_equal (fa, flat_lookup (b_seeded, path));
  g_array_append_val (changes, change);
}

/* The changed fields of a pair, in B's order, each field only A has where
 * it stood in A. */
static GArray *
compare_steps (HlTraceDiff *self,
               HlStep      *step_a,
               HlStep      *step_b,
               HlStep      *step_b_seeded)
{
  g_autoptr(FlatStep) fa = flatten_step (step_a);
  g_autoptr(FlatStep) fb = flatten_step (step_b);
  g_autoptr(FlatStep) fs = step_b_seeded ? flatten_step (step_b_seeded) : NULL;
  GArray *changes = g_array_new (FALSE, TRUE, sizeof (HlFieldChange));
  guint next_a = 0;

  for (guint i = 0; i < fb->fields->len; i++)
    {
      const FlatField *b = &g_array_index (fb->fields, FlatField, i);
      guint index_a = GPOINTER_TO_UINT (g_hash_table_lookup (fa->by_path, b->path));

      if (index_a != 0)
        {
          for (; next_a < index_a - 1; next_a++)
            {
              const FlatField *a = &g_array_index (fa->fields, FlatField, next_a);

              if (flat_lookup (fb, a->path) == NULL)
                add_change (self, changes, a, NULL, fs);
            }
          next_a = MAX (next_a, index_a);
        }

      if (!flat_equal (index_a ? &g_array_index (fa->fields, FlatField, index_a - 1) : NULL, b))
        add_change (self, changes, index_a ? &g_array_index (fa->fields, FlatField, index_a - 1) : NULL, b, fs);
    }

  for (; next_a < fa->fields->len; next_a++)
    {
      const FlatField *a = &g_array_index (fa->fields, FlatField, next_a);

      if (flat_lookup (fb, a->path) == NULL)
        add_change (self, changes, a, NULL, fs);
    }

  return changes;
}

static void
append_entry (HlTraceDiff  *self,
              HlDiffStatus  status,
              int           index_a,
              int           index_b)
{
  HlStepDiff entry = { status, index_a, index_b, NULL, NULL, NULL, 0, FALSE };

  entry.step_a = index_a >= 0 ? hl_trace_get_step (self->a, index_a) : NULL;
  entry.step_b = index_b >= 0 ? hl_trace_get_step (self->b, index_b) : NULL;
  g_array_append_val (self->entries, entry);
}

/* The longest common subsequence of the two step lists under
 * steps_align(): lengths[i][j] for the suffixes from i and j. */
static void
align (HlTraceDiff *self)
{
  guint n = hl_trace_get_n_steps (self->a);
  guint m = hl_trace_get_n_steps (self->b);
  g_autofree guint *lengths = g_new0 (guint, (gsize)(n + 1) * (m + 1));
  guint i = 0;
  guint j = 0;

#define LEN(i, j) lengths[(gsize)(i) * (m + 1) + (j)]
  for (guint x = n; x-- > 0;)
    for (guint y = m; y-- > 0;)
      {
        if (steps_align (hl_trace_get_step (self->a, x), hl_trace_get_step (self->b, y)))
          LEN (x, y) = LEN (x + 1, y + 1) + 1;
        else
          LEN (x, y) = MAX (LEN (x + 1, y), LEN (x, y + 1));
      }

  while (i < n || j < m)
    {
      if (i < n && j < m && steps_align (hl_trace_get_step (self->a, i), hl_trace_get_step (self->b, j)) &&
          LEN (i, j) == LEN (i + 1, j + 1) + 1)
        {
          append_entry (self, HL_DIFF_SAME, i, j);
          i++, j++;
        }
      else if (i < n && (j == m || LEN (i + 1, j) >= LEN (i, j + 1)))
        append_entry (self, HL_DIFF_REMOVED, i++, -1);
      else
        append_entry (self, HL_DIFF_ADDED, -1, j++);
    }
#undef LEN
}

/* B run with A's seed can stand in for B step by step only where its
 * steps are the same kind as B's. */
static HlStep *
seeded_step (HlTrace *b_seeded,
             HlTrace *b,
             int      index_b)
{
  HlStep *step;

  if (b_seeded == NULL || (guint)index_b >= hl_trace_get_n_steps (b_seeded))
    return NULL;
  step = hl_trace_get_step (b_seeded, index_b);

  return steps_align (step, hl_trace_get_step (b, index_b)) ? step : NULL;
}

HlTraceDiff *
hl_trace_diff_new (HlTrace *a,
                   HlTrace *b,
                   HlTrace *b_with_seed_of_a)
{
  HlTraceDiff *self;

  g_return_val_if_fail (HL_IS_TRACE (a), NULL);
  g_return_val_if_fail (HL_IS_TRACE (b), NULL);
  g_return_val_if_fail (b_with_seed_of_a == NULL || HL_IS_TRACE (b_with_seed_of_a), NULL);

  self = g_new0 (HlTraceDiff, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->a = g_object_ref (a);
  self->b = g_object_ref (b);
  self->entries = g_array_new (FALSE, TRUE, sizeof (HlStepDiff));
  self->change_sets = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  self->strings = g_string_chunk_new (1024);
  self->first_divergence = -1;
  self->has_random = b_with_seed_of_a != NULL;

  align (self);

  for (guint k = 0; k < self->entries->len; k++)
    {
      HlStepDiff *entry = &g_array_index (self->entries, HlStepDiff, k);

      if (entry->status == HL_DIFF_SAME)
        {
          GArray *changes = compare_steps (self, entry->step_a, entry->step_b,
                                           seeded_step (b_with_seed_of_a, b, entry->index_b));

          g_ptr_array_add (self->change_sets, changes);
          if (changes->len > 0)
            {
              entry->status = HL_DIFF_CHANGED;
              entry->changes = (const HlFieldChange *)(gpointer)changes->data;
              entry->n_changes = changes->len;
              entry->only_random = TRUE;
              for (guint c = 0; c < changes->len; c++)
                entry->only_random &= g_array_index (changes, HlFieldChange, c).random;
            }
        }

      if (self->first_divergence < 0 && entry->status != HL_DIFF_SAME && !entry->only_random)
        self->first_divergence = k;
    }

  return self;
}

HlTraceDiff *
hl_trace_diff_ref (HlTraceDiff *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
hl_trace_diff_unref (HlTraceDiff *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_array_unref (self->entries);
  g_ptr_array_unref (self->change_sets);
  g_string_chunk_free (self->strings);
  g_object_unref (self->a);
  g_object_unref (self->b);
  g_free (self);
}

HlTrace *
hl_trace_diff_get_trace_a (HlTraceDiff *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->a;
}

HlTrace *
hl_trace_diff_get_trace_b (HlTraceDiff *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->b;
}

guint
hl_trace_diff_get_n_entries (HlTraceDiff *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

const HlStepDiff *
hl_trace_diff_get_entry (HlTraceDiff *self,
                         guint        position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return &g_array_index (self->entries, HlStepDiff, position);
}

int
hl_trace_diff_get_first_divergence (HlTraceDiff *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->first_divergence;
}

gboolean
hl_trace_diff_has_random (HlTraceDiff *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->has_random;
}

const char *
hl_diff_status_to_string (HlDiffStatus status)
{
  switch (status)
    {
    case HL_DIFF_SAME:
      return "same";
    case HL_DIFF_CHANGED:
      return "changed";
    case HL_DIFF_ADDED:
      return "added";
    case HL_DIFF_REMOVED:
      return "removed";
    default:
      g_return_val_if_reached ("unknown");
    }
}
