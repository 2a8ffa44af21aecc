// The table of modele-social's micro-entrepreneur rates for every quarter from April 2024 to March 2027, every
// activity and every ACRE/creation-date class (see `rateKey`). Regenerate it after upgrading modele-social:
//   npx tsx src/features/rights/urssaf/micro-rate-table.ts --write
// The test micro-rate-table.test.ts fails while the stored table differs from the model.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  probeRates,
  rateKey,
  type MicroActivity,
  type MicroInput,
  type MicroRates,
} from './micro-entrepreneur.ts';

const FIRST_QUARTER = '2024-04';
const LAST_QUARTER = '2027-01';
const activities: MicroActivity[] = ['sale', 'services', 'liberal'];

/** Quarter starts from FIRST_QUARTER to LAST_QUARTER (YYYY-MM). */
function quarters(): string[] {
  const out: string[] = [];
  for (let y = Number(FIRST_QUARTER.slice(0, 4)), m = Number(FIRST_QUARTER.slice(5, 7)); ; m += 3) {
    if (m > 12) {
      m -= 12;
      y += 1;
    }
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > LAST_QUARTER) return out;
    out.push(month);
  }
}

/** One creation date per class that exists in the quarter's year (see `creationClass`). */
function representativeBusinesses(month: string, activity: MicroActivity): MicroInput[] {
  const year = Math.min(Number(month.slice(0, 4)), 2026);
  return [
    { month, activity, annualTurnover: 0, acre: false },
    { month, activity, annualTurnover: 0, acre: true },
    // Created in the middle of the previous year: less than a year old on 1 January.
    { month, activity, annualTurnover: 0, acre: true, creationDate: `${year - 1}-07-01` },
    // Created two years before: the ACRE no longer applies.
    { month, activity, annualTurnover: 0, acre: true, creationDate: `${year - 2}-01-01` },
    // Created on the day the décret n° 2026-69 starts: the reduced ACRE.
    { month, activity, annualTurnover: 0, acre: true, creationDate: '2026-07-01' },
  ];
}

/** Reads every rate of the table from the whole model (about 15 s). */
export function buildMicroRateTable(): Record<string, MicroRates> {
  const table: Record<string, MicroRates> = {};
  for (const month of quarters()) {
    for (const activity of activities) {
      for (const business of representativeBusinesses(month, activity)) {
        const key = rateKey(business);
        if (!(key in table)) table[key] = probeRates(business);
      }
    }
  }
  return table;
}

/** Where the table is stored, beside micro-entrepreneur.ts. */
export const microRateTableFile = fileURLToPath(new URL('./micro-rates.json', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  fs.writeFileSync(microRateTableFile, `${JSON.stringify(buildMicroRateTable(), null, 1)}\n`);
  process.stdout.write(`Table written: ${microRateTableFile}\n`);
}
