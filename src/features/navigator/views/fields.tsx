// The form fields of each question, in DSFR markup, shared by the one-question-per-page questionnaire and the
// one-page form of helpers. A refused answer shows its French message next to the field, with the input kept.
import type { FieldError } from '../../../platform/errors.ts';
import type { LifeEvent } from '../life-events.ts';
import { isChildPage, questions, type FormValues, type QuestionId } from '../questions.ts';
import { frenchDay, isRadioControl } from '../answer-controls.ts';
import type { FormSpec } from '../../rights/household-inputs.ts';

export interface FieldsProps {
  event: LifeEvent;
  question: QuestionId;
  /** The raw values to show (what was typed, or the saved answers as text). */
  values: FormValues;
  errors: FieldError[];
  communes: { inseeCode: string; name: string; postalCodes: string[] }[];
  /** Whether the question title is the page's h1 (one question per page) or a legend (one-page form). */
  titleAsH1: boolean;
}

function value(values: FormValues, name: string): string {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function errorOf(errors: FieldError[], name: string): string | undefined {
  return errors.find((e) => e.field === name)?.message;
}

function Input(props: {
  name: string;
  label: string;
  hint?: string;
  type?: 'date' | 'text';
  inputMode?: 'decimal' | 'numeric';
  values: FormValues;
  errors: FieldError[];
  autoComplete?: string;
}) {
  const { name, label, hint, values, errors } = props;
  const error = errorOf(errors, name);
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={name}>
        {label}
        {hint && <span class="fr-hint-text">{hint}</span>}
      </label>
      <input
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={name}
        name={name}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? 'off'}
        value={value(values, name)}
        aria-describedby={error ? `${name}-error` : undefined}
      />
      {error && (
        <p id={`${name}-error`} class="fr-error-text">
          {error}
        </p>
      )}
    </div>
  );
}

function Money(props: { name: string; label: string; values: FormValues; errors: FieldError[] }) {
  return <Input {...props} hint="En euros, par exemple 1200 ou 1200,50" inputMode="decimal" />;
}

function Radios(props: {
  name: string;
  legend: string;
  options: [string, string][];
  values: FormValues;
  errors: FieldError[];
  inline?: boolean;
}) {
  const { name, legend, options, values, errors } = props;
  const error = errorOf(errors, name);
  return (
    <fieldset
      class={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      id={`${name}-fieldset`}
      aria-labelledby={`${name}-legend${error ? ` ${name}-messages` : ''}`}
    >
      <legend class="fr-fieldset__legend--regular fr-fieldset__legend" id={`${name}-legend`}>
        {legend}
      </legend>
      {options.map(([optionValue, label]) => (
        <div class={`fr-fieldset__element${props.inline ? ' fr-fieldset__element--inline' : ''}`}>
          <div class="fr-radio-group">
            <input
              type="radio"
              id={`${name}-${optionValue}`}
              name={name}
              value={optionValue}
              checked={value(values, name) === optionValue}
            />
            <label class="fr-label" for={`${name}-${optionValue}`}>
              {label}
            </label>
          </div>
        </div>
      ))}
      <div class="fr-messages-group" id={`${name}-messages`} aria-live="polite">
        {error && <p class="fr-message fr-message--error">{error}</p>}
      </div>
    </fieldset>
  );
}

/** The title of a question for a moment of life (the event date is named by the event). */
export function questionTitle(event: LifeEvent, id: QuestionId): string {
  if (id === 'eventDate') return event.eventDate.label;
  if (id === 'children' && event.id === 'birth') return 'Vos autres enfants à charge';
  return questions[id].label;
}

/** The help text of a question for a moment of life. */
export function questionHelp(event: LifeEvent, id: QuestionId): string {
  if (id === 'eventDate') return `${event.eventDate.help} ${questions.eventDate.help}`;
  return questions[id].help;
}

const yesNo: [string, string][] = [
  ['oui', 'Oui'],
  ['non', 'Non'],
];
const girOptions: [string, string][] = [
  ...[1, 2, 3, 4, 5, 6].map((g): [string, string] => [String(g), `GIR ${g}`]),
  ['aucun', 'Pas encore évalué'],
];

/** One field of the registry, drawn by its control; `alone` when it is the only field of its page. */
function RegistryField({
  form,
  alone,
  values,
  errors,
}: {
  form: FormSpec;
  alone: boolean;
  values: FormValues;
  errors: FieldError[];
}) {
  const control = form.control;
  switch (control.kind) {
    case 'money':
      return <Money name={form.key} label={alone ? 'Montant' : form.label} values={values} errors={errors} />;
    case 'birth-date':
      return (
        <Input
          name={form.key}
          label={form.label}
          hint="Format : jj/mm/aaaa"
          type="date"
          values={values}
          errors={errors}
          autoComplete={form.key === 'birthDate' ? 'bday' : undefined}
        />
      );
    case 'percent':
      return (
        <Input
          name={form.key}
          label={form.label}
          hint="Un nombre de 0 à 100"
          inputMode="numeric"
          values={values}
          errors={errors}
        />
      );
    case 'yes-no':
      return (
        <Radios
          name={form.key}
          legend={alone ? 'Votre réponse' : form.label}
          options={yesNo}
          values={values}
          errors={errors}
          inline
        />
      );
    case 'choice':
      return (
        <Radios
          name={form.key}
          legend={form.label}
          options={control.options.map(([v, l]): [string, string] => [v, l])}
          values={values}
          errors={errors}
        />
      );
    case 'gir':
      return (
        <Radios name={form.key} legend={form.label} options={girOptions} values={values} errors={errors} />
      );
    case 'count':
      return (
        <Input
          name={form.key}
          label={form.label}
          hint={`Un nombre entier de ${control.min} à ${control.max} (${control.unit})`}
          inputMode="numeric"
          values={values}
          errors={errors}
        />
      );
  }
}

/**
 * One row per child listed (named by its birth date); on the one-page form, where the children are typed on the
 * same page, one row per line of the children's list.
 */
function ChildDisabilityRows({ values, errors }: { values: FormValues; errors: FieldError[] }) {
  const dates = questions.children.fields.map((name) => value(values, name)).filter(Boolean);
  const rows = dates.length > 0 ? dates : questions.children.fields.map(() => '');
  return (
    <>
      {rows.map((date, i) => {
        const child = date ? `l’enfant né le ${frenchDay(date)}` : `l’enfant ${i + 1}`;
        return (
          <div class="fr-mb-2w" data-child-row={i + 1}>
            <Input
              name={`childRate${i + 1}`}
              label={`Taux d’incapacité de ${child}, en pourcentage`}
              hint="Un nombre de 0 à 100 (0 s’il n’a pas de handicap)"
              inputMode="numeric"
              values={values}
              errors={errors}
            />
            <Radios
              name={`childCare${i + 1}`}
              legend={`Seulement pour un taux de 50 à 79 % : ${child} va-t-il dans un établissement ou un service adapté, ou la MDPH a-t-elle préconisé des soins ou un accompagnement ?`}
              options={yesNo}
              values={values}
              errors={errors}
              inline
            />
          </div>
        );
      })}
    </>
  );
}

function Inner({ event, question, values, errors, communes }: FieldsProps) {
  const def = questions[question];
  // The pages about the children are drawn below (one amount for every child, or one row per child).
  if (def.inputs.length > 0 && !isChildPage(question))
    return (
      <>
        {def.inputs.map((input) => (
          <RegistryField form={input.form} alone={def.inputs.length === 1} values={values} errors={errors} />
        ))}
      </>
    );
  switch (question) {
    case 'eventDate':
      return (
        <Input
          name="eventDate"
          label="Date"
          hint="Format : jj/mm/aaaa"
          type="date"
          values={values}
          errors={errors}
        />
      );
    case 'commune': {
      const error = errorOf(errors, 'commune');
      return (
        <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
          <label class="fr-label" for="commune">
            Commune
          </label>
          <select
            class={`fr-select${error ? ' fr-select--error' : ''}`}
            id="commune"
            name="commune"
            aria-describedby={error ? 'commune-error' : undefined}
          >
            <option value="">Choisissez votre commune</option>
            {communes.map((c) => (
              <option value={c.inseeCode} selected={c.inseeCode === value(values, 'commune')}>
                {c.name} ({c.postalCodes.join(', ')})
              </option>
            ))}
          </select>
          {error && (
            <p id="commune-error" class="fr-error-text">
              {error}
            </p>
          )}
        </div>
      );
    }
    case 'children':
      return (
        <>
          {questions.children.fields.map((name, i) => (
            <Input
              name={name}
              label={`Date de naissance de l’enfant ${i + 1}`}
              hint="Format : jj/mm/aaaa"
              type="date"
              values={values}
              errors={errors}
            />
          ))}
          {event.benefits.includes('aeeh') && (
            <div class="fr-checkbox-group fr-mt-2w">
              <input
                type="checkbox"
                id="childDisabled"
                name="childDisabled"
                value="oui"
                checked={value(values, 'childDisabled') === 'oui'}
              />
              <label class="fr-label" for="childDisabled">
                Un de ces enfants a un handicap reconnu par la MDPH, ou une demande est en cours
                <span class="fr-hint-text">
                  Cochez pour que nous estimions l’allocation d’éducation de l’enfant handicapé (AEEH).
                </span>
              </label>
            </div>
          )}
        </>
      );
    case 'childSupport':
      return (
        <Money
          name={def.inputs[0]!.form.key}
          label={def.inputs[0]!.form.label}
          values={values}
          errors={errors}
        />
      );
    case 'childDisability':
      return <ChildDisabilityRows values={values} errors={errors} />;
    case 'salary':
      return <Money name="salary" label="Montant" values={values} errors={errors} />;
    default:
      return null;
  }
}

/**
 * Said under the commune question, after its buttons (so that Tab goes from the list to « Continuer »): what to do
 * when the commune is outside the territory.
 */
export function OutsideTerritory() {
  return (
    <p class="fr-text--sm fr-mt-2w" data-outside-territory>
      Votre commune n’est pas dans la liste ? Ce service couvre pour l’instant les communes des territoires de
      l’expérimentation Carte Blanche. Ailleurs, estimez vos droits avec le simulateur national{' '}
      <a href="https://www.mesdroitssociaux.gouv.fr/" rel="noopener">
        mesdroitssociaux.gouv.fr
      </a>{' '}
      et trouvez vos démarches sur{' '}
      <a href="https://www.service-public.fr/" rel="noopener">
        service-public.fr
      </a>
      .
    </p>
  );
}

/** One question: its title (h1 or legend), its help and its fields. */
export function QuestionFields(props: FieldsProps) {
  const { event, question, titleAsH1 } = props;
  const title = questionTitle(event, question);
  const help = questionHelp(event, question);
  return (
    <fieldset class="fr-fieldset fr-mb-4w" id={`question-${question}`}>
      <legend class="fr-fieldset__legend">
        {titleAsH1 ? <h1 class="fr-h3 fr-mb-1w">{title}</h1> : <h2 class="fr-h5 fr-mb-1w">{title}</h2>}
        <span class="fr-hint-text">{help}</span>
      </legend>
      <div class="fr-fieldset__element">
        <Inner {...props} />
      </div>
    </fieldset>
  );
}

// The fields drawn as radio buttons: their error links to the fieldset, not to an input.
const radioNames = new Set([
  ...Object.values(questions).flatMap((q) =>
    q.inputs.filter((i) => isRadioControl(i.form.control)).map((i) => i.form.key),
  ),
  ...questions.childDisability.fields.filter((f) => f.startsWith('childCare')),
]);

/** The list of errors at the top of a form, each linking to its field. */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
      <h2 class="fr-alert__title">
        {errors.length === 1 ? 'Une réponse est à corriger' : `${errors.length} réponses sont à corriger`}
      </h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${radioNames.has(e.field) ? `${e.field}-fieldset` : e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
