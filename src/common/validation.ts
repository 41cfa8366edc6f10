import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException } from './problem';

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

/** The global pipe: transforms to DTO classes, rejects unknown fields, answers 400 with per-field errors. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      return new ProblemException(400, fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; ') || 'Invalid request', {
        slug: 'validation',
        title: 'Invalid request',
        errors: fieldErrors,
      });
    },
  });
}
