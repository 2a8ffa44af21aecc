// The arrows of docs/architecture.md, enforced: every import of every file under src/ is read (TypeScript's own
// pre-processor: static, type-only, re-exports and dynamic imports) and checked against four rules. A new import
// that breaks one fails here with the file, the import and the rule; a real new seam is declared in `seams`
// below (and in the map) with its reason, never by widening a rule.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** A declared arrow between two features: `from` may import `to`'s modules (all but its pages, or only `modules`). */
interface Seam {
  from: string[];
  to: string;
  /** Paths inside `to`; when absent, any module except routes, views and tests. */
  modules?: string[];
  why: string;
}

/** The seams between features that exist today (docs/architecture.md lists the same). */
export const seams: Seam[] = [
  {
    from: ['accounts'],
    to: 'home',
    modules: ['landing.ts'],
    why: 'after a login, each role lands on its home',
  },
  {
    from: ['accounts'],
    to: 'territory',
    modules: ['seed.ts'],
    why: 'demo accounts sit in the territory seeds folder',
  },
  { from: ['appointments'], to: 'territory', why: 'appointments are booked at places, within their hours' },
  {
    from: ['territory'],
    to: 'appointments',
    modules: ['bus-hooks.ts'],
    why: 'a bus tour’s change never silently leaves a booked appointment without a bus: the tour reads their times',
  },
  {
    from: ['cases'],
    to: 'territory',
    modules: ['store.ts'],
    why: 'the opening form offers the territory’s communes for the resident’s commune and checks it among them',
  },
  {
    from: ['appointments'],
    to: 'cases',
    modules: ['booking-hooks.ts'],
    why: 'an agent books for the resident of a shared case: the case prefills the form, the booking goes on its thread',
  },
  {
    from: ['home'],
    to: 'navigator',
    modules: ['life-events.ts'],
    why: 'the home page links to each moment of life',
  },
  { from: ['navigator'], to: 'rights', why: 'the plan estimates rights (rights is pure)' },
  { from: ['navigator'], to: 'territory', why: 'the plan points to places, their hours and distance' },
  {
    from: ['navigator'],
    to: 'resident-file',
    modules: ['navigator-hooks.ts'],
    why: 'a signed-in resident’s file prefills the questionnaire and adds a panel to the plan',
  },
  {
    from: ['navigator', 'rights', 'cases', 'appointments', 'outreach', 'resident-file'],
    to: 'pilotage',
    modules: ['counters.ts', 'indicator-registry.ts', 'store.ts'],
    why: 'each feature counts its anonymous use and declares its own indicators',
  },
  {
    from: ['navigator', 'cases', 'appointments'],
    to: 'pilotage',
    modules: ['views/satisfaction.tsx'],
    why: 'the satisfaction question closes a plan, a case and an appointment',
  },
  { from: ['pilotage'], to: 'navigator', modules: ['life-events.ts'], why: 'indicators by moment of life' },
  { from: ['pilotage'], to: 'territory', why: 'indicators by territory, commune and organisation' },
  {
    from: ['resident-file'],
    to: 'accounts',
    why: 'residents sign in through accounts (magic link, FranceConnect)',
  },
  { from: ['resident-file'], to: 'cases', why: 'a resident shares their file by opening a case' },
  {
    from: ['resident-file'],
    to: 'navigator',
    why: 'the file keeps the navigator’s answers to its questions',
  },
  {
    from: ['resident-file'],
    to: 'navigator',
    modules: ['views/fields.tsx'],
    why: 'the file’s form shows the navigator’s own question fields',
  },
  {
    from: ['resident-file'],
    to: 'outreach',
    modules: ['store.ts'],
    why: '“Mes données” lists outreach consents',
  },
  { from: ['resident-file'], to: 'rights', why: 'the file says which benefits a fact serves' },
  { from: ['resident-file'], to: 'territory', why: 'the experiment’s communes' },
  { from: ['outreach'], to: 'resident-file', why: 'outreach works on consented resident files' },
  { from: ['outreach'], to: 'navigator', why: 'it re-estimates a file with the navigator’s questions' },
  { from: ['outreach'], to: 'rights', why: 'it compares estimations benefit by benefit' },
  {
    from: ['outreach'],
    to: 'territory',
    modules: ['membership-store.ts'],
    why: 'a resident without a commune counts in the experiment’s first territory',
  },
];

/** Imports that break a rule and are kept for now, each with its reason (keep this list tiny). */
export const knownBreaks: { file: string; target: string; why: string }[] = [
  {
    file: 'src/features/outreach/views/outreach.tsx',
    target: 'src/features/resident-file/views/common.tsx',
    why: 'outreach pages reuse the resident file’s form kit until it merges with platform/views/form.tsx',
  },
];

// Rights' two doors: its HTTP API and its indicators. They may reach the web and the counters' store; the
// rest of rights (the engine) may not.
const rightsDoors = new Set(['src/features/rights/routes.ts', 'src/features/rights/indicators.ts']);
const impurePackages = /^(fastify|@fastify\/|kysely$|pg$|@electric-sql\/pglite|preact|nodemailer)/;
const impurePlatform = /^src\/platform\/(db|http|views|auth|jobs|mail|files|sms)\//;

export interface Violation {
  file: string;
  import: string;
  rule: string;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const featureOf = (file: string) => /^src\/features\/([^/]+)\//.exec(file)?.[1];
const isPage = (inFeature: string) =>
  /^views\//.test(inFeature) || /\.tsx$/.test(inFeature) || /(^|[/-])routes(-[a-z]+)?\.ts$/.test(inFeature);

function seamAllows(from: string, to: string, inFeature: string): boolean {
  return seams.some(
    (s) =>
      s.from.includes(from) &&
      s.to === to &&
      (s.modules ? s.modules.includes(inFeature) : !isPage(inFeature) && !isTest(inFeature)),
  );
}

/** The rules broken by one import of `file` (both paths relative to the project root; `target` null for a package). */
export function checkImport(file: string, spec: string, target: string | null): Violation[] {
  const broken: Violation[] = [];
  const fail = (rule: string) => broken.push({ file, import: spec, rule });
  const fromFeature = featureOf(file);
  const toFeature = target ? featureOf(target) : undefined;
  if (
    file.startsWith('src/platform/') &&
    !isTest(file) &&
    target &&
    /^src\/(features\/|app|bootstrap|server|cli\/)/.test(target)
  )
    fail('platform imports no feature (nor the app that assembles them)');
  if (file.startsWith('src/') && !isTest(file) && target && /^(test|e2e|bench)\//.test(target))
    fail('production code imports no test code');
  if (fromFeature === 'rights' && !isTest(file)) {
    if (target && /\.tsx$|\/views\//.test(target)) fail('rights imports no page');
    if (!rightsDoors.has(file)) {
      if (target === null && impurePackages.test(spec))
        fail('rights imports no web framework and no database');
      if (target && (impurePlatform.test(target) || /\/store\.ts$/.test(target)))
        fail('rights imports no web framework and no database');
    }
  }
  if (fromFeature && toFeature && fromFeature !== toFeature && target) {
    const inFeature = target.slice(`src/features/${toFeature}/`.length);
    if (
      !seamAllows(fromFeature, toFeature, inFeature) &&
      !knownBreaks.some((k) => k.file === file && k.target === target)
    )
      fail(
        `features meet only through a declared seam (none lets ${fromFeature} import ${toFeature}/${inFeature})`,
      );
  }
  return broken;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** Every import under src/: the file, the specifier as written, and the project path it resolves to. */
function allImports(): { file: string; spec: string; target: string | null }[] {
  return sourceFiles('src').flatMap((file) =>
    ts
      .preProcessFile(fs.readFileSync(path.join(root, file), 'utf8'), true, true)
      .importedFiles.map(({ fileName }) => ({
        file,
        spec: fileName,
        target: fileName.startsWith('.') ? path.posix.join(path.posix.dirname(file), fileName) : null,
      })),
  );
}

describe('the map’s arrows (docs/architecture.md)', () => {
  const imports = allImports();

  it('reads the imports of every source file', () => {
    expect(imports.length).toBeGreaterThan(1000);
    expect(imports.some((i) => i.spec === '../rights/estimate.ts')).toBe(true);
  });

  it('no import breaks an arrow', () => {
    const broken = imports.flatMap((i) => checkImport(i.file, i.spec, i.target));
    const message = broken.map((v) => `${v.file}: import '${v.import}' breaks «${v.rule}»`).join('\n');
    expect(message).toBe('');
  });

  it('every declared seam and known break is still used (a stale one is removed)', () => {
    const targets = imports.filter((i) => i.target);
    for (const s of seams) {
      const used = targets.some((i) => {
        const from = featureOf(i.file);
        const inFeature = i.target!.slice(`src/features/${s.to}/`.length);
        return (
          from !== undefined &&
          s.from.includes(from) &&
          featureOf(i.target!) === s.to &&
          (s.modules ? s.modules.includes(inFeature) : !isPage(inFeature))
        );
      });
      expect(used, `seam ${s.from.join(', ')} → ${s.to} (${s.modules?.join(', ') ?? 'any'}) is used`).toBe(
        true,
      );
    }
    for (const k of knownBreaks)
      expect(
        targets.some((i) => i.file === k.file && i.target === k.target),
        `known break ${k.file} is used`,
      ).toBe(true);
  });

  it('catches each kind of break (the checker itself can fail)', () => {
    const rules = (file: string, spec: string) =>
      checkImport(
        file,
        spec,
        spec.startsWith('.') ? path.posix.join(path.posix.dirname(file), spec) : null,
      ).map((v) => v.rule);
    expect(rules('src/platform/audit.ts', '../features/cases/store.ts')[0]).toMatch(
      /platform imports no feature/,
    );
    expect(rules('src/platform/db/migrate.ts', '../../app.ts')[0]).toMatch(/platform imports no feature/);
    expect(rules('src/features/cases/open-case.ts', '../../../test/factories.ts')[0]).toMatch(/no test code/);
    expect(rules('src/features/rights/estimate.ts', 'kysely')[0]).toMatch(/no database/);
    expect(rules('src/features/rights/estimate.ts', '../../platform/db/database.ts')[0]).toMatch(
      /no database/,
    );
    expect(rules('src/features/rights/routes.ts', '../navigator/views/plan.tsx')).toContain(
      'rights imports no page',
    );
    expect(rules('src/features/rights/needs.ts', '../navigator/plan.ts')[0]).toMatch(/declared seam/);
    expect(rules('src/features/navigator/plan.ts', '../resident-file/store.ts')[0]).toMatch(/declared seam/);
    expect(rules('src/features/navigator/plan.ts', '../territory/routes.ts')[0]).toMatch(/declared seam/);
    expect(rules('src/features/cases/open-case.ts', '../pilotage/views/indicators.tsx')[0]).toMatch(
      /declared seam/,
    );
    // and lets the declared ones through
    expect(rules('src/features/navigator/plan.ts', '../rights/estimate.ts')).toEqual([]);
    expect(rules('src/features/navigator/routes.ts', '../resident-file/navigator-hooks.ts')).toEqual([]);
    expect(rules('src/features/rights/routes.ts', '../pilotage/counters.ts')).toEqual([]);
  });
});
