/**
 * Deadline arithmetic in calendar days, calendar months and working days "on the acting
 * country's public holidays" (posting of workers, public documents, ...).
 *
 * Deterministic and safe inside Temporal workflow code: no Node built-ins, no Intl, no Date, no
 * I/O and no clock. Everything is integer arithmetic on the UTC epoch milliseconds and ISO dates
 * ('YYYY-MM-DD') passed in. A "day" is a UTC calendar day: 00:00 UTC to 24:00 UTC. The acting
 * authority's local midnight is 1-3 hours away from that; a caller that needs local days can shift
 * `fromMs` by the offset and shift the result back.
 *
 * Holidays come from `holidays.ts` (nationwide statutory holidays, see the caveats there); the
 * weekend is Saturday and Sunday in every supported country.
 */
import { COUNTRY_ALIASES, HOLIDAYS, type CountryCode, type HolidayRule, type Weekday } from './holidays.js';

export type { CountryCode } from './holidays.js';

export const DAY_MS = 86_400_000;

/** The 30 EEA countries, by the codes the EU uses (EL for Greece; GR is accepted as an alias). */
export const supportedCountries: readonly CountryCode[] = Object.freeze(Object.keys(HOLIDAYS) as CountryCode[]);

export interface PublicHoliday {
  /** 'YYYY-MM-DD' */
  date: string;
  /** English name; holidays on the same day are joined with " / ". */
  name: string;
}

// ---------------------------------------------------------------------------------------------
// Day numbers: days since 1970-01-01 (H. Hinnant's civil-calendar algorithms, proleptic Gregorian).

interface Civil {
  year: number;
  month: number;
  day: number;
}

function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civil(dayNo: number): Civil {
  const z = dayNo + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function isoOf(dayNo: number): string {
  const { year, month, day } = civil(dayNo);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. Day 0 (1970-01-01) was a Thursday. */
function isoWeekday(dayNo: number): number {
  return ((((dayNo + 3) % 7) + 7) % 7) + 1;
}

const WEEKDAYS: Record<Weekday, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

const isWeekend = (dayNo: number) => isoWeekday(dayNo) >= 6;

function parseIsoDate(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new Error(`invalid ISO date "${iso}": expected an existing date as YYYY-MM-DD`);
  }
  return dayNumber(year, month, day);
}

function dayOfMs(ms: number, what: string): number {
  if (!Number.isFinite(ms)) throw new Error(`${what} must be a finite epoch-milliseconds number, got ${ms}`);
  return Math.floor(ms / DAY_MS);
}

function assertInteger(n: number, what: string, min = -Infinity): void {
  if (!Number.isInteger(n) || n < min) {
    throw new Error(`${what} must be an integer${min > -Infinity ? ` >= ${min}` : ''}, got ${n}`);
  }
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new Error(`year must be an integer between 1583 and 9999 (Gregorian calendar), got ${year}`);
  }
}

/** The UTC calendar date of an epoch-milliseconds instant, as 'YYYY-MM-DD'. */
export function toIsoDate(ms: number): string {
  return isoOf(dayOfMs(ms, 'ms'));
}

// ---------------------------------------------------------------------------------------------
// Easter

function easterDayNumber(year: number): number {
  // Meeus/Jones/Butcher algorithm for the Gregorian calendar.
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}

function orthodoxEasterDayNumber(year: number): number {
  // Meeus's Julian algorithm gives a Julian-calendar date in March or April...
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  // ...which is converted to Gregorian by adding the calendars' difference for March-May of that
  // year (13 days in 1900-2099, 14 in 2100-2199).
  const julianToGregorian = Math.floor(year / 100) - Math.floor(year / 400) - 2;
  return dayNumber(year, month, day) + julianToGregorian;
}

/** Western Easter Sunday of a year, as 'YYYY-MM-DD'. */
export function easterSunday(year: number): string {
  assertYear(year);
  return isoOf(easterDayNumber(year));
}

/** Orthodox Easter Sunday of a year (Julian computus), as a Gregorian 'YYYY-MM-DD'. */
export function orthodoxEasterSunday(year: number): string {
  assertYear(year);
  return isoOf(orthodoxEasterDayNumber(year));
}

// ---------------------------------------------------------------------------------------------
// Holidays

/** Resolves a country code (case-insensitive, GR accepted for EL) or throws. */
export function resolveCountry(code: string): CountryCode {
  const upper = typeof code === 'string' ? code.toUpperCase() : '';
  if (Object.prototype.hasOwnProperty.call(HOLIDAYS, upper)) return upper as CountryCode;
  const alias = COUNTRY_ALIASES[upper];
  if (alias) return alias;
  throw new Error(`unknown country code "${code}": supported are ${supportedCountries.join(', ')} (and GR for Greece)`);
}

function applies(rule: HolidayRule, year: number): boolean {
  if (rule.from !== undefined && year < rule.from) return false;
  if (rule.until !== undefined && year > rule.until) return false;
  return !rule.exceptYears?.includes(year);
}

function ruleDay(rule: HolidayRule, year: number): number {
  switch (rule.type) {
    case 'easter':
      return easterDayNumber(year) + rule.offset;
    case 'orthodox-easter':
      return orthodoxEasterDayNumber(year) + rule.offset;
    case 'weekday': {
      const base = dayNumber(year, rule.month, rule.day);
      const wd = isoWeekday(base);
      if (rule.unlessDayIs && wd === WEEKDAYS[rule.unlessDayIs]) return base;
      return base + ((WEEKDAYS[rule.weekday] - wd + 7) % 7);
    }
    case 'fixed': {
      let day = dayNumber(year, rule.month, rule.day);
      const clash = rule.orthodoxEasterClash;
      if (clash) {
        const easter = orthodoxEasterDayNumber(year);
        if (day - easter >= clash.from && day - easter <= clash.to) day = easter + clash.moveTo;
      }
      const wd = isoWeekday(day);
      if (wd === 6 && rule.ifSaturday) day += rule.ifSaturday;
      if (wd === 7 && rule.ifSunday) day += rule.ifSunday;
      return day;
    }
  }
}

interface YearHolidays {
  details: readonly PublicHoliday[];
  days: ReadonlySet<number>;
}

// Pure function of (country, year), so sharing it between workflow runs is deterministic.
const cache = new Map<string, YearHolidays>();

function computeYear(country: CountryCode, year: number): YearHolidays {
  const names = new Map<number, string[]>();
  const add = (day: number, name: string) => {
    const list = names.get(day);
    if (list) {
      if (!list.includes(name)) list.push(name);
    } else names.set(day, [name]);
  };
  const substitutable: { day: number; name: string }[] = [];
  for (const rule of HOLIDAYS[country].rules as readonly HolidayRule[]) {
    if (!applies(rule, year)) continue;
    const day = ruleDay(rule, year);
    add(day, rule.name);
    if (rule.substitute && isWeekend(day)) substitutable.push({ day, name: rule.name });
  }
  // Weekend holidays that national law makes up for: each takes the first following weekday that is
  // not a holiday or another substitute, in date order. (With the current data these never leave
  // the year: the latest is 26 December.)
  substitutable.sort((x, y) => x.day - y.day);
  for (const { day, name } of substitutable) {
    let d = day + 1;
    while (isWeekend(d) || names.has(d)) d++;
    if (civil(d).year === year) add(d, `${name} (substitute day)`);
  }
  const sorted = [...names.keys()].sort((x, y) => x - y);
  return {
    details: Object.freeze(sorted.map((d) => Object.freeze({ date: isoOf(d), name: names.get(d)!.join(' / ') }))),
    days: new Set(sorted),
  };
}

function yearHolidays(country: CountryCode, year: number): YearHolidays {
  const key = `${country}:${year}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = computeYear(country, year);
    cache.set(key, entry);
  }
  return entry;
}

/** The country's public holidays in a year, with names, in date order. */
export function publicHolidayDetails(country: string, year: number): readonly PublicHoliday[] {
  const code = resolveCountry(country);
  assertYear(year);
  return yearHolidays(code, year).details;
}

/** The country's public holidays in a year as sorted 'YYYY-MM-DD' dates (a fresh array each call). */
export function publicHolidays(country: string, year: number): string[] {
  return publicHolidayDetails(country, year).map((h) => h.date);
}

function isWorkingDayNumber(dayNo: number, country: CountryCode): boolean {
  if (isWeekend(dayNo)) return false;
  const year = civil(dayNo).year;
  assertYear(year);
  return !yearHolidays(country, year).days.has(dayNo);
}

/** Whether 'YYYY-MM-DD' is a working day in the country: not a Saturday, Sunday or public holiday. */
export function isWorkingDay(isoDate: string, country: string): boolean {
  const code = resolveCountry(country);
  return isWorkingDayNumber(parseIsoDate(isoDate), code);
}

// ---------------------------------------------------------------------------------------------
// Deadline arithmetic

/** `fromMs` plus n whole days of 24 hours (UTC has no daylight saving time). */
export function addCalendarDays(fromMs: number, n: number): number {
  dayOfMs(fromMs, 'fromMs');
  assertInteger(n, 'n');
  return fromMs + n * DAY_MS;
}

/**
 * The deadline n working days after `fromMs` in `country`: the END of the n-th working day after
 * the (UTC) day of `fromMs`, returned as the epoch ms of 00:00 UTC of the day that follows it.
 * The day of `fromMs` itself never counts for n >= 1, whatever the time of day.
 *
 * - n = 0: the end of the day of `fromMs` if it is a working day, else the end of the next one.
 * - Example (DE): from Thursday 2026-12-24, n = 2: 25 Dec (holiday) and the weekend are skipped,
 *   Mon 28 Dec is the first and Tue 29 Dec the second working day; the result is
 *   2026-12-30T00:00:00Z.
 */
export function addWorkingDays(fromMs: number, n: number, country: string): number {
  const code = resolveCountry(country);
  let day = dayOfMs(fromMs, 'fromMs');
  assertInteger(n, 'n', 0);
  if (n === 0) {
    while (!isWorkingDayNumber(day, code)) day++;
  } else {
    for (let counted = 0; counted < n; ) {
      day++;
      if (isWorkingDayNumber(day, code)) counted++;
    }
  }
  return (day + 1) * DAY_MS;
}

/**
 * `fromMs` plus n calendar months (n may be negative), at the same UTC time of day. The day of the
 * month is clamped to the target month's length: 31 January + 1 month = 28 (or 29) February.
 */
export function addMonths(fromMs: number, n: number): number {
  const day = dayOfMs(fromMs, 'fromMs');
  assertInteger(n, 'n');
  const timeOfDay = fromMs - day * DAY_MS;
  const { year, month, day: dom } = civil(day);
  const monthIndex = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const targetDay = Math.min(dom, daysInMonth(targetYear, targetMonth));
  return dayNumber(targetYear, targetMonth, targetDay) * DAY_MS + timeOfDay;
}
