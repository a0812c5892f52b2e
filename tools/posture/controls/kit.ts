// What a posture control is, what its evaluation sees, and the shorthands every control file uses.
import { type Estate, type EstateAccount, type EstateResource } from '../estate';

export type Standard = 'FSBP' | 'CIS-3.0';
export type FindingStatus = 'PASSED' | 'FAILED';

export interface ControlFinding {
  /** The resource as Security Hub names it: an ARN when the synthesized JSON spells one, else the Terraform address or the account. */
  readonly resource: string;
  /** The Security Hub resource type (AwsAccount, AwsS3Bucket, AwsEc2Vpc, ...), which automation rules can match. */
  readonly resourceType: string;
  readonly status: FindingStatus;
  /** Why it fails (or, for a pass worth explaining, why it passes). */
  readonly reason?: string;
}

/** What an evaluation sees: one account in one Region, and the whole estate for organization-wide settings. */
export interface ControlContext {
  readonly estate: Estate;
  readonly account: EstateAccount;
  readonly region: string;
  /** This account's resources in this Region. */
  readonly resources: readonly EstateResource[];
  /** This account's resources in every Region (for global resources such as IAM). */
  readonly accountResources: readonly EstateResource[];
}

export interface PostureControl {
  readonly id: string;
  readonly title: string;
  /** FSBP v1.0.0 and CIS AWS Foundations Benchmark v3.0.0 membership, from the Security Hub control reference. Empty: evaluated for information, outside both scores. */
  readonly standards: readonly Standard[];
  readonly reference: string;
  /** `global`: evaluated once per account, in the home Region (IAM and account settings); `regional`: per allowed Region. */
  readonly scope: 'global' | 'regional';
  /** No findings means Security Hub has nothing to evaluate here (no such resource): the control is not counted. */
  evaluate(context: ControlContext): ControlFinding[];
}

export const CONTROLS_REFERENCE = 'https://docs.aws.amazon.com/securityhub/latest/userguide';
export const ref = (service: string, id: string): string =>
  `${CONTROLS_REFERENCE}/${service}-controls.html#${id.toLowerCase().replace('.', '-')}`;

export const ofType = (resources: readonly EstateResource[], type: string): EstateResource[] =>
  resources.filter((resource) => resource.type === type);
export const accountFinding = (context: ControlContext, status: FindingStatus, reason?: string): ControlFinding => ({
  resource: `AWS::::Account:${context.account.id}`,
  resourceType: 'AwsAccount',
  status,
  reason,
});
export const pass = (resource: string, resourceType: string, reason?: string): ControlFinding => ({
  resource,
  resourceType,
  status: 'PASSED',
  reason,
});
export const fail = (resource: string, resourceType: string, reason: string): ControlFinding => ({
  resource,
  resourceType,
  status: 'FAILED',
  reason,
});
