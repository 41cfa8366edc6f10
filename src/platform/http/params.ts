import { Param, ParseUUIDPipe } from '@nestjs/common';
import { invalidField } from '../../kernel/errors';

/** A UUID path parameter; anything else is a 400 naming the parameter (never a database error). */
export const UuidParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => invalidField(name, 'must be a UUID') }));

/** Escapes `%`, `_` and `\` for a LIKE/ILIKE pattern. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
