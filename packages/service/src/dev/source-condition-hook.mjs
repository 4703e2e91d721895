// Module resolution hook (node:module register): resolves with the "@evg/source" export
// condition first, so @evg/effects loads from its TypeScript sources when the service runs from
// sources, without a build. Compiled code never loads this.
export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, { ...context, conditions: ['@evg/source', ...context.conditions] });
}
