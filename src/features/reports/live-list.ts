import { ageOn } from '../../kernel/dates';
import { hoursElapsed, statutoryBreaches } from '../../kernel/statutory-limits';
import type { WorkingCalendar } from '../../kernel/working-days';
import {
  anyOpenUnrouted,
  currentStepOf,
  currentStepView,
  isAcknowledged,
  latestAcknowledgementOf,
  nextStepOf,
  type ClockStep,
} from './live-list-steps';
import type { OpenPlacementRequestView, UnsuitableRow } from './live-list.dto';

/** One open stay on the live list: the young person, their PA, the clock and its steps, their most urgent request. */
export interface LiveListRow {
  stay_id: string;
  young_person_id: string;
  reference: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  home_area: string | null;
  pa_user_id: string;
  pa_name: string | null;
  pregnant_or_parent: boolean;
  accommodation_code: string;
  description: string | null;
  suitable: boolean;
  emergency: boolean;
  started_at: Date;
  clock_started_at: Date;
  request_id: string | null;
  request_status: string | null;
  request_needed_by: string | null;
  request_urgency: string | null;
  /** Every step of the stay's clock but the cancelled ones. */
  steps: ClockStep[];
}

/** What the clock's steps say: the current step and whether it is acknowledged, what comes next, who acknowledged last. */
function clockFields(steps: readonly ClockStep[]) {
  const due = steps.filter((s) => s.status === 'scheduled').map((s) => s.dueAt.getTime());
  return {
    currentStep: currentStepView(currentStepOf(steps)),
    acknowledged: isAcknowledged(steps),
    latestAcknowledgement: latestAcknowledgementOf(steps),
    nextStep: nextStepOf(steps),
    nextStepDueAt: due.length ? new Date(Math.min(...due)).toISOString() : null,
    unrouted: anyOpenUnrouted(steps),
  };
}

function openRequest(r: LiveListRow): OpenPlacementRequestView | null {
  if (!r.request_id) return null;
  return {
    id: r.request_id,
    status: r.request_status!,
    neededBy: r.request_needed_by!,
    urgency: r.request_urgency!,
  };
}

/** One line of the live list as of `now` (`today` its Europe/London date): how long, the step reached, any statutory breach. */
export function liveListItem(r: LiveListRow, now: Date, today: string, cal: WorkingCalendar): UnsuitableRow {
  const clockStartedAt = new Date(r.clock_started_at);
  const age = ageOn(r.date_of_birth, today);
  const breaches = statutoryBreaches(
    {
      ageYears: age,
      accommodationCode: r.accommodation_code,
      pregnantOrParent: r.pregnant_or_parent,
      clockStartedAt,
      stayStartedAt: new Date(r.started_at),
    },
    now,
    cal,
  );
  return {
    stayId: r.stay_id,
    youngPersonId: r.young_person_id,
    reference: r.reference,
    name: `${r.first_name} ${r.last_name}`,
    age,
    homeArea: r.home_area,
    accommodationCode: r.accommodation_code,
    description: r.description,
    suitable: r.suitable,
    emergency: r.emergency,
    startedAt: new Date(r.started_at).toISOString(),
    clockStartedAt: clockStartedAt.toISOString(),
    hoursElapsed: hoursElapsed(clockStartedAt, now),
    workingDaysElapsed: cal.workingDaysElapsed(clockStartedAt, now),
    ...clockFields(r.steps),
    breaches,
    breachesStatutoryLimit: breaches.length > 0,
    paUserId: r.pa_user_id,
    paName: r.pa_name,
    openPlacementRequest: openRequest(r),
  };
}
