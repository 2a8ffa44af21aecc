// Page rendering for routes: `reply.page(<Page/>)` and `request.viewContext()`.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { JSX } from 'preact';
import type { Config } from '../../config.ts';
import type { ViewContext } from '../views/context.ts';
import { renderPage } from '../views/render.ts';

declare module 'fastify' {
  interface FastifyRequest {
    viewContext(): ViewContext;
  }
  interface FastifyReply {
    /** Sends a full HTML page rendered from a TSX element. */
    page(node: JSX.Element): FastifyReply;
  }
}

const require = createRequire(import.meta.url);
const dsfrPackage = require.resolve('@gouvfr/dsfr/package.json');
const dsfrVersion = (require('@gouvfr/dsfr/package.json') as { version: string }).version;
const dsfrDist = path.join(path.dirname(dsfrPackage), 'dist');
/** Versioned URL prefix of the DSFR files: they can be cached for a year. */
export const dsfrBase = `/dsfr/${dsfrVersion}`;
const publicDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../public');

// Only what pages need: no source maps (58 MB), no legacy or per-component bundles.
const servedDsfr =
  /^\/(dsfr\.min\.css|dsfr\.print\.min\.css|dsfr\.module\.min\.js|dsfr\.nomodule\.min\.js|utility\/icons\/icons\.min\.css|(icons|fonts|favicon|artwork)\/[\w/.-]+\.(svg|woff2?|png|ico|webmanifest))$/;

async function viewsPlugin(app: FastifyInstance, opts: { config: Config }) {
  app.decorateRequest('viewContext', function (this: FastifyRequest): ViewContext {
    const u = this.user;
    return {
      user: u
        ? {
            id: u.id,
            displayName: u.displayName,
            role: u.role,
            organisationName: u.organisationName,
            territoryNames: u.territoryNames,
          }
        : null,
      csrfToken: this.csrfToken,
      path: this.url.split('?')[0] ?? '/',
      devMailbox: opts.config.devMailbox,
      dsfrBase,
    };
  });
  app.decorateReply('page', function (this: FastifyReply, node: JSX.Element) {
    return this.type('text/html; charset=utf-8').send(renderPage(node));
  });

  await app.register(fastifyStatic, {
    root: dsfrDist,
    prefix: dsfrBase + '/',
    decorateReply: false,
    index: false,
    immutable: true,
    maxAge: '365d',
    allowedPath: (pathName) => servedDsfr.test(pathName),
  });
  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    maxAge: '1h',
  });
}

export default fp(viewsPlugin, { name: 'views', dependencies: ['sessions'] });
