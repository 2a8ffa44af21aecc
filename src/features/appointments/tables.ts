// Row types of the appointments tables, added to the Database type by module augmentation.
import type { Generated } from 'kysely';
import type { RequiredTimestamp, Timestamp } from '../../platform/db/schema.ts';

export type MotifChannel = 'on-site' | 'phone' | 'visio' | 'home';
export type AppointmentStatus =
  'booked' | 'seen' | 'excused' | 'cancelled-by-service' | 'no-show' | 'cancelled-by-resident';

export interface AppointmentMotifsTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  duration_minutes: number;
  channel: MotifChannel;
  public_booking: Generated<boolean>;
  min_delay_hours: Generated<number>;
  max_delay_days: Generated<number>;
  instructions_before: Generated<string>;
  instructions_after: Generated<string>;
  active: Generated<boolean>;
  created_at: Timestamp;
}
export interface OpeningRangesTable {
  id: Generated<string>;
  agent_id: string;
  place_id: string;
  weekday: number;
  every_weeks: Generated<number>;
  first_date: string;
  until_date: string | null;
  starts: string;
  ends: string;
  created_at: Timestamp;
}
export interface OpeningRangeMotifsTable {
  range_id: string;
  motif_id: string;
}
export interface OpeningRangeExceptionsTable {
  range_id: string;
  on_date: string;
  cancelled: Generated<boolean>;
  starts: string | null;
  ends: string | null;
}
export interface AgentAbsencesTable {
  id: Generated<string>;
  agent_id: string;
  starts_at: RequiredTimestamp;
  ends_at: RequiredTimestamp;
  reason: Generated<string>;
}
export interface AppointmentsTable {
  id: Generated<string>;
  motif_id: string;
  place_id: string;
  agent_id: string;
  range_id: string | null;
  starts_at: RequiredTimestamp;
  ends_at: RequiredTimestamp;
  status: Generated<AppointmentStatus>;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  consent_at: RequiredTimestamp;
  booked_via: 'public' | 'agent';
  booked_by: string | null;
  case_id: string | null;
  cancel_token_hash: string | null;
  reminder_sent_at: Timestamp | null;
  outcome_at: Timestamp | null;
  outcome_by: string | null;
  anonymised_at: Timestamp | null;
  created_at: Timestamp;
}
export interface WalkInsTable {
  id: Generated<string>;
  place_id: string;
  agent_id: string | null;
  organisation_id: string | null;
  reason: string;
  at: Timestamp;
}
export interface AgentCalendarFeedsTable {
  agent_id: string;
  token_hash: string;
  created_at: Timestamp;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    appointment_motifs: AppointmentMotifsTable;
    opening_ranges: OpeningRangesTable;
    opening_range_motifs: OpeningRangeMotifsTable;
    opening_range_exceptions: OpeningRangeExceptionsTable;
    agent_absences: AgentAbsencesTable;
    appointments: AppointmentsTable;
    walk_ins: WalkInsTable;
    agent_calendar_feeds: AgentCalendarFeedsTable;
  }
}
