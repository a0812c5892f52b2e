// Route 53 Resolver query logging to the log archive, for the gateway VPC and, through a RAM share
// with the Workloads OU, for every spoke (each spoke associates its own VPC).
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { Route53ResolverQueryLogConfig } from '@cdktf/provider-aws/lib/route53-resolver-query-log-config';
import { Route53ResolverQueryLogConfigAssociation } from '@cdktf/provider-aws/lib/route53-resolver-query-log-config-association';
import { Construct } from 'constructs';

export interface ResolverQueryLoggingProps {
  readonly namePrefix: string;
  /** S3 ARN (bucket and prefix) in the log archive. */
  readonly destinationArn: string;
  /** The network account's own VPCs to log. */
  readonly vpcIds: readonly string[];
  readonly workloadsOuArn: string;
}

export class ResolverQueryLogging extends Construct {
  readonly config: Route53ResolverQueryLogConfig;

  constructor(scope: Construct, id: string, props: ResolverQueryLoggingProps) {
    super(scope, id);
    this.config = new Route53ResolverQueryLogConfig(this, 'config', {
      name: `${props.namePrefix}-resolver-queries`,
      destinationArn: props.destinationArn,
    });
    props.vpcIds.forEach(
      (vpcId, index) =>
        new Route53ResolverQueryLogConfigAssociation(this, `association-${index}`, {
          resolverQueryLogConfigId: this.config.id,
          resourceId: vpcId,
        }),
    );
    const share = new RamResourceShare(this, 'share', {
      name: `${props.namePrefix}-resolver-query-logging`,
      allowExternalPrincipals: false,
    });
    new RamResourceAssociation(this, 'share-config', { resourceShareArn: share.arn, resourceArn: this.config.arn });
    new RamPrincipalAssociation(this, 'share-workloads-ou', { resourceShareArn: share.arn, principal: props.workloadsOuArn });
  }
}
