// The API's answers as bytes: the requests that arrived in one turn of the event loop, all estimated first,
// one after another while the model is in the processor's cache, then all written (measured ×2 in requests
// per second under load, see platform/turn-batch.ts). One writer serves every answer: its buffer is reused,
// not reallocated. The bytes are written from pre-encoded constant parts (the same bytes JSON.stringify
// gives, see answer-writer.test.ts): 16 KB per answer, two thirds the same for everyone.
import type { EstimationResponse } from '../contract.ts';
import { estimate } from '../estimate.ts';
import type { EstimationRequestBody } from '../schema.ts';
import { AnswerWriter } from './answer-writer.ts';

const writer = new AnswerWriter(1 << 16);

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** The answers (JSON bytes, or the error met) of the requests of one turn, in their order. */
export function answerTurn(bodies: readonly EstimationRequestBody[]): (Buffer | Error)[] {
  const estimations: (EstimationResponse | Error)[] = bodies.map((body) => {
    try {
      return estimate(body);
    } catch (error) {
      return asError(error);
    }
  });
  return estimations.map((estimation) => {
    if (estimation instanceof Error) return estimation;
    try {
      writer.response(estimation, false);
      // Each answer in a buffer of its own: a client that reads slowly holds its 16 KB, not the whole turn's.
      return writer.take();
    } catch (error) {
      writer.discard(); // the next answer must not start with this one's half
      return asError(error);
    }
  });
}
