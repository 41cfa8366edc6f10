import { hashPassword } from '../../../src/features/users/password';
import { currentDefault, DEFAULT_POLICIES } from '../../../src/kernel/default-policies';
import type { Harness } from '../../support/harness';

/** The shipped policies' ids (the migration writes them), by key. */
const POLICY = Object.fromEntries(DEFAULT_POLICIES.map((p) => [p.key, p]));
export type PolicyKey = 'adult-emergency-accommodation' | 'under-18-unsuitable' | 'parent-bnb-six-weeks';

export interface StepRow {
  policy: PolicyKey;
  stepIndex: number;
  occurrence?: number;
  role: string;
  dueAt: string;
  firedAt?: string | null;
  status: 'scheduled' | 'open' | 'acknowledged' | 'cancelled' | 'closed';
  unrouted?: boolean;
  acknowledgedByUserId?: string;
  acknowledgedAt?: string;
  actionPlan?: string;
  reviewBy?: string;
  acknowledgementLapsedAt?: string;
}

/**
 * A hand-built county for the live list, written straight into the tables with the instants the
 * test names: the escalation engine, which normally writes the steps, is not under test here.
 */
export class LiveListCounty {
  constructor(private readonly h: Harness) {}

  /** Another PA, signed in: their token. */
  async pa(name: string): Promise<{ id: string; token: string }> {
    const id = crypto.randomUUID();
    const email = `${id.slice(0, 8)}@pa.test.invalid`;
    await this.h.db.query(
      `insert into app_user (id, email, name, role, area, active, password_hash, created_at, updated_at)
       values ($1, $2, $3, 'pa', null, true, $4, now(), now())`,
      [id, email, name, await hashPassword('test-password-123')],
    );
    return { id, token: await this.h.login(email, 'test-password-123') };
  }

  async person(p: {
    first: string;
    last: string;
    dob: string;
    paUserId: string;
    homeArea: string;
    parent?: boolean;
  }): Promise<string> {
    const id = crypto.randomUUID();
    await this.h.db.query(
      `insert into young_person (id, reference, first_name, last_name, date_of_birth, gender, legal_status, uasc, pa_user_id, home_area,
                                 areas_to_avoid, pregnant_or_parent, risks, version, created_at, updated_at)
       values ($1, $2, $3, $4, $5, 'female', 'former_relevant', false, $6, $7, '[]', $8, '[]', 1, now(), now())`,
      [id, `CL-${p.first.toUpperCase()}`, p.first, p.last, p.dob, p.paUserId, p.homeArea, p.parent ?? false],
    );
    return id;
  }

  /** A stay; its own clock unless `clock: false` (no policy governs it) or it ended. */
  async stay(
    youngPersonId: string,
    s: { code: string; suitable: boolean; emergency?: boolean; startedAt: string; endedAt?: string; clock?: boolean },
  ): Promise<string> {
    const id = crypto.randomUUID();
    await this.h.db.query(
      `insert into stay (id, young_person_id, accommodation_code, suitable, emergency, description, started_at, ended_at, age_at_start,
                         pregnant_or_parent_at_start, recorded_by_user_id, clock_stay_id, created_at)
       values ($1, $2, $3, $4, $5, 'Somewhere', $6, $7, 18, false, null, $8, $6)`,
      [
        id,
        youngPersonId,
        s.code,
        s.suitable,
        s.emergency ?? false,
        s.startedAt,
        s.endedAt ?? null,
        s.clock === false ? null : id,
      ],
    );
    return id;
  }

  /** One step of a shipped policy on `stayId`'s clock. */
  async step(stayId: string, youngPersonId: string, e: StepRow): Promise<string> {
    const id = crypto.randomUUID();
    const policy = POLICY[e.policy];
    await this.h.db.query(
      `insert into escalation (id, stay_id, young_person_id, policy_id, policy_version_id, step_index, occurrence, role, due_at, fired_at,
                               status, unrouted, recipients, acknowledged_at, acknowledged_by_user_id, action_plan, review_by,
                               acknowledgement_lapsed_at, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '[]', $13, $14, $15, $16, $17, $9)`,
      [
        id,
        stayId,
        youngPersonId,
        policy.id,
        currentDefault(policy).id,
        e.stepIndex,
        e.occurrence ?? 0,
        e.role,
        e.dueAt,
        e.firedAt === undefined ? (e.status === 'scheduled' ? null : e.dueAt) : e.firedAt,
        e.status,
        e.unrouted ?? false,
        e.acknowledgedAt ?? null,
        e.acknowledgedByUserId ?? null,
        e.actionPlan ?? null,
        e.reviewBy ?? null,
        e.acknowledgementLapsedAt ?? null,
      ],
    );
    return id;
  }

  async request(
    youngPersonId: string,
    requestedByUserId: string,
    r: { urgency: 'emergency' | 'planned'; neededBy: string; status: 'open' | 'held' | 'placed' | 'withdrawn' },
  ): Promise<string> {
    const id = crypto.randomUUID();
    await this.h.db.query(
      `insert into placement_request (id, young_person_id, requested_by_user_id, urgency, needed_by, preferred_areas, status, version,
                                      created_at, updated_at)
       values ($1, $2, $3, $4, $5, '[]', $6, 1, now(), now())`,
      [id, youngPersonId, requestedByUserId, r.urgency, r.neededBy, r.status],
    );
    return id;
  }
}
