import { conflict } from '../../kernel/errors';

/** Optimistic locking: when the caller says which version it read, a newer one is a 409. */
export function assertVersion(entity: string, current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) {
    throw conflict(
      `The ${entity} was changed by someone else (you read version ${expected}, it is now ${current}); reload and try again`,
      'stale_version',
      { currentVersion: current },
    );
  }
}

/** Copies the defined keys of `patch` onto `target`, skipping `skip`. */
export function applyPatch<T extends object>(target: T, patch: object, skip: string[] = ['version']): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || skip.includes(k)) continue;
    (target as Record<string, unknown>)[k] = v;
  }
}
