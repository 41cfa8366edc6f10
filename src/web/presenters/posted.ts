/**
 * Reading what a browser posted in a form (`application/x-www-form-urlencoded`, parsed by Express):
 * a field is text when it is a string and '' otherwise (missing, repeated or nested); checkboxes may
 * come as one value or several. Whether the text is valid is the page's and the DTO's to say.
 */
export type Posted = Record<string, unknown> | undefined;

/** A text field; anything but a string is ''. */
export function postedText(body: Posted, name: string): string {
  const v = body?.[name];
  return typeof v === 'string' ? v : '';
}

/** Checkboxes of one name: the non-empty strings ticked, none when missing. */
export function postedList(body: Posted, name: string): string[] {
  const v = body?.[name];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x !== '');
}

/** A GOV.UK date input's three boxes (`<prefix>-day`, `-month`, `-year`) as posted. */
export function postedDate(body: Posted, prefix: string): { day: string; month: string; year: string } {
  return {
    day: postedText(body, `${prefix}-day`),
    month: postedText(body, `${prefix}-month`),
    year: postedText(body, `${prefix}-year`),
  };
}
