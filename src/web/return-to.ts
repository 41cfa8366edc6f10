/**
 * Where to go after signing in: only a path on this service (`/escalations/…`), never another
 * site (`//evil.example`, `/\evil.example`, `https://…`) or a control character.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 500) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  if (value === '/sign-in' || value.startsWith('/sign-in?') || value.startsWith('/sign-out')) return '/';
  return value;
}

/** The sign-in page, coming back to `path` afterwards. */
export function signInAddress(path: string): string {
  const back = safeReturnTo(path);
  return back === '/' ? '/sign-in' : `/sign-in?returnTo=${encodeURIComponent(back)}`;
}
