// Demo accounts for every role (development and demos only: SEED_DEMO).
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { seedsDir } from '../territory/seed.ts';
import type { Role } from '../../platform/auth/roles.ts';

interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  organisation?: string;
  /** The slug of the place (a France Services counter) the agent works at. */
  site?: string;
  territories?: string[];
}

/** The demo accounts listed in seeds/demo-accounts.json. */
export function demoAccounts(): DemoAccount[] {
  const file = path.join(seedsDir, 'demo-accounts.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { accounts: DemoAccount[] }).accounts;
}

/**
 * Creates the demo accounts that do not exist yet (matched by e-mail), and keeps the name and site of those
 * that do in line with the file (demo accounts only: their addresses are on the reserved .localhost domain).
 */
export async function applyDemoAccounts(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const account of demoAccounts()) {
      const organisation = account.organisation
        ? await trx
            .selectFrom('organisations')
            .select('id')
            .where('slug', '=', account.organisation)
            .executeTakeFirstOrThrow()
        : undefined;
      const site = account.site
        ? await trx
            .selectFrom('places')
            .select('id')
            .where('slug', '=', account.site)
            .where('organisation_id', '=', organisation?.id ?? null)
            .executeTakeFirstOrThrow()
        : undefined;
      const inserted = await trx
        .insertInto('users')
        .values({
          email: account.email,
          display_name: account.name,
          role: account.role,
          organisation_id: organisation?.id ?? null,
          site_id: site?.id ?? null,
          status: 'active',
          oidc_subject: null,
          last_login_at: null,
        })
        .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) {
        await trx
          .updateTable('users')
          .set({ display_name: account.name, site_id: site?.id ?? null })
          .where(sql<string>`lower(email)`, '=', account.email.toLowerCase())
          .where('email', 'like', '%@demo.localhost')
          .execute();
        continue;
      }
      for (const territory of account.territories ?? []) {
        await trx
          .insertInto('user_territories')
          .values({ user_id: inserted.id, territory_id: territory })
          .execute();
      }
    }
  });
}
