/**
 * The default escalation policies from the domain brief, as data. A council edits its own copies
 * (PATCH makes a new version); these are what a fresh installation starts with.
 */
import type { LadderStep, PolicyAppliesTo } from './ladder';

export interface DefaultPolicy {
  key: string;
  name: string;
  appliesTo: PolicyAppliesTo;
  steps: LadderStep[];
}

export const DEFAULT_POLICIES: DefaultPolicy[] = [
  {
    key: 'adult-emergency-accommodation',
    name: '18+ in hotel / B&B / emergency accommodation',
    // "Hotel / B&B / emergency" in SSDA903 letters: W (bed and breakfast; hotels are recorded here),
    // V (emergency accommodation: night shelter, direct-access or emergency hostel) and
    // S (no fixed abode / homeless, always unsuitable: the most acute emergency).
    // unsuitableOnly: the clock belongs to unsuitable stays; V/W/S default to unsuitable and only a
    // manager, with a reason, can mark one suitable, which is a deliberate decision to stop the clock.
    // Left out on purpose: X (custody: always unsuitable, but no move the housing team can make),
    // R (residence not known: the missing-person process, not this ladder) and other letters marked
    // unsuitable (K, Y, D…), which are not the "hotel / B&B / emergency" the 2-working-day limit is about.
    // A council that wants them adds the codes to its copy.
    appliesTo: { minAge: 18, accommodationCodes: ['V', 'W', 'S'], unsuitableOnly: true },
    steps: [
      { after: 'PT0S', role: 'team_manager' },
      { after: 'PT0S', role: 'pa' },
      { after: 'P1WD', role: 'service_manager' },
      { after: 'P2WD', role: 'head_of_service' }, // the statutory two-working-day limit
      { after: 'P5WD', role: 'director' },
      { after: 'P10WD', role: 'head_of_service', repeatEvery: 'P5WD' }, // every 5 working days after the director, until the stay ends
    ],
  },
  {
    key: 'under-18-unsuitable',
    name: '16-17 in unsuitable accommodation',
    // Any letter: for 16-17 year olds B&B / hotels, night shelters and foyers are never suitable, so
    // the stay record carries suitable = false for them, and any other unsuitable stay counts too.
    appliesTo: { minAge: 16, maxAge: 17, unsuitableOnly: true },
    steps: [
      { after: 'PT0S', role: 'head_of_service' },
      { after: 'PT0S', role: 'director' },
      { after: 'PT0S', role: 'team_manager' },
      { after: 'PT0S', role: 'pa' },
    ],
  },
  {
    key: 'parent-bnb-six-weeks',
    name: 'Pregnant or parent in B&B: 6-week limit',
    // A second, separate clock: B&B beyond 6 weeks is unlawful for households with family
    // commitments, whatever the suitability flag says. Runs beside whichever age ladder applies.
    appliesTo: { accommodationCodes: ['W'], pregnantOrParent: true },
    steps: [
      { after: 'PT0S', role: 'team_manager' },
      { after: 'P5W', role: 'head_of_service' }, // a week's warning before the limit
      { after: 'P6W', role: 'director' }, // the limit itself
    ],
  },
];
