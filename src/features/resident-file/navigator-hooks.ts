// The two places where the navigator calls the resident's file: a signed-in resident's questionnaire starts from
// their file, and the plan page shows the file's section (save the answers, faire suivre à France Services).
import { h, type JSX } from 'preact';
import type { Db } from '../../platform/db/database.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { LifeEvent } from '../navigator/life-events.ts';
import type { Answers } from '../navigator/questions.ts';
import { pendingChanges, prefillQuestionnaire } from './file.ts';
import { PlanPanel } from './views/plan-panel.tsx';

/** The answers a resident's questionnaire starts from, or null (not a resident, already started, empty file). */
export async function prefillFromFile(
  db: Db,
  user: { id: string; role: Role } | null,
  event: LifeEvent,
  answers: Answers,
  today: string,
  requestId: string,
): Promise<Answers | null> {
  if (user?.role !== 'resident') return null;
  return prefillQuestionnaire(db, { id: user.id, role: user.role }, event, answers, today, requestId);
}

/** The file's section of a plan page: for a resident, how many answers differ from their file. */
export async function planPanelFor(
  db: Db,
  user: { id: string; role: Role } | null,
  event: LifeEvent,
  answers: Answers,
  today: string,
): Promise<JSX.Element | null> {
  if (user && user.role !== 'resident') return null;
  const changes = user
    ? (await pendingChanges(db, { id: user.id, role: user.role }, answers, today)).changes
    : [];
  return h(PlanPanel, { event, resident: user !== null, changes: changes.length });
}
