// The log-delivery checks of the verifier: the trails and their digests, Config recorders and
// delivery channels, flow logs, Network Firewall logging, and Resolver query logging with its
// associations, each read as AWS reports its last delivery.
import { GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeConfigurationRecorderStatusCommand, DescribeDeliveryChannelStatusCommand } from '@aws-sdk/client-config-service';
import { DescribeFlowLogsCommand } from '@aws-sdk/client-ec2';
import { DescribeLoggingConfigurationCommand } from '@aws-sdk/client-network-firewall';
import { ListResolverQueryLogConfigAssociationsCommand, ListResolverQueryLogConfigsCommand } from '@aws-sdk/client-route53resolver';
import type { EstateTargets } from './estate';
import type { InAccount } from './types';

export function verifyLogDelivery(estate: EstateTargets, inAccount: InAccount): void {
  for (const trail of estate.trails) {
    inAccount('cloudtrail-delivery', trail.account, trail.region, trail.name, async (aws) => {
      const status = await aws.cloudTrail().send(new GetTrailStatusCommand({ Name: trail.name }));
      if (!status.IsLogging) return ['fail', 'IsLogging is false'];
      if (status.LatestDeliveryError) return ['fail', `LatestDeliveryError ${status.LatestDeliveryError}`];
      if (!status.LatestDeliveryTime) return ['fail', 'no log file delivered yet'];
      return ['pass', `last delivery ${status.LatestDeliveryTime.toISOString()}`];
    });
    if (!trail.logFileValidation) continue;
    inAccount('cloudtrail-digest-delivery', trail.account, trail.region, trail.name, async (aws) => {
      const status = await aws.cloudTrail().send(new GetTrailStatusCommand({ Name: trail.name }));
      if (status.LatestDigestDeliveryError) return ['fail', `LatestDigestDeliveryError ${status.LatestDigestDeliveryError}`];
      if (!status.LatestDigestDeliveryTime) return ['fail', 'no digest file delivered yet'];
      return ['pass', `last digest ${status.LatestDigestDeliveryTime.toISOString()}`];
    });
  }

  for (const channel of estate.deliveryChannels) {
    inAccount('config-recorder', channel.account, channel.region, 'configuration recorder', async (aws) => {
      const { ConfigurationRecordersStatus: recorders = [] } = await aws.config().send(new DescribeConfigurationRecorderStatusCommand({}));
      if (!recorders.length) return ['fail', 'no configuration recorder'];
      const broken = recorders.find((recorder) => !recorder.recording || recorder.lastStatus === 'Failure');
      if (broken)
        return [
          'fail',
          `${broken.name}: recording ${broken.recording}, lastStatus ${broken.lastStatus}${broken.lastErrorCode ? ` (${broken.lastErrorCode}: ${broken.lastErrorMessage ?? ''})` : ''}`,
        ];
      return ['pass', `recording, lastStatus ${recorders[0].lastStatus}`];
    });
    inAccount('config-delivery', channel.account, channel.region, 'delivery channel', async (aws) => {
      const { DeliveryChannelsStatus: channels = [] } = await aws.config().send(new DescribeDeliveryChannelStatusCommand({}));
      if (!channels.length) return ['fail', 'no delivery channel'];
      for (const status of channels) {
        for (const [label, info] of [
          ['configHistoryDeliveryInfo', status.configHistoryDeliveryInfo],
          ['configSnapshotDeliveryInfo', status.configSnapshotDeliveryInfo],
        ] as const) {
          if (info?.lastStatus === 'Failure')
            return [
              'fail',
              `${status.name} ${label}.lastStatus Failure (${info.lastErrorCode ?? 'no code'}: ${info.lastErrorMessage ?? ''})`,
            ];
        }
        // History arrives every 6 hours; a snapshot delivered on request proves the same path sooner.
        const delivered = [status.configHistoryDeliveryInfo, status.configSnapshotDeliveryInfo].some(
          (info) => info?.lastStatus === 'Success',
        );
        if (!delivered)
          return [
            'fail',
            `${status.name}: nothing delivered yet (history ${status.configHistoryDeliveryInfo?.lastStatus ?? 'none'}, snapshot ${status.configSnapshotDeliveryInfo?.lastStatus ?? 'none'})`,
          ];
      }
      return ['pass', 'delivered to the config bucket'];
    });
  }

  for (const flowLogs of estate.flowLogs) {
    inAccount('flow-log-delivery', flowLogs.account, flowLogs.region, `${flowLogs.count} flow log(s) of ${flowLogs.stack}`, async (aws) => {
      // Every resource carries the provider's default tag lz:stack, so the filter finds exactly this stack's flow logs.
      const { FlowLogs: found = [] } = await aws
        .ec2()
        .send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'tag:lz:stack', Values: [flowLogs.stack] }] }));
      const failed = found.filter((flowLog) => flowLog.DeliverLogsStatus !== 'SUCCESS');
      if (failed.length)
        return [
          'fail',
          failed
            .map(
              (flowLog) =>
                `${flowLog.FlowLogId} ${flowLog.DeliverLogsStatus ?? 'no status'}${flowLog.DeliverLogsErrorMessage ? ` (${flowLog.DeliverLogsErrorMessage})` : ''}`,
            )
            .join('; '),
        ];
      if (found.length < flowLogs.count) return ['fail', `${found.length} of ${flowLogs.count} flow logs exist`];
      return ['pass', `${found.length} delivering`];
    });
  }

  for (const firewall of estate.firewalls) {
    inAccount('firewall-logging', firewall.account, firewall.region, firewall.name, async (aws) => {
      const response = await aws.networkFirewall().send(new DescribeLoggingConfigurationCommand({ FirewallName: firewall.name }));
      const configured: string[] = (response.LoggingConfiguration?.LogDestinationConfigs ?? [])
        .filter((entry) => entry.LogDestinationType === 'S3')
        .map((entry) => entry.LogType ?? '');
      const absent = firewall.logTypes.filter((type) => !configured.includes(type));
      if (absent.length) return ['fail', `no S3 logging for ${absent.join(', ')}`];
      return ['pass', `${firewall.logTypes.join(', ')} to S3`];
    });
  }

  for (const queryLog of estate.queryLogConfigs) {
    inAccount('query-log-config', queryLog.account, queryLog.region, queryLog.name, async (aws) => {
      const { ResolverQueryLogConfigs: found = [] } = await aws
        .route53Resolver()
        .send(new ListResolverQueryLogConfigsCommand({ Filters: [{ Name: 'Name', Values: [queryLog.name] }] }));
      const config = found.find((candidate) => candidate.Name === queryLog.name);
      if (!config) return ['fail', 'query-log configuration not found'];
      if (config.Status !== 'CREATED') return ['fail', `Status ${config.Status}`];
      return ['pass', `CREATED, ${config.AssociationCount ?? 0} association(s)`];
    });
  }

  for (const associations of estate.queryLogAssociations) {
    inAccount(
      'query-log-association',
      associations.account,
      associations.region,
      `${associations.count} association(s) of ${associations.stack}`,
      async (aws) => {
        const { ResolverQueryLogConfigAssociations: found = [] } = await aws
          .route53Resolver()
          .send(new ListResolverQueryLogConfigAssociationsCommand({}));
        const broken = found.filter(
          (association) => association.Status !== 'ACTIVE' || (association.Error && association.Error !== 'NONE'),
        );
        if (broken.length)
          return [
            'fail',
            broken
              .map((association) =>
                `${association.ResourceId} ${association.Status} ${association.Error ?? ''} ${association.ErrorMessage ?? ''}`.trim(),
              )
              .join('; '),
          ];
        if (found.length < associations.count) return ['fail', `${found.length} of ${associations.count} associations exist`];
        return ['pass', `${found.length} ACTIVE`];
      },
    );
  }
}
