// Every benefit the estimation answers, in the order they are shown. Adding a benefit: one rules file, one
// examples file, one module in this folder, and one line here (see rules/README.md).
import type { BenefitDefinition } from '../benefit.ts';
import { rsa } from './rsa.ts';
import { primeActivite } from './prime-activite.ts';
import { allocationsFamiliales } from './allocations-familiales.ts';
import { pajeAllocationBase } from './paje-allocation-base.ts';
import { pajePrimeNaissance } from './paje-prime-naissance.ts';
import { aah } from './aah.ts';
import { css } from './css.ts';
import { apaDomicile } from './apa-domicile.ts';
import { chequeEnergie } from './cheque-energie.ts';
import { acre } from './acre.ts';
import { microEntrepreneurCotisations } from './micro-entrepreneur-cotisations.ts';
import { aidesLogement } from './aides-logement.ts';
import { are } from './are.ts';
import { aspa } from './aspa.ts';
import { asf } from './asf.ts';
import { complementFamilial } from './complement-familial.ts';
import { ars } from './ars.ts';
import { aeeh } from './aeeh.ts';
import { capitalDeces } from './capital-deces.ts';
import { pensionReversion } from './pension-reversion.ts';

export const benefits: readonly BenefitDefinition[] = [
  rsa,
  primeActivite,
  allocationsFamiliales,
  pajeAllocationBase,
  pajePrimeNaissance,
  aah,
  css,
  apaDomicile,
  chequeEnergie,
  acre,
  microEntrepreneurCotisations,
  aidesLogement,
  are,
  complementFamilial,
  asf,
  ars,
  aeeh,
  aspa,
  capitalDeces,
  pensionReversion,
];
