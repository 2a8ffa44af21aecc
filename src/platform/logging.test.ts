// The plain log lines of a terminal: what a first start says, a request, an error.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { humanLine, humanLogStream } from './logging.ts';
import { ConfigError, loadConfig } from '../config.ts';

describe('plain log lines', () => {
  it('says the message, the request, the level when it is not information, and the other fields', () => {
    expect(humanLine(JSON.stringify({ level: 30, time: 0, msg: 'base de données prête (2,1 s)' }))).toMatch(
      /^\d\d:\d\d:\d\d {2}base de données prête \(2,1 s\)$/,
    );
    expect(
      humanLine(
        JSON.stringify({
          level: 30,
          time: 0,
          msg: 'request completed',
          req: { method: 'GET', url: '/lieux' },
          res: { statusCode: 200 },
          responseTime: 3.4,
        }),
      ),
    ).toMatch(/GET \/lieux 200 \(3 ms\)$/);
    expect(humanLine(JSON.stringify({ level: 50, time: 0, msg: 'échec', job: 'mail' }))).toMatch(
      /ERREUR échec {2}job=mail$/,
    );
    expect(humanLine('not json')).toBe('not json');
  });

  it('turns a pino logger’s lines into plain lines, and the format is checked at start', async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString()));
    const log = pino({ level: 'info' }, humanLogStream(out));
    log.info('migrations appliquées');
    await new Promise((r) => setTimeout(r, 20));
    expect(chunks.join('')).toMatch(/ {2}migrations appliquées\n$/);
    expect(loadConfig({ NODE_ENV: 'development' }).logFormat).toBe('text');
    expect(
      loadConfig({
        NODE_ENV: 'production',
        SESSION_SECRET: 'x'.repeat(40),
        FILES_KEY: Buffer.alloc(32, 1).toString('base64'),
      }).logFormat,
    ).toBe('json');
    expect(() => loadConfig({ NODE_ENV: 'test', LOG_FORMAT: 'yaml' })).toThrow(ConfigError);
  });
});
