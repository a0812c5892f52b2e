// Address planning and the network rules of docs/hscn-gateway.md.
import { gatewayVpcSizeProblem, spokeVpcSizeProblem } from '../../network/layout';
import { type CidrRange, NHS_PRIVATE_SPACE, cidr as parseKnownCidr, parseCidr, rangeContains, rangesOverlap } from '../../network/cidr';
import type { FieldPath, SourceFile } from '../diagnostics';
import type { LoadedConfig } from '../load';
import { hscnEntitled, regionCode } from '../model';
import { HSCN_ENTITLED_LIST_MAX_ENTRIES } from '../../network/hscn-entitlement';
import type { Reporter } from './kit';

/** VPCs accept primary CIDRs from /16 to /28. */
const VPC_LARGEST_PREFIX = 16;
const VPC_SMALLEST_PREFIX = 28;
/** The HSCN allocation must hold two resolver endpoints, NAT gateways and headroom. */
const HSCN_SMALLEST_ALLOCATION_PREFIX = 27;
const HSCN_BROADEST_PREFIX = 8;
/** A Direct Connect BGP session drops when the peer sends more than 100 prefixes. */
const HSCN_MAX_PREFIXES = 100;

const NHS_PRIVATE_RANGES = NHS_PRIVATE_SPACE.map(parseKnownCidr);

export function validateNetwork(config: LoadedConfig, report: Reporter): void {
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
      report(
        where,
        `${range.text} overlaps NHS private address space ${clash.text}, which HSCN routes; number ${what} from a range such as 100.64.0.0/10 instead`,
      );
    }
  };

  if (network.directConnectGatewayAsn === network.transitGatewayAsn) {
    report(
      at('directConnectGatewayAsn'),
      `equals transitGatewayAsn (${network.transitGatewayAsn}); AWS requires the Direct Connect gateway and the Transit Gateway to use different ASNs`,
    );
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
    const layoutProblem = gatewayVpcSizeProblem(
      gatewayVpc.prefixLength,
      network.availabilityZones.length,
      network.awsEndpoints.services.length > 0,
    );
    if (layoutProblem && isVpcSize(gatewayVpc)) report(at('gatewayVpcCidr'), `${gatewayVpc.text} ${layoutProblem}`);
    if (pool && rangesOverlap(pool, gatewayVpc)) {
      report(
        at('gatewayVpcCidr'),
        `${gatewayVpc.text} overlaps the workload pool ${pool.text}; the spokes route table blackholes the pool, so the gateway VPC must lie outside it`,
      );
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
      report(
        where,
        `${range.text} is outside the workload pool ${pool.text} (network.workloadPool); use lz vend to allocate a free range from the pool`,
      );
    }
    if (gatewayVpc && rangesOverlap(gatewayVpc, range)) {
      report(where, `${range.text} overlaps the gateway VPC ${gatewayVpc.text}; choose a free range from the pool`);
    }
    for (const other of allocated) {
      if (rangesOverlap(other.range, range)) {
        report(
          where,
          `${range.text} overlaps ${other.range.text} of account ${other.owner} (${other.where.source.displayPath}:${other.where.source.lineOf(other.where.path)}); every VPC needs its own range`,
        );
      }
    }
    for (const blocked of reserved) {
      if (rangesOverlap(blocked.range, range)) {
        report(
          where,
          `${range.text} overlaps reserved range ${blocked.range.text} (network.reservedRanges); choose a free range from the pool`,
        );
      }
    }
    allocated.push({ range, where, owner: account.name });
  }

  const hscn = network.hscn;
  if (!hscn) return;
  const allocation = parse(hscn.allocation, at('hscn', 'allocation'));
  if (allocation) {
    if (allocation.prefixLength > HSCN_SMALLEST_ALLOCATION_PREFIX) {
      report(
        at('hscn', 'allocation'),
        `is a /${allocation.prefixLength}, smaller than /${HSCN_SMALLEST_ALLOCATION_PREFIX}; the HSCN subnets hold NAT gateways and resolver endpoints in two zones, so ask for at least a /27`,
      );
    }
    if (pool && rangesOverlap(pool, allocation))
      report(
        at('hscn', 'allocation'),
        `${allocation.text} overlaps the workload pool ${pool.text}; the HSCN allocation is HSCN-assigned address space, separate from the pool`,
      );
    if (gatewayVpc && rangesOverlap(gatewayVpc, allocation))
      report(
        at('hscn', 'allocation'),
        `${allocation.text} overlaps gatewayVpcCidr ${gatewayVpc.text}; it is added as a secondary CIDR and must not overlap the primary`,
      );
  }
  // The firewall's entitled sources are a prefix list of fixed size (ADR 0508).
  const entitled = config.accounts.filter(({ config: account }) => hscnEntitled([account]).length > 0);
  if (entitled.length > HSCN_ENTITLED_LIST_MAX_ENTRIES) {
    const { source } = entitled[HSCN_ENTITLED_LIST_MAX_ENTRIES];
    report(
      { source, path: ['hscn'] },
      `is account ${HSCN_ENTITLED_LIST_MAX_ENTRIES + 1} entitled to HSCN; the firewall's entitlement prefix list holds at most ${HSCN_ENTITLED_LIST_MAX_ENTRIES} CIDRs (Amazon VPC quota)`,
    );
  }
  if (hscn.prefixes.length > HSCN_MAX_PREFIXES) {
    report(
      at('hscn', 'prefixes'),
      `lists ${hscn.prefixes.length} prefixes; a Direct Connect BGP session accepts at most ${HSCN_MAX_PREFIXES}, so ask the provider for summarised aggregates`,
    );
  }
  const prefixes: CidrRange[] = [];
  hscn.prefixes.forEach((text, index) => {
    const where = at('hscn', 'prefixes', index);
    const range = parse(text, where);
    if (!range) return;
    if (range.prefixLength < HSCN_BROADEST_PREFIX) {
      report(
        where,
        `${range.text} is broader than /${HSCN_BROADEST_PREFIX}; a prefix that broad would capture internet traffic, so list specific HSCN aggregates`,
      );
    }
    if (pool && rangesOverlap(pool, range))
      report(where, `${range.text} overlaps the workload pool ${pool.text}; traffic to it could never leave the estate`);
    if (gatewayVpc && rangesOverlap(gatewayVpc, range)) report(where, `${range.text} overlaps the gateway VPC ${gatewayVpc.text}`);
    if (allocation && rangesOverlap(allocation, range))
      report(where, `${range.text} overlaps the organisation's own HSCN allocation ${allocation.text}`);
    if (prefixes.some((other) => other.text === range.text)) report(where, `lists ${range.text} twice; list each prefix once`);
    prefixes.push(range);
  });
  if (hscn.vpn && hscn.vpn.customerGatewayAsn === network.transitGatewayAsn) {
    report(
      at('hscn', 'vpn', 'customerGatewayAsn'),
      `equals transitGatewayAsn (${network.transitGatewayAsn}); the provider's ASN must differ from the Transit Gateway's for eBGP`,
    );
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
