import type { CliIo } from '../cli-io.ts';
import { CliError } from '../cli-io.ts';
import { parseFlags } from '../args.ts';
import { ConfigError, loadConfig } from '../../config.ts';

export const summary =
  'serve the REST API and the web client (embedded database and demo data without DATABASE_URL)';

const HELP = `Usage: evg start [--demo-key]

Serves the EVG on HOST:PORT (default 127.0.0.1:3000). Configuration is read from the
environment (see the README): PORT, HOST, DATABASE_URL, EVG_DATA_DIR, EVG_READ_REQUIRES_KEY,
EVG_CORS_ORIGINS, EVG_RATE_LIMIT, EVG_MIN_CELL_SIZE, EVG_BODY_LIMIT, EVG_IMPORT_BODY_LIMIT,
EVG_REFRESH_POLL_MS, LOG_LEVEL. Without DATABASE_URL it runs on an embedded PostgreSQL in
EVG_DATA_DIR, loading synthetic demo data on the first start. SIGTERM/SIGINT shut it down
gracefully: requests in flight finish, then the database is closed.

A read-only demo key (role caseworker) is created on the first start and printed at every
start, on the embedded database only; --demo-key asks for it with DATABASE_URL too (it is
made only while the database has no keys, and kept in EVG_DATA_DIR/demo-key).
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, { help: { type: 'boolean' }, 'demo-key': { type: 'boolean' } });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const config = (() => {
    try {
      return loadConfig(io.env);
    } catch (error) {
      if (error instanceof ConfigError) throw new CliError(`invalid environment: ${error.message}`);
      throw error;
    }
  })();
  // Fastify and the database are loaded only for this command.
  const { startService } = await import('../start-service.ts');
  const server = await startService(config, io, { demoKey: values['demo-key'] === true });
  await server.closed;
  return 0;
}
