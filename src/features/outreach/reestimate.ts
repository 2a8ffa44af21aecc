// The nightly re-estimation of aller-vers. Every consenting resident whose file changed, or all of them when the
// month's parameters changed (a new fingerprint), is estimated again on the compiled fast path from the valid
// facts of their file, read by batches. A right that becomes probable for the first time gives one notification
// (mail, and SMS through the provider interface when the resident gave a number) with the plan's explanation of
// it and the links to book or to ask a helper; a right found before — notified, claimed or declined — never
// again. A durable job: a run that dies half-way is taken again, and the residents already estimated with this
// fingerprint are skipped.
import type { Db } from '../../platform/db/database.ts';
import { journal } from '../../platform/audit.ts';
import { queueMail } from '../../platform/jobs/mail.ts';
import { queueSms } from '../../platform/sms/sms.ts';
import { estimate } from '../rights/estimate.ts';
import type { BenefitResult } from '../rights/contract.ts';
import { toEstimationRequest } from '../navigator/questions.ts';
import { eligibleAmountText } from '../navigator/format.ts';
import { answersFromFacts, receivedKey, type StoredFacts } from '../resident-file/facts.ts';
import { filesOf } from '../resident-file/store.ts';
import { firstTerritory } from '../territory/membership-store.ts';
import { parametersFingerprint } from './fingerprint.ts';
import {
  clearNoLongerProbable,
  communeTerritories,
  consentPage,
  finishRun,
  moveTerritories,
  recordProbable,
  saveEstimates,
  startRun,
  type ProbableRight,
} from './store.ts';

/** Contributions are not rights: aller-vers never proposes them. */
const notRights = new Set(['micro-entrepreneur-cotisations']);

/** The rights probable for a household: due this month with an amount, not already received, not a contribution. */
export function probableRights(facts: StoredFacts, month: string, today: string): BenefitResult[] {
  const answers = answersFromFacts(facts, today);
  // No moment of life: the household as it is (no event, no business).
  const request = toEstimationRequest('', answers, month, today);
  const received = new Set(Array.isArray(facts[receivedKey]?.v) ? (facts[receivedKey].v as string[]) : []);
  // A right is what the household would be paid; the complémentaire santé solidaire's amount is a participation
  // to pay, 0 when it is free: due whatever its amount.
  return estimate(request).benefits.filter(
    (b) =>
      b.eligible === true &&
      ((b.amount ?? 0) > 0 || b.id === 'css') &&
      !notRights.has(b.id) &&
      !received.has(b.id),
  );
}

/** The text of a notification: each new right with the plan's explanation, and what to do next. */
export function notificationText(publicUrl: string, rights: BenefitResult[]): string {
  const sections = rights.map((b) =>
    [`${b.label} : ${eligibleAmountText(b)} (estimation)`, 'Pourquoi ce montant ?', b.explanation].join('\n'),
  );
  return [
    'Bonjour,',
    '',
    rights.length === 1
      ? 'D’après votre dossier, vous pourriez avoir droit à une nouvelle aide :'
      : 'D’après votre dossier, vous pourriez avoir droit à de nouvelles aides :',
    '',
    sections.join('\n\n'),
    '',
    `Voir le détail et demander de l’aide à un agent France Services : ${publicUrl}/mon-dossier/nouvelles-aides`,
    `Prendre rendez-vous : ${publicUrl}/rendez-vous`,
    '',
    'Seul l’organisme qui verse l’aide décide. Vous recevez ce message parce que vous avez demandé à être prévenu ;',
    `pour ne plus l’être : ${publicUrl}/mon-dossier/nouvelles-aides`,
  ].join('\n');
}

/** What a run did. */
export interface RunCounts {
  residents: number;
  estimated: number;
  notified: number;
}

/** Re-estimates the consenting residents by batches of `batchSize`; returns the counts. */
export async function reestimateResidents(
  db: Db,
  options: { publicUrl: string; today: string; now: Date; batchSize?: number },
): Promise<RunCounts> {
  const month = options.today.slice(0, 7);
  const fingerprint = parametersFingerprint(month);
  const batchSize = options.batchSize ?? 1000;
  const territories = await communeTerritories(db);
  const serviceTerritory = await firstTerritory(db);
  const runId = await startRun(db, month, fingerprint, options.now);
  const counts: RunCounts = { residents: 0, estimated: 0, notified: 0 };
  let after: string | null = null;
  for (;;) {
    const page = await consentPage(db, after, batchSize);
    if (page.length === 0) break;
    after = page[page.length - 1]!.userId;
    counts.residents += page.length;
    const files = await filesOf(
      db,
      page.map((c) => c.userId),
    );
    const estimates: { userId: string; fileVersion: number; fingerprint: string; probable: string[] }[] = [];
    const probable: ProbableRight[] = [];
    const results = new Map<string, BenefitResult[]>();
    const moves: { userId: string; territoryId: string }[] = [];
    for (const consent of page) {
      const file = files.get(consent.userId);
      const version = file?.version ?? 0;
      if (
        consent.estimate &&
        consent.estimate.fingerprint === fingerprint &&
        consent.estimate.fileVersion === version
      )
        continue;
      const facts = file?.facts ?? {};
      const commune = typeof facts.commune?.v === 'string' ? facts.commune.v : undefined;
      const territoryId = (commune && territories.get(commune)) || consent.territoryId || serviceTerritory;
      if (territoryId !== consent.territoryId) moves.push({ userId: consent.userId, territoryId });
      const rights = probableRights(facts, month, options.today);
      results.set(consent.userId, rights);
      estimates.push({
        userId: consent.userId,
        fileVersion: version,
        fingerprint,
        probable: rights.map((r) => r.id),
      });
      for (const r of rights)
        probable.push({
          userId: consent.userId,
          benefitId: r.id,
          territoryId,
          amount: r.amount,
          frequency: r.frequency,
        });
    }
    counts.estimated += estimates.length;
    if (estimates.length === 0) continue;
    const byUser = new Map(page.map((c) => [c.userId, c]));
    await db.transaction().execute(async (trx) => {
      await moveTerritories(trx, moves);
      const fresh = await recordProbable(trx, probable, options.now);
      await clearNoLongerProbable(
        trx,
        estimates.map((e) => e.userId),
        probable,
      );
      await saveEstimates(trx, estimates, options.now);
      // One notification per resident and run, naming every right new to them.
      const newByUser = new Map<string, string[]>();
      for (const f of fresh) newByUser.set(f.userId, [...(newByUser.get(f.userId) ?? []), f.benefitId]);
      for (const [userId, ids] of newByUser) {
        const consent = byUser.get(userId)!;
        const rights = (results.get(userId) ?? []).filter((r) => ids.includes(r.id));
        await queueMail(
          trx,
          {
            to: consent.email,
            subject: rights.length === 1 ? 'Une nouvelle aide pour vous ?' : 'De nouvelles aides pour vous ?',
            text: notificationText(options.publicUrl, rights),
          },
          `outreach:${userId}:${ids.sort().join(',')}`,
        );
        if (consent.smsPhone)
          await queueSms(
            trx,
            {
              to: consent.smsPhone,
              text: `Sans Couture : d’après votre dossier, une nouvelle aide pourrait vous concerner. Détails : ${options.publicUrl}/mon-dossier/nouvelles-aides`,
            },
            `outreach:${userId}:${ids.sort().join(',')}`,
          );
        await journal(trx, {
          actor: null,
          action: 'read',
          subjectType: 'resident-file',
          subjectId: userId,
          reason: `aller-vers : nouvelle aide probable d’après son dossier (${rights.map((r) => r.label).join(', ')}), prévenu avec son accord`,
        });
        counts.notified++;
      }
    });
    // Long runs must not starve the event loop of the app serving pages at the same time.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await journal(db, {
    actor: null,
    action: 'read',
    subjectType: 'outreach-run',
    subjectId: String(runId),
    reason: `aller-vers : ré-estimation de ${counts.estimated} dossiers d’usagers consentants sur ${counts.residents} (paramètres ${fingerprint})`,
  });
  await finishRun(db, runId, counts, new Date());
  return counts;
}
