// Row type of the jobs table, added to the Database type by module augmentation.
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../db/schema.ts';

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  idempotency_key: string | null;
  status: Generated<JobStatus>;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: Timestamp | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

declare module '../db/schema.ts' {
  interface Database {
    jobs: JobsTable;
  }
}
