// Allocation aux adultes handicapés: the model is rules/handicap/aah.publicodes.
import type { BenefitDefinition } from '../benefit.ts';
import { disabilityAllowanceInputs } from './family-inputs.ts';

export const aah: BenefitDefinition = {
  id: 'aah',
  label: 'Allocation aux adultes handicapés (AAH)',
  organisation: 'caf',
  frequency: 'monthly',
  namespace: 'aah',
  inputs: disabilityAllowanceInputs,
  summary:
    'L’AAH est versée par la Caf après décision de la MDPH, à partir de 20 ans, pour un taux d’incapacité d’au moins 80 % (ou de 50 à 79 % avec une restriction d’accès à l’emploi reconnue) ; depuis octobre 2023, les revenus du conjoint ne comptent plus. Estimation : pour un taux de 50 à 79 %, seule la MDPH peut dire si la restriction est reconnue.',
  explanation: [
    { rule: "aah . taux d'incapacité", label: 'Taux d’incapacité reconnu', format: 'pourcentage' },
    { rule: 'aah . montant maximal', label: 'Montant maximal de l’AAH' },
    {
      rule: "aah . revenus d'activité retenus",
      label: 'Revenus d’activité comptés après abattement',
      hideWhenZero: true,
    },
    {
      rule: 'demandeur . revenus de remplacement',
      label: 'Revenus de remplacement comptés',
      hideWhenZero: true,
    },
    { rule: 'aah . plafond de ressources', label: 'Plafond de ressources (majoré par enfant à charge)' },
    {
      rule: 'aah . montant calculé',
      label: 'Plafond moins les ressources, dans la limite du montant maximal',
    },
  ],
  officialUrl: {
    title: 'Demander l’AAH auprès de la MDPH (service-public.fr)',
    url: 'https://www.service-public.fr/particuliers/vosdroits/F12242',
  },
  sources: [
    {
      title: 'Simulateur de l’AAH (caf.fr)',
      url: 'https://www.caf.fr/allocataires/aides-et-demarches/droits-et-prestations/handicap/l-allocation-aux-adultes-handicapes-aah',
    },
  ],
};
