// Typed errors with stable codes. One central handler (platform/http/errors.ts) turns them into a French
// HTML page or an application/problem+json answer; a 500 never shows internals.

export interface FieldError {
  /** Path of the field, as the user sent it: "household.members[0].birthDate" or a form field name. */
  field: string;
  /** Plain-French message shown next to the field. */
  message: string;
}

/** Stable problem types: the last segment of the problem `type` URI. Never rename one. */
export type ProblemCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'csrf'
  | 'rate-limited'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'service-unavailable'
  | 'internal';

const defaults: Record<ProblemCode, { status: number; title: string }> = {
  validation: { status: 400, title: 'La demande contient des erreurs' },
  unauthenticated: { status: 401, title: 'Connexion nécessaire' },
  forbidden: { status: 403, title: 'Accès refusé' },
  'not-found': { status: 404, title: 'Page ou ressource introuvable' },
  conflict: { status: 409, title: 'Conflit avec l’état actuel' },
  csrf: { status: 403, title: 'Formulaire expiré ou invalide' },
  'rate-limited': { status: 429, title: 'Trop de demandes' },
  'payload-too-large': { status: 413, title: 'Envoi trop volumineux' },
  'unsupported-media-type': { status: 415, title: 'Format non pris en charge' },
  'service-unavailable': { status: 503, title: 'Service momentanément indisponible' },
  internal: { status: 500, title: 'Erreur interne' },
};

/** An error meant for the user: its title and detail are shown as they are. */
export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly fields: FieldError[] = [],
    title?: string,
  ) {
    super(detail ?? defaults[code].title);
    this.status = defaults[code].status;
    this.title = title ?? defaults[code].title;
  }
}

export const problemTypeBase = 'https://sans-couture.beta.gouv.fr/problemes/';

/** The problem+json body for an error (RFC 9457). */
export function problemBody(error: AppError, instance?: string): Record<string, unknown> {
  return {
    type: problemTypeBase + error.code,
    title: error.title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(instance ? { instance } : {}),
    ...(error.fields.length > 0 ? { errors: error.fields } : {}),
  };
}

export const notFound = (detail?: string) => new AppError('not-found', detail);
export const forbidden = (detail?: string) => new AppError('forbidden', detail);
export const unauthenticated = (detail?: string) => new AppError('unauthenticated', detail);
export const invalid = (fields: FieldError[], detail?: string) => new AppError('validation', detail, fields);
