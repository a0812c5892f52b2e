// The drift issue names the stacks and resources that differ from main, and stays quiet otherwise.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { driftOf, renderDriftReport } from '../../../tools/delivery/drift';
import { runCli } from '../../helpers/cli';

const plan = (changes: { address: string; actions: string[] }[], drift: { address: string; actions: string[] }[] = []) => ({
  format_version: '1.2',
  resource_changes: changes.map(({ address, actions }) => ({ address, change: { actions } })),
  resource_drift: drift.map(({ address, actions }) => ({ address, change: { actions } })),
});

describe('drift report', () => {
  it('lists drifted resources and the changes the next apply would make, per stack', () => {
    const network = driftOf(
      'network',
      plan(
        [
          { address: 'aws_ec2_transit_gateway_route.hscn', actions: ['update'] },
          { address: 'aws_vpc.hub', actions: ['no-op'] },
        ],
        [{ address: 'aws_ec2_transit_gateway_route.hscn', actions: ['update'] }],
      ),
    );
    const clean = driftOf('security', plan([{ address: 'data.aws_caller_identity.x', actions: ['read'] }]));
    const report = renderDriftReport([network, clean], [], 'https://example.invalid/run/1') as string;
    expect(report).toContain('1 stack(s) with changes, 0 stack(s) could not be planned');
    expect(report).toContain('### network');
    expect(report).toContain('- changed outside Terraform: `aws_ec2_transit_gateway_route.hscn` (update)');
    expect(report).toContain('- the next apply would update `aws_ec2_transit_gateway_route.hscn`');
    expect(report).not.toContain('aws_vpc.hub');
    expect(report).not.toContain('### security');
  });

  it('is quiet when nothing drifted and nothing failed; a failed plan is reported', () => {
    expect(renderDriftReport([driftOf('network', plan([]))], [])).toBeUndefined();
    expect(renderDriftReport([], [{ stack: 'network', reason: 'Error: AccessDenied' }])).toContain('- network: Error: AccessDenied');
  });

  it('lz drift-report writes no file when nothing drifted, and the issue text when something did', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-drift-'));
    fs.writeFileSync(path.join(dir, 'network.json'), JSON.stringify(plan([])));
    const out = path.join(dir, 'drift.md');
    expect(await runCli(['drift-report', path.join(dir, 'network.json'), '--out', out])).toEqual({
      code: 0,
      stdout: 'no drift in 1 stack(s)\n',
      stderr: '',
    });
    expect(fs.existsSync(out)).toBe(false);
    fs.writeFileSync(path.join(dir, 'network.json'), JSON.stringify(plan([{ address: 'aws_vpc.hub', actions: ['delete', 'create'] }])));
    const drifted = await runCli(['drift-report', path.join(dir, 'network.json'), '--out', out]);
    expect(drifted.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('- the next apply would delete and create `aws_vpc.hub`');
  });
});
