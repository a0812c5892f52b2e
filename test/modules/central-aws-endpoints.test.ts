// Central AWS interface endpoints: one per configured service in the endpoint subnets, private DNS
// off, HTTPS from the workload pool only, endpoint policies that keep to the organization, and a
// private hosted zone per service name aliased to the endpoint.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import {
  AWS_ENDPOINT_SERVICES,
  DEFAULT_AWS_ENDPOINT_SERVICES,
  awsOwnedBucketsReadThroughS3,
  endpointPolicy,
} from '../../lib/network/aws-endpoints';
import { CentralAwsEndpoints } from '../../modules/central-aws-endpoints';
import { resourcesOfType, type TerraformJson } from '../helpers/synth';

const ORG = 'o-exampleorg1';
const POOL = '100.64.0.0/12';

function synth(services: readonly string[]): TerraformJson {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-2' });
  new CentralAwsEndpoints(stack, 'endpoints', {
    namePrefix: 'ex',
    region: 'eu-west-2',
    vpcId: 'vpc-gateway',
    subnetIds: ['subnet-a', 'subnet-b'],
    services,
    workloadPool: POOL,
    organizationId: ORG,
  });
  return JSON.parse(Testing.synth(stack));
}

const stack = synth(DEFAULT_AWS_ENDPOINT_SERVICES);
const endpoints = Object.values(resourcesOfType(stack, 'aws_vpc_endpoint'));

type Statement = {
  Sid: string;
  Effect: string;
  Principal: unknown;
  Action: unknown;
  Resource: unknown;
  Condition?: Record<string, Record<string, string>>;
};

describe('CentralAwsEndpoints', () => {
  it('creates one interface endpoint per configured service, in every endpoint subnet, with private DNS off', () => {
    expect(endpoints.map((endpoint) => endpoint.service_name).sort()).toEqual(
      DEFAULT_AWS_ENDPOINT_SERVICES.map((service) => `com.amazonaws.eu-west-2.${service}`).sort(),
    );
    for (const endpoint of endpoints) {
      expect(endpoint.vpc_endpoint_type).toBe('Interface');
      // Private DNS would answer only inside the gateway VPC; the spokes get the profile's zones instead.
      expect(endpoint.private_dns_enabled).toBe(false);
      expect(endpoint.subnet_ids).toEqual(['subnet-a', 'subnet-b']);
      expect(endpoint.security_group_ids).toHaveLength(1);
    }
  });

  it('admits HTTPS from the workload pool only, and nothing out', () => {
    const [group] = Object.values(resourcesOfType(stack, 'aws_security_group'));
    expect(group.ingress).toEqual([
      expect.objectContaining({ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: [POOL], security_groups: [], self: false }),
    ]);
    expect(group.egress).toEqual([]);
  });

  it.each(AWS_ENDPOINT_SERVICES.map((service) => [service.name, service.perimeter] as const))(
    '%s: every statement a caller from outside the organization could use is fenced (%s)',
    (name, perimeter) => {
      const policy = endpointPolicy('eu-west-2', name, ORG) as { Statement: Statement[] };
      for (const statement of policy.Statement) {
        expect(statement.Effect).toBe('Allow');
        const conditions = Object.assign({}, ...Object.values(statement.Condition ?? {}));
        if (statement.Sid === 'AwsServicePrincipals')
          expect(statement.Condition).toEqual({ Bool: { 'aws:PrincipalIsAWSService': 'true' } });
        else if (statement.Sid === 'FederationIntoOrganizationRoles') expect(conditions).toEqual({ 'aws:ResourceOrgID': ORG });
        else if (statement.Sid === 'ReadAwsOwnedBuckets') {
          // Read-only, and only AWS's own buckets: no write to any bucket outside the organization.
          expect(statement.Action).toEqual(['s3:GetObject']);
          expect(statement.Resource).toEqual(awsOwnedBucketsReadThroughS3('eu-west-2'));
        } else {
          expect(conditions['aws:PrincipalOrgID']).toBe(ORG);
          expect(conditions['aws:ResourceOrgID']).toBe(perimeter === 'identity-and-resource' ? ORG : undefined);
        }
      }
    },
  );

  it('writes the endpoint policy into each endpoint', () => {
    const sts = endpoints.find((endpoint) => endpoint.service_name.endsWith('.sts'))!;
    expect(JSON.parse(sts.policy)).toEqual(endpointPolicy('eu-west-2', 'sts', ORG));
  });

  it('gives each service a private hosted zone under its Regional name, aliased to the endpoint', () => {
    const zones = Object.values(resourcesOfType(stack, 'aws_route53_zone'));
    expect(zones.map((zone) => zone.name).sort()).toEqual(
      ['sts', 'kms', 'logs', 'monitoring', 'ssm', 'ssmmessages', 'ec2messages', 'ec2', 'api.ecr', 'dkr.ecr', 'secretsmanager', 's3']
        .map((name) => `${name}.eu-west-2.amazonaws.com`)
        .sort(),
    );
    for (const zone of zones) expect(zone.vpc).toEqual([{ vpc_id: 'vpc-gateway' }]);
    const records = Object.values(resourcesOfType(stack, 'aws_route53_record'));
    for (const record of records) {
      expect(record.type).toBe('A');
      expect(record.alias.name).toMatch(/aws_vpc_endpoint\..*\.dns_entry\[0\]\.dns_name/);
      expect(record.alias.zone_id).toMatch(/aws_vpc_endpoint\..*\.dns_entry\[0\]\.hosted_zone_id/);
    }
    // Names under the zone (bucket.s3..., <account>.dkr.ecr...) need a wildcard record too.
    expect(
      records
        .map((record) => record.name)
        .filter((name: string) => name.startsWith('*.'))
        .sort(),
    ).toEqual(['*.dkr.ecr.eu-west-2.amazonaws.com', '*.s3.eu-west-2.amazonaws.com']);
  });

  it('creates nothing but the security group when no service is configured', () => {
    const empty = synth([]);
    expect(resourcesOfType(empty, 'aws_vpc_endpoint')).toEqual({});
    expect(resourcesOfType(empty, 'aws_route53_zone')).toEqual({});
  });
});
