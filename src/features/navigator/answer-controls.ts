// How the navigator reads, checks, shows and pre-fills an answer, by the kind of form control the registry of
// household inputs gives it (money, a birth date, yes/no, a choice, a percentage, a GIR). French input is
// read the way people type it: "1 200,50 €", "26/12/2026".
import type { FieldError } from '../../platform/errors.ts';
import { parseDate } from '../../platform/dates.ts';
import { formatNumber } from '../../platform/money.ts';
import type { Control } from '../rights/household-inputs.ts';

/** What a form sent: field name → value(s). */
export type FormValues = Record<string, string | string[] | undefined>;

/** A value the navigator keeps for an answer. */
export type AnswerValue = number | string | boolean | null;

/** The first (trimmed) value of a form field, '' when absent. */
export function single(form: FormValues, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/**
 * Reads a date as a date picker sends it (AAAA-MM-JJ) or as a French user types it where the field is plain text
 * (no JavaScript, or a browser without a date picker): day, month and year separated by a slash, a hyphen, a dot
 * or spaces — 26/12/2026, 26-12-2026, 26.12.2026, 26 12 2026, 6/1/2027. Null when it is not a real date.
 */
export function readDate(value: string): string | null {
  const typed = /^(\d{1,2})\s*[/.\s-]\s*(\d{1,2})\s*[/.\s-]\s*(\d{4})$/.exec(value.trim());
  const iso = typed
    ? `${typed[3]}-${typed[2]!.padStart(2, '0')}-${typed[1]!.padStart(2, '0')}`
    : value.trim();
  return parseDate(iso) ? iso : null;
}

/** Reads an amount typed the French way ("1 200,50 €"); NaN when it is not a number. */
export function readAmount(value: string): number {
  const cleaned = value.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  return /^-?\d+(\.\d{1,2})?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/** "26/12/2026" from "2026-12-26", as the summary shows a date. */
export function frenchDay(value: string): string {
  const [y, m, d] = value.split('-');
  return `${d}/${m}/${y}`;
}

/** "1 200,5 €": an amount as people typed it, without trailing zeros. */
export function shortEuros(value: number): string {
  return `${formatNumber(value)} €`;
}

/** Reads a birth date: not in the future, not before 1900. */
export function readBirthDate(
  form: FormValues,
  field: string,
  today: string,
  required: boolean,
): { value?: string; error?: FieldError } {
  const raw = single(form, field);
  if (!raw) return required ? { error: { field, message: 'Indiquez la date de naissance.' } } : {};
  const value = readDate(raw);
  if (!value) return { error: { field, message: 'Cette date n’existe pas. Écrivez-la ainsi : 12/04/1990.' } };
  if (value > today)
    return { error: { field, message: 'La date de naissance ne peut pas être dans le futur.' } };
  if (value < '1900-01-01')
    return { error: { field, message: 'La date de naissance doit être après 1900.' } };
  return { value };
}

/** Reads an amount in euros, 0 or more, at most `max`. */
export function readMoney(
  form: FormValues,
  field: string,
  max: number,
  required = true,
): { value?: number; error?: FieldError } {
  const raw = single(form, field);
  if (!raw)
    return required
      ? { error: { field, message: 'Indiquez un montant en euros (0 si vous n’avez rien).' } }
      : {};
  const value = readAmount(raw);
  if (Number.isNaN(value))
    return { error: { field, message: 'Indiquez un montant en chiffres, par exemple 1200 ou 1200,50.' } };
  if (value < 0) return { error: { field, message: 'Le montant ne peut pas être négatif.' } };
  if (value > max)
    return { error: { field, message: `Ce montant semble trop élevé (au plus ${shortEuros(max)}).` } };
  return { value };
}

/** Reads one field of a control; `value` undefined with no error when an optional field is left empty. */
export function readControl(
  control: Control,
  form: FormValues,
  field: string,
  today: string,
  required: boolean,
): { value?: AnswerValue; error?: FieldError } {
  const raw = single(form, field);
  switch (control.kind) {
    case 'money':
      return readMoney(form, field, control.max, required);
    case 'birth-date':
      return readBirthDate(form, field, today, required);
    case 'yes-no':
      if (raw === 'oui') return { value: true };
      if (raw === 'non') return { value: false };
      return !raw && !required ? {} : { error: { field, message: 'Répondez oui ou non.' } };
    case 'choice':
      if (control.options.some(([value]) => value === raw)) return { value: raw };
      return !raw && !required ? {} : { error: { field, message: 'Choisissez une réponse dans la liste.' } };
    case 'percent': {
      if (!raw && !required) return {};
      const value = readAmount(raw.replace('%', ''));
      if (!raw || Number.isNaN(value))
        return { error: { field, message: 'Indiquez un pourcentage en chiffres, de 0 à 100.' } };
      if (value < 0 || value > 100)
        return { error: { field, message: 'Le taux doit être compris entre 0 et 100.' } };
      return { value };
    }
    case 'gir':
      if (raw === 'aucun') return { value: null };
      if (/^[1-6]$/.test(raw)) return { value: Number(raw) };
      return !raw && !required
        ? {}
        : { error: { field, message: 'Choisissez un GIR de 1 à 6, ou « pas encore évalué ».' } };
    case 'count': {
      if (!raw) return required ? { error: { field, message: `Indiquez un nombre (0 si aucun).` } } : {};
      if (!/^\d+$/.test(raw))
        return { error: { field, message: 'Indiquez un nombre entier, par exemple 12.' } };
      const value = Number(raw);
      if (value < control.min || value > control.max)
        return {
          error: { field, message: `Le nombre doit être compris entre ${control.min} et ${control.max}.` },
        };
      return { value };
    }
  }
}

/** Whether a value kept in a cookie or a saved link is a valid answer of this control (older formats are dropped). */
export function isControlValue(control: Control, value: unknown): value is AnswerValue {
  switch (control.kind) {
    case 'money':
    case 'percent':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0;
    case 'birth-date':
      return typeof value === 'string' && parseDate(value) !== null;
    case 'yes-no':
      return typeof value === 'boolean';
    case 'choice':
      return typeof value === 'string' && control.options.some(([option]) => option === value);
    case 'gir':
      return (
        value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 6)
      );
    case 'count':
      return (
        typeof value === 'number' && Number.isInteger(value) && value >= control.min && value <= control.max
      );
  }
}

/** An answer in plain French, for the summary. */
export function showControl(control: Control, value: AnswerValue): string {
  switch (control.kind) {
    case 'money':
      return shortEuros(value as number);
    case 'birth-date':
      return frenchDay(value as string);
    case 'yes-no':
      return value ? 'Oui' : 'Non';
    case 'choice':
      return control.options.find(([option]) => option === value)?.[1] ?? String(value);
    case 'percent':
      return `${String(value)} %`;
    case 'gir':
      return value === null ? 'Pas encore évalué' : `GIR ${String(value)}`;
    case 'count':
      return `${String(value)} ${control.unit}`;
  }
}

/** An answer as the text of its form field, to pre-fill the form. */
export function controlText(control: Control, value: AnswerValue | undefined): string {
  if (value === undefined) return '';
  switch (control.kind) {
    case 'money':
    case 'percent':
      return String(value).replace('.', ',');
    case 'yes-no':
      return value ? 'oui' : 'non';
    case 'gir':
      return value === null ? 'aucun' : String(value);
    default:
      return String(value);
  }
}

/** Whether the control is a group of radio buttons (its error links to the fieldset, not to an input). */
export function isRadioControl(control: Control): boolean {
  return control.kind === 'yes-no' || control.kind === 'choice' || control.kind === 'gir';
}
