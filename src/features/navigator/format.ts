// Amounts in plain French, shared by the page, the PDF and the e-mail.
import type { BenefitResult } from '../rights/contract.ts';

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const per: Record<BenefitResult['frequency'], string> = {
  monthly: 'par mois',
  yearly: 'par an',
  once: 'une fois',
};

/** "573,49 € par mois", or "montant à préciser" when unknown. */
export function amountText(amount: number | null, frequency: BenefitResult['frequency']): string {
  return amount === null ? 'montant à préciser' : `${euros.format(amount)} ${per[frequency]}`;
}
