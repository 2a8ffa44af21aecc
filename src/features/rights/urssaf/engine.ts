// The URSSAF's own model (modele-social, the rules behind mon-entreprise.urssaf.fr) in its own Publicodes
// engine. Building it parses ~1,300 rules (about 0.5 s and 17 MB), so it is built once per process, lazily,
// and never per request. Publicodes evaluation is synchronous: one shared engine is safe in one thread.
import rules from 'modele-social';
import Engine from 'publicodes';

/** A situation for modele-social: rule name → Publicodes expression ("3000 €/mois", "'EI'", "oui"). */
export type UrssafSituation = Record<string, string | number>;

let engine: Engine | undefined;

// modele-social warns about experimental rules on every build: not something to show in our logs.
const silentLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** The process-wide modele-social engine, built on first use. */
export function urssafEngine(): Engine {
  engine ??= new Engine(rules, { logger: silentLogger });
  return engine;
}

/** Evaluates rules of modele-social for one situation; a value the model cannot give is `undefined`. */
export function evaluateUrssaf(situation: UrssafSituation, names: readonly string[]): (number | undefined)[] {
  const e = urssafEngine();
  e.setSituation(situation);
  return names.map((name) => {
    const value = e.evaluate(name).nodeValue;
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  });
}

/** Whether a boolean rule of modele-social is true for one situation (undefined when not applicable). */
export function isUrssafRuleTrue(situation: UrssafSituation, name: string): boolean {
  const e = urssafEngine();
  e.setSituation(situation);
  const value = e.evaluate(name).nodeValue;
  return value === true || (typeof value === 'number' && value > 0);
}

/** The first day of a month (YYYY-MM) as modele-social's `date` expects it: dd/mm/yyyy. */
export function urssafDate(month: string): string {
  return `01/${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** An ISO date (YYYY-MM-DD) as dd/mm/yyyy. */
export function urssafIsoDate(isoDate: string): string {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
}

/** Rounds to the cent (amounts of the public API). */
export function toCents(value: number): number {
  return Math.round(value * 100) / 100;
}
