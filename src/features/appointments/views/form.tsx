// Small form pieces shared by the appointments pages: a text field with its error next to it, the error summary.
import type { FieldError } from '../../../platform/errors.ts';

/** The list of errors at the top of a form, each linking to its field. */
export function Errors({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
      <h2 class="fr-alert__title">
        {errors.length === 1
          ? 'Une information est à corriger'
          : `${errors.length} informations sont à corriger`}
      </h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A text input with its label, hint and error (DSFR input group). */
export function TextField(props: {
  name: string;
  /** Defaults to the name; give one when the same field appears in several forms of a page. */
  id?: string;
  label: string;
  hint?: string;
  value?: string | undefined;
  errors: FieldError[];
  type?: 'text' | 'email' | 'tel' | 'date' | 'time' | 'number';
  autoComplete?: string;
  required?: boolean;
}) {
  const error = props.errors.find((e) => e.field === props.name)?.message;
  const id = props.id ?? props.name;
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {props.label}
        {props.hint && <span class="fr-hint-text">{props.hint}</span>}
      </label>
      <input
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete ?? 'off'}
        value={props.value ?? ''}
        required={props.required}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p id={`${id}-error`} class="fr-error-text">
          {error}
        </p>
      )}
    </div>
  );
}

/** A checkbox with its error. */
export function CheckField(props: { name: string; label: string; checked?: boolean; errors: FieldError[] }) {
  const error = props.errors.find((e) => e.field === props.name)?.message;
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
