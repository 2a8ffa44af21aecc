// The facts of the resident's file, without I/O: their validity by kind, what a questionnaire takes from them,
// what a save writes, how the file's form refuses impossible answers (the navigator's own readers), and which
// facts a mandate's scope opens — all derived from the registry of household inputs and the rules.
import { describe, expect, it } from 'vitest';
import { inputByKey } from '../rights/household-inputs.ts';
import {
  answersFromFacts,
  applyChanges,
  changesFrom,
  documentOpenTo,
  effectiveChanges,
  factOpenTo,
  householdKeys,
  isValid,
  readFileForm,
  validUntil,
  validityOf,
  type StoredFacts,
} from './facts.ts';
import { mandateEnd } from './mandates.ts';

const resident = { id: '00000000-0000-4000-8000-000000000001', role: 'resident' as const };
const fact = (v: unknown, at: string): StoredFacts[string] => ({
  v,
  at,
  by: resident.id,
  role: 'resident',
  via: 'resident',
});
const communes = [{ inseeCode: '46042', name: 'Cahors' }];
const ctx = { today: '2026-12-06', eventLabel: '', maxPastDays: 0, maxFutureDays: 0, communes };

describe('validity of a fact, by its kind', () => {
  it('asks a monthly amount again after 3 months, the household after 12, a birth date never', () => {
    expect(validityOf('earnings').months).toBe(3);
    expect(validityOf('replacementIncome').months).toBe(3);
    expect(validityOf('housingAid').months).toBe(3);
    expect(validityOf('couple').months).toBe(12);
    expect(validityOf('children').months).toBe(12);
    expect(validityOf('annualResources').months).toBe(12);
    expect(validityOf('birthDate').months).toBeNull();
    expect(validityOf('firstName').months).toBeNull();
  });

  it('asks the child support again after 3 months (a monthly amount), a child’s MDPH rate and care after 12', () => {
    expect(validityOf('childSupport')).toEqual({
      months: 3,
      label: 'montant mensuel : à confirmer tous les 3 mois',
    });
    expect(validityOf('childRates')).toEqual({
      months: 12,
      label: 'décision de la MDPH : à confirmer tous les 12 mois',
    });
    expect(validityOf('childCare').months).toBe(12);
    expect(validityOf('disabilityPercent').label).toBe('décision de la MDPH : à confirmer tous les 12 mois');
  });

  it('derives the kind of every input of the registry from its control and its name', () => {
    for (const [key, input] of inputByKey) {
      const months = validityOf(key).months;
      if (input.form.control.kind === 'birth-date') expect(months, key).toBeNull();
      else expect([3, 12], key).toContain(months);
    }
  });

  it('is valid until the same day 3 months later, excluded', () => {
    const earnings = fact(1200, '2026-09-06T10:00:00.000Z');
    expect(validUntil('earnings', earnings.at)).toBe('2026-12-06');
    expect(isValid('earnings', earnings, '2026-12-05')).toBe(true);
    expect(isValid('earnings', earnings, '2026-12-06')).toBe(false);
  });
});

describe('what a questionnaire takes from the file', () => {
  const facts: StoredFacts = {
    couple: fact(false, '2026-06-01T00:00:00.000Z'),
    earnings: fact(900, '2026-06-01T00:00:00.000Z'), // more than 3 months old on 6 December
    birthDate: fact('1990-04-12', '2020-01-01T00:00:00.000Z'),
    children: fact(['2019-05-02'], '2026-11-01T00:00:00.000Z'),
    firstName: fact('Camille', '2026-11-01T00:00:00.000Z'),
  };

  it('takes only the household facts still valid, never the identity', () => {
    expect(answersFromFacts(facts, '2026-12-06')).toEqual({
      couple: false,
      birthDate: '1990-04-12',
      children: ['2019-05-02'],
    });
  });

  it('takes the answers about the children with the children they were given for, the rates saying the box ticked', () => {
    const withChildren: StoredFacts = {
      ...facts,
      children: fact(['2019-05-02', '2022-01-10'], '2026-11-01T00:00:00.000Z'),
      childSupport: fact(0, '2026-11-01T00:00:00.000Z'),
      childRates: fact([60, 0], '2026-11-01T00:00:00.000Z'),
      childCare: fact([true, null], '2026-11-01T00:00:00.000Z'),
    };
    expect(answersFromFacts(withChildren, '2026-12-06')).toMatchObject({
      childSupport: 0,
      childRates: [60, 0],
      childCare: [true, null],
      childDisabled: true,
    });
    // Three months later the child support is too old; the rates still hold.
    expect(answersFromFacts(withChildren, '2027-01-31').childSupport).toBe(0);
    expect(answersFromFacts(withChildren, '2027-02-01').childSupport).toBeUndefined();
    expect(answersFromFacts(withChildren, '2027-02-01').childRates).toEqual([60, 0]);
    // Rates too old are asked again: not taken, but the children are still said to have a disability.
    const later = answersFromFacts(
      { ...withChildren, children: fact(['2019-05-02', '2022-01-10'], '2027-11-01T00:00:00.000Z') },
      '2027-11-02',
    );
    expect(later.childRates).toBeUndefined();
    expect(later.childDisabled).toBe(true);
    // Rates given for other children (one more born since) are not taken.
    const more = answersFromFacts(
      {
        ...withChildren,
        children: fact(['2019-05-02', '2022-01-10', '2026-10-01'], '2026-11-01T00:00:00.000Z'),
      },
      '2026-12-06',
    );
    expect(more.childRates).toBeUndefined();
    expect(more.childCare).toBeUndefined();
    expect(more.childDisabled).toBeUndefined();
    expect(more.childSupport).toBe(0);
  });

  it('says what answers would change in the file: new, changed, and old ones answered the same', () => {
    const changes = changesFrom(
      facts,
      { couple: true, earnings: 900, housingStatus: 'tenant', birthDate: '1990-04-12' },
      '2026-12-06',
    );
    expect(changes.map((c) => `${c.key}:${c.kind}`).sort()).toEqual([
      'couple:changed',
      'earnings:confirmed',
      'housingStatus:new',
    ]);
  });

  it('writes new, changed, removed and confirmed facts, and leaves the unchanged valid ones as they were', () => {
    const submitted = {
      couple: false,
      earnings: 900,
      birthDate: '1990-04-12',
      children: undefined,
      housingStatus: 'owner',
    };
    const changes = effectiveChanges(facts, submitted, '2026-12-06');
    expect(changes).toEqual({ earnings: 900, children: undefined, housingStatus: 'owner' });
    const next = applyChanges(
      facts,
      changes,
      { actor: resident, via: 'resident' },
      new Date('2026-12-06T09:00:00Z'),
    );
    expect(next.children).toBeUndefined();
    expect(next.earnings!.at).toBe('2026-12-06T09:00:00.000Z');
    expect(next.couple).toEqual(facts.couple);
  });
});

describe('the answers about each child follow their child, whatever the order of the children', () => {
  const elder = '2016-03-10';
  const younger = '2021-09-01';
  const author = { actor: resident, via: 'resident' as const };
  const now = new Date('2026-12-06T09:00:00Z');
  /** Each child's rate and care, by birth date, as a questionnaire would take them from the file. */
  const byChild = (facts: StoredFacts) => {
    const answers = answersFromFacts(facts, '2026-12-06');
    return Object.fromEntries(
      (answers.children ?? []).map((date, i) => [
        date,
        { rate: answers.childRates?.[i], care: answers.childCare?.[i] },
      ]),
    );
  };

  it('keeps the rates with their children when the children, too old, are confirmed in another order', () => {
    // The children were said 13 months ago (to be confirmed), the rates a month ago: the elder 60 %, with care.
    const facts: StoredFacts = {
      children: fact([elder, younger], '2025-11-01T00:00:00.000Z'),
      childRates: fact([60, 0], '2026-11-01T00:00:00.000Z'),
      childCare: fact([true, null], '2026-11-01T00:00:00.000Z'),
    };
    // The form typed younger first, with the same rates on the same children.
    const read = readFileForm(
      { child1: younger, childRate1: '0', child2: elder, childRate2: '60', childCare2: 'oui' },
      ctx,
    );
    if ('errors' in read) throw new Error(JSON.stringify(read.errors));
    const changes = effectiveChanges(facts, read.facts, '2026-12-06');
    // The children are confirmed (too old); the rates, the same for the same children, are not rewritten.
    expect(changes.children).toEqual([elder, younger]);
    expect('childRates' in changes).toBe(false);
    const next = applyChanges(facts, changes, author, now);
    expect(byChild(next)).toEqual({
      [elder]: { rate: 60, care: true },
      [younger]: { rate: 0, care: null },
    });
    expect(next.childRates!.at).toBe('2026-11-01T00:00:00.000Z');
  });

  it('keeps a rate with its child when a questionnaire changes the children without asking the rates again', () => {
    // The younger has 80 %; a questionnaire says the children are now the younger and a newborn (the elder left
    // the household) and does not ask the rates (none of its benefits reads them).
    const facts: StoredFacts = {
      children: fact([elder, younger], '2026-11-01T00:00:00.000Z'),
      childRates: fact([0, 80], '2026-11-01T00:00:00.000Z'),
      childCare: fact([null, null], '2026-11-01T00:00:00.000Z'),
    };
    const newborn = '2026-11-20';
    const changed = changesFrom(facts, { children: [younger, newborn] }, '2026-12-06');
    const next = applyChanges(facts, Object.fromEntries(changed.map((c) => [c.key, c.after])), author, now);
    expect(next.children!.v).toEqual([younger, newborn]);
    // The newborn has no rate said: the rates go, to be asked again — never the elder's 0 % nor the younger's 80 %
    // left on the wrong child.
    expect(next.childRates).toBeUndefined();
    expect(next.childCare).toBeUndefined();

    // Only the elder leaves: the younger keeps their 80 %, said (and dated) as before.
    const left = applyChanges(facts, { children: [younger] }, author, now);
    expect(byChild(left)).toEqual({ [younger]: { rate: 80, care: null } });
    expect(left.childRates!.at).toBe('2026-11-01T00:00:00.000Z');
  });

  it('reads a file saved before the children were kept in order with each rate on its child', () => {
    const facts: StoredFacts = {
      children: fact([younger, elder], '2026-11-01T00:00:00.000Z'),
      childRates: fact([0, 60], '2026-11-01T00:00:00.000Z'),
      childCare: fact([null, true], '2026-11-01T00:00:00.000Z'),
    };
    expect(byChild(facts)).toEqual({
      [elder]: { rate: 60, care: true },
      [younger]: { rate: 0, care: null },
    });
    // A save that changes only the support puts the children in order, their answers with them.
    const next = applyChanges(facts, { childSupport: 0 }, author, now);
    expect(next.children!.v).toEqual([elder, younger]);
    expect(next.childRates!.v).toEqual([60, 0]);
    expect(byChild(next)).toEqual(byChild(facts));
    // Twins (one birth date) keep the order given, each with their own answers.
    const twins = applyChanges(
      {},
      { children: [younger, elder, younger], childRates: [0, 60, 90] },
      author,
      now,
    );
    expect(twins.children!.v).toEqual([elder, younger, younger]);
    expect(twins.childRates!.v).toEqual([60, 0, 90]);
  });
});

describe('the file’s form, read with the navigator’s readers', () => {
  it('refuses a birth date in the future and a negative income, next to their field', () => {
    const read = readFileForm({ birthDate: '2030-01-01', earnings: '-5', couple: 'non' }, ctx);
    expect('errors' in read && read.errors).toEqual(
      expect.arrayContaining([
        { field: 'birthDate', message: 'La date de naissance ne peut pas être dans le futur.' },
        { field: 'earnings', message: 'Le montant ne peut pas être négatif.' },
      ]),
    );
  });

  it('reads French input, removes what is left empty, and ignores the partner of a person alone', () => {
    const read = readFileForm(
      {
        couple: 'non',
        partnerEarnings: '1500',
        earnings: '1 200,50 €',
        housingStatus: 'owner',
        monthlyRent: '450',
        commune: '46042',
        child1: '2019-05-02',
      },
      ctx,
    );
    if ('errors' in read) throw new Error(JSON.stringify(read.errors));
    expect(read.facts).toMatchObject({
      couple: false,
      earnings: 1200.5,
      housingStatus: 'owner',
      commune: '46042',
      children: ['2019-05-02'],
    });
    // A rent does not apply to an owner, the partner's pages to a person alone, an empty field removes its fact.
    expect('monthlyRent' in read.facts && read.facts.monthlyRent).toBeUndefined();
    expect(read.facts.partnerEarnings).toBeUndefined();
    expect('replacementIncome' in read.facts && read.facts.replacementIncome).toBeUndefined();
  });

  it('reads the answers about the children, one row per child, and keeps nothing of them without children', () => {
    const form = {
      child1: '2019-05-02',
      child2: '2022-01-10',
      childSupport: '120',
      childRate1: '85',
      childRate2: '55',
    };
    const refused = readFileForm(form, ctx);
    expect('errors' in refused && refused.errors).toEqual([
      { field: 'childCare2', message: 'Pour un taux de 50 à 79 %, répondez oui ou non.' },
    ]);
    const read = readFileForm({ ...form, childCare2: 'non' }, ctx);
    if ('errors' in read) throw new Error(JSON.stringify(read.errors));
    expect(read.facts).toMatchObject({ childSupport: 120, childRates: [85, 55], childCare: [null, false] });
    const none = readFileForm({ childSupport: '120', childRate1: '85' }, ctx);
    if ('errors' in none) throw new Error(JSON.stringify(none.errors));
    expect(none.facts.children).toEqual([]);
    expect(none.facts.childSupport).toBeUndefined();
    expect(none.facts.childRates).toBeUndefined();
  });

  it('knows every household key of the navigator', () => {
    for (const key of inputByKey.keys()) expect(householdKeys).toContain(key);
    expect(householdKeys).toEqual(expect.arrayContaining(['commune', 'children']));
  });
});

describe('what a mandate’s scopes open', () => {
  it('opens the family facts to "Famille", not the disability rate', () => {
    expect(factOpenTo('children', ['famille'])).toBe(true);
    expect(factOpenTo('annualResources', ['famille'])).toBe(true);
    expect(factOpenTo('birthDate', ['famille'])).toBe(true);
    expect(factOpenTo('disabilityPercent', ['famille'])).toBe(false);
    expect(factOpenTo('disabilityPercent', ['social'])).toBe(true);
    expect(factOpenTo('turnover', ['famille'])).toBe(false);
    // The child support is a family matter; a child's MDPH rate is health data, as the resident's own.
    expect(factOpenTo('childSupport', ['famille'])).toBe(true);
    expect(factOpenTo('childSupport', ['logement'])).toBe(false);
    expect(factOpenTo('childRates', ['famille'])).toBe(false);
    expect(factOpenTo('childRates', ['social'])).toBe(true);
    expect(factOpenTo('childCare', ['social'])).toBe(true);
    expect(factOpenTo('childCare', ['famille'])).toBe(false);
  });

  it('opens documents by their kind', () => {
    expect(documentOpenTo('livret-famille', ['famille'])).toBe(true);
    expect(documentOpenTo('decision-mdph', ['famille'])).toBe(false);
    expect(documentOpenTo('identite', ['logement'])).toBe(true);
  });

  it('lasts one day to twelve months, never more', () => {
    expect(mandateEnd('2026-12-06', '1j')).toBe('2026-12-07');
    expect(mandateEnd('2026-12-06', '3m')).toBe('2027-03-06');
    expect(mandateEnd('2026-12-06', '12m')).toBe('2027-12-06');
    expect(mandateEnd('2026-12-06', '13m')).toBeNull();
    expect(mandateEnd('2026-12-06', '2j')).toBeNull();
    expect(mandateEnd('2026-12-06', '0m')).toBeNull();
  });
});
