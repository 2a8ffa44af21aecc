// PAJE allocation de base: the model is rules/famille/paje.publicodes (namespace `paje . allocation de base`).
import { carriedOverFromJanuary2027, withChildOrPregnancy, type BenefitDefinition } from '../benefit.ts';
import { basicAllowanceInputs } from './family-inputs.ts';

export const pajeAllocationBase: BenefitDefinition = {
  id: 'paje-allocation-base',
  label: 'Allocation de base de la prestation d’accueil du jeune enfant (PAJE)',
  organisation: 'caf',
  frequency: 'monthly',
  namespace: 'paje . allocation de base',
  inputs: basicAllowanceInputs,
  summary:
    'L’allocation de base de la PAJE aide à élever un enfant de moins de 3 ans, à taux plein ou partiel selon les ressources du foyer d’il y a deux ans. Estimation : le couple « à deux revenus » est apprécié ici sur les revenus actuels, la Caf regarde ceux de l’année N-2.',
  explanation: [
    {
      rule: 'paje . allocation de base . ressources',
      label: 'Ressources du foyer retenues (année N-2, par an)',
    },
    {
      rule: 'paje . plafonds . majoré',
      label: 'Plafond majoré (parent isolé ou couple à deux revenus)',
      format: 'oui-non',
    },
    { rule: 'paje . plafonds . taux plein', label: 'Plafond du taux plein' },
    { rule: 'paje . plafonds . taux partiel', label: 'Plafond du taux partiel' },
    { rule: 'paje . allocation de base . taux plein', label: 'Taux plein', format: 'oui-non' },
    { rule: 'paje . allocation de base . montant brut', label: 'Montant avant CRDS' },
    { rule: 'paje . allocation de base . CRDS', label: 'CRDS déduite (0,5 %)' },
  ],
  provisional: [
    carriedOverFromJanuary2027('les plafonds de ressources', {
      decidesEligibility: true,
      when: withChildOrPregnancy,
    }),
  ],
  officialUrl: {
    title: 'Prestation d’accueil du jeune enfant : simulation et demande (caf.fr)',
    url: 'https://www.caf.fr/allocataires/aides-et-demarches/droits-et-prestations/vie-personnelle/la-prestation-daccueil-du-jeune-enfant-paje',
  },
  sources: [
    {
      title: 'Allocation de base de la Paje — service-public.fr',
      url: 'https://www.service-public.fr/particuliers/vosdroits/F2552',
    },
  ],
};
