import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateOpenApi } from '../../src/cli/openapi-document.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const COMMITTED = `${ROOT}openapi/openapi.json`;

type Json = Record<string, unknown>;
type Operation = { responses: Record<string, { content?: Record<string, { schema?: Json }> }> };

describe('OpenAPI document', () => {
  it('is committed exactly as the app generates it (run `npm run openapi` after changing routes)', async () => {
    const committed = JSON.parse(await readFile(COMMITTED, 'utf8')) as Json;
    expect(committed).toEqual(JSON.parse(JSON.stringify(await generateOpenApi())));
  });

  it('documents every response with a schema that has an example', async () => {
    const document = (await generateOpenApi()) as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Json> };
    };
    const hasExample = (schema: Json | undefined, depth = 0): boolean => {
      if (!schema || depth > 5) return false;
      if (Array.isArray(schema.examples) || schema.example !== undefined) return true;
      if (typeof schema.$ref === 'string')
        return hasExample(document.components.schemas[schema.$ref.split('/').pop()!], depth + 1);
      if (schema.items) return hasExample(schema.items as Json, depth + 1);
      if (schema.type === 'null') return true;
      return false;
    };
    const missing: string[] = [];
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          for (const [type, media] of Object.entries(response.content ?? {})) {
            if (!hasExample(media.schema)) missing.push(`${method.toUpperCase()} ${path} ${status} ${type}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('passes redocly lint with no errors', async () => {
    const cli = `${ROOT}node_modules/@redocly/cli/bin/cli.js`;
    const run = promisify(execFile);
    const result = await run(
      process.execPath,
      [cli, 'lint', '--config', `${ROOT}redocly.yaml`, COMMITTED, '--format=summary'],
      {
        cwd: ROOT,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    ).catch((error: { stdout: string; stderr: string }) => error);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/^error\s/m);
    expect(`${result.stdout}${result.stderr}`).toMatch(/valid/);
  }, 60_000);
});
