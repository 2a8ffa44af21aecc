// Small DSFR form pieces shared by the pages of every feature: a field with its error next to it, an error summary.
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../errors.ts';

/** The message of one field, if any. */
export function errorOf(errors: FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

/** The list of errors at the top of a form, each a link to its field. */
export function ErrorSummary({ errors, labels }: { errors: FieldError[]; labels?: Record<string, string> }) {
  if (errors.length === 0) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
      <h2 class="fr-alert__title">
        Le formulaire contient {errors.length === 1 ? 'une erreur' : `${errors.length} erreurs`}
      </h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>
              {labels?.[e.field] ? `${labels[e.field]} : ` : ''}
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface TextFieldProps {
  name: string;
  label: string;
  hint?: string;
  value?: string;
  error?: string;
  type?: 'text' | 'date' | 'email' | 'tel';
  required?: boolean;
  autocomplete?: string;
  textarea?: boolean;
  inputMode?: 'numeric' | 'text';
}

/** A DSFR text input (or textarea) with its label, hint and error. */
export function TextField(p: TextFieldProps) {
  const describedBy =
    [p.hint ? `${p.name}-hint` : '', p.error ? `${p.name}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id: p.name,
    name: p.name,
    'aria-describedby': describedBy,
    'aria-invalid': p.error ? ('true' as const) : undefined,
    required: p.required,
  };
  return (
    <div class={`fr-input-group${p.error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={p.name}>
        {p.label}
        {p.hint && (
          <span class="fr-hint-text" id={`${p.name}-hint`}>
            {p.hint}
          </span>
        )}
      </label>
      {p.textarea ? (
        <textarea class={`fr-input${p.error ? ' fr-input--error' : ''}`} rows={6} {...common}>
          {p.value ?? ''}
        </textarea>
      ) : (
        <input
          class={`fr-input${p.error ? ' fr-input--error' : ''}`}
          type={p.type ?? 'text'}
          value={p.value ?? ''}
          autocomplete={p.autocomplete}
          inputMode={p.inputMode}
          {...common}
        />
      )}
      {p.error && (
        <p class="fr-error-text" id={`${p.name}-error`}>
          {p.error}
        </p>
      )}
    </div>
  );
}

/** A DSFR select with its label, hint and error, around the options given (plain or in groups). */
export function SelectGroup(props: {
  name: string;
  label: string;
  hint?: string;
  error: string | undefined;
  children: ComponentChildren;
}) {
  const { name, error } = props;
  const describedBy =
    [props.hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
      <label class="fr-label" for={name}>
        {props.label}
        {props.hint && (
          <span class="fr-hint-text" id={`${name}-hint`}>
            {props.hint}
          </span>
        )}
      </label>
      <select
        class={`fr-select${error ? ' fr-select--error' : ''}`}
        id={name}
        name={name}
        aria-describedby={describedBy}
      >
        {props.children}
      </select>
      {error && (
        <p class="fr-error-text" id={`${name}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A select of communes by name (INSEE code as value), with an empty first choice: a commune that may be left unsaid.
 * A native select: typing the first letters finds the commune, with or without JavaScript.
 */
export function CommuneSelect(props: {
  name: string;
  label: string;
  hint?: string;
  value: string | undefined;
  communes: { inseeCode: string; name: string }[];
  empty: string;
  error: string | undefined;
}) {
  return (
    <SelectGroup name={props.name} label={props.label} hint={props.hint} error={props.error}>
      <option value="" selected={!props.value}>
        {props.empty}
      </option>
      {props.communes.map((c) => (
        <option value={c.inseeCode} selected={c.inseeCode === props.value}>
          {c.name}
        </option>
      ))}
    </SelectGroup>
  );
}

/** A DSFR fieldset (radios or checkboxes) with its legend and error. */
export function Fieldset({
  id,
  legend,
  hint,
  error,
  children,
  inline,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  children: ComponentChildren;
  inline?: boolean;
}) {
  return (
    <fieldset
      class={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      id={id}
      aria-labelledby={`${id}-legend${error ? ` ${id}-messages` : ''}`}
      role="group"
    >
      <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legend`}>
        {legend}
        {hint && <span class="fr-hint-text">{hint}</span>}
      </legend>
      {Array.isArray(children) ? (
        children.map((c) => (
          <div class={`fr-fieldset__element${inline ? ' fr-fieldset__element--inline' : ''}`}>{c}</div>
        ))
      ) : (
        <div class="fr-fieldset__element">{children}</div>
      )}
      <div class="fr-messages-group" id={`${id}-messages`} aria-live="assertive">
        {error && <p class="fr-message fr-message--error">{error}</p>}
      </div>
    </fieldset>
  );
}

/** One radio of a DSFR radio group. */
export function Radio({
  name,
  value,
  label,
  checked,
  hint,
}: {
  name: string;
  value: string;
  label: string;
  checked?: boolean;
  hint?: string;
}) {
  const id = `${name}-${value}`;
  return (
    <div class="fr-radio-group">
      <input type="radio" id={id} name={name} value={value} checked={checked} />
      <label class="fr-label" for={id}>
        {label}
        {hint && <span class="fr-hint-text">{hint}</span>}
      </label>
    </div>
  );
}

/** One checkbox of a DSFR checkbox group. */
export function Checkbox({
  name,
  value,
  label,
  checked,
  id,
}: {
  name: string;
  value: string;
  label: string;
  checked?: boolean;
  id: string;
}) {
  return (
    <div class="fr-checkbox-group">
      <input type="checkbox" id={id} name={name} value={value} checked={checked} />
      <label class="fr-label" for={id}>
        {label}
      </label>
    </div>
  );
}

/** Text with line breaks as paragraphs (no inline style needed). */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{1,}/)
        .filter((line) => line.trim() !== '')
        .map((line) => (
          <p class="fr-mb-1w">{line}</p>
        ))}
    </>
  );
}

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});
const dateOnly = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** "27 nov. 2026, 14:05" in Paris time. */
export function formatDateTime(d: Date): string {
  return dateTime.format(d);
}

/** "14 mars 1985" from "1985-03-14". */
export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso + 'T00:00:00Z'));
}
