import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { ConfigRecorder } from '../../modules/config-recorder';
import { resourceTarget } from '../helpers/accounts';
import { resourcesOfType, type TerraformJson } from '../helpers/synth';

function synth(regions: string[]): TerraformJson {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  const regionalProviders = regions.map((region, index) => ({
    region,
    provider: new AwsProvider(stack, `aws-${region}`, {
      region,
      allowedAccountIds: ['444444444444'],
      alias: index === 0 ? undefined : region.replace(/-/g, '_'),
    }),
  }));
  new ConfigRecorder(stack, 'config', {
    regionalProviders,
    delivery: { bucketName: 'example-lz-config-logs-euw2', kmsKeyArn: 'arn:aws:kms:eu-west-2:555555555555:alias/example-lz-logs' },
  });
  return JSON.parse(Testing.synth(stack));
}

describe('ConfigRecorder', () => {
  it('records global resources only with the first (home) provider', () => {
    const stack = synth(['eu-west-2', 'eu-west-1']);
    const recorders = Object.values(resourcesOfType(stack, 'aws_config_configuration_recorder'));
    const globalByRegion = Object.fromEntries(
      recorders.map((recorder) => [resourceTarget(stack, recorder).region, recorder.recording_group.include_global_resource_types]),
    );
    expect(globalByRegion).toEqual({ 'eu-west-2': true, 'eu-west-1': false });
  });

  it('still records global resources when only one Region is allowed', () => {
    const recorders = Object.values(resourcesOfType(synth(['eu-west-2']), 'aws_config_configuration_recorder'));
    expect(recorders).toHaveLength(1);
    expect(recorders[0].recording_group).toEqual({ all_supported: true, include_global_resource_types: true });
  });

  it('chains recorder, delivery channel and status so recording starts only once delivery works', () => {
    const stack = synth(['eu-west-2', 'eu-west-1']);
    for (const channel of Object.values(resourcesOfType(stack, 'aws_config_delivery_channel'))) {
      expect(channel.depends_on[0]).toMatch(/^aws_config_configuration_recorder\./);
      expect(channel.s3_kms_key_arn).toBe('arn:aws:kms:eu-west-2:555555555555:alias/example-lz-logs');
    }
    for (const status of Object.values(resourcesOfType(stack, 'aws_config_configuration_recorder_status'))) {
      expect(status.is_enabled).toBe(true);
      expect(status.depends_on[0]).toMatch(/^aws_config_delivery_channel\./);
    }
    expect(Object.values(resourcesOfType(stack, 'aws_iam_service_linked_role'))).toHaveLength(1);
  });
});
