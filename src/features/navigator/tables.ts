// The navigator's table: answers saved on request, to resume a questionnaire through a private link.
import type { Generated } from 'kysely';
import type { Timestamp, Json } from '../../platform/db/schema.ts';
import type { Answers } from './questions.ts';

export interface NavigatorSavedAnswersTable {
  id: Generated<string>;
  /** SHA-256 of the private link's token: the link itself is never stored. */
  token_hash: string;
  life_event: string;
  answers: Json<Answers>;
  created_at: Timestamp;
  expires_at: Timestamp;
  /** The resident's account when a signed-in resident saved them (shown and erased with "Mes données"). */
  user_id: string | null;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    navigator_saved_answers: NavigatorSavedAnswersTable;
  }
}
