import type { FieldError } from '../../kernel/errors';

export interface PresentedErrors {
  /** For `govukErrorSummary`: each message linking to its field. */
  summary: { text: string; href: string }[];
  /** For each field's `errorMessage`, by field name (the first message of each). */
  byField: Record<string, { text: string }>;
}

/**
 * Field errors (from a DTO, a rule, or the page itself) as the GOV.UK error summary and inline
 * messages want them. `fields` names the form's fields and where each is (`reviewBy` → its day
 * box); an error about a field the form does not show goes to the summary, linked to the form.
 */
export function presentErrors(
  errors: FieldError[],
  fields: Record<string, string>,
  anchors: Record<string, string> = {},
): PresentedErrors {
  const summary: { text: string; href: string }[] = [];
  const byField: Record<string, { text: string }> = {};
  for (const e of errors) {
    const known = e.field in fields;
    const text = known ? sentence(e.message, fields[e.field], e.field) : sentence(e.message);
    if (known && byField[e.field]) continue;
    if (known) byField[e.field] = { text };
    summary.push({ text, href: `#${known ? (anchors[e.field] ?? e.field) : 'main-content'}` });
  }
  return { summary, byField };
}

/**
 * A validator's message as a sentence for people: the field's code name at its start becomes
 * its label (`reviewBy must be …` → `Review by must be …`), the first letter is a capital, no
 * trailing full stop (GOV.UK style).
 */
function sentence(message: string, label?: string, field?: string): string {
  let text = message.trim();
  if (label && field && text.startsWith(`${field} `)) text = `${label}${text.slice(field.length)}`;
  text = text.replace(/\.$/, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
