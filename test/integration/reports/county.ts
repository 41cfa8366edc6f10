import type { Integration } from '../../support/integration';

/**
 * A hand-built county for the report specs: rows written straight into the tables the reports
 * read, with the instants the test names (the services that normally write them are not under test).
 */
export class County {
  constructor(private readonly it: Integration) {}

  private async insert(sql: string, values: unknown[]): Promise<string> {
    const id = crypto.randomUUID();
    await this.it.db.query(sql, [id, ...values]);
    return id;
  }

  person(paUserId: string, dateOfBirth: string, reference = `CL-${crypto.randomUUID().slice(0, 8)}`): Promise<string> {
    return this.insert(
      `insert into young_person (id, reference, first_name, last_name, date_of_birth, gender, legal_status, uasc, pa_user_id, areas_to_avoid, risks, version, created_at, updated_at)
       values ($1, $2, 'Sam', 'Test', $3, 'male', 'former_relevant', false, $4, '[]', '[]', 1, now(), now())`,
      [reference, dateOfBirth, paUserId],
    );
  }

  /** A stay; `clockStayId` is the first stay of an unbroken unsuitable run (its escalation clock). */
  stay(
    youngPersonId: string,
    s: {
      code: string;
      suitable: boolean;
      emergency?: boolean;
      startedAt: string;
      endedAt?: string | null;
      clockStayId?: string | null;
      recordedBy?: string | null;
    },
  ): Promise<string> {
    return this.insert(
      `insert into stay (id, young_person_id, accommodation_code, suitable, emergency, description, started_at, ended_at, age_at_start, pregnant_or_parent_at_start, recorded_by_user_id, clock_stay_id, created_at)
       values ($1, $2, $3, $4, $5, 'Somewhere', $6, $7, 18, false, $8, $9, $6)`,
      [
        youngPersonId,
        s.code,
        s.suitable,
        s.emergency ?? false,
        s.startedAt,
        s.endedAt ?? null,
        s.recordedBy ?? null,
        s.clockStayId ?? null,
      ],
    );
  }

  /** A policy version and a step of it that fired on `stayId`'s clock. */
  firedStep(stayId: string, youngPersonId: string, firedAt: string, stepIndex = 0): Promise<string> {
    return this.step(stayId, youngPersonId, { dueAt: firedAt, firedAt, status: 'open', stepIndex });
  }

  /** A policy version and one step of it on `stayId`'s clock. */
  async step(
    stayId: string,
    youngPersonId: string,
    e: { dueAt: string; firedAt?: string | null; status: string; stepIndex?: number },
  ): Promise<string> {
    const policyId = await this.insert(
      `insert into escalation_policy (id, key, current_version, created_at, updated_at) values ($1, null, 1, now(), now())`,
      [],
    );
    const versionId = await this.insert(
      `insert into escalation_policy_version (id, policy_id, version, name, active, applies_to, steps, created_at)
       values ($1, $2, 1, 'Test: 18+ in a hotel', true, '{}', '[]', now())`,
      [policyId],
    );
    return this.insert(
      `insert into escalation (id, stay_id, young_person_id, policy_id, policy_version_id, step_index, occurrence, role, due_at, fired_at, status, created_at)
       values ($1, $2, $3, $4, $5, $6, 0, 'team_manager', $7, $8, $9, $7)`,
      [stayId, youngPersonId, policyId, versionId, e.stepIndex ?? 0, e.dueAt, e.firedAt ?? null, e.status],
    );
  }

  level(code: string, rank: number): Promise<string> {
    return this.insert(
      `insert into service_level (id, code, name, rank, min_age, max_age, support_hours_min, support_hours_max, emergency, accommodation_code, suitable, version, created_at, updated_at)
       values ($1, $2, $3, $4, 16, 25, 7, 12, false, 'D', true, 1, now(), now())`,
      [code, `Level ${code}`, rank],
    );
  }

  provider(area: string): Promise<string> {
    return this.insert(
      `insert into provider (id, name, area, version, created_at, updated_at) values ($1, $2, $3, 1, now(), now())`,
      [`Provider in ${area}`, area],
    );
  }

  /** A bed created at `createdAt` in `initial` status (audited as the service does), then changed as listed: [at, from, to]. */
  async bed(
    providerId: string,
    levelId: string,
    createdAt: string,
    initial: string,
    changes: [string, string, string][] = [],
  ): Promise<string> {
    const current = changes.length ? changes[changes.length - 1][2] : initial;
    const id = await this.insert(
      `insert into bed (id, provider_id, service_level_id, label, status, min_age, max_age, version, created_at, updated_at)
       values ($1, $2, $3, 'Room', $4, 16, 25, 1, $5, now())`,
      [providerId, levelId, current, createdAt],
    );
    await this.bedAudit(id, createdAt, 'bed.created', { label: 'Room', status: initial });
    for (const [at, from, to] of changes) await this.bedAudit(id, at, `bed.${to}`, { status: { from, to } });
    return id;
  }

  private async bedAudit(bedId: string, at: string, action: string, changes: Record<string, unknown>): Promise<void> {
    await this.it.db.query(
      `insert into audit_event (id, at, actor_user_id, action, entity, entity_id, changes) values (gen_random_uuid(), $1, null, $2, 'Bed', $3, $4)`,
      [at, action, bedId, JSON.stringify(changes)],
    );
  }

  request(
    youngPersonId: string,
    requestedBy: string,
    createdAt: string,
    outcome: { placedAt?: string; withdrawnAt?: string } = {},
  ): Promise<string> {
    const status = outcome.placedAt ? 'placed' : outcome.withdrawnAt ? 'withdrawn' : 'open';
    return this.insert(
      `insert into placement_request (id, young_person_id, requested_by_user_id, urgency, needed_by, preferred_areas, status, placed_at, withdrawn_at, version, created_at, updated_at)
       values ($1, $2, $3, 'emergency', $4::timestamptz::date, '[]', $5, $6, $7, 1, $4, now())`,
      [youngPersonId, requestedBy, createdAt, status, outcome.placedAt ?? null, outcome.withdrawnAt ?? null],
    );
  }
}
