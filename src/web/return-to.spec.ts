import fc from 'fast-check';
import { safeReturnTo, signInAddress } from './return-to';

describe('where sign-in returns to', () => {
  it('keeps a path on this service, with its query', () => {
    expect(safeReturnTo('/escalations/6b1f0a9e-44f4-4d8e-9d2b-0a3c8a1e5f11')).toBe(
      '/escalations/6b1f0a9e-44f4-4d8e-9d2b-0a3c8a1e5f11',
    );
    expect(safeReturnTo('/?area=Crewe&breach=true')).toBe('/?area=Crewe&breach=true');
  });

  it.each([
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '',
    '/sign-in',
    '/a\nb',
  ])('sends %j home instead', (value) => expect(safeReturnTo(value)).toBe('/'));

  it('never answers anything but a single-slash path on this service', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = safeReturnTo(s);
        expect(out.startsWith('/')).toBe(true);
        expect(out.startsWith('//')).toBe(false);
        // eslint-disable-next-line no-control-regex
        expect(out).not.toMatch(/[\\\u0000-\u001f]/);
      }),
    );
  });

  it('builds the sign-in address with the way back encoded', () => {
    expect(signInAddress('/escalations/x?y=1')).toBe('/sign-in?returnTo=%2Fescalations%2Fx%3Fy%3D1');
    expect(signInAddress('/')).toBe('/sign-in');
    expect(signInAddress('//evil.example')).toBe('/sign-in');
  });
});
