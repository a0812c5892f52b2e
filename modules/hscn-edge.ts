// The HSCN edge: Direct Connect gateway associated with the hub (advertising exactly the HSCN
// allocation), the provider's hosted transit VIF, the site-to-site VPN backup, and the HSCN
// destinations as a managed prefix list. The Direct Connect and VPN attachments are moved to
// `hscn-transport`, which routes only the allocation, so HSCN can reach nothing else.
import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { DataAwsEc2TransitGatewayDxGatewayAttachment } from '@cdktf/provider-aws/lib/data-aws-ec2-transit-gateway-dx-gateway-attachment';
import { DxGateway } from '@cdktf/provider-aws/lib/dx-gateway';
import { DxGatewayAssociation } from '@cdktf/provider-aws/lib/dx-gateway-association';
import { DxHostedTransitVirtualInterfaceAccepter } from '@cdktf/provider-aws/lib/dx-hosted-transit-virtual-interface-accepter';
import { Ec2ManagedPrefixList } from '@cdktf/provider-aws/lib/ec2-managed-prefix-list';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { Construct } from 'constructs';
import type { HscnConfig } from '../lib/config/schema';
import type { TransitGatewayHub } from './transit-gateway-hub';

export interface HscnEdgeProps {
  readonly namePrefix: string;
  readonly hscn: HscnConfig;
  readonly directConnectGatewayAsn: number;
  readonly hub: TransitGatewayHub;
}

/** Current IPsec suites only; the provider's device must support them (provider checklist). */
const VPN_TUNNEL_CRYPTO = {
  ikeVersions: ['ikev2'],
  phase1EncryptionAlgorithms: ['AES256-GCM-16', 'AES256'],
  phase1IntegrityAlgorithms: ['SHA2-256', 'SHA2-384'],
  phase1DhGroupNumbers: [20, 21],
  phase2EncryptionAlgorithms: ['AES256-GCM-16', 'AES256'],
  phase2IntegrityAlgorithms: ['SHA2-256', 'SHA2-384'],
  phase2DhGroupNumbers: [20, 21],
} as const;

export class HscnEdge extends Construct {
  readonly prefixList: Ec2ManagedPrefixList;
  readonly directConnectGateway: DxGateway;
  readonly vpn?: VpnConnection;

  constructor(scope: Construct, id: string, props: HscnEdgeProps) {
    super(scope, id);
    const { hscn, hub, namePrefix } = props;

    this.prefixList = new Ec2ManagedPrefixList(this, 'hscn-prefixes', {
      name: `${namePrefix}-hscn`,
      addressFamily: 'IPv4',
      maxEntries: hscn.prefixes.length,
      entry: hscn.prefixes.map((cidr) => ({ cidr, description: 'HSCN destination (config network.hscn.prefixes)' })),
    });

    this.directConnectGateway = new DxGateway(this, 'dx-gateway', {
      name: `${namePrefix}-hscn`,
      amazonSideAsn: String(props.directConnectGatewayAsn),
    });
    const association = new DxGatewayAssociation(this, 'dx-gateway-association', {
      dxGatewayId: this.directConnectGateway.id,
      associatedGatewayId: hub.transitGateway.id,
      // All that AWS advertises to HSCN: never a workload CIDR, never a default route.
      allowedPrefixes: [hscn.allocation],
      // The attachment this creates must propagate into `gateway`, not into the table AWS made with
      // the Transit Gateway: only after the default propagation has been redirected.
      dependsOn: [...hub.defaultRouting],
    });
    // Provider 5.100 does not export the attachment the association creates; this data source is
    // read only after the association exists (its inputs are unknown until then, so an offline plan
    // never calls AWS). See docs/decisions/0301-dx-attachment-lookup.md.
    const dxAttachment = new DataAwsEc2TransitGatewayDxGatewayAttachment(this, 'dx-attachment', {
      transitGatewayId: hub.transitGateway.id,
      dxGatewayId: this.directConnectGateway.id,
      dependsOn: [association],
    });
    const dxAssociation = hub.associateEdge('dx', dxAttachment.id);
    if (hscn.directConnect.transitVifId) {
      new DxHostedTransitVirtualInterfaceAccepter(this, 'transit-vif-accepter', {
        virtualInterfaceId: hscn.directConnect.transitVifId,
        dxGatewayId: this.directConnectGateway.id,
        tags: { Name: `${namePrefix}-hscn` },
        // No BGP session, so no HSCN traffic, before the attachment sits in hscn-transport.
        dependsOn: [dxAssociation],
      });
    }

    if (hscn.vpn) {
      const customerGateway = new CustomerGateway(this, 'customer-gateway', {
        bgpAsn: String(hscn.vpn.customerGatewayAsn),
        ipAddress: hscn.vpn.customerGatewayIp,
        type: 'ipsec.1',
        tags: { Name: `${namePrefix}-hscn-provider` },
      });
      const tunnel = (n: 1 | 2) =>
        Object.fromEntries(
          Object.entries(VPN_TUNNEL_CRYPTO).map(([key, value]) => [`tunnel${n}${key[0].toUpperCase()}${key.slice(1)}`, [...value]]),
        );
      this.vpn = new VpnConnection(this, 'vpn', {
        customerGatewayId: customerGateway.id,
        transitGatewayId: hub.transitGateway.id,
        type: 'ipsec.1',
        // BGP, so routes fail over between Direct Connect and the VPN without a change here.
        staticRoutesOnly: false,
        // AWS generates the tunnel pre-shared keys and keeps them in Secrets Manager (the secret's ARN
        // is preshared_key_arn), so nobody writes a key into code, and plans never carry one. The
        // provider marks tunnel*_preshared_key sensitive; every plan artifact is redacted as well
        // (docs/delivery.md, Secrets).
        presharedKeyStorage: 'SecretsManager',
        ...tunnel(1),
        ...tunnel(2),
        tags: { Name: `${namePrefix}-hscn-backup` },
        // As for Direct Connect: the VPN attachment must be created after the defaults are redirected.
        dependsOn: [...hub.defaultRouting],
      });
      hub.associateEdge('vpn', this.vpn.transitGatewayAttachmentId);
    }
  }
}
