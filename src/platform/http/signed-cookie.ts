// A small JSON value kept in a signed cookie of the browser (the navigator's answers, a login in progress): the
// server signs it with SESSION_SECRET, so a tampered or foreign cookie reads as absent; the value is checked by the
// caller's `parse` (a cookie written by an older version may have another shape).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { cookieOptions } from '../auth/session.ts';

export interface SignedJsonCookie<T> {
  /** The value, or null when there is none, its signature is wrong or it does not parse. */
  read(request: FastifyRequest): T | null;
  write(reply: FastifyReply, value: T): void;
  clear(reply: FastifyReply): void;
}

/** A signed cookie holding JSON (base64url, so any text is safe in a cookie), on a path, for an optional lifetime. */
export function signedJsonCookie<T>(
  config: Config,
  name: string,
  options: { path: string; maxAgeSeconds?: number },
  parse: (raw: unknown) => T | null,
): SignedJsonCookie<T> {
  const attributes = { ...cookieOptions(config, options.maxAgeSeconds), path: options.path, signed: true };
  return {
    read(request) {
      const raw = request.cookies[name];
      if (!raw) return null;
      const unsigned = request.unsignCookie(raw);
      if (!unsigned.valid || !unsigned.value) return null;
      try {
        return parse(JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')));
      } catch {
        return null;
      }
    },
    write(reply, value) {
      reply.setCookie(name, Buffer.from(JSON.stringify(value)).toString('base64url'), attributes);
    },
    clear(reply) {
      reply.clearCookie(name, { path: options.path });
    },
  };
}
