// Settings of the cases feature. They are read from the environment with the rest of the configuration
// (src/config.ts: CASE_REMINDER_WORKING_DAYS, CASE_RETENTION_MONTHS, documented in docs/operations.md).
import type { Config } from '../../config.ts';

export type CaseSettings = Config['cases'];

/** The settings when the environment says nothing (the values documented in docs/operations.md). */
export const defaultCaseSettings: CaseSettings = { reminderWorkingDays: 5, retentionMonths: 6 };
