import type { FastifyInstance } from 'fastify';
import type { BookingDeps } from './book-appointment.ts';

/** Registers the resident's booking pages. */
export function registerBookingPages(_app: FastifyInstance, _deps: () => Omit<BookingDeps, 'requestId'>) {}
