// Plan artifacts never carry a secret, and the deploy's gate compares resource changes, not bytes.
// The secret case is a real offline plan of the network stack by Terraform and AWS provider 5.100 in
// which the HSCN VPN is given literal pre-shared keys and a secret value sits in state beforehand.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { comparePlans, contentHash, REDACTED, redactPlan, resourceChanges } from '../../../tools/delivery/plan-evidence';
import { planWithState } from '../../helpers/plan-with-state';
import { synthConfig } from '../../helpers/synth';
import { runCli } from '../../helpers/cli';
import type { TerraformJson } from '../../../tools/synth/output';

const PSK_1 = 'tunnel1_Secret_Psk_4f7e1';
const PSK_2 = 'tunnel2_Secret_Psk_9a2c3';
const FIXTURES = path.resolve(__dirname, '../../fixtures/terraform-plans');

let vpnPlan: TerraformJson;

beforeAll(() => {
  const { stacks } = synthConfig();
  const network = structuredClone(stacks.get('network')!);
  const vpns = network.resource.aws_vpn_connection;
  const vpnName = Object.keys(vpns)[0];
  vpns[vpnName].tunnel1_preshared_key = PSK_1;
  vpns[vpnName].tunnel2_preshared_key = PSK_2;
  const edited = new Map(stacks);
  edited.set('network', network);
  vpnPlan = planWithState(edited, 'network', { prior: [] });
}, 300_000);

describe('redaction', () => {
  it('the real plan holds the pre-shared keys in clear text, marked only by after_sensitive (why redaction is needed)', () => {
    const text = JSON.stringify(vpnPlan);
    expect(text).toContain(PSK_1);
    const vpn = vpnPlan.resource_changes.find((change: TerraformJson) => change.type === 'aws_vpn_connection');
    expect(vpn.change.after_sensitive.tunnel1_preshared_key).toBe(true);
  });

  it('a redacted plan holds neither key anywhere, and keeps every non-sensitive value', () => {
    const redacted = redactPlan(vpnPlan);
    const text = JSON.stringify(redacted);
    expect(text).not.toContain(PSK_1);
    expect(text).not.toContain(PSK_2);
    const vpn = redacted.resource_changes.find((change: TerraformJson) => change.type === 'aws_vpn_connection');
    expect(vpn.change.after.tunnel1_preshared_key).toBe(REDACTED);
    expect(vpn.change.after.tunnel1_ike_versions).toEqual(['ikev2']);
    expect(redacted.resource_changes.length).toBe(vpnPlan.resource_changes.length);
  });

  it('redacts sensitive outputs and sensitive values in Terraform’s own sensitive-values fixture', () => {
    const plan = JSON.parse(fs.readFileSync(path.join(FIXTURES, '110_sensitive_values.json'), 'utf8'));
    const redacted = redactPlan(plan);
    expect(redacted.output_changes.foo.after).toBe(REDACTED);
    expect(redacted.planned_values.outputs.foo.value).toBe(REDACTED);
    expect(redacted.output_changes.list.after).toEqual(['foo', 'bar']);
  });

  it('lz redact-plan writes the redacted plan and prints its SHA-256', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-redact-'));
    const input = path.join(dir, 'network.json');
    fs.writeFileSync(input, JSON.stringify(vpnPlan));
    const result = await runCli(['redact-plan', input, '--out', input]);
    expect(result.code).toBe(0);
    const written = fs.readFileSync(input, 'utf8');
    expect(written).not.toContain(PSK_1);
    expect(result.stdout).toBe(`${contentHash(written)}  ${input}\n`);
    const notAPlan = path.join(dir, 'x.json');
    fs.writeFileSync(notAPlan, '{}');
    expect((await runCli(['redact-plan', notAPlan, '--out', path.join(dir, 'y.json')])).code).toBe(65);
  });
});

describe('comparing a fresh plan with the reviewed one', () => {
  it('the same plan, or its redacted copy, matches: byte differences (order, timestamps) do not matter', () => {
    expect(comparePlans(vpnPlan, vpnPlan)).toEqual([]);
    const reordered = {
      ...structuredClone(vpnPlan),
      timestamp: '2030-01-01T00:00:00Z',
      resource_changes: [...vpnPlan.resource_changes].reverse(),
    };
    expect(comparePlans(redactPlan(vpnPlan), reordered)).toEqual([]);
    expect(resourceChanges(vpnPlan).length).toBeGreaterThan(10);
  });

  it('names an extra resource, a dropped one, other actions and other planned values', () => {
    const current = structuredClone(vpnPlan);
    const changes: TerraformJson[] = current.resource_changes;
    const vpn = changes.find((change) => change.type === 'aws_vpn_connection')!;
    vpn.change.after.tags = { Name: 'someone-else' };
    const dropped = changes.findIndex((change) => change.type === 'aws_customer_gateway');
    const droppedAddress = changes[dropped].address;
    changes.splice(dropped, 1);
    const extra = structuredClone(vpn);
    extra.address = 'aws_vpn_connection.unreviewed';
    changes.push(extra);
    const firewall = changes.find((change) => change.type === 'aws_networkfirewall_firewall')!;
    firewall.change.actions = ['delete', 'create'];
    const differences = comparePlans(vpnPlan, current);
    expect(differences).toEqual(
      expect.arrayContaining([
        { address: vpn.address, difference: expect.stringMatching(/planned values differ at tags/), refuse: true },
        { address: droppedAddress, difference: 'reviewed to create, no longer planned (already applied?)', refuse: false },
        { address: 'aws_vpn_connection.unreviewed', difference: 'would create, which the reviewed plan did not show', refuse: true },
        { address: firewall.address, difference: 'actions create reviewed, delete+create now', refuse: true },
      ]),
    );
    expect(differences).toHaveLength(4);
  });

  it('a value the reviewed plan showed as known after apply admits the value the fresh plan knows', () => {
    const current = structuredClone(vpnPlan);
    const vpn = current.resource_changes.find((change: TerraformJson) => change.type === 'aws_vpn_connection');
    expect(vpn.change.after_unknown.transit_gateway_id).toBe(true);
    vpn.change.after.transit_gateway_id = 'tgw-0123456789abcdef0';
    vpn.change.after_unknown.transit_gateway_id = false;
    expect(comparePlans(vpnPlan, current)).toEqual([]);
    // ...but not the other way round: a value reviewed as known may not become something else.
    expect(
      comparePlans(current, {
        ...current,
        resource_changes: current.resource_changes.map((change: TerraformJson) =>
          change === vpn ? { ...vpn, change: { ...vpn.change, after: { ...vpn.change.after, transit_gateway_id: 'tgw-other' } } } : change,
        ),
      }),
    ).toEqual([{ address: vpn.address, difference: 'planned values differ at transit_gateway_id', refuse: true }]);
  });

  it('lz plan-compare exits 0 on a match and 5 naming the stack and the difference', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-compare-'));
    const reviewed = path.join(dir, 'reviewed.json');
    const current = path.join(dir, 'current.json');
    fs.writeFileSync(reviewed, JSON.stringify(redactPlan(vpnPlan)));
    fs.writeFileSync(current, JSON.stringify(vpnPlan));
    expect(await runCli(['plan-compare', '--reviewed', reviewed, '--current', current, '--stack', 'network'])).toEqual({
      code: 0,
      stdout: 'network: the plan matches the reviewed plan\n',
      stderr: '',
    });
    const edited = structuredClone(vpnPlan);
    edited.resource_changes.find((change: TerraformJson) => change.type === 'aws_vpn_connection').change.actions = ['delete', 'create'];
    fs.writeFileSync(current, JSON.stringify(edited));
    const refused = await runCli(['plan-compare', '--reviewed', reviewed, '--current', current, '--stack', 'network']);
    expect(refused.code).toBe(6);
    expect(refused.stdout).toMatch(
      /^network: the plan differs from the reviewed plan; not applying\n {2}aws_vpn_connection\.\S+: actions create reviewed, delete\+create now\n$/,
    );
    // A resumed deploy: the stack was partly applied, so some reviewed changes are no longer planned.
    const partly = structuredClone(vpnPlan);
    partly.resource_changes = partly.resource_changes.filter((change: TerraformJson) => change.type !== 'aws_customer_gateway');
    fs.writeFileSync(current, JSON.stringify(partly));
    const resumed = await runCli(['plan-compare', '--reviewed', reviewed, '--current', current, '--stack', 'network']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(
      /^network: the plan matches the reviewed plan \(1 reviewed change\(s\) no longer planned\)\n {2}aws_customer_gateway\.\S+: reviewed to create, no longer planned/,
    );
  });
});
