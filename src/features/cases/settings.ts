// Settings of the cases feature, read once from the environment (documented in docs/operations.md).
import { ConfigError } from '../../config.ts';

export interface CaseSettings {
  /** Working days without an answer before an organisation is reminded (and as many again before its manager is alerted). */
  reminderWorkingDays: number;
  /** Months after closing before the personal data of a case is erased. */
  retentionMonths: number;
}

/** Reads CASE_REMINDER_WORKING_DAYS and CASE_RETENTION_MONTHS; stops the boot when invalid. */
export function readCaseSettings(env: NodeJS.ProcessEnv = process.env): CaseSettings {
  const read = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name];
    if (raw == null || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new ConfigError(`${name} doit être un entier entre ${min} et ${max} (reçu : « ${raw} »)`);
    return value;
  };
  return {
    reminderWorkingDays: read('CASE_REMINDER_WORKING_DAYS', 5, 1, 60),
    retentionMonths: read('CASE_RETENTION_MONTHS', 6, 1, 120),
  };
}

/** The settings when the environment says nothing (the values documented in docs/operations.md). */
export const defaultCaseSettings: CaseSettings = { reminderWorkingDays: 5, retentionMonths: 6 };
