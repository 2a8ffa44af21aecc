// Statistical secrecy on generated data: no count from 1 to 10 is published, zero stays zero, and no secret cell can
// be recomputed — tried as an attacker would (a total minus the published cells, cells that must all be 1, a
// secret total recovered from another partition, then linear algebra over every published equation), and proved
// for each secret cell by building another table that publishes exactly the same figures with a different value.
import { describe, expect, it } from 'vitest';
import { attack, determinedByEquations, random, type Publication } from './secrecy-attacker.ts';
import {
  cell,
  protectMargins,
  published,
  secrecyThreshold,
  type Margin,
  type ProtectedCell,
} from './secrecy.ts';

/** Counts as small territories produce them: many zeros and small numbers, a few large ones. */
function count(rand: () => number): number {
  const r = rand();
  if (r < 0.4) return 0;
  if (r < 0.7) return 1 + Math.floor(rand() * 3);
  if (r < 0.9) return 4 + Math.floor(rand() * 9);
  return 13 + Math.floor(rand() * 190);
}

/** Splits a total into `parts` cells at random (another partition of the same total). */
function split(rand: () => number, total: number, parts: number): number[] {
  const cells = Array.from({ length: parts }, () => 0);
  for (let i = 0; i < total; i++) cells[Math.floor(rand() * parts)]!++;
  return cells;
}

function generate(seed: number, n: number): Margin[] {
  const rand = random(seed);
  const margins: Margin[] = [];
  for (let i = 0; i < n; i++) {
    const first = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => count(rand));
    const total = first.reduce((s, v) => s + v, 0);
    const partitions = [first];
    const extra = Math.floor(rand() * 3);
    for (let j = 0; j < extra; j++) partitions.push(split(rand, total, 2 + Math.floor(rand() * 3)));
    margins.push({ total: cell(total), partitions: partitions.map((p) => p.map(cell)) });
  }
  // The hard cases, on purpose: eleven cells of 1 and nothing else (total 11 > 10, every cell secret, sum = number),
  // the same with a second partition, one small cell beside large ones, a small total.
  const ones = () => Array.from({ length: 11 }, () => 1);
  margins.push({ total: cell(11), partitions: [ones().map(cell)] });
  margins.push({ total: cell(11), partitions: [ones().map(cell), [cell(11), cell(0)]] });
  margins.push({ total: cell(11), partitions: [ones().map(cell), [cell(3), cell(8)]] });
  margins.push({ total: cell(60), partitions: [[cell(3), cell(57)]] });
  margins.push({ total: cell(7), partitions: [[cell(7), cell(0)]] });
  margins.push({ total: cell(0), partitions: [[cell(0), cell(0)]] });
  return margins;
}

/** What someone outside sees of a margin. */
function publish(margin: Margin): Publication {
  return { total: published(margin.total), partitions: margin.partitions.map((p) => p.map(published)) };
}

/** Another table, publishing the same figures, where the given secret cell has another value (see secrecy.ts). */
function otherTable(margin: Margin, target: string): { total: number; partitions: number[][] } {
  const total = margin.total.value;
  const partitions = margin.partitions.map((p) => p.map((c) => c.value));
  const secretIndexes = margin.partitions.map((p) => p.flatMap((c, i) => (c.secret ? [i] : [])));
  if (margin.total.secret) {
    // One more in the total, in the target, and in one secret cell of each other partition.
    const [tp, ti] = target === 'total' ? [-1, -1] : target.split(':').map(Number);
    partitions.forEach((p, pi) => {
      const i = pi === tp ? ti! : secretIndexes[pi]![0];
      if (i === undefined) throw new Error(`partition ${pi} has no secret cell under a secret total`);
      p[i]!++;
    });
    return { total: total + 1, partitions };
  }
  const [tp, ti] = target.split(':').map(Number) as [number, number];
  const p = partitions[tp]!;
  const others = secretIndexes[tp]!.filter((i) => i !== ti);
  if (p[ti]! >= 2) {
    p[others[0]!]!++;
    p[ti]!--;
  } else {
    const donor = others.find((i) => p[i]! >= 2);
    if (donor === undefined) throw new Error(`no secret cell ≥ 2 beside ${target}`);
    p[donor]!--;
    p[ti]!++;
  }
  return { total, partitions };
}

function secretNames(margin: Margin): string[] {
  return [
    ...(margin.total.secret ? ['total'] : []),
    ...margin.partitions.flatMap((p, pi) => p.flatMap((c, i) => (c.secret ? [`${pi}:${i}`] : []))),
  ];
}

const margins = generate(20261206, 400);
protectMargins(margins);

describe('statistical secrecy', () => {
  it('publishes no count from 1 to 10, and every zero as zero', () => {
    const all: ProtectedCell[] = margins.flatMap((m) => [m.total, ...m.partitions.flat()]);
    expect(all.filter((c) => c.secret).length).toBeGreaterThan(100);
    for (const c of all) {
      if (c.value >= 1 && c.value <= secrecyThreshold) expect(c.secret).toBe(true);
      if (c.value === 0) expect(published(c)).toBe(0);
      if (!c.secret) expect(published(c)).toBe(c.value);
    }
    // Secondary suppression did happen on this data (otherwise the rest proves nothing).
    expect(all.filter((c) => c.reason === 'secondary').length).toBeGreaterThan(10);
  });

  it('leaves an attacker unable to recompute any secret cell from the totals or the other partitions', () => {
    for (const margin of margins) {
      const pub = publish(margin);
      expect(attack(pub), JSON.stringify(pub)).toEqual(new Map());
      expect(determinedByEquations(pub), JSON.stringify(pub)).toEqual([]);
    }
  });

  it('has, for every secret cell, another table that publishes the same figures with a different value there', () => {
    let proved = 0;
    for (const margin of margins) {
      const pub = publish(margin);
      for (const target of secretNames(margin)) {
        const other = otherTable(margin, target);
        // Same publication: every published figure unchanged, every secret still ≥ 1, partitions add up.
        expect(other.total === margin.total.value).toBe(margin.total.secret ? false : true);
        if (pub.total !== 'secret') expect(other.total).toBe(pub.total);
        other.partitions.forEach((p, pi) => {
          expect(p.reduce((s, v) => s + v, 0)).toBe(other.total);
          p.forEach((v, i) => {
            const was = pub.partitions[pi]![i]!;
            if (was === 'secret') expect(v).toBeGreaterThanOrEqual(1);
            else expect(v).toBe(was);
          });
        });
        const before =
          target === 'total'
            ? margin.total.value
            : margin.partitions[Number(target.split(':')[0])]![Number(target.split(':')[1])]!.value;
        const after =
          target === 'total'
            ? other.total
            : other.partitions[Number(target.split(':')[0])]![Number(target.split(':')[1])]!;
        expect(after).not.toBe(before);
        proved++;
      }
    }
    expect(proved).toBeGreaterThan(100);
  });

  it('is needed: with small counts hidden and nothing more, the attacker recovers them', () => {
    // A total of 60: 3 hidden beside 57 published gives 3 back; eleven hidden 1s with a total of 11 give 1s back.
    const lone: Publication = { total: 60, partitions: [['secret', 57]] };
    expect(attack(lone).get('0:0')).toBe(3);
    const ones: Publication = {
      total: 11,
      partitions: [Array.from({ length: 11 }, () => 'secret' as const)],
    };
    expect(attack(ones).get('0:5')).toBe(1);
    const throughAnother: Publication = {
      total: 'secret',
      partitions: [
        ['secret', 20],
        [11, 12],
      ],
    };
    expect(attack(throughAnother).get('0:0')).toBe(3);
    expect(determinedByEquations(lone)).toEqual(['0:0']);
  });

  it('refuses a partition that does not add up to its total', () => {
    expect(() => protectMargins([{ total: cell(5), partitions: [[cell(2), cell(2)]] }])).toThrow(/add/);
  });
});
