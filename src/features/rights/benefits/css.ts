// Complémentaire santé solidaire: the model is rules/sante/css.publicodes. The amount is the monthly
// participation the household pays (0 when the CSS is free), not a payment to the household.
import type { BenefitDefinition } from '../benefit.ts';

export const css: BenefitDefinition = {
  id: 'css',
  label: 'Complémentaire santé solidaire',
  organisation: 'cpam',
  frequency: 'monthly',
  namespace: 'css',
  inputs: [
    'foyer . couple',
    'foyer . enfants',
    'demandeur . âge',
    'conjoint . âge',
    "demandeur . revenus d'activité",
    'demandeur . revenus de remplacement',
    "conjoint . revenus d'activité",
    'conjoint . revenus de remplacement',
    'foyer . logement . statut',
    'foyer . aides au logement',
  ],
  summary:
    'La complémentaire santé solidaire prend en charge la part des soins que l’Assurance maladie ne rembourse pas : gratuite sous un premier plafond de ressources, elle coûte au-dessus une participation mensuelle par personne selon l’âge. Le montant indiqué est cette participation à payer (0 € : gratuite). Estimation sur les revenus actuels ; l’Assurance maladie retient ceux des douze derniers mois.',
  amountLabel: 'Participation estimée à payer chaque mois',
  zeroAmountText:
    'Aucune participation à payer : la complémentaire santé solidaire est gratuite pour ce foyer.',
  explanation: [
    { rule: 'css . personnes', label: 'Personnes du foyer', format: 'nombre' },
    { rule: 'css . forfait logement', label: 'Forfait logement ajouté (par mois)', hideWhenZero: true },
    { rule: 'css . ressources', label: 'Ressources retenues sur douze mois' },
    { rule: 'css . plafonds . gratuite', label: 'Plafond de la CSS gratuite' },
    { rule: 'css . plafonds . avec participation', label: 'Plafond de la CSS avec participation' },
    { rule: 'css . gratuite', label: 'CSS gratuite', format: 'oui-non' },
    {
      rule: 'css . participation . totale',
      label: 'Participation mensuelle si la CSS n’est pas gratuite (8 € à 30 € par personne selon l’âge)',
    },
  ],
  provisional: [
    {
      decidesEligibility: true,
      from: '2026-04',
      text: 'les plafonds de ressources du 1er avril 2026 sont ceux de 2025 revalorisés de 0,8 %, calculés par Sans Couture tant que leur arrêté n’a pas été relu',
    },
  ],
  officialUrl: {
    title: 'Simulateur de la Complémentaire santé solidaire (ameli.fr)',
    url: 'https://www.ameli.fr/assure/droits-demarches/difficultes-acces-droits-soins/complementaire-sante/complementaire-sante-beneficiaires',
  },
  sources: [
    {
      title: 'Complémentaire santé solidaire — service-public.fr',
      url: 'https://www.service-public.fr/particuliers/vosdroits/F10027',
    },
  ],
};
