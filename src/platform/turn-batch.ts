// Work gathered per turn of the event loop: the calls made during one turn are handed together, in their order,
// to one function at the end of the turn (setImmediate), which answers each of them.
//
// Why: a CPU-heavy computation interleaved with the HTTP work of each request runs with cold processor caches.
// Measured on the estimation API (docs/performance.md): one estimation costs ~105 µs in a run of estimations and
// ~300 µs when each is interleaved with its request's parsing and sending — the compiled model (a few MB of
// closures) is evicted from the L2 cache in between. Under load, the requests that arrive in the same turn are
// computed one after another, in cache. A request alone only waits for the end of the current turn.
//
// One failing item does not fail the others: `run` returns an Error in that item's place.

/** A function called with the inputs gathered during one turn; it returns one output (or Error) per input. */
export type TurnWork<I, O> = (inputs: readonly I[]) => (O | Error)[];

interface Waiting<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/** Returns `submit`: each call's input joins the current turn's batch; resolves with its own output. */
export function batchPerTurn<I, O>(
  run: TurnWork<I, O>,
  options: { maxBatch?: number } = {},
): (input: I) => Promise<O> {
  // Bounds how long one turn blocks the event loop: the remainder goes to the next turn.
  const maxBatch = options.maxBatch ?? 64;
  let waiting: Waiting<I, O>[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const batch = waiting.length > maxBatch ? waiting.splice(0, maxBatch) : waiting;
    if (batch === waiting) waiting = [];
    if (waiting.length > 0) schedule();
    let outputs: (O | Error)[];
    try {
      outputs = run(batch.map((w) => w.input));
      if (outputs.length !== batch.length)
        throw new Error(`${outputs.length} résultats pour ${batch.length} entrées`);
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    for (let i = 0; i < batch.length; i++) {
      const w = batch[i] as Waiting<I, O>;
      const output = outputs[i] as O | Error;
      if (output instanceof Error) w.reject(output);
      else w.resolve(output);
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return (input) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      schedule();
    });
}
