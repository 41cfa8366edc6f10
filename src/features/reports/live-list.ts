import { ageOn } from '../../kernel/dates';
import { breachesStatutoryLimit, hoursElapsed } from '../../kernel/statutory-limits';
import type { WorkingCalendar } from '../../kernel/working-days';
import type { CurrentStepView, UnsuitableRow } from './live-list.dto';

/** One open stay on the live list, with its clock, the step that fired last and the next one due. */
export interface LiveListRow {
  stay_id: string;
  young_person_id: string;
  reference: string;
  date_of_birth: string;
  pa_user_id: string;
  pregnant_or_parent: boolean;
  accommodation_code: string;
  description: string | null;
  suitable: boolean;
  emergency: boolean;
  started_at: Date;
  clock_started_at: Date;
  esc_id: string | null;
  esc_step: number | null;
  esc_role: string | null;
  esc_status: string | null;
  esc_fired_at: Date | null;
  policy_name: string | null;
  next_due_at: Date | null;
}

/** The step that fired last on the stay's clock, if one has. */
export function currentStep(r: LiveListRow): CurrentStepView | null {
  if (!r.esc_id) return null;
  return {
    escalationId: r.esc_id,
    step: Number(r.esc_step),
    role: r.esc_role!,
    status: r.esc_status!,
    firedAt: new Date(r.esc_fired_at!).toISOString(),
    policyName: r.policy_name!,
  };
}

/** One line of the live list as of `now` (`today` its Europe/London date): how long, the step reached, any statutory breach. */
export function liveListItem(r: LiveListRow, now: Date, today: string, cal: WorkingCalendar): UnsuitableRow {
  const clockStartedAt = new Date(r.clock_started_at);
  const age = ageOn(r.date_of_birth, today);
  return {
    stayId: r.stay_id,
    youngPersonId: r.young_person_id,
    reference: r.reference,
    age,
    accommodationCode: r.accommodation_code,
    description: r.description,
    suitable: r.suitable,
    emergency: r.emergency,
    startedAt: new Date(r.started_at).toISOString(),
    clockStartedAt: clockStartedAt.toISOString(),
    hoursElapsed: hoursElapsed(clockStartedAt, now),
    workingDaysElapsed: cal.workingDaysElapsed(clockStartedAt, now),
    currentStep: currentStep(r),
    acknowledged: r.esc_status === 'acknowledged',
    nextStepDueAt: r.next_due_at ? new Date(r.next_due_at).toISOString() : null,
    breachesStatutoryLimit: breachesStatutoryLimit(
      {
        ageYears: age,
        accommodationCode: r.accommodation_code,
        pregnantOrParent: r.pregnant_or_parent,
        clockStartedAt,
        stayStartedAt: new Date(r.started_at),
      },
      now,
      cal,
    ),
    paUserId: r.pa_user_id,
  };
}
