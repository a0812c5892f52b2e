// Reads the configuration directory, checks it against the schema and the cross-field rules, and
// returns typed configuration or a ConfigError listing every problem with file, line and field.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { accountHistoryProblems } from './account-history';
import { ConfigError, type ConfigProblem, fieldName, SourceFile } from './diagnostics';
import { landingZoneSchema, type LandingZoneConfig, workloadAccountSchema, type WorkloadAccountConfig } from './schema';
import { validateConfig } from './validate';

export const LANDING_ZONE_FILE = 'landing-zone.yaml';
export const ACCOUNTS_DIR = 'accounts';
export const DEFAULT_CONFIG_DIR = 'config';

export interface LoadedAccount {
  readonly config: WorkloadAccountConfig;
  readonly source: SourceFile;
}

export interface LoadedConfig {
  /** Absolute path of the configuration directory. */
  readonly dir: string;
  readonly landingZone: LandingZoneConfig;
  readonly landingZoneSource: SourceFile;
  /** Workload accounts, sorted by name so that output never depends on directory order. */
  readonly accounts: readonly LoadedAccount[];
}

/** The configuration directory: an explicit flag wins, then LZ_CONFIG_DIR, then ./config. */
export function resolveConfigDir(flag?: string): string {
  return path.resolve(flag ?? process.env.LZ_CONFIG_DIR ?? DEFAULT_CONFIG_DIR);
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

interface ParsedFile<T> {
  source: SourceFile;
  value?: T;
}

export interface LoadOptions {
  /**
   * Account files to validate as if they were in the accounts directory (file name -> content),
   * replacing a file of the same name: lets lz vend and lz suspend check a change before writing it.
   */
  readonly pendingAccountFiles?: ReadonlyMap<string, string>;
}

function parseYamlFile<S extends z.ZodType>(
  file: string,
  schema: S,
  problems: ConfigProblem[],
  pendingText?: string,
): ParsedFile<z.infer<S>> | undefined {
  const shown = displayPath(file);
  let text: string;
  try {
    text = pendingText ?? fs.readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({
      file: shown,
      line: 1,
      field: '',
      message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); check that it exists and is readable`,
    });
    return undefined;
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const source = new SourceFile(shown, document, lineCounter);
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const line = lineCounter.linePos(error.pos[0]).line;
      problems.push({
        file: shown,
        line,
        field: '',
        message: `is not valid YAML: ${error.message.split('\n')[0]}; fix the syntax at this line`,
      });
    }
    return { source };
  }
  let data: unknown;
  try {
    data = document.toJS();
  } catch (error) {
    // Errors the parser defers to conversion: an alias with no anchor, or an alias bomb.
    problems.push({
      file: shown,
      line: 1,
      field: '',
      message: `is not valid YAML: ${(error as Error).message.split('\n')[0]}; fix the anchors and aliases (&name / *name)`,
    });
    return { source };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push({
      file: shown,
      line: 1,
      field: '',
      message: 'must be a YAML mapping of settings (key: value lines); see config/schema/ for the expected shape',
    });
    return { source };
  }
  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push(...describeIssue(source, issue));
    }
    return { source };
  }
  return { source, value: result.data };
}

function describeIssue(source: SourceFile, issue: z.core.$ZodIssue): ConfigProblem[] {
  const issuePath = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      file: source.displayPath,
      line: source.lineOfKey(issuePath, key),
      field: fieldName([...issuePath, key]),
      message: 'is not a known setting; remove it or correct the spelling (config/schema/ lists every setting)',
    }));
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return [source.problem(issuePath, `is required but missing; add it (expected ${issue.expected})`)];
  }
  if (issue.code === 'invalid_type') {
    return [source.problem(issuePath, `must be ${article(issue.expected)}, not ${describeValue(issue.input)}`)];
  }
  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map((value) => JSON.stringify(value)).join(', ');
    return [source.problem(issuePath, `is ${describeValue(issue.input)}; use one of ${allowed}`)];
  }
  if (issue.code === 'invalid_union') {
    return [source.problem(issuePath, `is ${describeValue(issue.input)}, which is not an accepted value; see config/schema/`)];
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    return [
      source.problem(issuePath, issue.message.replace(/^Too (small|big): expected /, 'must have ').replace(/^Invalid input/, 'is invalid')),
    ];
  }
  return [source.problem(issuePath, issue.message)];
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Loads and validates the configuration in `dir`. Throws ConfigError listing every problem found,
 * across all files, when the configuration cannot be used.
 */
export function loadConfig(dir: string, options: LoadOptions = {}): LoadedConfig {
  const problems: ConfigProblem[] = [];
  const absoluteDir = path.resolve(dir);
  if (!fs.existsSync(absoluteDir) || !fs.statSync(absoluteDir).isDirectory()) {
    throw new ConfigError([
      {
        file: displayPath(absoluteDir),
        line: 1,
        field: '',
        message: 'is not a configuration directory; pass --config DIR or set LZ_CONFIG_DIR to a directory holding landing-zone.yaml',
      },
    ]);
  }
  const landingZone = parseYamlFile(path.join(absoluteDir, LANDING_ZONE_FILE), landingZoneSchema, problems);

  const accounts: ParsedFile<WorkloadAccountConfig>[] = [];
  const accountsDir = path.join(absoluteDir, ACCOUNTS_DIR);
  const pending = options.pendingAccountFiles ?? new Map<string, string>();
  const onDisk = fs.existsSync(accountsDir) ? fs.readdirSync(accountsDir) : [];
  const accountFiles = [...new Set([...onDisk, ...pending.keys()])].filter((name) => /\.ya?ml$/.test(name)).sort();
  for (const name of accountFiles) {
    const parsed = parseYamlFile(path.join(accountsDir, name), workloadAccountSchema, problems, pending.get(name));
    if (parsed === undefined) continue;
    accounts.push(parsed);
    const expected = name.replace(/\.ya?ml$/, '');
    if (parsed.value && parsed.value.name !== expected) {
      problems.push(
        parsed.source.problem(
          ['name'],
          `is "${parsed.value.name}" but the file is ${name}; name the file ${parsed.value.name}.yaml so that one file holds one account`,
        ),
      );
    }
  }

  // Account files removed from git history or from the work tree (a no-op outside a git work tree).
  problems.push(...accountHistoryProblems(absoluteDir, displayPath(accountsDir), ACCOUNTS_DIR));

  if (landingZone?.value) {
    // Cross-field rules run over every file that passed the schema, so that one run reports
    // schema mistakes in one file and, say, a duplicate email between two others.
    const loaded: LoadedConfig = {
      dir: absoluteDir,
      landingZone: landingZone.value,
      landingZoneSource: landingZone.source,
      accounts: accounts
        .filter((account): account is Required<ParsedFile<WorkloadAccountConfig>> => account.value !== undefined)
        .map((account) => ({ config: account.value, source: account.source }))
        .sort((a, b) => a.config.name.localeCompare(b.config.name)),
    };
    problems.push(...validateConfig(loaded));
    if (problems.length === 0) {
      return loaded;
    }
  }
  throw new ConfigError(problems);
}
