import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { ageBand, AGE_BANDS } from '../../kernel/care-leavers';
import { ageOn, londonDate } from '../../kernel/dates';
import { matchPage, toMatchPerson, type MatchBed, type MatchPage } from '../../kernel/matching';
import { type AuthUser } from '../../kernel/roles';
import { MatchInventory } from '../inventory/match-inventory';
import { MatchQueries, type CoResidentRow } from './matches.queries';
import { moveInDateOf } from './placement-rules';
import { toMatchRequest } from './placement.views';
import { CoResidentView, MatchesView, MatchQuery } from './placements.dto';
import { RequestVisibility } from './request-visibility';

/**
 * The beds a request may be offered, best first, and those it may not, with the rules they break.
 * Beds of providers whose vacancies are stale (not confirmed within VACANCY_STALE_AFTER) rank after
 * the rest; each returned candidate carries a summary of who lives in its house now.
 */
@Injectable()
export class MatchesService {
  constructor(
    private readonly visibility: RequestVisibility,
    private readonly inventory: MatchInventory,
    private readonly queries: MatchQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async matches(user: AuthUser, id: string, q: MatchQuery): Promise<MatchesView> {
    const { request, person } = await this.visibility.findVisibleRequest(user, id);
    const now = this.clock.now();
    const today = londonDate(now);
    const [beds, staleRows] = await Promise.all([
      this.inventory.beds(),
      this.queries.staleProviders(new Date(now.getTime() - this.config.vacancyStaleAfterMs)),
    ]);
    const stale = new Map(staleRows.map((r) => [r.id, r.vacancies_confirmed_at]));
    const page = matchPage(toMatchPerson(person), toMatchRequest(request), beds, today, {
      offset: q.offset ?? 0,
      limit: q.limit ?? 50,
      excludedOffset: q.excludedOffset ?? 0,
      excludedLimit: q.excludedLimit ?? 50,
      staleProviderIds: new Set(stale.keys()),
    });
    return { ...(await this.describe(page, beds, stale, now)), moveInDate: moveInDateOf(request.neededBy, today) };
  }

  /** The page's candidates and nearest misses with their beds' labels and providers, staleness and co-residents. */
  private async describe(
    page: MatchPage,
    beds: MatchBed[],
    stale: Map<string, Date | null>,
    now: Date,
  ): Promise<Omit<MatchesView, 'moveInDate'>> {
    const today = londonDate(now);
    const wanted = new Set([...page.candidates.map((c) => c.bedId), ...page.nearestMisses.map((m) => m.bedId)]);
    const bedOf = new Map<string, MatchBed>();
    for (const b of beds) if (wanted.has(b.id)) bedOf.set(b.id, b);
    const [residentRows, names] = await Promise.all([
      this.queries.coResidents(
        page.candidates.map((c) => c.bedId),
        now,
      ),
      this.queries.providerNames([...new Set([...bedOf.values()].map((b) => b.provider.id))]),
    ]);
    const residents = groupCoResidents(residentRows, today);
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    return {
      ...page,
      candidates: page.candidates.map((c) => {
        const bed = bedOf.get(c.bedId)!;
        const confirmed = stale.get(bed.provider.id);
        return {
          ...c,
          bedLabel: bed.label,
          providerId: bed.provider.id,
          providerName: nameOf.get(bed.provider.id) ?? '',
          providerArea: bed.provider.area,
          providerStale: stale.has(bed.provider.id),
          vacanciesConfirmedAt: confirmed ? new Date(confirmed).toISOString() : null,
          coResidents: residents.get(c.bedId) ?? [],
        };
      }),
      nearestMisses: page.nearestMisses.map((m) => {
        const bed = bedOf.get(m.bedId)!;
        return { ...m, bedLabel: bed.label, providerName: nameOf.get(bed.provider.id) ?? '' };
      }),
    };
  }
}

/** The rows as each candidate's summary: age band, gender, risks; youngest band first, then gender. */
function groupCoResidents(rows: CoResidentRow[], today: string): Map<string, CoResidentView[]> {
  const out = new Map<string, CoResidentView[]>();
  for (const r of rows) {
    const list = out.get(r.candidate_bed_id) ?? [];
    list.push({ ageBand: ageBand(ageOn(r.date_of_birth, today)), gender: r.gender, risks: [...r.risks].sort() });
    out.set(r.candidate_bed_id, list);
  }
  for (const list of out.values())
    list.sort(
      (a, b) =>
        AGE_BANDS.indexOf(a.ageBand) - AGE_BANDS.indexOf(b.ageBand) ||
        (a.gender < b.gender ? -1 : a.gender > b.gender ? 1 : 0),
    );
  return out;
}
