// Table row types, one interface per table: the platform's, and the territory's and accounts' which came first.
// Later features declare theirs in their own `tables.ts` by module augmentation of `Database`, so every query is
// typed. The compiler checks the queries against these types; test/table-types.integration.test.ts checks the types
// against the migrated tables.
import type { ColumnType, Generated } from 'kysely';

/** A timestamp the database fills when an insert leaves it out (`default now()`). */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A timestamp without a default: every insert gives it (an expiry, an appointment's start…). */
export type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
/** A nullable timestamp the database fills with null when an insert leaves it out. */
export type OptionalTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
export type Json<T> = ColumnType<T, string, string>;

// ── territory ──────────────────────────────────────────────────────────────────────────────────────
export interface TerritoriesTable {
  id: string;
  name: string;
  insee_code: string;
  zoning: string;
  description: Generated<string>;
  created_at: Timestamp;
}
export interface CommunesTable {
  insee_code: string;
  name: string;
  postal_codes: string[];
  population: number | null;
  epci_code: string | null;
  epci_name: string | null;
  /** Centre of the commune (seeds/communes-centres-*.json), to rank places by distance. */
  latitude: number | null;
  longitude: number | null;
}
export interface TerritoryCommunesTable {
  territory_id: string;
  insee_code: string;
}
export interface OrganisationsTable {
  id: Generated<string>;
  slug: string;
  kind: string;
  name: string;
  description: Generated<string>;
  website: string | null;
  created_at: Timestamp;
  edited_at: Timestamp | null;
  /** The organisation's shared mailbox: it receives the case mails addressed to the organisation. */
  shared_mailbox: Generated<string | null>;
  /** Public contacts shown with the offer (not the shared mailbox). */
  phone: Generated<string | null>;
  email: Generated<string | null>;
}
export interface OrganisationTerritoriesTable {
  organisation_id: string;
  territory_id: string;
}
/** One opening range of a weekday, local time: { day: 1 (Monday) … 7, opens: '09:00', closes: '12:00' }. */
export interface OpeningRange {
  day: number;
  opens: string;
  closes: string;
}
export interface PlacesTable {
  id: Generated<string>;
  slug: string;
  territory_id: string;
  organisation_id: string | null;
  name: string;
  kind: string;
  address_line: string | null;
  address_complement: string | null;
  postal_code: string | null;
  commune_insee: string | null;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  email: string | null;
  opening_hours: Json<OpeningRange[]>;
  hours_note: string | null;
  appointment_only: Generated<boolean>;
  to_complete: string | null;
  source: Generated<string>;
  updated_at: Timestamp;
  open_on_public_holidays: Generated<boolean>;
  edited_at: Timestamp | null;
}
export interface PlaceClosuresTable {
  id: Generated<string>;
  place_id: string;
  starts_on: string;
  ends_on: string;
  reason: Generated<string>;
  created_at: Timestamp;
}
export interface ServicesTable {
  id: Generated<string>;
  slug: string;
  territory_id: string;
  organisation_id: string;
  name: string;
  description: string;
  kind: string | null;
  themes: Generated<string[]>;
  publics: Generated<string[]>;
  publics_details: string | null;
  fees: 'gratuit' | 'payant' | null;
  fees_details: string | null;
  usage_modes: Generated<string[]>;
  at_distance: Generated<boolean>;
  on_bus: Generated<boolean>;
  prerequisites: Generated<string[]>;
  documents: Generated<string[]>;
  eligibility_zone: Generated<string[]>;
  online_url: string | null;
  phone: string | null;
  email: string | null;
  source: Generated<string>;
  last_checked_on: string;
  stale_notified_on: string | null;
  /** False: hidden from the public (kept for its organisation), see migrations/20261207T0900. */
  published: Generated<boolean>;
  edited_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface ServicePlacesTable {
  service_id: string;
  place_id: string;
}
export interface BusToursTable {
  id: Generated<string>;
  slug: string;
  territory_id: string;
  place_id: string;
  name: string;
  staff: Generated<string>;
  source: Generated<string>;
  created_at: Timestamp;
  /** Set when the tour was changed in the pages: the seed then leaves its stops alone. */
  edited_at: Timestamp | null;
}
export interface BusStopsTable {
  id: Generated<string>;
  tour_id: string;
  place_id: string;
  weekday: number;
  every_weeks: Generated<number>;
  first_date: string;
  until_date: string | null;
  starts: string;
  ends: string;
  demo: Generated<boolean>;
}
export interface BusPassageCancellationsTable {
  id: Generated<string>;
  stop_id: string;
  on_date: string;
  reason: Generated<string>;
  created_at: Timestamp;
}

// ── accounts ───────────────────────────────────────────────────────────────────────────────────────
export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  role: string;
  organisation_id: string | null;
  status: Generated<string>;
  oidc_subject: string | null;
  created_at: Timestamp;
  last_login_at: Timestamp | null;
  /** The France Services site (a place of the organisation) the agent works at, if any. */
  site_id: Generated<string | null>;
  inactivity_warned_at: OptionalTimestamp;
  disabled_at: OptionalTimestamp;
}
export interface UserTerritoriesTable {
  user_id: string;
  territory_id: string;
}
export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: RequiredTimestamp;
  last_seen_at: Timestamp;
  via: string;
}
export interface LoginTokensTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: RequiredTimestamp;
  used_at: Timestamp | null;
  redirect_to: string | null;
}

// ── audit ──────────────────────────────────────────────────────────────────────────────────────────
export interface AuditJournalTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  reason: string;
  request_id: string | null;
}

export interface Database {
  territories: TerritoriesTable;
  communes: CommunesTable;
  territory_communes: TerritoryCommunesTable;
  organisations: OrganisationsTable;
  organisation_territories: OrganisationTerritoriesTable;
  places: PlacesTable;
  place_closures: PlaceClosuresTable;
  services: ServicesTable;
  service_places: ServicePlacesTable;
  bus_tours: BusToursTable;
  bus_stops: BusStopsTable;
  bus_passage_cancellations: BusPassageCancellationsTable;
  users: UsersTable;
  user_territories: UserTerritoriesTable;
  sessions: SessionsTable;
  login_tokens: LoginTokensTable;
  audit_journal: AuditJournalTable;
}
