// IAM documents of the delivery pipeline (docs/decisions/0500-pipeline-identities.md): who may
// plan, who may apply, and what a plan may read. Pure functions of configuration so that tests and
// policy simulation see exactly what the stacks deploy.
import type { PolicyDocument, PolicyStatement } from '../iam-policy';
import { stateBucketName } from '../config/model';
import type { LandingZoneConfig } from '../config/schema';
import { landingZoneRoleName } from '../naming';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';
export const PIPELINE_PLAN_ROLE = landingZoneRoleName('pipeline-plan');
export const PIPELINE_APPLY_ROLE = landingZoneRoleName('pipeline-apply');
/** The read-only role every account gets in its baseline; only PIPELINE_PLAN_ROLE may assume it. */
export const PLAN_READONLY_ROLE = landingZoneRoleName('plan-readonly');
/** AWS managed read-only policy; the explicit denies below remove what it allows that reads data. */
export const READ_ONLY_ACCESS_POLICY_ARN = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
/** The apply role deploys the management-account stacks directly, so it administers that account. */
export const ADMINISTRATOR_ACCESS_POLICY_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

export function pipelinePlanRoleArn(managementAccountId: string): string {
  return `arn:aws:iam::${managementAccountId}:role/${PIPELINE_PLAN_ROLE}`;
}

/**
 * `sub` claims of GitHub's OIDC token: pull requests; jobs on main that name no environment (the
 * scheduled drift detection, reviewed code only); and jobs bound to the protected environment.
 */
export function githubSubjects(pipeline: NonNullable<LandingZoneConfig['pipeline']>): {
  pullRequest: string;
  mainBranch: string;
  deployEnvironment: string;
} {
  const repo = `repo:${pipeline.githubRepository}`;
  return {
    pullRequest: `${repo}:pull_request`,
    mainBranch: `${repo}:ref:refs/heads/main`,
    deployEnvironment: `${repo}:environment:${pipeline.deployEnvironment}`,
  };
}

/** Trust of a pipeline role: GitHub's OIDC provider, this audience, exactly this subject (or one of these). */
export function githubTrustPolicy(oidcProviderArn: string, subject: string | readonly string[]): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GitHubActionsOidc',
        Effect: 'Allow',
        Principal: { Federated: oidcProviderArn },
        // TagSession: GitHub's token claims arrive as session tags; SetSourceIdentity lets a
        // session carry the actor into every role it assumes next.
        Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity'],
        Condition: {
          StringEquals: {
            [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
            [`${GITHUB_OIDC_HOST}:sub`]: typeof subject === 'string' ? subject : [...subject],
          },
        },
      },
    ],
  };
}

function executionRoleArns(config: LandingZoneConfig): string[] {
  return [`arn:aws:iam::*:role/${config.roles.execution}`, `arn:aws:iam::*:role/${config.roles.breakGlass}`];
}

/**
 * The pull-request plan role (management account): reads Terraform state, writes only S3 lock
 * files, decrypts only through S3 with the state key, and assumes nothing but the per-account
 * read-only plan roles. Pull-request code runs during synth, so this role must be harmless.
 */
export function pipelinePlanPolicy(config: LandingZoneConfig, organizationId: string): PolicyDocument {
  const bucket = `arn:aws:s3:::${stateBucketName(config)}`;
  const stateKeyAlias = `alias/${config.organization.namePrefix}-lz-tfstate`;
  const mgmt = config.managementAccount.accountId;
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ListStateBucket', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: bucket },
      // State files only (<stack>/terraform.tfstate, as every stack's backend names them): planning
      // reads its own stack's state and the producers' outputs, nothing else in the bucket.
      { Sid: 'ReadState', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: `${bucket}/*/terraform.tfstate` },
      // use_lockfile: Terraform writes <key>.tflock beside the state and deletes it afterwards.
      { Sid: 'WriteLockFilesOnly', Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: `${bucket}/*.tflock` },
      {
        Sid: 'UseStateKeyThroughS3',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        Resource: `arn:aws:kms:${config.homeRegion}:${mgmt}:key/*`,
        Condition: {
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': [stateKeyAlias] },
          StringEquals: { 'kms:ViaService': `s3.${config.homeRegion}.amazonaws.com` },
        },
      },
      {
        Sid: 'AssumeReadOnlyPlanRolesInOrganization',
        Effect: 'Allow',
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
        Resource: `arn:aws:iam::*:role/${PLAN_READONLY_ROLE}`,
        Condition: { StringEquals: { 'aws:ResourceOrgID': organizationId } },
      },
      {
        Sid: 'NeverReachExecutionOrBreakGlass',
        Effect: 'Deny',
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
        Resource: [...executionRoleArns(config), `arn:aws:iam::*:role/${PIPELINE_APPLY_ROLE}`],
      },
    ],
  };
}

/**
 * Limits on top of AdministratorAccess for the apply role: it reaches the execution role only in
 * this organization's accounts and only with a source identity (the GitHub actor and commit), so
 * every change it makes in a member account is attributable in CloudTrail.
 */
export function pipelineApplyGuardPolicy(config: LandingZoneConfig, organizationId: string): PolicyDocument {
  const execution = `arn:aws:iam::*:role/${config.roles.execution}`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ExecutionRoleOnlyWithSourceIdentity',
        Effect: 'Deny',
        Action: 'sts:AssumeRole',
        Resource: execution,
        Condition: { Null: { 'sts:SourceIdentity': 'true' } },
      },
      {
        Sid: 'ExecutionRoleOnlyInOrganization',
        Effect: 'Deny',
        Action: 'sts:AssumeRole',
        Resource: execution,
        Condition: { StringNotEquals: { 'aws:ResourceOrgID': organizationId } },
      },
      {
        Sid: 'NeverBreakGlass',
        Effect: 'Deny',
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
        Resource: `arn:aws:iam::*:role/${config.roles.breakGlass}`,
      },
    ],
  };
}

/**
 * Trust of the read-only plan role in every account: the management account's plan role, named by
 * `aws:PrincipalArn` rather than as the principal itself, so the trust can be created before that
 * role exists and survives its re-creation (IAM pins a role principal to the role's unique ID).
 */
export function planReadOnlyTrustPolicy(managementAccountId: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PipelinePlanRoleOnly',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` },
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
        Condition: { ArnEquals: { 'aws:PrincipalArn': pipelinePlanRoleArn(managementAccountId) } },
      },
    ],
  };
}

/**
 * Reads that ReadOnlyAccess allows but that return data rather than configuration. Terraform's
 * refresh needs none of them for the resources this project manages.
 */
export const DATA_READ_ACTIONS = {
  secrets: [
    'secretsmanager:GetSecretValue',
    'secretsmanager:BatchGetSecretValue',
    'ssm:GetParameter',
    'ssm:GetParameters',
    'ssm:GetParametersByPath',
    'ssm:GetParameterHistory',
  ],
  decryption: ['kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext'],
  tables: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:Scan',
    'dynamodb:PartiQLSelect',
    'dynamodb:GetRecords',
    'dynamodb:ExportTableToPointInTime',
  ],
  logsAndQueries: [
    'logs:GetLogEvents',
    'logs:FilterLogEvents',
    'logs:StartQuery',
    'logs:GetQueryResults',
    'logs:StartLiveTail',
    'athena:GetQueryResults',
    'cloudtrail:GetQueryResults',
  ],
  compute: [
    'ec2:GetPasswordData',
    'ec2:GetConsoleOutput',
    'ec2:GetConsoleScreenshot',
    'lambda:GetFunction',
    'rds:DownloadDBLogFilePortion',
    'rds:DownloadCompleteDBLogFile',
  ],
  artefacts: [
    'ecr:GetDownloadUrlForLayer',
    'ecr:BatchGetImage',
    'codecommit:GetBlob',
    'codecommit:GetFile',
    'codecommit:GetFolder',
    'glacier:GetJobOutput',
  ],
  messages: ['sqs:ReceiveMessage', 'kinesis:GetRecords', 'kinesis:SubscribeToShard'],
} as const;

/** Explicit denies attached to the read-only plan role in every account. */
export function planReadOnlyDenyPolicy(config: LandingZoneConfig): PolicyDocument {
  const stateObjects = `arn:aws:s3:::${stateBucketName(config)}/*`;
  const statements: PolicyStatement[] = [
    {
      Sid: 'NoObjectContentOutsideState',
      Effect: 'Deny',
      Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTorrent', 's3:GetObjectVersionTorrent'],
      NotResource: stateObjects,
    },
    { Sid: 'NoSecretValues', Effect: 'Deny', Action: [...DATA_READ_ACTIONS.secrets], Resource: '*' },
    { Sid: 'NoDecryption', Effect: 'Deny', Action: [...DATA_READ_ACTIONS.decryption], Resource: '*' },
    { Sid: 'NoTableData', Effect: 'Deny', Action: [...DATA_READ_ACTIONS.tables], Resource: '*' },
    { Sid: 'NoLogOrQueryContent', Effect: 'Deny', Action: [...DATA_READ_ACTIONS.logsAndQueries], Resource: '*' },
    { Sid: 'NoComputeSecrets', Effect: 'Deny', Action: [...DATA_READ_ACTIONS.compute], Resource: '*' },
    { Sid: 'NoArtefactContent', Effect: 'Deny', Action: [...DATA_READ_ACTIONS.artefacts], Resource: '*' },
    { Sid: 'NoMessageContent', Effect: 'Deny', Action: [...DATA_READ_ACTIONS.messages], Resource: '*' },
    // A plan session ends here: it cannot hop on to any other role.
    {
      Sid: 'NoFurtherRoleAssumption',
      Effect: 'Deny',
      Action: ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'],
      Resource: '*',
    },
  ];
  return { Version: '2012-10-17', Statement: statements };
}
