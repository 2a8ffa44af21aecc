// Slugs of what people create in the offer's pages: made from the name, unique in their table, never changed
// afterwards (addresses, exports and seeds hold them).
import type { Executor } from '../../platform/db/database.ts';
import { lockSlugs, slugsStartingWith } from './offer-store.ts';
import { reservedSlugs, slugOf } from './offer-vocabulary.ts';

/** A free slug for a new row: the name's, or the name's followed by -2, -3… (call within the row's transaction). */
export async function uniqueSlug(
  trx: Executor,
  table: 'organisations' | 'places' | 'services',
  name: string,
): Promise<string> {
  const base = slugOf(name);
  await lockSlugs(trx, table);
  const taken = await slugsStartingWith(trx, table, base);
  if (!taken.has(base) && !reservedSlugs.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
