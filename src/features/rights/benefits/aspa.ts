// Allocation de solidarité aux personnes âgées: the model is rules/retraite/aspa.publicodes.
import { carriedOverFromJanuary2027, type BenefitDefinition } from '../benefit.ts';
import type { EstimationRequest, MemberInput } from '../contract.ts';
import type { InputName } from '../inputs.ts';
import { isCouple } from '../inputs.ts';
import { ageInYears, firstDay } from '../situation.ts';

/** The earliest legal retirement age (62, generations born before September 1961): no ASPA before. */
const earliestAge = 62;
/** From 65 the ASPA is due whatever the incapacity. */
const fullAge = 65;

/** The questions about one person's early ASPA: incapacity rate, then unfitness for work if under 50 %. */
function earlyAspaInputs(
  member: MemberInput | undefined,
  age: number | undefined,
  who: 'demandeur' | 'conjoint',
): InputName[] {
  if (age === undefined || age < earliestAge || age >= fullAge) return [];
  const rate: InputName = `${who} . taux d'incapacité`;
  const unfit: InputName = `${who} . inapte au travail`;
  if (member?.disabilityRate === undefined) return [rate];
  return member.disabilityRate < 0.5 ? [unfit] : [];
}

/** ASPA: ages first; resources only when someone of the household may have the ASPA's age. */
export function aspaInputs(request: EstimationRequest): readonly InputName[] {
  const members = request.household.members;
  const on = firstDay(request.month);
  const couple = isCouple(request);
  const applicant = members.find((m) => m.role === 'applicant');
  const partner = members.find((m) => m.role === 'partner');
  const applicantAge = ageInYears(applicant?.birthDate, on);
  const partnerAge = couple ? ageInYears(partner?.birthDate, on) : undefined;
  const ages: InputName[] = couple
    ? ['foyer . couple', 'demandeur . âge', 'conjoint . âge']
    : ['foyer . couple', 'demandeur . âge'];
  const someoneOldEnough = [applicantAge, partnerAge].some((age) => age !== undefined && age >= earliestAge);
  if (!someoneOldEnough) return ages;
  return [
    ...ages,
    ...earlyAspaInputs(applicant, applicantAge, 'demandeur'),
    ...(couple ? earlyAspaInputs(partner, partnerAge, 'conjoint') : []),
    "demandeur . revenus d'activité",
    'demandeur . revenus de remplacement',
    ...(couple ? (["conjoint . revenus d'activité", 'conjoint . revenus de remplacement'] as const) : []),
  ];
}

export const aspa: BenefitDefinition = {
  id: 'aspa',
  label: 'Allocation de solidarité aux personnes âgées (ASPA)',
  organisation: 'carsat',
  frequency: 'monthly',
  namespace: 'aspa',
  inputs: aspaInputs,
  summary:
    'L’ASPA (le « minimum vieillesse ») complète les ressources des personnes de 65 ans ou plus — dès l’âge légal de départ à la retraite pour une personne inapte au travail ou dont le taux d’incapacité est d’au moins 50 % — jusqu’à un montant garanti ; elle se demande à la caisse de retraite (Carsat ou MSA). Attention : après le décès, les sommes versées sont récupérées sur la succession, pour la part qui dépasse un seuil. Estimation : la caisse compte aussi les revenus du patrimoine, qui ne sont pas demandés ici.',
  explanation: [
    { rule: 'aspa . bénéficiaires', label: 'Personnes du foyer qui ont l’âge de l’ASPA', format: 'nombre' },
    {
      rule: "aspa . abattement sur les revenus d'activité",
      label: 'Abattement sur les revenus d’activité (par mois)',
    },
    {
      rule: 'aspa . ressources',
      label: 'Ressources annuelles comptées (revenus d’activité après abattement, pensions, allocations)',
    },
    { rule: 'aspa . plafond de ressources', label: 'Plafond annuel de ressources' },
    { rule: 'aspa . montant maximal', label: 'Montant maximal annuel de l’ASPA pour ce foyer' },
    {
      rule: 'aspa . récupération sur succession . seuil',
      label:
        'Après le décès, l’ASPA versée est récupérée sur la part de la succession (actif net) qui dépasse',
    },
    {
      rule: 'aspa . récupération sur succession . limite annuelle',
      label: 'Somme récupérable au plus, par année de versement',
    },
  ],
  provisional: [
    {
      from: '2026-01',
      text: 'le seuil et les limites de récupération sur la succession de 2026 sont ceux de 2025 revalorisés comme l’ASPA (× 1,009), calculés par Sans Couture tant que la circulaire de la Cnav n’a pas été relue',
    },
    carriedOverFromJanuary2027('les montants et les plafonds de l’ASPA'),
  ],
  officialUrl: {
    title: 'Allocation de solidarité aux personnes âgées (Aspa) : conditions et demande — service-public.fr',
    url: 'https://www.service-public.fr/particuliers/vosdroits/F16871',
  },
};
