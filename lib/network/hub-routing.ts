// Who may change the Transit Gateway hub's routing, as an EventBridge pattern (ADR 0620). The hub's
// routes are all static and come from configuration through Terraform, applied by the execution
// role; any other principal that changes a route, a propagation or an association in the network
// account is outside the reviewed path, and the pattern below matches exactly those calls.
//
// EventBridge receives "AWS API Call via CloudTrail" events for EC2 in the Region where the call was
// made (EventBridge User Guide, "Events from AWS services", CloudTrail events); the hub lives in the
// home Region. The identity fields are CloudTrail's userIdentity element (CloudTrail User Guide,
// "CloudTrail userIdentity element": type, sessionContext.sessionIssuer.userName is the role name).

/** EC2 API calls that change what a Transit Gateway route table routes (EC2 API Reference). */
export const HUB_ROUTING_CHANGE_EVENTS = [
  'CreateTransitGatewayRoute',
  'ReplaceTransitGatewayRoute',
  'DeleteTransitGatewayRoute',
  'EnableTransitGatewayRouteTablePropagation',
  'DisableTransitGatewayRouteTablePropagation',
  'AssociateTransitGatewayRouteTable',
  'DisassociateTransitGatewayRouteTable',
  'CreateTransitGatewayPrefixListReference',
  'ModifyTransitGatewayPrefixListReference',
  'ModifyTransitGateway',
] as const;

/**
 * Matches a hub routing change by anyone but the execution role: an IAM user or root (no role
 * session), or a role session issued by any other role. `anything-but` matches only when the field
 * is present, hence the two branches.
 */
export function hubRoutingChangePattern(executionRoleName: string): Record<string, unknown> {
  return {
    source: ['aws.ec2'],
    'detail-type': ['AWS API Call via CloudTrail'],
    detail: {
      eventSource: ['ec2.amazonaws.com'],
      eventName: [...HUB_ROUTING_CHANGE_EVENTS],
      $or: [
        { userIdentity: { type: [{ 'anything-but': 'AssumedRole' }] } },
        { userIdentity: { sessionContext: { sessionIssuer: { userName: [{ 'anything-but': executionRoleName }] } } } },
      ],
    },
  };
}
