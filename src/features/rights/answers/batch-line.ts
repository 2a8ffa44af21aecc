// One batch line: parse, validate like the API, estimate. A bad line gives an error object, never a throw.
import { estimate } from '../estimate.ts';
import type { AnswerWriter } from './answer-writer.ts';
import { validateEstimationRequest } from '../schema.ts';

/** Writes the answer to one input line (and its line feed); returns false when it is an error object. */
export function estimateLine(line: string, lineNumber: number, writer: AnswerWriter): boolean {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return fail(writer, lineNumber, 'La ligne n’est pas un JSON valide.', []);
  }
  const checked = validateEstimationRequest(value);
  if ('errors' in checked)
    return fail(writer, lineNumber, 'La demande contient des erreurs.', checked.errors);
  let response;
  try {
    response = estimate(checked.request);
  } catch {
    // A model error on one household must not stop the batch; the line says so.
    return fail(writer, lineNumber, 'L’estimation a échoué pour cette ligne.', []);
  }
  writer.response(response);
  return true;
}

function fail(
  writer: AnswerWriter,
  line: number,
  title: string,
  errors: { field: string; message: string }[],
): false {
  writer.text(`${JSON.stringify({ error: { line, title, errors } })}\n`);
  return false;
}
