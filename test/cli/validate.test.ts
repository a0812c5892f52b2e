// `lz validate`: the same checks and messages as synth, with --config or LZ_CONFIG_DIR.
import { run } from '../../lib/cli/main';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

function capture(): { out: string[]; err: string[]; restore: () => void } {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err.push(String(chunk));
    return true;
  });
  return { out, err, restore: () => (stdout.mockRestore(), stderr.mockRestore()) };
}

describe('lz validate', () => {
  afterEach(() => {
    process.exitCode = undefined;
    delete process.env.LZ_CONFIG_DIR;
  });

  it('accepts the example configuration', async () => {
    const io = capture();
    const code = await run(['node', 'lz', 'validate', '--config', EXAMPLE_CONFIG_DIR]);
    io.restore();
    expect(code).toBe(0);
    expect(io.out.join('')).toMatch(/is valid: 2 workload account/);
  });

  it('reports every problem with file:line: field and exits 2', async () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'accounts/analytics-dev.yaml', 'aws-analytics-dev@', 'aws-clinical-portal-prod@');
    editConfigFile(dir, 'landing-zone.yaml', 'directConnectGatewayAsn: 64513', 'directConnectGatewayAsn: 64512');
    const io = capture();
    const code = await run(['node', 'lz', 'validate', '--config', dir]);
    io.restore();
    expect(code).toBe(2);
    const text = io.err.join('');
    expect(text).toMatch(/accounts\/clinical-portal-prod\.yaml:3: email: account email/);
    expect(text).toMatch(/landing-zone\.yaml:\d+: network\.directConnectGatewayAsn: equals transitGatewayAsn/);
    expect(text).toMatch(/2 problems/);
  });

  it('uses LZ_CONFIG_DIR when no --config is given', async () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'accounts/analytics-dev.yaml', 'OFFICIAL', 'TOP-SECRET');
    process.env.LZ_CONFIG_DIR = dir;
    const io = capture();
    const code = await run(['node', 'lz', 'validate']);
    io.restore();
    expect(code).toBe(2);
    expect(io.err.join('')).toMatch(/analytics-dev\.yaml:\d+: classification:/);
  });

  it('rejects an unknown option with a usage error, not a stack trace', async () => {
    const io = capture();
    const code = await run(['node', 'lz', 'validate', '--bogus']);
    io.restore();
    expect(code).toBe(64);
    expect(io.err.join('')).toMatch(/unknown option '--bogus'/);
  });
});
