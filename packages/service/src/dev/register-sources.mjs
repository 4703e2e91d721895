// Development only: lets Node run the TypeScript sources of the service and of @evg/effects.
// tsx compiles .ts on load; the hook adds the "@evg/source" export condition. Imported by
// bin/evg.js and by the refresh worker's bootstrap (a worker inherits neither registration).
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

register('./source-condition-hook.mjs', import.meta.url);
registerTsx();
