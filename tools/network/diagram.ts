// A Mermaid diagram of accounts, VPCs and attachments, generated from configuration only (no AWS,
// no synthesis), so that docs/hscn-gateway.md can embed it and a test can keep it current.
import { hscnEntitled, isActive } from '../../lib/config/model';
import type { LoadedConfig } from '../../lib/config/load';
import type { WorkloadAccountConfig } from '../../lib/config/schema';
import { gatewayVpcLayout } from '../../lib/network/layout';

function id(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '_');
}

/**
 * Above this many workload accounts the diagram draws one node per OU and entitlement instead of one
 * per account, so it stays readable at hundreds of accounts (the connection summary lists them all).
 */
export const MAX_ACCOUNT_NODES = 12;

interface SpokeNode {
  readonly node: string;
  readonly label: string;
  readonly attached: boolean;
  readonly attachments: number;
}

function spokeState(account: WorkloadAccountConfig, entitled: ReadonlySet<string>): string {
  if (!isActive(account)) return 'SUSPENDED, isolated';
  return entitled.has(account.name) ? 'HSCN-entitled' : 'no HSCN';
}

function accountSpoke(account: WorkloadAccountConfig, entitled: ReadonlySet<string>): SpokeNode {
  const state = spokeState(account, entitled);
  return {
    node: id(`vpc_${account.name}`),
    label: `${account.name}<br/>${account.ou}<br/>VPC ${account.cidr}<br/>${state}`,
    attached: isActive(account),
    attachments: 1,
  };
}

function groupedSpokes(accounts: readonly WorkloadAccountConfig[], entitled: ReadonlySet<string>): SpokeNode[] {
  const groups = new Map<string, WorkloadAccountConfig[]>();
  for (const account of accounts) {
    const key = `${account.ou}|${spokeState(account, entitled)}`;
    groups.set(key, [...(groups.get(key) ?? []), account]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, members]) => {
      const [ou, state] = key.split('|');
      const names = members.map((account) => account.name).sort();
      const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')}, … (+${names.length - 3})` : names.join(', ');
      const active = isActive(members[0]);
      return {
        node: id(`group_${ou}_${state}`),
        label: `${ou}: ${members.length} account${members.length > 1 ? 's' : ''}<br/>${state}<br/>${shown}`,
        attached: active,
        attachments: members.length,
      };
    });
}

export function networkDiagram(loaded: LoadedConfig): string {
  const lz = loaded.landingZone;
  const network = lz.network;
  const hscn = network.hscn;
  const accounts = loaded.accounts.map((account) => account.config);
  const entitled = new Set(hscnEntitled(accounts).map((account) => account.name));
  const layout = gatewayVpcLayout(lz);
  const zones = network.availabilityZones.join(', ');
  const lines: string[] = ['flowchart LR'];

  lines.push(`  subgraph network["network account (${lz.coreAccounts.network.name}), ${lz.homeRegion}"]`);
  lines.push(`    tgw{{"Transit Gateway<br/>ASN ${network.transitGatewayAsn}<br/>tables: spokes, gateway, hscn-transport"}}`);
  lines.push(`    subgraph gwvpc["gateway VPC ${layout.vpcCidr}${layout.hscnCidr ? ` + HSCN ${layout.hscnCidr}` : ''} (${zones})"]`);
  lines.push('      gwtgw["TGW subnets"]');
  lines.push(`      fw["Network Firewall<br/>strict order, default drop"]`);
  lines.push('      pubnat["public NAT gateways"]');
  lines.push('      igw["internet gateway (the only one)"]');
  if (hscn) {
    lines.push(`      hscnnat["private NAT gateways<br/>(HSCN subnets ${layout.hscn.map((s) => s.cidr).join(', ')})"]`);
    lines.push(`      resolver["Resolver outbound endpoint<br/>${hscn.forwardedDomains.join(', ')} to ${hscn.dnsServers.join(', ')}"]`);
  }
  lines.push('    end');
  if (hscn) {
    lines.push(`    dxgw["Direct Connect gateway<br/>ASN ${network.directConnectGatewayAsn}<br/>advertises ${hscn.allocation} only"]`);
    if (hscn.vpn)
      lines.push(`    vpn["site-to-site VPN (backup, BGP)<br/>to ${hscn.vpn.customerGatewayIp} ASN ${hscn.vpn.customerGatewayAsn}"]`);
  }
  lines.push('  end');

  const grouped = accounts.length > MAX_ACCOUNT_NODES;
  const spokes = grouped ? groupedSpokes(accounts, entitled) : accounts.map((account) => accountSpoke(account, entitled));
  lines.push(`  subgraph workloads["Workloads OU${grouped ? `: ${accounts.length} accounts, grouped by OU and entitlement` : ''}"]`);
  for (const spoke of spokes) lines.push(`    ${spoke.node}["${spoke.label}"]`);
  lines.push('  end');

  lines.push('  internet(("internet"))');
  if (hscn) lines.push(`  hscnnet(("HSCN<br/>${hscn.prefixes.length} prefixes"))`);

  for (const spoke of spokes) {
    if (spoke.attached)
      lines.push(
        `  ${spoke.node} -- "${spoke.attachments > 1 ? `${spoke.attachments} attachments` : 'attachment'} (spokes table)" --> tgw`,
      );
  }
  lines.push('  tgw -- "gateway attachment, appliance mode" --> gwtgw');
  lines.push('  gwtgw --> fw');
  lines.push('  fw -- "internet-bound" --> pubnat --> igw --> internet');
  if (hscn) {
    lines.push('  fw -- "entitled, HSCN prefixes" --> hscnnat');
    lines.push('  hscnnat -- "HSCN prefix list" --> tgw');
    lines.push('  resolver -- "DNS" --> tgw');
    lines.push('  tgw -- "hscn-transport" --- dxgw');
    lines.push(
      `  dxgw -- "transit VIF${hscn.directConnect.transitVifId ? ` ${hscn.directConnect.transitVifId}` : ' (not yet configured)'}" --- hscnnet`,
    );
    if (hscn.vpn) {
      lines.push('  tgw -- "hscn-transport" --- vpn');
      lines.push('  vpn -- "IPsec over the provider service" --- hscnnet');
    }
  }
  return `${lines.join('\n')}\n`;
}
