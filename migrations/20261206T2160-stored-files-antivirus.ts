// Attachments are scanned by ClamAV: a file is quarantined ('pending') until scanned, and served only when
// 'clean' ('skipped': stored without a scanner, outside production only). Files stored before this migration
// are 'skipped', and are scanned once a scanner is configured.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table stored_files add column scan_status text not null default 'skipped'
      check (scan_status in ('pending','clean','infected','skipped'));
    alter table stored_files add column scanned_at timestamptz;
    create index stored_files_to_scan on stored_files(created_at) where scan_status in ('pending','skipped');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index stored_files_to_scan; alter table stored_files drop column scanned_at;
    alter table stored_files drop column scan_status;`.execute(db);
}
