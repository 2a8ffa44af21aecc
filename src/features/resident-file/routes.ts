// The resident's file feature: "Mes données", the way in (account, FranceConnect), the resident's pages of their
// file, and the agents' pages (mandates, requests, shared files). One multipart parser for the feature's uploads
// (documents of the file, signed mandates).
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { maxFileBytes } from '../../platform/files/files.ts';
import myDataRoutes from './my-data-routes.ts';
import accountRoutes from './account-routes.ts';
import fileRoutes from './file-routes.ts';
import agentRoutes from './agent-routes.ts';

/** Registers the resident's file feature. */
export default async function residentFileRoutes(app: FastifyInstance) {
  await app.register(multipart, {
    limits: { fileSize: maxFileBytes, files: 1, fields: 10, fieldSize: 2000, parts: 12 },
  });
  await app.register(myDataRoutes);
  await app.register(accountRoutes);
  await app.register(fileRoutes);
  await app.register(agentRoutes);
}
