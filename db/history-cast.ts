/**
 * The directory as the history generator sees it: which authorities of which country handle which
 * legal area, who works there, who coordinates each country. Built once; each simulated case gets
 * a `Cast` over it that draws from the case's own random sequence.
 */
import type { ProcedureV2 } from '../policy-areas/language.js';
import type { Party } from '../workflows/contract.js';
import { AREA_SHARES, MOBILITY } from './history-profiles.js';
import type { Cast, Rnd } from './history-sim.js';

/** The parts of the directory the generator needs (db/generate-directory.ts's output fits). */
export interface HistoryDirectory {
  authorities: { id: string; country: string; areas?: string[] | null; languages?: string[] | null }[];
  officials: { login: string; authorityId: string; roles?: string[] | null }[];
}

/** The Commission's entry, for the procedures it takes part in (db/seed.ts registers EU-COM). */
export interface Commission {
  authorityId: string;
  login: string;
}

const party = (a: HistoryDirectory['authorities'][number]): Party => ({ authorityId: a.id, country: a.country, ...(a.languages?.[0] ? { language: a.languages[0] } : {}) });
const NIMIC = /-NIMIC$/;

export class DirectoryIndex {
  private readonly competent = new Map<string, Party[]>();
  private readonly countriesOf = new Map<string, string[]>();
  private readonly staff = new Map<string, string[]>();
  private readonly coordinators = new Map<string, { login: string; authorityId: string }[]>();
  private readonly mobile = new Set(AREA_SHARES.filter((a) => a.mobility).map((a) => a.area));
  private readonly size = new Map<string, number>();
  private readonly weights = new Map<string, { c: string; w: number }[]>();

  constructor(
    directory: HistoryDirectory,
    readonly commission?: Commission,
  ) {
    for (const a of directory.authorities) {
      // The national coordinator is registered for every area but handles none of their requests.
      if (NIMIC.test(a.id)) continue;
      this.size.set(a.country, (this.size.get(a.country) ?? 0) + 1);
      for (const area of a.areas ?? []) {
        const key = `${a.country}|${area}`;
        if (!this.competent.has(key)) this.countriesOf.set(area, [...(this.countriesOf.get(area) ?? []), a.country]);
        this.competent.set(key, [...(this.competent.get(key) ?? []), party(a)]);
      }
    }
    for (const o of directory.officials) {
      this.staff.set(o.authorityId, [...(this.staff.get(o.authorityId) ?? []), o.login]);
      const country = o.authorityId.match(/^([A-Z]{2})-NIMIC$/)?.[1];
      if (country && o.roles?.includes('coordinator')) this.coordinators.set(country, [...(this.coordinators.get(country) ?? []), { login: o.login, authorityId: o.authorityId }]);
    }
    if (commission) this.staff.set(commission.authorityId, [commission.login]);
  }

  countries(area: string): string[] {
    return this.countriesOf.get(area) ?? [];
  }

  /** Whether the directory can stage the procedure: two countries handle its area, the Commission is there if it takes part. */
  canStage(def: ProcedureV2): boolean {
    const needsCommission = Object.entries(def.roles).some(([id, r]) => r.party === 'commission' || id === 'board');
    return this.countries(def.area).length >= 2 && (!needsCommission || this.commission !== undefined);
  }

  /**
   * A country to send from or to: bigger countries (more authorities) weigh more; in the mobility
   * areas host countries send more and countries of origin receive more (synthetic, see history-profiles.ts).
   */
  country(rnd: Rnd, area: string, side: 'send' | 'receive', not?: string): string {
    const key = `${area}|${side}`;
    let w = this.weights.get(key);
    if (!w) {
      const tilt = (c: string) => (this.mobile.has(area) ? (MOBILITY[c] ?? 1) ** (side === 'send' ? 1.5 : -1.5) : 1);
      w = this.countries(area).map((c) => ({ c, w: (this.size.get(c) ?? 1) ** 0.8 * tilt(c) }));
      this.weights.set(key, w);
    }
    const options = w;
    // Drawn again rather than filtered: the excluded country is one of many.
    for (let c = rnd.weighted(options, (x) => x.w).c; ; c = rnd.weighted(options, (x) => x.w).c) if (c !== not) return c;
  }

  authority(rnd: Rnd, country: string, area: string, not?: string): Party | undefined {
    const all = this.competent.get(`${country}|${area}`) ?? [];
    const some = not === undefined ? all : all.filter((p) => p.authorityId !== not);
    return some.length ? rnd.pick(some) : undefined;
  }

  commissionParty(): Party {
    return { authorityId: this.commission!.authorityId, country: 'EU', language: 'en' };
  }

  cast(rnd: Rnd): Cast {
    return {
      official: (id) => rnd.pick(this.staff.get(id) ?? [`unknown-${id}`]),
      coordinatorOf: (country) => {
        const cs = this.coordinators.get(country);
        return cs && rnd.pick(cs);
      },
      otherAuthority: (country, area, not) => this.authority(rnd, country, area, not),
      recipients: (area, notCountries, count) => {
        const pool = this.countries(area).filter((c) => !notCountries.includes(c));
        const chosen = count >= pool.length ? pool : pool.map((c) => ({ c, k: rnd.next() })).sort((a, b) => a.k - b.k).slice(0, count).map((x) => x.c);
        return chosen.sort().map((c) => this.authority(rnd, c, area)!);
      },
    };
  }
}
