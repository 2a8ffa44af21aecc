// Test support: an attacker of statistical secrecy, used by the tests of secrecy.ts (generated margins) and of the
// open data (the published datasets). It knows every published figure and that a secret is a whole number ≥ 1.
/** What someone outside sees of a margin: a total and partitions adding up to it, each figure a count or 'secret'. */
export interface Publication {
  total: number | 'secret';
  partitions: (number | 'secret')[][];
}

/**
 * An attacker who knows every published figure and that a secret is a whole number ≥ 1. Returns, for a margin, the
 * secret cells they could pin down ("p:i" for cell i of partition p, "total"), by every simple route, repeated until
 * nothing more is learnt.
 */
export function attack(pub: Publication): Map<string, number> {
  const known = new Map<string, number>();
  let total = pub.total === 'secret' ? undefined : pub.total;
  for (let changed = true; changed;) {
    changed = false;
    for (const [pi, partition] of pub.partitions.entries()) {
      const unknown = partition
        .map((v, i) => ({ v, i }))
        .filter(({ v, i }) => v === 'secret' && !known.has(`${pi}:${i}`));
      const knownSum = partition.reduce<number>(
        (s, v, i) => s + (v === 'secret' ? (known.get(`${pi}:${i}`) ?? 0) : v),
        0,
      );
      if (total === undefined) {
        // A partition with nothing unknown gives the total away.
        if (unknown.length === 0) {
          total = knownSum;
          known.set('total', total);
          changed = true;
        }
        continue;
      }
      const rest = total - knownSum;
      if (unknown.length === 1) {
        known.set(`${pi}:${unknown[0]!.i}`, rest);
        changed = true;
      } else if (unknown.length > 1 && rest === unknown.length) {
        for (const u of unknown) known.set(`${pi}:${u.i}`, 1);
        changed = true;
      }
    }
  }
  return known;
}

/**
 * Linear algebra over a margin's published equations (each partition's cells add up to the total), the secret
 * cells and a secret total being the unknowns: the unknowns whose value the equations fix, whatever the bounds.
 */
export function determinedByEquations(pub: Publication): string[] {
  const names: string[] = [];
  const index = new Map<string, number>();
  const variable = (name: string) => {
    if (!index.has(name)) {
      index.set(name, names.length);
      names.push(name);
    }
    return index.get(name)!;
  };
  if (pub.total === 'secret') variable('total');
  pub.partitions.forEach((p, pi) => p.forEach((v, i) => v === 'secret' && variable(`${pi}:${i}`)));
  const rows: number[][] = pub.partitions.map((p, pi) => {
    const row = Array.from({ length: names.length + 1 }, () => 0);
    let constant = pub.total === 'secret' ? 0 : pub.total;
    if (pub.total === 'secret') row[index.get('total')!] = -1;
    p.forEach((v, i) => {
      if (v === 'secret') row[index.get(`${pi}:${i}`)!] = 1;
      else constant -= v;
    });
    row[names.length] = constant;
    return row;
  });
  // Reduced row echelon form; an unknown is fixed when a row has it as its only non-zero coefficient.
  let lead = 0;
  for (let r = 0; r < rows.length && lead < names.length; lead++) {
    const pivot = rows.findIndex((row, i) => i >= r && Math.abs(row[lead]!) > 1e-9);
    if (pivot < 0) continue;
    [rows[r], rows[pivot]] = [rows[pivot]!, rows[r]!];
    const p = rows[r]![lead]!;
    rows[r] = rows[r]!.map((x) => x / p);
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const f = rows[i]![lead]!;
      if (Math.abs(f) > 1e-9) rows[i] = rows[i]!.map((x, j) => x - f * rows[r]![j]!);
    }
    r++;
  }
  return rows
    .map((row) =>
      row
        .slice(0, names.length)
        .map((x, j) => (Math.abs(x) > 1e-9 ? j : -1))
        .filter((j) => j >= 0),
    )
    .filter((nonZero) => nonZero.length === 1)
    .map((nonZero) => names[nonZero[0]!]!);
}

/** A small deterministic generator (mulberry32), so that a failure on generated data can be replayed. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
