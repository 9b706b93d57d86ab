/** The posts of an incident or a maintenance that are not stored yet (shared by both collectors). */
import type { IncidentUpdateRecord } from '../vrchat/types';

export interface NewUpdateRow {
  id: string;
  body: string;
  status: string;
  publishedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The updates of one record not in `known`, as rows stamped `now`; their ids join `known`. Updates
 * are immutable once stored, so a known id is never written again.
 */
export function newUpdateRows(
  updates: readonly IncidentUpdateRecord[],
  known: Set<string>,
  now: Date,
): NewUpdateRow[] {
  const rows: NewUpdateRow[] = [];
  for (const update of updates) {
    if (known.has(update.id)) continue;
    known.add(update.id);
    rows.push({
      id: update.id,
      body: update.body,
      status: update.status,
      publishedAt: update.displayAt,
      createdAt: now,
      updatedAt: now,
    });
  }
  return rows;
}
