/**
 * The default escalation policies from the domain brief, as data: the one source. Each policy lists
 * every version the service has shipped, in order. The escalations migration writes version 1 of
 * each (active, authored by nobody), so a fresh installation starts with them; each later version
 * is shipped by its own migration (`Migration20261129130000_DefaultPoliciesV2` ships the version 2s)
 * to databases that still hold the version before it as shipped. A council edits its own copies
 * (PATCH makes a new version) and keeps them: a shipped version never overwrites a council's edit.
 *
 * Never change a version that has shipped: databases already hold it. Add a version, and a
 * migration that ships it.
 */
import type { LadderStep, PolicyAppliesTo } from './ladder';

/**
 * The namespace of the version-5 UUIDs of shipped versions from version 2 on:
 * uuidV5(URL namespace, 'https://care-leavers.invalid/default-escalation-policies'); each version's
 * id is uuidV5(this, `${key}@${version}`). (The ids of the policies and of their version 1 were
 * written before a namespace was recorded, and stay as written.)
 */
export const DEFAULT_POLICY_ID_NAMESPACE = '8f0b0988-ec44-513c-9fa4-83a20d1c595c';

/** One shipped version of a default policy. */
export interface DefaultPolicyVersion {
  version: number;
  /** The version's id. Fixed for ever: databases hold it. */
  id: string;
  name: string;
  appliesTo: PolicyAppliesTo;
  steps: LadderStep[];
  /**
   * How far ahead an acknowledgement may set its review date. Version 1s were written before the
   * column existed: they hold its default, P5WD.
   */
  maxReviewAfter: string;
}

export interface DefaultPolicy {
  /** Stable key (`escalation_policy.key`). */
  key: string;
  /**
   * The policy's id. Fixed for ever: databases already hold it. A version-5 UUID named from the
   * key; the namespace it was derived in was never recorded, so it is kept here as written.
   */
  id: string;
  /** Every shipped version, oldest first: versions[0] is version 1, the last is current. */
  versions: DefaultPolicyVersion[];
}

/** The version a new installation ends up with: the last one shipped. */
export const currentDefault = (p: DefaultPolicy): DefaultPolicyVersion => p.versions[p.versions.length - 1];

export const DEFAULT_POLICIES: DefaultPolicy[] = [
  {
    key: 'adult-emergency-accommodation',
    id: 'f614d718-1668-56df-a154-1f2cc1eecb0f',
    versions: [
      {
        version: 1,
        id: '6b661674-64bf-539b-a7c4-d4794f07fb33',
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
        maxReviewAfter: 'P5WD',
      },
    ],
  },
  {
    key: 'under-18-unsuitable',
    id: 'd84e0d5b-58a2-5709-a7d4-3efd10121815',
    versions: [
      {
        version: 1,
        id: '718f8d54-e0cb-5778-a084-f79c590135a8',
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
        maxReviewAfter: 'P5WD',
      },
      {
        version: 2,
        id: '5adcf78d-49a1-583f-a151-ca4c61fbfe4e',
        name: '16-17 in unsuitable accommodation',
        appliesTo: { minAge: 16, maxAge: 17, unsuitableOnly: true },
        // Version 1 alerted once on entry and never again, and skipped the service manager. Every rung
        // of management hears on entry and again each day (calendar days: a child in a hotel over a
        // weekend is no less urgent) until the young person moves; the PA hears on entry.
        steps: [
          { after: 'PT0S', role: 'team_manager', repeatEvery: 'P1D' },
          { after: 'PT0S', role: 'service_manager', repeatEvery: 'P1D' },
          { after: 'PT0S', role: 'head_of_service', repeatEvery: 'P1D' },
          { after: 'PT0S', role: 'director', repeatEvery: 'P1D' },
          { after: 'PT0S', role: 'pa' },
        ],
        // A plan for a child in unsuitable accommodation is reviewed within a working day.
        maxReviewAfter: 'P1WD',
      },
    ],
  },
  {
    key: 'parent-bnb-six-weeks',
    id: '3f37323c-89b2-5e58-a60f-9521db8fc0a0',
    versions: [
      {
        version: 1,
        id: '19067ebe-3a7f-535c-aebf-124abb27e15f',
        name: 'Pregnant or parent in B&B: 6-week limit',
        // A second, separate clock: B&B beyond 6 weeks is unlawful for households with family
        // commitments, whatever the suitability flag says. Runs beside whichever age ladder applies.
        appliesTo: { accommodationCodes: ['W'], pregnantOrParent: true },
        steps: [
          { after: 'PT0S', role: 'team_manager' },
          { after: 'P5W', role: 'head_of_service' }, // a week's warning before the limit
          { after: 'P6W', role: 'director' }, // the limit itself
        ],
        maxReviewAfter: 'P5WD',
      },
    ],
  },
];
