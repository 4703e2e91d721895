import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

function zodSchemaOf(schema: unknown): z.ZodType | undefined {
  if (schema instanceof z.ZodType) return schema;
  const properties =
    typeof schema === 'object' && schema !== null && 'properties' in schema ? schema.properties : undefined;
  return properties instanceof z.ZodType ? properties : undefined;
}

/** fast-json-stringify's serializer for a JSON Schema that zod generated. */
function compileStringify(jsonSchema: z.core.JSONSchema.BaseSchema) {
  // The same draft-7 document, typed by each library its own way (zod's `type` is any type name).
  return fastJson(jsonSchema as Parameters<typeof fastJson>[0]);
}

/**
 * Serialises responses with fast-json-stringify, compiled once per route from the route's zod
 * response schema (the same schema that documents it in OpenAPI). With `validate` (tests and
 * development) every response is also checked against the zod schema first and a mismatch is a
 * 500, so a test catches any response that does not match its documentation; in production
 * the check is skipped for speed.
 *
 * @example
 *   app.setSerializerCompiler(createResponseSerializer({ validate: true }));
 */
export function createResponseSerializer(options: { validate: boolean }): FastifySerializerCompiler<unknown> {
  return ({ schema, method, url }) => {
    const zodSchema = zodSchemaOf(schema);
    if (!zodSchema) return (data) => JSON.stringify(data);
    const jsonSchema = z.toJSONSchema(zodSchema, { io: 'output', target: 'draft-7', unrepresentable: 'any' });
    const stringify = compileStringify(jsonSchema);
    if (!options.validate) return stringify;
    return (data) => {
      const result = zodSchema.safeEncode(data);
      if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
      return stringify(data);
    };
  };
}
