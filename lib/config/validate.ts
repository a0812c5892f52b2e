// Cross-field rules that a schema cannot express: uniqueness, references between files, address
// planning and the network rules of docs/hscn-gateway.md. Every rule adds problems; none throws.
import { INLINE_POLICY_MAX_BYTES, INLINE_POLICY_MAX_NON_WHITESPACE, MANAGED_POLICIES_PER_PERMISSION_SET, nonWhitespaceLength } from '../access/limits';
import { gatewayVpcSizeProblem, spokeVpcSizeProblem } from '../network/layout';
import { type CidrRange, NHS_PRIVATE_SPACE, cidr as parseKnownCidr, parseCidr, rangeContains, rangesOverlap } from '../network/cidr';
import type { ConfigProblem, FieldPath, SourceFile } from './diagnostics';
import type { LoadedConfig } from './load';
import type { PermissionSetConfig } from './schema';
import { CORE_ACCOUNT_KEYS, SUSPENDED_OU, WORKLOADS_OU, flattenOus, hscnEntitled, platformAccounts, regionCode } from './model';
import { HSCN_ENTITLED_LIST_MAX_ENTRIES } from '../network/hscn-entitlement';
import { centralCopyRetentions } from '../backup';
import { serviceAllowListProblems } from '../guardrails/service-allow-list';

/** VPCs accept primary CIDRs from /16 to /28. */
const VPC_LARGEST_PREFIX = 16;
const VPC_SMALLEST_PREFIX = 28;
/** The HSCN allocation must hold two resolver endpoints, NAT gateways and headroom. */
const HSCN_SMALLEST_ALLOCATION_PREFIX = 27;
const HSCN_BROADEST_PREFIX = 8;
/** A Direct Connect BGP session drops when the peer sends more than 100 prefixes. */
const HSCN_MAX_PREFIXES = 100;

interface Located<T> {
  readonly value: T;
  readonly source: SourceFile;
  readonly path: FieldPath;
}

const NHS_PRIVATE_RANGES = NHS_PRIVATE_SPACE.map(parseKnownCidr);

export function validateConfig(config: LoadedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const lz = config.landingZone;
  const lzSource = config.landingZoneSource;
  const report = (located: { source: SourceFile; path: FieldPath }, message: string): void => {
    problems.push(located.source.problem(located.path, message));
  };

  // Regions
  if (!lz.allowedRegions.includes(lz.homeRegion)) {
    report({ source: lzSource, path: ['homeRegion'] }, `is ${lz.homeRegion} but allowedRegions does not include it; add it to allowedRegions`);
  }
  if (new Set(lz.allowedRegions).size !== lz.allowedRegions.length) {
    report({ source: lzSource, path: ['allowedRegions'] }, 'lists a Region twice; list each Region once');
  }

  // OU tree
  const ous = flattenOus(lz.organizationalUnits);
  const ouPaths = new Set<string>();
  ous.forEach((ou) => {
    if (ouPaths.has(ou.path)) {
      report({ source: lzSource, path: ['organizationalUnits'] }, `defines the OU ${ou.path} twice; OU names must be unique among siblings`);
    }
    ouPaths.add(ou.path);
  });
  for (const required of [WORKLOADS_OU, SUSPENDED_OU]) {
    if (!ouPaths.has(required)) {
      report({ source: lzSource, path: ['organizationalUnits'] }, `has no top-level ${required} OU; the guardrail catalogue attaches policies to it, so add it`);
    }
  }
  const ouList = [...ouPaths].join(', ');

  // Accounts: names, emails and IDs are unique across the whole organization.
  const names: Located<string>[] = [{ value: 'management', source: lzSource, path: ['managementAccount'] }];
  const emails: Located<string>[] = [{ value: lz.managementAccount.email.toLowerCase(), source: lzSource, path: ['managementAccount', 'email'] }];
  const ids: Located<string>[] = [{ value: lz.managementAccount.accountId, source: lzSource, path: ['managementAccount', 'accountId'] }];
  for (const { account, path } of platformAccounts(lz)) {
    const base: FieldPath = [...path];
    names.push({ value: account.name, source: lzSource, path: [...base, 'name'] });
    emails.push({ value: account.email.toLowerCase(), source: lzSource, path: [...base, 'email'] });
    if (account.accountId) ids.push({ value: account.accountId, source: lzSource, path: [...base, 'accountId'] });
    if (!lz.dataClassifications.includes(account.classification)) {
      report({ source: lzSource, path: [...base, 'classification'] }, `is "${account.classification}", which is not one of dataClassifications (${lz.dataClassifications.join(', ')})`);
    }
    if (!ouPaths.has(account.ou)) {
      report({ source: lzSource, path: [...base, 'ou'] }, `refers to OU "${account.ou}", which is not in organizationalUnits (known: ${ouList})`);
    }
  }
  for (const { config: account, source } of config.accounts) {
    names.push({ value: account.name, source, path: ['name'] });
    emails.push({ value: account.email.toLowerCase(), source, path: ['email'] });
    if (account.accountId) ids.push({ value: account.accountId, source, path: ['accountId'] });
    if (!ouPaths.has(account.ou)) {
      report({ source, path: ['ou'] }, `refers to OU "${account.ou}", which is not in organizationalUnits of landing-zone.yaml (known: ${ouList})`);
    } else if (account.ou === SUSPENDED_OU) {
      report({ source, path: ['ou'] }, `must stay the account's working OU; to quarantine the account set status: suspended instead`);
    } else if (account.ou !== WORKLOADS_OU && !account.ou.startsWith(`${WORKLOADS_OU}/`)) {
      report({ source, path: ['ou'] }, `is ${account.ou}, but workload accounts must sit under ${WORKLOADS_OU}/ (the Transit Gateway is shared with that OU only)`);
    }
    if (!lz.dataClassifications.includes(account.classification)) {
      report({ source, path: ['classification'] }, `is "${account.classification}", which is not one of dataClassifications in landing-zone.yaml (${lz.dataClassifications.join(', ')})`);
    }
    if (account.hscn && !lz.network.hscn) {
      report({ source, path: ['hscn'] }, 'is true but landing-zone.yaml has no network.hscn settings; add them (allocation, prefixes, allowedPorts) or set hscn: false');
    }
  }
  // Adopted accounts: the baseline imports what AWS Config already has, so configuration must say what that is.
  const adoptedAccounts: { account: { accountId?: string; adoption?: unknown }; source: SourceFile; base: FieldPath }[] = [
    ...platformAccounts(lz).map(({ account, path }) => ({ account, source: lzSource, base: [...path] as FieldPath })),
    ...config.accounts.map(({ config: account, source }) => ({ account, source, base: [] as FieldPath })),
  ];
  for (const { account, source, base } of adoptedAccounts) {
    if (account.accountId && !account.adoption) {
      report(
        { source, path: [...base, 'accountId'] },
        'adopts an existing account, which may already have AWS Config (one recorder per Region, AWSServiceRoleForConfig) that the baseline would collide with; add `adoption:` saying what exists (configServiceLinkedRole, configRecorders), see docs/vending.md "Adopting an existing account"',
      );
    } else if (!account.accountId && account.adoption) {
      report({ source, path: [...base, 'adoption'] }, 'describes an existing account, but accountId is not set; remove it for a new account, or set accountId to adopt one');
    }
  }

  reportDuplicates(names, 'account name', report);
  reportDuplicates(emails, 'account email', report);
  reportDuplicates(ids, 'account ID', report);

  // The execution role is created by a StackSet in every member account; AWS Organizations has already
  // created OrganizationAccountAccessRole in the accounts it made, so that name would collide.
  if (lz.roles.execution === 'OrganizationAccountAccessRole') {
    report(
      { source: lzSource, path: ['roles', 'execution'] },
      'is OrganizationAccountAccessRole, which AWS Organizations already creates and whose trust cannot carry the pipeline\'s source identity; use a landing-zone role name such as lz-execution (see docs/decisions/0004-execution-role-stack-set.md)',
    );
  }
  if (lz.roles.breakGlass === lz.roles.execution) {
    report({ source: lzSource, path: ['roles', 'breakGlass'] }, 'must differ from roles.execution: the break-glass role is a separate, alarmed identity');
  }
  const breakGlassAccount = lz.roles.breakGlassPrincipal?.split(':')[4];
  if (breakGlassAccount !== undefined && breakGlassAccount !== lz.managementAccount.accountId) {
    report(
      { source: lzSource, path: ['roles', 'breakGlassPrincipal'] },
      `is in account ${breakGlassAccount}, not the management account ${lz.managementAccount.accountId}: only a management-account principal may assume the break-glass role`,
    );
  }

  // Logging
  const objectLock = lz.logging.objectLock;
  if (objectLock.mode === 'COMPLIANCE' && objectLock.acknowledgeComplianceModeCannotBeUndone !== true) {
    report(
      { source: lzSource, path: ['logging', 'objectLock', 'mode'] },
      'is COMPLIANCE, which nobody (not even the root user) can shorten or remove before retention ends; set acknowledgeComplianceModeCannotBeUndone: true to confirm, or use GOVERNANCE',
    );
  }

  // Macie discovery job: its classifications must be ones accounts and buckets can carry.
  (lz.securityPosture.sensitiveDataDiscovery?.classifications ?? []).forEach((classification, index) => {
    if (!lz.dataClassifications.includes(classification)) {
      report({ source: lzSource, path: ['securityPosture', 'sensitiveDataDiscovery', 'classifications', index] }, `is "${classification}", which is not one of dataClassifications (${lz.dataClassifications.join(', ')})`);
    }
  });

  validateBackup(config, report);
  validateNetwork(config, report);
  validateAccess(config, report);
  for (const problem of serviceAllowListProblems(lz)) report({ source: lzSource, path: problem.path }, problem.message);
  return problems;
}

type Reporter = (located: { source: SourceFile; path: FieldPath }, message: string) => void;

function reportDuplicates(items: readonly Located<string>[], what: string, report: Reporter): void {
  const first = new Map<string, Located<string>>();
  for (const item of items) {
    const earlier = first.get(item.value);
    if (earlier) {
      report(item, `${what} "${item.value}" is already used at ${earlier.source.displayPath}:${earlier.source.lineOf(earlier.path)}; every ${what} must be unique`);
    } else {
      first.set(item.value, item);
    }
  }
}

function validateNetwork(config: LoadedConfig, report: Reporter): void {
  const lz = config.landingZone;
  const network = lz.network;
  const lzSource = config.landingZoneSource;
  const at = (...path: FieldPath): { source: SourceFile; path: FieldPath } => ({ source: lzSource, path: ['network', ...path] });

  const parse = (text: string, where: { source: SourceFile; path: FieldPath }): CidrRange | undefined => {
    const parsed = parseCidr(text);
    if (typeof parsed === 'string') {
      report(where, parsed);
      return undefined;
    }
    return parsed;
  };
  const checkNotNhsPrivate = (range: CidrRange, where: { source: SourceFile; path: FieldPath }, what: string): void => {
    const clash = NHS_PRIVATE_RANGES.find((nhs) => rangesOverlap(nhs, range));
    if (clash) {
      report(where, `${range.text} overlaps NHS private address space ${clash.text}, which HSCN routes; number ${what} from a range such as 100.64.0.0/10 instead`);
    }
  };

  if (network.directConnectGatewayAsn === network.transitGatewayAsn) {
    report(at('directConnectGatewayAsn'), `equals transitGatewayAsn (${network.transitGatewayAsn}); AWS requires the Direct Connect gateway and the Transit Gateway to use different ASNs`);
  }

  const homeCode = regionCode(lz.homeRegion);
  const seenZones = new Set<string>();
  network.availabilityZones.forEach((zone, index) => {
    if (!zone.startsWith(`${homeCode}-`)) {
      report(at('availabilityZones', index), `is ${zone}, not a zone of the home Region ${lz.homeRegion}; use IDs such as ${homeCode}-az1`);
    }
    if (seenZones.has(zone)) report(at('availabilityZones', index), `lists ${zone} twice; list each zone once`);
    seenZones.add(zone);
  });

  const pool = parse(network.workloadPool, at('workloadPool'));
  if (pool) checkNotNhsPrivate(pool, at('workloadPool'), 'the workload pool');
  const gatewayVpc = parse(network.gatewayVpcCidr, at('gatewayVpcCidr'));
  if (gatewayVpc) {
    checkNotNhsPrivate(gatewayVpc, at('gatewayVpcCidr'), 'the gateway VPC');
    checkVpcSize(gatewayVpc, at('gatewayVpcCidr'), report);
    const layoutProblem = gatewayVpcSizeProblem(gatewayVpc.prefixLength, network.availabilityZones.length, network.awsEndpoints.services.length > 0);
    if (layoutProblem && isVpcSize(gatewayVpc)) report(at('gatewayVpcCidr'), `${gatewayVpc.text} ${layoutProblem}`);
    if (pool && rangesOverlap(pool, gatewayVpc)) {
      report(at('gatewayVpcCidr'), `${gatewayVpc.text} overlaps the workload pool ${pool.text}; the spokes route table blackholes the pool, so the gateway VPC must lie outside it`);
    }
  }

  const reserved: { range: CidrRange; where: { source: SourceFile; path: FieldPath } }[] = [];
  network.reservedRanges.forEach((text, index) => {
    const range = parse(text, at('reservedRanges', index));
    if (range) reserved.push({ range, where: at('reservedRanges', index) });
  });

  const allocated: { range: CidrRange; where: { source: SourceFile; path: FieldPath }; owner: string }[] = [];
  for (const { config: account, source } of config.accounts) {
    const where = { source, path: ['cidr'] as FieldPath };
    const range = parse(account.cidr, where);
    if (!range) continue;
    checkNotNhsPrivate(range, where, 'workload VPCs');
    checkVpcSize(range, where, report);
    const layoutProblem = spokeVpcSizeProblem(range.prefixLength, network.availabilityZones.length);
    if (layoutProblem && isVpcSize(range)) report(where, `${range.text} ${layoutProblem}`);
    if (pool && !rangeContains(pool, range)) {
      report(where, `${range.text} is outside the workload pool ${pool.text} (network.workloadPool); use lz vend to allocate a free range from the pool`);
    }
    if (gatewayVpc && rangesOverlap(gatewayVpc, range)) {
      report(where, `${range.text} overlaps the gateway VPC ${gatewayVpc.text}; choose a free range from the pool`);
    }
    for (const other of allocated) {
      if (rangesOverlap(other.range, range)) {
        report(where, `${range.text} overlaps ${other.range.text} of account ${other.owner} (${other.where.source.displayPath}:${other.where.source.lineOf(other.where.path)}); every VPC needs its own range`);
      }
    }
    for (const blocked of reserved) {
      if (rangesOverlap(blocked.range, range)) {
        report(where, `${range.text} overlaps reserved range ${blocked.range.text} (network.reservedRanges); choose a free range from the pool`);
      }
    }
    allocated.push({ range, where, owner: account.name });
  }

  const hscn = network.hscn;
  if (!hscn) return;
  const allocation = parse(hscn.allocation, at('hscn', 'allocation'));
  if (allocation) {
    if (allocation.prefixLength > HSCN_SMALLEST_ALLOCATION_PREFIX) {
      report(at('hscn', 'allocation'), `is a /${allocation.prefixLength}, smaller than /${HSCN_SMALLEST_ALLOCATION_PREFIX}; the HSCN subnets hold NAT gateways and resolver endpoints in two zones, so ask for at least a /27`);
    }
    if (pool && rangesOverlap(pool, allocation)) report(at('hscn', 'allocation'), `${allocation.text} overlaps the workload pool ${pool.text}; the HSCN allocation is HSCN-assigned address space, separate from the pool`);
    if (gatewayVpc && rangesOverlap(gatewayVpc, allocation)) report(at('hscn', 'allocation'), `${allocation.text} overlaps gatewayVpcCidr ${gatewayVpc.text}; it is added as a secondary CIDR and must not overlap the primary`);
  }
  // The firewall's entitled sources are a prefix list of fixed size (ADR 0508).
  const entitled = config.accounts.filter(({ config: account }) => hscnEntitled([account]).length > 0);
  if (entitled.length > HSCN_ENTITLED_LIST_MAX_ENTRIES) {
    const { source } = entitled[HSCN_ENTITLED_LIST_MAX_ENTRIES];
    report({ source, path: ['hscn'] }, `is account ${HSCN_ENTITLED_LIST_MAX_ENTRIES + 1} entitled to HSCN; the firewall's entitlement prefix list holds at most ${HSCN_ENTITLED_LIST_MAX_ENTRIES} CIDRs (Amazon VPC quota)`);
  }
  if (hscn.prefixes.length > HSCN_MAX_PREFIXES) {
    report(at('hscn', 'prefixes'), `lists ${hscn.prefixes.length} prefixes; a Direct Connect BGP session accepts at most ${HSCN_MAX_PREFIXES}, so ask the provider for summarised aggregates`);
  }
  const prefixes: CidrRange[] = [];
  hscn.prefixes.forEach((text, index) => {
    const where = at('hscn', 'prefixes', index);
    const range = parse(text, where);
    if (!range) return;
    if (range.prefixLength < HSCN_BROADEST_PREFIX) {
      report(where, `${range.text} is broader than /${HSCN_BROADEST_PREFIX}; a prefix that broad would capture internet traffic, so list specific HSCN aggregates`);
    }
    if (pool && rangesOverlap(pool, range)) report(where, `${range.text} overlaps the workload pool ${pool.text}; traffic to it could never leave the estate`);
    if (gatewayVpc && rangesOverlap(gatewayVpc, range)) report(where, `${range.text} overlaps the gateway VPC ${gatewayVpc.text}`);
    if (allocation && rangesOverlap(allocation, range)) report(where, `${range.text} overlaps the organisation's own HSCN allocation ${allocation.text}`);
    if (prefixes.some((other) => other.text === range.text)) report(where, `lists ${range.text} twice; list each prefix once`);
    prefixes.push(range);
  });
  if (hscn.vpn && hscn.vpn.customerGatewayAsn === network.transitGatewayAsn) {
    report(at('hscn', 'vpn', 'customerGatewayAsn'), `equals transitGatewayAsn (${network.transitGatewayAsn}); the provider's ASN must differ from the Transit Gateway's for eBGP`);
  }
  // The hosted transit VIF is allocated by the HSCN provider to the network account, which exists only
  // after the first deployment: setting it before then fails the network apply (docs/hscn-gateway.md,
  // "Two phases"). An adopted network account exists already, so its VIF may be set from the start.
  const directConnect = hscn.directConnect;
  const networkAccountAdopted = lz.coreAccounts.network.accountId !== undefined;
  if (directConnect.transitVifId && directConnect.networkAccountDeployed !== true && !networkAccountAdopted) {
    report(
      at('hscn', 'directConnect', 'transitVifId'),
      'is set, but the network account has not been deployed yet (network.hscn.directConnect.networkAccountDeployed is not true): the HSCN provider can allocate the VIF only to an account that exists. Deploy first without transitVifId, give the provider the network account ID, then set transitVifId and networkAccountDeployed: true (docs/hscn-gateway.md, "Two phases")',
    );
  }
}

function isVpcSize(range: CidrRange): boolean {
  return range.prefixLength >= VPC_LARGEST_PREFIX && range.prefixLength <= VPC_SMALLEST_PREFIX;
}

function checkVpcSize(range: CidrRange, where: { source: SourceFile; path: FieldPath }, report: Reporter): void {
  if (range.prefixLength < VPC_LARGEST_PREFIX || range.prefixLength > VPC_SMALLEST_PREFIX) {
    report(where, `${range.text} cannot be a VPC CIDR; AWS accepts /${VPC_LARGEST_PREFIX} to /${VPC_SMALLEST_PREFIX}`);
  }
}

/**
 * access: every reference resolves (groups, permission sets, accounts, OUs), names are unique, each
 * permission set fits AWS's limits (lib/access/limits.ts), and a permission set capped by the workload
 * boundary reaches only workload accounts, the only accounts that hold the boundary policy.
 */
function validateAccess(config: LoadedConfig, report: Reporter): void {
  const lz = config.landingZone;
  const access = lz.access;
  const lzSource = config.landingZoneSource;
  const at = (...path: FieldPath): { source: SourceFile; path: FieldPath } => ({ source: lzSource, path: ['access', ...path] });
  const groupNames = new Set(access?.groups.map((group) => group.name) ?? []);
  const permissionSets = new Map((access?.permissionSets ?? []).map((set) => [set.name, set]));
  const describeGroups = () => [...groupNames].join(', ') || 'none';
  const describeSets = () => [...permissionSets.keys()].join(', ') || 'none';

  if (!access) {
    for (const { config: account, source } of config.accounts) {
      if (account.access) report({ source, path: ['access'] }, 'gives groups access, but landing-zone.yaml has no access section (IAM Identity Center); add it or remove this');
    }
    return;
  }
  const seenGroups = new Map<string, number>();
  const seenIds = new Map<string, number>();
  access.groups.forEach((group, index) => {
    if (seenGroups.has(group.name)) report(at('groups', index, 'name'), `"${group.name}" is listed twice (also groups[${seenGroups.get(group.name)}]); list each group once`);
    if (seenIds.has(group.id)) report(at('groups', index, 'id'), `${group.id} is already the ID of groups[${seenIds.get(group.id)}]; every group has its own ID`);
    seenGroups.set(group.name, index);
    seenIds.set(group.id, index);
  });
  const seenSets = new Map<string, number>();
  access.permissionSets.forEach((set, index) => {
    // Permission-set names become IAM role names, which IAM compares without case.
    const key = set.name.toLowerCase();
    if (seenSets.has(key)) report(at('permissionSets', index, 'name'), `"${set.name}" is already the name of permissionSets[${seenSets.get(key)}] (names are compared without case); every permission set needs its own name`);
    seenSets.set(key, index);
    if (set.managedPolicies.length > MANAGED_POLICIES_PER_PERMISSION_SET.value) {
      report(at('permissionSets', index, 'managedPolicies'), `lists ${set.managedPolicies.length} managed policies; an IAM role takes at most ${MANAGED_POLICIES_PER_PERMISSION_SET.value} without a quota increase in every account, so combine them into the inline policy`);
    }
    if (new Set(set.managedPolicies).size !== set.managedPolicies.length) report(at('permissionSets', index, 'managedPolicies'), 'lists a policy twice; list each once');
    if (set.inlinePolicy) {
      const text = JSON.stringify(set.inlinePolicy);
      if (text.length > INLINE_POLICY_MAX_BYTES.value || nonWhitespaceLength(text) > INLINE_POLICY_MAX_NON_WHITESPACE.value) {
        report(
          at('permissionSets', index, 'inlinePolicy'),
          `is ${nonWhitespaceLength(text)} characters without whitespace; IAM Identity Center accepts at most ${INLINE_POLICY_MAX_NON_WHITESPACE.value} (and ${INLINE_POLICY_MAX_BYTES.value} bytes in all), so move statements into managed policies or use wildcards`,
        );
      }
      if (!set.inlinePolicy.Statement.some((statement) => statement.Effect === 'Allow') && set.managedPolicies.length === 0) {
        report(at('permissionSets', index, 'inlinePolicy'), 'only denies and the permission set has no managed policy, so it grants nothing; add an Allow statement or a managed policy');
      }
    } else if (set.managedPolicies.length === 0) {
      report(at('permissionSets', index), 'has neither managedPolicies nor inlinePolicy, so it grants nothing; add one');
    }
  });

  const ouPaths = new Set(flattenOus(lz.organizationalUnits).map((ou) => ou.path));
  const coreNames = new Set(CORE_ACCOUNT_KEYS.map((key) => lz.coreAccounts[key].name));
  const workloadNames = new Set(config.accounts.map((account) => account.config.name));
  const checkSet = (name: string, where: { source: SourceFile; path: FieldPath }): PermissionSetConfig | undefined => {
    const set = permissionSets.get(name);
    if (!set) report(where, `names permission set "${name}", which is not in access.permissionSets of landing-zone.yaml (known: ${describeSets()})`);
    return set;
  };
  const checkGroup = (name: string, where: { source: SourceFile; path: FieldPath }): void => {
    if (!groupNames.has(name)) report(where, `names group "${name}", which is not in access.groups of landing-zone.yaml (known: ${describeGroups()}); add the group with its identity-store ID first`);
  };
  const boundaryOnCore = (set: PermissionSetConfig | undefined): boolean => set?.workloadBoundary === true;

  access.assignments.forEach((assignment, index) => {
    checkGroup(assignment.group, at('assignments', index, 'group'));
    const set = checkSet(assignment.permissionSet, at('assignments', index, 'permissionSet'));
    if (assignment.accounts.length === 0 && assignment.ous.length === 0) report(at('assignments', index), 'has neither accounts nor ous, so it assigns nothing; add one');
    assignment.accounts.forEach((name, accountIndex) => {
      const where = at('assignments', index, 'accounts', accountIndex);
      if (name === 'management') {
        report(where, 'is the management account: the identity stack runs in the delegated administrator, which cannot manage access to the management account (docs/access.md, "The management account")');
      } else if (!coreNames.has(name) && !workloadNames.has(name)) {
        report(where, `is not an account of this configuration (core: ${[...coreNames].join(', ')}; workload accounts are files in accounts/)`);
      } else if (coreNames.has(name) && boundaryOnCore(set)) {
        report(where, `is a core account, but ${assignment.permissionSet} is capped by the workload boundary, which exists in workload accounts only; assign a permission set without workloadBoundary here`);
      }
    });
    assignment.ous.forEach((ou, ouIndex) => {
      const where = at('assignments', index, 'ous', ouIndex);
      if (!ouPaths.has(ou)) {
        report(where, `refers to OU "${ou}", which is not in organizationalUnits (known: ${[...ouPaths].join(', ')})`);
      } else if (boundaryOnCore(set) && ou !== WORKLOADS_OU && !ou.startsWith(`${WORKLOADS_OU}/`)) {
        report(where, `is outside ${WORKLOADS_OU}/, but ${assignment.permissionSet} is capped by the workload boundary, which exists in workload accounts only`);
      }
    });
  });
  access.owningTeamPermissionSets.forEach((name, index) => checkSet(name, at('owningTeamPermissionSets', index)));
  for (const { config: account, source } of config.accounts) {
    (account.access ?? []).forEach((entry, index) => {
      checkGroup(entry.group, { source, path: ['access', index, 'group'] });
      entry.permissionSets.forEach((name, setIndex) => checkSet(name, { source, path: ['access', index, 'permissionSets', setIndex] }));
    });
  }
}

/** Vault Lock: the same acknowledgement rule as Object Lock COMPLIANCE, and bounds every central copy fits. */
function validateBackup(config: LoadedConfig, report: Reporter): void {
  const lz = config.landingZone;
  const source = config.landingZoneSource;
  if (!lz.backup) return;
  const lock = lz.backup.vaultLock;
  if (lock.mode === 'COMPLIANCE' && lock.acknowledgeComplianceModeCannotBeUndone !== true) {
    report(
      { source, path: ['backup', 'vaultLock', 'mode'] },
      'is COMPLIANCE, which nobody (not even the root user or AWS) can remove once changeableForDays pass; set acknowledgeComplianceModeCannotBeUndone: true to confirm, or use GOVERNANCE',
    );
  }
  if (lock.minRetentionDays > lock.maxRetentionDays) {
    report({ source, path: ['backup', 'vaultLock', 'minRetentionDays'] }, `is ${lock.minRetentionDays}, more than maxRetentionDays (${lock.maxRetentionDays}); the lock would refuse every copy`);
  } else {
    for (const copy of centralCopyRetentions()) {
      const days = copy.retention.deleteAfterDays;
      if (days < lock.minRetentionDays || days > lock.maxRetentionDays) {
        report(
          { source, path: ['backup', 'vaultLock', days < lock.minRetentionDays ? 'minRetentionDays' : 'maxRetentionDays'] },
          `must admit the ${copy.tier} tier's ${copy.rule} copy to the ${copy.copy} central vault (kept ${days} days), or Vault Lock refuses those copies; allowed range is ${lock.minRetentionDays}-${lock.maxRetentionDays}`,
        );
      }
    }
  }
  for (const classification of Object.keys(lz.backup.classificationTiers)) {
    if (!lz.dataClassifications.includes(classification)) {
      report({ source, path: ['backup', 'classificationTiers', classification] }, `is not one of dataClassifications (${lz.dataClassifications.join(', ')})`);
    }
  }
}
