// Row types of the resident's file, its mandates, requests and shares, added to the Database type by module
// augmentation.
import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/db/schema.ts';
import type { StoredFacts } from './facts.ts';
import type { Answers } from '../navigator/questions.ts';

export interface ResidentFilesTable {
  user_id: string;
  /** Each fact once, by its answer key: value, when, by whom (facts.ts). */
  facts: Json<StoredFacts>;
  /** Raised by every save; a save from an older version is a conflict, never a silent overwrite. */
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResidentDocumentsTable {
  file_id: string;
  user_id: string;
  kind: string;
  given_by: string | null;
  given_by_role: string;
  mandate_id: string | null;
  created_at: Timestamp;
}

export interface FileReuseCountsTable {
  territory_id: string;
  life_event: string;
  day: string;
  questions_avoided: Generated<number>;
  documents_avoided: Generated<number>;
}

export type MandateStatus = 'pending' | 'active' | 'revoked' | 'locked';
export type MandateVia = 'printed' | 'email-code' | 'sms-code' | 'account';

export interface MandatesTable {
  id: Generated<string>;
  user_id: string;
  organisation_id: string;
  created_by: string | null;
  created_by_role: string;
  scopes: string[];
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  given_via: MandateVia;
  status: MandateStatus;
  code_hash: string | null;
  code_expires_at: Timestamp | null;
  code_attempts: Generated<number>;
  code_sent_to: string | null;
  signed_file_id: string | null;
  confirmed_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoked_by_role: string | null;
  created_at: Timestamp;
}

export type RequestStatus = 'new' | 'seen' | 'case-opened' | 'appointment-proposed' | 'closed' | 'withdrawn';

export interface FileRequestsTable {
  id: Generated<string>;
  user_id: string;
  organisation_id: string;
  place_id: string | null;
  life_event: string;
  event_date: string | null;
  answers: Json<Answers>;
  message: string | null;
  share_with_invited: Generated<boolean>;
  status: Generated<RequestStatus>;
  case_id: string | null;
  appointment_text: string | null;
  handled_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type SharePart = 'identite' | 'situation';

export interface FileSharesTable {
  id: Generated<string>;
  user_id: string;
  organisation_id: string;
  request_id: string | null;
  case_id: string | null;
  parts: SharePart[];
  document_ids: string[];
  given_via: 'request' | 'case' | 'account';
  given_at: Timestamp;
  expires_on: ColumnType<string, string, string>;
  withdrawn_at: Timestamp | null;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    resident_files: ResidentFilesTable;
    resident_documents: ResidentDocumentsTable;
    file_reuse_counts: FileReuseCountsTable;
    mandates: MandatesTable;
    file_requests: FileRequestsTable;
    file_shares: FileSharesTable;
  }
}
