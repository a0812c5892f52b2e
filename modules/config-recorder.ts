// AWS Config in one account, in every allowed Region: a recorder for all supported resource types,
// a delivery channel to the central config bucket in the log-archive account (encrypted with the
// log-archive key), and the recorder switched on. Global resources (IAM) are recorded once, in the
// home Region, so every IAM change appears exactly once in the organization's history.
import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel';
import { IamServiceLinkedRole } from '@cdktf/provider-aws/lib/iam-service-linked-role';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { regionCode } from '../lib/config/model';

export interface ConfigDeliveryTarget {
  /** The log-archive config bucket in the home Region (Config delivers across Regions). */
  readonly bucketName: string;
  /** KMS key (or alias) ARN in the bucket's Region. */
  readonly kmsKeyArn: string;
}

export interface ConfigRecorderProps {
  /** Providers of every allowed Region, home Region first. */
  readonly regionalProviders: readonly { region: string; provider: AwsProvider }[];
  readonly delivery: ConfigDeliveryTarget;
}

/** Config allows one recorder and one delivery channel per account and Region; AWS's default name. */
export const CONFIG_RECORDER_NAME = 'default';

export class ConfigRecorder extends Construct {
  readonly recorders: ConfigConfigurationRecorder[] = [];
  readonly deliveryChannels: ConfigDeliveryChannel[] = [];
  /** Recorder status per Region; depend on these to run after recording has started. */
  readonly statuses: ConfigConfigurationRecorderStatus[] = [];

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const [home] = props.regionalProviders;
    // The role Config records with; IAM is global, so it is created once, with the home provider.
    // An account where Config was enabled by hand already has it: import it (see
    // docs/decisions/0202-config-recorders.md) rather than deleting it.
    const serviceRole = new IamServiceLinkedRole(this, 'service-linked-role', { provider: home.provider, awsServiceName: 'config.amazonaws.com' });

    for (const { region, provider } of props.regionalProviders) {
      const code = regionCode(region);
      const isHome = region === home.region;
      const recorder = new ConfigConfigurationRecorder(this, `recorder-${code}`, {
        provider,
        name: CONFIG_RECORDER_NAME,
        roleArn: serviceRole.arn,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: isHome },
        recordingMode: { recordingFrequency: 'CONTINUOUS' },
      });
      const channel = new ConfigDeliveryChannel(this, `delivery-channel-${code}`, {
        provider,
        name: CONFIG_RECORDER_NAME,
        s3BucketName: props.delivery.bucketName,
        s3KmsKeyArn: props.delivery.kmsKeyArn,
        snapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
        dependsOn: [recorder],
      });
      const status = new ConfigConfigurationRecorderStatus(this, `recorder-status-${code}`, {
        provider,
        name: recorder.name,
        isEnabled: true,
        dependsOn: [channel],
      });
      this.recorders.push(recorder);
      this.deliveryChannels.push(channel);
      this.statuses.push(status);
    }
  }
}
