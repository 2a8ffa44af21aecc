// Row type of the encrypted files table, added to the Database type by module augmentation.
import type { Generated } from 'kysely';
import type { OptionalTimestamp, Timestamp } from '../db/schema.ts';

export interface StoredFilesTable {
  id: Generated<string>;
  owner_type: string;
  owner_id: string;
  name: string;
  media_type: string;
  size: number;
  iv: Buffer;
  auth_tag: Buffer;
  content: Buffer;
  created_by: string | null;
  created_at: Timestamp;
  /** 'pending' (quarantined until scanned), 'clean', 'infected', or 'skipped' (no scanner, outside production). */
  scan_status: Generated<FileScanStatus>;
  scanned_at: OptionalTimestamp;
}

export type FileScanStatus = 'pending' | 'clean' | 'infected' | 'skipped';

declare module '../db/schema.ts' {
  interface Database {
    stored_files: StoredFilesTable;
  }
}
