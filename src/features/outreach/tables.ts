// Row types of aller-vers, added to the Database type by module augmentation.
import type { Generated } from 'kysely';
import type { RequiredTimestamp, Timestamp } from '../../platform/db/schema.ts';

export type Outcome = 'contacted' | 'appointment' | 'claim-filed' | 'declined';

export interface OutreachConsentsTable {
  user_id: string;
  territory_id: string;
  sms_phone: string | null;
  given_at: Timestamp;
}

export interface OutreachEstimatesTable {
  user_id: string;
  file_version: number;
  fingerprint: string;
  probable: string[];
  estimated_at: RequiredTimestamp;
}

export interface OutreachRightsTable {
  user_id: string;
  benefit_id: string;
  territory_id: string;
  first_probable_at: RequiredTimestamp;
  probable: Generated<boolean>;
  amount: number | null;
  frequency: string | null;
  notified_at: Timestamp | null;
  outcome: Outcome | null;
  outcome_at: Timestamp | null;
  outcome_by: string | null;
}

export interface OutreachRunsTable {
  id: Generated<number>;
  month: string;
  fingerprint: string;
  started_at: RequiredTimestamp;
  finished_at: Timestamp | null;
  residents: Generated<number>;
  estimated: Generated<number>;
  notified: Generated<number>;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    outreach_consents: OutreachConsentsTable;
    outreach_estimates: OutreachEstimatesTable;
    outreach_rights: OutreachRightsTable;
    outreach_runs: OutreachRunsTable;
  }
}
