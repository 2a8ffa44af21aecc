import type { FastifyInstance } from 'fastify';
import type { BookingDeps } from './book-appointment.ts';

/** Registers the agents' agenda pages. */
export function registerAgendaPages(_app: FastifyInstance, _deps: () => Omit<BookingDeps, 'requestId'>) {}
