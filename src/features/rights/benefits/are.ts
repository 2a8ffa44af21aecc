// Allocation d'aide au retour à l'emploi (allocation chômage): the model is rules/emploi/are.publicodes.
import { carriedOverFromJanuary2027, type BenefitDefinition } from '../benefit.ts';

export const are: BenefitDefinition = {
  id: 'are',
  label: 'Allocation chômage (ARE)',
  organisation: 'france-travail',
  frequency: 'monthly',
  namespace: 'are',
  inputs: ['demandeur . âge', 'demandeur . salaire brut antérieur', 'demandeur . mois travaillés'],
  summary:
    'L’allocation d’aide au retour à l’emploi (ARE) est versée par France Travail après la perte involontaire d’un emploi salarié (fin de contrat, licenciement, rupture conventionnelle), à qui a travaillé au moins 6 mois dans les 24 derniers mois. Son montant vient du salaire journalier de référence ; sa durée, des mois travaillés. Estimation brute, sur un travail continu : France Travail retient 3 % du salaire de référence pour la retraite complémentaire et, au-dessus de certains montants, la CSG et la CRDS ; les allocations élevées baissent de 30 % après six mois.',
  amountLabel: 'ARE brute estimée par mois (30 jours)',
  explanation: [
    { rule: 'are . salaire retenu', label: 'Salaire brut mensuel retenu' },
    { rule: 'are . salaire journalier de référence', label: 'Salaire journalier de référence (SJR)' },
    { rule: 'are . formule avec partie fixe', label: '40,4 % du SJR + partie fixe (par jour)' },
    { rule: 'are . formule proportionnelle', label: '57 % du SJR (par jour)' },
    { rule: 'are . allocation minimale', label: 'Allocation minimale (par jour)' },
    { rule: "are . plafond de l'allocation", label: 'Plafond de 75 % du SJR (par jour)' },
    { rule: 'are . allocation journalière', label: 'Allocation journalière brute retenue' },
    { rule: 'are . durée', label: 'Durée d’indemnisation (jours)', format: 'nombre' },
    { rule: 'are . durée en mois', label: 'Soit, en mois', format: 'nombre' },
  ],
  provisional: [
    {
      from: '2026-07',
      text: 'la partie fixe et l’allocation minimale du 1er juillet 2026 sont celles du 1er juillet 2025, reprises par Sans Couture tant que la revalorisation de 2026 n’a pas été relue',
    },
    carriedOverFromJanuary2027('les plafonds de la sécurité sociale'),
  ],
  officialUrl: {
    title: 'Simulateur de l’allocation chômage (francetravail.fr)',
    url: 'https://candidat.francetravail.fr/candidat/simucalcul/perteemploi',
  },
  sources: [
    {
      title: 'Je perds mon emploi — service-public.fr',
      url: 'https://www.service-public.fr/particuliers/vosdroits/F17556',
    },
  ],
};
