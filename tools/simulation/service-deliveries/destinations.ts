// Where a delivery lands, found in the synthesized estate: each bucket, KMS key (by key or alias ARN)
// and SNS topic with the account, Region and resource policy a delivering service meets there.
import type { PolicyDocument } from '../../../lib/iam-policy';
import type { EstateResource, SynthesizedEstate } from '../synthesized-estate';

export interface OwnedPolicy {
  readonly account: string;
  readonly region: string;
  readonly name: string;
  readonly document?: PolicyDocument;
}

/** Splits arn:aws:s3:::bucket/prefix/ into bucket and prefix (with a trailing slash, or empty). */
export function s3Destination(arn: string): { bucket: string; prefix: string } {
  const match = /^arn:aws:s3:::([^/]+)\/?(.*)$/.exec(arn);
  if (!match) throw new Error(`not an S3 destination ARN: ${arn}`);
  const prefix = match[2].replace(/\/*$/, '');
  return { bucket: match[1], prefix: prefix ? `${prefix}/` : '' };
}

export function withPrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed ? `${trimmed}/` : '';
}

/** The buckets, keys and topics of the estate that deliveries write to. */
export class DeliveryDestinations {
  private readonly keyPolicies = new Map<string, OwnedPolicy>();
  private readonly keyAliases = new Map<string, string>();

  constructor(private readonly estate: SynthesizedEstate) {
    for (const key of estate.resources('aws_kms_key')) {
      const arn = estate.resolve(key.stack, `\${aws_kms_key.${key.name}.arn}`);
      this.keyPolicies.set(arn, {
        account: estate.accountOf(key.stack),
        region: estate.regionOf(key.stack, key.body),
        name: `key policy of ${key.stack}/${key.name}`,
        document: key.body.policy ? estate.policy(key.stack, key.body.policy) : undefined,
      });
    }
    for (const alias of estate.resources('aws_kms_alias')) {
      const target = estate.resolve(alias.stack, alias.body.target_key_id);
      const key = estate.resources('aws_kms_key').find((candidate) => candidate.stack === alias.stack && candidate.name === target);
      if (!key) continue;
      const region = estate.regionOf(alias.stack, alias.body);
      this.keyAliases.set(
        `arn:aws:kms:${region}:${estate.accountOf(alias.stack)}:${alias.body.name}`,
        estate.resolve(key.stack, `\${aws_kms_key.${key.name}.arn}`),
      );
    }
  }

  /** The bucket (by name) wherever the estate creates it, with its policy and default KMS key. */
  bucket(name: string): OwnedPolicy & { kmsKeyArn?: string; sseAlgorithm?: string } {
    const bucket = this.estate
      .resources('aws_s3_bucket')
      .find((candidate) => this.estate.resolve(candidate.stack, candidate.body.bucket ?? '') === name);
    if (!bucket) throw new Error(`the estate delivers to bucket ${name}, which no stack creates`);
    const sameBucket = (resource: EstateResource) =>
      resource.stack === bucket.stack && this.estate.resolve(resource.stack, resource.body.bucket ?? '') === name;
    const policy = this.estate.resources('aws_s3_bucket_policy').find(sameBucket);
    const encryption = this.estate.resources('aws_s3_bucket_server_side_encryption_configuration').find(sameBucket);
    const byDefault = encryption?.body.rule?.[0]?.apply_server_side_encryption_by_default;
    return {
      account: this.estate.accountOf(bucket.stack),
      region: this.estate.regionOf(bucket.stack, bucket.body),
      name: `bucket policy of ${name}`,
      document: policy ? this.estate.policy(policy.stack, policy.body.policy) : undefined,
      kmsKeyArn: byDefault?.kms_master_key_id ? this.estate.resolve(bucket.stack, byDefault.kms_master_key_id) : undefined,
      sseAlgorithm: byDefault?.sse_algorithm,
    };
  }

  /** The key (by key or alias ARN) wherever the estate creates it. */
  key(arn: string): OwnedPolicy & { arn: string } {
    const keyArn = this.keyAliases.get(arn) ?? arn;
    const key = this.keyPolicies.get(keyArn);
    if (!key) throw new Error(`the estate uses KMS key ${arn}, which no stack creates`);
    return { ...key, arn: keyArn };
  }

  /** The topic (by ARN) wherever the estate creates it, or undefined. */
  topic(topicArn: string): (OwnedPolicy & { kmsKeyArn?: string }) | undefined {
    const topic = this.estate
      .resources('aws_sns_topic')
      .find((candidate) => this.estate.resolve(candidate.stack, `\${aws_sns_topic.${candidate.name}.arn}`) === topicArn);
    if (!topic) return undefined;
    const policy = this.estate
      .resources('aws_sns_topic_policy')
      .find((candidate) => candidate.stack === topic.stack && this.estate.resolve(candidate.stack, candidate.body.arn) === topicArn);
    return {
      account: this.estate.accountOf(topic.stack),
      region: this.estate.regionOf(topic.stack, topic.body),
      name: `topic policy of ${topicArn}`,
      document: policy ? this.estate.policy(policy.stack, policy.body.policy) : undefined,
      kmsKeyArn: topic.body.kms_master_key_id ? this.estate.resolve(topic.stack, topic.body.kms_master_key_id) : undefined,
    };
  }
}
