import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  NEVER_DEPLOYED_FILE,
  accountHistoryProblems,
  gitCouldFindRepository,
  readAccountHistory,
} from '../../../lib/config/account-history';
import { ConfigError, formatProblem } from '../../../lib/config/diagnostics';
import { loadConfig } from '../../../lib/config/load';
import { copyExampleConfig } from '../../helpers/config-fixtures';

/** A git repository whose config/ directory is a copy of the example, committed once. */
function exampleRepo(): { repo: string; config: string; git: (...args: string[]) => string } {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-history-'));
  const config = path.join(repo, 'config');
  fs.cpSync(copyExampleConfig(), config, { recursive: true });
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.nhs.uk', '-c', 'commit.gpgsign=false', ...args], {
      cwd: repo,
      encoding: 'utf8',
    });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'Example configuration');
  return { repo, config, git };
}

function loadProblems(dir: string): string[] {
  try {
    loadConfig(dir);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map(formatProblem);
  }
}

describe('account history', () => {
  it('is silent for a clean work tree and skipped outside git', () => {
    const { config } = exampleRepo();
    expect(readAccountHistory(config)).toEqual({ checked: true, deleted: [] });
    expect(loadProblems(config)).toEqual([]);
    const outside = copyExampleConfig();
    fs.rmSync(path.join(outside, 'accounts', 'analytics-dev.yaml'));
    expect(readAccountHistory(outside)).toEqual({ checked: false, deleted: [] });
    expect(loadProblems(outside)).toEqual([]);
  });

  it('asks git only where it could find a repository: no process per load of a copied configuration', () => {
    const { repo, config } = exampleRepo();
    const outside = copyExampleConfig();
    expect(gitCouldFindRepository(config)).toBe(true);
    expect(gitCouldFindRepository(path.join(config, 'accounts'))).toBe(true);
    expect(gitCouldFindRepository(outside)).toBe(false);
    // GIT_DIR points git at a repository from anywhere: then git is asked.
    expect(gitCouldFindRepository(outside, { GIT_DIR: path.join(repo, '.git') })).toBe(true);
    // The module object itself (an import * namespace is read-only): account-history.ts reads execFileSync from it per call.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const spawned = jest.spyOn(require('node:child_process') as typeof import('node:child_process'), 'execFileSync');
    try {
      expect(loadProblems(outside)).toEqual([]);
      expect(spawned).not.toHaveBeenCalled();
      expect(loadProblems(config)).toEqual([]);
      expect(spawned.mock.calls.map(([file]) => file)).toEqual(['git', 'git']);
    } finally {
      spawned.mockRestore();
    }
  });

  it('reports an account file deleted from the work tree, staged or not, with the safe path', () => {
    const { config, git } = exampleRepo();
    fs.rmSync(path.join(config, 'accounts', 'analytics-dev.yaml'));
    const problems = loadProblems(config);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/accounts\/analytics-dev\.yaml:1: \(file\): is in the last commit but has been deleted/);
    expect(problems[0]).toContain('git checkout HEAD -- ');
    expect(problems[0]).toContain('set status: suspended');
    git('add', '-A');
    expect(readAccountHistory(config).deleted).toEqual([{ file: 'analytics-dev.yaml' }]);
  });

  it('reports files deleted or renamed in committed history, naming the commit', () => {
    const { config, git } = exampleRepo();
    git('rm', '-q', 'config/accounts/analytics-dev.yaml');
    git('commit', '-qm', 'Remove analytics-dev');
    const deletedIn = git('rev-parse', '--short', 'HEAD').trim();
    // A rename is a deletion too: the account behind the old name would be orphaned.
    const renamed = fs
      .readFileSync(path.join(config, 'accounts', 'clinical-portal-prod.yaml'), 'utf8')
      .replace('name: clinical-portal-prod', 'name: clinical-portal');
    fs.writeFileSync(path.join(config, 'accounts', 'clinical-portal.yaml'), renamed);
    git('rm', '-q', 'config/accounts/clinical-portal-prod.yaml');
    git('add', '-A');
    git('commit', '-qm', 'Rename clinical-portal-prod');
    const history = readAccountHistory(config);
    expect(history.deleted.map((entry) => entry.file)).toEqual(['analytics-dev.yaml', 'clinical-portal-prod.yaml']);
    expect(history.deleted[0].commit).toBe(deletedIn);
    const problems = loadProblems(config);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain(`was deleted in commit ${deletedIn}`);
    expect(problems[0]).toContain(`git checkout ${deletedIn}^ -- `);
  });

  it('accepts a restored file and a vend recorded as never deployed', () => {
    const { config, git } = exampleRepo();
    git('rm', '-q', 'config/accounts/analytics-dev.yaml', 'config/accounts/clinical-portal-prod.yaml');
    git('commit', '-qm', 'Remove both');
    const deletedIn = git('rev-parse', '--short', 'HEAD').trim();
    git('checkout', '-q', `${deletedIn}^`, '--', 'config/accounts/analytics-dev.yaml');
    fs.writeFileSync(
      path.join(config, 'accounts', NEVER_DEPLOYED_FILE),
      '# vends withdrawn before deployment\nclinical-portal-prod  # withdrawn in review\n',
    );
    expect(readAccountHistory(config).deleted).toEqual([]);
    expect(loadProblems(config)).toEqual([]);
  });

  it('reports every deleted file at once, alongside other configuration problems', () => {
    const { config } = exampleRepo();
    fs.rmSync(path.join(config, 'accounts', 'analytics-dev.yaml'));
    fs.rmSync(path.join(config, 'accounts', 'clinical-portal-prod.yaml'));
    fs.writeFileSync(path.join(config, 'accounts', 'new-one.yaml'), 'name: new-one\n');
    const problems = loadProblems(config);
    expect(problems.filter((problem) => problem.includes('must never be removed'))).toHaveLength(2);
    expect(problems.some((problem) => problem.includes('new-one.yaml') && problem.includes('email'))).toBe(true);
    expect(accountHistoryProblems(config, 'shown/accounts').map((problem) => problem.file)).toEqual([
      'shown/accounts/analytics-dev.yaml',
      'shown/accounts/clinical-portal-prod.yaml',
    ]);
  });
});
