// Hardening of every route: JSON bodies are limited in size and nesting before they are parsed (a megabyte of
// nested brackets stalled the whole server for a second per request, on any POST route), and the text of every
// parsed body and query string is cleaned of bidirectional overrides (platform/text.ts).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import { cleanStrings } from '../text.ts';

/** The largest JSON body: an estimation or a plan is one or two kilobytes. */
export const maxJsonBytes = 64 * 1024;
/** The deepest JSON nesting accepted: the public API's bodies are four levels deep. */
export const maxJsonDepth = 16;

/** The deepest nesting of a JSON text, counted without parsing it (brackets inside strings do not count). */
export function jsonDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAt) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

async function hardeningPlugin(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: maxJsonBytes },
    (request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (jsonDepth(text, maxJsonDepth) > maxJsonDepth) {
        done(
          new AppError('validation', `Le JSON envoyé est trop imbriqué : ${maxJsonDepth} niveaux au plus.`, [
            { field: '(corps)', message: `${maxJsonDepth} niveaux d’imbrication au plus.` },
          ]),
          undefined,
        );
        return;
      }
      parseJson(request, text, done);
    },
  );
  app.addHook('preValidation', async (request) => {
    if (request.body && typeof request.body === 'object') cleanStrings(request.body);
    if (request.query && typeof request.query === 'object') cleanStrings(request.query);
  });
}

/** The hardening plugin (JSON limits, text cleaning). */
export default fp(hardeningPlugin, { name: 'hardening' });
