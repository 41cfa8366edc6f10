import type { Schema, WriteOperation } from './openapi';

/**
 * What the OpenAPI document promises about each body field, for the sweeps that hold every DTO to
 * it: a field not marked `nullable` refuses null; text a record must have refuses blanks.
 */

export interface FieldRule {
  op: WriteOperation;
  /** Dotted, as problem details name it: `name`, `appliesTo.minAge`, `steps.0.after`. */
  field: string;
  /** The body that sends `value` in this field and nothing else. */
  body: (value: unknown) => Record<string, unknown>;
  nullable: boolean;
  /** Text the record must have: required here, or (for a PATCH or PUT) in its collection's POST. */
  requiredText: boolean;
}

const isText = (s: Schema) => (s.type ?? 'string') === 'string' && !s.enum && !s.format && !s.items;

/** Every field of every write body, nested objects and arrays of objects included (one level deep). */
export function fieldRules(ops: WriteOperation[]): FieldRule[] {
  const out: FieldRule[] = [];
  for (const op of ops) {
    if (!op.body?.properties) continue;
    const create = ops.find((o) => o.method === 'post' && o.path === op.path.replace(/\/\{[^}]+\}$/, ''));
    const required = new Set([
      ...(op.body.required ?? []),
      ...(op.method === 'post' ? [] : (create?.body?.required ?? [])),
    ]);
    for (const [name, schema] of Object.entries(op.body.properties)) {
      out.push({
        op,
        field: name,
        body: (v) => ({ [name]: v }),
        nullable: !!schema.nullable,
        requiredText: required.has(name) && isText(schema),
      });
      out.push(...nested(op, name, schema));
    }
  }
  return out;
}

function nested(op: WriteOperation, name: string, schema: Schema): FieldRule[] {
  const inner = schema.properties ? schema : schema.items?.properties ? schema.items : null;
  if (!inner?.properties) return [];
  const inArray = !schema.properties;
  const required = new Set(inner.required ?? []);
  return Object.entries(inner.properties).map(([k, s]) => ({
    op,
    field: inArray ? `${name}.0.${k}` : `${name}.${k}`,
    body: (v: unknown) => ({ [name]: inArray ? [{ [k]: v }] : { [k]: v } }),
    nullable: !!s.nullable,
    requiredText: required.has(k) && isText(s),
  }));
}
