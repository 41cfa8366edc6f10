import { PlacementsService } from '../../../src/features/placements/placements.service';
import type { AuthUser } from '../../../src/kernel/roles';
import type { Integration } from '../../support/integration';

/** A young person aged 19 on the integration clock, on `pa`'s caseload, inserted straight into the table. */
export async function makePerson(it_: Integration, pa: AuthUser): Promise<string> {
  const id = crypto.randomUUID();
  await it_.db.query(
    `insert into young_person (id, reference, first_name, last_name, date_of_birth, gender, legal_status, uasc, pa_user_id,
                               home_area, areas_to_avoid, risks, version, created_at, updated_at)
     values ($1, $2, 'Alex', 'Taylor', '2007-06-15', 'female', 'former_relevant', false, $3, 'Crewe', '[]', '[]', 1, now(), now())`,
    [id, `CL-${id.slice(0, 8)}`, pa.id],
  );
  return id;
}

/** An open planned request for a new young person on `pa`'s caseload, raised by that PA. */
export async function makeRequest(it_: Integration, pa: AuthUser) {
  const youngPersonId = await makePerson(it_, pa);
  return it_.get(PlacementsService).create(pa, { youngPersonId, urgency: 'planned', neededBy: '2026-11-10' });
}

/** Every row count the placement refusals must leave alone. */
export async function counts(it_: Integration) {
  const n = async (sql: string) => Number((await it_.db.query(sql)).rows[0].n);
  return {
    holds: await n('select count(*) as n from hold'),
    audit: await n('select count(*) as n from audit_event'),
    held: await n(`select count(*) as n from placement_request where status = 'held'`),
  };
}
