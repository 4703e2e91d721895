#!/usr/bin/env node
// The one entry point of the `evg` command. Sources are TypeScript, run through tsx's loader
// so `npx evg` works straight after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
