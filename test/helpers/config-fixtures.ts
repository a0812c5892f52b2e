// Configuration directories for tests and the benchmark: copies of the example, optionally edited
// or grown to many workload accounts with valid, non-overlapping CIDRs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cidr as parseCidr, formatCidr, rangeSize } from '../../lib/network/cidr';
import { EXAMPLE_CONFIG_DIR } from './synth';

/** A fresh copy of the example configuration in a temporary directory. */
export function copyExampleConfig(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-config-'));
  fs.cpSync(EXAMPLE_CONFIG_DIR, dir, { recursive: true });
  return dir;
}

/** Rewrites one file of a config directory with a text edit; fails loudly if the edit does nothing. */
export function editConfigFile(dir: string, relative: string, from: string | RegExp, to: string): void {
  const file = path.join(dir, relative);
  const before = fs.readFileSync(file, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`edit of ${relative} changed nothing (pattern ${String(from)})`);
  fs.writeFileSync(file, after);
}

/**
 * The example configuration with `count` workload accounts replacing the example's two: every
 * fifth one entitled to HSCN, alternating Production and NonProduction, /24 VPCs from the pool.
 */
export function generateConfig(count: number): string {
  const dir = copyExampleConfig();
  const accountsDir = path.join(dir, 'accounts');
  fs.rmSync(accountsDir, { recursive: true, force: true });
  fs.mkdirSync(accountsDir);
  const pool = parseCidr('100.64.0.0/12');
  for (let index = 0; index < count; index += 1) {
    const name = `workload-${String(index).padStart(4, '0')}`;
    const vpc = formatCidr(pool.first + BigInt(index) * rangeSize(24), 24);
    fs.writeFileSync(
      path.join(accountsDir, `${name}.yaml`),
      [
        `name: ${name}`,
        `email: aws-${name}@example.nhs.uk`,
        `ou: Workloads/${index % 2 === 0 ? 'Production' : 'NonProduction'}`,
        `owner: team-${index % 17}@example.nhs.uk`,
        `costCentre: CC-${1000 + index}`,
        `classification: ${index % 3 === 0 ? 'OFFICIAL' : 'OFFICIAL-SENSITIVE'}`,
        `hscn: ${index % 5 === 0}`,
        `cidr: ${vpc}`,
        'status: active',
        '',
      ].join('\n'),
    );
  }
  return dir;
}
