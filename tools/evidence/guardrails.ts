// The guardrail section of the evidence pack: every SCP and RCP as synthesized (name, type, where it
// attaches, its statements, its size as AWS counts it) and a probe set of requests run through the
// real OU chain by the same simulator as `lz simulate`, so the pack shows what each guardrail denied.
import type { LoadedConfig } from '../../lib/config/load';
import { isActive } from '../../lib/config/model';
import type { WorkloadAccountConfig } from '../../lib/config/schema';
import { guardrailCatalogue, targetLabel } from '../../policies/catalogue';
import { buildGuardrailModel, simulateRequest } from '../simulation/simulate';
import type { TerraformJson } from '../synth/output';

/** One kind of request the probe set sends, as every principal, in every account. */
export interface GuardrailProbe {
  readonly label: string;
  readonly action: string;
  /** `home`: the home Region; `outside`: a Region no guardrail allows (us-east-1 unless allowed). */
  readonly region: 'home' | 'outside';
  readonly context?: Readonly<Record<string, string>>;
}

/** One request per guardrail concern; chosen so each catalogue policy decides at least one. */
export const GUARDRAIL_PROBES: readonly GuardrailProbe[] = [
  { label: 'run an instance in the home Region', action: 'ec2:RunInstances', region: 'home' },
  { label: 'run an instance outside the allowed Regions', action: 'ec2:RunInstances', region: 'outside' },
  { label: 'stop CloudTrail logging', action: 'cloudtrail:StopLogging', region: 'home' },
  { label: 'delete a GuardDuty detector', action: 'guardduty:DeleteDetector', region: 'home' },
  { label: 'create an IAM user', action: 'iam:CreateUser', region: 'home' },
  { label: 'leave the organization', action: 'organizations:LeaveOrganization', region: 'home' },
  { label: 'create an internet gateway', action: 'ec2:CreateInternetGateway', region: 'home' },
  { label: 'read an S3 object without TLS', action: 's3:GetObject', region: 'home', context: { 'aws:SecureTransport': 'false' } },
];

/** The name of the stand-in suspended account (not in configuration; probed only). */
export const SUSPENDED_STAND_IN = 'suspended-stand-in';

export type ProbePrincipal = 'administrator' | 'execution role' | 'break-glass role';
const PRINCIPALS: readonly ProbePrincipal[] = ['administrator', 'execution role', 'break-glass role'];

export interface ProbeOutcome {
  readonly probe: GuardrailProbe;
  readonly account: string;
  readonly principal: ProbePrincipal;
  readonly region: string;
  readonly decision: 'Allowed' | 'Denied';
  /** `policy/statement` that denied, or empty. */
  readonly decidedBy: string;
}

export interface GuardrailSummary {
  readonly key: string;
  readonly name: string;
  readonly type: string;
  readonly attachedTo: string;
  readonly statements: readonly string[];
  /** Characters of the synthesized content, the figure AWS limits to 5,120. */
  readonly size: number;
  /** Probe requests this policy denied. */
  readonly denied: number;
}

export interface GuardrailEvidence {
  readonly policies: readonly GuardrailSummary[];
  readonly outcomes: readonly ProbeOutcome[];
}

function synthesizedContent(stacks: ReadonlyMap<string, TerraformJson>, name: string): string | undefined {
  for (const json of stacks.values()) {
    for (const body of Object.values<TerraformJson>(json.resource?.aws_organizations_policy ?? {})) {
      if (body.name === name) return body.content as string;
    }
  }
  return undefined;
}

export async function guardrailEvidence(loaded: LoadedConfig, stacks: ReadonlyMap<string, TerraformJson>): Promise<GuardrailEvidence> {
  const config = loaded.landingZone;
  const workloads = loaded.accounts.map((account) => account.config);
  // A stand-in account in the Suspended OU when configuration has none, so that OU's chain is probed too.
  const standIn: WorkloadAccountConfig[] =
    workloads.some((account) => !isActive(account)) || workloads.length === 0
      ? []
      : [{ ...workloads[0], name: SUSPENDED_STAND_IN, accountId: undefined, status: 'suspended' }];
  const model = buildGuardrailModel(config, [...workloads, ...standIn]);
  const outside =
    ['us-east-1', 'us-west-2', 'ap-southeast-2'].find((region) => !(config.allowedRegions as readonly string[]).includes(region)) ??
    'us-west-2';
  const outcomes: ProbeOutcome[] = [];
  for (const account of model.accounts) {
    for (const principal of PRINCIPALS) {
      const arn =
        principal === 'administrator'
          ? undefined
          : `arn:aws:iam::${account.accountId}:role/${principal === 'execution role' ? config.roles.execution : config.roles.breakGlass}`;
      for (const probe of GUARDRAIL_PROBES) {
        const region = probe.region === 'home' ? config.homeRegion : outside;
        const outcome = await simulateRequest(model, {
          account: account.name,
          action: probe.action,
          region,
          principal: arn,
          context: probe.context,
        });
        const decidedBy =
          outcome.decision === 'Denied' && outcome.deciding
            ? `${outcome.deciding.policy}${outcome.deciding.statement ? `/${outcome.deciding.statement}` : ''}`
            : '';
        outcomes.push({ probe, account: account.name, principal, region, decision: outcome.decision, decidedBy });
      }
    }
  }
  const policies = guardrailCatalogue(config).map((policy): GuardrailSummary => {
    const content = synthesizedContent(stacks, policy.name) ?? '';
    const statements = content
      ? (JSON.parse(content) as { Statement: { Sid?: string }[] }).Statement.map((statement) => statement.Sid ?? '(no Sid)')
      : [];
    return {
      key: policy.key,
      name: policy.name,
      type: policy.type === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP',
      attachedTo: policy.targets.map(targetLabel).join(', '),
      statements,
      size: content.length,
      denied: outcomes.filter((outcome) => outcome.decidedBy.split('/')[0] === policy.key).length,
    };
  });
  return { policies, outcomes };
}
