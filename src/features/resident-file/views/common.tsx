// The small pieces the file's pages share: dates in French, the DSFR fields with their French error next to
// them, the error summary that links each message to its field, and the table of facts with when and by whom
// each was given.
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../../platform/errors.ts';
import { frenchDate, todayInParis } from '../../../platform/dates.ts';
import {
  factLabel,
  factText,
  householdKeys,
  identityKeys,
  isValid,
  receivedKey,
  sourceText,
  validUntil,
  validityOf,
  type StoredFacts,
} from '../facts.ts';

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** "27 novembre 2026 à 14:05", in Paris time. */
export function when(d: Date): string {
  return dateTime.format(d);
}

/** "lundi 8 juin 2026" of an instant, in Paris time. */
export function day(d: Date | string): string {
  // A plain date is that day; an instant (a Date or an ISO timestamp) is its day in Paris.
  if (typeof d === 'string' && d.length === 10) return frenchDate(d);
  return frenchDate(todayInParis(typeof d === 'string' ? new Date(d) : d));
}

/** The message of a field, if any. */
export function errorOf(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

/** The list of errors at the top of a form; each links to its field (or to its fieldset for a group). */
export function ErrorSummary({
  errors,
  groups = [],
}: {
  errors: readonly FieldError[];
  groups?: readonly string[];
}) {
  if (errors.length === 0) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
      <h2 class="fr-alert__title">
        {errors.length === 1 ? 'Une réponse est à corriger' : `${errors.length} réponses sont à corriger`}
      </h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${groups.includes(e.field) ? `${e.field}-fieldset` : e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A text field with its label, hint and error. */
export function TextField(props: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  errors: readonly FieldError[];
  type?: 'text' | 'email' | 'tel' | 'date';
  autoComplete?: string;
  inputMode?: 'numeric' | 'decimal' | 'tel' | 'email';
  textarea?: boolean;
}) {
  const error = errorOf(props.errors, props.name);
  const common = {
    class: `fr-input${error ? ' fr-input--error' : ''}`,
    id: props.name,
    name: props.name,
    'aria-describedby': error ? `${props.name}-error` : undefined,
  };
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={props.name}>
        {props.label}
        {props.hint && <span class="fr-hint-text">{props.hint}</span>}
      </label>
      {props.textarea ? (
        <textarea {...common} rows={4}>
          {props.value}
        </textarea>
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          value={props.value}
          autoComplete={props.autoComplete ?? 'off'}
          inputMode={props.inputMode}
        />
      )}
      {error && (
        <p id={`${props.name}-error`} class="fr-error-text">
          {error}
        </p>
      )}
    </div>
  );
}

/** A group of checkboxes or radios (DSFR fieldset), its error under it. */
export function ChoiceGroup(props: {
  name: string;
  legend: string;
  hint?: string;
  type: 'checkbox' | 'radio';
  options: readonly (readonly [string, string, string?])[];
  checked: readonly string[];
  errors: readonly FieldError[];
}) {
  const error = errorOf(props.errors, props.name);
  return (
    <fieldset
      class={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      id={`${props.name}-fieldset`}
      aria-labelledby={`${props.name}-legend${error ? ` ${props.name}-messages` : ''}`}
    >
      <legend class="fr-fieldset__legend--regular fr-fieldset__legend" id={`${props.name}-legend`}>
        {props.legend}
        {props.hint && <span class="fr-hint-text">{props.hint}</span>}
      </legend>
      {props.options.map(([value, label, hint]) => (
        <div class="fr-fieldset__element">
          <div class={props.type === 'checkbox' ? 'fr-checkbox-group' : 'fr-radio-group'}>
            <input
              type={props.type}
              id={`${props.name}-${value}`}
              name={props.name}
              value={value}
              checked={props.checked.includes(value)}
            />
            <label class="fr-label" for={`${props.name}-${value}`}>
              {label}
              {hint && <span class="fr-hint-text">{hint}</span>}
            </label>
          </div>
        </div>
      ))}
      <div class="fr-messages-group" id={`${props.name}-messages`} aria-live="polite">
        {error && <p class="fr-message fr-message--error">{error}</p>}
      </div>
    </fieldset>
  );
}

/** A single checkbox (an agreement), its error under it. */
export function Agreement(props: {
  name: string;
  label: ComponentChildren;
  checked: boolean;
  errors: readonly FieldError[];
}) {
  const error = errorOf(props.errors, props.name);
  return (
    <div class={`fr-checkbox-group${error ? ' fr-checkbox-group--error' : ''} fr-mb-3w`}>
      <input
        type="checkbox"
        id={props.name}
        name={props.name}
        value="oui"
        checked={props.checked}
        aria-describedby={`${props.name}-messages`}
      />
      <label class="fr-label" for={props.name}>
        {props.label}
      </label>
      <div class="fr-messages-group" id={`${props.name}-messages`} aria-live="assertive">
        {error && <p class="fr-message fr-message--error">{error}</p>}
      </div>
    </div>
  );
}

/**
 * A DSFR table that scrolls sideways on a narrow screen: its scrolling container takes the keyboard focus (and is
 * named), so that a keyboard user can scroll it too.
 */
export function Table({
  label,
  children,
  data,
}: {
  label: string;
  children: ComponentChildren;
  data?: string;
}) {
  return (
    <div class="fr-table" {...(data ? { [`data-${data}`]: true } : {})}>
      <div class="fr-table__wrapper">
        <div class="fr-table__container" tabIndex={0} role="region" aria-label={label}>
          <div class="fr-table__content">{children}</div>
        </div>
      </div>
    </div>
  );
}

/** The facts of a file in a table: value, given when and by whom, and whether it must be confirmed. */
export function FactsTable(props: {
  caption: string;
  facts: StoredFacts;
  residentId: string;
  names: Map<string, string>;
  communes: { inseeCode: string; name: string }[];
  today: string;
  /** Show keys without a value too ("non renseigné"). */
  showEmpty?: boolean;
}) {
  const keys = [...identityKeys, ...householdKeys, receivedKey].filter(
    (k) => props.showEmpty || props.facts[k] !== undefined,
  );
  if (keys.length === 0) return <p>Aucune information pour l’instant.</p>;
  // A list rather than a table: on a phone a four-column table hides the values off-screen.
  return (
    <ul class="sc-list-reset fr-mb-3w" data-facts aria-label={props.caption}>
      {keys.map((key) => {
        const fact = props.facts[key];
        const until = fact ? validUntil(key, fact.at) : null;
        const valid = fact ? isValid(key, fact, props.today) : false;
        return (
          <li class="fr-py-1w sc-fact" data-fact={key}>
            <p class="fr-mb-0">
              <strong>{factLabel(key)}</strong> :{' '}
              {fact ? factText(key, fact.v, props.communes) : 'non renseigné'}
              {fact && !valid && (
                <>
                  {' '}
                  <span class="fr-badge fr-badge--warning fr-badge--sm">À confirmer</span>
                </>
              )}
            </p>
            {fact && (
              <p class="fr-text--xs fr-mb-0">
                Donnée le {day(fact.at)}, par {sourceText(fact, props.residentId, props.names)}.{' '}
                {!valid
                  ? `Trop ancienne (${validityOf(key).label}) : elle vous sera redemandée.`
                  : until
                    ? `À confirmer avant le ${frenchDate(until)}.`
                    : 'Sans limite de validité.'}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Size of a file in words ("230 Ko"). */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} Mo`
    : `${Math.max(1, Math.round(bytes / 1024))} Ko`;
}
