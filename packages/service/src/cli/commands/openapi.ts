import { writeFile } from 'node:fs/promises';
import type { CliIo } from '../cli-io.ts';
import { parseFlags } from '../args.ts';

export const summary = 'print or write the OpenAPI 3.1 document of the REST API';

const HELP = `Usage: evg openapi [--out FILE]

Generates the OpenAPI document from the app's route schemas (no database needed).
Without --out it is printed on stdout. \`npm run openapi\` writes openapi/openapi.json.
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, { out: { type: 'string' }, help: { type: 'boolean' } });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  // Loaded here so other commands never load Fastify.
  const { generateOpenApi } = await import('../openapi-document.ts');
  const text = JSON.stringify(await generateOpenApi(), null, 2) + '\n';
  if (values.out) {
    await writeFile(values.out, text);
    io.stderr.write(`evg openapi: wrote ${values.out}\n`);
  } else {
    io.stdout.write(text);
  }
  return 0;
}
