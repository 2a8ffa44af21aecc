// Every benefit the estimation answers, in the order they are shown. Adding a benefit: one rules file, one
// examples file, one module in this folder, and one line here (see rules/README.md).
import type { BenefitDefinition } from '../benefit.ts';
import { rsa } from './rsa.ts';
import { primeActivite } from './prime-activite.ts';

export const benefits: readonly BenefitDefinition[] = [
  rsa,
  primeActivite,
];
