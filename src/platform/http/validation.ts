import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { buildMessage, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { FieldError, invalid } from '../../kernel/errors';

/**
 * An optional field that is never null: left out, it is not given; `null` is validated like any
 * other value, so the field's own rules refuse it (400 naming the field). `@IsOptional()` would
 * instead take `null` as "not given", which is not what the contract says.
 */
export const Present = () => ValidateIf((_, v) => v !== undefined);

/**
 * An optional field whose `null` clears it: left out or null, nothing else is checked. Mark the
 * field `nullable: true` in its `@ApiProperty` so the contract says so too.
 */
export const Nullable = () => ValidateIf((_, v) => v !== undefined && v !== null);

/** Something a reader sees: not a space, control, format (zero-width, direction) or separator character. */
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Z}]/u;

/**
 * Text that says something: at least one visible character. Stricter than `@IsNotEmpty()` (which
 * takes spaces, or a lone zero-width space); use it after `@Trim()` on required text.
 */
export const NotBlank = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'notBlank',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && VISIBLE.test(value),
        defaultMessage: buildMessage((each) => `${each}$property must not be blank`, options),
      },
    },
    options,
  );

/** Flattens class-validator errors into `{field, message}` with dotted paths (`steps.0.after`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) {
      out.push({ field, message: message.replace(/^property (\S+) should not exist$/, 'is not a known field') });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** Keys that would reach an object's prototype machinery instead of a field: never a known field. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

/** Half of a UTF-16 surrogate pair on its own: no Unicode character, and no UTF-8 for it. */
const LONE_SURROGATE = /\p{Cs}/u;

/** What is wrong with a string of the raw input as text, if anything. */
function textFault(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain a NUL character';
  // validator.js's isEmail (through encodeURI) throws on one, which would be a 500.
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it holds half of a surrogate pair)';
  return null;
}

/**
 * What class-validator does not see in the raw input: prototype keys (class-transformer drops them
 * silently, so `forbidNonWhitelisted` never reports them), NUL characters, which PostgreSQL cannot
 * store in text (it would answer with an error, i.e. a 500, after part of the work was done), and
 * unpaired surrogates (`"\ud800"` in JSON), which are no text at all and make some validators throw.
 */
export function inspectRawInput(value: unknown, path = '', depth = 0, out: FieldError[] = []): FieldError[] {
  if (typeof value === 'string') {
    const fault = textFault(value);
    if (fault) out.push({ field: path || 'body', message: fault });
    return out;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return out;
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) {
      out.push({ field, message: 'is not a known field' });
      continue;
    }
    const keyFault = textFault(key);
    if (keyFault) out.push({ field: path || 'body', message: keyFault });
    inspectRawInput((value as Record<string, unknown>)[key], field, depth + 1, out);
  }
  return out;
}

/**
 * Numbers beyond ±2^53 cannot be represented exactly: JSON gives a rounded value, and as a query
 * parameter they overflow the database's integers. Refused wherever they appear.
 */
export function inspectNumbers(value: unknown, path = '', depth = 0, out: FieldError[] = []): FieldError[] {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && !Number.isSafeInteger(Math.trunc(value))) {
      out.push({
        field: path || 'value',
        message: `must be between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`,
      });
    }
    return out;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || value instanceof Date) return out;
  for (const [key, v] of Object.entries(value)) inspectNumbers(v, path ? `${path}.${key}` : key, depth + 1, out);
  return out;
}

/**
 * The global pipe: transforms to DTO classes, rejects unknown fields, answers 400 with per-field
 * errors; before that it refuses prototype keys and NUL characters, after it numbers too large to
 * be exact.
 */
export class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const raw = inspectRawInput(value);
      if (raw.length) throw invalid(raw);
    }
    const result: unknown = await super.transform(value, metadata);
    if (metadata.type === 'body' || metadata.type === 'query') {
      const numbers = inspectNumbers(result);
      if (numbers.length) throw invalid(numbers);
    }
    return result;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalid(flattenValidationErrors(errors)),
  });
}
