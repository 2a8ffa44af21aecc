// `npm run bench -- <scenario> [options]`: one entry point for every measurement of bench/.
// Scenarios register here, one line each.
import { runLoad } from './load.ts';

const scenarios: Record<string, { description: string; run: (argv: string[]) => Promise<void> }> = {
  load: { description: 'charge HTTP (autocannon) : pages publiques, API, page agent ; --soak pour l’endurance', run: runLoad },
};

const [name = 'load', ...rest] = process.argv.slice(2);
const scenario = scenarios[name];
if (!scenario) {
  console.error(`Scénario inconnu : ${name}. Scénarios : ${Object.entries(scenarios).map(([n, s]) => `\n  ${n} — ${s.description}`).join('')}`);
  process.exit(2);
}
await scenario.run(rest);
process.exit(0);
