// Validation of untrusted JSON against a route's schema, with French messages: the one mapping from Ajv's issues
// to field errors, shared by the HTTP error handler (every route's schema) and the batch (one request per line),
// so that a bad field reads the same whichever door it came through.
import type { FieldError } from './errors.ts';

/** One issue as Ajv reports it. */
export interface AjvIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Turns a JSON pointer "/household/members/0/birthDate" into "household.members[0].birthDate". */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function frenchMessage(issue: AjvIssue): string {
  const p = issue.params ?? {};
  switch (issue.keyword) {
    case 'required':
      return 'Ce champ est obligatoire';
    case 'additionalProperties':
      return 'Champ inconnu';
    case 'type':
      return `Type attendu : ${String(p.type).replace('integer', 'nombre entier').replace('number', 'nombre').replace('string', 'texte').replace('boolean', 'vrai ou faux').replace('array', 'liste').replace('object', 'objet').replace('null', 'null')}`;
    case 'minimum':
      return `La valeur doit être supérieure ou égale à ${String(p.limit)}`;
    case 'maximum':
      return `La valeur doit être inférieure ou égale à ${String(p.limit)}`;
    case 'exclusiveMinimum':
      return `La valeur doit être supérieure à ${String(p.limit)}`;
    case 'minLength':
      return p.limit === 1 ? 'Ce champ ne peut pas être vide' : `Au moins ${String(p.limit)} caractères`;
    case 'maxLength':
      return `Au plus ${String(p.limit)} caractères`;
    case 'minItems':
      return `Au moins ${String(p.limit)} élément(s)`;
    case 'maxItems':
      return `Au plus ${String(p.limit)} éléments`;
    case 'enum':
      return `Valeur attendue parmi : ${((p.allowedValues as unknown[]) ?? []).map(String).join(', ')}`;
    case 'const':
      return `Valeur attendue : ${String(p.allowedValue)}`;
    case 'pattern':
    case 'format':
      return 'Format invalide';
    default:
      return 'Valeur invalide';
  }
}

/** French field errors, one per field and rule broken, from Ajv's issues. */
export function fieldErrorsFromIssues(issues: readonly AjvIssue[]): FieldError[] {
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  for (const issue of issues) {
    let field = pointerToPath(issue.instancePath ?? '');
    const p = issue.params ?? {};
    if (issue.keyword === 'required' && typeof p.missingProperty === 'string') {
      field = field ? `${field}.${p.missingProperty}` : p.missingProperty;
    }
    if (issue.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') {
      field = field ? `${field}.${p.additionalProperty}` : p.additionalProperty;
    }
    const key = field + '|' + issue.keyword;
    if (seen.has(key)) continue;
    seen.add(key);
    fields.push({ field: field || '(corps)', message: frenchMessage(issue) });
  }
  return fields;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID (a malformed id in a link is simply "not found", never a database error). */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
