import { BadRequestException } from '@nestjs/common';
import { ProblemDetailsFilter } from './problem.filter';
import { conflict, invalidField, notFound, rateLimited, ruleViolation } from '../../kernel/errors';

/** Renders an error through the filter and answers what the client would get. */
function render(error: unknown): { status: number; type: string; body: Record<string, unknown> } {
  const out = { status: 0, type: '', body: {} as Record<string, unknown> };
  const res = {
    headersSent: false,
    setHeader: () => undefined,
    status(s: number) {
      out.status = s;
      return this;
    },
    type(t: string) {
      out.type = t;
      return this;
    },
    send(b: string) {
      out.body = JSON.parse(b);
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ originalUrl: '/beds?x=1' }) }) };
  const filter = new ProblemDetailsFilter();
  (filter as unknown as { logger: { warn: () => void; error: () => void } }).logger = {
    warn: () => undefined,
    error: () => undefined,
  };
  filter.catch(error, host as never);
  return out;
}

const pgError = (code: string) => Object.assign(new Error('database said no'), { code });

describe('ProblemDetailsFilter', () => {
  it('renders a service problem as application/problem+json with the path as instance', () => {
    const r = render(notFound('Bed', 'abc'));
    expect(r).toEqual({
      status: 404,
      type: 'application/problem+json',
      body: {
        type: expect.stringContaining('not-found'),
        title: 'Not found',
        status: 404,
        detail: 'Bed abc was not found',
        code: 'not_found',
        instance: '/beds',
      },
    });
  });

  it('renders a plain Nest HTTP exception as problem details', () => {
    expect(render(new BadRequestException('nope'))).toMatchObject({
      status: 400,
      body: { status: 400, detail: 'nope' },
    });
  });

  it.each([
    ['entity.parse.failed', 400, 400],
    ['entity.too.large', 413, 413],
    ['charset.unsupported', 415, 415],
  ])('turns the body parser error %s into %i', (type, status, expected) => {
    expect(render(Object.assign(new Error('x'), { type, status })).status).toBe(expected);
  });

  it.each(['22P02', '22001', '22003', '22007', '22008', '22021', '23502', '23514'])(
    'answers 400, never 500, when the database refuses a value (SQLSTATE %s)',
    (code) => {
      const r = render(pgError(code));
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).not.toContain('database said no');
    },
  );

  it.each([
    ['23505', 409],
    ['23503', 409],
    ['40001', 409],
    ['40P01', 409],
  ])('answers SQLSTATE %s as %i', (code, status) => {
    expect(render(pgError(code)).status).toBe(status);
  });

  it('answers a stale optimistic lock as 409', () => {
    expect(render(Object.assign(new Error('lock'), { name: 'OptimisticLockError' })).status).toBe(409);
  });

  it('answers anything unexpected as a 500 that gives nothing away', () => {
    const r = render(new Error('secret internals at /srv/app'));
    expect(r.status).toBe(500);
    expect(JSON.stringify(r.body)).not.toContain('secret internals');
  });

  it('maps each domain error kind to its status, its code to the type, and its details to members', () => {
    const stale = render(conflict('The bed changed', 'bed_state', { bedStatus: 'held' }));
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      type: expect.stringMatching(/\/bed-state$/),
      code: 'bed_state',
      bedStatus: 'held',
    });
    const field = render(invalidField('endedAt', 'must not be in the future'));
    expect(field.status).toBe(400);
    expect(field.body).toMatchObject({
      type: expect.stringMatching(/\/validation$/),
      title: 'Invalid request',
      errors: [{ field: 'endedAt', message: 'must not be in the future' }],
    });
    const rule = render(ruleViolation('breaks a rule', [{ rule: 'gender', detail: 'female beds only' }]));
    expect(rule.status).toBe(422);
    expect(rule.body.rules).toEqual([{ rule: 'gender', detail: 'female beds only' }]);
    const slow = render(rateLimited('too many', 30));
    expect(slow.status).toBe(429);
    expect(slow.body.retryAfter).toBe(30);
  });
});
