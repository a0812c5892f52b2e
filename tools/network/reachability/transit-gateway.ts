// The hub as the synthesized JSON describes it: Transit Gateway attachments (VPC, VPN, Direct
// Connect), route tables with their static and propagated routes, associations and propagations.
// Routes HSCN advertises over BGP are not in the JSON; `learnedHscnRoutes` stands for them.
import { cidr as parseCidr } from '../../../lib/network/cidr';
import type { Attachment, TgwRoute, Vpc } from './model';
import { type Json, type Resolver, label, resources, splitKey } from './terraform-json';

export function readTransitGateway(
  stacks: ReadonlyMap<string, Json>,
  r: Resolver,
  vpcs: ReadonlyMap<string, Vpc>,
  learnedHscnRoutes: readonly string[],
): {
  attachments: Map<string, Attachment>;
  tgwTables: Map<string, { name: string; routes: TgwRoute[] }>;
  associations: Map<string, string>;
  directConnectAdvertised: string[];
} {
  const defaultAssociation = new Map<string, string>();
  const defaultPropagation = new Map<string, string>();
  for (const [stack, , body] of resources(stacks, 'aws_ec2_transit_gateway_default_route_table_association'))
    defaultAssociation.set(r.id(stack, body.transit_gateway_id), r.id(stack, body.transit_gateway_route_table_id));
  for (const [stack, , body] of resources(stacks, 'aws_ec2_transit_gateway_default_route_table_propagation'))
    defaultPropagation.set(r.id(stack, body.transit_gateway_id), r.id(stack, body.transit_gateway_route_table_id));
  const tgwDefaults = new Map<string, { association: boolean; propagation: boolean }>();
  for (const [, key, body] of resources(stacks, 'aws_ec2_transit_gateway')) {
    tgwDefaults.set(key, {
      association: body.default_route_table_association !== 'disable',
      propagation: body.default_route_table_propagation !== 'disable',
    });
  }

  const attachments = new Map<string, Attachment>();
  for (const [stack, key, body] of resources(stacks, 'aws_ec2_transit_gateway_vpc_attachment')) {
    attachments.set(key, {
      key,
      name: `${label(body, key)} VPC attachment`,
      kind: 'vpc',
      tgw: r.id(stack, body.transit_gateway_id),
      vpcKey: r.id(stack, body.vpc_id),
      subnetKeys: (body.subnet_ids ?? []).map((id: string) => r.id(stack, id)),
      defaultAssociation: body.transit_gateway_default_route_table_association !== false,
      defaultPropagation: body.transit_gateway_default_route_table_propagation !== false,
    });
  }
  for (const [stack, key, body] of resources(stacks, 'aws_vpn_connection')) {
    if (!body.transit_gateway_id) continue;
    attachments.set(key, {
      key,
      name: `${label(body, key)} VPN attachment`,
      kind: 'vpn',
      tgw: r.id(stack, body.transit_gateway_id),
      subnetKeys: [],
      defaultAssociation: true,
      defaultPropagation: true,
    });
  }
  const directConnectAdvertised: string[] = [];
  for (const [stack, , body] of resources(stacks, 'aws_dx_gateway_association')) {
    const tgw = r.id(stack, body.associated_gateway_id);
    if (!tgwDefaults.has(tgw)) continue;
    const key = `dx:${r.id(stack, body.dx_gateway_id)}`;
    attachments.set(key, {
      key,
      name: 'Direct Connect gateway attachment',
      kind: 'dx',
      tgw,
      subnetKeys: [],
      defaultAssociation: true,
      defaultPropagation: true,
    });
    directConnectAdvertised.push(...(body.allowed_prefixes ?? []));
  }
  // References to attachments: a VPC attachment's ID, a VPN's transit_gateway_attachment_id, or the
  // data source that finds a Direct Connect gateway's attachment.
  const attachmentOf = (stack: string, value: unknown): string | undefined => {
    const ref = r.ref(stack, value);
    if (!ref) return undefined;
    if (ref.type === 'data.aws_ec2_transit_gateway_dx_gateway_attachment') {
      const data = r.resource(ref.key);
      return data ? `dx:${r.id(splitKey(ref.key)[0], data.dx_gateway_id)}` : undefined;
    }
    return attachments.has(ref.key) ? ref.key : undefined;
  };

  const tgwTables = new Map<string, { name: string; routes: TgwRoute[] }>();
  for (const [, key, body] of resources(stacks, 'aws_ec2_transit_gateway_route_table'))
    tgwTables.set(key, { name: label(body, key), routes: [] });
  for (const [stack, key, body] of resources(stacks, 'aws_ec2_transit_gateway_route')) {
    const table = tgwTables.get(r.id(stack, body.transit_gateway_route_table_id));
    const attachment = body.blackhole ? undefined : attachmentOf(stack, body.transit_gateway_attachment_id);
    const destination = parseCidr(body.destination_cidr_block);
    table?.routes.push({
      destination,
      attachment,
      blackhole: body.blackhole === true,
      propagated: false,
      rank: 0,
      label: `${destination.text} -> ${body.blackhole ? 'blackhole' : (attachments.get(attachment ?? '')?.name ?? key)} (static)`,
    });
  }

  const associations = new Map<string, string>();
  for (const attachment of attachments.values()) {
    const table = defaultAssociation.get(attachment.tgw);
    if (attachment.defaultAssociation && tgwDefaults.get(attachment.tgw)?.association && table) associations.set(attachment.key, table);
  }
  for (const [stack, , body] of resources(stacks, 'aws_ec2_transit_gateway_route_table_association')) {
    const attachment = attachmentOf(stack, body.transit_gateway_attachment_id);
    if (attachment) associations.set(attachment, r.id(stack, body.transit_gateway_route_table_id));
  }
  const propagations: [string, string][] = [];
  for (const attachment of attachments.values()) {
    const table = defaultPropagation.get(attachment.tgw);
    if (attachment.defaultPropagation && tgwDefaults.get(attachment.tgw)?.propagation && table) propagations.push([attachment.key, table]);
  }
  for (const [stack, , body] of resources(stacks, 'aws_ec2_transit_gateway_route_table_propagation')) {
    const attachment = attachmentOf(stack, body.transit_gateway_attachment_id);
    if (attachment) propagations.push([attachment, r.id(stack, body.transit_gateway_route_table_id)]);
  }
  const learned = learnedHscnRoutes.map(parseCidr);
  for (const [attachmentKey, tableKey] of propagations) {
    const attachment = attachments.get(attachmentKey)!;
    const table = tgwTables.get(tableKey);
    if (!table) continue;
    const destinations = attachment.kind === 'vpc' ? (vpcs.get(attachment.vpcKey!)?.ranges ?? []) : learned;
    const rank = attachment.kind === 'vpc' ? 1 : attachment.kind === 'dx' ? 2 : 3;
    for (const destination of destinations) {
      table.routes.push({
        destination,
        attachment: attachmentKey,
        blackhole: false,
        propagated: true,
        rank,
        label: `${destination.text} -> ${attachment.name} (propagated)`,
      });
    }
  }
  return { attachments, tgwTables, associations, directConnectAdvertised };
}
