/**
 * fastify-type-provider-zod registers every zod schema with an id twice: as `X` (its output
 * side, for responses) and as `XInput` (its input side, for bodies and queries), and puts both
 * sets into `components.schemas` whether or not anything refers to them. A client generated from
 * that document gets two types per concept (`Offer` and `OfferInput`) and cannot tell which one
 * an operation means. This keeps exactly one schema per concept.
 */
import { isJsonObject } from '../narrow.ts';

const INPUT_SUFFIX = 'Input';
const REF_PREFIX = '#/components/schemas/';

/** The component names a JSON value refers to through `$ref`. */
function referencedNames(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedNames(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(REF_PREFIX)) {
        into.add(child.slice(REF_PREFIX.length));
      } else {
        referencedNames(child, into);
      }
    }
  }
  return into;
}

/** Every component reachable from the paths, directly or through other components. */
function reachableNames(paths: unknown, schemas: Record<string, unknown>): Set<string> {
  const reached = referencedNames(paths);
  const pending = [...reached];
  while (pending.length > 0) {
    const name = pending.pop()!;
    for (const next of referencedNames(schemas[name])) {
      if (!reached.has(next)) {
        reached.add(next);
        pending.push(next);
      }
    }
  }
  return reached;
}

function renameRefs<T>(value: T, renames: ReadonlyMap<string, string>): T {
  // A JSON round trip of `value` itself: the same shape, so the parsed copy is typed as it.
  return JSON.parse(JSON.stringify(value), (key, child: unknown) =>
    key === '$ref' && typeof child === 'string' && child.startsWith(REF_PREFIX)
      ? REF_PREFIX + (renames.get(child.slice(REF_PREFIX.length)) ?? child.slice(REF_PREFIX.length))
      : child,
  ) as T;
}

/**
 * The document with one schema per concept: only components an operation uses (directly or
 * through another component); `XInput` named `X` when only the input side is used (request
 * bodies such as `OfferWrite`), or merged into `X` when both sides are the same schema. A concept
 * whose two sides differ and are both used is an error: it needs two zod schemas with their own
 * ids, so that the document never has to guess.
 *
 * @example
 *   oneSchemaPerConcept({
 *     paths: { '/a': { put: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/AInput' } } } } } } },
 *     components: { schemas: { A: { type: 'object' }, AInput: { type: 'object' } } },
 *   }).components; // { schemas: { A: { type: 'object' } } }
 */
export function oneSchemaPerConcept<T extends object>(document: T): T {
  const components = 'components' in document && isJsonObject(document.components) ? document.components : {};
  const schemas = isJsonObject(components.schemas) ? components.schemas : {};
  const reached = reachableNames('paths' in document ? document.paths : undefined, schemas);
  const renames = new Map<string, string>();
  for (const name of reached) {
    if (!name.endsWith(INPUT_SUFFIX)) continue;
    const concept = name.slice(0, -INPUT_SUFFIX.length);
    if (concept === '' || schemas[concept] === undefined) continue;
    renames.set(name, concept);
  }
  const kept: Record<string, unknown> = {};
  for (const name of Object.keys(schemas).sort()) {
    if (!reached.has(name)) continue;
    const target = renames.get(name) ?? name;
    const schema = renameRefs(schemas[name], renames);
    const other = kept[target];
    if (other !== undefined && JSON.stringify(other) !== JSON.stringify(schema)) {
      throw new Error(
        `OpenAPI: schema "${target}" is used both as input and as output and the two differ; ` +
          `give its input side a zod schema of its own with a different id`,
      );
    }
    kept[target] = schema;
  }
  return {
    ...renameRefs(document, renames),
    components: { ...components, schemas: kept },
  };
}
