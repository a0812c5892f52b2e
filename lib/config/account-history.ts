// Account files may never disappear once committed. Nothing in this project closes an AWS account
// (close_on_deletion is false and the account resource has prevent_destroy), so deleting a file
// would not remove the account: it would make the organization plan fail on prevent_destroy and,
// worse, orphan the account's workload-<name> stack, whose baseline and spoke would stay deployed
// with nobody managing them. The safe path is to keep the file and set `status: suspended`.
//
// The check reads git history because the working tree alone cannot show what is missing. It runs
// only when the configuration directory sits in a git work tree with at least one commit; anywhere
// else (a copied config directory, an exported tarball, git not installed) it is skipped silently,
// and the organization plan's prevent_destroy error remains the backstop (docs/decisions/0401).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigProblem } from './diagnostics';

/** Lists, one account name a line (`# comments` allowed), vends that were removed before they were ever deployed. */
export const NEVER_DEPLOYED_FILE = 'never-deployed.txt';

export interface DeletedAccountFile {
  /** File name inside the accounts directory, such as clinical-portal-prod.yaml. */
  readonly file: string;
  /** Abbreviated hash of the commit that deleted it, or undefined when it is only missing from the work tree. */
  readonly commit?: string;
}

export interface AccountHistory {
  /** False when the directory is not in a git work tree (or git is unavailable): nothing was checked. */
  readonly checked: boolean;
  readonly deleted: readonly DeletedAccountFile[];
}

const ACCOUNT_FILE = /\.ya?ml$/;
const accountNameOf = (file: string): string => file.replace(ACCOUNT_FILE, '');

function git(cwd: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    // Not a work tree, no commit yet, git missing or refusing the directory: nothing to check.
    return undefined;
  }
}

/**
 * Whether git could find a repository for `dir`: GIT_DIR is set, or `dir` or a folder above it holds a
 * `.git` entry (a folder, or the file of a linked work tree or submodule); git discovers work trees the
 * same way. Without either, asking git only costs a process that fails (about 15 ms of CPU, far more
 * wall time on a busy machine) on every configuration load: a copied or exported config directory,
 * and the thousands of loads in the vending tests, need none.
 */
export function gitCouldFindRepository(dir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GIT_DIR !== undefined) return true;
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) return true;
    if (path.dirname(current) === current) return false;
  }
}

/**
 * Account files deleted in the history of HEAD, or present in HEAD but deleted in the work tree (staged
 * or not), whose account name has no file today. Renames count as deletions: renaming a file renames
 * the account, which is the same destructive change.
 */
export function readAccountHistory(configDir: string, accountsDirName = 'accounts'): AccountHistory {
  const dir = path.resolve(configDir);
  if (!gitCouldFindRepository(dir)) return { checked: false, deleted: [] };
  // --relative keeps paths relative to the config directory; -z survives any file name.
  const log = git(dir, [
    'log',
    '--no-renames',
    '--diff-filter=D',
    '--name-only',
    '--relative',
    '--format=%x01%h',
    '-z',
    '--',
    accountsDirName,
  ]);
  if (log === undefined) return { checked: false, deleted: [] };
  const uncommitted =
    git(dir, ['diff', 'HEAD', '--no-renames', '--diff-filter=D', '--name-only', '--relative', '-z', '--', accountsDirName]) ?? '';

  const deletions = new Map<string, DeletedAccountFile>();
  for (const file of uncommitted.split('\0').filter(Boolean)) {
    const base = path.basename(file);
    if (ACCOUNT_FILE.test(base) && path.dirname(file) === accountsDirName) deletions.set(base, { file: base });
  }
  // git log lists the newest commit first: keep the most recent deletion of each file.
  for (const entry of log.split('\x01').filter(Boolean)) {
    const [commit, ...files] = entry.split('\0').map((part) => part.trim());
    for (const file of files.filter(Boolean)) {
      const base = path.basename(file);
      if (!ACCOUNT_FILE.test(base) || path.dirname(file) !== accountsDirName || deletions.has(base)) continue;
      deletions.set(base, { file: base, commit });
    }
  }

  const accountsDir = path.join(dir, accountsDirName);
  const present = new Set(
    fs.existsSync(accountsDir)
      ? fs
          .readdirSync(accountsDir)
          .filter((name) => ACCOUNT_FILE.test(name))
          .map(accountNameOf)
      : [],
  );
  const forgotten = readNeverDeployed(path.join(accountsDir, NEVER_DEPLOYED_FILE));
  const deleted = [...deletions.values()]
    .filter(({ file }) => !present.has(accountNameOf(file)) && !forgotten.has(accountNameOf(file)))
    .sort((a, b) => a.file.localeCompare(b.file));
  return { checked: true, deleted };
}

function readNeverDeployed(file: string): Set<string> {
  if (!fs.existsSync(file)) return new Set();
  return new Set(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter(Boolean),
  );
}

/** One problem per deleted account file, naming the file and the safe path. */
export function accountHistoryProblems(configDir: string, displayAccountsDir: string, accountsDirName = 'accounts'): ConfigProblem[] {
  const history = readAccountHistory(configDir, accountsDirName);
  return history.deleted.map(({ file, commit }) => {
    const shown = path.join(displayAccountsDir, file);
    const name = accountNameOf(file);
    const where = commit ? `was deleted in commit ${commit}` : 'is in the last commit but has been deleted';
    const restore = commit ? `git checkout ${commit}^ -- ${shown}` : `git checkout HEAD -- ${shown}`;
    return {
      file: shown,
      line: 1,
      field: '',
      message:
        `${where}, but an account file must never be removed: this project never closes accounts, so the account would keep running ` +
        `unmanaged and the organization plan would fail on prevent_destroy. Restore it (${restore}) and set status: suspended, which ` +
        `disconnects the account and moves it to the Suspended OU (docs/vending.md, "Suspending an account"). Only if this vend was never ` +
        `deployed (no account was ever created), add the line "${name}" to ${path.join(displayAccountsDir, NEVER_DEPLOYED_FILE)} instead`,
    };
  });
}
