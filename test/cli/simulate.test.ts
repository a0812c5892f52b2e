// `lz simulate` end to end through the command-line entry point: the answers the issue asks for,
// and clear refusals (no stack trace, non-zero exit) for requests it cannot answer.
import { EXIT_USAGE } from '../../cli/main';
import { EXIT_DENIED } from '../../cli/commands/simulate';
import { type CliResult, runCli } from '../helpers/cli';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

function lz(...args: string[]): Promise<CliResult> {
  return runCli([...args, '--config', EXAMPLE_CONFIG_DIR]);
}

describe('lz simulate', () => {
  it('denies ec2:RunInstances in us-east-1 and names the Region guardrail', async () => {
    const result = await lz('simulate', '--account', 'clinical-portal-prod', '--action', 'ec2:RunInstances', '--region', 'us-east-1');
    expect(result.code).toBe(EXIT_DENIED);
    expect(result.stdout).toMatch(/^Denied: ec2:RunInstances in us-east-1/);
    expect(result.stdout).toContain(
      'decided by: SCP region-guardrail (exvalley-lz-region-guardrail), statement DenyOutsideAllowedRegions attached to root',
    );
  });

  it('allows iam:CreateRole (a global service, called in us-east-1)', async () => {
    const result = await lz('simulate', '--account', 'clinical-portal-prod', '--action', 'iam:CreateRole', '--region', 'us-east-1');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Allowed: iam:CreateRole in us-east-1/);
    expect(result.stdout).toContain('no guardrail denies this request');
  });

  it('denies cloudtrail:StopLogging by an administrator and names baseline protection', async () => {
    const result = await lz(
      'simulate',
      '--account',
      'security',
      '--action',
      'cloudtrail:StopLogging',
      '--region',
      'eu-west-2',
      '--principal',
      'arn:aws:sts::900000000001:assumed-role/Administrator/alice',
    );
    expect(result.code).toBe(EXIT_DENIED);
    expect(result.stdout).toContain(
      'decided by: SCP baseline-protection (exvalley-lz-baseline-protection), statement DenyAuditTampering attached to root',
    );
  });

  it('allows the execution role to do the same', async () => {
    const result = await lz(
      'simulate',
      '--account',
      'analytics-dev',
      '--action',
      'cloudtrail:StopLogging',
      '--region',
      'eu-west-2',
      '--principal',
      'arn:aws:iam::333333333333:role/lz-execution',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Allowed/);
  });

  it('takes request context: non-TLS access is refused by the data perimeter', async () => {
    const result = await lz(
      'simulate',
      '--account',
      'analytics-dev',
      '--action',
      's3:GetObject',
      '--region',
      'eu-west-2',
      '--resource',
      'arn:aws:s3:::pd-analytics/x.csv',
      '--context',
      'aws:SecureTransport=false',
    );
    expect(result.code).toBe(EXIT_DENIED);
    expect(result.stdout).toContain('RCP data-perimeter (exvalley-lz-data-perimeter), statement EnforceSecureTransport');
  });

  it('explains that SCPs do not apply to the management account', async () => {
    const result = await lz('simulate', '--account', 'management', '--action', 'ec2:RunInstances', '--region', 'us-east-1');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('SCPs: do not apply to this principal');
    expect(result.stdout).toContain('The management account is outside every SCP and RCP');
  });

  it('refuses an unknown account with the list of known ones, without a stack trace', async () => {
    const result = await lz('simulate', '--account', 'nope', '--action', 'ec2:RunInstances', '--region', 'eu-west-2');
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toBe(
      'lz: unknown account nope; known accounts: management, security, log-archive, network, analytics-dev, clinical-portal-prod, backup\n',
    );
    expect(result.stdout).toBe('');
  });

  it('refuses an unknown action and malformed context', async () => {
    const unknown = await lz('simulate', '--account', 'security', '--action', 'ec2:RunInstance', '--region', 'eu-west-2');
    expect(unknown.code).toBe(EXIT_USAGE);
    expect(unknown.stderr).toMatch(/^lz: unknown action ec2:RunInstance: service ec2 has no action "RunInstance"/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const context = await lz(
      'simulate',
      '--account',
      'security',
      '--action',
      'ec2:RunInstances',
      '--region',
      'eu-west-2',
      '--context',
      'SecureTransport',
    );
    expect(context.code).toBe(EXIT_USAGE);
    expect(context.stderr).toMatch(/--context SecureTransport must be key=value/);
  });

  it('refuses a Region that is not a Region code', async () => {
    const result = await lz('simulate', '--account', 'security', '--action', 'ec2:RunInstances', '--region', 'London');
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toBe('lz: --region London is not an AWS Region code such as eu-west-2 (use us-east-1 for global services)\n');
  });

  it('requires account, action and Region', async () => {
    const result = await lz('simulate', '--account', 'security', '--action', 'ec2:RunInstances');
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(/required option '--region <region>' not specified/);
  });
});
