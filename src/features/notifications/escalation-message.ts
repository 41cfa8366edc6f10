import { DateTime } from 'luxon';
import { LONDON } from '../../kernel/dates';

/**
 * What an escalation alert says, as plain functions. Deliberately narrow: the young person's
 * reference and initials, where they are, since when, which step and role, and a link to the
 * record. Never a name, a date of birth, risks or anything else from their record — emails and
 * Teams/Slack channels are not the place for sensitive personal data.
 */
export interface EscalationMessageInput {
  escalationId: string;
  /** e.g. 'CL-1001' */
  reference: string;
  /** e.g. 'A.T.' */
  initials: string;
  /** SSDA903 letter, e.g. 'W' */
  accommodationCode: string;
  /** e.g. 'Bed and breakfast / hotel'. Never the stay's free-text description: it may hold anything. */
  accommodationLabel: string;
  /** The young person's age when the step fires: an under-18's alerts say so in the subject. */
  ageYears: number;
  /** The stay was recorded after this step fell due (lower overdue steps were passed over). */
  recordedLate: boolean;
  clockStartedAt: Date;
  /** e.g. '26 hours (1 working day)' */
  elapsedText: string;
  step: number;
  role: string;
  dueAt: Date;
  firedAt: Date;
}

export interface EscalationMessage {
  subject: string;
  text: string;
  link: string;
  webhook: EscalationWebhookPayload;
}

/** The JSON a role's Teams/Slack incoming webhook receives (`text` is what those tools show). */
export interface EscalationWebhookPayload {
  text: string;
  reference: string;
  initials: string;
  step: number;
  role: string;
  dueAt: string;
  firedAt: string;
  link: string;
}

const ROLE_LABELS: Record<string, string> = {
  team_manager: 'team manager',
  service_manager: 'service manager',
  head_of_service: 'head of service',
  director: 'director of children’s services',
  pa: 'personal adviser',
  admin: 'administrator',
  housing_officer: 'housing officer',
};

/** Short phrases for the subject line, by SSDA903 code. */
const WHERE_SHORT: Record<string, string> = {
  W: 'in B&B / hotel',
  V: 'in emergency accommodation',
  S: 'with no fixed abode',
  X: 'in custody',
  R: 'at an unknown address',
  T: 'in a foyer',
  K: 'in lodgings without support',
};

export const roleLabel = (role: string) => ROLE_LABELS[role] ?? role.replace(/_/g, ' ');

/** One line, trimmed, bounded: nothing a header or a chat message could be split by. */
export function oneLine(text: string, max = 200): string {
  const s = text
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this strips
    .replace(/[\r\n\t\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** `Fri 4 Dec 2026, 16:00 (UK time)` */
export function ukTime(at: Date): string {
  return `${DateTime.fromJSDate(at, { zone: LONDON }).toFormat('ccc d LLL yyyy, HH:mm')} (UK time)`;
}

export function escalationLink(publicBaseUrl: string, escalationId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/escalations/${encodeURIComponent(escalationId)}`;
}

export function escalationMessage(a: EscalationMessageInput, publicBaseUrl: string): EscalationMessage {
  const link = escalationLink(publicBaseUrl, a.escalationId);
  const who = `${oneLine(a.reference, 40)} ${oneLine(a.initials, 12)}`.trim();
  const role = roleLabel(a.role);
  const label = oneLine(a.accommodationLabel, 100);
  const where = WHERE_SHORT[a.accommodationCode] ?? `in ${label || `${a.accommodationCode} accommodation`}`;
  const elapsed = oneLine(a.elapsedText, 80);
  const elapsedShort = elapsed.replace(/\s*\([^)]*\)\s*$/, '') || elapsed;
  const under18 = a.ageYears < 18;
  const flags = [under18 ? 'UNDER 18' : null, a.recordedLate ? 'recorded late' : null].filter(Boolean).join(', ');
  const subject = oneLine(
    `${flags ? `${flags.charAt(0).toUpperCase()}${flags.slice(1)}: ` : ''}Escalation step ${a.step} (${role}): ${who} ${where} for ${elapsedShort}`,
    300,
  );
  const text = [
    `Escalation step ${a.step}: ${role}`,
    '',
    `Young person: ${who}${under18 ? `, aged ${a.ageYears}: UNDER 18. B&B, hotels, night shelters and foyers are never suitable at this age.` : ''}`,
    `Where: ${a.accommodationCode} – ${label}`,
    `In unsuitable or emergency accommodation since ${ukTime(a.clockStartedAt)}: ${elapsed}.`,
    a.recordedLate
      ? `This stay was recorded late, after this step fell due (${ukTime(a.dueAt)}); it is raised now, ${ukTime(a.firedAt)}, and earlier steps were passed over.`
      : `This step fell due ${ukTime(a.dueAt)} and was raised ${ukTime(a.firedAt)}.`,
    '',
    'Review the escalation and record an action plan:',
    link,
    '',
    `You receive this because it is addressed to the ${role} role, or you are the young person's allocated personal adviser.`,
    'Do not forward this message outside the council.',
  ].join('\n');
  return {
    subject,
    text,
    link,
    webhook: {
      text: `${subject}. Review: ${link}`,
      reference: oneLine(a.reference, 40),
      initials: oneLine(a.initials, 12),
      step: a.step,
      role: a.role,
      dueAt: a.dueAt.toISOString(),
      firedAt: a.firedAt.toISOString(),
      link,
    },
  };
}

/**
 * An error as it may be stored and shown in the delivery log: one line, bounded, with URL
 * credentials and the given secrets (webhook URLs, the SMTP URL) cut out.
 */
export function safeErrorText(e: unknown, secrets: (string | null | undefined)[] = [], max = 500): string {
  const err = e as { message?: unknown; responseCode?: unknown; code?: unknown };
  let text = typeof err?.message === 'string' ? err.message : String(e);
  if (typeof err?.code === 'string' && !text.includes(err.code)) text = `${err.code}: ${text}`;
  for (const s of secrets) if (s) text = text.split(s).join('[redacted]');
  text = text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1[redacted]@');
  text = text.replace(/\bhttps?:\/\/[^\s]+/gi, (u) => {
    try {
      return `${new URL(u).origin}/[redacted]`;
    } catch {
      return '[redacted-url]';
    }
  });
  return oneLine(text || 'unknown error', max);
}

/** A webhook URL as the delivery log shows it: the origin only (the path is usually the secret). */
export function maskUrl(url: string | null): string | null {
  if (!url) return url;
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '…';
  }
}
