// The public estimation API: POST /api/v1/estimations (contract: ../shared/contracts/public-api.md).
// Anonymous and rate-limited; nothing about the person is stored or logged (the request body is never logged).
import type { FastifyInstance } from 'fastify';
import { invalid } from '../../platform/errors.ts';
import { estimate } from './estimate.ts';
import { answerTurn } from './answers/turn-answers.ts';
import {
  checkRequestMeaning,
  EstimationRequestSchema,
  EstimationResponseSchema,
  type EstimationRequestBody,
} from './schema.ts';
import { batchPerTurn } from '../../platform/turn-batch.ts';
import { countEstimation } from '../pilotage/counters.ts';

/** Registers the rights routes. */
export default async function rightsRoutes(app: FastifyInstance) {
  // The requests of one event-loop turn are estimated together, then written (answers/turn-answers.ts).
  const answerOf = batchPerTurn(answerTurn);
  // Build the engines and compile the model before the first request, not during it.
  estimate({ month: '2025-05', household: { members: [{ role: 'applicant' }] } });

  app.post<{ Body: EstimationRequestBody }>(
    '/api/v1/estimations',
    {
      config: { rateLimit: { max: app.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } },
      schema: {
        summary: 'Estimer les droits d’un foyer pour un mois',
        description:
          'Estime, pour le mois demandé, les aides auxquelles le foyer peut prétendre, leur montant, pourquoi et auprès de qui. Une réponse manquante n’est pas une erreur : l’aide concernée a eligible null et la question à poser. Rien n’est conservé.',
        tags: ['droits'],
        body: EstimationRequestSchema,
        response: { 200: EstimationResponseSchema },
      },
    },
    async (request, reply) => {
      const errors = checkRequestMeaning(request.body);
      if (errors.length > 0) throw invalid(errors, 'La demande contient des valeurs impossibles.');
      const bytes = await answerOf(request.body);
      countEstimation(app, request.body.commune); // an anonymous aggregate (month, commune), for the pilotage
      return reply.header('cache-control', 'no-store').type('application/json; charset=utf-8').send(bytes);
    },
  );
}
