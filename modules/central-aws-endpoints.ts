// Central interface endpoints for AWS APIs in the gateway VPC (network account), and the DNS that
// sends the spokes to them: one private hosted zone per service name (e.g. sts.eu-west-2.amazonaws.com)
// with an alias to the endpoint's Regional DNS name. The zones go into the estate's Route 53 Profile
// (modules/dns-profile.ts), so a spoke resolves them by associating the profile with its own VPC.
// Private DNS on the endpoints is off: it would answer only inside the gateway VPC.
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { awsEndpointService, endpointPolicy, endpointServiceName, endpointZoneName } from '../lib/network/aws-endpoints';

export interface CentralAwsEndpointsProps {
  readonly namePrefix: string;
  /** Region of the endpoints (the home Region, where the gateway VPC is). */
  readonly region: string;
  readonly vpcId: string;
  /** One endpoint subnet per zone (the gateway VPC's endpoint tier). */
  readonly subnetIds: readonly string[];
  /** Services by configuration name (network.awsEndpoints.services). */
  readonly services: readonly string[];
  /** The only source allowed to reach the endpoints (443): the workload pool. */
  readonly workloadPool: string;
  /** The organization's ID (organization stack): endpoint policies admit only its principals. */
  readonly organizationId: string;
}

export interface CentralEndpoint {
  readonly service: string;
  readonly endpoint: VpcEndpoint;
  readonly zone: Route53Zone;
}

export class CentralAwsEndpoints extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly endpoints: CentralEndpoint[] = [];

  constructor(scope: Construct, id: string, props: CentralAwsEndpointsProps) {
    super(scope, id);
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${props.namePrefix}-aws-endpoints`,
      description: 'Central AWS interface endpoints: HTTPS from the workload pool only',
      vpcId: props.vpcId,
      ingress: [
        {
          description: 'HTTPS from the spokes',
          protocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          cidrBlocks: [props.workloadPool],
          ipv6CidrBlocks: [],
          prefixListIds: [],
          securityGroups: [],
          selfAttribute: false,
        },
      ],
      // Interface endpoints never start connections; a security group with no egress rule is enough.
      egress: [],
      revokeRulesOnDelete: true,
      tags: { Name: `${props.namePrefix}-aws-endpoints` },
    });

    for (const service of props.services) {
      const key = service.replace(/\./g, '-');
      const endpoint = new VpcEndpoint(this, `endpoint-${key}`, {
        vpcId: props.vpcId,
        serviceName: endpointServiceName(props.region, service),
        vpcEndpointType: 'Interface',
        subnetIds: [...props.subnetIds],
        securityGroupIds: [this.securityGroup.id],
        privateDnsEnabled: false,
        policy: JSON.stringify(endpointPolicy(props.region, service, props.organizationId)),
        tags: { Name: `${props.namePrefix}-${key}` },
      });
      const zoneName = endpointZoneName(props.region, service);
      const zone = new Route53Zone(this, `zone-${key}`, {
        name: zoneName,
        comment: `Sends ${zoneName} to the central ${service} endpoint (landing zone)`,
        // A private zone must be created with a VPC; the spokes get it through the Route 53 Profile.
        vpc: [{ vpcId: props.vpcId }],
      });
      // The first DNS entry is the endpoint's Regional name; for S3 it is a wildcard (*.vpce-...),
      // whose label is dropped to name the endpoint itself.
      const target = {
        name: Fn.replace(endpoint.dnsEntry.get(0).dnsName, '*.', ''),
        zoneId: endpoint.dnsEntry.get(0).hostedZoneId,
        evaluateTargetHealth: true,
      };
      new Route53Record(this, `record-${key}`, { zoneId: zone.zoneId, name: zoneName, type: 'A', alias: target });
      if (awsEndpointService(service).wildcard) {
        new Route53Record(this, `record-${key}-wildcard`, { zoneId: zone.zoneId, name: `*.${zoneName}`, type: 'A', alias: target });
      }
      this.endpoints.push({ service, endpoint, zone });
    }
  }
}
