// Aides personnelles au logement (APL, ALF, ALS) of a tenant: the model is rules/logement/aides-logement.publicodes.
import type { EstimationRequest } from '../contract.ts';
import type { BenefitDefinition } from '../benefit.ts';
import type { InputName } from '../inputs.ts';
import { isCouple } from '../inputs.ts';

const household: readonly InputName[] = ['foyer . logement . statut'];

/** A tenant's rent, charges, zone, household and resources; nothing more for anyone else. */
export function housingAidInputs(request: EstimationRequest): readonly InputName[] {
  if (request.household.housing?.status !== 'tenant') return household;
  const inputs: InputName[] = [
    'foyer . logement . statut',
    'foyer . logement . loyer',
    'foyer . logement . charges',
    'foyer . logement . zone',
    'foyer . couple',
    'foyer . enfants',
    'demandeur . âge',
    'demandeur . étudiant',
  ];
  // A student under 28 has a flat resources figure: the earnings only matter for the others.
  const applicant = request.household.members.find((m) => m.role === 'applicant');
  if (applicant?.student !== true) {
    inputs.push("demandeur . revenus d'activité", 'demandeur . revenus de remplacement');
    if (isCouple(request)) inputs.push("conjoint . revenus d'activité", 'conjoint . revenus de remplacement');
  }
  return inputs;
}

export const aidesLogement: BenefitDefinition = {
  id: 'aides-logement',
  label: 'Aide au logement (APL, ALF ou ALS)',
  organisation: 'caf',
  frequency: 'monthly',
  namespace: 'aides logement',
  inputs: housingAidInputs,
  summary:
    'Les aides au logement (APL, allocation de logement familiale ou sociale) paient une partie du loyer d’un locataire, étudiant ou sous-locataire déclaré compris : loyer hors charges dans la limite d’un plafond selon la zone et le foyer, plus un forfait de charges, moins une participation qui croît avec les ressources ; pas versées sous 10 €, diminuées de 5 € par mois. Estimation sur les revenus actuels (la Caf retient ceux des douze derniers mois). Non estimés ici : l’aide d’un propriétaire qui rembourse un prêt (APL accession), la réduction de loyer de solidarité d’un logement social (HLM), qui diminue l’APL de 98 % de son montant, les chambres, colocations et foyers, et le forfait plus bas d’un étudiant boursier.',
  undecidedText: (request) =>
    request.household.housing?.status === 'owner'
      ? 'Un propriétaire qui rembourse un prêt peut toucher l’APL accession (prêts aidés signés avant 2018 surtout) : elle n’est pas estimée ici. Faites une simulation sur caf.fr.'
      : undefined,
  explanation: [
    { rule: 'aides logement . zone', label: 'Zone géographique', format: 'nombre' },
    { rule: 'aides logement . loyer hors charges', label: 'Loyer hors charges' },
    { rule: 'aides logement . plafond de loyer', label: 'Loyer plafond pour ce foyer et cette zone' },
    { rule: 'aides logement . loyer retenu', label: 'Loyer retenu' },
    { rule: 'aides logement . forfait de charges', label: 'Forfait de charges' },
    { rule: 'aides logement . ressources', label: 'Ressources annuelles retenues (arrondies à la centaine)' },
    { rule: 'aides logement . abattement R0', label: 'Abattement forfaitaire R0 (par an)' },
    {
      rule: 'aides logement . taux de participation',
      label: 'Taux de participation (selon le foyer et le loyer)',
      format: 'pourcentage',
    },
    { rule: 'aides logement . participation personnelle', label: 'Participation personnelle du foyer' },
    { rule: 'aides logement . aide calculée', label: 'Loyer retenu + charges − participation' },
    { rule: 'aides logement . abattement mensuel', label: 'Réduction forfaitaire mensuelle' },
    { rule: 'aides logement . CRDS', label: 'CRDS retenue', hideWhenZero: true },
  ],
  provisional: [
    {
      decidesEligibility: true,
      from: '2026-01',
      text: 'les ressources de référence (R0) et le forfait étudiant de 2026 sont ceux de 2025, repris par Sans Couture tant que les valeurs de 2026 n’ont pas été relues',
    },
    {
      decidesEligibility: true,
      from: '2026-10',
      text: 'les loyers plafonds, le forfait de charges et la participation minimale du 1er octobre 2026 sont ceux du 1er octobre 2025, repris par Sans Couture tant que l’arrêté de 2026 n’a pas été relu',
    },
  ],
  officialUrl: {
    title: 'Simulateur des aides au logement (caf.fr)',
    url: 'https://wwwd.caf.fr/wps/portal/caffr/aidesetdemarches/mesdemarches/faireunesimulation/lelogement',
  },
  sources: [
    {
      title: 'Aides au logement des locataires — service-public.fr',
      url: 'https://www.service-public.fr/particuliers/vosdroits/F12006',
    },
  ],
};
