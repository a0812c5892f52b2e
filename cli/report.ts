// How user mistakes reach the terminal: every problem on its own line, no stack trace, and an exit
// status a script can test. Anything that is not a user mistake is re-thrown as the bug it is.
import { ConfigError, formatProblem } from '../lib/config/diagnostics';

export { EXIT_CONFIG_INVALID } from './exit-codes';
import { EXIT_CONFIG_INVALID } from './exit-codes';

export function reportConfigErrors(error: unknown): number {
  if (!(error instanceof ConfigError)) {
    throw error;
  }
  const count = error.problems.length;
  process.stderr.write(`Configuration is invalid (${count} problem${count === 1 ? '' : 's'}); nothing was synthesized or written:\n`);
  for (const problem of error.problems) {
    process.stderr.write(`  ${formatProblem(problem)}\n`);
  }
  return EXIT_CONFIG_INVALID;
}
