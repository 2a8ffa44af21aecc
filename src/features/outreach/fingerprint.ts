// The fingerprint of the parameters a month is estimated with: the rules as written (any change of a rule or a
// scale is a new model) and the last date of the model's dated scales that has come into force by that month
// (the revaluations of 1 April, 1 January…: a `mois estimé >= 01/04/2026` in the rules). Two months with the
// same fingerprint estimate a household the same way: the nightly re-estimation skips residents whose file did
// not change either.
import { createHash } from 'node:crypto';
import { loadRules } from '../rights/model.ts';

let cached: { rulesHash: string; dates: string[] } | undefined;

/** Every date the rules' scales change on (YYYY-MM-DD, sorted), and the hash of the rules. */
function modelDates(): { rulesHash: string; dates: string[] } {
  if (cached) return cached;
  const text = JSON.stringify(loadRules());
  const dates = new Set<string>();
  for (const match of text.matchAll(/mois estimé\s*>=\s*(\d{2})\/(\d{2})\/(\d{4})/g))
    dates.add(`${match[3]}-${match[2]}-${match[1]}`);
  cached = {
    rulesHash: createHash('sha256').update(text).digest('hex').slice(0, 16),
    dates: [...dates].sort(),
  };
  return cached;
}

/** The parameters' fingerprint of a month (YYYY-MM). */
export function parametersFingerprint(month: string): string {
  const { rulesHash, dates } = modelDates();
  const firstDay = `${month}-01`;
  const inForce = dates.filter((d) => d <= firstDay).pop() ?? 'origine';
  return `${rulesHash}@${inForce}`;
}
