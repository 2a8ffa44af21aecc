// A demonstration register for the demo territories (SEED_DEMO, never in production by default): a calendar,
// milestones, a workshop, three solutions and a funding request for Cahors, a calendar for Figeac. Dates and amounts
// are fictional and said so. Fixed ids, so that the harness's route samples point at them; created once.
import type { Db } from '../../platform/db/database.ts';
import { appendHistory, findExperiment, insertExperiment } from './register-store.ts';
import { seedIrritants } from './register.ts';

export const demoSolutionId = '5c0a5e00-0000-4000-8000-0000000000a1';
export const demoMilestoneId = '5c0a5e00-0000-4000-8000-0000000000b1';
export const demoFundingId = '5c0a5e00-0000-4000-8000-0000000000d1';

const demo = { actorId: null, actorRole: 'Démonstration' };

/** Creates the demonstration registers when the demo territories exist and their registers do not. */
export async function ensureDemoRegisters(db: Db): Promise<void> {
  const territories = await db.selectFrom('territories').select(['id', 'name']).execute();
  const names = new Map(territories.map((t) => [t.id, t.name]));
  if (names.has('cahors') && !(await findExperiment(db, 'cahors'))) await cahors(db);
  if (names.has('figeac') && !(await findExperiment(db, 'figeac'))) await figeac(db);
}

async function cahors(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await insertExperiment(trx, 'cahors', 'Carte Blanche — bassin de vie de Cahors', seedIrritants)))
      return;
    await trx
      .updateTable('experiments')
      .set({
        summary:
          'Registre de démonstration : les dates, ateliers, solutions et montants sont fictifs. Un an pour rebâtir les services publics du bassin de vie à partir des besoins des habitants.',
        starts_on: '2026-09-01',
        ends_on: '2027-08-31',
      })
      .where('territory_id', '=', 'cahors')
      .execute();
    await trx
      .insertInto('experiment_milestones')
      .values([
        {
          id: demoMilestoneId,
          territory_id: 'cahors',
          due_on: '2026-09-15',
          title: 'Lancement et premiers ateliers',
          done_on: '2026-09-15',
        },
        { territory_id: 'cahors', due_on: '2027-03-01', title: 'Bilan à six mois', done_on: null },
        {
          territory_id: 'cahors',
          due_on: '2027-08-31',
          title: 'Bilan final et décision de généralisation',
          done_on: null,
        },
      ])
      .execute();
    const irritants = await trx
      .selectFrom('experiment_irritants')
      .select(['id', 'title'])
      .where('territory_id', '=', 'cahors')
      .execute();
    const workshop = await trx
      .insertInto('experiment_workshops')
      .values({
        territory_id: 'cahors',
        held_on: '2026-10-08',
        title: 'Atelier avec des familles à Catus (démonstration)',
        participants: JSON.stringify({
          residents: 9,
          agents: 5,
          elected: 1,
          associations: 2,
          businesses: 0,
          others: 0,
        }),
        notes:
          'Les familles racontent les démarches d’une naissance : trop de guichets, des droits découverts trop tard.',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('experiment_workshop_irritants')
      .values(
        irritants
          .filter((i) => i.title !== 'Réponses insatisfaisantes')
          .map((i) => ({ workshop_id: workshop.id, irritant_id: i.id })),
      )
      .execute();
    await trx
      .insertInto('experiment_solutions')
      .values([
        {
          id: demoSolutionId,
          territory_id: 'cahors',
          title: 'Plan personnalisé par moment de vie',
          description: 'Un plan unique : droits estimés, démarches dans l’ordre, lieux et papiers.',
          stage: 'experiment',
          indicators: ['plans', 'satisfaction-answers', 'satisfaction-good'],
        },
        {
          territory_id: 'cahors',
          title: 'Saisine partagée entre organismes',
          description: 'Un dossier bloqué se règle dans un seul fil entre l’aidant et les organismes.',
          stage: 'prototype',
          indicators: ['cases-opened', 'cases-useful'],
        },
        {
          territory_id: 'cahors',
          title: 'Bus France Services avec une travailleuse sociale',
          description: 'Un agent polyvalent et une travailleuse sociale dans le même bus.',
          stage: 'idea',
          indicators: [],
        },
      ])
      .execute();
    await trx
      .insertInto('experiment_fundings')
      .values({
        id: demoFundingId,
        territory_id: 'cahors',
        solution_id: demoSolutionId,
        call: 'Fonds pour la transformation de l’action publique (démonstration)',
        amount_asked: 180000,
        amount_granted: 120000,
        amount_spent: 35000,
      })
      .execute();
    for (const summary of [
      'Registre ouvert, avec les trois irritants nommés au lancement de Carte Blanche.',
      'Calendrier : du mardi 1er septembre 2026 au mardi 31 août 2027 (démonstration).',
      'Atelier ajouté : « Atelier avec des familles à Catus », 17 participants, 2 irritants nommés.',
      'Solutions ajoutées : plan personnalisé (expérimentation), saisine partagée (prototype), bus (idée).',
      'Demande de financement ajoutée : 180 000 € demandés, 120 000 € accordés.',
    ])
      await appendHistory(trx, {
        territoryId: 'cahors',
        ...demo,
        entity: 'experiment',
        entityId: 'cahors',
        action: 'create',
        summary,
      });
  });
}

async function figeac(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await insertExperiment(trx, 'figeac', 'Carte Blanche — bassin de vie de Figeac', seedIrritants)))
      return;
    await trx
      .updateTable('experiments')
      .set({
        summary:
          'Registre de démonstration du deuxième territoire : il a rejoint l’expérimentation par configuration.',
        starts_on: '2026-11-16',
        ends_on: '2027-11-15',
      })
      .where('territory_id', '=', 'figeac')
      .execute();
    await trx
      .insertInto('experiment_milestones')
      .values({
        territory_id: 'figeac',
        due_on: '2026-12-10',
        title: 'Premier atelier avec les habitants',
        done_on: null,
      })
      .execute();
    await appendHistory(trx, {
      territoryId: 'figeac',
      ...demo,
      entity: 'experiment',
      entityId: 'figeac',
      action: 'create',
      summary:
        'Registre ouvert ; calendrier du lundi 16 novembre 2026 au lundi 15 novembre 2027 (démonstration).',
    });
  });
}
