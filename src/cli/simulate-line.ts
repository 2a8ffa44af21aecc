// One batch line: parse, validate like the API, estimate. A bad line gives an error object, never a throw.
import { estimate, toJson } from '../features/rights/estimate.ts';
import { validateEstimationRequest } from '../features/rights/schema.ts';

/** The answer to one input line as a JSON string, and whether it is an error object. */
export function estimateLine(line: string, lineNumber: number): { json: string; error: boolean } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return fail(lineNumber, 'La ligne n’est pas un JSON valide.', []);
  }
  const checked = validateEstimationRequest(value);
  if ('errors' in checked) return fail(lineNumber, 'La demande contient des erreurs.', checked.errors);
  try {
    return { json: toJson(estimate(checked.request)), error: false };
  } catch {
    // A model error on one household must not stop the batch; the line says so.
    return fail(lineNumber, 'L’estimation a échoué pour cette ligne.', []);
  }
}

function fail(
  line: number,
  title: string,
  errors: { field: string; message: string }[],
): { json: string; error: boolean } {
  return { json: JSON.stringify({ error: { line, title, errors } }), error: true };
}
