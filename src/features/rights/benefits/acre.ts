// ACRE for a micro-entrepreneur: the model is rules/entreprise/acre.publicodes. Eligibility under the
// conditions in force at the creation date (2024–2025, then the loi de financement pour 2026); the amount is
// the social contributions it saves each month during the exemption.
import type { BenefitDefinition } from '../benefit.ts';
import type { EstimationRequest } from '../contract.ts';
import { ageInYears, firstDay } from '../situation.ts';

/**
 * Whether the age alone opens the ACRE (18 to 25, article L5141-1 du code du travail): true, false, or
 * undefined when the birth date is not known yet (asked first).
 */
export function acreByAge(request: EstimationRequest): boolean | undefined {
  const applicant = request.household.members.find((m) => m.role === 'applicant');
  const age = ageInYears(applicant?.birthDate, firstDay(request.month));
  return age === undefined ? undefined : age >= 18 && age < 26;
}

export const acre: BenefitDefinition = {
  id: 'acre',
  label: 'Aide à la création ou à la reprise d’une entreprise (ACRE)',
  organisation: 'urssaf',
  frequency: 'monthly',
  namespace: 'acre',
  // Without a business in the request there is nothing to ask: the model answers "no ACRE". From 26 on, the
  // age no longer opens it: whether the person belongs to another entitled group decides.
  inputs: (request) =>
    request.business
      ? [
          'entreprise . ACRE demandée',
          'demandeur . âge',
          'entreprise . date de création',
          'entreprise . activité',
          "entreprise . chiffre d'affaires annuel",
          ...(request.business.acre === true && acreByAge(request) === false
            ? (['acre . autre public'] as const)
            : []),
        ]
      : [],
  summary:
    'L’ACRE réduit les cotisations sociales d’un créateur ou repreneur d’entreprise pendant ses 12 premiers mois d’activité. Elle est réservée aux 18-25 ans, aux demandeurs d’emploi, aux bénéficiaires du RSA, de l’ASS ou de la PreParE, aux personnes handicapées de moins de 30 ans, aux titulaires d’un contrat d’appui au projet d’entreprise et aux créations en quartier prioritaire (et, depuis 2026, en zone France ruralités revitalisation). Depuis le 1er janvier 2026, elle se demande à l’Urssaf au plus tard 60 jours après le début de l’activité ; passé ce délai, elle n’est plus possible (pour une création avant 2026, le délai était de 45 jours après la déclaration de création). Pour une micro-entreprise créée depuis le 1er juillet 2026, l’exonération passe de 50 % à 25 %. Le montant indiqué est l’économie de cotisations par mois pendant l’exonération.',
  explanation: [
    { rule: 'acre . jeune', label: 'Âgé de 18 à 25 ans', format: 'oui-non' },
    {
      rule: 'acre . délai de demande',
      label: 'Délai pour la demander après le début de l’activité (jours)',
      format: 'nombre',
    },
    {
      rule: "acre . taux d'exonération",
      label: 'Part des cotisations sociales exonérée',
      format: 'pourcentage',
    },
    { rule: 'acre . taux normal', label: 'Taux de cotisations sociales sans ACRE', format: 'pourcentage' },
    { rule: 'acre . taux réduit', label: 'Taux avec l’ACRE', format: 'pourcentage' },
    { rule: 'acre . exonération mensuelle', label: 'Cotisations évitées chaque mois' },
  ],
  officialUrl: {
    title: 'Aide à la création ou à la reprise d’une entreprise (Acre) — entreprendre.service-public.gouv.fr',
    url: 'https://entreprendre.service-public.gouv.fr/vosdroits/F11677',
  },
  sources: [
    {
      title: 'Acre : nouvelles règles et démarches depuis le 1er janvier 2026 — Urssaf',
      url: 'https://www.urssaf.fr/accueil/actualites/acre-nouvelles-regles-demarches.html',
    },
    {
      title: 'L’essentiel du statut d’auto-entrepreneur — Urssaf',
      url: 'https://www.autoentrepreneur.urssaf.fr/portail/accueil/sinformer-sur-le-statut/lessentiel-du-statut.html',
    },
  ],
};
