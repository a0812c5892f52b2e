// Predicts Security Hub's result for every control in POSTURE_CONTROLS, per account and Region, and
// the two scores. Security Hub's score for a standard is the share of its controls that pass, among
// the controls that have findings; a control fails when any of its findings (in any account or
// Region the administrator aggregates) fails and is not suppressed
// (https://docs.aws.amazon.com/securityhub/latest/userguide/standards-security-score.html).
// Suppressions are the estate's own automation rules, read from the synthesized JSON.
import type { TerraformJson } from '../synth/output';
import { POSTURE_CONTROLS, type ControlFinding, type PostureControl, type Standard } from './controls';
import { buildEstate, type Estate, type EstateResource } from './estate';

export interface EvaluatedFinding extends ControlFinding {
  readonly controlId: string;
  readonly account: string;
  readonly accountLabel: string;
  readonly region: string;
  /** The automation rule that suppresses this failed finding, when one matches. */
  readonly suppressedBy?: string;
}

export type ControlStatus = 'PASSED' | 'FAILED' | 'NO_DATA';

export interface ControlResult {
  readonly control: PostureControl;
  readonly status: ControlStatus;
  readonly findings: readonly EvaluatedFinding[];
  /** Failed findings, not suppressed. */
  readonly failed: readonly EvaluatedFinding[];
  readonly suppressed: readonly EvaluatedFinding[];
}

export interface StandardScore {
  readonly standard: Standard;
  readonly passed: number;
  readonly failed: number;
  /** Percentage, rounded down to one decimal (Security Hub shows whole percentages). */
  readonly score: number;
}

export interface PostureReport {
  readonly estate: Estate;
  readonly controls: readonly ControlResult[];
  readonly scores: readonly StandardScore[];
}

/** One criterion of an automation rule, as aws_securityhub_automation_rule writes it. */
interface StringCriterion {
  comparison?: string;
  value?: string;
}

export interface Suppression {
  readonly address: string;
  readonly ruleName: string;
  readonly controlIds: readonly StringCriterion[];
  readonly accountIds: readonly StringCriterion[];
  readonly regions: readonly StringCriterion[];
  readonly resourceTypes: readonly StringCriterion[];
  readonly resourceIds: readonly StringCriterion[];
}

const asCriteria = (value: unknown): StringCriterion[] => (Array.isArray(value) ? (value as StringCriterion[]) : []);

/** The estate's automation rules that set a finding's workflow status to SUPPRESSED. */
export function suppressionsOf(estate: Estate): Suppression[] {
  return estate.resources
    .filter(
      (resource: EstateResource) =>
        resource.type === 'aws_securityhub_automation_rule' && `${resource.body.rule_status ?? 'ENABLED'}` === 'ENABLED',
    )
    .filter((resource) =>
      asArray(resource.body.actions).some((action: TerraformJson) =>
        asArray(action.finding_fields_update).some((update: TerraformJson) =>
          asArray(update.workflow).some((workflow: TerraformJson) => workflow.status === 'SUPPRESSED'),
        ),
      ),
    )
    .map((resource) => {
      const criteria = asArray(resource.body.criteria)[0] ?? {};
      return {
        address: `${resource.stack}: ${resource.address}`,
        ruleName: `${resource.body.rule_name}`,
        controlIds: asCriteria(criteria.compliance_security_control_id),
        accountIds: asCriteria(criteria.aws_account_id),
        regions: asCriteria(criteria.resource_region),
        resourceTypes: asCriteria(criteria.resource_type),
        resourceIds: asCriteria(criteria.resource_id),
      };
    });
}

function asArray(value: unknown): TerraformJson[] {
  if (Array.isArray(value)) return value as TerraformJson[];
  return value && typeof value === 'object' ? [value as TerraformJson] : [];
}

/** A string filter of Security Hub: every EQUALS/PREFIX criterion of a field is ORed; an empty list matches everything. */
function matches(criteria: readonly StringCriterion[], actual: string): boolean {
  if (criteria.length === 0) return true;
  return criteria.some(({ comparison, value }) => {
    if (value === undefined) return false;
    switch (comparison) {
      case 'EQUALS':
        return actual === value;
      case 'PREFIX':
        return actual.startsWith(value);
      case 'CONTAINS':
        return actual.includes(value);
      default:
        return false;
    }
  });
}

export function suppressionFor(
  suppressions: readonly Suppression[],
  finding: Omit<EvaluatedFinding, 'suppressedBy'>,
): Suppression | undefined {
  return suppressions.find(
    (rule) =>
      rule.controlIds.length > 0 &&
      matches(rule.controlIds, finding.controlId) &&
      matches(rule.accountIds, finding.account) &&
      matches(rule.regions, finding.region) &&
      matches(rule.resourceTypes, finding.resourceType) &&
      matches(rule.resourceIds, finding.resource),
  );
}

export function evaluateEstate(estate: Estate, controls: readonly PostureControl[] = POSTURE_CONTROLS): PostureReport {
  const suppressions = suppressionsOf(estate);
  // Each account's resources, and per Region, grouped once (not filtered from the whole estate per
  // control and account, which is quadratic in the estate's size).
  const byAccount = new Map<string, { all: EstateResource[]; byRegion: Map<string, EstateResource[]> }>();
  for (const resource of estate.resources) {
    let entry = byAccount.get(resource.account);
    if (!entry) byAccount.set(resource.account, (entry = { all: [], byRegion: new Map() }));
    entry.all.push(resource);
    const inRegion = entry.byRegion.get(resource.region);
    if (inRegion) inRegion.push(resource);
    else entry.byRegion.set(resource.region, [resource]);
  }
  const results: ControlResult[] = controls.map((control) => {
    const findings: EvaluatedFinding[] = [];
    for (const account of estate.accounts) {
      const grouped = byAccount.get(account.id);
      const accountResources = grouped?.all ?? [];
      const regions = control.scope === 'global' ? [estate.homeRegion] : account.regions;
      for (const region of regions) {
        const resources = grouped?.byRegion.get(region) ?? [];
        for (const finding of control.evaluate({ estate, account, region, resources, accountResources })) {
          const base = { ...finding, controlId: control.id, account: account.id, accountLabel: account.label, region };
          const rule = finding.status === 'FAILED' ? suppressionFor(suppressions, base) : undefined;
          findings.push(rule ? { ...base, suppressedBy: rule.ruleName } : base);
        }
      }
    }
    const failed = findings.filter((finding) => finding.status === 'FAILED' && !finding.suppressedBy);
    const suppressed = findings.filter((finding) => finding.suppressedBy);
    const status: ControlStatus = findings.length === 0 ? 'NO_DATA' : failed.length > 0 ? 'FAILED' : 'PASSED';
    return { control, status, findings, failed, suppressed };
  });
  const scores = (['FSBP', 'CIS-3.0'] as const).map((standard): StandardScore => {
    const counted = results.filter((result) => result.control.standards.includes(standard) && result.status !== 'NO_DATA');
    const passed = counted.filter((result) => result.status === 'PASSED').length;
    const failed = counted.length - passed;
    return { standard, passed, failed, score: counted.length === 0 ? 100 : Math.floor((passed / counted.length) * 1000) / 10 };
  });
  return { estate, controls: results, scores };
}

export function evaluatePosture(stacks: ReadonlyMap<string, TerraformJson>): PostureReport {
  return evaluateEstate(buildEstate(stacks));
}
