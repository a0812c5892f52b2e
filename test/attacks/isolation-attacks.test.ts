// The adversarial suite (issue 12): every attempt of a hostile workload administrator in
// tools/simulation/attack-cases/ is denied, by the statement the threat model names, in a
// Production and a NonProduction workload account through their real OU chains; every piece of
// normal work in the same file is allowed. Same engine as `lz simulate`.
import { loadConfig } from '../../lib/config/load';
import type { WorkloadAccountConfig } from '../../lib/config/schema';
import { declarativeCatalogue, declarativePoliciesAttachedTo } from '../../policies/catalogue';
import { effectiveEc2Attributes } from '../../policies/ec2-declarative';
import {
  ATTACK_CASES,
  type AttackCase,
  type AttackRequest,
  DECLARATIVE_ATTACK_CASES,
  MUST_ALLOW_CASES,
  type MustAllowCase,
} from '../../tools/simulation/attack-cases';
import { buildGuardrailModel, findAccount, ouChain, simulateRequest, type SimulationRequest } from '../../tools/simulation/simulate';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
const config = loaded.landingZone;
// The example has no Sandbox account; this one is the attacker for rows with from: 'sandbox'.
const SANDBOX = 'sandbox-probe';
const sandboxAccount: WorkloadAccountConfig = {
  ...loaded.accounts[0].config,
  name: SANDBOX,
  email: 'aws-sandbox-probe@example.nhs.uk',
  ou: 'Sandbox',
  hscn: false,
  cidr: '100.64.250.0/24',
};
const model = buildGuardrailModel(config, [...loaded.accounts.map((account) => account.config), sandboxAccount]);
const OUTSIDE_ACCOUNT = '444455556666';

// One workload account in each working OU: the attacks must hold through both chains.
const WORKLOAD_ACCOUNTS = ['clinical-portal-prod', 'analytics-dev'];
const SECURITY = config.coreAccounts.security.name;
const NETWORK = config.coreAccounts.network.name;
/** The account an attack is made from: the workload account under test, or the Sandbox account. */
const attackerAccount = (attack: AttackCase, workload: string) => (attack.from === 'sandbox' ? SANDBOX : workload);
const idOf = (name: string) => findAccount(model, name).accountId;
/** The IAM Identity Center AdministratorAccess role: the attacker (not the execution or break-glass role). */
const ssoAdmin = (account: string) =>
  `arn:aws:iam::${idOf(account)}:role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_AdministratorAccess_0123456789abcdef`;

function fill(text: string, account: string): string {
  return text.replace(/\{account\}/g, idOf(account)).replace(/\{outside\}/g, OUTSIDE_ACCOUNT);
}
function requestFor(account: string, request: AttackRequest, principal: string): SimulationRequest {
  const context = request.context
    ? Object.fromEntries(
        Object.entries(request.context).map(([key, value]) => [
          key,
          typeof value === 'string' ? fill(value, account) : value.map((item) => fill(item, account)),
        ]),
      )
    : undefined;
  return {
    account,
    principal,
    action: request.action,
    region: request.region ?? 'eu-west-2',
    resource: request.resource ? fill(request.resource, account) : undefined,
    context,
    // A resource of another organization (or of none) is governed by its owner's RCPs, not ours.
    resourceOutsideOrganization: request.context?.['aws:ResourceOrgID'] !== undefined,
  };
}

describe('adversarial suite: the attack data', () => {
  it('holds at least 250 attack requests and 30 must-allow cases, each naming its promise', () => {
    expect(ATTACK_CASES.length + DECLARATIVE_ATTACK_CASES.length).toBeGreaterThanOrEqual(250);
    expect(MUST_ALLOW_CASES.length).toBeGreaterThanOrEqual(30);
    const promises = new Set([...ATTACK_CASES, ...DECLARATIVE_ATTACK_CASES].map((attack) => attack.promise));
    expect([...promises].sort()).toEqual([
      'data-residency',
      'detection-cannot-be-suppressed',
      'encrypted-at-rest',
      'hscn-entitlement',
      'inside-organization',
      'internet-only-via-gateway',
      'logging-cannot-be-disabled',
    ]);
  });

  it('covers every path of issue 12 that has an API part', () => {
    const paths = new Set([...ATTACK_CASES, ...DECLARATIVE_ATTACK_CASES].map((attack) => attack.path));
    // Path 9's API part is the workload's own VPC endpoints (ADR 0625); its egress SNI and domains are
    // packet-level, covered by the reachability probes.
    expect([...paths].sort()).toEqual(['1', '10', '11', '2', '3', '4', '5', '6', '7', '8', '9', 'medium']);
  });

  it('never repeats the same request', () => {
    const keys = ATTACK_CASES.map((attack) => JSON.stringify(attack.request));
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });
});

describe.each(WORKLOAD_ACCOUNTS)('adversarial suite: attacks from %s', (account) => {
  it('is a workload account under the Workloads OU (the real chain is exercised)', () => {
    expect(findAccount(model, account).ouPath).toMatch(/^Workloads\//);
  });

  it('denies every attack, each by the statement the threat model names', async () => {
    const wrong: string[] = [];
    for (const attack of ATTACK_CASES) {
      const from = attackerAccount(attack, account);
      const outcome = await simulateRequest(model, requestFor(from, attack.request, ssoAdmin(from)));
      const decidedBy = [outcome.deciding?.policy, outcome.deciding?.statement];
      if (outcome.decision !== 'Denied' || decidedBy[0] !== attack.deniedBy[0] || decidedBy[1] !== attack.deniedBy[1]) {
        wrong.push(
          `${attack.promise} (path ${attack.path}) ${attack.attempt}: ${outcome.decision} by ${decidedBy.join('/')}, expected ${attack.deniedBy.join('/')}`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('denies the same attacks from an assumed-role session of the administrator role', async () => {
    const wrong: string[] = [];
    const session = `arn:aws:sts::${idOf(account)}:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.nhs.uk`;
    for (const attack of ATTACK_CASES.filter((candidate, index) => index % 5 === 0 && candidate.from !== 'sandbox')) {
      const outcome = await simulateRequest(model, requestFor(account, attack.request, session));
      if (outcome.decision !== 'Denied') wrong.push(`${attack.attempt}: ${outcome.decision}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets the execution role do every one of them (deployments are never blocked by isolation)', async () => {
    const blocked: string[] = [];
    for (const attack of ATTACK_CASES) {
      const from = attackerAccount(attack, account);
      const outcome = await simulateRequest(
        model,
        requestFor(from, attack.request, `arn:aws:iam::${idOf(from)}:role/${config.roles.execution}`),
      );
      if (outcome.decision !== 'Allowed') blocked.push(`${attack.attempt}: ${outcome.deciding?.policy}/${outcome.deciding?.statement}`);
    }
    expect(blocked).toEqual([]);
  });

  it('fixes every EC2 attribute a declarative attack would need to change', () => {
    const chain = ouChain(findAccount(model, account).ouPath as string).flatMap((level) =>
      declarativePoliciesAttachedTo(declarativeCatalogue(config), level),
    );
    const effective = effectiveEc2Attributes(chain.map((policy) => policy.content));
    const open = DECLARATIVE_ATTACK_CASES.filter((attack: (typeof DECLARATIVE_ATTACK_CASES)[number]) => {
      const [policy, attribute, value] = attack.enforcedBy;
      return !chain.some((candidate) => candidate.key === policy) || effective[attribute] !== value;
    }).map((attack) => attack.attempt);
    expect(open).toEqual([]);
  });
});

describe('adversarial suite: normal work stays possible', () => {
  function principalFor(work: MustAllowCase, account: string): string {
    if (work.principal) return fill(work.principal, account);
    if (work.actor === 'aws-service') return work.servicePrincipal as string;
    if (work.actor === 'network-execution-role') return `arn:aws:iam::${idOf(NETWORK)}:role/${config.roles.execution}`;
    return ssoAdmin(account);
  }
  const actingAccount = (work: MustAllowCase, workload: string) =>
    work.actor === 'security-admin' ? SECURITY : work.actor === 'network-execution-role' ? NETWORK : workload;

  it.each(WORKLOAD_ACCOUNTS)('allows every must-allow case in %s', async (workload) => {
    const blocked: string[] = [];
    for (const work of MUST_ALLOW_CASES) {
      const account = actingAccount(work, workload);
      const outcome = await simulateRequest(model, requestFor(account, work.request, principalFor(work, account)));
      if (outcome.decision !== 'Allowed') blocked.push(`${work.work}: ${outcome.deciding?.policy}/${outcome.deciding?.statement}`);
    }
    expect(blocked).toEqual([]);
  });

  it("the network account's Transit Gateway shares pass only by the execution role: its administrator is denied", async () => {
    const shares = MUST_ALLOW_CASES.filter(
      (candidate) =>
        candidate.actor === 'network-execution-role' && candidate.request.context?.['ram:RequestedResourceType'] === 'ec2:TransitGateway',
    );
    expect(shares.length).toBeGreaterThan(0);
    for (const work of shares) {
      const outcome = await simulateRequest(model, requestFor(NETWORK, work.request, ssoAdmin(NETWORK)));
      expect([outcome.decision, outcome.deciding?.statement]).toEqual(['Denied', 'DenyNetworkResourceShares']);
    }
  });

  it('the Sandbox attacks come from an account in the Sandbox OU, outside every Workloads policy', () => {
    expect(ATTACK_CASES.some((attack) => attack.from === 'sandbox')).toBe(true);
    expect(findAccount(model, SANDBOX).ouPath).toBe('Sandbox');
  });

  it('the security-account triage cases really are suppression actions denied in a workload account', async () => {
    for (const work of MUST_ALLOW_CASES.filter((candidate) => candidate.actor === 'security-admin')) {
      const outcome = await simulateRequest(model, requestFor(WORKLOAD_ACCOUNTS[0], work.request, ssoAdmin(WORKLOAD_ACCOUNTS[0])));
      expect(outcome.decision).toBe('Denied');
    }
  });
});

describe('adversarial suite: declarative policies through the OU chains', () => {
  const catalogue = declarativeCatalogue(config);
  const effectiveFor = (name: string) => {
    const account = findAccount(model, name);
    const chain = ouChain(account.ouPath as string).flatMap((level) => declarativePoliciesAttachedTo(catalogue, level));
    return effectiveEc2Attributes(chain.map((policy) => policy.content));
  };

  it('blocks internet gateways both ways in the workload, Sandbox, security and log-archive accounts', () => {
    // Sandbox included: ADR 0601 keeps sandboxes without direct internet.
    for (const name of [...WORKLOAD_ACCOUNTS, SANDBOX, SECURITY, config.coreAccounts.logArchive.name]) {
      expect(effectiveFor(name)['vpc_block_public_access.internet_gateway_block.mode']).toBe('block_bidirectional');
      expect(effectiveFor(name)['vpc_block_public_access.internet_gateway_block.exclusions_allowed']).toBe('disabled');
    }
  });

  it('leaves VPC Block Public Access off the network account (the inspected edge) and nowhere else', () => {
    const network = config.coreAccounts.network.name;
    expect(effectiveFor(network)['vpc_block_public_access.internet_gateway_block.mode']).toBeUndefined();
    expect(effectiveFor(network)['snapshot_block_public_access.state']).toBe('block_all_sharing');
  });
});

// A check on the checker: a policy that leaves a path open is caught.
describe('adversarial suite: the suite fails when a path reopens', () => {
  it('reports an attack as allowed when its statement is missing', async () => {
    const withoutEndpointControl = {
      ...model,
      catalogue: model.catalogue.map((policy) =>
        policy.key === 'workload-network'
          ? {
              ...policy,
              document: {
                ...policy.document,
                Statement: policy.document.Statement.filter((statement) => statement.Sid !== 'DenyOwnVpcEndpoints'),
              },
            }
          : policy,
      ),
    };
    const attack = ATTACK_CASES.find((candidate) => candidate.deniedBy[1] === 'DenyOwnVpcEndpoints') as AttackCase;
    const account = WORKLOAD_ACCOUNTS[0];
    expect((await simulateRequest(withoutEndpointControl, requestFor(account, attack.request, ssoAdmin(account)))).decision).toBe(
      'Allowed',
    );
    expect((await simulateRequest(model, requestFor(account, attack.request, ssoAdmin(account)))).decision).toBe('Denied');
  });
});
