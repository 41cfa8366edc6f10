import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';

/** A hold on a request as `json_build_object` answers it. */
export interface CaseloadHoldJson {
  status: string;
  bed_label: string;
  provider_name: string;
  expires_at: string;
  move_in_at: string | null;
}

/** An open or held request as `json_build_object` answers it. */
export interface CaseloadRequestJson {
  id: string;
  status: string;
  urgency: string;
  needed_by: string;
  created_at: string;
  holds: CaseloadHoldJson[];
}

/** One young person with where they are now, their PA, their last contact and their open requests. */
export interface CaseloadRow {
  id: string;
  reference: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  home_area: string | null;
  pa_user_id: string;
  pa_name: string | null;
  accommodation_code: string | null;
  suitable: boolean | null;
  emergency: boolean | null;
  description: string | null;
  stay_started_at: Date | null;
  last_contact_at: Date | null;
  requests: CaseloadRequestJson[];
}

/** Each open or held request of `y`, oldest first, with its held and confirmed holds (soonest expiry first). */
const REQUESTS = `coalesce((
  select json_agg(json_build_object(
    'id', r.id, 'status', r.status, 'urgency', r.urgency, 'needed_by', to_char(r.needed_by, 'YYYY-MM-DD'),
    'created_at', r.created_at,
    'holds', coalesce((
      select json_agg(json_build_object('status', h.status, 'bed_label', b.label, 'provider_name', p.name,
                                        'expires_at', h.expires_at, 'move_in_at', h.move_in_at)
                      order by h.expires_at, h.id)
        from hold h join bed b on b.id = h.bed_id join provider p on p.id = b.provider_id
       where h.request_id = r.id and h.status in ('held', 'confirmed')), '[]'::json))
    order by r.created_at, r.id)
    from placement_request r
   where r.young_person_id = y.id and r.status in ('open', 'held')), '[]'::json)`;

/**
 * The reads behind a PA's caseload and the search results' extra columns: young people with
 * their open stay, PA's name, latest keeping-in-touch contact and open requests, in one query.
 */
@Injectable()
export class CaseloadQueries {
  constructor(private readonly uow: UnitOfWork) {}

  /** Everyone allocated to `paUserId`, by last name, first name, reference. */
  caseload(paUserId: string): Promise<CaseloadRow[]> {
    return this.read('y.pa_user_id = ?', [paUserId]);
  }

  /** These young people (in no order; callers check who may see them first). */
  some(ids: readonly string[]): Promise<CaseloadRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.read('y.id = any(?::uuid[])', [`{${ids.join(',')}}`]);
  }

  private read(where: string, params: string[]): Promise<CaseloadRow[]> {
    return this.uow.em.execute<CaseloadRow[]>(
      `select y.id, y.reference, y.first_name, y.last_name, to_char(y.date_of_birth, 'YYYY-MM-DD') as date_of_birth,
              y.home_area, y.pa_user_id, pa.name as pa_name,
              s.accommodation_code, s.suitable, s.emergency, s.description, s.started_at as stay_started_at,
              (select max(c.contacted_at) from keeping_in_touch_contact c where c.young_person_id = y.id) as last_contact_at,
              ${REQUESTS} as requests
         from young_person y
         left join app_user pa on pa.id = y.pa_user_id
         left join lateral (select * from stay s where s.young_person_id = y.id and s.ended_at is null
                             order by s.started_at desc, s.id limit 1) s on true
        where ${where}
        order by lower(y.last_name), lower(y.first_name), y.reference`,
      params,
    );
  }
}
