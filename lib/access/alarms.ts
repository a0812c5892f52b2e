// What the management account watches for on human access, as CloudWatch Logs metric filters over the
// organization trail's log group (the same pipeline as the break-glass alarms, lib/break-glass.ts):
// - a console sign-in by an IAM user without MFA (CloudTrail records ConsoleLogin with
//   additionalEventData.MFAUsed; CloudTrail User Guide, "AWS console sign-in events"). Identity Center
//   users authenticate at the trust's IdP, which enforces their MFA: CloudTrail cannot see it, so this
//   alarm covers the IAM users the estate still has (the break-glass officer), not them.
// - a permission-set or assignment change made by anyone but the execution role, which the identity
//   stack runs as (IAM Identity Center User Guide, "Logging IAM Identity Center API calls with AWS
//   CloudTrail": events have eventSource sso.amazonaws.com and the API name as eventName).

export interface AccessAlarm {
  readonly id: string;
  readonly description: string;
  /** CloudWatch Logs metric filter pattern (JSON syntax) over CloudTrail records. */
  readonly pattern: string;
}

/** CloudWatch Logs accepts metric filter patterns of at most 1,024 characters (PutMetricFilter, filterPattern). */
export const METRIC_FILTER_PATTERN_MAX_CHARACTERS = 1024;

/** Identity Center API calls that change what a permission set grants or who has it where. */
export const IDENTITY_CENTER_CHANGE_EVENTS = [
  'CreatePermissionSet',
  'UpdatePermissionSet',
  'DeletePermissionSet',
  'PutInlinePolicyToPermissionSet',
  'DeleteInlinePolicyFromPermissionSet',
  'AttachManagedPolicyToPermissionSet',
  'DetachManagedPolicyFromPermissionSet',
  'AttachCustomerManagedPolicyReferenceToPermissionSet',
  'DetachCustomerManagedPolicyReferenceFromPermissionSet',
  'PutPermissionsBoundaryToPermissionSet',
  'DeletePermissionsBoundaryFromPermissionSet',
  'CreateAccountAssignment',
  'DeleteAccountAssignment',
  'ProvisionPermissionSet',
] as const;

export function accessAlarms(executionRoleName: string): AccessAlarm[] {
  const issuer = '$.userIdentity.sessionContext.sessionIssuer.userName';
  return [
    {
      id: 'console-sign-in-without-mfa',
      description: 'An IAM user signed in to the console without MFA in some account',
      pattern:
        '{ ($.eventName = "ConsoleLogin") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") && ($.additionalEventData.MFAUsed != "Yes") }',
    },
    {
      id: 'identity-center-change-outside-pipeline',
      description: `A permission set or account assignment was changed by someone other than the pipeline's execution role (${executionRoleName})`,
      pattern: `{ ($.eventSource = "sso.amazonaws.com") && (${IDENTITY_CENTER_CHANGE_EVENTS.map((name) => `($.eventName = "${name}")`).join(' || ')}) && ((${issuer} NOT EXISTS) || (${issuer} != "${executionRoleName}")) }`,
    },
  ];
}
