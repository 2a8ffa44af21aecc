// Allocation personnalisée d'autonomie à domicile: the model is rules/autonomie/apa-domicile.publicodes. The
// amount is the maximum monthly plan for the GIR; the participation is shown in the explanation.
import { carriedOverFromJanuary2027, type BenefitDefinition } from '../benefit.ts';

export const apaDomicile: BenefitDefinition = {
  id: 'apa-domicile',
  label: 'Allocation personnalisée d’autonomie (APA) à domicile',
  organisation: 'departement',
  frequency: 'monthly',
  namespace: 'apa domicile',
  // The maximum plan depends only on the age and the GIR; the resources (revenu fiscal de référence) give
  // the participation shown in the breakdown when they are known.
  inputs: ['demandeur . âge', 'demandeur . GIR'],
  summary:
    'L’APA à domicile aide les personnes de 60 ans ou plus en perte d’autonomie (GIR 1 à 4, évalué par l’équipe du département) à payer les aides de leur plan d’aide. Le montant indiqué est le plafond du plan d’aide pour ce GIR, pas une somme versée chaque mois : le département propose un plan d’aide (heures d’aide à domicile, portage de repas…) jusqu’à ce plafond, et l’APA en paie le coût moins votre participation, calculée sur vos ressources. Estimation : c’est le département qui fixe le plan et la participation.',
  // A GIR answered "not evaluated" (null) cannot be guessed: only the department's team evaluates it.
  undecidedText: (request) =>
    request.household.members.find((m) => m.role === 'applicant')?.gir === null
      ? 'Le GIR n’a pas encore été évalué : c’est l’équipe médico-sociale du département qui l’évalue, à domicile, après la demande d’APA. Faites la demande auprès du département (formulaire de demande d’APA) : le montant dépendra de ce GIR (APA possible pour les GIR 1 à 4).'
      : undefined,
  explanation: [
    {
      rule: 'apa domicile . MTP de référence',
      label: 'Majoration pour tierce personne de référence (par mois)',
    },
    { rule: 'apa domicile . plan maximal', label: 'Plan d’aide maximal pour ce GIR (par mois)' },
    {
      rule: 'apa domicile . ressources mensuelles',
      label: 'Ressources mensuelles retenues (revenu fiscal de référence ÷ 12, ÷ 1,7 pour un couple)',
    },
    { rule: 'apa domicile . seuil sans participation', label: 'Pas de participation en dessous de' },
    {
      rule: 'apa domicile . seuil de participation maximale',
      label: 'Participation maximale (90 %) au-dessus de',
    },
    {
      rule: 'apa domicile . taux de participation',
      label: 'Votre taux de participation pour un plan au maximum',
      format: 'pourcentage',
    },
    { rule: 'apa domicile . participation', label: 'Votre participation pour un plan au maximum (par mois)' },
    {
      rule: 'apa domicile . APA maximale',
      label: 'Pour un plan au plafond, l’APA paie au plus (par mois)',
    },
  ],
  // The amount is the ceiling of the plan (the contract's "maximum monthly plan"): said as such, so that it is
  // not read as a sum paid, nor confused with what the APA pays after the participation (the line above).
  amountLabel: 'Plafond du plan d’aide (montant indiqué), par mois',
  provisional: [
    carriedOverFromJanuary2027(
      'les tarifs de l’APA (majoration pour tierce personne, plafonds des plans d’aide)',
    ),
  ],
  officialUrl: {
    title:
      'Allocation personnalisée d’autonomie (APA) à domicile : conditions et demande — service-public.fr',
    url: 'https://www.service-public.fr/particuliers/vosdroits/F10009',
  },
  sources: [
    {
      title: 'CNSA — Tarifs APA au 1er janvier 2026',
      url: 'https://www.cnsa.fr/sites/default/files/2026-01/Tarifs-APA-1er-janvier-2026.pdf',
    },
  ],
};
