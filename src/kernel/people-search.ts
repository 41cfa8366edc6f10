/**
 * Finding a young person: what a search box's text means (GET /young-people?q=), and when two
 * records are possibly the same person (POST /young-people's duplicate warning).
 */
import { isValidDate } from './dates';

/** What a search's text asks for: a date of birth, or name words and a reference prefix. */
export type PeopleSearch =
  | { kind: 'date_of_birth'; dateOfBirth: string }
  | {
      kind: 'text';
      /** Lower-case words, each found somewhere in the first or last name (so "first last" matches either order). */
      words: string[];
      /** The whole text, lower-case: a reference equal to it or starting with it matches. */
      referencePrefix: string;
    };

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

const pad = (n: string) => n.padStart(2, '0');

/**
 * A date of birth as typed (`dd/mm/yyyy`, as people write it, or `yyyy-mm-dd`): `date` as
 * `YYYY-MM-DD`, or `date: null` when it is shaped like a date but is no real day (31/02/2008);
 * null when the text is not shaped like a date at all.
 */
export function searchDate(text: string): { date: string | null } | null {
  const iso = ISO.exec(text);
  const uk = UK.exec(text);
  if (!iso && !uk) return null;
  const date = iso ? `${iso[1]}-${pad(iso[2])}-${pad(iso[3])}` : `${uk![3]}-${pad(uk![2])}-${pad(uk![1])}`;
  return { date: isValidDate(date) ? date : null };
}

/** The search the text asks for, or null for none (blank text lists everyone, as without `q`). */
export function parseSearch(q: string | undefined): PeopleSearch | null | 'invalid_date' {
  const text = (q ?? '').trim().replace(/\s+/g, ' ');
  if (!text) return null;
  const shaped = searchDate(text);
  if (shaped) return shaped.date ? { kind: 'date_of_birth', dateOfBirth: shaped.date } : 'invalid_date';
  const lower = text.toLowerCase();
  return { kind: 'text', words: [...new Set(lower.split(' '))], referencePrefix: lower };
}

/** `text` with LIKE's wildcards escaped (`\` is the escape character), to be matched literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A name as the duplicate check compares it: case and every space ignored ("Mary Ann" = "maryann"). */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '');
}

/** Two records are possibly the same person when first name, last name (as `nameKey`) and date of birth agree. */
export function possiblySamePerson(
  a: { firstName: string; lastName: string; dateOfBirth: string },
  b: { firstName: string; lastName: string; dateOfBirth: string },
): boolean {
  return (
    a.dateOfBirth === b.dateOfBirth &&
    nameKey(a.firstName) === nameKey(b.firstName) &&
    nameKey(a.lastName) === nameKey(b.lastName)
  );
}
