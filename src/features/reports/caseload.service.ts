import { Inject, Injectable } from '@nestjs/common';
import { accommodationLabel } from '../../kernel/accommodation';
import { ageOn, londonDate } from '../../kernel/dates';
import { contactDue } from '../../kernel/keeping-in-touch';
import { caseloadOf, type AuthUser } from '../../kernel/roles';
import { CLOCK, type Clock } from '../../platform/clock';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { CaseloadQueries, type CaseloadRow } from './caseload.queries';

/** Where a young person is now: their open stay, or null when none is recorded. */
export interface WhereNow {
  accommodationCode: string;
  label: string;
  description: string | null;
  suitable: boolean;
  emergency: boolean;
  since: string;
}

export interface CaseloadHold {
  status: 'held' | 'confirmed';
  bedLabel: string;
  providerName: string;
  expiresAt: string;
  moveInAt: string | null;
}

export interface CaseloadRequest {
  id: string;
  status: string;
  urgency: string;
  neededBy: string;
  holds: CaseloadHold[];
}

export interface CaseloadPerson {
  id: string;
  reference: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  age: number;
  homeArea: string | null;
  paUserId: string;
  paName: string | null;
  whereNow: WhereNow | null;
  lastContactAt: string | null;
  /** No contact recorded within CONTACT_DUE_AFTER (the kernel's `contactDue`). */
  contactDue: boolean;
  requests: CaseloadRequest[];
}

export interface Caseload {
  people: CaseloadPerson[];
  asOf: string;
}

/** A PA's caseload at a glance, and the same facts for the young people a search found. */
@Injectable()
export class CaseloadService {
  constructor(
    private readonly queries: CaseloadQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The caller's own caseload (a PA's; anyone else has none). */
  async mine(user: AuthUser): Promise<Caseload> {
    const pa = caseloadOf(user);
    const now = this.clock.now();
    const rows = pa ? await this.queries.caseload(pa) : [];
    return { people: rows.map((r) => this.person(r, now)), asOf: now.toISOString() };
  }

  /**
   * These young people by id (the caller found them through `YoungPeopleService`, which scoped
   * them to what the caller may see; anyone outside a PA's caseload is left out here too).
   */
  async about(user: AuthUser, ids: readonly string[]): Promise<Map<string, CaseloadPerson>> {
    const pa = caseloadOf(user);
    const now = this.clock.now();
    const rows = await this.queries.some(ids);
    return new Map(rows.filter((r) => pa === null || r.pa_user_id === pa).map((r) => [r.id, this.person(r, now)]));
  }

  private person(r: CaseloadRow, now: Date): CaseloadPerson {
    const last = r.last_contact_at === null ? null : new Date(r.last_contact_at);
    return {
      id: r.id,
      reference: r.reference,
      firstName: r.first_name,
      lastName: r.last_name,
      dateOfBirth: r.date_of_birth,
      age: ageOn(r.date_of_birth, londonDate(now)),
      homeArea: r.home_area,
      paUserId: r.pa_user_id,
      paName: r.pa_name,
      whereNow:
        r.accommodation_code === null
          ? null
          : {
              accommodationCode: r.accommodation_code,
              label: accommodationLabel(r.accommodation_code),
              description: r.description,
              suitable: r.suitable === true,
              emergency: r.emergency === true,
              since: new Date(r.stay_started_at!).toISOString(),
            },
      lastContactAt: last?.toISOString() ?? null,
      contactDue: contactDue(last, now, this.config.contactDueAfterMs),
      requests: r.requests.map((q) => ({
        id: q.id,
        status: q.status,
        urgency: q.urgency,
        neededBy: q.needed_by,
        holds: q.holds.map((h) => ({
          status: h.status as CaseloadHold['status'],
          bedLabel: h.bed_label,
          providerName: h.provider_name,
          expiresAt: new Date(h.expires_at).toISOString(),
          moveInAt: h.move_in_at ? new Date(h.move_in_at).toISOString() : null,
        })),
      })),
    };
  }
}
