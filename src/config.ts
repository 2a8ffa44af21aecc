// The typed environment. It fails fast at boot and is never logged: `describeConfig` gives a safe summary.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseDate } from './platform/dates.ts';

export type Environment = 'development' | 'test' | 'production';

export interface Config {
  env: Environment;
  host: string;
  port: number;
  /** Public base URL used in mails and OIDC redirects, without trailing slash. */
  publicUrl: string;
  /** postgres://… for a real server; undefined selects the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** Folder of the embedded database and of local files. */
  dataDir: string;
  /** Secret used to sign cookies and derive CSRF tokens. */
  sessionSecret: string;
  /** Key (32 bytes, base64) used to encrypt attachments at rest. */
  filesKey: Buffer;
  sessionTtlHours: number;
  smtp: { host: string; port: number; secure: boolean; user?: string; password?: string; from: string };
  /** Start a local SMTP server that stores mails (development and tests only). */
  devMailbox: boolean;
  oidc?: { issuer: string; clientId: string; clientSecret: string; label: string };
  seedDemo: boolean;
  logLevel: string;
  /** JSON lines for a log collector (production default), or plain lines for a terminal. */
  logFormat: 'json' | 'text';
  rateLimit: { loginPerMinute: number; apiPerMinute: number };
  trustProxy: boolean;
  /** Bearer token that opens GET /metrics to non-loopback clients; undefined keeps it loopback-only. */
  metricsToken: string | undefined;
  /**
   * A fixed "today" (YYYY-MM-DD) for development and tests, so that date-dependent pages can be tried on a chosen
   * day; undefined reads the system clock. Refused in production.
   */
  fixedToday: string | undefined;
  /** The territory's offer: a service not checked for this many months is flagged to its owner. */
  offerFreshnessMonths: number;
  appointments: {
    /** Hours before an appointment when its reminder is sent (mail, and SMS when the person gave a phone). */
    reminderHours: number;
    /** Days after an appointment when the person's name and contacts are erased (who, when, where, outcome stay). */
    retentionDays: number;
    /** Public bookings per minute and address (POST /api/v1/appointments and the booking form). */
    bookingsPerMinute: number;
  };
}

export class ConfigError extends Error {}

function readInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = 65535): number {
  const raw = env[name];
  if (raw == null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} doit être un entier entre ${min} et ${max} (reçu : « ${raw} »)`);
  }
  return value;
}

function readBool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw == null || raw === '') return fallback;
  if (['1', 'true', 'yes', 'oui'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'non'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} doit valoir true ou false (reçu : « ${raw} »)`);
}

function readChoice<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw == null || raw === '') return fallback;
  if (!(choices as readonly string[]).includes(raw))
    throw new ConfigError(`${name} doit valoir ${choices.join(' ou ')} (reçu : « ${raw} »)`);
  return raw as T;
}

/** Reads and validates the environment; throws a ConfigError with a French message when invalid. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'test', 'production'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV doit valoir development, test ou production (reçu : « ${nodeEnv} »)`);
  }
  const mode = nodeEnv as Environment;
  const production = mode === 'production';
  const port = readInt(env, 'PORT', 3000);
  const host = env.HOST || '127.0.0.1';

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL doit commencer par postgres:// ou postgresql://');
  }

  let sessionSecret = env.SESSION_SECRET;
  if (!sessionSecret) {
    if (production)
      throw new ConfigError('SESSION_SECRET est obligatoire en production (32 caractères ou plus)');
    // Development and tests: a fresh secret per process is safe (sessions simply do not survive a restart
    // across secret changes, and the session id itself is stored hashed in the database).
    sessionSecret = 'dev-only-' + randomBytes(24).toString('hex');
  } else if (sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET doit compter au moins 32 caractères');
  }

  let filesKey: Buffer;
  if (env.FILES_KEY) {
    filesKey = Buffer.from(env.FILES_KEY, 'base64');
    if (filesKey.length !== 32)
      throw new ConfigError('FILES_KEY doit être une clé de 32 octets encodée en base64');
  } else if (production) {
    throw new ConfigError(
      'FILES_KEY est obligatoire en production (32 octets en base64 : openssl rand -base64 32)',
    );
  } else {
    // A fixed development key keeps local attachments readable across restarts; never used in production.
    filesKey = Buffer.alloc(32, 7);
  }

  const publicUrl = (env.PUBLIC_URL || `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`).replace(
    /\/$/,
    '',
  );

  const oidcIssuer = env.OIDC_ISSUER;
  let oidc: Config['oidc'];
  if (oidcIssuer) {
    if (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) {
      throw new ConfigError('OIDC_ISSUER demande aussi OIDC_CLIENT_ID et OIDC_CLIENT_SECRET');
    }
    oidc = {
      issuer: oidcIssuer,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      label: env.OIDC_LABEL || 'ProConnect',
    };
  }

  const fixedToday = env.FIXED_TODAY || undefined;
  if (fixedToday) {
    if (production) throw new ConfigError('FIXED_TODAY ne peut pas être utilisé en production');
    if (!parseDate(fixedToday))
      throw new ConfigError(`FIXED_TODAY doit être une date AAAA-MM-JJ (reçu : « ${fixedToday} »)`);
  }

  const devMailbox = readBool(env, 'DEV_MAILBOX', !production);
  if (production && devMailbox) throw new ConfigError('DEV_MAILBOX ne peut pas être activé en production');

  return {
    env: mode,
    host,
    port,
    publicUrl,
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || './.data'),
    sessionSecret,
    filesKey,
    sessionTtlHours: readInt(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 30),
    smtp: {
      host: env.SMTP_HOST || '127.0.0.1',
      port: readInt(env, 'SMTP_PORT', 2525),
      secure: readBool(env, 'SMTP_SECURE', false),
      user: env.SMTP_USER || undefined,
      password: env.SMTP_PASSWORD || undefined,
      from: env.MAIL_FROM || 'Sans Couture <ne-pas-repondre@sans-couture.localhost>',
    },
    devMailbox,
    oidc,
    seedDemo: readBool(env, 'SEED_DEMO', !production),
    logLevel: env.LOG_LEVEL || (mode === 'test' ? 'silent' : 'info'),
    logFormat: readChoice(env, 'LOG_FORMAT', ['json', 'text'], production ? 'json' : 'text'),
    rateLimit: {
      loginPerMinute: readInt(env, 'RATE_LIMIT_LOGIN_PER_MINUTE', 10, 1, 100000),
      apiPerMinute: readInt(env, 'RATE_LIMIT_API_PER_MINUTE', 600, 1, 10000000),
    },
    trustProxy: readBool(env, 'TRUST_PROXY', false),
    metricsToken: env.METRICS_TOKEN || undefined,
    fixedToday,
    offerFreshnessMonths: readInt(env, 'OFFER_FRESHNESS_MONTHS', 6, 1, 60),
    appointments: {
      reminderHours: readInt(env, 'APPOINTMENT_REMINDER_HOURS', 48, 1, 24 * 14),
      retentionDays: readInt(env, 'APPOINTMENT_RETENTION_DAYS', 90, 1, 3650),
      bookingsPerMinute: readInt(env, 'RATE_LIMIT_BOOKING_PER_MINUTE', 20, 1, 100000),
    },
  };
}

/** A summary of the configuration that is safe to log: no secret, no credentials. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    env: config.env,
    listen: `${config.host}:${config.port}`,
    database: config.databaseUrl ? 'postgresql' : `pglite (${config.dataDir})`,
    smtp: `${config.smtp.host}:${config.smtp.port}`,
    devMailbox: config.devMailbox,
    oidc: config.oidc ? config.oidc.issuer : 'off',
    ...(config.fixedToday ? { fixedToday: config.fixedToday } : {}),
  };
}
