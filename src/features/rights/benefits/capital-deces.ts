// Capital décès of the régime général: the model is rules/deces/capital-deces.publicodes. Paid once.
import type { BenefitDefinition } from '../benefit.ts';
import type { EstimationRequest } from '../contract.ts';
import type { InputName } from '../inputs.ts';

/** Capital décès: nothing to ask without a deceased relative; then the death date and the situation. */
export function deathBenefitInputs(request: EstimationRequest): readonly InputName[] {
  return request.household.deceased ? ['défunt . date du décès', 'défunt . situation'] : [];
}

const otherSchemes: Record<string, string> = {
  'self-employed':
    'Votre proche était travailleur indépendant : le capital décès des indépendants dépend de ses revenus et n’est pas estimé ici ; demandez-le à sa caisse d’assurance maladie (CPAM).',
  'civil-servant':
    'Votre proche était fonctionnaire : le capital décès de la fonction publique est versé par son employeur public et n’est pas estimé ici ; adressez-vous à son service des ressources humaines.',
  farmer:
    'Votre proche relevait de la MSA : son capital décès n’est pas estimé ici ; demandez-le à sa caisse de MSA.',
};

export const capitalDeces: BenefitDefinition = {
  id: 'capital-deces',
  label: 'Capital décès',
  organisation: 'cpam',
  frequency: 'once',
  namespace: 'capital décès',
  inputs: deathBenefitInputs,
  summary:
    'Le capital décès est versé une fois par l’Assurance maladie (CPAM) aux proches d’une personne qui, dans les trois mois avant son décès, était salariée, indemnisée par France Travail ou titulaire d’une pension d’invalidité. Il faut le demander (formulaire S3180) : en priorité les personnes qui étaient entièrement à la charge du défunt, dans le mois qui suit le décès ; sinon, dans les deux ans, son conjoint ou partenaire de Pacs, à défaut ses enfants, à défaut ses parents. Il n’est ni imposable ni compté dans la succession.',
  undecidedText: (request) => {
    const deceased = request.household.deceased;
    const other = deceased?.situation && otherSchemes[deceased.situation];
    if (other) return other;
    return 'Le montant du capital décès pour un décès survenu avant le 1er avril 2024 n’est pas dans l’estimation : demandez-le à la CPAM du défunt.';
  },
  explanation: [
    { rule: 'capital décès . montant forfaitaire', label: 'Capital décès pour un décès à cette date' },
    { rule: 'défunt . mois depuis le décès', label: 'Mois écoulés depuis le décès', format: 'nombre' },
    {
      rule: 'capital décès . mois restants pour demander',
      label: 'Mois qui restent pour le demander (délai de deux ans)',
      format: 'nombre',
    },
  ],
  amountLabel: 'Capital décès estimé, versé une fois',
  provisional: [
    {
      from: '2025-04',
      text: 'le montant d’avril 2025 et d’avril 2026 est le forfait de 2024 revalorisé comme les pensions (+ 1,7 % puis + 0,8 %), calculé par Sans Couture tant que le chiffre publié n’a pas été relu',
    },
  ],
  officialUrl: {
    title: 'Décès d’un proche : capital décès et démarches — ameli.fr',
    url: 'https://www.ameli.fr/assure/droits-demarches/fin-de-vie-deuil/deces-proche-capital-deces',
  },
  sources: [
    {
      title: 'Capital décès versé pour le décès d’un salarié du secteur privé — service-public.fr',
      url: 'https://www.service-public.fr/particuliers/vosdroits/F3005',
    },
  ],
};
