// Row types of the cases tables, added to the Database type by module augmentation.
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/schema.ts';

export type CaseStatus = 'new' | 'in_progress' | 'answered' | 'closed';
export type Usefulness = 'yes' | 'partly' | 'no';
export type ConsentKind = 'paper-mandate' | 'printed-mandate' | 'email' | 'sms';
export type MessageKind = 'answer' | 'question' | 'message' | 'internal' | 'event';
export type MailVolume = 'immediate' | 'digest' | 'minimum';

export interface CasesTable {
  id: Generated<string>;
  territory_id: string;
  helper_organisation_id: string;
  created_by: string | null;
  status: Generated<CaseStatus>;
  life_event: string;
  question: string | null;
  resident_first_name: string | null;
  resident_last_name: string | null;
  resident_birth_date: string | null;
  caf_number: string | null;
  social_security_number: string | null;
  tax_number: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_message_at: Timestamp | null;
  closed_at: Timestamp | null;
  reopened_count: Generated<number>;
  usefulness: Usefulness | null;
  outcome: string | null;
  personal_data_erased_at: Timestamp | null;
  /** The resident's account when they have one: the case is linked to their file (resident-file). */
  resident_user_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CaseConsentsTable {
  id: Generated<string>;
  case_id: string;
  kind: ConsentKind;
  given_on: string;
  scope: string | null;
  expires_on: string;
  contact: string | null;
  confirmation_token_hash: string | null;
  confirmed_at: Timestamp | null;
  recorded_by: string | null;
  created_at: Timestamp;
}

export interface CaseParticipantsTable {
  case_id: string;
  organisation_id: string;
  invited_by: string | null;
  invited_at: Timestamp;
  assignee_id: string | null;
  taken_at: Timestamp | null;
  first_answer_at: Timestamp | null;
  done_at: Timestamp | null;
  reminded_at: Timestamp | null;
  escalated_at: Timestamp | null;
  case_updated_at: Timestamp;
}

export interface CaseMessagesTable {
  id: Generated<number>;
  case_id: string;
  author_id: string | null;
  author_organisation_id: string | null;
  kind: MessageKind;
  body: string | null;
  created_at: Timestamp;
}

export interface CaseAttachmentsTable {
  file_id: string;
  case_id: string;
  message_id: number | null;
  purpose: 'attachment' | 'mandate';
}

export interface CaseReadsTable {
  case_id: string;
  user_id: string;
  last_read_message_id: number;
  read_at: Timestamp;
}

export interface UserMailSettingsTable {
  user_id: string;
  volume: MailVolume;
  updated_at: Timestamp;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    cases: CasesTable;
    case_consents: CaseConsentsTable;
    case_participants: CaseParticipantsTable;
    case_messages: CaseMessagesTable;
    case_attachments: CaseAttachmentsTable;
    case_reads: CaseReadsTable;
    user_mail_settings: UserMailSettingsTable;
  }
}
