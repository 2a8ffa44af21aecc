// The indicator store's list: each feature declares its indicators in its own folder (`indicators.ts`, see
// src/features/pilotage/indicator-registry.ts) and joins here with one line. The pilotage pages, the refresh job and
// the open data read this list; nothing else needs to change when a feature adds indicators.
import type { IndicatorSource } from './pilotage/indicator-registry.ts';
import { navigatorIndicators } from './navigator/indicators.ts';
import { rightsIndicators } from './rights/indicators.ts';
import { casesIndicators } from './cases/indicators.ts';
import { pilotageIndicators } from './pilotage/indicators.ts';
import { residentFileIndicators } from './resident-file/indicators.ts';
import { appointmentsIndicators } from './appointments/indicators.ts';
import { outreachIndicators } from './outreach/indicators.ts';

export const indicatorSources: IndicatorSource[] = [
  navigatorIndicators,
  rightsIndicators,
  casesIndicators,
  appointmentsIndicators,
  outreachIndicators,
  pilotageIndicators,
  residentFileIndicators,
];
