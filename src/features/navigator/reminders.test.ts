// Reminders without a database: when they leave, how long a private link lives, how the opt-in form is read,
// how the links are sealed, and what the messages say. Dates computed by hand in the comments.
import { describe, expect, it } from 'vitest';
import {
  consentSentence,
  linkExpiry,
  readReminderChoice,
  reminderSchedule,
  sealLinks,
  unsealLinks,
  type RemindableProcedure,
} from './reminders.ts';
import {
  daysLeftPhrase,
  deadlinePhrase,
  reminderMail,
  reminderSms,
  welcomeMail,
} from './views/reminder-text.ts';

// A birth on Monday 15 February 2027 in Cahors: the birth is declared within 5 days (Saturday 20 February, moved
// to Monday 22 February), the CAF and the Assurance maladie are advised within 30 days (17 March).
const birthPlan: RemindableProcedure[] = [
  {
    id: 'declare-birth',
    title: 'Déclarer la naissance',
    organisation: 'Mairie',
    deadline: '2027-02-22',
    legal: true,
    place: 'Mairie de Cahors, 73 boulevard Gambetta, 46000 Cahors',
  },
  {
    id: 'register-health-insurance',
    title: 'Inscrire l’enfant à l’Assurance maladie',
    organisation: 'Assurance maladie (CPAM)',
    deadline: '2027-03-17',
    legal: false,
    place: null,
  },
  {
    id: 'inform-caf',
    title: 'Déclarer la naissance à la Caf',
    organisation: 'Caf',
    deadline: '2027-03-17',
    legal: false,
    place: null,
  },
  {
    id: 'childcare',
    title: 'Faire garder l’enfant',
    organisation: 'Caf',
    deadline: null,
    legal: false,
    place: null,
  },
];

describe('reminderSchedule', () => {
  it('sends at 08:00 UTC a week and a day before each dated deadline, in order, and none for an undated step', () => {
    const schedule = reminderSchedule(birthPlan, new Date('2026-12-06T10:00:00Z'));
    expect(schedule.map((r) => [r.procedure.id, r.kind, r.sendAt.toISOString()])).toEqual([
      ['declare-birth', 'week-before', '2027-02-15T08:00:00.000Z'],
      ['declare-birth', 'day-before', '2027-02-21T08:00:00.000Z'],
      ['inform-caf', 'week-before', '2027-03-10T08:00:00.000Z'],
      ['register-health-insurance', 'week-before', '2027-03-10T08:00:00.000Z'],
      ['inform-caf', 'day-before', '2027-03-16T08:00:00.000Z'],
      ['register-health-insurance', 'day-before', '2027-03-16T08:00:00.000Z'],
    ]);
    expect(schedule[0]!.sendOn).toBe('2027-02-15');
  });

  it('leaves out what is already past: on 18 February only the day before the declaration remains for it', () => {
    const schedule = reminderSchedule(birthPlan, new Date('2027-02-18T12:00:00Z'));
    expect(schedule.filter((r) => r.procedure.id === 'declare-birth').map((r) => r.kind)).toEqual([
      'day-before',
    ]);
    // At the very instant of a send time, that message is no longer to come.
    expect(
      reminderSchedule(birthPlan, new Date('2027-02-21T08:00:00Z')).some(
        (r) => r.procedure.id === 'declare-birth',
      ),
    ).toBe(false);
  });
});

describe('linkExpiry', () => {
  it('keeps a birth plan’s link a month after its last deadline: 17 April, not 5 January (issue 11)', () => {
    expect(linkExpiry(birthPlan, '2026-12-06')).toEqual({ expiresOn: '2027-04-17', basis: 'last-deadline' });
  });

  it('keeps a plan without a date 30 days (6 December + 30 days = 5 January), and when its dates are past', () => {
    expect(linkExpiry([], '2026-12-06')).toEqual({ expiresOn: '2027-01-05', basis: 'minimum' });
    const past = [{ ...birthPlan[0]!, deadline: '2026-11-01' }];
    expect(linkExpiry(past, '2026-12-06')).toEqual({ expiresOn: '2027-01-05', basis: 'minimum' });
    // A deadline on 10 December: a month later, 10 January, is past the 30-day floor.
    const soon = [{ ...birthPlan[0]!, deadline: '2026-12-10' }];
    expect(linkExpiry(soon, '2026-12-06')).toEqual({ expiresOn: '2027-01-10', basis: 'last-deadline' });
  });

  it('never keeps answers more than two years: 6 December 2026 + 730 days = 5 December 2028 (2028 is a leap year)', () => {
    const retirement = [{ ...birthPlan[0]!, deadline: '2035-06-01' }];
    expect(linkExpiry(retirement, '2026-12-06')).toEqual({ expiresOn: '2028-12-05', basis: 'maximum' });
  });
});

describe('readReminderChoice', () => {
  const ctx = {
    smsAvailable: true,
    schedule: reminderSchedule(birthPlan, new Date('2026-12-06T10:00:00Z')),
    expiresOn: '2027-04-17',
  };

  it('reads no reminders by default, and an opt-in by e-mail or SMS with the consent sentence kept word for word', () => {
    expect(readReminderChoice({}, ctx)).toEqual({ choice: null });
    expect(readReminderChoice({ reminders: 'non' }, ctx)).toEqual({ choice: null });
    expect(
      readReminderChoice({ reminders: 'courriel', email: ' nom@exemple.fr ', consent: 'oui' }, ctx),
    ).toEqual({
      choice: { channel: 'email', contact: 'nom@exemple.fr', consentText: consentSentence('2027-04-17') },
    });
    expect(readReminderChoice({ reminders: 'sms', phone: '06 12 34 56 78', consent: 'oui' }, ctx)).toEqual({
      choice: { channel: 'sms', contact: '+33612345678', consentText: consentSentence('2027-04-17') },
    });
    expect(consentSentence('2027-04-17')).toContain('jusqu’au samedi 17 avril 2027');
  });

  it('names each wrong field in French', () => {
    const fields = (body: Record<string, string>, context = ctx) => {
      const read = readReminderChoice(body, context);
      return 'errors' in read ? read.errors : [];
    };
    expect(fields({ reminders: 'courriel', email: 'pas-une-adresse', consent: 'oui' })).toEqual([
      {
        field: 'email',
        message: 'Cette adresse électronique n’est pas valide : elle s’écrit comme nom@exemple.fr.',
      },
    ]);
    expect(fields({ reminders: 'courriel', email: '' }).map((e) => e.field)).toEqual(['email', 'consent']);
    expect(fields({ reminders: 'sms', phone: '05 65 20 87 87', consent: 'oui' })).toEqual([
      {
        field: 'phone',
        message: 'Ce numéro n’est pas un numéro de portable français : il s’écrit comme 06 12 34 56 78.',
      },
    ]);
    expect(fields({ reminders: 'courriel', email: 'nom@exemple.fr' })[0]!.message).toBe(
      'Cochez la case pour accepter de recevoir les rappels, ou choisissez « Non merci ».',
    );
    // An address typed but "Non merci" left checked: said, rather than silently sending nothing.
    expect(fields({ reminders: 'non', email: 'nom@exemple.fr' })[0]!.field).toBe('reminders');
    expect(fields({ reminders: 'pigeon' })[0]!.field).toBe('reminders');
    expect(
      fields({ reminders: 'sms', phone: '0612345678', consent: 'oui' }, { ...ctx, smsAvailable: false }),
    ).toEqual([
      {
        field: 'reminders',
        message: 'Les rappels par SMS ne sont pas encore disponibles : choisissez le courriel.',
      },
    ]);
    expect(
      fields({ reminders: 'courriel', email: 'nom@exemple.fr', consent: 'oui' }, { ...ctx, schedule: [] })[0]!
        .message,
    ).toContain('il n’y a rien à rappeler');
  });
});

describe('sealed links', () => {
  const key = Buffer.alloc(32, 3);
  it('open with the same key and reminder id only', () => {
    const sealed = sealLinks(key, 'reminder-1', { plan: 'jeton-du-plan', stop: 'jeton-d-arret' });
    expect(sealed).not.toContain('jeton');
    expect(unsealLinks(key, 'reminder-1', sealed)).toEqual({ plan: 'jeton-du-plan', stop: 'jeton-d-arret' });
    expect(() => unsealLinks(key, 'reminder-2', sealed)).toThrow();
    expect(() => unsealLinks(Buffer.alloc(32, 4), 'reminder-1', sealed)).toThrow();
  });
});

describe('reminder texts', () => {
  const links = {
    plan: 'https://sc.exemple/moments-de-vie/reprendre/P',
    stop: 'https://sc.exemple/moments-de-vie/rappels/arret/S',
    planUntil: '2027-04-17',
  };
  const declare = { ...birthPlan[0]!, deadline: '2027-02-22' };

  it('says a legal deadline and an advice differently, and how far the date is', () => {
    expect(deadlinePhrase('2027-02-22', true)).toBe('Date limite : lundi 22 février 2027');
    expect(deadlinePhrase('2027-03-17', false)).toBe('Conseillé avant le mercredi 17 mars 2027');
    expect(daysLeftPhrase('2027-02-15', '2027-02-22')).toBe('dans 7 jours');
    expect(daysLeftPhrase('2027-02-21', '2027-02-22')).toBe('demain');
    expect(daysLeftPhrase('2027-02-22', '2027-02-22')).toBe('aujourd’hui');
  });

  it('gives the step, its date, the place, the private link and the stop link in every message', () => {
    const mail = reminderMail('Avoir un enfant', declare, '2027-02-15', links);
    expect(mail.subject).toBe('Rappel : Déclarer la naissance — date limite le lundi 22 février 2027');
    expect(mail.text).toContain('la date de cette démarche est dans 7 jours');
    expect(mail.text).toContain('Où : Mairie de Cahors, 73 boulevard Gambetta, 46000 Cahors');
    expect(mail.text).toContain(links.plan);
    expect(mail.text).toContain(links.stop);
    expect(mail.text).toContain('valable jusqu’au samedi 17 avril 2027');
    const sms = reminderSms(declare, '2027-02-21', links);
    expect(sms).toContain('Date limite : lundi 22 février 2027 (demain)');
    expect(sms).toContain(links.plan);
    expect(sms).toContain(links.stop);
    const welcome = welcomeMail(
      'Avoir un enfant',
      [
        { procedure: declare, sendOn: '2027-02-15' },
        { procedure: declare, sendOn: '2027-02-21' },
      ],
      links,
    );
    expect(welcome.text).toContain(
      '- Déclarer la naissance : date limite le lundi 22 février 2027 (rappel le lundi 15 février 2027 et le dimanche 21 février 2027)',
    );
  });
});
