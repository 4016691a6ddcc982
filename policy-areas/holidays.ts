/**
 * National public holidays of the 30 EEA countries, as rules the calendar module (`calendar.ts`)
 * turns into dates. Pure data: no imports, no I/O, so workflow code may load it.
 *
 * CAUTION: compiled from general knowledge of national law (checked against public holiday
 * listings where in doubt), NOT from the official journals. A policy owner must verify each
 * country before deadlines that carry legal weight rely on it. The countries and days that were
 * least certain are marked `CHECK:` below.
 *
 * Scope, for every country:
 * - nationwide statutory public holidays only; regional and local ones (German Länder, Spanish
 *   autonomous communities, Alsace-Moselle, patron saints' days...) are left out;
 * - days whose effect on time limits a national law states (e.g. Sweden's Midsummer Eve,
 *   Christmas Eve and New Year's Eve, the Dutch Good Friday) are included and say so;
 * - one-off days and the bridging days governments declare year by year are left out;
 * - the weekend is Saturday and Sunday everywhere, so holidays falling on a Sunday are listed
 *   for completeness but change nothing; a holiday is only moved or replaced on a weekday where
 *   national law does so (`ifSaturday`/`ifSunday`, `substitute`, `orthodoxEasterClash`);
 * - rules describe the law in force for 2024-2030; `from`/`until` record the recent changes known,
 *   but earlier years are not otherwise curated.
 */

export type Weekday = 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun';

interface RuleBase {
  name: string;
  /** First year the rule applies. */
  from?: number;
  /** Last year the rule applies. */
  until?: number;
  /** Years in which the rule does not apply. */
  exceptYears?: readonly number[];
  /**
   * When the day falls on a Saturday or Sunday, the first following weekday that is not already a
   * holiday (or another holiday's substitute) is a holiday too (Bulgaria, Latvia).
   */
  substitute?: boolean;
}

/** The same month and day every year. */
export interface FixedRule extends RuleBase {
  type: 'fixed';
  month: number;
  day: number;
  /** Days to move the holiday by when it falls on a Saturday / Sunday (e.g. -1: the day before). */
  ifSaturday?: number;
  ifSunday?: number;
  /**
   * Greek practice: when the day falls between Orthodox Easter + `from` and + `to` days (inclusive),
   * it is moved to Orthodox Easter + `moveTo` days.
   */
  orthodoxEasterClash?: { from: number; to: number; moveTo: number };
}

/** A number of days from Western (Gregorian) Easter Sunday: Good Friday is -2, Whit Monday +50. */
export interface EasterRule extends RuleBase {
  type: 'easter';
  offset: number;
}

/** A number of days from Orthodox Easter Sunday (Julian computus, as a Gregorian date). */
export interface OrthodoxEasterRule extends RuleBase {
  type: 'orthodox-easter';
  offset: number;
}

/**
 * The first `weekday` on or after month/day: "first Monday in May" is May 1 + Monday,
 * "last Monday in October" is October 25 + Monday, "Saturday between 20 and 26 June" is June 20 +
 * Saturday. `unlessDayIs`: the month/day itself when it falls on that weekday (St Brigid's Day).
 */
export interface WeekdayRule extends RuleBase {
  type: 'weekday';
  month: number;
  day: number;
  weekday: Weekday;
  unlessDayIs?: Weekday;
}

export type HolidayRule = FixedRule | EasterRule | OrthodoxEasterRule | WeekdayRule;

export interface CountryHolidays {
  name: string;
  rules: readonly HolidayRule[];
}

// ---------------------------------------------------------------------------------------------
// Rule builders, and the holidays many countries share.

const fixed = (month: number, day: number, name: string, extra: Partial<FixedRule> = {}): FixedRule => ({
  type: 'fixed',
  month,
  day,
  name,
  ...extra,
});
const easter = (offset: number, name: string, extra: Partial<EasterRule> = {}): EasterRule => ({
  type: 'easter',
  offset,
  name,
  ...extra,
});
const orthodox = (offset: number, name: string, extra: Partial<OrthodoxEasterRule> = {}): OrthodoxEasterRule => ({
  type: 'orthodox-easter',
  offset,
  name,
  ...extra,
});
const weekdayOnOrAfter = (
  month: number,
  day: number,
  weekday: Weekday,
  name: string,
  extra: Partial<WeekdayRule> = {},
): WeekdayRule => ({ type: 'weekday', month, day, weekday, name, ...extra });

const NEW_YEAR = fixed(1, 1, "New Year's Day");
const EPIPHANY = fixed(1, 6, 'Epiphany');
const LABOUR_DAY = fixed(5, 1, 'Labour Day');
const ASSUMPTION = fixed(8, 15, 'Assumption of Mary');
const ALL_SAINTS = fixed(11, 1, "All Saints' Day");
const IMMACULATE_CONCEPTION = fixed(12, 8, 'Immaculate Conception');
const CHRISTMAS_EVE = fixed(12, 24, 'Christmas Eve');
const CHRISTMAS = fixed(12, 25, 'Christmas Day');
const ST_STEPHEN = fixed(12, 26, "St Stephen's Day / Second Day of Christmas");
const NEW_YEARS_EVE = fixed(12, 31, "New Year's Eve");

const MAUNDY_THURSDAY = easter(-3, 'Maundy Thursday');
const GOOD_FRIDAY = easter(-2, 'Good Friday');
const EASTER_SUNDAY = easter(0, 'Easter Sunday');
const EASTER_MONDAY = easter(1, 'Easter Monday');
const ASCENSION = easter(39, 'Ascension Day');
const WHIT_SUNDAY = easter(49, 'Whit Sunday (Pentecost)');
const WHIT_MONDAY = easter(50, 'Whit Monday');
const CORPUS_CHRISTI = easter(60, 'Corpus Christi');

const ORTHODOX_GOOD_FRIDAY = orthodox(-2, 'Orthodox Good Friday');
const ORTHODOX_EASTER_SUNDAY = orthodox(0, 'Orthodox Easter Sunday');
const ORTHODOX_EASTER_MONDAY = orthodox(1, 'Orthodox Easter Monday');
const CLEAN_MONDAY = orthodox(-48, 'Clean Monday (first day of Orthodox Lent)');
const ORTHODOX_WHIT_MONDAY = orthodox(50, 'Orthodox Whit Monday (Holy Spirit Monday)');

/** Sweden and Finland: Midsummer Eve is the Friday between 19 and 25 June, Midsummer Day the Saturday after. */
const MIDSUMMER_EVE = weekdayOnOrAfter(6, 19, 'Fri', 'Midsummer Eve');
const MIDSUMMER_DAY = weekdayOnOrAfter(6, 20, 'Sat', 'Midsummer Day');
/** Sweden and Finland: the Saturday between 31 October and 6 November. */
const ALL_SAINTS_SATURDAY = weekdayOnOrAfter(10, 31, 'Sat', "All Saints' Day");

/** Bulgaria: a fixed holiday on a weekend gives the next working day off (Labour Code art. 154(2)). */
const bg = (month: number, day: number, name: string): FixedRule => fixed(month, day, name, { substitute: true });

// ---------------------------------------------------------------------------------------------

export const HOLIDAYS = {
  AT: {
    name: 'Austria',
    // Arbeitsruhegesetz § 7(2). Good Friday (Protestants only) was abolished in 2019.
    rules: [
      NEW_YEAR,
      EPIPHANY,
      EASTER_MONDAY,
      fixed(5, 1, 'State Holiday (Labour Day)'),
      ASCENSION,
      WHIT_MONDAY,
      CORPUS_CHRISTI,
      ASSUMPTION,
      fixed(10, 26, 'National Day'),
      ALL_SAINTS,
      IMMACULATE_CONCEPTION,
      CHRISTMAS,
      ST_STEPHEN,
    ],
  },
  BE: {
    name: 'Belgium',
    // The ten statutory holidays (Royal Decree of 18 April 1974).
    rules: [
      NEW_YEAR,
      EASTER_MONDAY,
      LABOUR_DAY,
      ASCENSION,
      WHIT_MONDAY,
      fixed(7, 21, 'National Day'),
      ASSUMPTION,
      ALL_SAINTS,
      fixed(11, 11, 'Armistice Day'),
      CHRISTMAS,
    ],
  },
  BG: {
    name: 'Bulgaria',
    // Labour Code art. 154. Fixed holidays on a weekend are made up on the next working day;
    // the Easter days are not. 1 November (Enlighteners' Day) is a day off for schools only.
    rules: [
      bg(1, 1, "New Year's Day"),
      bg(3, 3, 'Liberation Day'),
      ORTHODOX_GOOD_FRIDAY,
      orthodox(-1, 'Orthodox Holy Saturday'),
      ORTHODOX_EASTER_SUNDAY,
      ORTHODOX_EASTER_MONDAY,
      bg(5, 1, 'Labour Day'),
      bg(5, 6, "St George's Day (Army Day)"),
      bg(5, 24, 'Day of Bulgarian Education and Culture and Slavonic Literature'),
      bg(9, 6, 'Unification Day'),
      bg(9, 22, 'Independence Day'),
      bg(12, 24, 'Christmas Eve'),
      bg(12, 25, 'Christmas Day'),
      bg(12, 26, 'Second Day of Christmas'),
    ],
  },
  HR: {
    name: 'Croatia',
    // Holidays Act as amended in 2019, in force from 2020.
    rules: [
      NEW_YEAR,
      EPIPHANY,
      EASTER_SUNDAY,
      EASTER_MONDAY,
      LABOUR_DAY,
      fixed(5, 30, 'Statehood Day', { from: 2020 }),
      fixed(6, 25, 'Statehood Day', { until: 2019 }),
      CORPUS_CHRISTI,
      fixed(6, 22, 'Anti-Fascist Struggle Day'),
      fixed(8, 5, 'Victory and Homeland Thanksgiving Day and Day of Croatian Defenders'),
      ASSUMPTION,
      fixed(10, 8, 'Independence Day', { until: 2019 }),
      ALL_SAINTS,
      fixed(11, 18, 'Remembrance Day for Homeland War Victims', { from: 2020 }),
      CHRISTMAS,
      ST_STEPHEN,
    ],
  },
  CY: {
    name: 'Cyprus',
    // CHECK: Orthodox Easter Tuesday (banks, and reportedly the public service) and Christmas Eve
    // appear in some lists but not as statutory public holidays; both are left out.
    rules: [
      NEW_YEAR,
      EPIPHANY,
      CLEAN_MONDAY,
      fixed(3, 25, 'Greek Independence Day'),
      fixed(4, 1, 'Cyprus National Day'),
      ORTHODOX_GOOD_FRIDAY,
      ORTHODOX_EASTER_SUNDAY,
      ORTHODOX_EASTER_MONDAY,
      LABOUR_DAY,
      orthodox(50, 'Kataklysmos (Orthodox Whit Monday)'),
      ASSUMPTION,
      fixed(10, 1, 'Cyprus Independence Day'),
      fixed(10, 28, 'Ochi Day'),
      CHRISTMAS,
      fixed(12, 26, 'Second Day of Christmas'),
    ],
  },
  CZ: {
    name: 'Czechia',
    // Act 245/2000 Coll. Good Friday since 2016.
    rules: [
      fixed(1, 1, "New Year's Day / Restoration Day of the Independent Czech State"),
      GOOD_FRIDAY,
      EASTER_MONDAY,
      LABOUR_DAY,
      fixed(5, 8, 'Liberation Day'),
      fixed(7, 5, 'Saints Cyril and Methodius Day'),
      fixed(7, 6, 'Jan Hus Day'),
      fixed(9, 28, 'Czech Statehood Day'),
      fixed(10, 28, 'Independent Czechoslovak State Day'),
      fixed(11, 17, 'Struggle for Freedom and Democracy Day'),
      CHRISTMAS_EVE,
      CHRISTMAS,
      ST_STEPHEN,
    ],
  },
  DK: {
    name: 'Denmark',
    // Great Prayer Day was abolished from 2024. Constitution Day (5 June), Christmas Eve and
    // New Year's Eve are customary days off, not public holidays.
    rules: [
      NEW_YEAR,
      MAUNDY_THURSDAY,
      GOOD_FRIDAY,
      EASTER_SUNDAY,
      EASTER_MONDAY,
      easter(26, 'Great Prayer Day', { until: 2023 }),
      ASCENSION,
      WHIT_SUNDAY,
      WHIT_MONDAY,
      CHRISTMAS,
      ST_STEPHEN,
    ],
  },
  EE: {
    name: 'Estonia',
    // Public Holidays and Days of National Importance Act.
    rules: [
      NEW_YEAR,
      fixed(2, 24, 'Independence Day'),
      GOOD_FRIDAY,
      EASTER_SUNDAY,
      LABOUR_DAY,
      WHIT_SUNDAY,
      fixed(6, 23, 'Victory Day'),
      fixed(6, 24, 'Midsummer Day'),
      fixed(8, 20, 'Day of Restoration of Independence'),
      CHRISTMAS_EVE,
      CHRISTMAS,
      ST_STEPHEN,
    ],
  },
  FI: {
    name: 'Finland',
    // Midsummer Eve and Christmas Eve are not church holidays but are days off by law and
    // agreement, and the Act on the Computation of Statutory Time Limits (150/1930) treats them
    // like holidays; they are included.
    rules: [
      NEW_YEAR,
      EPIPHANY,
      GOOD_FRIDAY,
      EASTER_SUNDAY,
      EASTER_MONDAY,
      fixed(5, 1, 'May Day'),
      ASCENSION,
      WHIT_SUNDAY,
      MIDSUMMER_EVE,
      MIDSUMMER_DAY,
      ALL_SAINTS_SATURDAY,
      fixed(12, 6, 'Independence Day'),
      CHRISTMAS_EVE,
      CHRISTMAS,
      ST_STEPHEN,
    ],
  },
  FR: {
    name: 'France',
    // Code du travail L3133-1. Good Friday and 26 December only in Alsace-Moselle (regional).
    rules: [
      NEW_YEAR,
      EASTER_MONDAY,
      LABOUR_DAY,
      fixed(5, 8, 'Victory in Europe Day'),
      ASCENSION,
      WHIT_MONDAY,
      fixed(7, 14, 'Bastille Day'),
      ASSUMPTION,
      ALL_SAINTS,
      fixed(11, 11, 'Armistice Day'),
      CHRISTMAS,
    ],
  },
  DE: {
    name: 'Germany',
    // Nationwide only; everything else (Epiphany, Corpus Christi, Reformation Day, ...) is a Land matter.
    rules: [
      NEW_YEAR,
      GOOD_FRIDAY,
      EASTER_MONDAY,
      LABOUR_DAY,
      ASCENSION,
      WHIT_MONDAY,
      fixed(10, 3, 'Day of German Unity'),
      CHRISTMAS,
      fixed(12, 26, 'Second Day of Christmas'),
    ],
  },
  EL: {
    name: 'Greece',
    // CHECK: Labour Day falling in Holy Week or on Easter Monday has been moved by ministerial
    // decision to Easter Tuesday (2016, 2021, 2024); encoded as a rule, but it is a yearly decision.
    rules: [
      NEW_YEAR,
      EPIPHANY,
      CLEAN_MONDAY,
      fixed(3, 25, 'Independence Day'),
      ORTHODOX_GOOD_FRIDAY,
      ORTHODOX_EASTER_SUNDAY,
      ORTHODOX_EASTER_MONDAY,
      fixed(5, 1, 'Labour Day', { orthodoxEasterClash: { from: -6, to: 1, moveTo: 2 } }),
      ORTHODOX_WHIT_MONDAY,
      ASSUMPTION,
      fixed(10, 28, 'Ochi Day'),
      CHRISTMAS,
      fixed(12, 26, 'Synaxis of the Mother of God'),
    ],
  },
  HU: {
    name: 'Hungary',
    // Labour Code § 102. Good Friday since 2017. Bridging days are set by decree each year and not included.
    rules: [
      NEW_YEAR,
      fixed(3, 15, '1848 Revolution Memorial Day'),
      GOOD_FRIDAY,
      EASTER_SUNDAY,
      EASTER_MONDAY,
      LABOUR_DAY,
      WHIT_SUNDAY,
      WHIT_MONDAY,
      fixed(8, 20, "St Stephen's Day (State Foundation Day)"),
      fixed(10, 23, '1956 Revolution Memorial Day'),
      ALL_SAINTS,
      CHRISTMAS,
      fixed(12, 26, 'Second Day of Christmas'),
    ],
  },
  IE: {
    name: 'Ireland',
    // Organisation of Working Time Act 1997, Schedule 2. Holidays on a weekend are not moved: the
    // employee gets another paid day or an extra day's pay instead. Good Friday is not a public holiday.
    rules: [
      NEW_YEAR,
      weekdayOnOrAfter(2, 1, 'Mon', "St Brigid's Day", { unlessDayIs: 'Fri', from: 2023 }),
      fixed(3, 17, "St Patrick's Day"),
      EASTER_MONDAY,
      weekdayOnOrAfter(5, 1, 'Mon', 'May Bank Holiday'),
      weekdayOnOrAfter(6, 1, 'Mon', 'June Bank Holiday'),
      weekdayOnOrAfter(8, 1, 'Mon', 'August Bank Holiday'),
      weekdayOnOrAfter(10, 25, 'Mon', 'October Bank Holiday'),
      CHRISTMAS,
      fixed(12, 26, "St Stephen's Day"),
    ],
  },
  IT: {
    name: 'Italy',
    // Law 260/1949 and amendments. St Francis of Assisi (4 October) is a national holiday again from
    // 2026 (law promulgated October 2025). Patron saints' days are local.
    rules: [
      NEW_YEAR,
      EPIPHANY,
      EASTER_SUNDAY,
      EASTER_MONDAY,
      fixed(4, 25, 'Liberation Day'),
      LABOUR_DAY,
      fixed(6, 2, 'Republic Day'),
      ASSUMPTION,
      fixed(10, 4, 'St Francis of Assisi', { from: 2026 }),
      ALL_SAINTS,
      IMMACULATE_CONCEPTION,
      CHRISTMAS,
      ST_STEPHEN,
    ],
  },
  LV: {
    name: 'Latvia',
    // Law on Public Holidays, Remembrance Days and Celebration Days. When 4 May or 18 November falls
    // on a weekend, the next working day is a holiday.
    // CHECK: the closing day of the General Latvian Song and Dance Festival (every five years: 2028,
    // ...) is a holiday, moved to the next working day if on a weekend; its date is set per festival,
    // so it is not computed here. Transferred working days are set by government each year.
    rules: [
      NEW_YEAR,
      GOOD_FRIDAY,
      EASTER_SUNDAY,
      EASTER_MONDAY,
      fixed(5, 1, 'Labour Day / Convocation of the Constituent Assembly'),
      fixed(5, 4, 'Restoration of Independence Day', { substitute: true }),
      weekdayOnOrAfter(5, 8, 'Sun', "Mother's Day"),
      WHIT_SUNDAY,
      fixed(6, 23, 'Midsummer Eve (Līgo)'),
      fixed(6, 24, 'Midsummer Day (Jāņi)'),
      fixed(11, 18, 'Proclamation Day', { substitute: true }),
      CHRISTMAS_EVE,
      CHRISTMAS,
      fixed(12, 26, 'Second Day of Christmas'),
      NEW_YEARS_EVE,
    ],
  },
  LT: {
    name: 'Lithuania',
    // Labour Code art. 123. All Souls' Day since 2020.
    rules: [
      NEW_YEAR,
      fixed(2, 16, 'Day of Restoration of the State'),
      fixed(3, 11, 'Day of Restoration of Independence'),
      EASTER_SUNDAY,
      EASTER_MONDAY,
      LABOUR_DAY,
      weekdayOnOrAfter(5, 1, 'Sun', "Mother's Day"),
      weekdayOnOrAfter(6, 1, 'Sun', "Father's Day"),
      fixed(6, 24, "St John's Day (Midsummer)"),
      fixed(7, 6, 'Statehood Day'),
      ASSUMPTION,
      ALL_SAINTS,
      fixed(11, 2, "All Souls' Day", { from: 2020 }),
      CHRISTMAS_EVE,
      CHRISTMAS,
      fixed(12, 26, 'Second Day of Christmas'),
    ],
  },
  LU: {
    name: 'Luxembourg',
    // Labour Code art. L.232-2. Europe Day since 2019. A holiday on a Sunday gives employees a
    // compensatory day individually, not a national date.
    rules: [
      NEW_YEAR,
      EASTER_MONDAY,
      LABOUR_DAY,
      fixed(5, 9, 'Europe Day', { from: 2019 }),
      ASCENSION,
      WHIT_MONDAY,
      fixed(6, 23, "National Day (Grand Duke's Birthday)"),
      ASSUMPTION,
      ALL_SAINTS,
      CHRISTMAS,
      ST_STEPHEN,
    ],
  },
  MT: {
    name: 'Malta',
    // National Holidays and Other Public Holidays Act (Cap. 252): five national holidays and nine
    // public holidays. Holidays on a weekend are not moved.
    rules: [
      NEW_YEAR,
      fixed(2, 10, "Feast of St Paul's Shipwreck"),
      fixed(3, 19, 'Feast of St Joseph'),
      fixed(3, 31, 'Freedom Day'),
      GOOD_FRIDAY,
      fixed(5, 1, "Workers' Day"),
      fixed(6, 7, 'Sette Giugno'),
      fixed(6, 29, 'Feast of St Peter and St Paul (Mnarja)'),
      ASSUMPTION,
      fixed(9, 8, 'Victory Day'),
      fixed(9, 21, 'Independence Day'),
      IMMACULATE_CONCEPTION,
      fixed(12, 13, 'Republic Day'),
      CHRISTMAS,
    ],
  },
  NL: {
    name: 'Netherlands',
    // The generally recognised holidays of the General Time Limits Act (Algemene termijnenwet, art. 3),
    // which governs statutory time limits: Good Friday is assimilated (art. 3(2)) and 5 May counts every
    // year. Bridging days assimilated by decree every few years are not included.
    rules: [
      NEW_YEAR,
      GOOD_FRIDAY,
      easter(1, 'Easter Monday (Second Easter Day)'),
      fixed(4, 27, "King's Day", { ifSunday: -1, from: 2014 }),
      fixed(5, 5, 'Liberation Day'),
      ASCENSION,
      easter(50, 'Whit Monday (Second Pentecost Day)'),
      CHRISTMAS,
      fixed(12, 26, 'Second Day of Christmas'),
    ],
  },
  PL: {
    name: 'Poland',
    // Act of 18 January 1951 on public holidays. Christmas Eve is a holiday from 2025.
    rules: [
      NEW_YEAR,
      EPIPHANY,
      EASTER_SUNDAY,
      EASTER_MONDAY,
      fixed(5, 1, 'State Holiday (Labour Day)'),
      fixed(5, 3, 'Constitution Day'),
      WHIT_SUNDAY,
      CORPUS_CHRISTI,
      ASSUMPTION,
      ALL_SAINTS,
      fixed(11, 11, 'Independence Day'),
      fixed(12, 24, 'Christmas Eve', { from: 2025 }),
      CHRISTMAS,
      fixed(12, 26, 'Second Day of Christmas'),
    ],
  },
  PT: {
    name: 'Portugal',
    // Labour Code art. 234. Corpus Christi, 5 October, 1 November and 1 December restored in 2016.
    // Carnival Tuesday is optional and not included.
    rules: [
      NEW_YEAR,
      GOOD_FRIDAY,
      EASTER_SUNDAY,
      fixed(4, 25, 'Freedom Day'),
      LABOUR_DAY,
      CORPUS_CHRISTI,
      fixed(6, 10, 'Portugal Day'),
      ASSUMPTION,
      fixed(10, 5, 'Republic Day'),
      ALL_SAINTS,
      fixed(12, 1, 'Restoration of Independence'),
      IMMACULATE_CONCEPTION,
      CHRISTMAS,
    ],
  },
  RO: {
    name: 'Romania',
    // Labour Code art. 139. Orthodox Good Friday since 2018, Children's Day since 2017, Epiphany and
    // St John the Baptist since 2024.
    rules: [
      NEW_YEAR,
      fixed(1, 2, 'Day after New Year'),
      fixed(1, 6, 'Epiphany', { from: 2024 }),
      fixed(1, 7, 'St John the Baptist', { from: 2024 }),
      fixed(1, 24, 'Union Day'),
      ORTHODOX_GOOD_FRIDAY,
      ORTHODOX_EASTER_SUNDAY,
      ORTHODOX_EASTER_MONDAY,
      LABOUR_DAY,
      fixed(6, 1, "Children's Day"),
      orthodox(49, 'Orthodox Pentecost'),
      orthodox(50, 'Orthodox Whit Monday'),
      fixed(8, 15, 'Dormition of the Mother of God'),
      fixed(11, 30, "St Andrew's Day"),
      fixed(12, 1, 'National Day'),
      CHRISTMAS,
      fixed(12, 26, 'Second Day of Christmas'),
    ],
  },
  SK: {
    name: 'Slovakia',
    // Act 241/1993 on state holidays, days of rest and memorial days: days of rest only.
    // Consolidation packages made state holidays ordinary working days: Constitution Day (1 Sep)
    // from 2024, 17 November from 2025, and Victory Day (8 May) and Our Lady of Sorrows (15 Sep)
    // for 2026. CHECK: whether 8 May and 15 September return in 2027 as currently enacted.
    rules: [
      fixed(1, 1, 'Day of the Establishment of the Slovak Republic'),
      EPIPHANY,
      GOOD_FRIDAY,
      EASTER_MONDAY,
      LABOUR_DAY,
      fixed(5, 8, 'Day of Victory over Fascism', { exceptYears: [2026] }),
      fixed(7, 5, 'Saints Cyril and Methodius Day'),
      fixed(8, 29, 'Slovak National Uprising Anniversary'),
      fixed(9, 1, 'Constitution Day', { until: 2023 }),
      fixed(9, 15, 'Our Lady of Seven Sorrows', { exceptYears: [2026] }),
      ALL_SAINTS,
      fixed(11, 17, 'Struggle for Freedom and Democracy Day', { until: 2024 }),
      CHRISTMAS_EVE,
      CHRISTMAS,
      fixed(12, 26, 'Second Day of Christmas'),
    ],
  },
  SI: {
    name: 'Slovenia',
    // Holidays and Non-working Days Act. 2 January restored in 2017.
    rules: [
      NEW_YEAR,
      fixed(1, 2, 'New Year (second day)'),
      fixed(2, 8, 'Prešeren Day'),
      EASTER_SUNDAY,
      EASTER_MONDAY,
      fixed(4, 27, 'Day of Uprising Against Occupation'),
      LABOUR_DAY,
      fixed(5, 2, 'Labour Day (second day)'),
      WHIT_SUNDAY,
      fixed(6, 25, 'Statehood Day'),
      ASSUMPTION,
      fixed(10, 31, 'Reformation Day'),
      fixed(11, 1, 'Day of Remembrance for the Dead'),
      CHRISTMAS,
      fixed(12, 26, 'Independence and Unity Day'),
    ],
  },
  ES: {
    name: 'Spain',
    // The national holidays the Ministry of Labour lists every year. Maundy Thursday is a holiday in
    // every region except Catalonia (and, some years, Valencia), so it is regional here; regions
    // may also replace 6 January and move holidays falling on a Sunday to the Monday.
    rules: [
      NEW_YEAR,
      EPIPHANY,
      GOOD_FRIDAY,
      LABOUR_DAY,
      ASSUMPTION,
      fixed(10, 12, 'National Day of Spain'),
      ALL_SAINTS,
      fixed(12, 6, 'Constitution Day'),
      IMMACULATE_CONCEPTION,
      CHRISTMAS,
    ],
  },
  SE: {
    name: 'Sweden',
    // Public Holidays Act (1989:253). Midsummer Eve, Christmas Eve and New Year's Eve are not public
    // holidays, but the Act on Computation of Statutory Time (1930:173) treats them like one, so
    // they are included.
    rules: [
      NEW_YEAR,
      EPIPHANY,
      GOOD_FRIDAY,
      EASTER_SUNDAY,
      EASTER_MONDAY,
      fixed(5, 1, 'May Day'),
      ASCENSION,
      WHIT_SUNDAY,
      fixed(6, 6, 'National Day'),
      MIDSUMMER_EVE,
      MIDSUMMER_DAY,
      ALL_SAINTS_SATURDAY,
      CHRISTMAS_EVE,
      CHRISTMAS,
      fixed(12, 26, 'Second Day of Christmas'),
      NEW_YEARS_EVE,
    ],
  },
  IS: {
    name: 'Iceland',
    // Act 88/1971 (as amended). CHECK: Christmas Eve and New Year's Eve are holidays from 13:00 only,
    // so they are left out as whole working days.
    rules: [
      NEW_YEAR,
      MAUNDY_THURSDAY,
      GOOD_FRIDAY,
      EASTER_SUNDAY,
      EASTER_MONDAY,
      weekdayOnOrAfter(4, 19, 'Thu', 'First Day of Summer'),
      LABOUR_DAY,
      ASCENSION,
      WHIT_SUNDAY,
      WHIT_MONDAY,
      fixed(6, 17, 'National Day'),
      weekdayOnOrAfter(8, 1, 'Mon', 'Commerce Day'),
      CHRISTMAS,
      fixed(12, 26, 'Second Day of Christmas'),
    ],
  },
  LI: {
    name: 'Liechtenstein',
    // Holidays equal to Sundays under the Labour Act (Arbeitsgesetz art. 18(2)). CHECK: Good Friday,
    // 2 January (Berchtoldstag), Shrove Tuesday afternoon, Christmas Eve and New Year's Eve are
    // customary days off (including in the national administration) but are left out here.
    rules: [
      NEW_YEAR,
      EPIPHANY,
      fixed(2, 2, 'Candlemas'),
      fixed(3, 19, "St Joseph's Day"),
      EASTER_MONDAY,
      LABOUR_DAY,
      ASCENSION,
      WHIT_MONDAY,
      CORPUS_CHRISTI,
      fixed(8, 15, 'National Day (Assumption)'),
      fixed(9, 8, 'Nativity of Mary'),
      ALL_SAINTS,
      IMMACULATE_CONCEPTION,
      CHRISTMAS,
      ST_STEPHEN,
    ],
  },
  NO: {
    name: 'Norway',
    // Public Holidays Act (1995) plus 1 and 17 May (Act of 1947).
    rules: [
      NEW_YEAR,
      MAUNDY_THURSDAY,
      GOOD_FRIDAY,
      EASTER_SUNDAY,
      EASTER_MONDAY,
      LABOUR_DAY,
      fixed(5, 17, 'Constitution Day'),
      ASCENSION,
      WHIT_SUNDAY,
      WHIT_MONDAY,
      CHRISTMAS,
      fixed(12, 26, 'Second Day of Christmas'),
    ],
  },
} as const satisfies Record<string, CountryHolidays>;

export type CountryCode = keyof typeof HOLIDAYS;

/** Other spellings accepted for a country code: ISO 3166-1 uses GR for Greece, the EU uses EL. */
export const COUNTRY_ALIASES: Readonly<Record<string, CountryCode>> = { GR: 'EL' };
