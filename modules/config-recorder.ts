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

/** What an adopted account already has: imported under these names instead of created. */
export interface ExistingConfigSetup {
  /** The adopted account's ID (an import needs the service-linked role's full ARN). */
  readonly accountId: string;
  /** AWSServiceRoleForConfig exists already. */
  readonly serviceLinkedRoleExists: boolean;
  /** Existing recorder (and delivery channel) names by Region; a Region not listed has none. */
  readonly recorders: Readonly<Partial<Record<string, { readonly recorder: string; readonly deliveryChannel?: string }>>>;
}

export interface ConfigRecorderProps {
  /** Providers of every allowed Region, home Region first. */
  readonly regionalProviders: readonly { region: string; provider: AwsProvider }[];
  readonly delivery: ConfigDeliveryTarget;
  /**
   * For an adopted account: what already exists, to import rather than collide with (AWS Config
   * allows one recorder and one delivery channel per Region).
   * @default nothing exists: everything is created
   */
  readonly existing?: ExistingConfigSetup;
}

/** ARN of AWS Config's service-linked role in an account (its import ID). */
export function configServiceLinkedRoleArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
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
    // An adopted account where Config was ever set up already has it: imported, as configuration
    // says (docs/decisions/0202-config-recorders.md).
    const serviceRole = new IamServiceLinkedRole(this, 'service-linked-role', {
      provider: home.provider,
      awsServiceName: 'config.amazonaws.com',
    });
    const existing = props.existing;
    if (existing?.serviceLinkedRoleExists) serviceRole.importFrom(configServiceLinkedRoleArn(existing.accountId), home.provider);

    for (const { region, provider } of props.regionalProviders) {
      const code = regionCode(region);
      const isHome = region === home.region;
      // An existing recorder keeps its name (the name cannot change without replacement) and is imported.
      const found = existing?.recorders[region];
      const recorder = new ConfigConfigurationRecorder(this, `recorder-${code}`, {
        provider,
        name: found?.recorder ?? CONFIG_RECORDER_NAME,
        roleArn: serviceRole.arn,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: isHome },
        recordingMode: { recordingFrequency: 'CONTINUOUS' },
      });
      const channel = new ConfigDeliveryChannel(this, `delivery-channel-${code}`, {
        provider,
        name: found?.deliveryChannel ?? CONFIG_RECORDER_NAME,
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
      if (found) {
        recorder.importFrom(found.recorder, provider);
        status.importFrom(found.recorder, provider);
        if (found.deliveryChannel) channel.importFrom(found.deliveryChannel, provider);
      }
      this.recorders.push(recorder);
      this.deliveryChannels.push(channel);
      this.statuses.push(status);
    }
  }
}
