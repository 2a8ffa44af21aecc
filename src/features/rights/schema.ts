// The request schema of an estimation (TypeBox, so the API, the OpenAPI document and the batch share it),
// and the checks JSON Schema cannot say: real calendar dates, one applicant, months the parameters cover.
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FieldError } from '../../platform/errors.ts';
import type { EstimationRequest } from './contract.ts';

const money = (description: string, maximum = 1_000_000) => Type.Number({ minimum: 0, maximum, description });
const isoDate = (description: string) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description, examples: ['1990-04-12'] });

export const MemberSchema = Type.Object(
  {
    role: Type.Union([Type.Literal('applicant'), Type.Literal('partner'), Type.Literal('child')], {
      description: 'applicant (exactement un), partner (au plus un), child (enfants à charge)',
    }),
    birthDate: Type.Optional(isoDate('Date de naissance (AAAA-MM-JJ)')),
    pregnant: Type.Optional(Type.Boolean()),
    monthlyNetEarnings: Type.Optional(
      money('Revenus nets d’activité mensuels moyens des trois derniers mois, en euros'),
    ),
    monthlyReplacementIncome: Type.Optional(
      money('Allocations chômage, pensions, indemnités journalières, par mois, en euros'),
    ),
    disabilityRate: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1, description: 'Taux d’incapacité reconnu par la MDPH, de 0 à 1' }),
    ),
    gir: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1, maximum: 6 }), Type.Null()], {
        description: 'GIR de 1 à 6, ou null',
      }),
    ),
    student: Type.Optional(Type.Boolean()),
    employmentRestriction: Type.Optional(
      Type.Boolean({
        description:
          'La CDAPH a reconnu une restriction substantielle et durable d’accès à l’emploi (AAH avec un taux de 50 à 79 % ; extension du contrat)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const EstimationRequestSchema = Type.Object(
  {
    month: Type.String({
      pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
      description: 'Mois estimé (AAAA-MM)',
      examples: ['2026-05'],
    }),
    commune: Type.Optional(
      Type.String({
        pattern: '^(\\d{5}|2[AB]\\d{3})$',
        description: 'Code INSEE de la commune de résidence',
      }),
    ),
    household: Type.Object(
      {
        couple: Type.Optional(Type.Boolean({ description: 'Vit en couple (mariage, Pacs ou concubinage)' })),
        // 20 people is already far beyond any real household; more is an input error, not a family.
        members: Type.Array(MemberSchema, { minItems: 1, maxItems: 20 }),
        housing: Type.Optional(
          Type.Object(
            {
              status: Type.Optional(
                Type.Union([
                  Type.Literal('tenant'),
                  Type.Literal('owner'),
                  Type.Literal('hosted-free'),
                  Type.Literal('homeless'),
                ]),
              ),
              monthlyRent: Type.Optional(money('Loyer mensuel, en euros', 100_000)),
            },
            { additionalProperties: false },
          ),
        ),
        monthlyHousingAid: Type.Optional(money('Aide au logement perçue par mois, en euros', 100_000)),
        annualResources: Type.Optional(
          money('Ressources imposables du foyer de l’année N-2, en euros', 100_000_000),
        ),
        referenceTaxIncome: Type.Optional(
          money('Revenu fiscal de référence du foyer, en euros', 100_000_000),
        ),
      },
      { additionalProperties: false },
    ),
    business: Type.Optional(
      Type.Object(
        {
          activity: Type.Optional(
            Type.Union([Type.Literal('sale'), Type.Literal('services'), Type.Literal('liberal')]),
          ),
          annualTurnover: Type.Optional(money('Chiffre d’affaires annuel prévu, en euros', 100_000_000)),
          creationDate: Type.Optional(isoDate('Date de création (AAAA-MM-JJ)')),
          acre: Type.Optional(Type.Boolean({ description: 'ACRE demandée' })),
          acreGroup: Type.Optional(
            Type.Boolean({
              description:
                'Le demandeur fait partie d’un public ouvrant droit à l’ACRE autre que les 18-25 ans : demandeur d’emploi, bénéficiaire du RSA, de l’ASS ou de la PreParE, personne handicapée de moins de 30 ans, contrat Cape, salarié reprenant son entreprise en difficulté, création en quartier prioritaire ou (depuis 2026) en zone France ruralités revitalisation (extension du contrat)',
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type EstimationRequestBody = Static<typeof EstimationRequestSchema>;

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
  // A partner listed with `couple: false` is accepted (the contract's own example does it): `couple` decides,
  // and the partner's answers are then not counted.
  const creation = request.business?.creationDate;
  if (creation !== undefined && !isRealDate(creation))
    errors.push({ field: 'business.creationDate', message: 'Cette date n’existe pas' });
  return errors;
}

const compiledSchema = TypeCompiler.Compile(EstimationRequestSchema);

function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

/**
 * Validates an untrusted value (a batch line) like the API does: the schema first, then the meaning.
 * Returns the request, or the field errors in French.
 */
export function validateEstimationRequest(
  value: unknown,
): { request: EstimationRequest } | { errors: FieldError[] } {
  if (!compiledSchema.Check(value)) {
    const seen = new Set<string>();
    const errors: FieldError[] = [];
    for (const error of compiledSchema.Errors(value)) {
      let field = pointerToField(error.path);
      // An unknown property is reported on its parent by TypeBox: name the property itself.
      const unknown =
        error.schema.additionalProperties === false && error.value && typeof error.value === 'object'
          ? Object.keys(error.value as object).filter(
              (k) => !(k in ((error.schema as { properties?: object }).properties ?? {})),
            )
          : [];
      if (unknown.length > 0) {
        for (const key of unknown) {
          const f = field ? `${field}.${key}` : key;
          if (!seen.has(f)) errors.push({ field: f, message: 'Champ inconnu' });
          seen.add(f);
        }
        continue;
      }
      field ||= '(corps)';
      if (seen.has(field)) continue;
      seen.add(field);
      errors.push({
        field,
        message: error.value === undefined ? 'Ce champ est obligatoire' : 'Valeur invalide',
      });
    }
    return { errors };
  }
  const errors = checkRequestMeaning(value);
  return errors.length > 0 ? { errors } : { request: value };
}

const SourceSchema = Type.Object({ title: Type.String(), url: Type.String() });

export const BenefitResultSchema = Type.Object({
  id: Type.String({ description: 'Identifiant de l’aide (rsa, prime-activite, allocations-familiales…)' }),
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
});
