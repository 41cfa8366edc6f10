import { Harness } from '../../support/harness';

/**
 * The API explains itself: every operation in GET /docs-json has a summary, says who may call it,
 * and lists its error answers as problem details; fields are typed as what they are.
 */
let h: Harness;
beforeAll(async () => (h = await Harness.start({ users: false })));
afterAll(() => h?.stop());

type Operation = {
  summary?: string;
  description?: string;
  'x-roles'?: string[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
};
type Schema = {
  type?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  $ref?: string;
  allOf?: Schema[];
};

async function document() {
  const res = await h.as().get('/docs-json');
  expect(res.status).toBe(200);
  return res.body as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Schema> };
  };
}

function operations(doc: Awaited<ReturnType<typeof document>>): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
  );
}

describe('the OpenAPI document', () => {
  it('gives every operation a summary', async () => {
    const missing = operations(await document())
      .filter(([, op]) => !op.summary?.trim())
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('says for every operation which roles may call it', async () => {
    const ops = operations(await document());
    expect(ops.length).toBeGreaterThan(60);
    const missing = ops.filter(([, op]) => !op['x-roles']?.length || !op.description?.includes('Roles:'));
    expect(missing.map(([name]) => name)).toEqual([]);
    const login = ops.find(([name]) => name === 'POST /auth/login')![1];
    expect(login['x-roles']).toEqual(['anonymous']);
    const beds = ops.find(([name]) => name === 'POST /beds')![1];
    expect(beds['x-roles']).toEqual(['admin', 'housing_officer']);
  });

  it('describes the error answers of every operation as problem details', async () => {
    const ops = operations(await document());
    const missing = ops.filter(([name, op]) => {
      const errors = Object.entries(op.responses ?? {}).filter(([code]) => /^[45]/.test(code));
      if (name === 'GET /health') return false; // 503 is a HealthView, not a problem
      return !errors.length || errors.some(([, r]) => !r.content?.['application/problem+json']);
    });
    expect(missing.map(([name]) => name)).toEqual([]);
  });

  it('types nullable fields as what they are, never as a bare object', async () => {
    const doc = await document();
    const vague: string[] = [];
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      for (const [field, prop] of Object.entries(schema.properties ?? {})) {
        if (prop.type === 'object' && !prop.properties && !prop.$ref && !prop.allOf && prop.nullable) {
          vague.push(`${name}.${field}`);
        }
      }
    }
    expect(vague).toEqual([]);
  });
});
