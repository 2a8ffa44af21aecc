// Amounts in plain French, shared by the page, the PDF and the e-mail.
import type { BenefitResult } from '../rights/contract.ts';
import { formatEuros } from '../../platform/money.ts';
const per: Record<BenefitResult['frequency'], string> = {
  monthly: 'par mois',
  yearly: 'par an',
  once: 'une fois',
};

/** "573,49 € par mois", or "montant à préciser" when unknown. */
export function amountText(amount: number | null, frequency: BenefitResult['frequency']): string {
  return amount === null ? 'montant à préciser' : `${formatEuros(amount)} ${per[frequency]}`;
}

/**
 * What an eligible benefit means in money, in plain words: most are paid to the household, but the amount of
 * the complémentaire santé solidaire is a participation to pay (0: free), a micro-entrepreneur's amount is
 * contributions to pay, and the APA's is the ceiling of a care plan the département sets (what it pays is the
 * plan granted, less a participation). The allocation de rentrée scolaire is the year's, paid at once in
 * mid-August of the month's year (rules/famille/ars.publicodes, `ars . versement`): said with that year, and as
 * already paid from September on.
 */
export function eligibleAmountText(
  // Any id (a stored one too, as the aller-vers list's): only a few are told apart here.
  benefit: Pick<BenefitResult, 'amount' | 'frequency'> & { id: string },
  month?: string,
): string {
  if (benefit.id === 'ars' && benefit.amount !== null && month) {
    const year = month.slice(0, 4);
    // From September, that year's payment is behind the resident: said as past, with what to do if it never came.
    if (month.slice(5, 7) >= '09')
      return `${formatEuros(benefit.amount)} pour l’année, déjà versés à la mi-août ${year} (pas reçus : demandez-les à la Caf)`;
    return `${formatEuros(benefit.amount)} pour l’année, versés à la mi-août ${year}`;
  }
  if (benefit.id === 'apa-domicile' && benefit.amount !== null)
    return `plan d’aide jusqu’à ${amountText(benefit.amount, benefit.frequency)}`;
  if (benefit.id === 'css') {
    if (benefit.amount === 0) return 'gratuite';
    return `participation de ${amountText(benefit.amount, benefit.frequency)}`;
  }
  if (benefit.id === 'micro-entrepreneur-cotisations')
    return `à payer : ${amountText(benefit.amount, benefit.frequency)}`;
  return amountText(benefit.amount, benefit.frequency);
}
