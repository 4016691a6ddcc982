/**
 * The working-day calendar: Easter computus, national public holidays and deadline arithmetic.
 * Pure functions, so no servers are needed here.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addMonths,
  addWorkingDays,
  easterSunday,
  isWorkingDay,
  orthodoxEasterSunday,
  publicHolidayDetails,
  publicHolidays,
  supportedCountries,
  toIsoDate,
} from '../policy-areas/calendar.js';

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday

describe('Easter', () => {
  it('when asked for Western Easter of known years, then it returns the published dates', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2285)).toBe('2285-03-22');
  });

  it('when asked for Orthodox Easter of known years, then it returns the published Gregorian dates', () => {
    expect(orthodoxEasterSunday(2024)).toBe('2024-05-05');
    expect(orthodoxEasterSunday(2025)).toBe('2025-04-20');
    expect(orthodoxEasterSunday(2026)).toBe('2026-04-12');
    expect(orthodoxEasterSunday(2027)).toBe('2027-05-02');
    expect(orthodoxEasterSunday(2023)).toBe('2023-04-16');
  });

  it('when computed for every year 1900-2099, then both are Sundays in their possible ranges', () => {
    for (let year = 1900; year <= 2099; year++) {
      const western = easterSunday(year);
      const orthodox = orthodoxEasterSunday(year);
      expect(weekdayOf(western)).toBe(0);
      expect(weekdayOf(orthodox)).toBe(0);
      expect(western >= `${year}-03-22` && western <= `${year}-04-25`).toBe(true);
      expect(orthodox >= `${year}-04-04` && orthodox <= `${year}-05-08`).toBe(true);
      expect(orthodox >= western).toBe(true);
    }
  });

  it('when the year is not a Gregorian integer year, then it throws', () => {
    expect(() => easterSunday(2026.5)).toThrow(/year must be an integer/);
    expect(() => orthodoxEasterSunday(1200)).toThrow(/year must be an integer/);
  });
});

describe('public holidays', () => {
  const has = (country: string, ...dates: string[]) => {
    const list = publicHolidays(country, Number(dates[0].slice(0, 4)));
    for (const date of dates) expect(list, `${country} ${date}`).toContain(date);
  };
  const hasNot = (country: string, ...dates: string[]) => {
    const list = publicHolidays(country, Number(dates[0].slice(0, 4)));
    for (const date of dates) expect(list, `${country} ${date}`).not.toContain(date);
  };

  it('when Germany 2026 is asked for, then it has exactly the nine nationwide holidays', () => {
    expect(publicHolidays('DE', 2026)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-10-03',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('when western countries are checked for 2026, then their movable and fixed feasts are there', () => {
    has('AT', '2026-01-06', '2026-06-04', '2026-10-26', '2026-12-08');
    hasNot('AT', '2026-04-03');
    has('FR', '2026-05-08', '2026-05-25', '2026-07-14', '2026-11-11');
    hasNot('FR', '2026-04-03', '2026-12-26');
    has('BE', '2026-07-21', '2026-11-11');
    has('PL', '2026-05-03', '2026-06-04', '2026-11-11', '2026-12-24');
    has('CZ', '2026-04-03', '2026-07-06', '2026-09-28', '2026-11-17', '2026-12-24');
    has('IT', '2026-04-25', '2026-06-02', '2026-10-04', '2026-12-08');
    has('ES', '2026-04-03', '2026-10-12', '2026-12-06');
    hasNot('ES', '2026-04-02');
    has('MT', '2026-02-10', '2026-03-31', '2026-06-07', '2026-09-21', '2026-12-13');
  });

  it('when Ireland 2026 is checked, then its first-Monday bank holidays and St Brigid rule apply', () => {
    has('IE', '2026-02-02', '2026-03-17', '2026-05-04', '2026-06-01', '2026-08-03', '2026-10-26');
    hasNot('IE', '2026-04-03');
    has('IE', '2030-02-01'); // 1 February 2030 is a Friday
    hasNot('IE', '2022-02-07'); // St Brigid's Day began in 2023
  });

  it('when the Nordic countries are checked for 2026, then Midsummer and the other rule-based days fall right', () => {
    has('SE', '2026-01-06', '2026-06-06', '2026-06-19', '2026-06-20', '2026-10-31', '2026-12-24', '2026-12-31');
    has('FI', '2026-06-19', '2026-06-20', '2026-10-31', '2026-12-06');
    has('NO', '2026-04-02', '2026-05-17', '2026-05-25');
    has('IS', '2026-04-02', '2026-04-23', '2026-06-17', '2026-08-03');
    has('DK', '2026-04-02', '2026-05-14', '2026-05-25');
    hasNot('DK', '2026-05-01'); // Great Prayer Day (Easter + 26) was abolished from 2024
    has('DK', '2023-05-05');
  });

  it('when the Orthodox countries are checked for 2026, then their Easter days follow Orthodox Easter', () => {
    has('EL', '2026-02-23', '2026-03-25', '2026-04-10', '2026-04-13', '2026-06-01', '2026-10-28');
    hasNot('EL', '2026-04-03', '2026-04-06');
    has('CY', '2026-02-23', '2026-04-01', '2026-04-13', '2026-06-01', '2026-10-01');
    has('RO', '2026-01-24', '2026-04-10', '2026-04-13', '2026-06-01', '2026-11-30', '2026-12-01');
    has('BG', '2026-03-03', '2026-04-10', '2026-04-11', '2026-04-13', '2026-05-06', '2026-09-22');
  });

  it('when a Bulgarian fixed holiday falls on a weekend, then the next free working day is off too', () => {
    has('BG', '2026-05-25', '2026-09-07', '2026-12-28');
    has('BG', '2021-05-04'); // 1 May 2021 a Saturday, 3 May already Orthodox Easter Monday
    has('BG', '2022-12-27', '2022-12-28'); // 24 and 25 December 2022 on the weekend
    expect(publicHolidayDetails('BG', 2026).find((h) => h.date === '2026-09-07')?.name).toMatch(/substitute/);
  });

  it('when other national weekend rules apply, then the holiday moves as the law says', () => {
    has('LV', '2025-05-05'); // 4 May 2025 a Sunday
    has('NL', '2025-04-26'); // 27 April 2025 a Sunday: King's Day the Saturday before
    hasNot('NL', '2025-04-27');
    has('EL', '2024-05-07'); // 1 May 2024 in Orthodox Holy Week: moved to Easter Tuesday
  });

  it('when a holiday was introduced or abolished, then the years around the change differ', () => {
    hasNot('IT', '2025-10-04');
    hasNot('PL', '2024-12-24');
    has('PL', '2025-12-24');
    has('SK', '2023-09-01', '2023-11-17');
    hasNot('SK', '2025-09-01', '2025-11-17');
    hasNot('SK', '2026-05-08', '2026-09-15');
    has('SK', '2025-05-08', '2025-09-15');
  });

  it('when Greece is asked for as GR or in lower case, then it is the same calendar as EL', () => {
    expect(publicHolidays('GR', 2026)).toEqual(publicHolidays('EL', 2026));
    expect(publicHolidays('de', 2026)).toEqual(publicHolidays('DE', 2026));
  });

  it('when the returned list is modified, then the cached calendar is unaffected', () => {
    const list = publicHolidays('DE', 2027);
    list.push('2027-02-30');
    list.length = 1;
    expect(publicHolidays('DE', 2027)).toHaveLength(9);
  });

  it('when any country is asked for 2024-2030, then it has 8-20 valid, sorted, distinct dates in that year', () => {
    expect(supportedCountries).toHaveLength(30);
    for (const country of supportedCountries) {
      for (let year = 2024; year <= 2030; year++) {
        const list = publicHolidays(country, year);
        expect(list.length, `${country} ${year}`).toBeGreaterThanOrEqual(8);
        expect(list.length, `${country} ${year}`).toBeLessThanOrEqual(20);
        for (const date of list) {
          expect(date, `${country} ${year}`).toMatch(new RegExp(`^${year}-\\d{2}-\\d{2}$`));
          // Round-trips through Date only if the day exists (no 30 February, no 31 April).
          expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10), `${country} ${date}`).toBe(date);
        }
        expect([...list].sort(), `${country} ${year}`).toEqual(list);
        expect(new Set(list).size, `${country} ${year}`).toBe(list.length);
      }
    }
  });

  it('when a country code is unknown, then every function throws a clear error', () => {
    expect(() => publicHolidays('XX', 2026)).toThrow(/unknown country code "XX"/);
    expect(() => publicHolidays('UK', 2026)).toThrow(/supported are AT, BE/);
    expect(() => isWorkingDay('2026-01-05', 'CH')).toThrow(/unknown country code "CH"/);
    expect(() => addWorkingDays(ms('2026-01-05T00:00:00Z'), 2, 'GB')).toThrow(/unknown country code "GB"/);
  });
});

describe('working days', () => {
  it('when a date is a weekday without a holiday, then it is a working day', () => {
    expect(isWorkingDay('2026-12-24', 'DE')).toBe(true);
    expect(isWorkingDay('2026-12-23', 'CZ')).toBe(true);
  });

  it('when a date is a holiday or on a weekend, then it is not a working day', () => {
    expect(isWorkingDay('2026-12-25', 'DE')).toBe(false);
    expect(isWorkingDay('2026-12-24', 'CZ')).toBe(false);
    expect(isWorkingDay('2026-12-26', 'FR')).toBe(false); // a Saturday, not a French holiday
    expect(isWorkingDay('2026-12-27', 'FR')).toBe(false);
  });

  it('when the date is malformed or does not exist, then isWorkingDay throws', () => {
    expect(() => isWorkingDay('2026-02-30', 'DE')).toThrow(/invalid ISO date/);
    expect(() => isWorkingDay('26-12-2026', 'DE')).toThrow(/invalid ISO date/);
  });

  it('when 2 working days are added from Thursday 2026-12-24 in DE, then the deadline is the end of Tuesday 29 December', () => {
    expect(iso(addWorkingDays(ms('2026-12-24T10:00:00Z'), 2, 'DE'))).toBe('2026-12-30T00:00:00.000Z');
    // The time of day of the start does not matter.
    expect(iso(addWorkingDays(ms('2026-12-24T23:59:59.999Z'), 2, 'DE'))).toBe('2026-12-30T00:00:00.000Z');
    expect(iso(addWorkingDays(ms('2026-12-24T00:00:00Z'), 2, 'DE'))).toBe('2026-12-30T00:00:00.000Z');
  });

  it('when a working day is added on a Friday, then the weekend is skipped', () => {
    expect(iso(addWorkingDays(ms('2026-03-06T15:00:00Z'), 1, 'DE'))).toBe('2026-03-10T00:00:00.000Z');
  });

  it('when the acting country has more Easter holidays, then the deadline is later', () => {
    const wednesday = ms('2026-04-01T09:00:00Z');
    expect(iso(addWorkingDays(wednesday, 1, 'DE'))).toBe('2026-04-03T00:00:00.000Z'); // Maundy Thursday works
    expect(iso(addWorkingDays(wednesday, 1, 'NO'))).toBe('2026-04-08T00:00:00.000Z'); // Thu, Fri, Mon off
    expect(iso(addWorkingDays(wednesday, 1, 'EL'))).toBe('2026-04-03T00:00:00.000Z'); // Orthodox Easter later
  });

  it('when 25 working days are added, then holidays inside the period push the deadline back', () => {
    const monday = ms('2026-01-05T08:00:00Z');
    expect(iso(addWorkingDays(monday, 25, 'DE'))).toBe('2026-02-10T00:00:00.000Z');
    expect(iso(addWorkingDays(monday, 25, 'AT'))).toBe('2026-02-11T00:00:00.000Z'); // 6 January off
  });

  it('when 0 working days are added, then the deadline is the end of that day or of the next working day', () => {
    expect(iso(addWorkingDays(ms('2026-12-24T10:00:00Z'), 0, 'DE'))).toBe('2026-12-25T00:00:00.000Z');
    expect(iso(addWorkingDays(ms('2026-12-25T10:00:00Z'), 0, 'DE'))).toBe('2026-12-29T00:00:00.000Z');
  });

  it('when n is negative or fractional, then addWorkingDays throws', () => {
    expect(() => addWorkingDays(ms('2026-01-05T00:00:00Z'), -1, 'DE')).toThrow(/n must be an integer >= 0/);
    expect(() => addWorkingDays(ms('2026-01-05T00:00:00Z'), 1.5, 'DE')).toThrow(/n must be an integer/);
    expect(() => addWorkingDays(Number.NaN, 1, 'DE')).toThrow(/fromMs must be a finite/);
  });

  it('when working days cross into the next year, then the next year\'s holidays count', () => {
    // From Wednesday 30 December 2026: Thu 31 works in Germany, Fri 1 January is off, then the weekend.
    expect(iso(addWorkingDays(ms('2026-12-30T12:00:00Z'), 2, 'DE'))).toBe('2027-01-05T00:00:00.000Z');
    expect(iso(addWorkingDays(ms('2026-12-30T12:00:00Z'), 2, 'SE'))).toBe('2027-01-06T00:00:00.000Z'); // 31 Dec off
  });
});

describe('calendar days and months', () => {
  it('when calendar days are added, then the time of day is kept', () => {
    expect(iso(addCalendarDays(ms('2026-03-27T14:30:00Z'), 7))).toBe('2026-04-03T14:30:00.000Z');
    expect(iso(addCalendarDays(ms('2026-03-27T14:30:00Z'), -27))).toBe('2026-02-28T14:30:00.000Z');
  });

  it('when a month is added to 31 January, then the result is clamped to the end of February', () => {
    expect(iso(addMonths(ms('2024-01-31T10:30:00Z'), 1))).toBe('2024-02-29T10:30:00.000Z');
    expect(iso(addMonths(ms('2025-01-31T10:30:00Z'), 1))).toBe('2025-02-28T10:30:00.000Z');
    expect(iso(addMonths(ms('2024-10-31T00:00:00Z'), 1))).toBe('2024-11-30T00:00:00.000Z');
  });

  it('when months cross a year or go backwards, then year and clamping still hold', () => {
    expect(iso(addMonths(ms('2025-11-30T08:00:00Z'), 3))).toBe('2026-02-28T08:00:00.000Z');
    expect(iso(addMonths(ms('2025-12-15T23:59:59.999Z'), 1))).toBe('2026-01-15T23:59:59.999Z');
    expect(iso(addMonths(ms('2024-03-31T12:00:00Z'), -1))).toBe('2024-02-29T12:00:00.000Z');
    expect(iso(addMonths(ms('2024-02-29T12:00:00Z'), 12))).toBe('2025-02-28T12:00:00.000Z');
    expect(iso(addMonths(ms('2026-01-31T12:00:00Z'), -13))).toBe('2024-12-31T12:00:00.000Z');
    expect(iso(addMonths(ms('2026-05-17T06:00:00Z'), 6))).toBe('2026-11-17T06:00:00.000Z');
  });

  it('when an instant is converted to a date, then it is its UTC calendar date', () => {
    expect(toIsoDate(ms('2026-12-31T23:59:59.999Z'))).toBe('2026-12-31');
    expect(toIsoDate(ms('1969-12-31T12:00:00Z'))).toBe('1969-12-31');
  });
});

describe('workflow safety', () => {
  it('when the calendar sources are read, then they use no clock, Date, Intl, randomness or Node built-ins', async () => {
    for (const file of ['calendar.ts', 'holidays.ts']) {
      const source = await readFile(new URL(`../policy-areas/${file}`, import.meta.url), 'utf8');
      expect(source, file).not.toMatch(/new Date|Date\.(now|UTC|parse)|Intl\.|Math\.random|performance\.|from 'node:/);
      const imported = [...source.matchAll(/^(?:import|export) [^;]*? from '([^']+)'/gm)].map((m) => m[1]);
      expect(new Set(imported), file).toEqual(new Set(file === 'calendar.ts' ? ['./holidays.js'] : []));
    }
  });
});
