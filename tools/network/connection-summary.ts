// The HSCN connection-architecture summary a connection sponsor asks for (the successor of the N3
// "Logical Connection Architecture"): allocation, prefixes advertised and accepted, DNS forwarding,
// entitled accounts, boundary controls, and who can reach what. Generated from configuration (and,
// for the matrix, from the synthesized routing), never written by hand.
import { hscnEntitled, isActive } from '../../lib/config/model';
import type { LoadedConfig } from '../../lib/config/load';
import { gatewayVpcLayout } from '../../lib/network/layout';
import { type MatrixRow, formatMatrix } from './reachability-matrix';

export function connectionSummary(loaded: LoadedConfig, matrix?: readonly MatrixRow[]): string {
  const lz = loaded.landingZone;
  const network = lz.network;
  const hscn = network.hscn;
  const out: string[] = [`### HSCN connection summary: ${lz.organization.name}`, ''];
  if (!hscn) {
    out.push('No HSCN connection is configured (`network.hscn` is absent): the estate has internet egress only.', '');
    if (matrix) out.push('#### Who can reach what', '', formatMatrix(matrix));
    return out.join('\n');
  }
  const layout = gatewayVpcLayout(lz);
  const accounts = loaded.accounts.map((account) => account.config);
  const entitled = hscnEntitled(accounts);
  const withdrawn = accounts.filter((account) => account.hscn && !isActive(account));

  out.push(
    '#### Addressing',
    '',
    `- HSCN allocation (NAT pool and published services): \`${hscn.allocation}\`, a secondary CIDR of the gateway VPC \`${layout.vpcCidr}\` in the network account, ${lz.homeRegion}.`,
    `- HSCN subnets: ${layout.hscn.map((s) => `\`${s.cidr}\` (${s.zoneId})`).join(', ')}; they hold the private NAT gateways and the Resolver outbound endpoint.`,
    `- Workload VPCs are numbered from \`${network.workloadPool}\` and are never visible to HSCN: every HSCN-bound flow is source-translated to the allocation.`,
    '',
    '#### Routing with the provider',
    '',
    `- Advertised to HSCN: \`${hscn.allocation}\` only (the Direct Connect gateway's allowed prefixes; the VPN advertises the same table). Never a workload CIDR, never a default route.`,
    `- Accepted from HSCN (${hscn.prefixes.length} of at most 100 prefixes, kept as a managed prefix list): ${hscn.prefixes.map((p) => `\`${p}\``).join(', ')}.`,
    '- Learned HSCN routes propagate only into the Transit Gateway `gateway` table, beside a static `0.0.0.0/0` blackhole; spokes never see them.',
    `- Direct Connect: transit VIF ${hscn.directConnect.transitVifId ? `\`${hscn.directConnect.transitVifId}\`` : '(to be provided)'} at ${hscn.directConnect.location ?? '(location to be agreed)'}, ${hscn.directConnect.bandwidth ?? '(speed to be agreed)'}; Direct Connect gateway ASN ${network.directConnectGatewayAsn}, Transit Gateway ASN ${network.transitGatewayAsn}.`,
    hscn.vpn
      ? `- VPN backup: site-to-site VPN with BGP to the provider's gateway \`${hscn.vpn.customerGatewayIp}\` (ASN ${hscn.vpn.customerGatewayAsn}); its two tunnels end on AWS public endpoints, so the backup path crosses the provider's service to public AWS addresses. Direct Connect is preferred (same prefixes, Direct Connect routes win on the Transit Gateway).`
      : '- VPN backup: none configured.',
    '',
    '#### DNS',
    '',
    '| domain | forwarded to | from |',
    '|---|---|---|',
    ...hscn.forwardedDomains.map(
      (domain) =>
        `| \`${domain}\` | ${hscn.dnsServers.map((s) => `\`${s}\``).join(', ')} (TCP and UDP 53) | Resolver outbound endpoint in the HSCN subnets |`,
    ),
    '',
    'The forwarding rules are shared by AWS RAM only with the entitled accounts below; resolver query logs go to the log archive.',
    '',
    '#### Entitled accounts',
    '',
    '| account | OU | VPC CIDR | allowed to HSCN |',
    '|---|---|---|---|',
    ...(entitled.length > 0
      ? entitled.map(
          (account) =>
            `| ${account.name} | ${account.ou} | \`${account.cidr}\` | ${hscn.allowedPorts.map((p) => `${p.protocol}/${p.port}`).join(', ')} |`,
        )
      : ['| (none) | | | |']),
    '',
    ...(withdrawn.length > 0 ? [`Entitlement withdrawn while suspended: ${withdrawn.map((account) => account.name).join(', ')}.`, ''] : []),
    '#### Boundary controls',
    '',
    '- One gateway VPC is the only exit from the estate; spokes have no internet gateway, NAT or peering, and their Transit Gateway table sends everything to the gateway (the workload pool and private supernets are blackholed).',
    '- AWS Network Firewall (stateful, strict order, default drop) sees original source addresses before NAT: only entitled CIDRs reach HSCN prefixes, on the allowed ports; internet egress is ' +
      (network.internetEgress.allowedDomains.length > 0
        ? `limited to ${network.internetEgress.allowedDomains.map((d) => `\`${d}\``).join(', ')}`
        : 'not domain-filtered') +
      '; HSCN-originated flows are dropped. Flow and alert logs go to the log archive.',
    '- HSCN can reach only the allocation (`hscn-transport` table); the private NAT gateways accept no inbound connections, so inbound HSCN services must be published deliberately (load balancers in the HSCN subnets) and declared in the Connection Agreement.',
    '- HSCN and the internet are never joined: nothing internet-bound is routed to the Transit Gateway inside the gateway VPC, and nothing from HSCN is routed to the internet gateway.',
    '- HSCN is not encrypted: applications use TLS end to end.',
    '',
  );
  if (matrix) out.push('#### Who can reach what (traced over the synthesized routing and firewall rules)', '', formatMatrix(matrix));
  return out.join('\n');
}
