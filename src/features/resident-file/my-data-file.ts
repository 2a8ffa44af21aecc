// The resident's file as "Mes données" lists and exports it: every fact (when, by whom), the documents (names and
// types; their content is downloaded from "Mon dossier"), the mandates, what each organisation was shared, the
// requests to France Services, and the aller-vers consent and rights found. In the resident's words.
import { frenchDate, todayInParis } from '../../platform/dates.ts';
import { findConsent, rightsOfResident } from '../outreach/store.ts';
import { benefits } from '../rights/benefits/registry.ts';
import { documentKindLabel, factLabel, factText, scopeLabel, sourceText } from './facts.ts';
import {
  documentsOf,
  findFile,
  mandatesOfResident,
  namesOf,
  requestsOfResident,
  sharesOfResident,
  type Executor,
} from './store.ts';
import { mandateStatusLabels, mandateViaLabels, requestStatusLabels } from './views/labels.ts';
import { shareParts } from './sharing.ts';

/** The file part of the export of "Mes données". */
export interface FileExport {
  situation: { information: string; valeur: string; donneeLe: string; par: string }[];
  documents: { type: string; nom: string; format: string; taille: number; ajouteLe: string }[];
  mandats: { organisme: string; demarches: string[]; du: string; au: string; forme: string; etat: string }[];
  partages: {
    organisme: string;
    parties: string[];
    documents: number;
    depuis: string;
    jusquAu: string;
    retireLe: string | null;
  }[];
  demandes: {
    lieu: string;
    momentDeVie: string;
    envoyeeLe: string;
    etat: string;
    rendezVousPropose: string | null;
  }[];
  allerVers: {
    accord: boolean;
    depuis: string | null;
    sms: string | null;
    aides: { aide: string; probable: boolean; trouveeLe: string; suivi: string | null }[];
  };
}

/** Everything of the resident's file, for the export (the caller journals the export). */
export async function fileExport(trx: Executor, userId: string): Promise<FileExport> {
  const file = await findFile(trx, userId);
  const facts = file?.facts ?? {};
  const names = await namesOf(
    trx,
    Object.values(facts).flatMap((f) => (f.by ? [f.by] : [])),
  );
  const consent = await findConsent(trx, userId);
  return {
    situation: Object.entries(facts).map(([key, fact]) => ({
      information: factLabel(key),
      valeur: factText(key, fact.v),
      donneeLe: fact.at,
      par: sourceText(fact, userId, names),
    })),
    documents: (await documentsOf(trx, userId)).map((d) => ({
      type: documentKindLabel(d.kind),
      nom: d.name,
      format: d.mediaType,
      taille: d.size,
      ajouteLe: d.createdAt.toISOString(),
    })),
    mandats: (await mandatesOfResident(trx, userId)).map((m) => ({
      organisme: m.organisationName,
      demarches: m.scopes.map(scopeLabel),
      du: m.startsOn,
      au: m.endsOn,
      forme: mandateViaLabels[m.givenVia],
      etat: mandateStatusLabels[m.status],
    })),
    partages: (await sharesOfResident(trx, userId)).map((s) => ({
      organisme: s.organisationName,
      parties: s.parts.map((p) => shareParts.find(([id]) => id === p)?.[1] ?? p),
      documents: s.documentIds.length,
      depuis: s.givenAt.toISOString(),
      jusquAu: s.expiresOn,
      retireLe: s.withdrawnAt?.toISOString() ?? null,
    })),
    demandes: (await requestsOfResident(trx, userId)).map((r) => ({
      lieu: r.placeName ?? r.organisationName,
      momentDeVie: r.lifeEvent,
      envoyeeLe: r.createdAt.toISOString(),
      etat: requestStatusLabels[r.status],
      rendezVousPropose: r.appointmentText,
    })),
    allerVers: {
      accord: consent !== undefined,
      depuis: consent?.givenAt.toISOString() ?? null,
      sms: consent?.smsPhone ?? null,
      aides: (await rightsOfResident(trx, userId)).map((r) => ({
        aide: benefits.find((b) => b.id === r.benefit_id)?.label ?? r.benefit_id,
        probable: r.probable,
        trouveeLe: new Date(r.first_probable_at).toISOString(),
        suivi: r.outcome,
      })),
    },
  };
}

/** A one-line summary of the file, for the page of "Mes données". */
export function fileSummary(exported: FileExport): string[] {
  return [
    `${exported.situation.length} information${exported.situation.length > 1 ? 's' : ''} sur votre situation`,
    `${exported.documents.length} document${exported.documents.length > 1 ? 's' : ''}`,
    `${exported.mandats.length} mandat${exported.mandats.length > 1 ? 's' : ''}`,
    `${exported.partages.filter((p) => !p.retireLe).length} partage(s) en cours`,
    `${exported.demandes.length} demande(s) à France Services`,
    exported.allerVers.accord
      ? `accord pour être prévenu d’une nouvelle aide depuis le ${frenchDate(todayInParis(new Date(exported.allerVers.depuis!)))}`
      : 'pas d’accord pour être prévenu d’une nouvelle aide',
  ];
}
