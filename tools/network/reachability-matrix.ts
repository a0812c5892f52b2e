// Who can reach what: the reachability matrix of an estate, traced over its synthesized Terraform
// JSON (tools/network/reachability/). Used by `lz connection-summary` and by the HSCN gateway document, so
// the connection description a sponsor signs is the one the routing actually enforces.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesizeLandingZone } from '../synth/synthesize';
import { addressInRange, cidr, formatCidr, ipToBigInt } from '../../lib/network/cidr';
import { hscnEntitled, isActive } from '../../lib/config/model';
import type { LoadedConfig } from '../../lib/config/load';
import { readSynthOutput, type TerraformJson } from '../synth/output';
import { type Probe, type Verdict, buildDnsModel, buildNetworkModel, describeExit, endpointAddress, resolve, trace } from './reachability';

type Json = TerraformJson;

/** Stand-in internet host for probes (documentation range). */
export const INTERNET_PROBE_ADDRESS = '192.0.2.200';

export interface MatrixRow {
  readonly source: string;
  readonly destination: string;
  readonly allowed: boolean;
  /** The path when allowed, the reason when denied. */
  readonly detail: string;
}

/** Synthesizes the estate into a temporary directory and returns every stack's Terraform JSON. */
export function synthesizeStacks(loaded: LoadedConfig): Map<string, Json> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-reach-'));
  try {
    synthesizeLandingZone(loaded, outdir);
    return new Map(readSynthOutput(outdir).stacks);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function hostIn(range: string, offset: bigint): string {
  return formatCidr(cidr(range).first + offset, 32).replace('/32', '');
}

/** A one-line path: the Transit Gateway tables, firewall rule, NAT gateways and the exit. */
export function compactPath(verdict: Verdict): string {
  const steps: string[] = [];
  for (const hop of verdict.hops) {
    const tgw = /^TGW (\S+):/.exec(hop);
    if (tgw) steps.push(`TGW ${tgw[1].replace(/^[a-z0-9]+-/, '')}`);
    const firewall = /^firewall: pass sid (\S+)/.exec(hop);
    if (firewall) steps.push(`firewall (sid ${firewall[1]})`);
    const nat = /^(public|private) NAT/.exec(hop);
    if (nat) steps.push(`${nat[1]} NAT`);
  }
  steps.push(describeExit(verdict.exit));
  return steps.join(' → ');
}

export function reachabilityMatrix(loaded: LoadedConfig, stacks: ReadonlyMap<string, Json>): MatrixRow[] {
  const lz = loaded.landingZone;
  const hscn = lz.network.hscn;
  const model = buildNetworkModel(stacks, { learnedHscnRoutes: hscn?.prefixes ?? [] });
  const dns = buildDnsModel(stacks);
  const accounts = loaded.accounts.map((account) => account.config);
  const entitled = new Set(hscnEntitled(accounts).map((account) => account.name));
  const domain = lz.network.internetEgress.allowedDomains[0];
  const allowedName = domain ? `www${domain.startsWith('.') ? '' : '.'}${domain}` : 'www.example.com';

  const rows: MatrixRow[] = [];
  const add = (source: string, destination: string, probe: Probe) => {
    const verdict = trace(model, probe);
    rows.push({
      source,
      destination,
      allowed: verdict.allowed,
      detail: verdict.allowed ? compactPath(verdict) : (verdict.reason ?? 'denied'),
    });
  };

  for (const account of accounts) {
    const state = !isActive(account) ? 'suspended' : entitled.has(account.name) ? 'HSCN-entitled' : 'not entitled';
    const source = `${account.name} (${state})`;
    const from = hostIn(account.cidr, 10n);
    if (hscn) {
      for (const prefix of hscn.prefixes)
        add(source, `HSCN ${prefix} tcp/443`, { from, to: hostIn(prefix, 1n), protocol: 'tcp', port: 443 });
      add(source, `HSCN DNS ${hscn.dnsServers[0]} udp/53`, { from, to: hscn.dnsServers[0], protocol: 'udp', port: 53 });
      add(source, `HSCN ${hscn.prefixes[0]} tcp/22`, { from, to: hostIn(hscn.prefixes[0], 1n), protocol: 'tcp', port: 22 });
    }
    add(source, `internet https ${allowedName}`, { from, to: INTERNET_PROBE_ADDRESS, protocol: 'tcp', port: 443, domain: allowedName });
    if (domain)
      add(source, 'internet https other domain', {
        from,
        to: INTERNET_PROBE_ADDRESS,
        protocol: 'tcp',
        port: 443,
        domain: 'unlisted.example.com',
      });
    add(source, 'internet udp/53', { from, to: INTERNET_PROBE_ADDRESS, protocol: 'udp', port: 53 });
    // AWS APIs: the name as the spoke resolves it (Route 53 Profile), then the packet to that address.
    const vpc = [...model.vpcs.values()].find((candidate) => candidate.ranges.some((range) => addressInRange(range, ipToBigInt(from))));
    const awsName = `sts.${lz.homeRegion}.amazonaws.com`;
    const answer = vpc ? resolve(dns, vpc.key, awsName) : undefined;
    if (answer?.outcome === 'endpoint')
      add(source, `AWS API ${awsName} (central endpoint)`, { from, to: endpointAddress(model, answer), protocol: 'tcp', port: 443 });
    else
      add(source, `AWS API ${awsName} (resolves publicly)`, {
        from,
        to: INTERNET_PROBE_ADDRESS,
        protocol: 'tcp',
        port: 443,
        domain: awsName,
      });
    add(source, "another customer's bucket https attacker-bucket.s3.amazonaws.com", {
      from,
      to: INTERNET_PROBE_ADDRESS,
      protocol: 'tcp',
      port: 443,
      domain: 'attacker-bucket.s3.amazonaws.com',
    });
    for (const other of accounts.filter((candidate) => candidate.name !== account.name)) {
      add(source, `spoke ${other.name}`, { from, to: hostIn(other.cidr, 10n), protocol: 'tcp', port: 443 });
    }
  }
  if (hscn) {
    const from = hostIn(hscn.prefixes[0], 1n);
    const source = `HSCN host ${from}`;
    add(source, `HSCN allocation ${hscn.allocation} (published services)`, { from, to: hostIn(hscn.allocation, 5n), origin: 'hscn' });
    add(source, 'internet', { from, to: INTERNET_PROBE_ADDRESS, origin: 'hscn' });
    add(source, `gateway VPC ${lz.network.gatewayVpcCidr}`, { from, to: hostIn(lz.network.gatewayVpcCidr, 10n), origin: 'hscn' });
    for (const account of accounts) add(source, `spoke ${account.name}`, { from, to: hostIn(account.cidr, 10n), origin: 'hscn' });
  }
  for (const account of accounts)
    add('internet host', `spoke ${account.name}`, { from: INTERNET_PROBE_ADDRESS, to: hostIn(account.cidr, 10n), origin: 'internet' });
  if (hscn)
    add('internet host', `HSCN ${hscn.prefixes[0]}`, {
      from: INTERNET_PROBE_ADDRESS,
      to: hostIn(hscn.prefixes[0], 1n),
      origin: 'internet',
    });
  return rows;
}

export function formatMatrix(rows: readonly MatrixRow[]): string {
  const lines = ['| source | destination | verdict | path or reason |', '|---|---|---|---|'];
  for (const row of rows)
    lines.push(`| ${row.source} | ${row.destination} | ${row.allowed ? 'allowed' : 'denied'} | ${row.detail.replace(/\|/g, '\\|')} |`);
  return `${lines.join('\n')}\n`;
}
