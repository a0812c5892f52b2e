// `lz diagram` and `lz connection-summary`: generated from configuration, clear errors for bad input.
import { type CliResult, runCli } from '../helpers/cli';
import { MAX_ACCOUNT_NODES } from '../../tools/network/diagram';
import { copyExampleConfig, editConfigFile, generateConfig } from '../helpers/config-fixtures';

function lz(...args: string[]): Promise<CliResult> {
  return runCli(args);
}

describe('lz diagram', () => {
  it('draws every account, its VPC and attachment, marking entitlement and suspension', async () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'accounts/analytics-dev.yaml', 'status: active', 'status: suspended');
    const { code, stdout } = await lz('diagram', '--config', dir);
    expect(code).toBe(0);
    expect(stdout.startsWith('flowchart LR\n')).toBe(true);
    expect(stdout).toContain('clinical-portal-prod<br/>Workloads/Production<br/>VPC 100.64.0.0/21<br/>HSCN-entitled');
    expect(stdout).toContain('analytics-dev<br/>Workloads/NonProduction<br/>VPC 100.64.8.0/22<br/>SUSPENDED, isolated');
    expect(stdout).toContain('vpc_clinical_portal_prod -- "attachment (spokes table)" --> tgw');
    expect(stdout).not.toContain('vpc_analytics_dev -- "attachment');
    expect(stdout).toContain('advertises 203.0.113.0/27 only');
  });

  it('stays readable at 200 accounts: one node per OU and entitlement, every account counted', async () => {
    const dir = generateConfig(200);
    const { code, stdout } = await lz('diagram', '--config', dir);
    expect(code).toBe(0);
    const nodes = stdout.split('\n').filter((line) => /^ {4}\w+\["/.test(line) && line.includes('account'));
    expect(nodes.length).toBeGreaterThan(1);
    expect(nodes.length).toBeLessThanOrEqual(MAX_ACCOUNT_NODES);
    const counted = nodes.map((line) => Number(/: (\d+) accounts?<br\/>/.exec(line)![1])).reduce((a, b) => a + b, 0);
    expect(counted).toBe(200);
    expect(stdout).toContain('Workloads OU: 200 accounts, grouped by OU and entitlement');
    expect(stdout.split('\n').length).toBeLessThan(60);
  });

  it('reports an invalid configuration without a stack trace', async () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', 'directConnectGatewayAsn: 64513', 'directConnectGatewayAsn: 64512');
    const { code, stdout, stderr } = await lz('diagram', '--config', dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/landing-zone\.yaml:\d+: network\.directConnectGatewayAsn/);
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('lz connection-summary', () => {
  it('summarises allocation, prefixes, DNS, entitlement and the traced matrix', async () => {
    const { code, stdout } = await lz('connection-summary', '--config', copyExampleConfig());
    expect(code).toBe(0);
    expect(stdout).toContain('Advertised to HSCN: `203.0.113.0/27` only');
    expect(stdout).toContain('| `nhs.uk` | `155.231.231.1`, `155.231.231.2` (TCP and UDP 53)');
    expect(stdout).toContain('| clinical-portal-prod | Workloads/Production | `100.64.0.0/21` |');
    expect(stdout).not.toMatch(/\| analytics-dev \| Workloads/);
    expect(stdout).toMatch(/\| analytics-dev \(not entitled\) \| HSCN 10\.239\.0\.0\/16 tcp\/443 \| denied \|/);
    expect(stdout).toMatch(
      /\| clinical-portal-prod \(HSCN-entitled\) \| HSCN 10\.239\.0\.0\/16 tcp\/443 \| allowed \| TGW spokes-hscn → firewall \(sid \d+\) → private NAT → TGW gateway → HSCN/,
    );
  });

  it('says so when no HSCN connection is configured, and can leave out the matrix', async () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', /\n {2}hscn:\n[\s\S]*?(?=\n\S)/, '');
    editConfigFile(dir, 'accounts/clinical-portal-prod.yaml', 'hscn: true', 'hscn: false');
    const { code, stdout } = await lz('connection-summary', '--config', dir, '--no-matrix');
    expect(code).toBe(0);
    expect(stdout).toContain('No HSCN connection is configured');
    expect(stdout).not.toContain('Who can reach what');
  });
});
