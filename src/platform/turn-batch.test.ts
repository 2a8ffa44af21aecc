import { describe, expect, it } from 'vitest';
import { batchPerTurn } from './turn-batch.ts';

describe('batchPerTurn', () => {
  it('hands the calls of one turn together, in order, and answers each with its own output', async () => {
    const batches: number[][] = [];
    const submit = batchPerTurn<number, number>((inputs) => {
      batches.push([...inputs]);
      return inputs.map((n) => n * 10);
    });
    const answers = await Promise.all([submit(1), submit(2), submit(3)]);
    expect(answers).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
    // A later call is another turn, another batch.
    expect(await submit(4)).toBe(40);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('fails only the item whose output is an Error', async () => {
    const submit = batchPerTurn<number, number>((inputs) =>
      inputs.map((n) => (n < 0 ? new Error(`négatif : ${n}`) : n)),
    );
    const results = await Promise.allSettled([submit(1), submit(-2), submit(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('négatif : -2');
  });

  it('rejects the whole batch when the work itself throws or miscounts, and keeps working after', async () => {
    let fail = true;
    const submit = batchPerTurn<number, number>((inputs) => {
      if (fail) throw new Error('panne');
      return inputs.slice(1);
    });
    await expect(Promise.all([submit(1), submit(2)])).rejects.toThrow('panne');
    fail = false;
    await expect(submit(1)).rejects.toThrow('0 résultats pour 1 entrées');
  });

  it('splits a crowd into batches of at most maxBatch, none lost', async () => {
    const sizes: number[] = [];
    const submit = batchPerTurn<number, number>(
      (inputs) => {
        sizes.push(inputs.length);
        return [...inputs];
      },
      { maxBatch: 4 },
    );
    const inputs = Array.from({ length: 10 }, (_, i) => i);
    expect(await Promise.all(inputs.map(submit))).toEqual(inputs);
    expect(sizes).toEqual([4, 4, 2]);
  });
});
