// The facts of a resident's file, said in the navigator's vocabulary: a household fact is an answer of the
// questionnaire — an input of the registry (rights/household-inputs.ts) by its answer key, the answers about the
// children included (the child support, each child's MDPH rate), or one of the navigator's own household
// questions (the commune, the children). Each stored fact keeps when and by whom it was given; each kind of fact
// has a validity (a monthly amount — a child support too — must be confirmed every 3 months, an MDPH rate and the
// composition of the household every 12, a birth date never), so that a questionnaire asks again only what is
// missing or too old. Which facts a mandate's scope opens is derived from the rules too. Pure: no I/O.
import type { FieldError } from '../../platform/errors.ts';
import { addMonths, todayInParis } from '../../platform/dates.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { inputByKey, type InputDefinition, type FormSpec } from '../rights/household-inputs.ts';
import { inputsBenefitsMayNeed } from '../rights/needs.ts';
import { benefits } from '../rights/benefits/registry.ts';
import {
  childValues,
  isAnswered,
  questionIds,
  questions,
  sanitizeAnswers,
  type AnswerContext,
  type Answers,
  type FormValues,
  type QuestionId,
} from '../navigator/questions.ts';
import { frenchDay, showControl, single, type AnswerValue } from '../navigator/answer-controls.ts';

/** How a fact came into the file. */
export type FactSource = 'resident' | 'mandate' | 'franceconnect';

/** One stored fact: its value, when it was given (ISO instant), who gave it and how. */
export interface StoredFact {
  v: unknown;
  at: string;
  /** The account that gave it (the resident, or the helper acting under a mandate); null for FranceConnect. */
  by: string | null;
  role: Role | null;
  via: FactSource;
  /** The mandate under which a helper gave it. */
  mandate?: string;
}

/** The facts of a file, by key. */
export type StoredFacts = Record<string, StoredFact>;

/** The file's own identity facts (asked by shared cases, given by FranceConnect). */
export const identityKeys = ['firstName', 'lastName'] as const;
/** The benefits the resident already receives (aller-vers never proposes them). */
export const receivedKey = 'receivedBenefits';

/** The household question pages the file keeps: every question of the navigator but the event's own. */
export const fileQuestionIds: readonly QuestionId[] = questionIds.filter(
  (id) => id !== 'eventDate' && id !== 'salary',
);

/** The answer keys of the household facts, in the questionnaire's order. */
export const householdKeys: readonly string[] = fileQuestionIds.flatMap((id) =>
  questions[id].inputs.length > 0 ? questions[id].inputs.map((i) => i.form.key) : [id],
);

/** Every key a file may hold. */
export const factKeys: readonly string[] = [...identityKeys, ...householdKeys, receivedKey];

/** Whether a key is a fact of the file. */
export function isFactKey(key: string): boolean {
  return factKeys.includes(key);
}

// ── Validity ────────────────────────────────────────────────────────────────────────────────────────────

/** How long a kind of fact stays valid, said to the resident. */
export interface Validity {
  /** Months before it must be confirmed again; null: it does not change (a birth date). */
  months: number | null;
  label: string;
}

const permanent: Validity = { months: null, label: 'ne change pas' };
const monthlyAmount: Validity = { months: 3, label: 'montant mensuel : à confirmer tous les 3 mois' };
const situation: Validity = { months: 12, label: 'situation du foyer : à confirmer tous les 12 mois' };
// A rate lasts as long as the MDPH's decision (one to five years, often renewed): we keep it simple and ask a
// year later whether it still holds, as for the rest of the household.
const mdphDecision: Validity = { months: 12, label: 'décision de la MDPH : à confirmer tous les 12 mois' };

/** The last segment of an input's slot: the request field it fills. */
function slotName(input: InputDefinition): string {
  const slot = input.slot;
  if ('member' in slot) return slot.field;
  if ('child' in slot) return slot.child;
  return slot.path.split('.').pop() ?? '';
}

/**
 * The validity of a fact, by its kind: derived from the registry (a birth date never changes; a monthly amount —
 * earnings, allowances, rent, housing aid, the child support — is confirmed every 3 months, as the CAF reads
 * resources over the last three months; a page of MDPH rates — the resident's, the partner's, the children's with
 * the care recommended — every 12 months, said as the MDPH's decision); everything else describes the household
 * (composition, housing, yearly resources) and is confirmed every 12 months. A new input of the registry gets its
 * validity from its control, its name and its page.
 */
export function validityOf(key: string): Validity {
  if ((identityKeys as readonly string[]).includes(key)) return permanent;
  const input = inputByKey.get(key);
  if (input) {
    if (input.form.control.kind === 'birth-date') return permanent;
    if (input.form.control.kind === 'money' && slotName(input).startsWith('monthly')) return monthlyAmount;
    if (ratePages.has(input.form.page)) return mdphDecision;
  }
  return situation;
}

/** The pages that ask an incapacity rate (MDPH). */
const ratePages: ReadonlySet<string> = new Set(
  [...inputByKey.values()].filter((i) => i.form.control.kind === 'percent').map((i) => i.form.page),
);

/** The day a fact given at `at` must be confirmed again, or null when it never expires. */
export function validUntil(key: string, at: string): string | null {
  const months = validityOf(key).months;
  // From the day the fact was given in Paris: an answer given at 0 h 30 on 7 December is of the 7th, not the 6th.
  return months === null ? null : addMonths(todayInParis(new Date(at)), months);
}

/** Whether a fact is still valid today. */
export function isValid(key: string, fact: StoredFact, today: string): boolean {
  const until = validUntil(key, fact.at);
  return until === null || today < until;
}

// ── Facts as answers, answers as facts ────────────────────────────────────────────────────────────────

/** The answer keys of the registry's inputs asked child by child: lists in the order of the children's list. */
const perChildKeys: readonly string[] = [...inputByKey.values()]
  .filter((i) => 'child' in i.slot && i.slot.perChild)
  .map((i) => i.form.key);

/**
 * The household answers a questionnaire may take from the file: valid facts only (checked as the cookie is). A list
 * given child by child (the MDPH rates) is taken only with the children it was given for — the same number, the
 * children's list itself valid —, and then says that the children's disability was answered.
 */
export function answersFromFacts(facts: StoredFacts, today: string, includeExpired = false): Answers {
  const raw: Record<string, unknown> = {};
  for (const key of householdKeys) {
    const fact = facts[key];
    if (fact && (includeExpired || isValid(key, fact, today))) raw[key] = fact.v;
  }
  const answers = sanitizeAnswers(raw) as Answers & Record<string, unknown>;
  for (const key of perChildKeys) {
    const list = answers[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || answers.children === undefined || list.length !== answers.children.length)
      delete answers[key];
  }
  // The children's page ticks « un de ces enfants a un handicap » before their rates are asked: a file holding
  // rates for these children answered it — even rates too old, which are then asked again (otherwise the
  // navigator would count every child as without a disability and never ask).
  const rates = facts.childRates?.v;
  if (Array.isArray(rates) && rates.length > 0 && rates.length === answers.children?.length)
    answers.childDisabled = true;
  return answers;
}

/** The household facts of a set of answers (the questionnaire's own answers — date, salary, skips — left out). */
export function householdOf(answers: Answers): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const record = answers as Record<string, unknown>;
  for (const key of householdKeys) if (record[key] !== undefined) out[key] = record[key];
  return out;
}

/**
 * Whether two values of a fact are the same. The benefits received are a set (any order); every other list is
 * compared in order — a per-child list's order says which child each value is about, and the children's own list
 * is compared in the file's order (`inFileOrder`), where the same children are always in the same order.
 */
function sameValue(key: string, a: unknown, b: unknown): boolean {
  if (key === receivedKey && Array.isArray(a) && Array.isArray(b))
    return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  return JSON.stringify(a) === JSON.stringify(b);
}

// ── The children and the answers about each of them ──────────────────────────────────────────────────
//
// A per-child answer (an MDPH rate, the care recommended) is a list in the order of the children's list: its n-th
// value is about the n-th child. The file keeps the children by birth date, oldest first (twins, who only a birth
// date cannot tell apart, in the order given), and moves each per-child list with them, so that the same children
// typed in another order are the same facts; when the children change without their per-child answers, each
// answer follows its child by birth date, and a list that would miss a child goes (it is asked again) — never a
// rate left on the wrong child.

/** The positions of the children in the file's order: by birth date, then as given. */
function fileOrder(children: readonly string[]): number[] {
  return children
    .map((date, i) => ({ date, i }))
    .sort((a, b) => (a.date === b.date ? a.i - b.i : a.date < b.date ? -1 : 1))
    .map((c) => c.i);
}

/** A list put in an order (positions), or left as it is when it is not one value per child. */
function reordered(list: unknown, order: readonly number[]): unknown {
  return Array.isArray(list) && list.length === order.length ? order.map((i) => list[i]) : list;
}

/** Values (answers, a form's facts, changes) with the children in the file's order, their answers moved along. */
function inFileOrder<T extends Record<string, unknown>>(values: T): T {
  const children = values.children;
  if (!Array.isArray(children)) return values;
  const order = fileOrder(children as string[]);
  const out: Record<string, unknown> = { ...values, children: reordered(children, order) };
  for (const key of perChildKeys) if (key in values) out[key] = reordered(values[key], order);
  return out as T;
}

/** Stored facts with the children in the file's order (files saved before it was kept), dates and authors kept. */
function factsInFileOrder(facts: StoredFacts): StoredFacts {
  const children = facts.children;
  if (!children || !Array.isArray(children.v)) return facts;
  const order = fileOrder(children.v as string[]);
  const out: StoredFacts = { ...facts, children: { ...children, v: reordered(children.v, order) } };
  for (const key of perChildKeys) {
    const fact = facts[key];
    if (fact) out[key] = { ...fact, v: reordered(fact.v, order) };
  }
  return out;
}

/**
 * A per-child list given for `before` children, for the `after` children: each child takes the value given for the
 * child of the same birth date (twins in order); undefined when a child has none (or the list was not one value
 * per child).
 */
function followChildren(list: unknown, before: unknown, after: readonly string[]): unknown[] | undefined {
  if (!Array.isArray(list) || !Array.isArray(before) || list.length !== before.length) return undefined;
  const byDate = new Map<string, unknown[]>();
  before.forEach((date, i) => byDate.set(String(date), [...(byDate.get(String(date)) ?? []), list[i]]));
  const out: unknown[] = [];
  for (const date of after) {
    const values = byDate.get(date);
    if (!values || values.length === 0) return undefined;
    out.push(values.shift());
  }
  return out;
}

/** The keys whose submitted value differs from the file's (the children compared in the file's order). */
export function differingKeys(facts: StoredFacts, submitted: Record<string, unknown>): string[] {
  const stored = factsInFileOrder(facts);
  const given = inFileOrder(submitted);
  return Object.keys(given).filter((key) => !sameValue(key, stored[key]?.v, given[key]));
}

/** One difference between the file and what was just answered. */
export interface FactChange {
  key: string;
  kind: 'new' | 'changed' | 'confirmed';
  before: unknown;
  after: unknown;
}

/**
 * What saving these household answers would change in the file: new facts, changed ones, and facts answered the
 * same but too old (saving confirms them: their date is renewed).
 */
export function changesFrom(
  facts: StoredFacts,
  household: Record<string, unknown>,
  today: string,
): FactChange[] {
  const changes: FactChange[] = [];
  const stored = factsInFileOrder(facts);
  const answered = inFileOrder(household);
  for (const key of householdKeys) {
    if (!(key in answered)) continue;
    const after = answered[key];
    const fact = stored[key];
    if (!fact) changes.push({ key, kind: 'new', before: undefined, after });
    else if (!sameValue(key, fact.v, after)) changes.push({ key, kind: 'changed', before: fact.v, after });
    else if (!isValid(key, fact, today)) changes.push({ key, kind: 'confirmed', before: fact.v, after });
  }
  return changes;
}

/** Who gives facts and how. */
export interface FactAuthor {
  actor: { id: string; role: Role } | null;
  via: FactSource;
  mandateId?: string;
}

/**
 * The facts after a save: each key of `changes` set (its date renewed even when the value is the same: it was
 * confirmed), removed when its value is undefined; the other facts untouched.
 */
export function applyChanges(
  facts: StoredFacts,
  changes: Record<string, unknown>,
  author: FactAuthor,
  now: Date,
): StoredFacts {
  const before = factsInFileOrder(facts);
  const given = inFileOrder(changes);
  const next: StoredFacts = { ...before };
  for (const [key, value] of Object.entries(given)) {
    if (!isFactKey(key)) continue;
    if (value === undefined) {
      delete next[key];
      continue;
    }
    next[key] = {
      v: value,
      at: now.toISOString(),
      by: author.actor?.id ?? null,
      role: author.actor?.role ?? null,
      via: author.via,
      ...(author.mandateId ? { mandate: author.mandateId } : {}),
    };
  }
  // New children without their per-child answers: each answer kept follows its child (same date, same author);
  // a list that would miss a child, or is about no child at all, goes and is asked again.
  if ('children' in given)
    for (const key of perChildKeys) {
      const fact = next[key];
      if (!fact || key in given) continue;
      const children = Array.isArray(given.children) ? (given.children as string[]) : [];
      const moved = followChildren(fact.v, before.children?.v, children);
      if (moved && moved.length > 0) next[key] = { ...fact, v: moved };
      else delete next[key];
    }
  return next;
}

// ── The file's form ───────────────────────────────────────────────────────────────────────────────────

const maxNameLength = 100;

/** Whether a question page of the file's form has anything typed in. */
function filled(form: FormValues, fields: readonly string[]): boolean {
  return fields.some((f) => {
    const v = form[f];
    return (Array.isArray(v) ? v.join('') : (v ?? '')).trim() !== '';
  });
}

/**
 * Reads the file's one-page form with the navigator's own readers (the same checks, the same French messages: a
 * birth date in the future, a negative income are refused next to their field). A page left empty removes its
 * facts; the partner's pages are read only for a couple. Returns every fact of the form, or the errors.
 */
export function readFileForm(
  form: FormValues,
  ctx: AnswerContext,
): { facts: Record<string, unknown> } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  for (const key of identityKeys) {
    const value = single(form, key);
    if (value.length > maxNameLength)
      errors.push({ field: key, message: `Ce champ compte au plus ${maxNameLength} caractères.` });
    out[key] = value === '' ? undefined : value;
  }
  let answers: Answers = {};
  for (const id of fileQuestionIds) {
    const def = questions[id];
    const isPartner = def.inputs.some((i) => 'member' in i.slot && i.slot.member === 'partner');
    const keys = def.inputs.length > 0 ? def.inputs.map((i) => i.form.key) : [id];
    // The children are always read, as in the navigator: an empty list says there is none.
    const empty = id !== 'children' && !filled(form, def.fields);
    if (empty || (isPartner && answers.couple !== true)) {
      for (const key of keys) out[key] = undefined;
      continue;
    }
    const result = def.read(form, ctx, answers);
    if ('errors' in result) errors.push(...result.errors);
    else answers = { ...answers, ...result.patch };
  }
  if (errors.length > 0) return { errors };
  // Without children, nothing is kept about them (a rate typed on an empty row of the form).
  if ((answers.children ?? []).length === 0)
    for (const key of [...perChildKeys, 'childSupport']) delete (answers as Record<string, unknown>)[key];
  for (const [key, value] of Object.entries(householdOf(answers))) out[key] = value;
  // A page read but whose input does not apply (a rent for an owner) is cleared.
  for (const id of fileQuestionIds)
    for (const input of questions[id].inputs)
      if ((answers as Record<string, unknown>)[input.form.key] === undefined) out[input.form.key] = undefined;
  const received = form[receivedKey];
  const list = (Array.isArray(received) ? received : received ? [received] : []).filter((id) =>
    benefits.some((b) => b.id === id),
  );
  out[receivedKey] = list.length > 0 ? [...new Set(list)] : undefined;
  return { facts: out };
}

/** The file's facts as the form's values (to pre-fill it), expired facts included: the resident sees them. */
export function formValuesOf(facts: StoredFacts): FormValues {
  const values: FormValues = {};
  for (const key of identityKeys)
    values[key] = typeof facts[key]?.v === 'string' ? (facts[key].v as string) : '';
  const answers = answersFromFacts(facts, '0000-01-01', true);
  for (const id of fileQuestionIds) {
    const def = questions[id];
    for (const input of def.inputs) {
      if ('child' in input.slot) continue;
      const v = (answers as Record<string, AnswerValue | undefined>)[input.form.key];
      values[input.form.key] = v === undefined ? '' : controlTextOf(input.form, v);
    }
  }
  values.commune = answers.commune ?? '';
  (answers.children ?? []).forEach((date, i) => (values[`child${i + 1}`] = date));
  Object.assign(values, childValues(answers));
  const received = facts[receivedKey]?.v;
  values[receivedKey] = Array.isArray(received) ? (received as string[]) : [];
  return values;
}

function controlTextOf(form: FormSpec, value: AnswerValue): string {
  switch (form.control.kind) {
    case 'money':
    case 'percent':
      return String(value).replace('.', ',');
    case 'yes-no':
      return value ? 'oui' : 'non';
    case 'gir':
      return value === null ? 'aucun' : String(value);
    default:
      return String(value);
  }
}

// ── Words ────────────────────────────────────────────────────────────────────────────────────────────

/** The French name of a fact. */
export function factLabel(key: string): string {
  if (key === 'firstName') return 'Prénom';
  if (key === 'lastName') return 'Nom';
  if (key === receivedKey) return 'Aides déjà perçues';
  if (key === 'commune') return 'Commune';
  if (key === 'children') return 'Enfants à charge (dates de naissance)';
  const input = inputByKey.get(key);
  if (!input) return key;
  // A field of a page of several inputs has its own label; a page of one input, its question.
  const page = questions[input.form.page as QuestionId];
  return page && page.inputs.length > 1 ? input.form.label : input.form.title;
}

/** A fact's value in plain French. */
export function factText(
  key: string,
  value: unknown,
  communes: { inseeCode: string; name: string }[] = [],
): string {
  if (value === undefined) return '—';
  if (key === 'commune') return communes.find((c) => c.inseeCode === value)?.name ?? String(value);
  if (key === 'children') {
    const list = value as string[];
    return list.length === 0 ? 'Aucun' : list.map(frenchDay).join(', ');
  }
  if (key === receivedKey) {
    const ids = value as string[];
    return ids.length === 0
      ? 'Aucune'
      : ids.map((id) => benefits.find((b) => b.id === id)?.label ?? id).join(', ');
  }
  const input = inputByKey.get(key);
  if (input && 'child' in input.slot && input.slot.perChild && Array.isArray(value)) {
    // One answer per child, in the order of the children's list: named by their rank.
    const parts = (value as (AnswerValue | null)[]).flatMap((v, i) =>
      v === null ? [] : [`${rank(i)} enfant : ${showControl(input.form.control, v)}`],
    );
    return parts.length === 0 ? 'sans objet' : parts.join(' ; ');
  }
  if (input) return showControl(input.form.control, value as AnswerValue);
  return String(value);
}

/** « 1er », « 2e »… in French. */
function rank(index: number): string {
  return index === 0 ? '1er' : `${index + 1}e`;
}

/** Who gave a fact, in plain French for the resident. */
export function sourceText(
  fact: StoredFact,
  residentId: string,
  helperNames: Map<string, string> = new Map(),
): string {
  if (fact.via === 'franceconnect') return 'FranceConnect';
  if (fact.by === residentId) return 'vous';
  if (fact.via === 'mandate')
    return `${fact.by ? (helperNames.get(fact.by) ?? 'votre aidant') : 'votre aidant'} (sous mandat)`;
  return 'un agent';
}

// ── Scopes of mandates (the Aidants Connect list of démarches) ────────────────────────────────────────

/** The scopes of a mandate, as Aidants Connect lists the démarches. */
export const mandateScopes = [
  ['papiers', 'Papiers - Citoyenneté', 'état civil, carte d’identité, passeport, élections'],
  ['famille', 'Famille', 'allocations familiales, naissance, mariage, Pacs, scolarité'],
  ['social', 'Social - Santé', 'carte Vitale, chômage, handicap, RSA, personnes âgées'],
  ['travail', 'Travail', 'contrat, retraite, formation, création d’activité'],
  ['logement', 'Logement', 'aides au logement, logement social, fin de bail'],
  ['transports', 'Transports', 'carte grise, permis de conduire'],
  ['argent', 'Argent', 'impôts, crédit, surendettement'],
  ['justice', 'Justice', 'casier judiciaire, plainte, aide juridictionnelle'],
  ['etranger', 'Étranger', 'titre de séjour, regroupement familial'],
  ['loisirs', 'Loisirs', 'animaux, permis bateau ou de chasser'],
] as const;
export type MandateScope = (typeof mandateScopes)[number][0];
export const scopeIds: readonly MandateScope[] = mandateScopes.map((s) => s[0]);

/** Whether a value is a scope. */
export function isScope(value: string): value is MandateScope {
  return (scopeIds as readonly string[]).includes(value);
}

/** The French title of a scope. */
export function scopeLabel(scope: string): string {
  return mandateScopes.find((s) => s[0] === scope)?.[1] ?? scope;
}

/**
 * The démarches each benefit belongs to. Which facts a scope opens is derived from it: a fact is seen under a
 * scope when a benefit of that scope reads it in the rules (rights/needs.ts). A benefit missing here falls under
 * "Social - Santé" and "Argent".
 */
const benefitScopes: Record<string, readonly MandateScope[]> = {
  rsa: ['social', 'argent'],
  'prime-activite': ['social', 'argent', 'travail'],
  'allocations-familiales': ['famille'],
  'paje-allocation-base': ['famille'],
  'paje-prime-naissance': ['famille'],
  aah: ['social'],
  css: ['social'],
  'apa-domicile': ['social'],
  'cheque-energie': ['logement', 'argent'],
  acre: ['travail'],
  'micro-entrepreneur-cotisations': ['travail'],
  // The child support is a family matter; a child's MDPH rate is health data, under "handicap" as the
  // resident's own rate (Aidants Connect lists the handicap under "Social - Santé").
  asf: ['famille'],
  aeeh: ['social'],
};

let scopesByKey: Map<string, ReadonlySet<MandateScope>> | undefined;

/** Facts every scope opens: who the resident is, where they live, who their children are. */
const openToEveryScope = new Set<string>([...identityKeys, 'birthDate', 'commune', 'children']);

/** The scopes under which a helper may see a fact; identity, commune and children under every scope. */
export function scopesOfFact(key: string): ReadonlySet<MandateScope> {
  if (openToEveryScope.has(key)) return new Set(scopeIds);
  if (!scopesByKey) {
    scopesByKey = new Map();
    const needs = inputsBenefitsMayNeed();
    // An input the rules do not read by itself (the care recommended for a child, read with its rate) goes with
    // the inputs of its page.
    const rulesOfPage = (page: string) =>
      [...inputByKey.values()].flatMap((i) => (i.form.page === page && i.rule ? [i.rule] : []));
    for (const [inputKey, input] of inputByKey) {
      const scopes = new Set<MandateScope>();
      const rules = input.rule ? [input.rule] : rulesOfPage(input.form.page);
      for (const b of benefits)
        if (rules.some((rule) => needs.get(b.id)?.has(rule as never)))
          for (const s of benefitScopes[b.id] ?? ['social', 'argent']) scopes.add(s as MandateScope);
      // An input no benefit reads yet still belongs somewhere: the home under "Logement", the rest under
      // "Social - Santé" (the general social help of Aidants Connect's list).
      const fallback: MandateScope[] =
        'path' in input.slot && input.slot.path.includes('housing') ? ['logement'] : ['social'];
      scopesByKey.set(inputKey, scopes.size > 0 ? scopes : new Set(fallback));
    }
  }
  return scopesByKey.get(key) ?? new Set(scopeIds);
}

/** Whether a fact may be seen under a mandate of these scopes. */
export function factOpenTo(key: string, scopes: readonly string[]): boolean {
  const allowed = scopesOfFact(key);
  return scopes.some((s) => allowed.has(s as MandateScope));
}

// ── Documents ─────────────────────────────────────────────────────────────────────────────────────────

/** The kinds of documents of a file, their French name, and the scopes that open them (all when empty). */
export const documentKinds = [
  ['identite', 'Pièce d’identité', []],
  ['domicile', 'Justificatif de domicile', []],
  ['avis-imposition', 'Avis d’impôt sur le revenu', ['argent', 'famille', 'social', 'logement']],
  ['bulletin-salaire', 'Bulletin de salaire', ['travail', 'argent', 'social']],
  [
    'attestation-droits',
    'Attestation de droits (CAF, France Travail, CPAM…)',
    ['social', 'famille', 'travail'],
  ],
  ['rib', 'Relevé d’identité bancaire', ['argent', 'social', 'famille']],
  ['livret-famille', 'Livret de famille', ['famille', 'papiers']],
  ['quittance-loyer', 'Quittance de loyer ou bail', ['logement']],
  ['decision-mdph', 'Décision de la MDPH', ['social']],
  ['autre', 'Autre document', []],
] as const;
export type DocumentKind = (typeof documentKinds)[number][0];

/** Whether a value is a document kind. */
export function isDocumentKind(value: string): value is DocumentKind {
  return documentKinds.some((k) => k[0] === value);
}

/** The French name of a document kind. */
export function documentKindLabel(kind: string): string {
  return documentKinds.find((k) => k[0] === kind)?.[1] ?? kind;
}

/** Whether a document of this kind may be seen under a mandate of these scopes. */
export function documentOpenTo(kind: string, scopes: readonly string[]): boolean {
  const allowed = documentKinds.find((k) => k[0] === kind)?.[2] ?? [];
  return allowed.length === 0 || scopes.some((s) => (allowed as readonly string[]).includes(s));
}

/** Whether a question page of the file's form is answered by the file (for the count of questions avoided). */
export function pageAnswered(id: QuestionId, answers: Answers): boolean {
  return isAnswered(id, answers) && !answers.skipped?.includes(id);
}

/**
 * What a save of the file's form writes: new facts, changed ones, removed ones (left empty), and unchanged facts
 * that were too old (shown and sent again: confirmed, their date renewed). Unchanged valid facts keep their date
 * and their author.
 */
export function effectiveChanges(
  facts: StoredFacts,
  submitted: Record<string, unknown>,
  today: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const stored = factsInFileOrder(facts);
  for (const [key, value] of Object.entries(inFileOrder(submitted))) {
    if (!isFactKey(key)) continue;
    const fact = stored[key];
    if (value === undefined) {
      if (fact) out[key] = undefined;
    } else if (!fact || !sameValue(key, fact.v, value) || !isValid(key, fact, today)) out[key] = value;
  }
  return out;
}
