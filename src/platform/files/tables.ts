// Row type of the encrypted files table, added to the Database type by module augmentation.
import type { Generated } from 'kysely';
import type { Timestamp } from '../db/schema.ts';

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
}

declare module '../db/schema.ts' {
  interface Database {
    stored_files: StoredFilesTable;
  }
}
