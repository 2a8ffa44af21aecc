// The questions of the navigator: what each asks, its French help, how a form answer is read and checked, and
// which field of an estimation request it fills. The questionnaire asks a question only when the rights engine
// says that the plan still needs it (its `missing` fields), plus the few facts the engine cannot know it lacks
// (the other children, the salary of a first hire).
import type { BusinessInput, EstimationRequest, MemberInput } from '../rights/contract.ts';
import type { FieldError } from '../../platform/errors.ts';
import { addDays, parseDate, todayInParis } from '../../platform/dates.ts';

export const questionIds = [
  'eventDate',
  'commune',
  'birthDate',
  'student',
  'pregnant',
  'couple',
  'partner',
  'earnings',
  'replacementIncome',
  'children',
  'housing',
  'housingAid',
  'annualResources',
  'referenceTaxIncome',
  'disability',
  'employmentRestriction',
  'gir',
  'businessActivity',
  'turnover',
  'acre',
  'acreGroup',
  'salary',
] as const;
export type QuestionId = (typeof questionIds)[number];

export type HousingStatus = 'tenant' | 'owner' | 'hosted-free' | 'homeless';
export type Activity = NonNullable<BusinessInput['activity']>;

/** The answers of one questionnaire (kept in a signed cookie, or saved on request for a private link). */
export interface Answers {
  eventDate?: string;
  commune?: string;
  birthDate?: string;
  student?: boolean;
  pregnant?: boolean;
  couple?: boolean;
  partnerBirthDate?: string;
  partnerEarnings?: number;
  partnerReplacementIncome?: number;
  earnings?: number;
  replacementIncome?: number;
  /** Birth dates of the dependent children (for a birth: the other children). */
  children?: string[];
  housingStatus?: HousingStatus;
  monthlyRent?: number;
  housingAid?: number;
  annualResources?: number;
  referenceTaxIncome?: number;
  /** MDPH incapacity rate in percent, as people know it. */
  disabilityPercent?: number;
  /** From 50 to 79 %: the CDAPH recognised a restriction of access to employment. */
  employmentRestriction?: boolean;
  /** GIR 1 to 6, or null when there is no evaluation yet. */
  gir?: number | null;
  businessActivity?: Activity;
  turnover?: number;
  acre?: boolean;
  /** From 26 on: belongs to another group entitled to the ACRE (job seeker, RSA…). */
  acreGroup?: boolean;
  /** Gross monthly salary of the first employee. */
  salary?: number;
  /** Questions the person chose not to answer: never asked again. */
  skipped?: QuestionId[];
}

/** What the form sent: field name → value(s). */
export type FormValues = Record<string, string | string[] | undefined>;

/** Context for reading an answer: today's date (Paris) and the event's bounds. */
export interface AnswerContext {
  today: string;
  eventLabel: string;
  maxPastDays: number;
  maxFutureDays: number;
  communes: { inseeCode: string; name: string }[];
}

export interface Question {
  id: QuestionId;
  /** The question as asked (legend of the fieldset). */
  label: string;
  help: string;
  /** The form fields of the question, in order (their names). */
  fields: string[];
  /** Whether "Je ne sais pas / passer" is offered. */
  skippable: boolean;
  /** Reads and checks the form; returns the answer patch or the errors, field by field. */
  read(
    form: FormValues,
    ctx: AnswerContext,
    answers: Answers,
  ): { patch: Partial<Answers> } | { errors: FieldError[] };
  /** The answer in plain French for the summary, or null when not answered. */
  show(answers: Answers, ctx: Pick<AnswerContext, 'communes'>): string | null;
}

const activityLabels: Record<Activity, string> = {
  sale: 'Vente de marchandises, restauration ou hébergement',
  services: 'Prestations de services commerciales ou artisanales',
  liberal: 'Profession libérale (non réglementée)',
};
const housingLabels: Record<HousingStatus, string> = {
  tenant: 'Locataire',
  owner: 'Propriétaire (ou accédant)',
  'hosted-free': 'Hébergé gratuitement',
  homeless: 'Sans logement',
};
export const activityOptions = Object.entries(activityLabels) as [Activity, string][];
export const housingOptions = Object.entries(housingLabels) as [HousingStatus, string][];

function single(form: FormValues, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/**
 * Reads a date as a date picker sends it (AAAA-MM-JJ) or as a French user types it where the field is plain text
 * (no JavaScript, or a browser without a date picker): day, month and year separated by a slash, a hyphen, a dot
 * or spaces — 26/12/2026, 26-12-2026, 26.12.2026, 26 12 2026, 6/1/2027. Null when it is not a real date.
 */
export function readDate(value: string): string | null {
  const typed = /^(\d{1,2})\s*[/.\s-]\s*(\d{1,2})\s*[/.\s-]\s*(\d{4})$/.exec(value.trim());
  const iso = typed
    ? `${typed[3]}-${typed[2]!.padStart(2, '0')}-${typed[1]!.padStart(2, '0')}`
    : value.trim();
  return parseDate(iso) ? iso : null;
}

/** Reads an amount typed the French way ("1 200,50 €"); NaN when it is not a number. */
export function readAmount(value: string): number {
  const cleaned = value.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  return /^-?\d+(\.\d{1,2})?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

function frenchDay(value: string): string {
  const [y, m, d] = value.split('-');
  return `${d}/${m}/${y}`;
}

function euros(value: number): string {
  return `${value.toLocaleString('fr-FR', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} €`;
}

function dateOfBirth(
  form: FormValues,
  field: string,
  today: string,
  required: boolean,
): { value?: string; error?: FieldError } {
  const raw = single(form, field);
  if (!raw) return required ? { error: { field, message: 'Indiquez la date de naissance.' } } : {};
  const value = readDate(raw);
  if (!value) return { error: { field, message: 'Cette date n’existe pas. Écrivez-la ainsi : 12/04/1990.' } };
  if (value > today)
    return { error: { field, message: 'La date de naissance ne peut pas être dans le futur.' } };
  if (value < '1900-01-01')
    return { error: { field, message: 'La date de naissance doit être après 1900.' } };
  return { value };
}

function amount(
  form: FormValues,
  field: string,
  max: number,
  required = true,
): { value?: number; error?: FieldError } {
  const raw = single(form, field);
  if (!raw)
    return required
      ? { error: { field, message: 'Indiquez un montant en euros (0 si vous n’avez rien).' } }
      : {};
  const value = readAmount(raw);
  if (Number.isNaN(value))
    return { error: { field, message: 'Indiquez un montant en chiffres, par exemple 1200 ou 1200,50.' } };
  if (value < 0) return { error: { field, message: 'Le montant ne peut pas être négatif.' } };
  if (value > max)
    return { error: { field, message: `Ce montant semble trop élevé (au plus ${euros(max)}).` } };
  return { value };
}

function moneyQuestion(
  id: QuestionId,
  key: keyof Answers,
  label: string,
  help: string,
  max: number,
): Question {
  return {
    id,
    label,
    help,
    fields: [id],
    skippable: true,
    read(form) {
      const r = amount(form, id, max);
      return r.error ? { errors: [r.error] } : { patch: { [key]: r.value } };
    },
    show(answers) {
      const value = answers[key];
      return typeof value === 'number' ? euros(value) : null;
    },
  };
}

/** A yes/no question whose answer is kept under its own id (student, pregnant, couple, acre…). */
function yesNoQuestion(id: QuestionId & keyof Answers, label: string, help: string): Question {
  return {
    id,
    label,
    help,
    fields: [id],
    skippable: true,
    read(form) {
      const r = yesNo(form, id, 'Répondez oui ou non.');
      return r.error ? { errors: [r.error] } : { patch: { [id]: r.value } };
    },
    show(answers) {
      const value = answers[id];
      return value === undefined ? null : value ? 'Oui' : 'Non';
    },
  };
}

function yesNo(form: FormValues, field: string, message: string): { value?: boolean; error?: FieldError } {
  const raw = single(form, field);
  if (raw === 'oui') return { value: true };
  if (raw === 'non') return { value: false };
  return { error: { field, message } };
}

const maxChildren = 6;

/** Every question of the navigator, by id. */
export const questions: Record<QuestionId, Question> = {
  eventDate: {
    id: 'eventDate',
    label: 'Date de l’événement',
    help: 'Les délais de vos démarches sont calculés à partir de cette date.',
    fields: ['eventDate'],
    skippable: false,
    read(form, ctx) {
      const raw = single(form, 'eventDate');
      if (!raw) return { errors: [{ field: 'eventDate', message: 'Indiquez la date.' }] };
      const value = readDate(raw);
      if (!value)
        return {
          errors: [
            { field: 'eventDate', message: 'Cette date n’existe pas. Écrivez-la ainsi : 08/06/2026.' },
          ],
        };
      const latest = addDays(ctx.today, ctx.maxFutureDays);
      const earliest = addDays(ctx.today, -ctx.maxPastDays);
      if (value > latest) {
        return {
          errors: [
            {
              field: 'eventDate',
              message:
                ctx.maxFutureDays === 0
                  ? 'Cette date ne peut pas être dans le futur.'
                  : `Cette date est trop loin : au plus tard le ${frenchDay(latest)}.`,
            },
          ],
        };
      }
      if (value < earliest)
        return {
          errors: [
            {
              field: 'eventDate',
              message: `Cette date est trop ancienne : au plus tôt le ${frenchDay(earliest)}.`,
            },
          ],
        };
      return { patch: { eventDate: value } };
    },
    show: (a) => (a.eventDate ? frenchDay(a.eventDate) : null),
  },
  commune: {
    id: 'commune',
    label: 'Dans quelle commune habitez-vous ?',
    help: 'Pour vous indiquer où aller près de chez vous.',
    fields: ['commune'],
    skippable: false,
    read(form, ctx) {
      const value = single(form, 'commune');
      if (!ctx.communes.some((c) => c.inseeCode === value))
        return { errors: [{ field: 'commune', message: 'Choisissez votre commune dans la liste.' }] };
      return { patch: { commune: value } };
    },
    show: (a, ctx) => ctx.communes.find((c) => c.inseeCode === a.commune)?.name ?? null,
  },
  birthDate: {
    id: 'birthDate',
    label: 'Quelle est votre date de naissance ?',
    help: 'Certaines aides dépendent de l’âge (RSA avant 25 ans, Apa à partir de 60 ans).',
    fields: ['birthDate'],
    skippable: true,
    read(form, ctx) {
      const r = dateOfBirth(form, 'birthDate', ctx.today, true);
      return r.error ? { errors: [r.error] } : { patch: { birthDate: r.value } };
    },
    show: (a) => (a.birthDate ? frenchDay(a.birthDate) : null),
  },
  student: yesNoQuestion(
    'student',
    'Êtes-vous étudiant ou étudiante ?',
    'Les étudiants n’ont en général pas droit au RSA ni à la prime d’activité, sauf exceptions.',
  ),
  pregnant: yesNoQuestion(
    'pregnant',
    'Êtes-vous enceinte ?',
    'Une grossesse compte dans le calcul de certaines aides. Si vous êtes un homme, répondez non.',
  ),
  couple: yesNoQuestion(
    'couple',
    'Vivez-vous en couple ?',
    'Mariage, Pacs ou union libre : les ressources du couple comptent ensemble.',
  ),
  partner: {
    id: 'partner',
    label: 'Votre conjoint',
    help: 'Montants nets moyens par mois, sur les trois derniers mois. Indiquez 0 s’il n’a rien.',
    fields: ['partnerBirthDate', 'partnerEarnings', 'partnerReplacementIncome'],
    skippable: true,
    read(form, ctx) {
      const birth = dateOfBirth(form, 'partnerBirthDate', ctx.today, false);
      const earnings = amount(form, 'partnerEarnings', 100_000);
      const replacement = amount(form, 'partnerReplacementIncome', 100_000);
      const errors = [birth.error, earnings.error, replacement.error].filter((e): e is FieldError => !!e);
      if (errors.length > 0) return { errors };
      return {
        patch: {
          partnerBirthDate: birth.value,
          partnerEarnings: earnings.value,
          partnerReplacementIncome: replacement.value,
        },
      };
    },
    show(a) {
      if (a.partnerEarnings === undefined) return null;
      const parts = [
        `salaire ${euros(a.partnerEarnings)}`,
        `allocations ${euros(a.partnerReplacementIncome ?? 0)}`,
      ];
      if (a.partnerBirthDate) parts.unshift(`né(e) le ${frenchDay(a.partnerBirthDate)}`);
      return parts.join(', ');
    },
  },
  earnings: moneyQuestion(
    'earnings',
    'earnings',
    'Combien gagnez-vous par mois en travaillant ?',
    'Salaire net ou revenu d’indépendant, en moyenne sur les trois derniers mois. Indiquez 0 si vous ne travaillez pas.',
    100_000,
  ),
  replacementIncome: moneyQuestion(
    'replacementIncome',
    'replacementIncome',
    'Combien touchez-vous par mois en allocations ou pensions ?',
    'Allocation chômage, retraite, pension d’invalidité, indemnités journalières. Indiquez 0 si vous n’avez rien.',
    100_000,
  ),
  children: {
    id: 'children',
    label: 'Vos enfants à charge',
    help: 'Indiquez la date de naissance de chaque enfant qui vit avec vous. Laissez vide s’il n’y en a pas.',
    fields: Array.from({ length: maxChildren }, (_, i) => `child${i + 1}`),
    skippable: false,
    read(form, ctx) {
      const dates: string[] = [];
      const errors: FieldError[] = [];
      for (let i = 1; i <= maxChildren; i++) {
        const r = dateOfBirth(form, `child${i}`, ctx.today, false);
        if (r.error) errors.push(r.error);
        else if (r.value) dates.push(r.value);
      }
      return errors.length > 0 ? { errors } : { patch: { children: dates } };
    },
    show: (a) =>
      a.children === undefined
        ? null
        : a.children.length === 0
          ? 'Aucun'
          : a.children.map(frenchDay).join(', '),
  },
  housing: {
    id: 'housing',
    label: 'Votre logement',
    help: 'Le loyer sert au calcul de l’aide au logement et du RSA.',
    fields: ['housingStatus', 'monthlyRent'],
    skippable: true,
    read(form) {
      const status = single(form, 'housingStatus') as HousingStatus;
      if (!(status in housingLabels))
        return { errors: [{ field: 'housingStatus', message: 'Choisissez votre situation.' }] };
      if (status !== 'tenant') return { patch: { housingStatus: status, monthlyRent: undefined } };
      const rent = amount(form, 'monthlyRent', 10_000);
      return rent.error
        ? { errors: [rent.error] }
        : { patch: { housingStatus: status, monthlyRent: rent.value } };
    },
    show(a) {
      if (!a.housingStatus) return null;
      return a.housingStatus === 'tenant' && a.monthlyRent !== undefined
        ? `Locataire, loyer ${euros(a.monthlyRent)} par mois`
        : housingLabels[a.housingStatus];
    },
  },
  housingAid: moneyQuestion(
    'housingAid',
    'housingAid',
    'Quelle aide au logement touchez-vous par mois ?',
    'APL, ALF ou ALS versée par la Caf ou la MSA. Indiquez 0 si vous n’en avez pas.',
    10_000,
  ),
  annualResources: moneyQuestion(
    'annualResources',
    'annualResources',
    'Quelles étaient les ressources imposables de votre foyer il y a deux ans ?',
    'Le « revenu brut global » de votre avis d’impôt de l’avant-dernière année. Il sert aux prestations familiales.',
    10_000_000,
  ),
  referenceTaxIncome: moneyQuestion(
    'referenceTaxIncome',
    'referenceTaxIncome',
    'Quel est le revenu fiscal de référence de votre foyer ?',
    'Il est écrit en haut de votre dernier avis d’impôt. Il sert au chèque énergie et à la complémentaire santé solidaire.',
    10_000_000,
  ),
  disability: {
    id: 'disability',
    label: 'Avez-vous un taux d’incapacité reconnu par la MDPH ?',
    help: 'Indiquez le taux en pourcentage (par exemple 80). Indiquez 0 si vous n’en avez pas.',
    fields: ['disabilityPercent'],
    skippable: true,
    read(form) {
      const raw = single(form, 'disabilityPercent');
      const value = readAmount(raw.replace('%', ''));
      if (!raw || Number.isNaN(value))
        return {
          errors: [
            { field: 'disabilityPercent', message: 'Indiquez un pourcentage en chiffres, de 0 à 100.' },
          ],
        };
      if (value < 0 || value > 100)
        return {
          errors: [{ field: 'disabilityPercent', message: 'Le taux doit être compris entre 0 et 100.' }],
        };
      return { patch: { disabilityPercent: value } };
    },
    show: (a) => (a.disabilityPercent === undefined ? null : `${a.disabilityPercent} %`),
  },
  employmentRestriction: yesNoQuestion(
    'employmentRestriction',
    'La MDPH a-t-elle reconnu une restriction d’accès à l’emploi ?',
    'Avec un taux de 50 à 79 %, l’AAH demande que la commission de la MDPH (la CDAPH) ait reconnu une « restriction substantielle et durable d’accès à l’emploi ». C’est écrit sur sa décision.',
  ),
  gir: {
    id: 'gir',
    label: 'Quel est votre GIR ?',
    help: 'Le GIR mesure le besoin d’aide, de 1 (le plus dépendant) à 6 (autonome). Il figure sur l’évaluation du département ou du médecin.',
    fields: ['gir'],
    skippable: true,
    read(form) {
      const raw = single(form, 'gir');
      if (raw === 'aucun') return { patch: { gir: null } };
      if (!/^[1-6]$/.test(raw))
        return {
          errors: [{ field: 'gir', message: 'Choisissez un GIR de 1 à 6, ou « pas encore évalué ».' }],
        };
      return { patch: { gir: Number(raw) } };
    },
    show: (a) => (a.gir === undefined ? null : a.gir === null ? 'Pas encore évalué' : `GIR ${a.gir}`),
  },
  businessActivity: {
    id: 'businessActivity',
    label: 'Quelle est votre activité ?',
    help: 'Les cotisations dépendent du type d’activité.',
    fields: ['businessActivity'],
    skippable: true,
    read(form) {
      const value = single(form, 'businessActivity') as Activity;
      if (!(value in activityLabels))
        return { errors: [{ field: 'businessActivity', message: 'Choisissez le type d’activité.' }] };
      return { patch: { businessActivity: value } };
    },
    show: (a) => (a.businessActivity ? activityLabels[a.businessActivity] : null),
  },
  turnover: moneyQuestion(
    'turnover',
    'turnover',
    'Quel chiffre d’affaires prévoyez-vous sur un an ?',
    'Une estimation suffit. Elle sert à calculer vos cotisations.',
    100_000_000,
  ),
  acre: yesNoQuestion(
    'acre',
    'Allez-vous demander l’Acre ?',
    'L’Acre réduit les cotisations la première année. Elle est ouverte notamment aux demandeurs d’emploi, aux bénéficiaires du RSA et aux moins de 26 ans.',
  ),
  acreGroup: yesNoQuestion(
    'acreGroup',
    'Faites-vous partie des publics qui ont droit à l’Acre ?',
    'À partir de 26 ans, l’Acre est réservée aux demandeurs d’emploi (indemnisés, ou inscrits 6 mois sur les 18 derniers), aux bénéficiaires du RSA, de l’ASS ou de la PreParE, aux personnes handicapées de moins de 30 ans, aux contrats d’appui au projet d’entreprise (Cape), aux salariés qui reprennent leur entreprise en difficulté, et aux créations en quartier prioritaire ou en zone France ruralités revitalisation.',
  ),
  salary: moneyQuestion(
    'salary',
    'salary',
    'Quel salaire brut mensuel allez-vous verser ?',
    'Le salaire brut inscrit au contrat, pour un mois complet.',
    100_000,
  ),
};

/** The question that fills an engine field of the request, or null when the navigator does not ask it. */
export function questionForField(field: string, request: EstimationRequest): QuestionId | null {
  const member = /^household\.members\[(\d+)\]\.(\w+)$/.exec(field);
  if (member) {
    const role = request.household.members[Number(member[1])]?.role;
    const name = member[2];
    if (role === 'partner') return 'partner';
    if (role === 'child') return name === 'birthDate' ? 'children' : null;
    const byName: Record<string, QuestionId> = {
      birthDate: 'birthDate',
      monthlyNetEarnings: 'earnings',
      monthlyReplacementIncome: 'replacementIncome',
      disabilityRate: 'disability',
      employmentRestriction: 'employmentRestriction',
      gir: 'gir',
      student: 'student',
      pregnant: 'pregnant',
    };
    return byName[name ?? ''] ?? null;
  }
  const byPath: Record<string, QuestionId> = {
    'household.couple': 'couple',
    'household.housing': 'housing',
    'household.housing.status': 'housing',
    'household.housing.monthlyRent': 'housing',
    'household.monthlyHousingAid': 'housingAid',
    'household.annualResources': 'annualResources',
    'household.referenceTaxIncome': 'referenceTaxIncome',
    'business.activity': 'businessActivity',
    'business.annualTurnover': 'turnover',
    'business.acre': 'acre',
    'business.acreGroup': 'acreGroup',
  };
  return byPath[field] ?? null;
}

/** Questions the engine cannot know are missing: always asked when the moment of life lists them. */
export const structuralQuestions: readonly QuestionId[] = ['children', 'salary'];

/** The estimation request for a moment of life and its answers; unanswered facts stay absent (the engine says what is missing). */
export function toEstimationRequest(
  lifeEventId: string,
  answers: Answers,
  month: string,
  today: string = todayInParis(),
): EstimationRequest {
  const applicant: MemberInput = { role: 'applicant' };
  if (answers.birthDate) applicant.birthDate = answers.birthDate;
  if (answers.earnings !== undefined) applicant.monthlyNetEarnings = answers.earnings;
  if (answers.replacementIncome !== undefined) applicant.monthlyReplacementIncome = answers.replacementIncome;
  if (answers.disabilityPercent !== undefined)
    applicant.disabilityRate = Math.round(answers.disabilityPercent) / 100;
  if (answers.employmentRestriction !== undefined)
    applicant.employmentRestriction = answers.employmentRestriction;
  if (answers.gir !== undefined) applicant.gir = answers.gir;
  if (answers.student !== undefined) applicant.student = answers.student;
  if (answers.pregnant !== undefined) applicant.pregnant = answers.pregnant;
  const members: MemberInput[] = [applicant];
  if (answers.couple) {
    const partner: MemberInput = { role: 'partner' };
    if (answers.partnerBirthDate) partner.birthDate = answers.partnerBirthDate;
    if (answers.partnerEarnings !== undefined) partner.monthlyNetEarnings = answers.partnerEarnings;
    if (answers.partnerReplacementIncome !== undefined)
      partner.monthlyReplacementIncome = answers.partnerReplacementIncome;
    members.push(partner);
  }
  if (lifeEventId === 'birth' && answers.eventDate) {
    // A child not yet born is a pregnancy; once born, a dependant like the others.
    // Just after a birth, we take it that the parent is not pregnant again (one question fewer).
    if (answers.eventDate > today) applicant.pregnant = true;
    else {
      applicant.pregnant ??= false;
      members.push({ role: 'child', birthDate: answers.eventDate });
    }
  }
  for (const birthDate of answers.children ?? []) members.push({ role: 'child', birthDate });
  const request: EstimationRequest = { month, household: { members } };
  if (answers.commune) request.commune = answers.commune;
  if (answers.couple !== undefined) request.household.couple = answers.couple;
  if (answers.housingStatus) {
    request.household.housing = { status: answers.housingStatus };
    if (answers.monthlyRent !== undefined) request.household.housing.monthlyRent = answers.monthlyRent;
  }
  if (answers.housingAid !== undefined) request.household.monthlyHousingAid = answers.housingAid;
  if (answers.annualResources !== undefined) request.household.annualResources = answers.annualResources;
  if (answers.referenceTaxIncome !== undefined)
    request.household.referenceTaxIncome = answers.referenceTaxIncome;
  if (lifeEventId === 'business-creation' || lifeEventId === 'self-employment') {
    const business: BusinessInput = {};
    if (answers.businessActivity) business.activity = answers.businessActivity;
    if (answers.turnover !== undefined) business.annualTurnover = answers.turnover;
    if (answers.eventDate) business.creationDate = answers.eventDate;
    if (answers.acre !== undefined) business.acre = answers.acre;
    if (answers.acreGroup !== undefined) business.acreGroup = answers.acreGroup;
    request.business = business;
  }
  return request;
}

/** Whether a question has an answer (or was skipped). */
export function isAnswered(id: QuestionId, answers: Answers): boolean {
  if (answers.skipped?.includes(id)) return true;
  switch (id) {
    case 'partner':
      return answers.partnerEarnings !== undefined;
    case 'housing':
      return answers.housingStatus !== undefined;
    case 'disability':
      return answers.disabilityPercent !== undefined;
    default:
      return answers[id] !== undefined;
  }
}
