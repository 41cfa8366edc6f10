import type { ClassConstructor } from 'class-transformer';
import { isDomainError, type FieldError } from '../kernel/errors';
import { createValidationPipe } from '../platform/http/validation';

const pipe = createValidationPipe();

/**
 * A posted form checked by the same DTO (and the same strict pipe) as the API's body: the DTO,
 * or the fields at fault. The form's own fields (`_csrf`) are taken off first.
 */
export async function readForm<T extends object>(
  dto: ClassConstructor<T>,
  body: Record<string, unknown>,
): Promise<{ value: T; errors: null } | { value: null; errors: FieldError[] }> {
  const { _csrf: _, ...fields } = body;
  try {
    const value = (await pipe.transform(fields, { type: 'body', metatype: dto })) as T;
    return { value, errors: null };
  } catch (e) {
    if (isDomainError(e, 'invalid')) return { value: null, errors: e.fields };
    throw e;
  }
}
