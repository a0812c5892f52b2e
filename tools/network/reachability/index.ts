// Offline reachability over the synthesized Terraform JSON (see model.ts for what it reads): the
// model, the firewall rules as the walk reads them, and the walk itself.
export { buildNetworkModel, type Exit, type ModelOptions, type NetworkModel, type Probe, type Verdict } from './model';
export { describeExit, tgwTableRoutes, trace, traceReply } from './trace';
export {
  withDhcpDnsServers,
  withEndpointRoute,
  withOwnDnsFirewallAllow,
  withSecondaryCidr,
  withSpokePropagationIntoGateway,
  withoutDnsProfile,
} from './attacker';
export { buildDnsModel, endpointAddress, resolve, ruleGroupsFor, type DnsAnswer, type DnsModel, type ResolveOptions } from './dns';
