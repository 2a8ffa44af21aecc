// PAJE prime à la naissance: the model is rules/famille/paje.publicodes (namespace `paje . prime à la naissance`).
import { carriedOverFromJanuary2027, withChildOrPregnancy, type BenefitDefinition } from '../benefit.ts';
import { birthGrantInputs } from './family-inputs.ts';

export const pajePrimeNaissance: BenefitDefinition = {
  id: 'paje-prime-naissance',
  label: 'Prime à la naissance de la prestation d’accueil du jeune enfant (PAJE)',
  organisation: 'caf',
  frequency: 'once',
  namespace: 'paje . prime à la naissance',
  inputs: birthGrantInputs,
  summary:
    'La prime à la naissance est versée une fois, au 7e mois de grossesse, si la grossesse a été déclarée à temps et si les ressources du foyer d’il y a deux ans ne dépassent pas un plafond où l’enfant à naître compte. Estimation : une seule naissance attendue ; la prime à l’adoption n’est pas estimée ici.',
  explanation: [
    { rule: 'paje . prime à la naissance . grossesse', label: 'Grossesse en cours', format: 'oui-non' },
    {
      rule: "paje . prime à la naissance . nombre d'enfants",
      label: 'Enfants comptés, enfant à naître compris',
      format: 'nombre',
    },
    { rule: 'paje . prime à la naissance . plafond', label: 'Plafond de ressources (par an)' },
    { rule: 'paje . prime à la naissance . montant brut', label: 'Prime avant CRDS' },
    { rule: 'paje . prime à la naissance . CRDS', label: 'CRDS déduite (0,5 %)' },
  ],
  provisional: [
    carriedOverFromJanuary2027('les plafonds de ressources', {
      decidesEligibility: true,
      when: withChildOrPregnancy,
    }),
  ],
  officialUrl: {
    title: 'Demande de prime à la naissance (caf.fr)',
    url: 'https://www.caf.fr/allocataires/aides-et-demarches/droits-et-prestations/vie-personnelle/la-prestation-daccueil-du-jeune-enfant-paje',
  },
  sources: [
    {
      title: 'Prime à la naissance de la Paje — service-public.fr',
      url: 'https://www.service-public.fr/particuliers/vosdroits/F2550',
    },
  ],
};
