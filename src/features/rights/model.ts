// The benefits model: every rules/**/*.publicodes file merged into one set of rules, and the plain Publicodes
// engine built on it once per process (building it per request would cost milliseconds each time).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Engine, { reduceAST } from 'publicodes';
import { parse } from 'yaml';
import type { Source } from './contract.ts';

/** The rules folder of the checkout. */
export const rulesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../rules');

/** A rule as written in the YAML files (Publicodes' raw form). */
export type RawRule = Record<string, unknown> | string | number | null;

/** Every file below `dir` whose name ends with `suffix`, sorted for a stable order. */
export function filesUnder(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full, suffix));
    else if (entry.name.endsWith(suffix)) out.push(full);
  }
  return out.sort();
}

let cachedRules: Record<string, RawRule> | undefined;

/** All the rules, merged; a rule defined twice is a modelling error and stops the load. */
export function loadRules(): Record<string, RawRule> {
  if (cachedRules) return cachedRules;
  const rules: Record<string, RawRule> = {};
  const origin: Record<string, string> = {};
  for (const file of filesUnder(rulesDir, '.publicodes')) {
    const content = parse(fs.readFileSync(file, 'utf8')) as Record<string, RawRule> | null;
    for (const [name, rule] of Object.entries(content ?? {})) {
      if (name in rules)
        throw new Error(`La règle « ${name} » est définie deux fois (${origin[name]} et ${file})`);
      rules[name] = rule;
      origin[name] = path.relative(rulesDir, file);
    }
  }
  cachedRules = rules;
  return rules;
}

const silentLogger = { log: () => {}, warn: () => {}, error: () => {} };

/** A fresh plain Publicodes engine on the whole model (about a few hundred ms: build it once). */
export function createPlainEngine(): Engine {
  // Warnings off: building their messages on every evaluation costs time, and the logger is silent anyway.
  return new Engine(loadRules() as ConstructorParameters<typeof Engine>[0], {
    logger: silentLogger,
    warn: false,
  });
}

/** The `références` of a rule as sources (title + url), in the order written. */
export function referencesOf(rule: RawRule): Source[] {
  if (!rule || typeof rule !== 'object') return [];
  const refs = rule['références'];
  if (!refs || typeof refs !== 'object') return [];
  return Object.entries(refs as Record<string, unknown>)
    .filter(([, url]) => typeof url === 'string' && /^https:\/\//.test(url))
    .map(([title, url]) => ({ title, url: url as string }));
}

/**
 * Every rule a set of rules reads, directly or through other rules (their dependencies in the model), using
 * Publicodes' public parsed rules and `reduceAST`. Used to know which household inputs a benefit can ever need.
 */
export function rulesReadBy(engine: Engine, roots: readonly string[]): Set<string> {
  const parsed = engine.getParsedRules();
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name) || !(name in parsed)) continue;
    seen.add(name);
    const references = reduceAST<string[]>(
      (acc, node) => {
        if (node.nodeKind === 'reference' && typeof node.dottedName === 'string') acc.push(node.dottedName);
        return undefined;
      },
      [],
      parsed[name]!,
    );
    // A rule reads its parent namespace's applicability too.
    const parent = name.split(' . ').slice(0, -1).join(' . ');
    if (parent) stack.push(parent);
    stack.push(...references);
  }
  return seen;
}
