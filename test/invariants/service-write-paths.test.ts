// Service write paths: every log or data delivery the synthesized estate relies on (CloudTrail and
// its digests, Config, VPC and Transit Gateway flow logs, Network Firewall logs, Resolver query
// logs, S3 server access logs, replication, alarms and EventBridge rules publishing to SNS) is
// replayed as the request AWS really makes - documented object key, principal, context keys -
// against the synthesized bucket, key and topic policies and the RCPs, and must be allowed; the same
// request on behalf of another organization or account must be denied. Destinations are read from
// the synthesized JSON, so a new one is covered without editing this file.
import { loadConfig } from '../../lib/config/load';
import { buildGuardrailModel, type GuardrailModel, SIMULATED_ORGANIZATION_ID } from '../../tools/simulation/simulate';
import { evaluateResourceRequest, type ResourceRequest } from '../../tools/simulation/resource-policy';
import { DELIVERY_REFERENCES, type DeliveryCheck, type DeliveryKind, ServiceDeliveries } from '../../tools/simulation/service-deliveries';
import { SynthesizedEstate } from '../../tools/simulation/synthesized-estate';
import { editConfigFile, generateConfig } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, synthConfig } from '../helpers/synth';

/** The example estate, and a generated one whose log-archive account is adopted (a literal ID). */
function generatedEstateWithAdoptedLogArchive(): string {
  const dir = generateConfig(5);
  editConfigFile(
    dir,
    'landing-zone.yaml',
    '    name: log-archive\n',
    '    name: log-archive\n    accountId: "555555555555"\n    adoption: { configServiceLinkedRole: false, configRecorders: {} }\n',
  );
  return dir;
}

function estateUnderTest(dir: string) {
  const loaded = loadConfig(dir);
  const config = loaded.landingZone;
  const model = buildGuardrailModel(
    config,
    loaded.accounts.map((account) => account.config),
  );
  const accountIds = model.accounts.map((account) => account.accountId);
  const estate = new SynthesizedEstate(synthConfig(dir).stacks, {
    organizationId: SIMULATED_ORGANIZATION_ID,
    accountIdByName: new Map(model.accounts.map((account) => [account.name, account.accountId])),
  });
  const deliveries = new ServiceDeliveries(estate, {
    organizationId: SIMULATED_ORGANIZATION_ID,
    accountIds,
    regions: config.allowedRegions,
  });
  return { model, accountIds, estate, deliveries, checks: deliveries.checks() };
}

const describeCheck = (check: DeliveryCheck, reasons: readonly string[]) =>
  `${check.delivery}: ${check.request.action} ${check.request.resource} (${check.policy}) denied: ${reasons.join('; ')}`;

async function deniedDeliveries(model: GuardrailModel, checks: readonly DeliveryCheck[]): Promise<string[]> {
  const denied: string[] = [];
  for (const check of checks) {
    const outcome = await evaluateResourceRequest(model, check.request);
    if (outcome.decision !== 'Allowed') denied.push(describeCheck(check, outcome.reasons));
  }
  return denied;
}

const { model, accountIds, estate, deliveries, checks } = estateUnderTest(EXAMPLE_CONFIG_DIR);

describe('service write paths of the synthesized estate', () => {
  it('finds every kind of delivery the estate relies on, each with its AWS documentation reference', () => {
    const kinds = new Set(checks.map((check) => check.kind));
    expect([...kinds].sort()).toEqual((Object.keys(DELIVERY_REFERENCES) as DeliveryKind[]).sort());
    // Every flow log, firewall log destination, trail, channel and alarm contributes its own requests.
    expect(checks.filter((check) => check.kind === 'config').length).toBeGreaterThanOrEqual(
      estate.resources('aws_config_delivery_channel').length * 5,
    );
    expect(new Set(checks.filter((check) => check.kind === 'vpc-flow-logs').map((check) => check.delivery)).size).toBe(
      estate.resources('aws_flow_log').filter((flowLog) => !flowLog.body.transit_gateway_id).length,
    );
  });

  it('resolves every request to concrete ARNs and values (no unresolved Terraform expression)', () => {
    const unresolved = checks.filter((check) =>
      JSON.stringify([check.request.resource, check.request.context, check.request.resourcePolicy]).includes('unresolved('),
    );
    expect(unresolved.map((check) => `${check.delivery}: ${check.request.resource}`)).toEqual([]);
  });

  it('allows every delivery through the bucket, key and topic policies and the RCPs', async () => {
    expect(await deniedDeliveries(model, checks)).toEqual([]);
  });

  it('allows every delivery of a generated estate whose log-archive account is adopted', async () => {
    const generated = estateUnderTest(generatedEstateWithAdoptedLogArchive());
    // Bucket names carry the literal account ID here, where the example estate uses the organization stack's output.
    expect(
      generated.estate.resources('aws_s3_bucket').filter((bucket) => String(bucket.body.bucket).includes('-555555555555-')),
      // Three log purposes in two Regions, two access-log buckets, and the copy of the backup reports.
    ).toHaveLength(9);
    expect(generated.checks.filter((check) => check.kind === 'vpc-flow-logs').length).toBeGreaterThan(
      checks.filter((check) => check.kind === 'vpc-flow-logs').length,
    );
    expect(await deniedDeliveries(generated.model, generated.checks)).toEqual([]);
  });

  it('denies the same deliveries made on behalf of another organization or account', async () => {
    const foreignAccount = '999999999999';
    const foreign = (value: string) =>
      accountIds
        .reduce((text, id) => text.split(id).join(foreignAccount), value)
        .split(SIMULATED_ORGANIZATION_ID)
        .join('o-otherorg000');
    const allowedForeign: string[] = [];
    // Replication runs as a role of the estate; every other delivery is a service acting for a source.
    for (const check of checks.filter((candidate) => candidate.kind !== 's3-replication')) {
      const request: ResourceRequest = {
        ...check.request,
        context: Object.fromEntries(
          Object.entries(check.request.context).map(([key, value]) => [
            key,
            typeof value === 'string' && key !== 's3:x-amz-acl' ? foreign(value) : value,
          ]),
        ),
      };
      const outcome = await evaluateResourceRequest(model, request);
      if (outcome.decision === 'Allowed')
        allowedForeign.push(`${check.delivery}: ${check.request.action} ${check.request.resource} (${check.policy})`);
    }
    expect(allowedForeign).toEqual([]);
  });

  it('keeps the network-account prefixes (Transit Gateway flow logs, firewall logs) to the network account', async () => {
    const networkOnly = checks.filter(
      (check) =>
        (check.kind === 'transit-gateway-flow-logs' || check.kind === 'network-firewall-logs') && check.request.action === 's3:PutObject',
    );
    expect(networkOnly.length).toBeGreaterThanOrEqual(3);
    const workloadAccount = model.accounts.find((account) => account.kind === 'workload')!.accountId;
    for (const check of networkOnly) {
      const asWorkload = {
        ...check.request,
        context: {
          ...check.request.context,
          'aws:SourceAccount': workloadAccount,
          'aws:SourceArn': `arn:aws:logs:eu-west-2:${workloadAccount}:*`,
        },
      };
      expect([check.delivery, (await evaluateResourceRequest(model, asWorkload)).decision]).toEqual([check.delivery, 'Denied']);
    }
  });

  it('sends S3 server access logs only to SSE-S3 buckets (the only default encryption server access logging supports)', () => {
    // Amazon S3 User Guide, "Enabling Amazon S3 server access logging": the destination bucket's
    // default encryption can only be SSE-S3 (AES256).
    const targets = estate.resources('aws_s3_bucket_logging').map((logging) => estate.resolve(logging.stack, logging.body.target_bucket));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of new Set(targets)) expect([target, deliveries.bucket(target).sseAlgorithm]).toEqual([target, 'AES256']);
  });
});
