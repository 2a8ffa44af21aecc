// The checks of the offer's forms, shared by places, organisations and services: each reads one field of a form
// and either returns the clean value or pushes a French message for that field. Pure functions.
import type { FieldError } from '../../platform/errors.ts';

/** Collects the errors of one form. */
export class FormChecks {
  readonly errors: FieldError[] = [];

  /** Records a message for a field (the first one per field is kept). */
  fail(field: string, message: string): void {
    if (!this.errors.some((e) => e.field === field)) this.errors.push({ field, message });
  }

  /** Optional text, trimmed, at most `max` characters; empty gives null. */
  text(field: string, value: string | undefined, max: number): string | null {
    const text = (value ?? '').trim();
    if (text.length > max) this.fail(field, `Ce champ compte ${max} caractères au plus.`);
    return text || null;
  }

  /** Required text. */
  required(field: string, value: string | undefined, max: number, message: string): string {
    const text = this.text(field, value, max);
    if (!text) this.fail(field, message);
    return text ?? '';
  }

  /** An optional e-mail address. */
  email(field: string, value: string | undefined): string | null {
    const email = (value ?? '').trim();
    if (email && (email.length > 254 || !/^[^@\s]+@[^@\s]+\.[^@\s]{2,}$/.test(email)))
      this.fail(field, 'Cette adresse de courriel n’est pas valide (exemple : accueil@mairie.fr).');
    return email || null;
  }

  /** An optional French phone number (see `isFrenchPhone`). */
  phone(field: string, value: string | undefined): string | null {
    const phone = (value ?? '').trim();
    if (phone && !isFrenchPhone(phone))
      this.fail(
        field,
        'Ce numéro n’est pas un numéro de téléphone français (exemples : 05 65 20 40 40, +33 5 65 20 40 40, 3230).',
      );
    return phone || null;
  }

  /** An optional web address, http or https. */
  url(field: string, value: string | undefined): string | null {
    const url = (value ?? '').trim();
    if (!url) return null;
    let ok = false;
    try {
      const parsed = new URL(url);
      ok = (parsed.protocol === 'https:' || parsed.protocol === 'http:') && url.length <= 500;
    } catch {
      ok = false;
    }
    if (!ok) this.fail(field, 'Indiquez une adresse web complète, commençant par https://.');
    return url;
  }

  /** An optional decimal number within bounds (a comma is read as the decimal point). */
  number(field: string, value: string | undefined, min: number, max: number, what: string): number | null {
    const text = (value ?? '').trim().replace(',', '.');
    if (!text) return null;
    const n = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(n) || n < min || n > max) {
      this.fail(field, `${what} est un nombre entre ${min} et ${max}.`);
      return null;
    }
    return n;
  }

  /** Codes ticked in a checkbox group, each one of the list's (a forged value is refused). */
  codes<T extends string>(field: string, value: string | string[] | undefined, list: readonly T[]): T[] {
    const values = [...new Set(asList(value))];
    const unknown = values.filter((v) => !list.includes(v as T));
    if (unknown.length > 0) this.fail(field, `Valeur inconnue : ${unknown.join(', ')}.`);
    return values.filter((v): v is T => list.includes(v as T));
  }

  /** Whether the form holds an error. */
  get failed(): boolean {
    return this.errors.length > 0;
  }
}

/**
 * Whether a number is a French phone number, written as people write it (spaces, dots or dashes between the
 * digits): ten digits from 01 to 09 (ARCEP national plan), the same after +33 (the 0 dropped, or bracketed), an
 * overseas number after its country code (+262, +269, +508, +590, +594, +596, +681, +687, +689), or a short
 * service number (3230, 3646, 3949: four digits from 3; the emergency and social numbers 15, 17, 18, 112,
 * 114, 115, 119, 191, 196, 197).
 */
export function isFrenchPhone(value: string): boolean {
  if (value.length > 30 || !/^\+?[\d\s.()-]+$/.test(value)) return false;
  const compact = value.replace(/[\s.-]/g, '');
  return (
    /^0[1-9]\d{8}$/.test(compact) ||
    /^\+33(\(0\))?[1-9]\d{8}$/.test(compact) ||
    /^\+(262|269|508|590|594|596|681|687|689)\d{6,9}$/.test(compact) ||
    /^3\d{3}$/.test(compact) ||
    /^(15|17|18|112|114|115|119|191|196|197)$/.test(compact)
  );
}

/** A form value that may be repeated (checkboxes) as a list. */
export function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter(Boolean);
}

/** Lines of a text area, trimmed, empty ones dropped. */
export function linesOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** INSEE codes typed in a field: separated by spaces, commas or semicolons. */
export function inseeCodesOf(value: string | undefined): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(/[\s,;]+/)
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

const edited = 'modifié dans Sans Couture';

/** A row's source after an edit in the pages: where it came from, then that people changed it (said once). */
export function sourceAfterEdit(source: string): string {
  if (!source || source.endsWith(edited)) return source || edited;
  return `${source} ; ${edited}`.slice(0, 500);
}
