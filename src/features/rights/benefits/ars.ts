// Allocation de rentrée scolaire: the model is rules/famille/ars.publicodes. Paid once a year, in August.
import type { BenefitDefinition } from '../benefit.ts';
import type { EstimationRequest } from '../contract.ts';
import type { InputName } from '../inputs.ts';

/** ARS: the N-2 resources only when a child reaches 6 to 18 during the month's year (or its age is unknown). */
export function schoolStartInputs(request: EstimationRequest): readonly InputName[] {
  const year = Number(request.month.slice(0, 4));
  const schoolAge = request.household.members.some((m) => {
    if (m.role !== 'child') return false;
    if (!m.birthDate) return true;
    const reached = year - Number(m.birthDate.slice(0, 4));
    return reached >= 6 && reached <= 18;
  });
  return schoolAge ? ['foyer . enfants', 'foyer . ressources N-2'] : ['foyer . enfants'];
}

export const ars: BenefitDefinition = {
  id: 'ars',
  label: 'Allocation de rentrée scolaire (ARS)',
  organisation: 'caf',
  frequency: 'yearly',
  namespace: 'ars',
  inputs: schoolStartInputs,
  summary:
    'L’allocation de rentrée scolaire est versée une fois par an par la Caf, à la mi-août, pour la rentrée de septembre : pour chaque enfant qui a de 6 à 18 ans et qui est scolarisé ou apprenti, selon les ressources d’il y a deux ans. Elle est versée d’office jusqu’à 15 ans ; de 16 à 18 ans, il faut déclarer la scolarité sur caf.fr. Le montant indiqué est celui de l’année, versé en une fois en août. Estimation : de janvier à mars, la base de calcul d’avril n’est pas encore connue.',
  explanation: [
    { rule: 'ars . versement', label: 'Versement' },
    {
      rule: 'ars . enfants . de 6 à 10 ans',
      label: 'Enfants de 6 à 10 ans',
      format: 'nombre',
      hideWhenZero: true,
    },
    {
      rule: 'ars . enfants . de 11 à 14 ans',
      label: 'Enfants de 11 à 14 ans',
      format: 'nombre',
      hideWhenZero: true,
    },
    {
      rule: 'ars . enfants . de 15 à 18 ans',
      label: 'Jeunes de 15 à 18 ans',
      format: 'nombre',
      hideWhenZero: true,
    },
    { rule: 'ars . ARS complète nette', label: 'ARS pour tous les enfants, après CRDS' },
    { rule: 'ars . ressources', label: 'Ressources du foyer retenues (année N-2, par an)' },
    { rule: 'ars . plafond', label: 'Plafond de ressources (par an)' },
    {
      rule: 'ars . dépassement',
      label: 'Dépassement du plafond, retiré de l’ARS (ARS différentielle)',
      hideWhenZero: true,
    },
  ],
  amountLabel: 'ARS estimée pour l’année, versée en une fois à la mi-août',
  provisional: [
    {
      decidesEligibility: true,
      from: '2026-01',
      until: '2026-12',
      text: 'les montants de 2026 et le plafond de ressources sont calculés par Sans Couture à partir de la base mensuelle des allocations familiales, comme en 2024 et 2025, tant que l’arrêté de 2026 n’a pas été relu',
    },
  ],
  officialUrl: {
    title: 'Allocation de rentrée scolaire (ARS) : conditions et montant — service-public.fr',
    url: 'https://www.service-public.fr/particuliers/vosdroits/F1878',
  },
};
