import { Transform } from 'class-transformer';

const trim = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

/**
 * Trims a string field, or each string of an array field, before it is validated (any other value
 * passes through untouched, for the validators to refuse).
 */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map(trim) : trim(value)));
