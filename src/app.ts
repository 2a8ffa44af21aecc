// build(): config → platform plugins → feature plugins. Tests call build() and app.inject(); server.ts listens.
import { randomUUID } from 'node:crypto';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { Config } from './config.ts';
import type { DatabaseHandle, Db } from './platform/db/database.ts';
import sessions from './platform/auth/session.ts';
import views from './platform/http/views.ts';
import metrics from './platform/http/metrics.ts';
import { securityHeadersPlugin } from './platform/http/security-headers.ts';
import mailer from './platform/mail/mailer.ts';
import sms from './platform/sms/sms.ts';
import jobs from './platform/jobs/plugin.ts';
import { installErrorHandlers, sendFrameworkError } from './platform/http/errors.ts';
import { features } from './features/index.ts';
import { AppError } from './platform/errors.ts';
import { fixedDayClock, systemClock, type Clock } from './platform/clock.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    database: DatabaseHandle;
    /** What today and now are: the system clock, or a fixed day in development and tests (FIXED_TODAY). */
    clock: Clock;
  }
}

export interface BuildOptions {
  config: Config;
  database: DatabaseHandle;
  /** Pino logger options; tests pass false. */
  logger?: boolean | Record<string, unknown>;
}

// Never log personal data: request bodies are not logged, and these headers are redacted.
const redact = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'req.headers["x-csrf-token"]',
];

/**
 * What the logs keep of a request: its route pattern (`/moments-de-vie/reprendre/:token`), never the path itself
 * nor its query string — paths carry tokens (resume links, consent links) and query strings carry magic-link
 * tokens and what people type in search forms. A request that matches no route keeps its path without query,
 * any segment longer than 20 characters masked.
 */
function serializeRequest(request: FastifyRequest) {
  const url = request.routeOptions?.url ?? request.url.split('?')[0]!.replace(/[^/]{21,}/g, '…');
  return { method: request.method, url, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}

/** Fastify's request lines, one per request: no "incoming request", and "request completed" carries the request. */
class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

/** Builds the whole application on an open database. */
export async function build({ config, database, logger }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      logger === false
        ? false
        : {
            level: config.logLevel,
            redact,
            serializers: { req: serializeRequest },
            ...(typeof logger === 'object' ? logger : {}),
          },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    logController: new AccessLog(),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true, useDefaults: true },
    },
    // Return 503 instead of accepting work while draining on SIGTERM.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // A malformed URL (bad percent-encoding, a path parameter too long) gets the same French answer as any
    // other bad input, instead of Fastify's bare English JSON.
    frameworkErrors: (error, request, reply) => sendFrameworkError(request, reply, error),
  });

  app.decorate('config', config);
  app.decorate('db', database.db);
  app.decorate('database', database);
  app.decorate('clock', config.fixedToday ? fixedDayClock(config.fixedToday) : systemClock);
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  installErrorHandlers(app);

  await app.register(securityHeadersPlugin, {
    helmet: {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          ...(config.env === 'production' ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: config.env === 'production',
      crossOriginEmbedderPolicy: false,
    },
  });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  await app.register(rateLimit, {
    global: false,
    // The error is turned into a French problem or page by the central handler.
    errorResponseBuilder: () => new AppError('rate-limited', 'Trop de demandes : réessayez dans une minute.'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sans Couture — API publique',
        version: '1.0.0',
        description:
          'API du service public sans couture : estimation des droits, plans personnalisés, offre du territoire. Les erreurs sont en application/problem+json avec un titre en français.',
      },
      servers: [{ url: config.publicUrl }],
    },
    hideUntagged: false,
  });
  await app.register(sessions, { db: database.db, config });
  await app.register(views, { config });
  await app.register(metrics);
  await app.register(mailer, { config });
  await app.register(sms, { config });
  // Durable jobs (mails, reminders, retention): a platform service every feature may use.
  await app.register(jobs);

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    const ok = await database.ping(2000);
    reply.header('cache-control', 'no-store');
    return reply
      .status(ok ? 200 : 503)
      .send({ status: ok ? 'ok' : 'database-unavailable', database: database.kind });
  });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const feature of features) await app.register(feature.plugin);
  return app;
}
