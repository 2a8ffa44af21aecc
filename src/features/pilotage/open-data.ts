// The open data: the public indicators as datasets, each with a published schema (Table Schema), under the Licence
// Ouverte 2.0, at stable URLs (/api/v1/open-data/{dataset}.csv and .json). Only complete months are published
// (isPublishedMonth, the same rule as the public pages): a month still running would change from one refresh to the
// next, and the difference between two downloads would tell about a single person. Every count is protected by the publication (publication.ts): 'secret' for counts
// from 1 to 10 and for the counts hidden to protect them.
import { lifeEventIds } from '../navigator/life-events.ts';
import {
  isPublishedMonth,
  marginKey,
  subjectValues,
  usefulnessValues,
  wentValues,
  yesPartlyNoValues,
  type MeasureId,
  type Publication,
} from './publication.ts';
import { published } from './secrecy.ts';

export const licence = {
  name: 'Licence Ouverte / Open Licence version 2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
};

type Value = string | number | null;
type Row = Record<string, Value>;

export interface DatasetField {
  name: string;
  type: 'string' | 'integer' | 'number' | 'yearmonth';
  description: string;
}

export interface Dataset {
  id: string;
  title: string;
  description: string;
  fields: DatasetField[];
  primaryKey: string[];
  rows(publication: Publication): Row[];
}

/** A cell absent from a partition: nothing counted there. */
const zero = { value: 0, secret: false };
const secretNote =
  'Entier ≥ 0, ou « secret » pour un effectif de 1 à 10 ou masqué pour protéger un autre effectif.';
const month: DatasetField = {
  name: 'month',
  type: 'yearmonth',
  description: 'Mois (AAAA-MM), heure de Paris.',
};
const territory: DatasetField = {
  name: 'territory',
  type: 'string',
  description:
    'Identifiant du territoire (GET /api/v1/territories) ; vide : hors des territoires ou commune inconnue.',
};
const count = (name: string, description: string): DatasetField => ({
  name,
  type: 'integer',
  description: `${description} ${secretNote}`,
});

/** Complete months only (the current month is still moving). */
function completeMonths(p: Publication): string[] {
  return p.months.filter((m) => isPublishedMonth(p, m));
}

/** Territories that have data, outside-territory ('') last. */
function territoryIds(p: Publication, measure: MeasureId): string[] {
  const ids = p.territories.map((t) => t.id);
  if (p.margins.has(marginKey(measure, '', p.currentMonth))) ids.push('');
  return ids;
}

function eachMargin(p: Publication, measure: MeasureId, fn: (t: string, m: string) => void): void {
  for (const t of territoryIds(p, measure))
    for (const m of completeMonths(p)) if (p.margins.has(marginKey(measure, t, m))) fn(t, m);
}

function partitionRows(
  p: Publication,
  measure: MeasureId,
  partitionName: string,
  column: string,
  valueColumn: string,
  order: string[],
): Row[] {
  const rows: Row[] = [];
  eachMargin(p, measure, (t, m) => {
    const cells = p.margins.get(marginKey(measure, t, m))!.partitions[partitionName]!;
    const keys = [
      ...order.filter((k) => cells.has(k)),
      ...[...cells.keys()].filter((k) => !order.includes(k)),
    ];
    for (const key of keys)
      rows.push({ month: m, territory: t, [column]: key, [valueColumn]: published(cells.get(key)!) });
  });
  return rows;
}

export const datasets: Dataset[] = [
  {
    id: 'plans',
    title: 'Plans personnalisés faits, par mois, commune et moment de vie',
    description:
      'Plans affichés sur les pages après le questionnaire ou donnés par l’API POST /api/v1/plans. Un plan rechargé compte de nouveau.',
    fields: [
      month,
      territory,
      {
        name: 'commune',
        type: 'string',
        description: 'Code INSEE de la commune de l’usager ; vide : inconnue.',
      },
      {
        name: 'life_event',
        type: 'string',
        description: `Moment de vie : ${lifeEventIds.join(', ')}.`,
      },
      count('plans', 'Nombre de plans.'),
    ],
    primaryKey: ['month', 'territory', 'commune', 'life_event'],
    rows(p) {
      const rows: Row[] = [];
      eachMargin(p, 'plans', (t, m) => {
        for (const [key, c] of p.margins.get(marginKey('plans', t, m))!.partitions.cells!) {
          const [commune, lifeEvent] = key.split('|') as [string, string];
          rows.push({ month: m, territory: t, commune, life_event: lifeEvent, plans: published(c) });
        }
      });
      return rows;
    },
  },
  {
    id: 'estimations',
    title: 'Estimations de droits par l’API, par mois et commune',
    description: 'Demandes à l’API POST /api/v1/estimations, selon la commune indiquée.',
    fields: [
      month,
      territory,
      { name: 'commune', type: 'string', description: 'Code INSEE de la commune indiquée ; vide : aucune.' },
      count('estimations', 'Nombre d’estimations.'),
    ],
    primaryKey: ['month', 'territory', 'commune'],
    rows(p) {
      return partitionRows(p, 'estimations', 'cells', 'commune', 'estimations', []);
    },
  },
  {
    id: 'cases',
    title: 'Saisines partagées ouvertes, avec une première réponse, closes, par mois et moment de vie',
    description:
      'Chaque saisine compte le mois de son ouverture, le mois de la première réponse d’un organisme, le mois de sa clôture.',
    fields: [
      month,
      territory,
      { name: 'life_event', type: 'string', description: `Moment de vie : ${lifeEventIds.join(', ')}.` },
      count('opened', 'Saisines ouvertes.'),
      count('answered', 'Saisines qui ont reçu leur première réponse.'),
      count('closed', 'Saisines closes.'),
    ],
    primaryKey: ['month', 'territory', 'life_event'],
    rows(p) {
      const rows: Row[] = [];
      eachMargin(p, 'cases-opened', (t, m) => {
        const cells = (measure: MeasureId) =>
          p.margins.get(marginKey(measure, t, m))!.partitions['life-event']!;
        for (const event of lifeEventIds)
          rows.push({
            month: m,
            territory: t,
            life_event: event,
            opened: published(cells('cases-opened').get(event)!),
            answered: published(cells('cases-answered').get(event)!),
            closed: published(cells('cases-closed').get(event)!),
          });
      });
      return rows;
    },
  },
  {
    id: 'cases-communes',
    title: 'Saisines partagées ouvertes, avec une première réponse, closes, par mois et commune de l’usager',
    description:
      'Les mêmes saisines que le jeu « cases », réparties selon la commune de l’usager indiquée par l’aidant à l’ouverture. Les intercommunalités ne sont pas publiées à part : leurs totaux se calculent à partir des communes.',
    fields: [
      month,
      territory,
      {
        name: 'commune',
        type: 'string',
        description:
          'Code INSEE de la commune de l’usager (une commune du territoire) ; vide : non renseignée.',
      },
      count('opened', 'Saisines ouvertes.'),
      count('answered', 'Saisines qui ont reçu leur première réponse.'),
      count('closed', 'Saisines closes.'),
    ],
    primaryKey: ['month', 'territory', 'commune'],
    rows(p) {
      const rows: Row[] = [];
      eachMargin(p, 'cases-opened', (t, m) => {
        const cells = (measure: MeasureId) => p.margins.get(marginKey(measure, t, m))!.partitions.commune!;
        const opened = cells('cases-opened');
        const answered = cells('cases-answered');
        const closed = cells('cases-closed');
        // Every commune of the territory, then any other a case named, then "non renseignée" last.
        const communes = [...new Set([...opened.keys(), ...answered.keys(), ...closed.keys()])]
          .filter((c) => c !== '')
          .sort();
        for (const commune of [...communes, ''])
          rows.push({
            month: m,
            territory: t,
            commune,
            opened: published(opened.get(commune) ?? zero),
            answered: published(answered.get(commune) ?? zero),
            closed: published(closed.get(commune) ?? zero),
          });
      });
      return rows;
    },
  },
  {
    id: 'cases-usefulness',
    title: 'Utilité de la réponse à la clôture des saisines, par mois',
    description: 'Saisines closes dans le mois, selon l’utilité de la réponse dite par l’aidant.',
    fields: [
      month,
      territory,
      {
        name: 'usefulness',
        type: 'string',
        description: 'yes (utile), partly (en partie), no (pas utile), unknown (non renseignée).',
      },
      count('cases', 'Saisines closes.'),
    ],
    primaryKey: ['month', 'territory', 'usefulness'],
    rows(p) {
      return partitionRows(p, 'cases-closed', 'usefulness', 'usefulness', 'cases', usefulnessValues);
    },
  },
  {
    id: 'case-delays',
    title: 'Délai de première réponse des organismes aux saisines, par mois',
    description:
      'Pour chaque organisme invité (et « ensemble » pour tous), le nombre de premières réponses données dans le mois, la médiane et le 90e centile du délai depuis l’invitation, en heures. Les délais ne sont publiés qu’à côté d’un nombre publié.',
    fields: [
      month,
      territory,
      {
        name: 'organisation',
        type: 'string',
        description: 'Identifiant de l’organisme ; « ensemble » : tous les organismes.',
      },
      count('first_answers', 'Premières réponses.'),
      {
        name: 'median_hours',
        type: 'number',
        description: 'Délai médian en heures ; « secret » quand le nombre l’est, vide sans réponse.',
      },
      {
        name: 'p90_hours',
        type: 'number',
        description: '90e centile du délai en heures ; « secret » quand le nombre l’est, vide sans réponse.',
      },
    ],
    primaryKey: ['month', 'territory', 'organisation'],
    rows(p) {
      const rows: Row[] = [];
      eachMargin(p, 'case-first-answers', (t, m) => {
        const margin = p.margins.get(marginKey('case-first-answers', t, m))!;
        for (const organisation of ['', ...[...margin.partitions.organisation!.keys()].sort()]) {
          const s = p.firstAnswerDelays.get(`${t}|${m}|${organisation}`)!;
          const hidden = s.count.secret ? 'secret' : null;
          rows.push({
            month: m,
            territory: t,
            organisation: organisation || 'ensemble',
            first_answers: published(s.count),
            median_hours: hidden ?? s.median,
            p90_hours: hidden ?? s.p90,
          });
        }
      });
      return rows;
    },
  },
  {
    id: 'satisfaction',
    title: 'Satisfaction : réponses aux trois questions, par mois',
    description:
      'Questionnaires remplis après un plan, une saisine close ou un rendez-vous : l’occasion, puis les réponses à « Comment cela s’est-il passé ? » (went), « Était-ce facile ? » (easy), « La réponse vous a-t-elle été utile ? » (useful). Les commentaires libres ne sont jamais publiés.',
    fields: [
      month,
      territory,
      { name: 'question', type: 'string', description: 'subject (occasion), went, easy ou useful.' },
      {
        name: 'answer',
        type: 'string',
        description:
          'subject : plan, case, appointment ; went : good, average, bad ; easy et useful : yes, partly, no.',
      },
      count('answers', 'Nombre de questionnaires.'),
    ],
    primaryKey: ['month', 'territory', 'question', 'answer'],
    rows(p) {
      const orders: Record<string, string[]> = {
        subject: subjectValues,
        went: wentValues,
        easy: yesPartlyNoValues,
        useful: yesPartlyNoValues,
      };
      const rows: Row[] = [];
      eachMargin(p, 'satisfaction-answers', (t, m) => {
        const margin = p.margins.get(marginKey('satisfaction-answers', t, m))!;
        for (const [question, order] of Object.entries(orders))
          for (const answer of order)
            rows.push({
              month: m,
              territory: t,
              question,
              answer,
              answers: published(margin.partitions[question]!.get(answer)!),
            });
      });
      return rows;
    },
  },
  {
    id: 'territories-monthly',
    title: 'Chiffres clés de chaque territoire, par mois',
    description:
      'Les totaux par territoire et par mois : ce que montre le registre public de l’expérimentation. Chaque total est le total des lignes des autres jeux de données du même mois.',
    fields: [
      month,
      territory,
      count('plans', 'Plans personnalisés.'),
      count('estimations', 'Estimations par l’API.'),
      count('cases_opened', 'Saisines ouvertes.'),
      count('cases_answered', 'Saisines avec une première réponse.'),
      count('cases_closed', 'Saisines closes.'),
      count('satisfaction_answers', 'Questionnaires de satisfaction.'),
      count('first_answers', 'Premières réponses des organismes.'),
    ],
    primaryKey: ['month', 'territory'],
    rows(p) {
      const rows: Row[] = [];
      eachMargin(p, 'plans', (t, m) => {
        const total = (measure: MeasureId) => {
          const margin = p.margins.get(marginKey(measure, t, m));
          return margin ? published(margin.total) : null;
        };
        rows.push({
          month: m,
          territory: t,
          plans: total('plans'),
          estimations: total('estimations'),
          cases_opened: total('cases-opened'),
          cases_answered: total('cases-answered'),
          cases_closed: total('cases-closed'),
          satisfaction_answers: total('satisfaction-answers'),
          first_answers: total('case-first-answers'),
        });
      });
      return rows;
    },
  },
];

/** A dataset by id. */
export function findDataset(id: string): Dataset | undefined {
  return datasets.find((d) => d.id === id);
}

/** The Table Schema of a dataset ('secret' is its missing value). */
export function tableSchema(dataset: Dataset) {
  return {
    fields: dataset.fields.map((f) => ({ name: f.name, type: f.type, description: f.description })),
    primaryKey: dataset.primaryKey,
    missingValues: ['', 'secret'],
  };
}

function csvField(value: Value): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A dataset as CSV (comma-separated, UTF-8, header line). */
export function datasetCsv(dataset: Dataset, publication: Publication): string {
  const names = dataset.fields.map((f) => f.name);
  const lines = [names.join(',')];
  for (const row of dataset.rows(publication))
    lines.push(names.map((n) => csvField(row[n] ?? null)).join(','));
  return lines.join('\n') + '\n';
}

// Each file is written once per publication (once per refresh of the indicator store), then served as it is.
const rendered = new WeakMap<Publication, Map<string, string>>();

/** A dataset's file ('csv' or 'json') for a publication, rendered once. */
export function datasetFile(dataset: Dataset, publication: Publication, format: 'csv' | 'json'): string {
  let files = rendered.get(publication);
  if (!files) rendered.set(publication, (files = new Map()));
  const key = `${dataset.id}.${format}`;
  let file = files.get(key);
  if (file === undefined) {
    file =
      format === 'csv'
        ? datasetCsv(dataset, publication)
        : JSON.stringify({
            dataset: dataset.id,
            title: dataset.title,
            description: dataset.description,
            licence,
            schema: tableSchema(dataset),
            updated: publication.refreshedAt?.toISOString() ?? null,
            data: dataset.rows(publication),
          });
    files.set(key, file);
  }
  return file;
}
