// The Terraform state bucket and its key (management account). It starts on local state, because
// the bucket it creates is where every other stack, and later this one, keeps its state: once the
// bucket exists, state.bootstrapStateInS3 moves it there (README, "Deploying").
import type { Construct } from 'constructs';
import { stateBucketName } from '../lib/config/model';
import type { LandingZoneConfig } from '../lib/config/schema';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { stateAccessLogBucketName } from '../lib/naming';
import { AccessLogBucket } from '../modules/access-log-bucket';
import { SecureBucket } from '../modules/secure-bucket';
import { ProtectedKmsKey } from '../modules/protected-kms-key';
import { LandingZoneStack, managementAccountTarget, stateKeyAliasName } from './landing-zone-stack';

export interface BootstrapStackProps {
  readonly config: LandingZoneConfig;
}

export class BootstrapStack extends LandingZoneStack {
  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    const { config } = props;
    super(scope, id, { config, target: managementAccountTarget(config), localState: !config.state.bootstrapStateInS3 });

    const key = new ProtectedKmsKey(this, 'state-key', {
      provider: this.homeProvider,
      description: 'Encrypts the landing-zone Terraform state',
      aliasName: stateKeyAliasName(config),
      accountId: config.managementAccount.accountId,
    });
    // Who read or wrote the state (Security Hub S3.9). The access-log bucket is itself a log target,
    // which AWS says not to log again (its S3.9 finding is suppressed, docs/security-posture.md).
    const accessLogs = new AccessLogBucket(this, 'state-access-log-bucket', {
      provider: this.homeProvider,
      bucketName: stateAccessLogBucketName(config),
      sourceAccountId: config.managementAccount.accountId,
      validationWindowDays: config.logging.validationWindowDays,
      expireAfterDays: config.logging.objectLock.retentionDays + 1,
    });
    const state = new SecureBucket(this, 'state-bucket', {
      provider: this.homeProvider,
      bucketName: stateBucketName(config),
      kmsKeyArn: key.key.arn,
      accessLogBucket: accessLogs.bucket.bucket.id,
    });
    // Old state versions are the way back from a bad apply: keep the last 30 of each state file
    // and any version for 90 days, then let them go (Security Hub S3.13).
    new S3BucketLifecycleConfiguration(this, 'state-bucket-lifecycle', {
      provider: this.homeProvider,
      bucket: state.bucket.id,
      rule: [
        {
          id: 'state-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: 90, newerNoncurrentVersions: 30 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [state.versioning],
    });
  }
}
