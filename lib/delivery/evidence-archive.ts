// The locked prefix of the log archive where the deploy keeps its evidence for years: reviewed plan
// comment and plans, the plans compared before apply, apply logs (docs/decisions/0506 and 0509).
// Pure functions of configuration: the log-archive stack puts them into the home Region's CloudTrail
// bucket policy and log key policy; the tests replay requests against the synthesized result.
import type { LandingZoneConfig } from '../config/schema';
import type { PolicyStatement } from '../iam-policy';
import { PIPELINE_APPLY_ROLE } from './pipeline-policies';

/** Key prefix of the evidence in the home Region's CloudTrail log bucket (.github/scripts/archive-evidence.sh writes it). */
export const DELIVERY_EVIDENCE_PREFIX = 'delivery-evidence/';

/** The only writer of the evidence: the deploy's apply role in the management account. */
export function pipelineApplyRoleArn(config: LandingZoneConfig): string {
  return `arn:aws:iam::${config.managementAccount.accountId}:role/${PIPELINE_APPLY_ROLE}`;
}

/**
 * Every way to put an object under the prefix. s3:PutObject authorizes PutObject, CopyObject (as the
 * destination) and the multipart upload calls (Amazon S3 User Guide, "Policy actions for Amazon S3":
 * CreateMultipartUpload, UploadPart, UploadPartCopy and CompleteMultipartUpload need s3:PutObject);
 * s3:ReplicateObject is what a replication rule writes with; s3:PutObjectAcl and s3:PutObjectTagging
 * change an existing object's metadata.
 */
export const EVIDENCE_WRITE_ACTIONS = ['s3:PutObject', 's3:ReplicateObject', 's3:PutObjectAcl', 's3:PutObjectTagging'] as const;

/**
 * Bucket-policy statements of a CloudTrail log bucket for the evidence prefix. The deny names every
 * principal but the apply role (the execution and break-glass roles included: evidence that someone
 * with emergency access could add to would not be evidence), so it holds in the replica Region's
 * bucket too, which receives the copies through replication (s3:ReplicateObject by the log
 * replication role is the one write the replica needs). The allow exists only in the bucket the
 * pipeline writes to, and only when configuration has a pipeline. Deletion is already denied to
 * everyone by DenyObjectDeletion, and Object Lock keeps each version for the audit retention.
 *
 * The apply role is matched by aws:PrincipalArn, with its account as the principal, so the policy
 * is valid before the pipeline stack creates the role (a role ARN as Principal must exist).
 */
export function evidenceBucketStatements(
  config: LandingZoneConfig,
  bucketArn: string,
  options: { writable: boolean; replicationRoleArn?: string },
): PolicyStatement[] {
  const applyRole = pipelineApplyRoleArn(config);
  const objects = `${bucketArn}/${DELIVERY_EVIDENCE_PREFIX}*`;
  const writers = options.replicationRoleArn ? [applyRole, options.replicationRoleArn] : [applyRole];
  const statements: PolicyStatement[] = [
    {
      Sid: 'OnlyPipelineApplyWritesDeliveryEvidence',
      Effect: 'Deny',
      Principal: '*',
      Action: [...EVIDENCE_WRITE_ACTIONS],
      Resource: objects,
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': writers } },
    },
  ];
  if (options.writable && config.pipeline) {
    statements.push({
      Sid: 'PipelineApplyWritesDeliveryEvidence',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${config.managementAccount.accountId}:root` },
      Action: 's3:PutObject',
      Resource: objects,
      Condition: { ArnEquals: { 'aws:PrincipalArn': applyRole } },
    });
  }
  return statements;
}

/**
 * The log key's grant to the apply role: encrypt objects of the evidence bucket, through S3 only.
 * The buckets use S3 Bucket Keys, so the encryption context is the bucket's ARN (Amazon S3 User
 * Guide, "Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys"). An SSE-KMS upload needs
 * kms:GenerateDataKey, and a multipart one kms:Decrypt as well (Amazon S3 User Guide, "Using
 * server-side encryption with AWS KMS keys", permissions). Decrypt through S3 reads nothing: the
 * bucket policy gives the role no s3:GetObject.
 */
export function evidenceKeyStatement(config: LandingZoneConfig, bucketArn: string, region: string): PolicyStatement {
  return {
    Sid: 'PipelineApplyEncryptsDeliveryEvidence',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${config.managementAccount.accountId}:root` },
    Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
    Resource: '*',
    Condition: {
      ArnEquals: { 'aws:PrincipalArn': pipelineApplyRoleArn(config) },
      StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com`, 'kms:EncryptionContext:aws:s3:arn': bucketArn },
    },
  };
}
