// The schemas of the public plan API (POST /api/v1/plans): the request is an estimation's plus the moment of life
// and its date; the answer reuses the estimation's benefit and missing-field schemas (rights/schema.ts).
import { Type } from '@sinclair/typebox';
import type { EstimationRequest } from '../rights/contract.ts';
import { EstimationRequestSchema, EstimationResponseSchema, SourceSchema } from '../rights/schema.ts';
import { lifeEventIds, type LifeEventId } from './life-events.ts';

const isoDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'AAAA-MM-JJ',
  examples: ['2026-06-01'],
});
/** The body of POST /api/v1/plans: an estimation's, plus the moment of life and its date. */
export const PlanRequestSchema = Type.Object(
  {
    ...EstimationRequestSchema.properties,
    lifeEvent: Type.Union(
      lifeEventIds.map((id) => Type.Literal(id)),
      { description: 'Moment de vie' },
    ),
    eventDate: {
      ...isoDate,
      description: 'Date de l’événement (naissance, décès, déménagement…), AAAA-MM-JJ',
    },
  },
  { additionalProperties: false },
);
/** The plan request's type: the estimation's (derived from the registry of household inputs), plus the event. */
export type PlanRequest = EstimationRequest & { lifeEvent: LifeEventId; eventDate: string };

/** The answer of POST /api/v1/plans: an estimation's benefits and missing fields, then the procedures. */
export const PlanResponseSchema = Type.Object({
  month: Type.String(),
  lifeEvent: Type.String(),
  eventDate: Type.String(),
  benefits: EstimationResponseSchema.properties.benefits,
  missing: EstimationResponseSchema.properties.missing,
  assumptions: EstimationResponseSchema.properties.assumptions,
  timeline: Type.Array(
    Type.Object({
      month: Type.String({ description: 'Mois estimé, AAAA-MM' }),
      provisional: Type.Boolean({
        description: 'Mois au-delà des barèmes publiés : estimé avec les derniers barèmes connus',
      }),
      benefits: Type.Array(
        Type.Object({
          id: Type.String(),
          eligible: Type.Union([Type.Boolean(), Type.Null()]),
          amount: Type.Union([Type.Number(), Type.Null()]),
        }),
      ),
    }),
    {
      description:
        'Extension du contrat : les aides du moment de vie mois par mois, du mois précédant l’événement (pour une naissance, dès la grossesse) à son troisième mois',
    },
  ),
  procedures: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      organisation: Type.String(),
      deadline: Type.Union([Type.String(), Type.Null()], { description: 'Date limite AAAA-MM-JJ, ou null' }),
      online: Type.Union([Type.String(), Type.Null()], {
        description: 'Adresse du service en ligne, ou null',
      }),
      place: Type.Union([
        Type.Object({
          name: Type.String(),
          address: Type.String(),
          commune: Type.String(),
          openingHours: Type.String(),
        }),
        Type.Null(),
      ]),
      documents: Type.Array(Type.String()),
      sources: Type.Array(SourceSchema),
    }),
  ),
  gathers: Type.Object(
    { procedures: Type.Integer(), organisations: Type.Integer(), counters: Type.Integer() },
    {
      description:
        'Démarches, organismes distincts et guichets distincts que le plan rassemble (indicateur des démarches évitées)',
    },
  ),
  hireCost: Type.Optional(
    Type.Object({
      grossMonthlySalary: Type.Number(),
      employerContributions: Type.Number(),
      totalCost: Type.Number(),
      netSalary: Type.Number(),
    }),
  ),
});
