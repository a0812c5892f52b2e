// The Terraform state bucket and its key (management account). It starts on local state, because
// the bucket it creates is where every other stack, and later this one, keeps its state: once the
// bucket exists, state.bootstrapStateInS3 moves it there (README, "Deploying").
import type { Construct } from 'constructs';
import { stateBucketName } from '../lib/config/model';
import type { LandingZoneConfig } from '../lib/config/schema';
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
    new SecureBucket(this, 'state-bucket', {
      provider: this.homeProvider,
      bucketName: stateBucketName(config),
      kmsKeyArn: key.key.arn,
    });
  }
}
