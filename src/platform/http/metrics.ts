// Prometheus metrics at GET /metrics: request counts and durations per route, plus Node's defaults.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError } from '../errors.ts';
import { safeEqual } from '../auth/tokens.ts';

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Whether a request may read the metrics: from this machine, or with the METRICS_TOKEN bearer token.
 * The socket address is used, never request.ip, and a forwarded request is never "local": a reverse proxy
 * on the same host would otherwise open the metrics to the whole Internet.
 */
export function mayReadMetrics(request: FastifyRequest, token: string | undefined): boolean {
  if (isLocalRequest(request)) return true;
  const header = request.headers.authorization ?? '';
  return (
    token !== undefined && header.startsWith('Bearer ') && safeEqual(header.slice('Bearer '.length), token)
  );
}

/** Whether a request comes straight from this machine (loopback socket, no proxy header). */
export function isLocalRequest(request: FastifyRequest): boolean {
  const direct = request.headers['x-forwarded-for'] === undefined && request.headers.forwarded === undefined;
  return direct && loopback.has(request.socket.remoteAddress ?? '');
}

async function metricsPlugin(app: FastifyInstance) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sans_couture_' });
  const requests = new Counter({
    name: 'sans_couture_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'sans_couture_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.decorate('metrics', registry);
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL: no identifier or personal data in labels.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!mayReadMetrics(request, app.config.metricsToken)) {
      throw new AppError(
        'forbidden',
        'Les métriques ne sont lisibles que depuis la machine ou avec le jeton METRICS_TOKEN.',
      );
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry;
  }
}

export default fp(metricsPlugin, { name: 'metrics' });
