// The request shapes every delivery family builds from: a service writing objects into a bucket, a
// service asking KMS for a data key, a vended-log delivery (delivery.logs.amazonaws.com), and the
// inline policies of a role that delivers in its own name. Each request carries the synthesized
// resource policy it meets, found through DeliveryDestinations.
import type { PolicyDocument } from '../../../lib/iam-policy';
import type { ResourceRequest } from '../resource-policy';
import type { SynthesizedEstate } from '../synthesized-estate';
import type { DeliveryCheck, DeliveryKind, DeliveryScope } from './checks';
import { DeliveryDestinations } from './destinations';

/** The inline policies a role delivers with, as the simulator evaluates them beside the resource policy. */
export interface RoleIdentity {
  readonly identityPolicies: NonNullable<ResourceRequest['identityPolicies']>;
}

/** The day every sample object key is dated (the key shapes, not the date, are what AWS documents). */
export const DAY = { path: '2026/11/29', compact: '20261129' };

/** Every delivering service writes with the bucket-owner-full-control canned ACL. */
const ACL = { 's3:x-amz-acl': 'bucket-owner-full-control' };

/** The estate, the organization it delivers for, and the request builders the delivery families share. */
export class DeliveryRequests {
  readonly destinations: DeliveryDestinations;

  constructor(
    readonly estate: SynthesizedEstate,
    readonly scope: DeliveryScope,
  ) {
    this.destinations = new DeliveryDestinations(estate);
  }

  /** The bucket (by name) wherever the estate creates it, with its policy and default KMS key. */
  bucket(name: string): ReturnType<DeliveryDestinations['bucket']> {
    return this.destinations.bucket(name);
  }

  /** The key (by key or alias ARN) wherever the estate creates it. */
  key(arn: string): ReturnType<DeliveryDestinations['key']> {
    return this.destinations.key(arn);
  }

  /** Bucket-level actions on the bucket, then s3:PutObject of each object key with the canned ACL. */
  put(
    kind: DeliveryKind,
    delivery: string,
    principal: string,
    bucketName: string,
    objectKeys: readonly string[],
    context: Record<string, string>,
    bucketActions: readonly string[],
  ): DeliveryCheck[] {
    const bucket = this.bucket(bucketName);
    const onBucket = (action: string, resource: string, requestContext: Record<string, string>): DeliveryCheck => ({
      kind,
      delivery,
      policy: bucket.name,
      request: {
        principal,
        action,
        resource,
        resourceAccount: bucket.account,
        region: bucket.region,
        context: requestContext,
        resourcePolicy: bucket.document,
      },
    });
    return [
      ...bucketActions.map((action) => onBucket(action, `arn:aws:s3:::${bucketName}`, context)),
      ...objectKeys.map((key) => onBucket('s3:PutObject', `arn:aws:s3:::${bucketName}/${key}`, { ...context, ...ACL })),
    ];
  }

  /** The KMS actions on the key (by key or alias ARN) a delivery encrypts with; none without a key. */
  encrypt(
    kind: DeliveryKind,
    delivery: string,
    principal: string,
    keyArn: string | undefined,
    actions: readonly string[],
    context: Record<string, string>,
  ): DeliveryCheck[] {
    if (!keyArn) return [];
    const key = this.key(keyArn);
    return actions.map((action) => ({
      kind,
      delivery,
      policy: key.name,
      request: {
        principal,
        action,
        resource: key.arn,
        resourceAccount: key.account,
        region: key.region,
        context,
        resourcePolicy: key.document,
      },
    }));
  }

  /** Vended logs (delivery.logs.amazonaws.com): bucket checks, the object keys, and the bucket's key. */
  vendedLogs(
    kind: DeliveryKind,
    delivery: string,
    stack: string,
    region: string,
    bucket: string,
    keys: readonly string[],
  ): DeliveryCheck[] {
    const account = this.estate.accountOf(stack);
    const context = {
      'aws:SourceAccount': account,
      'aws:SourceArn': `arn:aws:logs:${region}:${account}:*`,
      'aws:SourceOrgID': this.scope.organizationId,
    };
    return [
      ...this.put(kind, delivery, 'delivery.logs.amazonaws.com', bucket, keys, context, ['s3:GetBucketAcl', 's3:ListBucket']),
      ...this.encrypt(kind, delivery, 'delivery.logs.amazonaws.com', this.bucket(bucket).kmsKeyArn, ['kms:GenerateDataKey'], context),
    ];
  }

  /** The inline policies of a role of the stack, by its ARN. */
  roleIdentity(stack: string, roleArn: string): RoleIdentity {
    const roleName = roleArn.split('/').pop();
    return {
      identityPolicies: this.estate
        .resources('aws_iam_role_policy')
        .filter((policy) => policy.stack === stack && this.estate.resolve(stack, policy.body.role) === roleName)
        .map((policy) => ({
          name: this.estate.resolve(stack, policy.body.name),
          policy: this.estate.policy(stack, policy.body.policy) as PolicyDocument,
        })),
    };
  }
}
