// The request schema of an estimation (TypeBox, so the API, the OpenAPI document and the batch share it),
// and the checks JSON Schema cannot say: real calendar dates, one applicant, months the parameters cover.
import { Type, type TSchema } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import type { FieldError } from '../../platform/errors.ts';
import { fieldErrorsFromIssues } from '../../platform/validation.ts';
import type { EstimationRequest } from './contract.ts';
import { inputDefinitions, memberSchemas, schemasUnder } from './household-inputs.ts';
import { benefits } from './benefits/registry.ts';

const household = schemasUnder('household');
const { couple, ...householdRest } = household;

export const MemberSchema = Type.Object(
  {
    role: Type.Union([Type.Literal('applicant'), Type.Literal('partner'), Type.Literal('child')], {
      description: 'applicant (exactement un), partner (au plus un), child (enfants à charge)',
    }),
    ...memberSchemas(),
  },
  { additionalProperties: false },
);

/** The request of an estimation: the month, then the household inputs of household-inputs.ts, in their order. */
export const EstimationRequestSchema = Type.Object(
  {
    month: Type.String({
      pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
      description: 'Mois estimé (AAAA-MM)',
      examples: ['2026-05'],
    }),
    ...schemasUnderRoot(),
    household: Type.Object(
      {
        couple: couple!,
        // 20 people is already far beyond any real household; more is an input error, not a family.
        members: Type.Array(MemberSchema, { minItems: 1, maxItems: 20 }),
        ...householdRest,
      },
      { additionalProperties: false },
    ),
    business: Type.Optional(Type.Object(schemasUnder('business'), { additionalProperties: false })),
  },
  { additionalProperties: false },
);

/** The inputs at the request's root (the commune). */
function schemasUnderRoot(): Record<string, TSchema> {
  const out: Record<string, TSchema> = {};
  for (const input of inputDefinitions) {
    if ('path' in input.slot && !input.slot.path.includes('.'))
      out[input.slot.path] = Type.Optional(input.schema);
  }
  return out;
}

/** The body of an estimation: the request type derived from the registry (contract.ts). */
export type EstimationRequestBody = EstimationRequest;

/** The months the dated parameters cover (April 2024 to the month before the April 2027 revaluation). */
export const coveredMonths = { from: '2024-04', to: '2027-03' } as const;

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether a YYYY-MM-DD text (shape already checked by the schema) is a day of the calendar, from 1900. */
export function isRealDate(value: string): boolean {
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  if (!(y >= 1900) || !(m >= 1 && m <= 12) || !(d >= 1)) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : (daysInMonth[m - 1] as number));
}

/** The errors JSON Schema cannot find; an empty list when the request makes sense. */
export function checkRequestMeaning(request: EstimationRequest): FieldError[] {
  const errors: FieldError[] = [];
  if (request.month < coveredMonths.from || request.month > coveredMonths.to) {
    errors.push({
      field: 'month',
      message: `Le mois doit être compris entre ${coveredMonths.from} et ${coveredMonths.to} (période couverte par les barèmes)`,
    });
  }
  const endOfMonth = `${request.month}-31`;
  const members = request.household.members;
  members.forEach((member, i) => {
    if (member.birthDate !== undefined) {
      if (!isRealDate(member.birthDate))
        errors.push({ field: `household.members[${i}].birthDate`, message: 'Cette date n’existe pas' });
      else if (member.birthDate > endOfMonth) {
        errors.push({
          field: `household.members[${i}].birthDate`,
          message: 'La date de naissance est postérieure au mois estimé',
        });
      }
    }
  });
  const applicants = members.filter((m) => m.role === 'applicant').length;
  if (applicants !== 1)
    errors.push({
      field: 'household.members',
      message: 'Le foyer doit compter exactement un demandeur (role « applicant »)',
    });
  if (members.filter((m) => m.role === 'partner').length > 1) {
    errors.push({
      field: 'household.members',
      message: 'Le foyer compte au plus un conjoint (role « partner »)',
    });
  }
  checkHousing(request, errors);
  members.forEach((member, i) => checkPreviousJob(member, i, errors));
  // A partner listed with `couple: false` is accepted (the contract's own example does it): `couple` decides,
  // and the partner's answers are then not counted.
  errors.push(...deceasedErrors(request, endOfMonth));
  const creation = request.business?.creationDate;
  if (creation !== undefined && !isRealDate(creation))
    errors.push({ field: 'business.creationDate', message: 'Cette date n’existe pas' });
  return errors;
}

/** Above this a monthly rent is an input error (the questionnaire stops at the same amount). */
export const maximumMonthlyRent = 10_000;

/**
 * A tenant's rent must be a real rent; charges are part of it. Also what the questionnaire checks on its housing
 * pages (navigator/questions.ts), so the messages speak to a resident as well as to a developer.
 */
export function checkHousingMeaning(request: Pick<EstimationRequest, 'household'>): FieldError[] {
  const errors: FieldError[] = [];
  checkHousing(request, errors);
  return errors;
}

function checkHousing(request: Pick<EstimationRequest, 'household'>, errors: FieldError[]): void {
  const housing = request.household.housing;
  if (!housing) return;
  const rent = housing.monthlyRent;
  if (housing.status === 'tenant' && rent === 0) {
    errors.push({
      field: 'household.housing.monthlyRent',
      message:
        'Un locataire paie un loyer : indiquez son montant ou, si vous ne payez rien, choisissez « hébergé gratuitement »',
    });
  }
  if (rent !== undefined && rent > maximumMonthlyRent) {
    errors.push({
      field: 'household.housing.monthlyRent',
      message: `Le loyer mensuel ne peut pas dépasser ${maximumMonthlyRent} € (montant par mois, pas par an)`,
    });
  }
  if (housing.monthlyCharges !== undefined && rent !== undefined && housing.monthlyCharges > rent) {
    errors.push({
      field: 'household.housing.monthlyCharges',
      message: 'Les charges font partie du loyer indiqué : elles ne peuvent pas le dépasser',
    });
  }
}

/** The ARE needs the previous salary and the months worked together: one without the other is half an answer. */
function checkPreviousJob(
  member: EstimationRequest['household']['members'][number],
  i: number,
  errors: FieldError[],
): void {
  const salary = member.previousGrossMonthlySalary;
  const months = member.monthsWorked;
  if (salary !== undefined && months === undefined) {
    errors.push({
      field: `household.members[${i}].monthsWorked`,
      message: 'Indiquez aussi le nombre de mois travaillés avec le salaire antérieur',
    });
  }
  if (months !== undefined && salary === undefined) {
    errors.push({
      field: `household.members[${i}].previousGrossMonthlySalary`,
      message: 'Indiquez aussi le salaire brut mensuel antérieur avec les mois travaillés',
    });
  }
  if (member.role !== 'applicant' && (salary !== undefined || months !== undefined)) {
    errors.push({
      field: `household.members[${i}].${salary !== undefined ? 'previousGrossMonthlySalary' : 'monthsWorked'}`,
      message: 'L’allocation chômage est estimée pour le demandeur seulement',
    });
  }
}

/** The death date must be a real day, not after the month estimated, and given with a pension. */
function deceasedErrors(request: EstimationRequest, endOfMonth: string): FieldError[] {
  const deceased = request.household.deceased;
  if (!deceased) return [];
  const field = 'household.deceased.deathDate';
  if (deceased.deathDate === undefined) {
    // A pension without its death date would be counted for a death that may not have happened yet.
    return deceased.monthlyBasePension === undefined
      ? []
      : [
          {
            field,
            message: 'Indiquez la date du décès : la pension du défunt ne peut pas être comptée sans elle',
          },
        ];
  }
  if (!isRealDate(deceased.deathDate)) return [{ field, message: 'Cette date n’existe pas' }];
  if (deceased.deathDate > endOfMonth)
    return [{ field, message: 'La date du décès est postérieure au mois estimé' }];
  return [];
}

// The batch validates each line as the API validates a body: the same schema, Ajv with the options of the app's
// routes (src/app.ts), the same French messages (platform/validation.ts).
const ajv = new Ajv({
  coerceTypes: 'array',
  useDefaults: true,
  removeAdditional: false,
  allErrors: true,
  strict: false,
});
const check = ajv.compile(EstimationRequestSchema);

/**
 * Validates an untrusted value (a batch line) like the API does: the schema first, then the meaning.
 * Returns the request, or the field errors in French.
 */
export function validateEstimationRequest(
  value: unknown,
): { request: EstimationRequest } | { errors: FieldError[] } {
  if (!check(value)) return { errors: fieldErrorsFromIssues(check.errors ?? []) };
  // The schema is built from the registry at run time; its type is the one derived from the same registry.
  const request = value as EstimationRequest;
  const errors = checkRequestMeaning(request);
  return errors.length > 0 ? { errors } : { request };
}

export const SourceSchema = Type.Object({ title: Type.String(), url: Type.String() });

export const BenefitResultSchema = Type.Object({
  id: Type.String({
    description: `Identifiant de l’aide : ${benefits.map((b) => b.id).join(', ')}`,
  }),
  label: Type.String(),
  organisation: Type.String({ description: 'Organisme (caf, msa, cpam, urssaf, departement, etat…)' }),
  eligible: Type.Union([Type.Boolean(), Type.Null()], {
    description: 'true, false, ou null quand des réponses manquent',
  }),
  amount: Type.Union([Type.Number(), Type.Null()], {
    description: 'Montant versé (après CRDS), 0 si pas de droit, null si inconnu',
  }),
  frequency: Type.Union([Type.Literal('monthly'), Type.Literal('yearly'), Type.Literal('once')]),
  explanation: Type.String({
    description: 'Détail en français : base, majorations, déductions, ressources comptées',
  }),
  sources: Type.Array(SourceSchema),
  missing: Type.Array(Type.String(), { description: 'Champs encore nécessaires pour cette aide' }),
});

export const EstimationResponseSchema = Type.Object({
  month: Type.String(),
  benefits: Type.Array(BenefitResultSchema),
  missing: Type.Array(Type.Object({ field: Type.String(), question: Type.String() })),
  assumptions: Type.Array(
    Type.Object({
      field: Type.String({ description: 'Champ supposé, par exemple household.members[0].pregnant' }),
      value: Type.Union([Type.Boolean(), Type.Number()], { description: 'Réponse supposée' }),
      statement: Type.String({ description: 'Ce qui a été supposé, et ce qui change sinon, en français' }),
    }),
    {
      description:
        'Extension du contrat : réponses supposées plutôt que de bloquer l’estimation (un fait rare laissé de côté, comme une grossesse ou des études) ; chacune est aussi dite dans l’explication des aides concernées',
    },
  ),
});
