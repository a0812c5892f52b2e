// Builds the cdktf App from validated configuration: every stack docs/architecture.md lists, wired so
// that `cdktf deploy '*'` runs them in dependency order. Pure construction; nothing is read here.
import { App } from 'cdktf';
import { LogArchiveStack } from './log-archive-stack';
import { ManagementStack } from './management-stack';
import { NetworkStack } from './network-stack';
import { NetworkRoutesStack } from './network-routes-stack';
import { OrganizationStack } from './organization-stack';
import { PipelineStack } from './pipeline-stack';
import { SecurityOrganizationStack } from './security-organization-stack';
import { SecurityStack } from './security-stack';
import { BootstrapStack } from './bootstrap-stack';
import { IdentityStack } from './identity-stack';
import { IdentityAssignmentsStack } from './identity-assignments-stack';
import { assignmentShardOf, expandAssignments } from '../lib/access/assignments';
import { BackupStack } from './backup-stack';
import { BACKUP_STACK_NAME, IDENTITY_STACK_NAME, identityAssignmentsStackName } from '../lib/naming';
import { WorkloadStack } from './workload-stack';
import type { MemberAccountStackProps } from './member-account-stack';
import type { LoadedConfig } from '../lib/config/load';
import type { AccountAdoption } from '../lib/config/schema';
import { WORKLOADS_OU, isActive, platformAccounts, workloadStackName } from '../lib/config/model';

export interface LandingZoneApp {
  readonly app: App;
  readonly organization: OrganizationStack;
  readonly logArchive: LogArchiveStack;
  readonly management: ManagementStack;
  readonly network: NetworkStack;
  /** The hub's association and return route for each spoke: after every workload stack (ADR 0620). */
  readonly networkRoutes: NetworkRoutesStack;
  readonly security: SecurityStack;
  /** Conformance packs and GuardDuty organization configuration: after every member stack. */
  readonly securityOrganization: SecurityOrganizationStack;
  readonly workloads: readonly WorkloadStack[];
  /** Absent when configuration has no `pipeline` section. */
  readonly pipeline?: PipelineStack;
  /** Identity Center permission sets; absent when configuration has no `access` section. */
  readonly identity?: IdentityStack;
  /** Identity Center account assignments, access.assignmentShards stacks (empty without `access`). */
  readonly identityAssignments: readonly IdentityAssignmentsStack[];
  /** The backup account's central vaults; absent when configuration has no `backup` section. */
  readonly backup?: BackupStack;
}

/** An adopted account's existing setup, for its stack's baseline to import (undefined for a new account). */
function adoptionOf(account: { accountId?: string; adoption?: AccountAdoption }): MemberAccountStackProps['adoption'] {
  return account.accountId && account.adoption ? { accountId: account.accountId, adoption: account.adoption } : undefined;
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
  // With the backup section, every account's baseline gets local vaults whose key the backup account may use.
  const backupAccountId = config.backup ? organization.accountId(config.backup.account.name) : undefined;
  const logArchive = new LogArchiveStack(app, 'log-archive', {
    config,
    accountId: logArchiveAccountId,
    logArchiveAccountId,
    organizationId: organization.organization.id,
    readerAccountIds: [securityAccountId],
    networkAccountId: organization.accountId(config.coreAccounts.network.name),
    adoption: adoptionOf(config.coreAccounts.logArchive),
    backupAccountId,
  });
  logArchive.addDependency(organization);

  const network = new NetworkStack(app, 'network', {
    config,
    accountId: organization.accountId(config.coreAccounts.network.name),
    accounts,
    workloadsOuArn: organization.organizationalUnits.get(WORKLOADS_OU)!.arn,
    organizationId: organization.organization.id,
    logArchiveAccountId,
    adoption: adoptionOf(config.coreAccounts.network),
    backupAccountId,
  });
  const hub = {
    transitGatewayId: network.hub.transitGateway.id,
    resolverRuleIds: network.resolverRuleIds,
    resolverRuleShareArn: network.hscnDns?.share.arn,
    networkAccountId: organization.accountId(config.coreAccounts.network.name),
    queryLogConfigId: network.queryLogging.config.id,
    dnsProfileId: network.dnsProfile.profile.id,
  };
  network.addDependency(logArchive);

  // The security stack creates its own GuardDuty detectors before the management stack designates the
  // account GuardDuty administrator (designation would otherwise create detectors no stack manages).
  const security = new SecurityStack(app, 'security', {
    config,
    accountId: securityAccountId,
    logArchiveAccountId,
    organizationRootId: organization.organization.roots.get(0).id,
    networkAccountId: organization.accountId(config.coreAccounts.network.name),
    adoption: adoptionOf(config.coreAccounts.security),
    backupAccountId,
  });
  security.addDependency(logArchive);

  const management = new ManagementStack(app, 'management', {
    config,
    logArchiveAccountId,
    logArchiveKeyArn: logArchive.keyArn(config.homeRegion),
    securityAccountId,
    backupAccountId,
  });
  management.addDependency(logArchive);
  management.addDependency(security);

  const workloads = accounts.map((account) => {
    const stack = new WorkloadStack(app, workloadStackName(account.name), {
      config,
      account,
      accountId: organization.accountId(account.name),
      logArchiveAccountId,
      hub,
      adoption: adoptionOf(account),
      backupAccountId,
      enablesSecurityServicesItself: account.securityServicesEnabledBy !== 'organization',
    });
    stack.addDependency(management);
    stack.addDependency(network);
    return stack;
  });

  // The hub's side of each spoke needs the attachment the workload stack creates, so it comes after them.
  const networkRoutes = new NetworkRoutesStack(app, 'network-routes', {
    config,
    accountId: organization.accountId(config.coreAccounts.network.name),
    tables: {
      spokes: network.hub.routeTables.spokes.id,
      entitledSpokes: network.hub.routeTables['spokes-hscn'].id,
      gateway: network.hub.routeTables.gateway.id,
    },
    hscnEntitledSourcesListId: network.hscnEntitlement?.prefixList.id,
    spokes: workloads
      .filter((stack) => stack.spoke.attachment !== undefined)
      .map((stack) => ({
        name: stack.account.name,
        cidr: stack.account.cidr,
        entitled: stack.account.hscn && isActive(stack.account),
        attachmentId: stack.spoke.attachment!.id,
      })),
  });
  networkRoutes.addDependency(network);
  for (const workload of workloads) networkRoutes.addDependency(workload);
  // The central vaults: after the log archive (its baseline's AWS Config delivers there). A vend adds
  // nothing here: the vault policy admits the whole organization, not a list of accounts.
  let backup: BackupStack | undefined;
  if (config.backup && backupAccountId) {
    backup = new BackupStack(app, BACKUP_STACK_NAME, {
      config,
      accountId: backupAccountId,
      logArchiveAccountId,
      organizationId: organization.organization.id,
      securityAccountId,
      adoption: adoptionOf(config.backup.account),
      backupAccountId,
    });
    backup.addDependency(logArchive);
    // Restore results publish to the security account's alert topic, which must exist first.
    backup.addDependency(security);
  }

  // After every member stack, so that every account records with AWS Config before the organization
  // conformance packs reach it. A vend adds only a dependency edge here (manifest), never a resource.
  const securityOrganization = new SecurityOrganizationStack(app, 'security-organization', {
    config,
    accountId: securityAccountId,
    guardDutyDetectorIds: Object.fromEntries([...security.guardDutyDetectors].map(([region, detector]) => [region, detector.id])),
    // The one VPC allowed an internet gateway (Config rule internet-gateway-authorized-vpc-only).
    authorizedInternetGatewayVpcIds: [network.gateway.vpc.id],
    // The backup tier tag check covers workload accounts; the platform accounts hold only the landing zone's own stores.
    backupTierTagExcludedAccountIds: config.backup
      ? [config.managementAccount.accountId, ...platformAccounts(config).map(({ account }) => organization.accountId(account.name))]
      : undefined,
  });
  for (const memberStack of [logArchive, network, security, management, ...(backup ? [backup] : []), ...workloads])
    securityOrganization.addDependency(memberStack);

  // The permission-set catalogue, then the account assignments in a fixed number of shard stacks
  // (ADR 0510): a vend adds rows to the one shard its account name hashes to. A shard runs after the
  // workload stacks of its accounts: a workload permission set is provisioned into an account only
  // when that account already holds the workload boundary its stack creates.
  let identity: IdentityStack | undefined;
  const identityAssignments: IdentityAssignmentsStack[] = [];
  if (config.access) {
    const catalogue = new IdentityStack(app, IDENTITY_STACK_NAME, { config, accountId: securityAccountId });
    identity = catalogue;
    catalogue.addDependency(security);
    const shardCount = config.access.assignmentShards;
    const rows = expandAssignments(config, accounts);
    for (let shard = 0; shard < shardCount; shard += 1) {
      const shardRows = rows.filter((row) => assignmentShardOf(row.account, shardCount) === shard);
      const stack = new IdentityAssignmentsStack(app, identityAssignmentsStackName(shard), {
        config,
        rows: shardRows,
        accountId: securityAccountId,
        accountIdOf: (name) => organization.accountId(name),
        permissionSetArnOf: (name) => catalogue.permissionSets.get(name)!.permissionSet.arn,
      });
      stack.addDependency(catalogue);
      const shardAccounts = new Set(shardRows.map((row) => row.account));
      for (const workload of workloads) if (shardAccounts.has(workload.account.name)) stack.addDependency(workload);
      identityAssignments.push(stack);
    }
  }

  return {
    app,
    organization,
    logArchive,
    management,
    network,
    networkRoutes,
    security,
    securityOrganization,
    workloads,
    pipeline,
    identity,
    identityAssignments,
    backup,
  };
}
