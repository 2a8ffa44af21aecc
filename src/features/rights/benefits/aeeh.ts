// Allocation d'éducation de l'enfant handicapé: the model is rules/handicap/aeeh.publicodes. The base amount
// only; the complements are the MDPH's assessment and are never estimated.
import type { BenefitDefinition } from '../benefit.ts';

export const aeeh: BenefitDefinition = {
  id: 'aeeh',
  label: 'Allocation d’éducation de l’enfant handicapé (AEEH)',
  organisation: 'caf',
  frequency: 'monthly',
  namespace: 'aeeh',
  // Each child's incapacity rate (0 when none), and for a rate of 50 to 79 % the care the CDAPH recommended.
  inputs: ['foyer . enfants', 'foyer . enfants . handicap'],
  summary:
    'L’AEEH est versée par la Caf, sur décision de la MDPH, pour chaque enfant de moins de 20 ans dont le taux d’incapacité est d’au moins 80 %, ou de 50 à 79 % s’il fréquente un établissement ou un service adapté ou si des soins ou un accompagnement ont été préconisés. Sans condition de ressources ; la demande se fait à la MDPH. Le montant indiqué est l’AEEH de base : les compléments et la majoration pour parent isolé sont à évaluer par la MDPH.',
  explanation: [
    { rule: 'aeeh . enfants', label: 'Enfants ouvrant droit à l’AEEH', format: 'nombre' },
    { rule: 'aeeh . montant par enfant', label: 'AEEH de base par enfant (par mois)' },
    { rule: 'aeeh . compléments', label: 'Compléments' },
  ],
  amountLabel: 'AEEH de base estimée (compléments à évaluer par la MDPH)',
  provisional: [
    {
      from: '2026-04',
      text: 'le montant de base d’avril 2026 est calculé par Sans Couture (32 % de la base mensuelle des allocations familiales d’avril 2026), tant que le chiffre publié n’a pas été relu',
    },
  ],
  officialUrl: {
    title: 'Allocation d’éducation de l’enfant handicapé (AEEH) — service-public.fr',
    url: 'https://www.service-public.fr/particuliers/vosdroits/F14809',
  },
};
