// Builds the cdktf App from validated configuration: every stack docs/architecture.md lists, wired so
// that `cdktf deploy '*'` runs them in dependency order. Pure construction; nothing is read here.
import { App } from 'cdktf';
import { LogArchiveStack } from './log-archive-stack';
import { ManagementStack } from './management-stack';
import { NetworkStack } from './network-stack';
import { OrganizationStack } from './organization-stack';
import { PipelineStack } from './pipeline-stack';
import { SecurityStack } from './security-stack';
import { BootstrapStack } from './bootstrap-stack';
import { WorkloadStack } from './workload-stack';
import type { LoadedConfig } from '../lib/config/load';
import { WORKLOADS_OU, workloadStackName } from '../lib/config/model';

export interface LandingZoneApp {
  readonly app: App;
  readonly organization: OrganizationStack;
  readonly logArchive: LogArchiveStack;
  readonly management: ManagementStack;
  readonly network: NetworkStack;
  readonly security: SecurityStack;
  readonly workloads: readonly WorkloadStack[];
  /** Absent when configuration has no `pipeline` section. */
  readonly pipeline?: PipelineStack;
}

export function buildApp(loaded: LoadedConfig, outdir: string): LandingZoneApp {
  const config = loaded.landingZone;
  const accounts = loaded.accounts.map((account) => account.config);
  // No construct stack traces in metadata: they make synth slower and the JSON noisier.
  const app = new App({ outdir, skipBackendValidation: true, stackTraces: false });

  const bootstrap = new BootstrapStack(app, 'bootstrap', { config });
  const organization = new OrganizationStack(app, 'organization', { config, accounts });
  organization.addDependency(bootstrap);

  // Without `pipeline` configuration there is no CI identity to create (the stack is omitted).
  let pipeline: PipelineStack | undefined;
  if (config.pipeline) {
    pipeline = new PipelineStack(app, 'pipeline', { config, organizationId: organization.organization.id });
    pipeline.addDependency(organization);
  }

  // Every account's AWS Config delivers to the log archive, so every member stack needs its ID.
  const logArchiveAccountId = organization.accountId(config.coreAccounts.logArchive.name);
  const securityAccountId = organization.accountId(config.coreAccounts.security.name);
  const logArchive = new LogArchiveStack(app, 'log-archive', {
    config,
    accountId: logArchiveAccountId,
    logArchiveAccountId,
    organizationId: organization.organization.id,
    readerAccountIds: [securityAccountId],
    networkAccountId: organization.accountId(config.coreAccounts.network.name),
  });
  logArchive.addDependency(organization);

  const management = new ManagementStack(app, 'management', { config, logArchiveAccountId, logArchiveKeyArn: logArchive.keyArn(config.homeRegion) });
  management.addDependency(logArchive);

  const network = new NetworkStack(app, 'network', {
    config,
    accountId: organization.accountId(config.coreAccounts.network.name),
    accounts,
    workloadsOuArn: organization.organizationalUnits.get(WORKLOADS_OU)!.arn,
    accountIdOf: (name) => organization.accountId(name),
    logArchiveAccountId,
  });
  const hub = { transitGatewayId: network.hub.transitGateway.id, resolverRuleIds: network.resolverRuleIds, queryLogConfigId: network.queryLogging.config.id };
  network.addDependency(logArchive);

  const security = new SecurityStack(app, 'security', {
    config,
    accountId: securityAccountId,
    logArchiveAccountId,
    organizationRootId: organization.organization.roots.get(0).id,
    // The one VPC allowed an internet gateway (Config rule internet-gateway-authorized-vpc-only).
    authorizedInternetGatewayVpcIds: [network.gateway.vpc.id],
  });
  security.addDependency(management);
  security.addDependency(network);

  const workloads = accounts.map((account) => {
    const stack = new WorkloadStack(app, workloadStackName(account.name), { config, account, accountId: organization.accountId(account.name), logArchiveAccountId, hub });
    stack.addDependency(management);
    stack.addDependency(network);
    return stack;
  });

  return { app, organization, logArchive, management, network, security, workloads, pipeline };
}
