// Revenu de solidarité active: the model is rules/solidarite/rsa.publicodes.
import type { BenefitDefinition } from '../benefit.ts';
import { solidarityInputs } from './solidarity-inputs.ts';

export const rsa: BenefitDefinition = {
  id: 'rsa',
  label: 'Revenu de solidarité active',
  organisation: 'caf',
  frequency: 'monthly',
  namespace: 'rsa',
  inputs: solidarityInputs,
  summary:
    'Le RSA complète les ressources du foyer jusqu’à un montant forfaitaire qui dépend de sa composition. Estimation : la CAF (ou la MSA) calcule le montant exact sur les ressources des trois derniers mois.',
  explanation: [
    { rule: 'rsa . montant forfaitaire de base', label: 'Montant forfaitaire pour une personne seule' },
    { rule: 'rsa . montant forfaitaire', label: 'Montant forfaitaire pour la composition du foyer' },
    {
      rule: 'rsa . majoration isolement',
      label: 'Majoration pour parent isolé ou femme enceinte isolée',
      hideWhenZero: true,
    },
    {
      rule: "rsa . ressources . revenus d'activité",
      label: 'Revenus d’activité du foyer comptés',
      hideWhenZero: true,
    },
    {
      rule: 'rsa . ressources . revenus de remplacement',
      label: 'Revenus de remplacement comptés',
      hideWhenZero: true,
    },
    {
      rule: 'rsa . ressources . allocations familiales',
      label: 'Allocations familiales comptées (sans les majorations pour âge)',
      hideWhenZero: true,
    },
    {
      rule: 'rsa . ressources . allocation de base',
      label: 'Allocation de base de la PAJE comptée',
      hideWhenZero: true,
    },
    { rule: 'rsa . forfait logement', label: 'Forfait logement déduit', hideWhenZero: true },
    { rule: 'rsa . montant calculé', label: 'Montant garanti moins les ressources' },
  ],
  officialUrl: {
    title: 'Simulateur du RSA (caf.fr)',
    url: 'https://wwwd.caf.fr/wps/portal/caffr/aidesetdemarches/mesdemarches/faireunesimulation/lerevenudesolidariteactiversa',
  },
  sources: [
    {
      title: 'Revenu de solidarité active (RSA) — service-public.fr',
      url: 'https://www.service-public.fr/particuliers/vosdroits/N19775',
    },
  ],
};
