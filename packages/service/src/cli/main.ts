import { runCli } from './run-cli.ts';

// A reader that stops early (`evg effects … | head`) closes the pipe: end quietly, as Unix
// tools do, instead of reporting the failed write as an internal error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdin: process.stdin,
});
