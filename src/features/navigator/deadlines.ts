// The deadline of a procedure from its event date: calendar days, months, year ends, the 15th of the next month,
// days without Sundays and public holidays (funerals, CGCT R2213-33), moved to the next working day when the
// law says so (service-public.fr, F961 for the birth declaration).
import { addDays, addMonths, nextWorkingDay, parseDate, publicHolidays } from '../../platform/dates.ts';

export interface DeadlineRule {
  /** Count the offset from the first day of the event's month (the allocation veuvage: 2 years from it). */
  fromStartOfMonth?: boolean;
  /** Offset from the event date; negative to act before the event (a retirement request). */
  days?: number;
  months?: number;
  /** Move a deadline that falls on a non-working day to the next working day. */
  extendToWorkingDay?: boolean;
  /** 31 December of the event's year (the first CFE declaration). */
  endOfYear?: boolean;
  /** That day of the month after the event (the first DSN, due on the 15th). */
  dayOfNextMonth?: number;
  /**
   * The last day of the month that many months after the event's month: a micro-entrepreneur's first monthly
   * turnover declaration is due at the end of the 4th month after the start of activity (Urssaf).
   */
  lastDayOfMonthAfter?: number;
  /** That many days after the event, Sundays and public holidays not counted (funerals, CGCT R2213-33). */
  countDaysExcludingSundaysAndHolidays?: number;
}

/** The deadline of a procedure for an event date; null when the rule sets no date (only advice). */
export function computeDeadline(eventDate: string, rule: DeadlineRule): string | null {
  let day = eventDate;
  if (rule.endOfYear) {
    day = `${eventDate.slice(0, 4)}-12-31`;
  } else if (rule.lastDayOfMonthAfter) {
    day = addDays(addMonths(`${eventDate.slice(0, 7)}-01`, rule.lastDayOfMonthAfter + 1), -1);
  } else if (rule.dayOfNextMonth) {
    day =
      addMonths(`${eventDate.slice(0, 7)}-01`, 1).slice(0, 8) + String(rule.dayOfNextMonth).padStart(2, '0');
  } else if (rule.countDaysExcludingSundaysAndHolidays) {
    let counted = 0;
    while (counted < rule.countDaysExcludingSundaysAndHolidays) {
      day = addDays(day, 1);
      const weekday = parseDate(day)!.getUTCDay();
      if (weekday !== 0 && !publicHolidays(Number(day.slice(0, 4))).has(day)) counted++;
    }
  } else if (rule.days !== undefined || rule.months !== undefined) {
    if (rule.fromStartOfMonth) day = `${eventDate.slice(0, 7)}-01`;
    if (rule.months) day = addMonths(day, rule.months);
    if (rule.days) day = addDays(day, rule.days);
  } else {
    return null;
  }
  return rule.extendToWorkingDay ? nextWorkingDay(day) : day;
}
