/** The TypeScript types of the committed OpenAPI document, as committed in src/generated/openapi.ts. */
export function generatedTypes(): Promise<string>;
