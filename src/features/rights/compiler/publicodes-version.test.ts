// Publicodes is pinned to the version the fast path was proven equal to (docs/decisions/2026-11-27-rules-engine.md):
// the compiler follows the engine's semantics node kind by node kind, reads two of its internals
// (publicodes-internals.ts), and Publicodes says its AST types are outside semantic versioning. Any other
// version, even a patch, must go through the equivalence tests before it is taken.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PUBLICODES_VERSION_PROVEN } from './publicodes-internals.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The version Node actually loads for `import 'publicodes'` from this folder. */
function installedVersion(): string {
  const entry = createRequire(import.meta.url).resolve('publicodes'); // …/publicodes/dist/index.cjs
  let dir = path.dirname(entry);
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

const upgradeSteps = (found: string) =>
  `Publicodes ${found} n’est pas la version prouvée (${PUBLICODES_VERSION_PROVEN}). Avant de la prendre : ` +
  'relire docs/decisions/2026-11-27-rules-engine.md et src/features/rights/compiler/publicodes-internals.ts, puis ' +
  'relancer les tests d’équivalence `npx vitest run src/features/rights/fast-path.test.ts ' +
  'src/features/rights/examples.test.ts src/features/rights/compiler` ; s’ils passent, changer ' +
  'PUBLICODES_VERSION_PROVEN et l’épinglage de package.json (npm install publicodes@<version> --save-exact).';

describe('Publicodes version', () => {
  it('is pinned exactly in package.json, at the version proven', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const declared = pkg.dependencies.publicodes ?? '(absent)';
    expect(declared, upgradeSteps(declared)).toBe(PUBLICODES_VERSION_PROVEN);
  });

  it('is installed at the version proven', () => {
    const found = installedVersion();
    expect(found, upgradeSteps(found)).toBe(PUBLICODES_VERSION_PROVEN);
  });

  it('is locked at the version proven in package-lock.json', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
    };
    const locked = lock.packages['node_modules/publicodes']?.version ?? '(absent)';
    expect(locked, upgradeSteps(locked)).toBe(PUBLICODES_VERSION_PROVEN);
    expect(lock.packages['']?.dependencies?.publicodes).toBe(PUBLICODES_VERSION_PROVEN);
  });
});
