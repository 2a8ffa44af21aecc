// `npm run bench -- <scenario> [options]`: one entry point for every measurement of bench/.
// Scenarios register here, one line each.
import { runCases } from './cases.ts';
import { runLoad } from './load.ts';
import { runOutreach } from './outreach.ts';
import { runRights } from './rights.ts';
import { runStartup } from './startup.ts';
import { runAppointments } from './appointments.ts';
import { runPilotage } from './pilotage.ts';
import { runCompare } from './compare.ts';

const scenarios: Record<string, { description: string; run: (argv: string[]) => Promise<void> }> = {
  load: {
    description: 'charge HTTP (autocannon) : pages publiques, API, page agent ; --soak pour l’endurance',
    run: runLoad,
  },
  startup: {
    description:
      'temps de démarrage de npm start jusqu’à /healthz 200, DATA_DIR neuf et existant (médiane de 5)',
    run: runStartup,
  },
  appointments: {
    description:
      'rendez-vous : 60 agents, 20 lieux, 3 mois ; créneaux libres d’un motif sur 30 jours (p95) et 200 réservations simultanées sur 10 créneaux',
    run: runAppointments,
  },
  outreach: {
    description:
      'aller-vers sur PostgreSQL : ré-estimation nocturne de N usagers consentants (100 000), page de la liste des aidants p50/p95',
    run: runOutreach,
  },
  cases: {
    description:
      'saisines sur le jeu de données de bench/cases-generate.ts (DATABASE_URL) : boîtes, filtres, recherches, page d’un dossier ; --requests, --concurrency',
    run: runCases,
  },
  rights: {
    description:
      'estimation des droits : lot (foyers/s), boucle Publicodes naïve, rapport, API p50/p99 à 50 clients, mémoire',
    run: runRights,
  },
  compare: {
    description:
      'avant / après une modification (--before REV [--after REV]) : octets de l’API identiques, CPU du lot et de l’API dans le même passage',
    run: runCompare,
  },
  pilotage: {
    description:
      'pilotage sur le million de saisines (PostgreSQL) : rafraîchissement des indicateurs, pages p95, données ouvertes',
    run: runPilotage,
  },
};

const [name = 'load', ...rest] = process.argv.slice(2);
const scenario = scenarios[name];
if (!scenario) {
  console.error(
    `Scénario inconnu : ${name}. Scénarios : ${Object.entries(scenarios)
      .map(([n, s]) => `\n  ${n} — ${s.description}`)
      .join('')}`,
  );
  process.exit(2);
}
await scenario.run(rest);
process.exit(0);
