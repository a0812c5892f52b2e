// A workload stack holds one provider for another account: the network account's execution role,
// through which an HSCN-entitled account adds itself to the resolver-rule share (ADR 0508). A workload
// PR is reviewed by the workload's owners, yet it applies with that role in the hub's account, so
// the provider must carry exactly that one association and nothing else. This file states the rule as
// one check over the synthesized JSON, runs it on every workload stack of the example, and shows it
// fails for each way a workload stack could reach further into the network account (negative controls).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthConfig, type TerraformJson } from '../helpers/synth';

const NETWORK_ALIAS = 'network';
/** The network account's ID, as the organization stack outputs it. */
const NETWORK_ACCOUNT =
  /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-organization\.outputs\.cross-stack-output-aws_organizations_accountaccount-networkid\}$/;
/** The HSCN resolver-rule share, as the network stack outputs it. */
const RESOLVER_RULE_SHARE =
  /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-network\.outputs\.cross-stack-output-aws_ram_resource_sharehscn-dns_share_\w+arn\}$/;
const ALLOWED_TYPE = 'aws_ram_principal_association';

/** Everything in a workload stack that reaches an account other than its own; empty when it keeps to the rule. */
function networkAccountFootprint(stack: TerraformJson, executionRole: string): string[] {
  const problems: string[] = [];
  const providers: TerraformJson[] = stack.provider?.aws ?? [];
  const own = providers.find((provider) => provider.alias === undefined)?.allowed_account_ids?.[0];
  for (const type of Object.keys(stack.provider ?? {})) if (type !== 'aws') problems.push(`provider type ${type}`);
  const foreign = providers.filter((provider) => JSON.stringify(provider.allowed_account_ids) !== JSON.stringify([own]));
  for (const provider of foreign) {
    if (provider.alias !== NETWORK_ALIAS) problems.push(`provider ${provider.alias ?? '(default)'} for another account`);
    else if (!NETWORK_ACCOUNT.test(provider.allowed_account_ids?.[0] ?? '') || provider.allowed_account_ids.length !== 1)
      problems.push(`provider ${NETWORK_ALIAS} is not pinned to the network account`);
    else if (provider.assume_role?.[0]?.role_arn !== `arn:aws:iam::${provider.allowed_account_ids[0]}:role/${executionRole}`)
      problems.push(`provider ${NETWORK_ALIAS} does not assume the network account's execution role`);
  }
  const foreignAliases = new Set(foreign.map((provider) => `aws.${provider.alias}`));
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries<Record<string, TerraformJson>>(stack[kind] ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        if (!foreignAliases.has(body.provider)) continue;
        const address = `${kind === 'data' ? 'data.' : ''}${type}.${name}`;
        if (kind === 'data' || type !== ALLOWED_TYPE) {
          problems.push(`${address} in the network account`);
          continue;
        }
        if (body.principal !== own) problems.push(`${address} shares with ${body.principal}, not this account`);
        if (!RESOLVER_RULE_SHARE.test(body.resource_share_arn ?? ''))
          problems.push(`${address} joins ${body.resource_share_arn}, not the resolver-rule share`);
      }
    }
  }
  const associations = Object.values<TerraformJson>(stack.resource?.[ALLOWED_TYPE] ?? {}).filter((body) =>
    foreignAliases.has(body.provider),
  );
  if (associations.length > 1) problems.push(`${associations.length} share associations in the network account`);
  return problems;
}

describe('a workload stack reaches into the network account for the resolver-rule share alone', () => {
  const stacks = synthConfig().stacks;
  const workloads = [...stacks.entries()].filter(([name]) => name.startsWith('workload-'));
  const entitled = stacks.get('workload-clinical-portal-prod')!;
  const copy = (): TerraformJson => JSON.parse(JSON.stringify(entitled));
  const sharing = () => Object.values<TerraformJson>(entitled.resource[ALLOWED_TYPE])[0];

  it.each(workloads.map(([name, stack]) => [name, stack]))('%s keeps to the rule', (_name, stack) => {
    expect(networkAccountFootprint(stack, 'lz-execution')).toEqual([]);
  });

  it('the example exercises the rule: its HSCN-entitled stack holds the network provider and the one association', () => {
    expect(entitled.provider.aws.some((provider: TerraformJson) => provider.alias === NETWORK_ALIAS)).toBe(true);
    expect(sharing().provider).toBe(`aws.${NETWORK_ALIAS}`);
  });

  // Negative controls: each edit a workload PR could make is caught.
  it('catches any other resource on the network provider (a VPC route, a Transit Gateway route)', () => {
    const stack = copy();
    stack.resource.aws_route = {
      ...(stack.resource.aws_route ?? {}),
      'hub-route': { provider: 'aws.network', destination_cidr_block: '0.0.0.0/0' },
    };
    stack.resource.aws_ec2_transit_gateway_route = { 'into-gateway': { provider: 'aws.network', destination_cidr_block: '100.64.0.0/24' } };
    expect(networkAccountFootprint(stack, 'lz-execution')).toEqual([
      'aws_route.hub-route in the network account',
      'aws_ec2_transit_gateway_route.into-gateway in the network account',
    ]);
  });

  it('catches a data source read through the network provider', () => {
    const stack = copy();
    stack.data.aws_ram_resource_share = { peek: { provider: 'aws.network', name: 'x' } };
    expect(networkAccountFootprint(stack, 'lz-execution')).toEqual(['data.aws_ram_resource_share.peek in the network account']);
  });

  it('catches the association used to share with another account, or to join another share (the Transit Gateway share)', () => {
    const stack = copy();
    const [name] = Object.keys(stack.resource[ALLOWED_TYPE]);
    stack.resource[ALLOWED_TYPE][name].principal = '444455556666';
    stack.resource[ALLOWED_TYPE][name].resource_share_arn =
      '${data.terraform_remote_state.cross-stack-reference-input-network.outputs.cross-stack-output-aws_ram_resource_sharetransit-gateway_share_ABCDarn}';
    const problems = networkAccountFootprint(stack, 'lz-execution');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/shares with 444455556666, not this account/);
    expect(problems[1]).toMatch(/not the resolver-rule share/);
  });

  it('catches a second association, a second foreign provider, a provider on another role and a provider of another type', () => {
    const stack = copy();
    const [name] = Object.keys(stack.resource[ALLOWED_TYPE]);
    stack.resource[ALLOWED_TYPE].again = { ...stack.resource[ALLOWED_TYPE][name] };
    const network = stack.provider.aws.find((provider: TerraformJson) => provider.alias === NETWORK_ALIAS);
    stack.provider.aws.push({ ...network, alias: 'security', allowed_account_ids: ['222222222222'] });
    network.assume_role = [{ role_arn: network.assume_role[0].role_arn.replace(/lz-execution$/, 'OrganizationAccountAccessRole') }];
    stack.provider.null = [{}];
    expect(networkAccountFootprint(stack, 'lz-execution').sort()).toEqual(
      [
        'provider type null',
        'provider security for another account',
        "provider network does not assume the network account's execution role",
        '2 share associations in the network account',
      ].sort(),
    );
  });

  it("in the source, only the workload stack asks for another account's provider, once, for the network account", () => {
    const root = path.resolve(__dirname, '../..');
    const calls: string[] = [];
    for (const folder of ['stacks', 'modules']) {
      for (const file of fs.readdirSync(path.join(root, folder), { recursive: true }) as string[]) {
        if (!file.endsWith('.ts')) continue;
        const text = fs.readFileSync(path.join(root, folder, file), 'utf8');
        for (const match of text.matchAll(/memberAccountProvider\(\s*'([\w-]+)'/g)) calls.push(`${folder}/${file}: ${match[1]}`);
      }
    }
    expect(calls).toEqual(['stacks/workload-stack.ts: network']);
  });

  it('the files that give a workload stack its providers and spoke are routed to network review (CODEOWNERS)', () => {
    const owners = fs.readFileSync(path.resolve(__dirname, '../../.github/CODEOWNERS'), 'utf8');
    const rule = (pattern: string): string => owners.split('\n').find((line) => line.startsWith(`${pattern} `)) ?? '';
    for (const file of [
      '/stacks/workload-stack.ts',
      '/modules/workload-spoke.ts',
      '/stacks/landing-zone-stack.ts',
      '/stacks/member-account-stack.ts',
    ])
      expect({ file, rule: rule(file) }).toEqual({ file, rule: expect.stringContaining('network-reviewers') });
  });
});
