// Allocations familiales: the model is rules/famille/allocations-familiales.publicodes.
import { carriedOverFromJanuary2027, withChildOrPregnancy, type BenefitDefinition } from '../benefit.ts';
import { familyAllowanceInputs } from './family-inputs.ts';

export const allocationsFamiliales: BenefitDefinition = {
  id: 'allocations-familiales',
  label: 'Allocations familiales',
  organisation: 'caf',
  frequency: 'monthly',
  namespace: 'allocations familiales',
  inputs: familyAllowanceInputs,
  summary:
    'Les allocations familiales sont versées par la Caf dès deux enfants à charge de moins de 20 ans ; leur montant dépend du nombre d’enfants, de leur âge et des ressources du foyer d’il y a deux ans. Estimation : la Caf fixe le montant exact.',
  explanation: [
    {
      rule: 'allocations familiales . enfants',
      label: 'Enfants à charge de moins de 20 ans',
      format: 'nombre',
    },
    {
      rule: 'allocations familiales . ressources',
      label: 'Ressources du foyer retenues (année N-2, par an)',
    },
    { rule: 'allocations familiales . plafond 1', label: 'Plafond de la première tranche (montant plein)' },
    {
      rule: 'allocations familiales . tranche',
      label: 'Tranche de ressources (1 : montant plein, 2 : moitié, 3 : quart)',
      format: 'nombre',
    },
    { rule: 'allocations familiales . base', label: 'Allocations pour les enfants, avant CRDS' },
    {
      rule: 'allocations familiales . majoration pour âge . montant',
      label: 'Majoration pour âge (enfants de 14 ans ou plus), avant CRDS',
      hideWhenZero: true,
    },
    {
      rule: 'allocations familiales . forfait 20 ans . montant',
      label: 'Allocation forfaitaire pour un enfant de 20 ans, avant CRDS',
      hideWhenZero: true,
    },
    {
      rule: 'allocations familiales . complément dégressif . montant',
      label: 'Complément dégressif (ressources juste au-dessus du plafond)',
      hideWhenZero: true,
    },
    { rule: 'allocations familiales . CRDS', label: 'CRDS déduite (0,5 %)' },
  ],
  provisional: [
    carriedOverFromJanuary2027('les plafonds de ressources', {
      decidesEligibility: true,
      when: withChildOrPregnancy,
    }),
  ],
  officialUrl: {
    title: 'Allocations familiales : faire une simulation (caf.fr)',
    url: 'https://www.caf.fr/allocataires/aides-et-demarches/droits-et-prestations/vie-personnelle/les-allocations-familiales-af',
  },
  sources: [
    {
      title: 'Allocations familiales — service-public.fr',
      url: 'https://www.service-public.fr/particuliers/vosdroits/F13213',
    },
  ],
};

// The exact count of children with the age supplement is part of the shared situation (situation.ts).
export { ageSupplementChildren } from '../situation.ts';
