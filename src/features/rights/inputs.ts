// Which request field answers each shared input (rules/commun/), and the plain-French question to ask when
// it is missing. A benefit lists the inputs it needs (benefits/<id>.ts); `missingFor` turns that list into
// the field paths of the public contract.
import type { EstimationRequest, MissingField } from './contract.ts';

/** The shared inputs a benefit may need: the names of rules/commun/situation.publicodes. */
export type InputName =
  | 'mois estimé'
  | 'commune . code INSEE'
  | 'foyer . couple'
  | 'foyer . enfants'
  | 'foyer . logement . statut'
  | 'foyer . logement . loyer'
  | 'foyer . aides au logement'
  | 'foyer . ressources N-2'
  | 'foyer . revenu fiscal de référence'
  | 'demandeur . âge'
  | 'demandeur . enceinte'
  | "demandeur . revenus d'activité"
  | 'demandeur . revenus de remplacement'
  | "demandeur . taux d'incapacité"
  | 'demandeur . GIR'
  | 'demandeur . étudiant'
  | 'conjoint . âge'
  | 'conjoint . enceinte'
  | "conjoint . revenus d'activité"
  | 'conjoint . revenus de remplacement'
  | "conjoint . taux d'incapacité"
  | 'conjoint . GIR'
  | 'conjoint . étudiant'
  | 'entreprise . activité'
  | "entreprise . chiffre d'affaires annuel"
  | 'entreprise . date de création'
  | 'entreprise . ACRE demandée'
  | 'acre . autre public'
  | 'aah . restriction substantielle et durable';

type MemberField =
  | 'birthDate'
  | 'pregnant'
  | 'monthlyNetEarnings'
  | 'monthlyReplacementIncome'
  | 'disabilityRate'
  | 'gir'
  | 'student';

const memberQuestions: Record<MemberField, (who: string) => string> = {
  birthDate: (who) => `Quelle est la date de naissance ${who} ?`,
  pregnant: (who) =>
    who === 'du demandeur' ? 'Êtes-vous enceinte ?' : 'Votre conjointe est-elle enceinte ?',
  monthlyNetEarnings: (who) =>
    `Combien ${who === 'du demandeur' ? 'gagnez-vous' : 'votre conjoint gagne-t-il'} par mois en moyenne, net, par votre travail sur les trois derniers mois ?`,
  monthlyReplacementIncome: (who) =>
    `Combien ${who === 'du demandeur' ? 'touchez-vous' : 'votre conjoint touche-t-il'} par mois en allocations chômage, pensions ou indemnités journalières ?`,
  disabilityRate: (who) =>
    `Quel taux d’incapacité la MDPH a-t-elle reconnu ${who === 'du demandeur' ? 'pour vous' : 'pour votre conjoint'} (0 s’il n’y en a pas) ?`,
  gir: (who) => `Quel est le GIR (groupe iso-ressources) ${who}, s’il a été évalué ?`,
  student: (who) =>
    who === 'du demandeur' ? 'Êtes-vous étudiant ou étudiante ?' : 'Votre conjoint est-il étudiant ?',
};

const memberInputs: Record<string, MemberField> = {
  âge: 'birthDate',
  enceinte: 'pregnant',
  "revenus d'activité": 'monthlyNetEarnings',
  'revenus de remplacement': 'monthlyReplacementIncome',
  "taux d'incapacité": 'disabilityRate',
  GIR: 'gir',
  étudiant: 'student',
};

const none: MissingField[] = [];

function memberMissing(
  request: EstimationRequest,
  role: 'applicant' | 'partner',
  field: MemberField,
): MissingField[] {
  const members = request.household.members;
  const index = members.findIndex((m) => m.role === role);
  const who = role === 'applicant' ? 'du demandeur' : 'du conjoint';
  if (index < 0) {
    // No partner listed although the household says couple: ask for the partner first.
    return [
      {
        field: 'household.members',
        question:
          role === 'partner'
            ? 'Pouvez-vous décrire votre conjoint (date de naissance, revenus) ?'
            : 'Qui fait la demande ?',
      },
    ];
  }
  const value = members[index]?.[field];
  // `gir: null` is an answer ("not evaluated"), not a missing field.
  if (value !== undefined) return none;
  return [{ field: `household.members[${index}].${field}`, question: memberQuestions[field](who) }];
}

/** Finds the missing fields of one input for a request (`couple` already worked out). */
type InputCheck = (request: EstimationRequest, couple: boolean, out: MissingField[]) => void;

// Each input name is read once into its check: `missingFor` runs for every benefit of every household.
const checks = new Map<InputName, InputCheck>();

function checkFor(input: InputName): InputCheck {
  let check = checks.get(input);
  if (check) return check;
  const [head, ...rest] = input.split(' . ');
  const memberField = memberInputs[rest.join(' . ')];
  if (head === 'demandeur' && memberField)
    check = (request, _couple, out) => pushAll(out, memberMissing(request, 'applicant', memberField));
  else if (head === 'conjoint') {
    // The partner's answers matter only for a couple.
    check = (request, couple, out) => {
      if (couple && memberField) pushAll(out, memberMissing(request, 'partner', memberField));
    };
  } else check = (request, couple, out) => pushAll(out, otherMissing(request, input, couple));
  checks.set(input, check);
  return check;
}

function pushAll(out: MissingField[], found: MissingField[]): void {
  for (let i = 0; i < found.length; i++) out.push(found[i] as MissingField);
}

/** Whether the household is a couple: said so, or a partner is listed. */
export function isCouple(request: EstimationRequest): boolean {
  const household = request.household;
  return household.couple ?? household.members.some((m) => m.role === 'partner');
}

/** The missing fields (with their questions) among the inputs a benefit needs, in the order given. */
export function missingFor(
  request: EstimationRequest,
  inputs: readonly InputName[],
  couple = isCouple(request),
): MissingField[] {
  const out: MissingField[] = [];
  for (let i = 0; i < inputs.length; i++) checkFor(inputs[i] as InputName)(request, couple, out);
  return out;
}

function ask(present: boolean, field: string, question: string): MissingField[] {
  return present ? none : [{ field, question }];
}

function otherMissing(request: EstimationRequest, input: InputName, couple: boolean): MissingField[] {
  const h = request.household;
  const b = request.business;
  switch (input) {
    case 'mois estimé':
      return none;
    case 'commune . code INSEE':
      return ask(request.commune !== undefined, 'commune', 'Dans quelle commune habitez-vous ?');
    case 'foyer . couple':
      return ask(
        h.couple !== undefined || couple,
        'household.couple',
        'Vivez-vous en couple (mariage, Pacs ou concubinage) ?',
      );
    case 'foyer . enfants':
      return h.members.flatMap((m, i) =>
        m.role === 'child' && !m.birthDate
          ? [
              {
                field: `household.members[${i}].birthDate`,
                question: 'Quelle est la date de naissance de cet enfant ?',
              },
            ]
          : [],
      );
    case 'foyer . logement . statut':
      return ask(
        h.housing?.status !== undefined,
        'household.housing.status',
        'Êtes-vous locataire, propriétaire, hébergé gratuitement ou sans domicile ?',
      );
    case 'foyer . logement . loyer':
      return h.housing?.status === 'tenant'
        ? ask(
            h.housing.monthlyRent !== undefined,
            'household.housing.monthlyRent',
            'Quel est votre loyer mensuel, charges comprises ?',
          )
        : none;
    case 'foyer . aides au logement':
      return ask(
        h.monthlyHousingAid !== undefined,
        'household.monthlyHousingAid',
        'Combien recevez-vous d’aide au logement par mois (0 si aucune) ?',
      );
    case 'foyer . ressources N-2':
      return ask(
        h.annualResources !== undefined,
        'household.annualResources',
        'Quelles étaient les ressources imposables de votre foyer il y a deux ans ?',
      );
    case 'foyer . revenu fiscal de référence':
      return ask(
        h.referenceTaxIncome !== undefined,
        'household.referenceTaxIncome',
        'Quel est le revenu fiscal de référence de votre dernier avis d’impôt ?',
      );
    case 'entreprise . activité':
      return ask(
        b?.activity !== undefined,
        'business.activity',
        'Quelle est la nature de votre activité (vente, services ou profession libérale) ?',
      );
    case "entreprise . chiffre d'affaires annuel":
      return ask(
        b?.annualTurnover !== undefined,
        'business.annualTurnover',
        'Quel chiffre d’affaires annuel prévoyez-vous ?',
      );
    case 'entreprise . date de création':
      return ask(
        b?.creationDate !== undefined,
        'business.creationDate',
        'À quelle date avez-vous créé (ou créerez-vous) votre entreprise ?',
      );
    case 'aah . restriction substantielle et durable': {
      const i = h.members.findIndex((m) => m.role === 'applicant');
      return ask(
        i < 0 || h.members[i]?.employmentRestriction !== undefined,
        `household.members[${i}].employmentRestriction`,
        'La MDPH (sa commission, la CDAPH) a-t-elle reconnu une « restriction substantielle et durable d’accès à l’emploi » ?',
      );
    }
    case 'acre . autre public':
      return ask(
        b?.acreGroup !== undefined,
        'business.acreGroup',
        'Êtes-vous demandeur d’emploi, bénéficiaire du RSA, de l’ASS ou de la PreParE, personne handicapée de moins de 30 ans, en contrat d’appui au projet d’entreprise (Cape), salarié reprenant son entreprise en difficulté, ou créez-vous en quartier prioritaire ou en zone France ruralités revitalisation ?',
      );
    case 'entreprise . ACRE demandée':
      return ask(b?.acre !== undefined, 'business.acre', 'Demandez-vous l’ACRE ?');
    default:
      return none;
  }
}
