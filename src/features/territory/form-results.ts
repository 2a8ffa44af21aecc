// What the offer's form pages share: the form as the use-cases read it, and a use-case's validation error kept
// for the page (shown beside its fields) while any other error goes to the central handler.
import { AppError } from '../../platform/errors.ts';

/** The form as the use-cases read it (the CSRF token left out). */
export function fieldsOf<T extends { _csrf?: string | undefined }>(body: T): Omit<T, '_csrf'> {
  const { _csrf: _token, ...fields } = body;
  return fields;
}

/** Runs a use-case for a form page: its validation error is shown on the page; anything else goes on. */
export async function formResult<T>(work: () => Promise<T>): Promise<{ error: AppError } | { value: T }> {
  try {
    return { value: await work() };
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') return { error };
    throw error;
  }
}
