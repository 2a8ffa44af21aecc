// Allocation de soutien familial: the model is rules/famille/asf.publicodes.
import type { BenefitDefinition } from '../benefit.ts';
import type { EstimationRequest } from '../contract.ts';
import type { InputName } from '../inputs.ts';

/** ASF: whether the parent lives alone first; the child support of each child only for a lone parent. */
export function asfInputs(request: EstimationRequest): readonly InputName[] {
  const household = request.household;
  const couple = household.couple ?? (household.members.some((m) => m.role === 'partner') ? true : undefined);
  const hasChildren = household.members.some((m) => m.role === 'child');
  if (couple !== false || !hasChildren) return ['foyer . couple'];
  return ['foyer . couple', 'foyer . enfants', 'foyer . enfants . pension alimentaire'];
}

export const asf: BenefitDefinition = {
  id: 'asf',
  label: 'Allocation de soutien familial (ASF)',
  organisation: 'caf',
  frequency: 'monthly',
  namespace: 'asf',
  inputs: asfInputs,
  summary:
    'L’allocation de soutien familial est versée par la Caf au parent qui vit seul et élève un enfant de moins de 20 ans dont l’autre parent ne paie pas la pension alimentaire (la Caf l’avance et la lui réclame ; si aucune pension n’a encore été fixée, elle est versée quatre mois, le temps de saisir le juge aux affaires familiales), ou paie une pension plus basse que l’ASF (la Caf verse la différence). Elle cesse quand le parent vit en couple. Sans condition de ressources.',
  undecidedText: () =>
    'Plus de six enfants reçoivent une pension alimentaire : l’estimation ne chiffre pas ce cas. La Caf calcule l’ASF enfant par enfant.',
  explanation: [
    { rule: 'asf . montant par enfant', label: 'ASF par enfant sans pension alimentaire, avant CRDS' },
    {
      rule: 'asf . enfants sans pension',
      label: 'Enfants pour qui l’autre parent ne verse rien',
      format: 'nombre',
      hideWhenZero: true,
    },
    { rule: 'asf . ASF complète', label: 'ASF pour ces enfants, avant CRDS', hideWhenZero: true },
    {
      rule: 'asf . ASF différentielle',
      label: 'ASF différentielle (pension plus basse que l’ASF, écart d’au moins 15 €), avant CRDS',
      hideWhenZero: true,
    },
    { rule: 'asf . CRDS', label: 'CRDS déduite (0,5 %)' },
  ],
  provisional: [
    {
      from: '2024-04',
      text: 'le montant est calculé par Sans Couture : 42,20 % de la base mensuelle des allocations familiales d’avril, faute d’avoir relu le chiffre publié',
    },
  ],
  officialUrl: {
    title: 'Allocation de soutien familial (ASF) : conditions et demande — service-public.fr',
    url: 'https://www.service-public.fr/particuliers/vosdroits/F815',
  },
};
