// network: the Transit Gateway hub, gateway VPC, address planning, central endpoints, DNS Firewall and the HSCN edge.
import { z } from 'zod';
import { AWS_ENDPOINT_SERVICE_NAMES, DEFAULT_AWS_ENDPOINT_SERVICES, MAX_AWS_ENDPOINT_SERVICES } from '../../network/aws-endpoints';
import { MANAGED_THREAT_LIST_NAMES } from '../../network/dns-firewall';
import { cidr, ipv4, asn, zoneId } from './primitives';

const portRule = z
  .strictObject({
    protocol: z.enum(['TCP', 'UDP']).describe('Transport protocol: TCP or UDP.'),
    port: z.number().int().min(1).max(65535).describe('Destination port, 1-65535, e.g. 443.'),
  })
  .describe('One destination port that HSCN-entitled spokes may use towards HSCN, e.g. { protocol: TCP, port: 443 }.');

export const networkSchema = z
  .strictObject({
    transitGatewayAsn: asn.describe(
      'Amazon-side BGP ASN of the Transit Gateway: private, 64512-65534 or 4200000000-4294967294, e.g. 64512; differs from directConnectGatewayAsn and the VPN peer.',
    ),
    directConnectGatewayAsn: asn.describe(
      'Amazon-side BGP ASN of the Direct Connect gateway: private, 64512-65534 or 4200000000-4294967294, different from transitGatewayAsn, e.g. 64513.',
    ),
    workloadPool: cidr.describe(
      'Supernet from which every workload VPC CIDR is allocated, outside NHS private space (10.0.0.0/8 and the other ranges HSCN routes), e.g. 100.64.0.0/12.',
    ),
    reservedRanges: z
      .array(cidr)
      .default([])
      .describe('Ranges inside the pool that vending must never allocate and no account may use, e.g. [100.79.0.0/16]. Default: none.'),
    gatewayVpcCidr: cidr.describe(
      'Primary CIDR of the gateway VPC in the network account (/16 to /28), outside the workload pool, large enough for three /28 subnets per zone and, with awsEndpoints, a /27 per zone after them (a /24 for two zones), e.g. 100.127.0.0/24.',
    ),
    availabilityZones: z
      .array(zoneId)
      .min(2)
      .max(4)
      .describe(
        '2-4 availability-zone IDs of homeRegion (IDs, not names: eu-west-2a differs between accounts), each once, e.g. [euw2-az1, euw2-az2]. Every VPC gets subnets in each.',
      ),
    internetEgress: z
      .strictObject({
        allowedDomains: z
          .array(z.string().regex(/^\.?[a-z0-9.-]+$/))
          .default([])
          .describe(
            'When non-empty, spokes reach only these domains on the internet (TLS SNI / HTTP Host, checked by Network Firewall); a leading dot includes subdomains, e.g. [.nhs.uk, www.gov.uk]. AWS APIs go through the central endpoints, not this list. Default: empty, any destination except DNS and DNS over TLS to outside resolvers.',
          ),
      })
      .default({ allowedDomains: [] })
      .describe('Internet egress from the spokes through the central NAT and firewall. Default: no domain list.'),
    awsEndpoints: z
      .strictObject({
        services: z
          .array(z.enum(AWS_ENDPOINT_SERVICE_NAMES))
          .max(MAX_AWS_ENDPOINT_SERVICES)
          .default([...DEFAULT_AWS_ENDPOINT_SERVICES])
          .describe(
            `AWS APIs the spokes reach through central interface endpoints in the gateway VPC (each an hourly charge per zone), at most ${MAX_AWS_ENDPOINT_SERVICES}. Default: [${DEFAULT_AWS_ENDPOINT_SERVICES.join(', ')}].`,
          ),
      })
      .default({ services: [...DEFAULT_AWS_ENDPOINT_SERVICES] })
      .describe(
        "Central interface endpoints for AWS APIs, resolved in every spoke through the estate's Route 53 Profile. Default: the default service list.",
      ),
    dnsFirewall: z
      .strictObject({
        managedThreatLists: z
          .array(
            z.strictObject({
              name: z.enum(MANAGED_THREAT_LIST_NAMES).describe('AWS managed domain list name, e.g. AWSManagedDomainsMalwareDomainList.'),
              id: z
                .string()
                .regex(/^rslvr-fdl-[a-z0-9]+$/)
                .describe(
                  'Its ID in homeRegion (aws route53resolver list-firewall-domain-lists in the network account), e.g. rslvr-fdl-0example1.',
                ),
            }),
          )
          .default([])
          .describe(
            'AWS managed threat lists the DNS Firewall blocks, by name and Regional ID (IDs differ per Region and cannot be looked up offline). Default: none.',
          ),
        blockedDomains: z
          .array(z.string().regex(/^\.?[a-z0-9.-]+$/))
          .default([])
          .describe(
            'Domains the DNS Firewall blocks for every spoke; a leading dot includes subdomains, e.g. [.example-exfil.net]. Default: none.',
          ),
        allowedDomains: z
          .array(z.string().regex(/^\.?[a-z0-9.-]+$/))
          .default([])
          .describe(
            'Domains the DNS Firewall always answers, ahead of the block lists (for a false positive in a managed list); a leading dot includes subdomains. Default: none.',
          ),
      })
      .default({ managedThreatLists: [], blockedDomains: [], allowedDomains: [] })
      .describe(
        'Route 53 Resolver DNS Firewall for the gateway VPC and every spoke (through the Route 53 Profile), fail-closed. Default: no lists.',
      ),
    hscn: z
      .strictObject({
        allocation: cidr.describe(
          "The organisation's HSCN-assigned address range (NAT pool and resolver endpoints), at least a /27, outside the pool and the gateway VPC, e.g. 203.0.113.0/27; added to the gateway VPC as a secondary CIDR.",
        ),
        prefixes: z
          .array(cidr)
          .min(1)
          .describe(
            'Summarised HSCN destinations routed to HSCN, at most 100 (a Direct Connect BGP session accepts no more), none broader than /8, e.g. [155.231.231.0/29].',
          ),
        allowedPorts: z
          .array(portRule)
          .min(1)
          .describe(
            'Destination ports HSCN-entitled spokes may use towards HSCN prefixes (Network Firewall allows only these), e.g. [{ protocol: TCP, port: 443 }].',
          ),
        dnsServers: z
          .array(ipv4)
          .min(1)
          .default(['155.231.231.1', '155.231.231.2'])
          .describe(
            'HSCN DNS servers that Route 53 Resolver forwards forwardedDomains to (port 53). Default: [155.231.231.1, 155.231.231.2].',
          ),
        forwardedDomains: z
          .array(z.string().regex(/^[a-z0-9.-]+$/))
          .min(1)
          .default(['nhs.uk'])
          .describe('Domains resolved by the HSCN DNS servers, for HSCN-entitled spokes only. Default: [nhs.uk].'),
        directConnect: z
          .strictObject({
            transitVifId: z
              .string()
              .regex(/^dxvif-[a-z0-9]+$/)
              .optional()
              .describe(
                'ID of the hosted transit virtual interface the HSCN provider allocated, e.g. dxvif-fexample1; it is accepted onto the Direct Connect gateway. Default: unset, no Direct Connect path yet.',
              ),
            networkAccountDeployed: z
              .boolean()
              .optional()
              .describe(
                'Set to true once the network stack has been deployed and the provider given the network account ID; required with transitVifId unless the network account is adopted.',
              ),
            location: z
              .string()
              .optional()
              .describe('Direct Connect location, for the connection summary only, e.g. Example Data Centre, London. Default: unset.'),
            bandwidth: z.string().optional().describe('Ordered bandwidth, for the connection summary only, e.g. 1Gbps. Default: unset.'),
          })
          .default({})
          .describe(
            'The Direct Connect path to HSCN. The Direct Connect gateway is always created; omit transitVifId until the provider allocates one. Default: {}.',
          ),
        vpn: z
          .strictObject({
            customerGatewayIp: ipv4.describe("Public IPv4 address of the provider's VPN gateway, e.g. 192.0.2.10."),
            customerGatewayAsn: z
              .number()
              .int()
              .min(1)
              .max(4294967294)
              .describe("BGP ASN of the provider's VPN gateway, 1-4294967294, different from transitGatewayAsn, e.g. 65010."),
          })
          .optional()
          .describe(
            'Site-to-site VPN (BGP) to the HSCN provider, attached to the Transit Gateway as backup or as the only path. Default: no VPN.',
          ),
      })
      .optional()
      .describe('Connection to the Health and Social Care Network. Omit for an estate without HSCN; then no account may set hscn: true.'),
  })
  .describe('Transit Gateway hub, gateway VPC, address planning and the HSCN edge in the network account.');
