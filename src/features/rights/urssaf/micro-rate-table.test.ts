// The stored table of micro-entrepreneur rates (micro-rates.json) must still be what modele-social says:
// after an upgrade of modele-social this fails until the table is regenerated (see micro-rate-table.ts).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildMicroRateTable, microRateTableFile } from './micro-rate-table.ts';

describe('micro-entrepreneur rate table', () => {
  it('equals the rates read from modele-social, key by key', () => {
    const stored = JSON.parse(fs.readFileSync(microRateTableFile, 'utf8')) as unknown;
    expect(stored).toEqual(buildMicroRateTable());
  }, 300_000);
});
