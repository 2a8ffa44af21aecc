// Values computed or carried over rather than read in their publication (rules/README.md): the explanation of an
// estimation that uses one says so, for the months it covers only, and the README's table and the benefit
// modules' `provisional` entries are the same list.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EstimationRequest } from './contract.ts';
import { estimate } from './estimate.ts';
import { benefits } from './benefits/registry.ts';

function explanationOf(request: EstimationRequest, id: string): string {
  const found = estimate(request).benefits.find((b) => b.id === id);
  if (!found) throw new Error(`${id} absent de la réponse`);
  return found.explanation;
}

// A single person of 40, housed for free, earning `earnings` € a month.
const alone = (month: string, student = false, earnings = 1200): EstimationRequest => ({
  month,
  commune: '46042',
  household: {
    couple: false,
    members: [
      {
        role: 'applicant',
        birthDate: '1986-05-10',
        monthlyNetEarnings: earnings,
        monthlyReplacementIncome: 0,
        student,
      },
    ],
    housing: { status: 'hosted-free' },
    monthlyHousingAid: 0,
  },
});

describe('a value computed rather than published is said in the explanation', () => {
  it('names the CSS ceilings of 1 April 2026 from April 2026 on, not before', () => {
    // Without income the CSS is due (and free) whatever the month: its explanation is the eligible one.
    const march = explanationOf(alone('2026-03', false, 0), 'css');
    const may = explanationOf(alone('2026-05', false, 0), 'css');
    expect(march).not.toContain('À savoir');
    expect(may).toContain(
      'À savoir : les plafonds de ressources du 1er avril 2026 sont ceux de 2025 revalorisés de 0,8 %',
    );
    expect(may.endsWith('L’estimation peut donc différer un peu de la décision de l’organisme.')).toBe(true);
  });

  it('says a computed ceiling to a household told "not due", not a computed amount', () => {
    // 3 000 € a month (36 000 € a year) is above the CSS's ceiling with participation for one person
    // (about 13 700 € a year): not due, and the ceiling decided it.
    const rich = estimate(alone('2026-05', false, 3000)).benefits;
    const css = rich.find((b) => b.id === 'css');
    expect(css?.eligible).toBe(false);
    expect(css?.explanation).toContain('À savoir : les plafonds de ressources du 1er avril 2026');
    // The ASF's computed value is an amount: a household without children is not told about it.
    const asf = rich.find((b) => b.id === 'asf');
    expect(asf?.eligible).toBe(false);
    expect(asf?.explanation).not.toContain('À savoir');
  });

  it('says the student threshold of June 2026 to students only', () => {
    // 1 200 € of earnings: above 78 % of the net Smic (1 152,79 € in June 2026), so a student is not excluded.
    const student = estimate(alone('2026-07', true)).benefits.find((b) => b.id === 'prime-activite');
    const worker = estimate(alone('2026-07', false)).benefits.find((b) => b.id === 'prime-activite');
    expect(student?.eligible).toBe(true);
    expect(worker?.eligible).toBe(true);
    expect(student?.explanation).toContain('pour un étudiant ou un apprenti, le Smic net de juin 2026');
    expect(worker?.explanation).not.toContain('À savoir');
    expect(explanationOf(alone('2026-05', true), 'prime-activite')).not.toContain('À savoir');
  });

  it('says that the values of 1 January 2027 are 2026’s carried over, from January 2027 only', () => {
    // A person of 70 alone without resources: the ASPA is due; its amounts of 2027 are not published yet.
    const older = (month: string): EstimationRequest => ({
      ...alone(month, false, 0),
      household: {
        ...alone(month, false, 0).household,
        members: [
          { role: 'applicant', birthDate: '1956-03-01', monthlyNetEarnings: 0, monthlyReplacementIncome: 0 },
        ],
      },
    });
    const december = explanationOf(older('2026-12'), 'aspa');
    const february = explanationOf(older('2027-02'), 'aspa');
    expect(december).not.toContain('2027');
    expect(february).toContain(
      'les montants et les plafonds de l’ASPA du 1er janvier 2027 ne sont pas encore publiés : Sans Couture reprend ceux de 2026',
    );
    // A ceiling that decides: said to a family with children even when told "not due" (one child only: no
    // allocations familiales), never to a person alone, whom it does not concern.
    const family = (month: string): EstimationRequest => ({
      ...alone(month),
      household: {
        ...alone(month).household,
        members: [...alone(month).household.members, { role: 'child', birthDate: '2019-09-12' }],
      },
    });
    const ceilings = 'les plafonds de ressources du 1er janvier 2027 ne sont pas encore publiés';
    expect(explanationOf(family('2027-02'), 'allocations-familiales')).toContain(ceilings);
    expect(explanationOf(family('2026-12'), 'allocations-familiales')).not.toContain('2027');
    expect(explanationOf(alone('2027-02'), 'allocations-familiales')).not.toContain('2027');
  });

  it('stops at the last month of a value later published (the complément familial’s 2025 ceilings)', () => {
    const cf = benefits.find((b) => b.id === 'complement-familial');
    expect(cf?.provisional?.[0]).toMatchObject({ from: '2025-01', until: '2025-12' });
  });

  it('lists in the modules exactly as many values as the README’s table', () => {
    const readme = fs.readFileSync(new URL('../../../rules/README.md', import.meta.url), 'utf8');
    const section = readme.split('## Values computed or carried over')[1]?.split('\n## ')[0] ?? '';
    const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| value'));
    const declared = benefits.flatMap((b) => b.provisional ?? []);
    expect(rows.length).toBeGreaterThan(10);
    expect(declared.length).toBe(rows.length);
    for (const v of declared) {
      expect(v.from).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
      if (v.until) expect(v.until >= v.from).toBe(true);
      expect(v.text.endsWith('.')).toBe(false);
    }
  });
});
