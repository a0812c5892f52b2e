// Deployment principals: every principal that acts during deploy and day-2 operations
// (lib/deployment-principals.ts, one AWS documentation reference per row) makes every request it
// needs, simulated through the SCPs and RCPs of EVERY OU chain that the example configuration and a
// generated estate contain, Suspended included. A guardrail that would stop a first deployment, a
// StackSet update or a pull-request plan fails here, offline.
import * as fs from 'node:fs';
import { flattenOus, SUSPENDED_OU } from '../../lib/config/model';
import { loadConfig } from '../../lib/config/load';
import type { WorkloadAccountConfig } from '../../lib/config/schema';
import { deploymentPrincipals, type DeploymentPrincipal } from '../../lib/deployment-principals';
import { buildGuardrailModel, type GuardrailModel, type SimulatedAccount, simulateRequest } from '../../tools/simulation/simulate';
import { exemptRoleArns, unlessPrincipal } from '../../policies/common';
import { generateConfig } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const example = loadConfig(EXAMPLE_CONFIG_DIR);
const config = example.landingZone;
const generatedDir = generateConfig(6);
const generated = loadConfig(generatedDir);
fs.rmSync(generatedDir, { recursive: true, force: true });

// One account in every OU the configuration defines, so that an OU without accounts today (Sandbox)
// is covered too, and one suspended account, which sits in the Suspended OU.
const probes: WorkloadAccountConfig[] = flattenOus(config.organizationalUnits).map((ou, index) => ({
  name: `probe-${ou.path.replace(/\//g, '-').toLowerCase()}`,
  email: `aws-probe-${index}@example.nhs.uk`,
  ou: ou.path,
  owner: 'cloud-platform-team@example.nhs.uk',
  costCentre: 'CC-0100',
  classification: 'OFFICIAL',
  hscn: false,
  cidr: `100.64.${200 + index}.0/24`,
  status: 'active',
}));
const suspendedProbe: WorkloadAccountConfig = {
  ...probes[0],
  name: 'probe-suspended-account',
  ou: 'Workloads/Production',
  status: 'suspended',
};
const workloads = [
  ...example.accounts.map((account) => account.config),
  ...generated.accounts.map((account) => account.config),
  ...probes,
  suspendedProbe,
];
const model = buildGuardrailModel(config, workloads);
const management = model.accounts.find((account) => account.kind === 'management') as SimulatedAccount;

/** One member account for each distinct OU chain: SCPs and RCPs differ only by chain. */
const chains = new Map<string, SimulatedAccount>();
for (const account of model.accounts) if (account.ouPath && !chains.has(account.ouPath)) chains.set(account.ouPath, account);

const principals = deploymentPrincipals(config);

interface Case {
  readonly principal: DeploymentPrincipal;
  readonly account: SimulatedAccount;
  readonly action: string;
  readonly region: string;
  readonly resource?: string;
  readonly context?: Readonly<Record<string, string>>;
}
const cases: Case[] = [];
for (const principal of principals) {
  for (const [ouPath, account] of chains) {
    // Log delivery targets only the log-archive bucket; the chain is the log-archive account's.
    if (
      principal.onlyIn === 'log-archive' &&
      account.name !== config.coreAccounts.logArchive.name &&
      ouPath !== config.coreAccounts.logArchive.ou
    )
      continue;
    const target =
      principal.onlyIn === 'log-archive'
        ? (model.accounts.find((candidate) => candidate.name === config.coreAccounts.logArchive.name) as SimulatedAccount)
        : account;
    for (const request of principal.requests) {
      const region = request.global ? 'us-east-1' : config.homeRegion;
      cases.push({
        principal,
        account: target,
        action: request.action,
        region,
        resource: request.resource?.(target.accountId, config.homeRegion),
        context: request.context,
      });
    }
  }
}

describe('deployment principals', () => {
  it('covers every OU chain of the example and a generated estate, Suspended included, and every principal kind', () => {
    expect([...chains.keys()].sort()).toEqual(
      flattenOus(config.organizationalUnits)
        .map((ou) => ou.path)
        .sort(),
    );
    expect(chains.has(SUSPENDED_OU)).toBe(true);
    expect(new Set(principals.map((principal) => principal.home))).toEqual(
      new Set(['target-account-role', 'management-account', 'aws-service', 'service-linked-role']),
    );
    expect(principals.map((principal) => principal.id)).toEqual(
      expect.arrayContaining([
        'stacksets-exec',
        'execution-role',
        'apply-role-assumes-execution',
        'plan-role-assumes-readonly',
        'plan-readonly',
        'break-glass',
        'break-glass-assumption',
      ]),
    );
    for (const principal of principals) expect(principal.reference.length).toBeGreaterThan(20);
  });

  it.each(
    cases.map((entry) => [`${entry.principal.id} ${entry.action} in ${entry.account.ouPath} (${entry.account.name})`, entry] as const),
  )('%s is allowed', async (_, entry) => {
    const outcome = await simulateRequest(model, {
      account: entry.account.name,
      action: entry.action,
      region: entry.region,
      principal: entry.principal.principal(entry.account.accountId, management.accountId),
      resource: entry.resource,
      context: entry.context,
    });
    expect({ decision: outcome.decision, deciding: outcome.deciding }).toEqual({ decision: 'Allowed', deciding: undefined });
  });

  it('would catch the guardrail that stopped the first deployment (the suite can fail)', async () => {
    // Baseline protection as it was before ADR 0005: role changes exempt only execution and break-glass.
    const before: GuardrailModel = {
      ...model,
      catalogue: model.catalogue.map((policy) =>
        policy.key !== 'baseline-protection'
          ? policy
          : {
              ...policy,
              document: {
                ...policy.document,
                Statement: policy.document.Statement.map((statement) =>
                  statement.Sid === 'DenyLandingZoneRoleChanges'
                    ? { ...statement, Condition: unlessPrincipal(exemptRoleArns(config)) }
                    : statement,
                ),
              },
            },
      ),
    };
    const stacksets = principals.find((principal) => principal.id === 'stacksets-exec') as DeploymentPrincipal;
    const account = chains.get('Workloads/Production') as SimulatedAccount;
    const outcome = await simulateRequest(before, {
      account: account.name,
      action: 'iam:CreateRole',
      region: 'us-east-1',
      principal: stacksets.principal(account.accountId, management.accountId),
      resource: `arn:aws:iam::${account.accountId}:role/${config.roles.execution}`,
    });
    expect(outcome.decision).toBe('Denied');
    expect(outcome.deciding).toMatchObject({ policy: 'baseline-protection', statement: 'DenyLandingZoneRoleChanges' });
  });

  it('records that SCPs and RCPs never apply to service-linked roles (AWS exempts them)', async () => {
    const slr = principals.find((principal) => principal.home === 'service-linked-role') as DeploymentPrincipal;
    const account = chains.get(SUSPENDED_OU) as SimulatedAccount;
    const outcome = await simulateRequest(model, {
      account: account.name,
      action: 'ec2:TerminateInstances',
      region: config.homeRegion,
      principal: slr.principal(account.accountId, management.accountId),
    });
    expect(outcome).toMatchObject({ decision: 'Allowed', scpsApply: false, rcpsApply: false });
  });
});
