// The form fields of each question, in DSFR markup, shared by the one-question-per-page questionnaire and the
// one-page form of helpers. A refused answer shows its French message next to the field, with the input kept.
import type { FieldError } from '../../../platform/errors.ts';
import type { LifeEvent } from '../life-events.ts';
import {
  activityOptions,
  housingOptions,
  questions,
  type Answers,
  type FormValues,
  type QuestionId,
} from '../questions.ts';

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

/** The saved answers as form values, to pre-fill the fields. */
export function valuesFromAnswers(answers: Answers): FormValues {
  const text = (n: number | undefined) => (n === undefined ? '' : String(n).replace('.', ','));
  const values: FormValues = {
    eventDate: answers.eventDate ?? '',
    commune: answers.commune ?? '',
    birthDate: answers.birthDate ?? '',
    couple: answers.couple === undefined ? '' : answers.couple ? 'oui' : 'non',
    student: answers.student === undefined ? '' : answers.student ? 'oui' : 'non',
    pregnant: answers.pregnant === undefined ? '' : answers.pregnant ? 'oui' : 'non',
    partnerBirthDate: answers.partnerBirthDate ?? '',
    partnerEarnings: text(answers.partnerEarnings),
    partnerReplacementIncome: text(answers.partnerReplacementIncome),
    earnings: text(answers.earnings),
    replacementIncome: text(answers.replacementIncome),
    housingStatus: answers.housingStatus ?? '',
    monthlyRent: text(answers.monthlyRent),
    housingAid: text(answers.housingAid),
    annualResources: text(answers.annualResources),
    referenceTaxIncome: text(answers.referenceTaxIncome),
    disabilityPercent: text(answers.disabilityPercent),
    gir: answers.gir === undefined ? '' : answers.gir === null ? 'aucun' : String(answers.gir),
    businessActivity: answers.businessActivity ?? '',
    turnover: text(answers.turnover),
    acre: answers.acre === undefined ? '' : answers.acre ? 'oui' : 'non',
    acreGroup: answers.acreGroup === undefined ? '' : answers.acreGroup ? 'oui' : 'non',
    employmentRestriction:
      answers.employmentRestriction === undefined ? '' : answers.employmentRestriction ? 'oui' : 'non',
    salary: text(answers.salary),
  };
  (answers.children ?? []).forEach((date, i) => (values[`child${i + 1}`] = date));
  return values;
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

function Inner({ question, values, errors, communes }: FieldsProps) {
  const yesNo: [string, string][] = [
    ['oui', 'Oui'],
    ['non', 'Non'],
  ];
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
    case 'birthDate':
      return (
        <Input
          name="birthDate"
          label="Votre date de naissance"
          hint="Format : jj/mm/aaaa"
          type="date"
          values={values}
          errors={errors}
          autoComplete="bday"
        />
      );
    case 'couple':
      return (
        <Radios name="couple" legend="Votre réponse" options={yesNo} values={values} errors={errors} inline />
      );
    case 'acre':
    case 'acreGroup':
    case 'employmentRestriction':
    case 'student':
    case 'pregnant':
      return (
        <Radios
          name={question}
          legend="Votre réponse"
          options={yesNo}
          values={values}
          errors={errors}
          inline
        />
      );
    case 'partner':
      return (
        <>
          <Input
            name="partnerBirthDate"
            label="Date de naissance du conjoint (facultatif)"
            hint="Format : jj/mm/aaaa"
            type="date"
            values={values}
            errors={errors}
          />
          <Money
            name="partnerEarnings"
            label="Salaire ou revenu d’activité net du conjoint, par mois"
            values={values}
            errors={errors}
          />
          <Money
            name="partnerReplacementIncome"
            label="Allocations ou pensions du conjoint, par mois"
            values={values}
            errors={errors}
          />
        </>
      );
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
        </>
      );
    case 'housing':
      return (
        <>
          <Radios
            name="housingStatus"
            legend="Vous êtes :"
            options={housingOptions}
            values={values}
            errors={errors}
          />
          <Money
            name="monthlyRent"
            label="Loyer mensuel, charges comprises (si vous êtes locataire)"
            values={values}
            errors={errors}
          />
        </>
      );
    case 'disability':
      return (
        <Input
          name="disabilityPercent"
          label="Taux d’incapacité, en pourcentage"
          hint="Un nombre de 0 à 100"
          inputMode="numeric"
          values={values}
          errors={errors}
        />
      );
    case 'gir': {
      const options: [string, string][] = [
        ...[1, 2, 3, 4, 5, 6].map((g): [string, string] => [String(g), `GIR ${g}`]),
        ['aucun', 'Pas encore évalué'],
      ];
      return <Radios name="gir" legend="Votre GIR" options={options} values={values} errors={errors} />;
    }
    case 'businessActivity':
      return (
        <Radios
          name="businessActivity"
          legend="Type d’activité"
          options={activityOptions}
          values={values}
          errors={errors}
        />
      );
    case 'earnings':
    case 'replacementIncome':
    case 'housingAid':
    case 'annualResources':
    case 'referenceTaxIncome':
    case 'turnover':
    case 'salary':
      return <Money name={question} label="Montant" values={values} errors={errors} />;
    default:
      return null;
  }
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

const radioNames = new Set([
  'couple',
  'acre',
  'acreGroup',
  'employmentRestriction',
  'student',
  'pregnant',
  'housingStatus',
  'gir',
  'businessActivity',
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
