// How the platform's logs read. Production writes pino's JSON lines, one per event, for the log collector; on a
// developer's terminal (LOG_FORMAT=text, the default outside production) the same events read as plain lines —
// "12:04:05  migrations appliquées (8)", "12:04:09  GET /moments-de-vie 200 (4 ms)" — so that a first start says
// what it is doing instead of printing nothing for a minute.
import { Writable } from 'node:stream';

const levels: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: '',
  40: 'ATTENTION',
  50: 'ERREUR',
  60: 'FATAL',
};
const hidden = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'reqId',
  'req',
  'res',
  'responseTime',
  'err',
]);

/** One JSON log line as a plain line (the message, then its other fields as key=value). */
export function humanLine(json: string): string {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = new Date(Number(event.time) || Date.now()).toLocaleTimeString('fr-FR', {
    timeZone: 'Europe/Paris',
  });
  const level = levels[Number(event.level)] ?? '';
  const req = event.req as { method?: string; url?: string } | undefined;
  const res = event.res as { statusCode?: number } | undefined;
  let text = String(event.msg ?? '');
  if (req && res)
    text = `${req.method} ${req.url} ${res.statusCode} (${Math.round(Number(event.responseTime))} ms)`;
  const extra = Object.entries(event)
    .filter(([key]) => !hidden.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  const err = event.err as { message?: string; stack?: string } | undefined;
  return `${time}  ${level ? `${level} ` : ''}${text}${extra ? `  ${extra}` : ''}${err ? `\n${err.stack ?? err.message}` : ''}`;
}

/** A stream that takes pino's JSON lines and writes them as plain lines to `out`. */
export function humanLogStream(out: NodeJS.WritableStream): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString('utf8');
      let end = pending.indexOf('\n');
      while (end >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        if (line.trim()) out.write(`${humanLine(line)}\n`);
        end = pending.indexOf('\n');
      }
      done();
    },
  });
}
