// The navigator's pure parts: content files, questions, the questionnaire's choice of questions, places, ICS.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import {
  checkLifeEvent,
  lifeEventIds,
  lifeEventLinks,
  lifeEvents,
  lifeEvent,
  reviewText,
} from './life-events.ts';
import { questionnaireFor, nextQuestion } from './questionnaire.ts';
import { questions, readAmount, readDate, toEstimationRequest, type AnswerContext } from './questions.ts';
import { choosePlace, epciOf } from './plan.ts';
import { communeCentre, distanceKm } from '../territory/geo.ts';
import { escapeText, foldLine } from '../../platform/icalendar.ts';
import type { Place } from '../territory/store.ts';

const ctx: AnswerContext = {
  today: '2026-11-27',
  eventLabel: 'Date',
  maxPastDays: 365,
  maxFutureDays: 280,
  communes: [{ inseeCode: '46042', name: 'Cahors' }],
};

describe('life event content', () => {
  it('has the ten moments of life, each reviewed, sourced, with procedures linked to an official fiche', () => {
    const events = lifeEvents();
    expect([...events.keys()].sort()).toEqual([...lifeEventIds].sort());
    for (const event of events.values()) {
      expect(event.lastReview).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(event.sources.length).toBeGreaterThan(0);
      expect(event.procedures.length).toBeGreaterThanOrEqual(3);
      for (const p of event.procedures) {
        expect(p.fiche.url).toMatch(/^https:\/\//);
        // Plain French: short sentences, one idea each.
        for (const step of p.steps) expect(step.length, step).toBeLessThanOrEqual(130);
      }
    }
  });

  it('refuses a content file with an unknown organisation or a straight apostrophe', () => {
    const birth = structuredClone(lifeEvent('birth'));
    expect(() =>
      checkLifeEvent('birth.json', {
        ...birth,
        procedures: [{ ...birth.procedures[0]!, organisation: 'banque' }],
      }),
    ).toThrow(/organisation inconnue/);
    expect(() =>
      checkLifeEvent('birth.json', {
        ...birth,
        procedures: [{ ...birth.procedures[0]!, title: "Déclarer l'enfant" }],
      }),
    ).toThrow(/apostrophe/);
    expect(() => checkLifeEvent('adoption.json', birth)).toThrow(/birth\.json/);
  });

  it('refuses a procedure without an urgency, with a malformed condition or a misspelt field', () => {
    const birth = structuredClone(lifeEvent('birth'));
    const first = birth.procedures[0]!;
    const withProcedure = (p: object) => ({ ...birth, procedures: [p] });
    expect(() => checkLifeEvent('birth.json', withProcedure({ ...first, urgency: 'asap' }))).toThrow(
      /procedures\[0\]\.urgency doit valoir immediately, soon, later/,
    );
    expect(() =>
      checkLifeEvent('birth.json', withProcedure({ ...first, conditions: [{ fact: 'age', over: 60 }] })),
    ).toThrow(/procedures\[0\]\.conditions\[0\] : age demande atLeast et\/ou under/);
    expect(() => checkLifeEvent('birth.json', withProcedure({ ...first, conditions: [] }))).toThrow(
      /conditions doit être une liste non vide/,
    );
    // A misspelt "conditions" would otherwise be ignored, and the step shown to everyone.
    expect(() =>
      checkLifeEvent(
        'birth.json',
        withProcedure({ ...first, condition: [{ fact: 'eventAhead', is: true }] }),
      ),
    ).toThrow(/champ inconnu « condition »/);
    expect(() =>
      checkLifeEvent('birth.json', withProcedure({ ...first, deadline: { ...first.deadline, days: '5' } })),
    ).toThrow(/deadline\.days doit être un entier/);
    expect(() =>
      checkLifeEvent(
        'birth.json',
        withProcedure({ ...first, deadline: { ...first.deadline, endOfYear: 'oui' } }),
      ),
    ).toThrow(/deadline\.endOfYear doit être true ou false/);
    expect(() => checkLifeEvent('birth.json', { ...birth, reviewedBy: 'CAF' })).toThrow(
      /champ inconnu « reviewedBy »/,
    );
  });

  it('keeps the internal review note out of what the app reads: no page can show it', () => {
    const raw = JSON.parse(fs.readFileSync(path.resolve('content/life-events/birth.json'), 'utf8'));
    expect(raw.internalNote).toMatch(/relecture à faire par la CAF du Lot/i);
    for (const event of lifeEvents().values()) {
      expect(event).not.toHaveProperty('internalNote');
      expect(JSON.stringify(event)).not.toMatch(/relecture|relire/i);
    }
    expect(reviewText(lifeEvent('birth'))).toBe(
      'Informations vérifiées le 6 décembre 2026 d’après service-public.fr et les textes officiels cités.',
    );
  });

  it('says on the home tiles how a company differs from a micro-enterprise', () => {
    const tile = (id: string) => lifeEventLinks.find((l) => l.id === id)!;
    expect(tile('business-creation').hint).toMatch(/société.*SARL.*SAS/);
    expect(tile('self-employment').hint).toMatch(/micro-entreprise \(auto-entrepreneur\)/);
    expect(tile('self-employment').hint).toMatch(/sans créer de société/);
  });
});

describe('questions', () => {
  it('reads dates and amounts the way people type them', () => {
    expect(readDate('01/06/2026')).toBe('2026-06-01');
    expect(readDate('1/6/2026')).toBe('2026-06-01');
    expect(readDate('2026-06-01')).toBe('2026-06-01');
    expect(readDate('31/02/2026')).toBeNull();
    expect(readAmount('1 200,50 €')).toBe(1200.5);
    expect(readAmount('-3')).toBe(-3);
    expect(readAmount('douze')).toBeNaN();
  });

  it('refuses a future birth date, a negative income, a rent missing for a tenant, in French, field by field', () => {
    expect(questions.birthDate.read({ birthDate: '2027-01-01' }, ctx, {})).toEqual({
      errors: [{ field: 'birthDate', message: 'La date de naissance ne peut pas être dans le futur.' }],
    });
    expect(questions.earnings.read({ earnings: '-1' }, ctx, {})).toEqual({
      errors: [{ field: 'earnings', message: 'Le montant ne peut pas être négatif.' }],
    });
    expect(questions.housing.read({ housingStatus: 'tenant' }, ctx, {})).toMatchObject({
      errors: [{ field: 'monthlyRent' }],
    });
    expect(questions.housing.read({ housingStatus: 'owner' }, ctx, {})).toEqual({
      patch: { housingStatus: 'owner', monthlyRent: undefined },
    });
    const partner = questions.partner.read(
      { partnerBirthDate: '2030-01-01', partnerEarnings: '-5', partnerReplacementIncome: '0' },
      ctx,
      {},
    );
    expect('errors' in partner && partner.errors.map((e) => e.field)).toEqual([
      'partnerBirthDate',
      'partnerEarnings',
    ]);
    expect(questions.commune.read({ commune: '75056' }, ctx, {})).toMatchObject({
      errors: [{ field: 'commune' }],
    });
  });

  it('never accepts a negative amount, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (typed) => {
        const result = questions.earnings.read({ earnings: typed }, ctx, {});
        if ('patch' in result) expect(result.patch.earnings).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('builds the estimation request: a child not born yet is a pregnancy, a business gets its creation date', () => {
    const expected = toEstimationRequest(
      'birth',
      { eventDate: '2027-02-01', couple: false },
      '2027-02',
      '2026-11-27',
    );
    expect(expected.household.members).toEqual([{ role: 'applicant', pregnant: true }]);
    const born = toEstimationRequest(
      'birth',
      { eventDate: '2026-11-20', children: ['2020-01-01'] },
      '2026-11',
      '2026-11-27',
    );
    expect(born.household.members.filter((m) => m.role === 'child').map((m) => m.birthDate)).toEqual([
      '2026-11-20',
      '2020-01-01',
    ]);
    expect(
      toEstimationRequest('self-employment', { eventDate: '2026-12-01', turnover: 20000 }, '2026-12')
        .business,
    ).toEqual({ creationDate: '2026-12-01', annualTurnover: 20000 });
  });
});

describe('the questionnaire asks only what the plan needs', () => {
  it('asks the date and the commune first, then only questions of this moment of life', () => {
    const birth = lifeEvent('birth');
    const list = questionnaireFor(birth, {}, '2026-11-27');
    expect(list.slice(0, 2)).toEqual(['eventDate', 'commune']);
    for (const q of list.slice(2)) expect(birth.questions).toContain(q);
    // No partner question unless the person lives as a couple.
    expect(list).not.toContain('partner');
  });

  it('first hire: the date, the commune and the salary, nothing about the household', () => {
    const hire = lifeEvent('first-hire');
    expect(questionnaireFor(hire, {}, '2026-11-27')).toEqual(['eventDate', 'commune', 'salary']);
    expect(
      nextQuestion(hire, { eventDate: '2026-12-01', commune: '46042', salary: 2000 }, '2026-11-27'),
    ).toBeNull();
  });

  it('business creation: asks whether an ACRE group applies only from 26 on, when the ACRE is asked for', () => {
    const creation = lifeEvent('business-creation');
    const base = {
      eventDate: '2026-11-02',
      commune: '46042',
      businessActivity: 'sale' as const,
      turnover: 30000,
      acre: true,
    };
    expect(questionnaireFor(creation, { ...base, birthDate: '1985-03-01' }, '2026-11-27')).toContain(
      'acreGroup',
    );
    expect(questionnaireFor(creation, { ...base, birthDate: '2003-03-01' }, '2026-11-27')).not.toContain(
      'acreGroup',
    );
    expect(
      questionnaireFor(creation, { ...base, acre: false, birthDate: '1985-03-01' }, '2026-11-27'),
    ).not.toContain('acreGroup');
  });

  it('loss of autonomy: asks about the restriction of access to employment only for a rate of 50 to 79 %', () => {
    const autonomy = lifeEvent('autonomy-loss');
    const base = { eventDate: '2026-11-02', commune: '46042', birthDate: '1985-03-01', gir: null };
    expect(questionnaireFor(autonomy, { ...base, disabilityPercent: 60 }, '2026-11-27')).toContain(
      'employmentRestriction',
    );
    expect(questionnaireFor(autonomy, { ...base, disabilityPercent: 85 }, '2026-11-27')).not.toContain(
      'employmentRestriction',
    );
    expect(questionnaireFor(autonomy, { ...base, disabilityPercent: 30 }, '2026-11-27')).not.toContain(
      'employmentRestriction',
    );
  });

  it('a skipped question is not asked again', () => {
    const loss = lifeEvent('job-loss');
    const first = nextQuestion(loss, { eventDate: '2026-11-01', commune: '46042' }, '2026-11-27');
    expect(first).not.toBeNull();
    const after = nextQuestion(
      loss,
      { eventDate: '2026-11-01', commune: '46042', skipped: [first!] },
      '2026-11-27',
    );
    expect(after).not.toBe(first);
  });
});

function place(
  slug: string,
  kind: string,
  organisation: string,
  commune: string | null,
  address: string | null = 'rue',
  point: { latitude: number; longitude: number } | null = null,
): Place {
  return {
    id: slug,
    slug,
    territoryId: 'cahors',
    name: slug,
    kind,
    organisation: { id: organisation, slug: organisation, kind: organisation, name: organisation },
    address,
    addressComplement: null,
    postalCode: null,
    commune: commune ? { inseeCode: commune, name: commune } : null,
    latitude: point?.latitude ?? null,
    longitude: point?.longitude ?? null,
    phone: null,
    email: null,
    openingHours: [],
    hoursNote: null,
    toComplete: address ? null : 'à compléter',
    source: '',
    openOnPublicHolidays: false,
    closures: [],
    updatedAt: new Date(0),
  };
}

describe('choosing the place by distance', () => {
  // The France Services sites at their ANCT coordinates (list of 1 August 2024).
  const catus = place('fs-catus', 'france-services', 'france-services', '46064', 'rue', {
    latitude: 44.55631,
    longitude: 1.336253,
  });
  const saintGery = place('fs-saint-gery-vers', 'france-services', 'france-services', '46268', 'rue', {
    latitude: 44.47727,
    longitude: 1.580658,
  });
  const lalbenque = place('fs-lalbenque', 'france-services', 'france-services', '46148', 'rue', {
    latitude: 44.337389,
    longitude: 1.548114,
  });
  const places = [
    catus,
    saintGery,
    lalbenque,
    place('mairie-cahors', 'office', 'mairie', '46042'),
    place('dgfip-cahors', 'office', 'dgfip', '46042'),
    place('mdph-cahors', 'office', 'mdph', '46042'),
    place('arret-bus-arcambal', 'bus-stop', 'france-services', '46007'),
  ];

  it('sends a resident of Cahors to the nearest France Services, not to Catus', () => {
    // Centre of Cahors (seeds/communes-centres-46.json): 44.45072 N, 1.44062 E. Haversine distances, R = 6371 km:
    // Saint-Géry-Vers Δlat 0.02655°, Δlon 0.14004° → √(2.952² + 11.103²) ≈ 11.5 km;
    // Catus Δlat 0.10559°, Δlon 0.10437° → √(11.741² + 8.276²) ≈ 14.4 km;
    // Lalbenque Δlat 0.11333°, Δlon 0.10749° → √(12.602² + 8.524²) ≈ 15.2 km.
    const chosen = choosePlace('caf', '46042', places);
    expect(chosen).toMatchObject({
      place: { slug: 'fs-saint-gery-vers' },
      reason: 'nearest-france-services',
      distanceKm: 11.5,
    });
    expect(
      distanceKm(communeCentre('46042')!, saintGery as { latitude: number; longitude: number }),
    ).toBeCloseTo(11.5, 0);
    expect(distanceKm(communeCentre('46042')!, catus as { latitude: number; longitude: number })).toBeCloseTo(
      14.4,
      0,
    );
  });

  it('sends a resident of Pradines to Catus, the nearest site from Pradines', () => {
    // Centre of Pradines: 44.46473 N, 1.38916 E. Catus Δlat 0.09158°, Δlon 0.05291° → √(10.183² + 4.196²) ≈ 11.0 km;
    // Saint-Géry-Vers Δlat 0.01254°, Δlon 0.1915° → ≈ 15.2 km; Lalbenque ≈ 18.9 km.
    expect(choosePlace('cpam', '46224', places)).toMatchObject({ place: { slug: 'fs-catus' } });
  });

  it('prefers what is in the resident’s commune: the own office, a site, then the bus stop', () => {
    expect(choosePlace('dgfip', '46042', places)).toMatchObject({
      place: { slug: 'dgfip-cahors' },
      reason: 'same-commune',
    });
    expect(choosePlace('dgfip', '46064', places)).toMatchObject({
      place: { slug: 'fs-catus' },
      reason: 'france-services-commune',
    });
    // Arcambal has no France Services site, but the bus stops there.
    expect(choosePlace('caf', '46007', places)).toMatchObject({
      place: { slug: 'arret-bus-arcambal' },
      reason: 'france-services-commune',
    });
    // Another commune's bus stop is never offered: Espère (46095) has none, so the nearest fixed site.
    expect(choosePlace('caf', '46095', places)?.place.kind).toBe('france-services');
  });

  it('sends partners outside the network to their own office, and nowhere else for communal services', () => {
    // The MDPH is not a France Services partner: its office in Cahors, even from Catus.
    expect(choosePlace('mdph', '46064', places)).toMatchObject({
      place: { slug: 'mdph-cahors' },
      reason: 'nearest-office',
    });
    expect(choosePlace('mairie', '46042', places)?.place.slug).toBe('mairie-cahors');
    expect(choosePlace('mairie', '46064', places)).toBeNull();
  });

  it('falls back on the office, then on any site, without a commune', () => {
    expect(choosePlace('dgfip', null, places)?.place.slug).toBe('dgfip-cahors');
    expect(choosePlace('caf', null, places)?.place.kind).toBe('france-services');
    // The epci helper still answers (Catus and Cahors are both in the CA du Grand Cahors).
    expect(epciOf('46064')).toBe(epciOf('46042'));
  });
});

describe('iCalendar text', () => {
  it('escapes commas, semicolons, backslashes and new lines', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('folds at 75 octets without cutting a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const folded = foldLine(`DESCRIPTION:${text}`);
        for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
        expect(folded.split('\r\n ').join('')).toBe(`DESCRIPTION:${text}`);
      }),
    );
  });
});
