// The public API of the pilotage: the territories of the experiment, and the open data (datasets listed with their
// schema, each one as CSV and JSON at a stable URL, under the Licence Ouverte 2.0, with statistical secrecy).
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { notFound } from '../../platform/errors.ts';
import { listTerritorySummaries } from '../territory/membership-store.ts';
import { datasetFile, datasets, findDataset, licence, tableSchema } from './open-data.ts';
import { currentPublication } from './publication.ts';
import { secrecyThreshold } from './secrecy.ts';

const TerritorySchema = Type.Object({
  id: Type.String({ description: 'Identifiant du territoire' }),
  name: Type.String(),
  communes: Type.Integer({ description: 'Nombre de communes du territoire (géographie en vigueur)' }),
  communeCount: Type.Integer({ description: 'Nombre de communes (même valeur que communes)' }),
  zoning: Type.String({
    description: 'Ce qui définit le territoire : BV2012 (bassin de vie), EPCI ou COMMUNES',
  }),
  code: Type.String({ description: 'Code du bassin de vie, SIREN de l’EPCI, ou première commune' }),
  geographyYear: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Année du code officiel géographique de la liste des communes',
  }),
});

const FieldSchema = Type.Object({ name: Type.String(), type: Type.String(), description: Type.String() });
const DatasetSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  csv: Type.String({ description: 'Adresse stable du fichier CSV' }),
  json: Type.String({ description: 'Adresse stable du fichier JSON' }),
  schema: Type.Object({
    fields: Type.Array(FieldSchema),
    primaryKey: Type.Array(Type.String()),
    missingValues: Type.Array(Type.String()),
  }),
});
const LicenceSchema = Type.Object({ name: Type.String(), url: Type.String() });
const FileParams = Type.Object(
  { file: Type.String({ maxLength: 80, description: '{dataset}.csv ou {dataset}.json' }) },
  { additionalProperties: false },
);

/** Registers the territories and open data API. */
export function apiRoutes(app: FastifyInstance): void {
  app.get(
    '/api/v1/territories',
    {
      schema: {
        summary: 'Territoires de l’expérimentation',
        description: 'Chaque territoire, avec son nombre de communes et ce qui le définit.',
        tags: ['territoire'],
        response: { 200: Type.Object({ territories: Type.Array(TerritorySchema) }) },
      },
    },
    async () => {
      const territories = await listTerritorySummaries(app.db);
      return {
        territories: territories.map((t) => ({
          id: t.id,
          name: t.name,
          communes: t.communes,
          communeCount: t.communes,
          zoning: t.zoning,
          code: t.code,
          geographyYear: t.geographyYear,
        })),
      };
    },
  );

  const base = app.config.publicUrl;
  app.get(
    '/api/v1/open-data',
    {
      schema: {
        summary: 'Jeux de données ouverts',
        description: `Les indicateurs publics de l’expérimentation, par mois terminé, sous Licence Ouverte 2.0. Tout effectif de 1 à ${secrecyThreshold} est remplacé par « secret », ainsi que les effectifs masqués pour qu’on ne puisse pas les retrouver à partir des totaux ou d’un autre jeu (secret statistique) ; zéro reste zéro.`,
        tags: ['données ouvertes'],
        response: {
          200: Type.Object({
            licence: LicenceSchema,
            secrecy: Type.Object({ threshold: Type.Integer(), value: Type.String() }),
            datasets: Type.Array(DatasetSchema),
          }),
        },
      },
    },
    async () => ({
      licence,
      secrecy: { threshold: secrecyThreshold, value: 'secret' },
      datasets: datasets.map((d) => ({
        id: d.id,
        title: d.title,
        description: d.description,
        csv: `${base}/api/v1/open-data/${d.id}.csv`,
        json: `${base}/api/v1/open-data/${d.id}.json`,
        schema: tableSchema(d),
      })),
    }),
  );

  app.get<{ Params: Static<typeof FileParams> }>(
    '/api/v1/open-data/:file',
    {
      schema: {
        summary: 'Un jeu de données ouvert, en CSV ou en JSON',
        description:
          'GET /api/v1/open-data/{dataset}.csv ou .json. Le JSON porte la licence, le schéma (Table Schema) et les lignes ; le CSV, l’en-tête puis les lignes.',
        tags: ['données ouvertes'],
        params: FileParams,
      },
    },
    async (request, reply) => {
      const match = /^([a-z0-9-]{1,60})\.(csv|json)$/.exec(request.params.file);
      const dataset = match ? findDataset(match[1]!) : undefined;
      if (!match || !dataset)
        throw notFound(
          `Jeu de données inconnu : « ${request.params.file.slice(0, 60)} ». Jeux disponibles : ${datasets.map((d) => `${d.id}.csv`).join(', ')} (et .json).`,
        );
      const publication = await currentPublication(app.db, app.clock.now());
      reply.header('cache-control', 'public, max-age=300');
      if (match[2] === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${dataset.id}.csv"`)
          .send(datasetFile(dataset, publication, 'csv'));
      return reply.type('application/json; charset=utf-8').send(datasetFile(dataset, publication, 'json'));
    },
  );
}
