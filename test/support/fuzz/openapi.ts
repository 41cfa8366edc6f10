import { ROLES, type Role } from '../../../src/kernel/roles';

/**
 * The write endpoints of the service, read from its own OpenAPI document (`GET /docs-json`), so
 * an endpoint added tomorrow is fuzzed without anyone listing it here.
 */

export type Method = 'post' | 'put' | 'patch' | 'delete';
export const WRITE_METHODS: readonly Method[] = ['post', 'put', 'patch', 'delete'];

/** The part of JSON Schema the service's document uses. */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

export interface PathParam {
  name: string;
  schema: Schema;
}

export interface WriteOperation {
  method: Method;
  /** As the document writes it: `/beds/{id}`. */
  path: string;
  /** `POST /beds/{id}`: how findings and figures name it. */
  name: string;
  params: PathParam[];
  /** The JSON body's schema with every `$ref` resolved, or null when the operation takes no body. */
  body: Schema | null;
  /** Who may call it: `anonymous` (anyone), or the roles ticked (`x-roles`). */
  anonymous: boolean;
  roles: readonly Role[];
}

interface OpenApiDocument {
  paths: Record<string, Partial<Record<string, OpenApiOperation>>>;
  components?: { schemas?: Record<string, Schema> };
}

interface OpenApiOperation {
  'x-roles'?: string[];
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** Inlines `$ref`s and single-member `allOf`s, so the body generator walks plain schemas. */
export function resolveSchema(doc: OpenApiDocument, schema: Schema, depth = 0): Schema {
  if (depth > 10) return schema;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`OpenAPI document: unresolved ${schema.$ref}`);
    return resolveSchema(doc, target, depth + 1);
  }
  if (schema.allOf?.length === 1) {
    const { allOf, ...rest } = schema;
    return { ...rest, ...resolveSchema(doc, allOf[0], depth + 1) };
  }
  const out: Schema = { ...schema };
  if (schema.items) out.items = resolveSchema(doc, schema.items, depth + 1);
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, resolveSchema(doc, v, depth + 1)]),
    );
  }
  return out;
}

/** Every POST, PUT, PATCH and DELETE in the document, in the document's order. */
export function writeOperations(doc: OpenApiDocument): WriteOperation[] {
  const out: WriteOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of WRITE_METHODS) {
      const op = item[method];
      if (!op) continue;
      const xRoles = op['x-roles'] ?? ['any_signed_in_user'];
      const json = op.requestBody?.content?.['application/json']?.schema;
      out.push({
        method,
        path,
        name: `${method.toUpperCase()} ${path}`,
        params: (op.parameters ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => ({ name: p.name, schema: resolveSchema(doc, p.schema ?? { type: 'string' }) })),
        body: json ? resolveSchema(doc, json) : null,
        anonymous: xRoles.includes('anonymous'),
        roles: xRoles.includes('anonymous') || xRoles.includes('any_signed_in_user') ? ROLES : (xRoles as Role[]),
      });
    }
  }
  return out;
}
