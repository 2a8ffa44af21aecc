// What the resident's file spared, for pilotage: the questions a questionnaire or a shared case did not ask again
// and the documents not asked again, counted per territory, moment of life and day in `file_reuse_counts` (no
// personal data: counters only). The pilotage feature reads them with `reuseCounts`.
import type { Db } from '../../platform/db/database.ts';
import { reuseTotals } from './store.ts';

/** What the file spared for one moment of life over a period. */
export interface ReuseCount {
  lifeEvent: string;
  questionsAvoided: number;
  documentsAvoided: number;
}

/**
 * The questions and documents not asked again thanks to residents' files, per moment of life, for a territory
 * between two days (YYYY-MM-DD, inclusive). Moments of life with nothing spared are left out.
 */
export async function reuseCounts(
  db: Db,
  period: { territoryId: string; from: string; to: string },
): Promise<ReuseCount[]> {
  const rows = await reuseTotals(db, period.territoryId, period.from, period.to);
  return rows
    .filter((r) => r.questions > 0 || r.documents > 0)
    .map((r) => ({ lifeEvent: r.lifeEvent, questionsAvoided: r.questions, documentsAvoided: r.documents }));
}
