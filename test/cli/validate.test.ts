// `lz validate`: the same checks and messages as synth, with --config or LZ_CONFIG_DIR.
import { runCli } from '../helpers/cli';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

describe('lz validate', () => {
  afterEach(() => {
    process.exitCode = undefined;
    delete process.env.LZ_CONFIG_DIR;
  });

  it('accepts the example configuration', async () => {
    const { code, stdout } = await runCli(['validate', '--config', EXAMPLE_CONFIG_DIR]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/is valid: 2 workload account/);
  });

  it('reports every problem with file:line: field and exits 2', async () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'accounts/analytics-dev.yaml', 'aws-analytics-dev@', 'aws-clinical-portal-prod@');
    editConfigFile(dir, 'landing-zone.yaml', 'directConnectGatewayAsn: 64513', 'directConnectGatewayAsn: 64512');
    const { code, stderr } = await runCli(['validate', '--config', dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/accounts\/clinical-portal-prod\.yaml:3: email: account email/);
    expect(stderr).toMatch(/landing-zone\.yaml:\d+: network\.directConnectGatewayAsn: equals transitGatewayAsn/);
    expect(stderr).toMatch(/2 problems/);
  });

  it('uses LZ_CONFIG_DIR when no --config is given', async () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'accounts/analytics-dev.yaml', 'OFFICIAL', 'TOP-SECRET');
    process.env.LZ_CONFIG_DIR = dir;
    const { code, stderr } = await runCli(['validate']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/analytics-dev\.yaml:\d+: classification:/);
  });

  it('rejects an unknown option with a usage error, not a stack trace', async () => {
    const { code, stderr } = await runCli(['validate', '--bogus']);
    expect(code).toBe(64);
    expect(stderr).toMatch(/unknown option '--bogus'/);
  });
});
