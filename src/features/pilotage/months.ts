// Months as the indicators count them: 'YYYY-MM' in Paris time (a plan made on 31 December at 23:30 in Paris
// counts in December), with the few operations the pages and the refresh job need.
import { monthNames, todayInParis } from '../../platform/dates.ts';

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether a string is a month 'YYYY-MM'. */
export function isMonth(value: string): boolean {
  return monthPattern.test(value);
}

/** The Paris month of an instant. */
export function monthOf(instant: Date): string {
  return todayInParis(instant).slice(0, 7);
}

/** A month plus (or minus) a number of months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included (empty when `from` is after `to`). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to && months.length < 1200; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** "novembre 2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${monthNames[m - 1]} ${y}`;
}

/** "nov. 2026": short, for chart axes. */
export function shortMonthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const name = monthNames[m - 1]!;
  return `${name.length > 4 ? name.slice(0, name.startsWith('juil') ? 4 : 3) + '.' : name} ${y}`;
}
