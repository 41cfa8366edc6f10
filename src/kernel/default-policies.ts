/**
 * The default escalation policies from the domain brief, as data: the one source. The escalations
 * migration writes exactly these rows (version 1 of each, active), so a fresh installation starts
 * with them; a council then edits its own copies (PATCH makes a new version).
 *
 * Changing an entry here changes what a *new* installation gets, not what an existing database
 * holds: that needs a new migration.
 */
import type { LadderStep, PolicyAppliesTo } from './ladder';

export interface DefaultPolicy {
  /** Stable key (`escalation_policy.key`). */
  key: string;
  /**
   * The policy's id and its version 1's id. Fixed for ever: databases already hold them. They are
   * version-5 UUIDs named from the key; the namespace they were derived in was never recorded, so
   * they are kept here as written rather than recomputed.
   */
  id: string;
  versionId: string;
  name: string;
  appliesTo: PolicyAppliesTo;
  steps: LadderStep[];
}

export const DEFAULT_POLICIES: DefaultPolicy[] = [
  {
    key: 'adult-emergency-accommodation',
    id: 'f614d718-1668-56df-a154-1f2cc1eecb0f',
    versionId: '6b661674-64bf-539b-a7c4-d4794f07fb33',
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
    id: 'd84e0d5b-58a2-5709-a7d4-3efd10121815',
    versionId: '718f8d54-e0cb-5778-a084-f79c590135a8',
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
    id: '3f37323c-89b2-5e58-a60f-9521db8fc0a0',
    versionId: '19067ebe-3a7f-535c-aebf-124abb27e15f',
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
