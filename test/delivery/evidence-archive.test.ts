// The deploy's evidence prefix in the log archive (ADR 0509): requests replayed against the
// synthesized CloudTrail bucket policies and log key policy, with the RCPs and SCPs, as AWS would
// evaluate them. Every other principal is given an allow-everything identity policy, so a denial
// comes from the bucket or key policy itself, not from a missing identity permission.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../lib/config/load';
import { DELIVERY_EVIDENCE_PREFIX, pipelineApplyRoleArn } from '../../lib/delivery/evidence-archive';
import { PIPELINE_PLAN_ROLE } from '../../lib/delivery/pipeline-policies';
import type { PolicyDocument } from '../../lib/iam-policy';
import { logBucketName, logKeyAliasName } from '../../lib/naming';
import { evaluateResourceRequest, type ResourceRequest } from '../../tools/simulation/resource-policy';
import { buildGuardrailModel, findAccount, SIMULATED_ORGANIZATION_ID } from '../../tools/simulation/simulate';
import { SynthesizedEstate } from '../../tools/simulation/synthesized-estate';
import { EXAMPLE_CONFIG_DIR, PROJECT_ROOT, synthConfig } from '../helpers/synth';

const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
const config = loaded.landingZone;
const model = buildGuardrailModel(
  config,
  loaded.accounts.map((account) => account.config),
);
const estate = new SynthesizedEstate(synthConfig(EXAMPLE_CONFIG_DIR).stacks, {
  organizationId: SIMULATED_ORGANIZATION_ID,
  accountIdByName: new Map(model.accounts.map((account) => [account.name, account.accountId])),
});
const logArchive = findAccount(model, 'log-archive').accountId;
const workload = model.accounts.find((account) => account.kind === 'workload')!.accountId;
const management = config.managementAccount.accountId;
const home = config.homeRegion;
const replicaRegionName = config.allowedRegions.find((region) => region !== home)!;

function bucketPolicy(bucketName: string): PolicyDocument {
  const policy = estate
    .resources('aws_s3_bucket_policy')
    .find((candidate) => estate.resolve(candidate.stack, candidate.body.bucket) === bucketName);
  if (!policy) throw new Error(`no bucket policy for ${bucketName}`);
  return estate.policy(policy.stack, policy.body.policy);
}
const evidenceBucket = logBucketName(config, 'cloudtrail', home, logArchive);
const replicaBucket = logBucketName(config, 'cloudtrail', replicaRegionName, logArchive);
const evidenceObject = `arn:aws:s3:::${evidenceBucket}/${DELIVERY_EVIDENCE_PREFIX}2026/0123456789abcdef0123456789abcdef01234567/comment.md`;

// The log key of the home Region: the one whose alias is the log key alias (the account has others, such as its backup keys).
const logKeyAlias = estate
  .resources('aws_kms_alias')
  .find(
    (alias) =>
      alias.stack === 'log-archive' && alias.body.name === logKeyAliasName(config) && estate.regionOf(alias.stack, alias.body) === home,
  )!;
const logKey = estate
  .resources('aws_kms_key')
  .find((key) => key.stack === 'log-archive' && String(logKeyAlias.body.target_key_id).includes(`aws_kms_key.${key.name}.`))!;
const logKeyPolicy = estate.policy(logKey.stack, logKey.body.policy);
const logKeyArn = estate.resolve(logKey.stack, `\${aws_kms_key.${logKey.name}.arn}`);

const everything: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const roles = {
  apply: pipelineApplyRoleArn(config),
  plan: `arn:aws:iam::${management}:role/${PIPELINE_PLAN_ROLE}`,
  workloadAdmin: `arn:aws:iam::${workload}:role/AWSReservedSSO_WorkloadAdministrator_0123456789abcdef`,
  logArchiveAdmin: `arn:aws:iam::${logArchive}:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef`,
  logArchiveExecution: `arn:aws:iam::${logArchive}:role/${config.roles.execution}`,
  logArchiveBreakGlass: `arn:aws:iam::${logArchive}:role/${config.roles.breakGlass}`,
};

async function s3(principal: string, action: string, resource: string, bucket = evidenceBucket) {
  const request: ResourceRequest = {
    principal,
    action,
    resource,
    resourceAccount: logArchive,
    context: { 's3:x-amz-server-side-encryption': 'aws:kms' },
    resourcePolicy: bucketPolicy(bucket),
    identityPolicies: [{ name: 'AdministratorAccess', policy: everything }],
    region: home,
  };
  return evaluateResourceRequest(model, request);
}

async function encrypt(principal: string, bucket = evidenceBucket) {
  return evaluateResourceRequest(model, {
    principal,
    action: 'kms:GenerateDataKey',
    resource: logKeyArn,
    resourceAccount: logArchive,
    context: { 'kms:ViaService': `s3.${home}.amazonaws.com`, 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${bucket}` },
    resourcePolicy: logKeyPolicy,
    identityPolicies: [{ name: 'AdministratorAccess', policy: everything }],
    region: home,
  });
}

describe('delivery evidence prefix of the log archive', () => {
  it('lets the deploy apply role write evidence objects, encrypted with the log key through S3', async () => {
    expect(await s3(roles.apply, 's3:PutObject', evidenceObject)).toEqual({ decision: 'Allowed', reasons: [] });
    expect(await encrypt(roles.apply)).toEqual({ decision: 'Allowed', reasons: [] });
  });

  it('gives the apply role nothing else: no write outside the prefix, no read, no key use for another bucket', async () => {
    expect(
      (await s3(roles.apply, 's3:PutObject', `arn:aws:s3:::${evidenceBucket}/AWSLogs/${logArchive}/CloudTrail/forged.json.gz`)).decision,
    ).toBe('Denied');
    expect((await s3(roles.apply, 's3:GetObject', evidenceObject)).decision).toBe('Denied');
    expect((await encrypt(roles.apply, logBucketName(config, 'config', home, logArchive))).decision).toBe('Denied');
  });

  it.each([
    ['the pull-request plan role', 'plan'],
    ['a workload account administrator', 'workloadAdmin'],
  ] as const)('denies %s writing evidence or using the log key for it', async (_label, role) => {
    expect((await s3(roles[role], 's3:PutObject', evidenceObject)).decision).toBe('Denied');
    expect((await encrypt(roles[role])).decision).toBe('Denied');
  });

  it.each([
    ['a log-archive account administrator', 'logArchiveAdmin'],
    ['the execution role', 'logArchiveExecution'],
    ['the break-glass role', 'logArchiveBreakGlass'],
  ] as const)(
    'denies %s (same account as the bucket, allow-everything identity) writing, retagging or replicating into the prefix',
    async (_label, role) => {
      for (const action of ['s3:PutObject', 's3:PutObjectTagging', 's3:ReplicateObject']) {
        const outcome = await s3(roles[role], action, evidenceObject);
        expect({ action, ...outcome }).toEqual({
          action,
          decision: 'Denied',
          reasons: [expect.stringMatching(/explicit deny in resource OnlyPipelineApplyWritesDeliveryEvidence/)],
        });
      }
    },
  );

  it('denies everyone, the apply role included, deleting an evidence object or version', async () => {
    for (const role of [roles.apply, roles.logArchiveAdmin, roles.logArchiveBreakGlass]) {
      for (const action of ['s3:DeleteObject', 's3:DeleteObjectVersion'])
        expect({ role, action, decision: (await s3(role, action, evidenceObject)).decision }).toEqual({ role, action, decision: 'Denied' });
    }
  });

  it('keeps the replica copies writable only by replication, and never by the apply role directly', async () => {
    const replicaObject = `arn:aws:s3:::${replicaBucket}/${DELIVERY_EVIDENCE_PREFIX}2026/0123456789abcdef0123456789abcdef01234567/comment.md`;
    const replicationRole = `arn:aws:iam::${logArchive}:role/lz-log-replication`;
    expect((await s3(replicationRole, 's3:ReplicateObject', replicaObject, replicaBucket)).decision).toBe('Allowed');
    expect((await s3(roles.logArchiveAdmin, 's3:PutObject', replicaObject, replicaBucket)).decision).toBe('Denied');
    expect((await s3(roles.apply, 's3:PutObject', replicaObject, replicaBucket)).decision).toBe('Denied');
  });

  it('writes into a bucket whose default Object Lock retention covers the evidence for the audit period', () => {
    const lock = estate
      .resources('aws_s3_bucket_object_lock_configuration')
      .find((candidate) => estate.resolve(candidate.stack, candidate.body.bucket) === evidenceBucket);
    expect(lock?.body.rule.default_retention).toMatchObject({
      mode: config.logging.objectLock.mode,
      days: config.logging.objectLock.retentionDays,
    });
  });
});

describe('the archive step of the deploy', () => {
  it('copies into exactly the prefix the bucket policy opens to the apply role', () => {
    const script = fs.readFileSync(path.join(PROJECT_ROOT, '.github/scripts/archive-evidence.sh'), 'utf8');
    expect(script).toContain(`prefix="${DELIVERY_EVIDENCE_PREFIX}$(date -u +%Y)/\${GITHUB_SHA}"`);
  });
});
