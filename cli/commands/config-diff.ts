// `lz config-diff --base <git-ref> [--config DIR] [--allow-destructive] [--out FILE]`: compares the
// configuration with the one at the base ref and lists edits that destroy or weaken something
// (tools/delivery/dangerous-edits.ts) as file:line: field: message. Exit 2 when any is refused,
// unless --allow-destructive (the allow-destroy label); 0 otherwise. --out writes the Markdown shown
// at the top of the plan comment.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Command } from 'commander';
import { formatProblem } from '../../lib/config/diagnostics';
import { loadConfig, resolveConfigDir } from '../../lib/config/load';
import { dangerousEdits, renderDangerousEdits } from '../../tools/delivery/dangerous-edits';
import { requireWritableFile } from '../paths';
import { EXIT_CONFIG_INVALID } from '../exit-codes';
import { UsageError } from '../usage-error';

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The configuration directory as it was at a git ref, extracted into a temporary folder. */
function configAtRef(ref: string, configDir: string): { root: string; dir: string } {
  let repo: string;
  try {
    repo = git(['rev-parse', '--show-toplevel'], configDir).trim();
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], repo);
  } catch {
    throw new UsageError(`git ref ${ref} does not exist here, or ${configDir} is not in a git repository (in CI, fetch the base first)`);
  }
  const relative = path.relative(fs.realpathSync(repo), fs.realpathSync(configDir));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-config-base-'));
  const archive = path.join(root, 'config.tar');
  try {
    git(['archive', '--format=tar', '-o', archive, ref, '--', relative || '.'], repo);
  } catch {
    fs.rmSync(root, { recursive: true, force: true });
    throw new UsageError(`${relative} does not exist at ${ref}: nothing to compare with`);
  }
  execFileSync('tar', ['-xf', archive, '-C', root]);
  return { root, dir: path.join(root, relative) };
}

export function registerConfigDiff(program: Command): void {
  program
    .command('config-diff')
    .description(
      'refuse configuration edits that destroy or weaken something, compared with a git ref (CIDR, email, name, prefix, retention)',
    )
    .requiredOption('--base <ref>', 'git ref to compare with, such as origin/main')
    .option('--config <dir>', 'configuration directory (default: $LZ_CONFIG_DIR or ./config)')
    .option('--allow-destructive', 'report refused edits but exit 0 (the allow-destroy label)')
    .option('--out <file>', 'write the Markdown for the top of the plan comment (empty when nothing is dangerous)')
    .action((options: { base: string; config?: string; allowDestructive?: boolean; out?: string }) => {
      if (options.out) requireWritableFile(options.out, '--out');
      const configDir = resolveConfigDir(options.config);
      const head = loadConfig(configDir);
      const base = configAtRef(options.base, configDir);
      try {
        const edits = dangerousEdits(loadConfig(base.dir), head);
        if (options.out) fs.writeFileSync(options.out, renderDangerousEdits(edits, options.allowDestructive === true));
        for (const edit of edits) process.stderr.write(`${formatProblem(edit)}${edit.severity === 'refuse' ? '' : ' (check)'}\n`);
        if (edits.some((edit) => edit.severity === 'refuse') && !options.allowDestructive) process.exitCode = EXIT_CONFIG_INVALID;
        else
          process.stdout.write(
            `config-diff: ${edits.length ? `${edits.length} edit(s) to review` : 'no dangerous configuration edit'} compared with ${options.base}\n`,
          );
      } finally {
        fs.rmSync(base.root, { recursive: true, force: true });
      }
    });
}
