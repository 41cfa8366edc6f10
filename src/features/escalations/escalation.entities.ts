import { defineEntity, p } from '@mikro-orm/core';
import { ESCALATION_STATUSES } from '../../kernel/ladder';
import type { LadderStep, StoredAppliesTo } from '../../kernel/ladder';
import type { Recipient } from '../../kernel/routing';

/** A policy's identity; its content lives in immutable versions (a PATCH adds one). */
export const EscalationPolicySchema = defineEntity({
  name: 'EscalationPolicy',
  tableName: 'escalation_policy',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    /** Stable key for the policies the service ships with (null for a council's own). */
    key: p.string().length(100).nullable().unique(),
    currentVersion: p.integer(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class EscalationPolicy extends EscalationPolicySchema.class {}
EscalationPolicySchema.setClass(EscalationPolicy);

/** One version of a policy. Never changed once written: a running clock keeps the version it started with. */
export const EscalationPolicyVersionSchema = defineEntity({
  name: 'EscalationPolicyVersion',
  tableName: 'escalation_policy_version',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    policyId: p.uuid().index(),
    version: p.integer(),
    name: p.string().length(200),
    active: p.boolean(),
    appliesTo: p.json<StoredAppliesTo>(),
    steps: p.json<LadderStep[]>(),
    /** The latest review date an acknowledgement may set, after it (ISO-8601 or working days). */
    maxReviewAfter: p.string().length(20).default('P5WD'),
    createdAt: p.datetime().onCreate(() => new Date()),
    createdByUserId: p.uuid().nullable(),
  },
  uniques: [{ properties: ['policyId', 'version'] }],
});
export class EscalationPolicyVersion extends EscalationPolicyVersionSchema.class {}
EscalationPolicyVersionSchema.setClass(EscalationPolicyVersion);

/**
 * One step of a stay's ladder (one row per occurrence of a repeating step). Created `scheduled`
 * with its `dueAt` when the clock starts; the database is the truth, Redis only wakes the worker.
 * `stayId` is the stay whose start started the clock (a move between unsuitable places keeps it).
 */
export const EscalationSchema = defineEntity({
  name: 'Escalation',
  tableName: 'escalation',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    /** Indexed through the unique (stayId, policyVersionId, stepIndex, occurrence). */
    stayId: p.uuid(),
    youngPersonId: p.uuid().index(),
    policyId: p.uuid(),
    policyVersionId: p.uuid(),
    stepIndex: p.integer(),
    occurrence: p.integer(),
    role: p.string().length(40),
    dueAt: p.datetime(),
    firedAt: p.datetime().nullable(),
    status: p.enum(ESCALATION_STATUSES).default('scheduled'),
    acknowledgedAt: p.datetime().nullable(),
    acknowledgedByUserId: p.uuid().nullable(),
    actionPlan: p.text().nullable(),
    reviewBy: p.date().nullable(),
    /** When the acknowledgement lapses unless renewed: office opening on `reviewBy`. */
    reviewDueAt: p.datetime().nullable(),
    /** Set when an acknowledgement lapsed and the step went back to `open`. */
    acknowledgementLapsedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    /** Why it closed without firing or being acknowledged (`recorded_late`: passed over). */
    closedReason: p.string().length(40).nullable(),
    /** Who the step reached when it fired, and how each was found. */
    recipients: p.json<Recipient[]>().nullable(),
    /** Fired, and nobody responsible (the role or anyone more senior) could be found. */
    unrouted: p.boolean().default(false),
    /** Fired at recording because the stay was recorded after this step fell due. */
    recordedLate: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['stayId', 'policyVersionId', 'stepIndex', 'occurrence'] }],
});
export class Escalation extends EscalationSchema.class {}
EscalationSchema.setClass(Escalation);

/** A day the council is closed (not a working day), on top of weekends and bank holidays. */
export const ClosureDaySchema = defineEntity({
  name: 'ClosureDay',
  tableName: 'closure_day',
  properties: {
    date: p.date().primary(),
    reason: p.string().length(200),
    createdByUserId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class ClosureDay extends ClosureDaySchema.class {}
ClosureDaySchema.setClass(ClosureDay);
