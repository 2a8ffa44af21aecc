// The one error handler: French HTML pages for people, application/problem+json for the API.
// A user's mistake is never a 500; a 500 never shows internals.
import { fieldErrorsFromIssues, type AjvIssue } from '../validation.ts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, problemBody, type FieldError } from '../errors.ts';
import { ErrorPage } from '../views/error-page.tsx';
import { renderPage } from '../views/render.ts';
import type { ViewContext } from '../views/context.ts';
import { dsfrBase } from './views.ts';

/** Whether the answer should be problem+json rather than a page. */
export function wantsProblemJson(request: FastifyRequest): boolean {
  return (
    request.url.startsWith('/api/') || request.headers.accept?.includes('application/problem+json') === true
  );
}

/** French field errors from a Fastify/Ajv validation error. */
export function fieldErrorsFromValidation(error: FastifyError): FieldError[] {
  return fieldErrorsFromIssues((error.validation ?? []) as AjvIssue[]);
}

/** Maps any thrown value to an AppError that is safe to show. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as FastifyError & { code?: string; statusCode?: number };
  if (e?.validation) return new AppError('validation', undefined, fieldErrorsFromValidation(e));
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
      return new AppError('payload-too-large', 'L’envoi dépasse la taille autorisée.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported-media-type', 'Ce type de contenu n’est pas accepté.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('validation', 'Le corps de la demande n’est pas un JSON valide.');
  }
  if (e instanceof SyntaxError && e.statusCode === 400) {
    return new AppError('validation', 'Le corps de la demande n’est pas un JSON valide.');
  }
  if (e?.statusCode === 429)
    return new AppError('rate-limited', 'Trop de demandes : réessayez dans une minute.');
  if (e?.statusCode === 413) return new AppError('payload-too-large', 'L’envoi dépasse la taille autorisée.');
  if (e?.statusCode === 415)
    return new AppError('unsupported-media-type', 'Ce type de contenu n’est pas accepté.');
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError('validation', 'La demande est mal formée.');
  }
  // SQLSTATE class 22 (data exception: a NUL character, a number out of range, an impossible date…) comes
  // from what the user sent, never from the platform: a 400, not a 500.
  if (typeof e?.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code)) {
    return new AppError(
      'validation',
      'La demande contient une valeur invalide (caractère interdit, nombre ou date hors limites).',
    );
  }
  if (isDatabaseDown(e)) {
    return new AppError(
      'service-unavailable',
      'La base de données ne répond pas. Réessayez dans quelques instants.',
    );
  }
  return new AppError(
    'internal',
    'Une erreur inattendue est survenue. L’équipe a été prévenue ; réessayez plus tard.',
  );
}

function isDatabaseDown(e: { code?: string; message?: string } | undefined): boolean {
  const code = e?.code ?? '';
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      '57P01',
      '57P03',
      '08006',
      '08001',
      '08003',
    ].includes(code) ||
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      e?.message ?? '',
    )
  );
}

/** Sends an AppError as a page or as problem+json. */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  reply.status(error.status);
  if (error.code === 'rate-limited') reply.header('retry-after', '60');
  if (wantsProblemJson(request)) {
    return reply
      .type('application/problem+json; charset=utf-8')
      .send(problemBody(error, request.url.split('?')[0]));
  }
  return reply.page(h(ErrorPage, { error, ctx: request.viewContext() }));
}

/**
 * Answers an error Fastify raises before routing (a malformed URL, a path parameter too long): no hook has
 * run, so the page is rendered with an anonymous view context.
 */
export function sendFrameworkError(request: FastifyRequest, reply: FastifyReply, error: unknown): void {
  const appError = toAppError(error);
  reply.status(appError.status);
  if (wantsProblemJson(request)) {
    reply
      .type('application/problem+json; charset=utf-8')
      .send(problemBody(appError, request.url.split('?')[0]));
    return;
  }
  const ctx: ViewContext = { user: null, csrfToken: '', path: '/', devMailbox: false, dsfrBase };
  reply.type('text/html; charset=utf-8').send(renderPage(h(ErrorPage, { error: appError, ctx })));
}

/** Installs the error and not-found handlers on the root instance. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code, status: appError.status }, 'request refused');
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, new AppError('not-found', 'La page demandée n’existe pas ou a été déplacée.')),
  );
}
