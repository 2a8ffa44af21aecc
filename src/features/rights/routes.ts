// The public estimation API: POST /api/v1/estimations (contract: ../shared/contracts/public-api.md).
// Anonymous and rate-limited; nothing about the person is stored or logged (the request body is never logged).
import type { FastifyInstance } from 'fastify';
import { invalid } from '../../platform/errors.ts';
import { estimate } from './estimate.ts';
import { AnswerWriter } from './answer-writer.ts';
import {
  checkRequestMeaning,
  EstimationRequestSchema,
  EstimationResponseSchema,
  type EstimationRequestBody,
} from './schema.ts';
import type { EstimationResponse } from './contract.ts';
import { batchPerTurn } from '../../platform/turn-batch.ts';
import { countEstimation } from '../pilotage/counters.ts';

const writer = new AnswerWriter(1 << 16);

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * The answers of the requests that arrived in one turn of the event loop: all estimated first, one after
 * another while the model is in the processor's cache, then all written (measured ×2 in requests per second
 * under load, see turn-batch.ts). One writer serves every answer: its buffer is reused, not reallocated. The
 * bytes are written from pre-encoded constant parts (the same bytes JSON.stringify gives, see
 * answer-writer.test.ts): 16 KB per answer, two thirds the same for everyone.
 */
function answers(bodies: readonly EstimationRequestBody[]): (Buffer | Error)[] {
  const estimations: (EstimationResponse | Error)[] = bodies.map((body) => {
    try {
      return estimate(body);
    } catch (error) {
      return asError(error);
    }
  });
  return estimations.map((estimation) => {
    if (estimation instanceof Error) return estimation;
    try {
      writer.response(estimation, false);
      // Each answer in a buffer of its own: a client that reads slowly holds its 16 KB, not the whole turn's.
      return writer.take();
    } catch (error) {
      writer.discard(); // the next answer must not start with this one's half
      return asError(error);
    }
  });
}

/** Registers the rights routes. */
export default async function rightsRoutes(app: FastifyInstance) {
  const answerOf = batchPerTurn(answers);
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
