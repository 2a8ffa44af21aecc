// Chèque énergie: the model is rules/energie/cheque-energie.publicodes. A yearly amount.
import type { BenefitDefinition } from '../benefit.ts';

export const chequeEnergie: BenefitDefinition = {
  id: 'cheque-energie',
  label: 'Chèque énergie',
  organisation: 'etat',
  frequency: 'yearly',
  namespace: 'chèque énergie',
  // A household without a dwelling of its own gets no voucher: its income does not need asking.
  inputs: (request) =>
    request.household.housing?.status === 'hosted-free' || request.household.housing?.status === 'homeless'
      ? ['foyer . logement . statut']
      : [
          'foyer . couple',
          'foyer . enfants',
          'foyer . logement . statut',
          'foyer . revenu fiscal de référence',
        ],
  summary:
    'Le chèque énergie est envoyé une fois par an aux ménages aux revenus modestes pour payer leurs factures d’énergie ou des travaux de rénovation. Il dépend du revenu fiscal de référence par unité de consommation (1 pour la première personne, 0,5 pour la deuxième, 0,3 pour chacune des suivantes). Barème de l’arrêté du 3 mars 2023 (plafond de 11 000 € par unité de consommation, maintenu en 2025), appliqué aussi en 2026 faute de nouveau barème publié. Estimation : l’administration fiscale et les fournisseurs d’énergie identifient les ménages ; vérifiez votre situation sur le site officiel.',
  explanation: [
    {
      rule: 'chèque énergie . unités de consommation',
      label: 'Unités de consommation du ménage',
      format: 'nombre',
    },
    {
      rule: 'chèque énergie . revenu par unité de consommation',
      label: 'Revenu fiscal de référence par unité de consommation',
    },
    { rule: 'chèque énergie . plafond de revenu', label: 'Plafond par unité de consommation' },
    { rule: 'chèque énergie . tranche de revenu', label: 'Tranche du barème', format: 'nombre' },
  ],
  provisional: [
    {
      decidesEligibility: true,
      from: '2025-01',
      text: 'les tranches des campagnes 2025 et 2026 sont celles de 2023, reprises par Sans Couture faute d’avoir trouvé un nouveau barème publié',
    },
  ],
  officialUrl: { title: 'Site officiel du chèque énergie', url: 'https://www.chequeenergie.gouv.fr' },
  sources: [
    {
      title: 'Chèque énergie — service-public.fr',
      url: 'https://www.service-public.fr/particuliers/vosdroits/F35327',
    },
  ],
};
