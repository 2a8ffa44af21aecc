// The navigator's tables: answers saved on request, to resume a questionnaire through a private link; the
// reminders a resident asked for before the plan's deadlines, one row per message; tombstones of erased links.
import type { Generated } from 'kysely';
import type { Json, RequiredTimestamp, Timestamp } from '../../platform/db/schema.ts';
import type { Answers } from './questions.ts';

export interface NavigatorSavedAnswersTable {
  id: Generated<string>;
  /** SHA-256 of the private link's token: the link itself is never stored. */
  token_hash: string;
  life_event: string;
  answers: Json<Answers>;
  created_at: Timestamp;
  expires_at: RequiredTimestamp;
  /** The resident's account when a signed-in resident saved them (shown and erased with "Mes données"). */
  user_id: string | null;
}

export type ReminderChannel = 'email' | 'sms';
export type ReminderStopReason = 'request' | 'refused';

export interface NavigatorRemindersTable {
  id: string;
  saved_answers_id: string;
  channel: ReminderChannel;
  /** The address or mobile number; emptied once the reminders are stopped (and the refusal said). */
  contact: string | null;
  /** The consent sentence the resident ticked, word for word. */
  consent_text: string;
  consented_at: RequiredTimestamp;
  /** SHA-256 of the stop link's token. */
  stop_token_hash: string;
  /** The private link's and the stop link's tokens, sealed with AES-256-GCM (messages carry both links). */
  links_sealed: string | null;
  stopped_at: Timestamp | null;
  stop_reason: ReminderStopReason | null;
  created_at: Generated<Date>;
}

export type ReminderKind = 'welcome' | 'week-before' | 'day-before';
export type ReminderMessageStatus = 'pending' | 'sent' | 'skipped' | 'refused';

export interface NavigatorReminderMessagesTable {
  id: Generated<string>;
  reminder_id: string;
  kind: ReminderKind;
  /** The procedure reminded ('' for the welcome message). */
  procedure_id: Generated<string>;
  procedure_title: string | null;
  organisation: string | null;
  /** YYYY-MM-DD. */
  deadline: string | null;
  /** Whether the deadline is set by law (else it is our advice). */
  legal: boolean | null;
  /** Where to go, as the plan said it when the reminders were asked for. */
  place: string | null;
  send_at: RequiredTimestamp;
  status: Generated<ReminderMessageStatus>;
  sent_at: Timestamp | null;
}

export interface NavigatorErasedLinksTable {
  token_hash: string;
  life_event: string;
  erased_at: RequiredTimestamp;
  /** When the tombstone goes: a week after the link would have expired. */
  purge_after: RequiredTimestamp;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    navigator_saved_answers: NavigatorSavedAnswersTable;
    navigator_reminders: NavigatorRemindersTable;
    navigator_reminder_messages: NavigatorReminderMessagesTable;
    navigator_erased_links: NavigatorErasedLinksTable;
  }
}
