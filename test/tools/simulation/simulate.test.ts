// The simulation engine itself: how it builds the OU chain, parses principals, decides who SCPs
// and RCPs bind, and how it refuses requests it cannot answer.
import { TIER_TAGGED_REQUEST_CONTEXT } from '../../../lib/backup-tier-tag';
import { loadConfig } from '../../../lib/config/load';
import type { WorkloadAccountConfig } from '../../../lib/config/schema';
import {
  buildGuardrailModel,
  findAccount,
  parsePrincipal,
  SimulationInputError,
  simulateRequest,
} from '../../../tools/simulation/simulate';
import { EXAMPLE_CONFIG_DIR } from '../../helpers/synth';

const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
const config = loaded.landingZone;
const accounts = loaded.accounts.map((account) => account.config);
const model = buildGuardrailModel(config, accounts);

describe('guardrail model', () => {
  it('knows every account with its OU, using configured IDs and stand-ins for accounts not yet created', () => {
    expect(findAccount(model, 'management')).toEqual({
      name: 'management',
      kind: 'management',
      accountId: '111111111111',
      placeholderId: false,
    });
    expect(findAccount(model, 'analytics-dev')).toMatchObject({
      kind: 'workload',
      ouPath: 'Workloads/NonProduction',
      accountId: '333333333333',
      placeholderId: false,
    });
    expect(findAccount(model, 'clinical-portal-prod')).toMatchObject({
      kind: 'workload',
      ouPath: 'Workloads/Production',
      placeholderId: true,
    });
    expect(findAccount(model, 'network')).toMatchObject({ kind: 'core', ouPath: 'Infrastructure' });
    const ids = model.accounts.map((account) => account.accountId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts suspended accounts in the Suspended OU', () => {
    const suspended: WorkloadAccountConfig = { ...accounts[0], status: 'suspended' };
    expect(findAccount(buildGuardrailModel(config, [suspended]), suspended.name).ouPath).toBe('Suspended');
  });

  it('rejects an unknown account, listing the known ones', () => {
    expect(() => findAccount(model, 'no-such-account')).toThrow(SimulationInputError);
    expect(() => findAccount(model, 'no-such-account')).toThrow(
      /unknown account no-such-account; known accounts: management, security, log-archive, network, analytics-dev, clinical-portal-prod/,
    );
  });
});

describe('principal parsing', () => {
  it('reads roles, sessions, roots, users, federation providers, service principals and service-linked roles', () => {
    expect(parsePrincipal('arn:aws:sts::222222222222:assumed-role/Admin/alice')).toEqual({
      kind: 'role',
      caller: 'arn:aws:sts::222222222222:assumed-role/Admin/alice',
      principalArn: 'arn:aws:iam::222222222222:role/Admin',
      accountId: '222222222222',
    });
    expect(parsePrincipal('arn:aws:iam::222222222222:root').kind).toBe('root');
    expect(parsePrincipal('arn:aws:iam::222222222222:user/legacy').kind).toBe('user');
    expect(parsePrincipal('arn:aws:iam::222222222222:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig').kind).toBe(
      'service-linked-role',
    );
    expect(parsePrincipal('arn:aws:iam::222222222222:saml-provider/IdP').kind).toBe('saml-federated');
    expect(parsePrincipal('arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com').kind).toBe(
      'web-identity-federated',
    );
    expect(parsePrincipal('cloudtrail.amazonaws.com')).toEqual({ kind: 'service', caller: 'cloudtrail.amazonaws.com' });
  });

  it('rejects anything else with a message saying what is accepted', () => {
    expect(() => parsePrincipal('alice')).toThrow(/give a role, assumed-role, user, root, SAML or OIDC provider ARN/);
    expect(() => parsePrincipal('arn:aws:sts::222222222222:federated-user/bob')).toThrow(SimulationInputError);
  });
});

describe('simulateRequest', () => {
  it('evaluates a nested OU through root, each OU level and the account, with the AWS default policies', async () => {
    // An instance launched with its backup tier tag (ADR 0907), so that every level allows it.
    const outcome = await simulateRequest(model, {
      account: 'analytics-dev',
      action: 'ec2:RunInstances',
      region: 'eu-west-2',
      context: { ...TIER_TAGGED_REQUEST_CONTEXT },
    });
    expect(outcome.decision).toBe('Allowed');
    expect(outcome.chain).toEqual([
      'SCP root: FullAWSAccess, region-guardrail, baseline-protection, backup-protection, estate-integrity',
      'SCP OU Workloads: FullAWSAccess, workload-network, workload-data-sharing, workload-internet-services, service-allow-list-workloads',
      'SCP OU Workloads/NonProduction: FullAWSAccess',
      'SCP account analytics-dev: FullAWSAccess',
      'RCP root: RCPFullAWSAccess, data-perimeter, service-perimeter',
      'RCP OU Workloads: RCPFullAWSAccess',
      'RCP OU Workloads/NonProduction: RCPFullAWSAccess',
      'RCP account analytics-dev: RCPFullAWSAccess',
    ]);
  });

  it('names the deciding policy, its AWS name, statement and attachment point', async () => {
    const outcome = await simulateRequest(model, {
      account: 'clinical-portal-prod',
      action: 'ec2:CreateInternetGateway',
      region: 'eu-west-2',
    });
    expect(outcome.decision).toBe('Denied');
    expect(outcome.deciding).toEqual({
      policyType: 'SCP',
      policy: 'workload-network',
      policyName: 'exvalley-lz-workload-network',
      statement: 'DenyNetworkPathsOutsideHub',
      attachedTo: 'OU Workloads',
    });
  });

  it('applies no SCP or RCP in the management account, and says so', async () => {
    const outcome = await simulateRequest(model, { account: 'management', action: 'cloudtrail:StopLogging', region: 'ap-southeast-2' });
    expect(outcome).toMatchObject({ decision: 'Allowed', scpsApply: false, rcpsApply: false, chain: [] });
    expect(outcome.notes.join(' ')).toMatch(/management account is outside every SCP and RCP/);
  });

  it('exempts service-linked roles from SCPs and RCPs', async () => {
    const principal = `arn:aws:iam::${findAccount(model, 'security').accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
    const outcome = await simulateRequest(model, {
      account: 'security',
      action: 'config:PutConfigurationRecorder',
      region: 'ap-southeast-2',
      principal,
    });
    expect(outcome).toMatchObject({ decision: 'Allowed', scpsApply: false, rcpsApply: false });
  });

  it('binds an outside principal only by the RCPs', async () => {
    const outcome = await simulateRequest(model, {
      account: 'analytics-dev',
      action: 's3:GetObject',
      region: 'ap-southeast-2',
      principal: 'arn:aws:iam::444455556666:role/vendor',
      resource: 'arn:aws:s3:::pd-analytics/x',
    });
    expect(outcome).toMatchObject({
      decision: 'Denied',
      scpsApply: false,
      rcpsApply: true,
      deciding: { policyType: 'RCP', statement: 'EnforceOrgIdentities' },
    });
  });

  it("builds an example resource of the action's type in the account and Region", async () => {
    const outcome = await simulateRequest(model, { account: 'analytics-dev', action: 'sqs:SendMessage', region: 'eu-west-1' });
    expect(outcome.resource).toBe('arn:aws:sqs:eu-west-1:333333333333:example');
  });

  it('rejects unknown actions and resources that do not fit the action', async () => {
    await expect(simulateRequest(model, { account: 'analytics-dev', action: 'ec2:LaunchRocket', region: 'eu-west-2' })).rejects.toThrow(
      /unknown action ec2:LaunchRocket: service ec2 has no action "LaunchRocket"/,
    );
    await expect(simulateRequest(model, { account: 'analytics-dev', action: 'nosuch:Thing', region: 'eu-west-2' })).rejects.toThrow(
      /no IAM service prefix "nosuch"/,
    );
    await expect(simulateRequest(model, { account: 'analytics-dev', action: 'RunInstances', region: 'eu-west-2' })).rejects.toThrow(
      /must look like service:Action/,
    );
    await expect(
      simulateRequest(model, {
        account: 'analytics-dev',
        action: 's3:ListAllMyBuckets',
        region: 'eu-west-2',
        resource: 'arn:aws:s3:::bucket',
      }),
    ).rejects.toThrow(SimulationInputError);
  });
});

describe('without the AGPL simulator installed', () => {
  afterEach(() => jest.dontMock('@cloud-copilot/iam-simulate'));

  it('explains what is missing instead of failing obscurely', async () => {
    jest.resetModules();
    jest.doMock('@cloud-copilot/iam-simulate', () => {
      throw Object.assign(new Error("Cannot find module '@cloud-copilot/iam-simulate'"), { code: 'MODULE_NOT_FOUND' });
    });
    const isolated = await import('../../../tools/simulation/simulate');
    const isolatedModel = isolated.buildGuardrailModel(config, accounts);
    const attempt = isolated.simulateRequest(isolatedModel, { account: 'analytics-dev', action: 'ec2:RunInstances', region: 'eu-west-2' });
    await expect(attempt).rejects.toBeInstanceOf(isolated.SimulatorUnavailableError);
    await expect(attempt).rejects.toThrow(/development dependency @cloud-copilot\/iam-simulate \(AGPL-3.0/);
  });
});
