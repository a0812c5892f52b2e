// What the management account watches for on the break-glass role: every AssumeRole of it that
// succeeds (every use starts with one) and every one that fails, in any account. CloudTrail records
// AssumeRole in the account that owns the role (and the caller's), and the organization trail
// delivers every account's events into the management account's log group (CloudTrail User Guide,
// "Logging IAM and AWS STS API calls with AWS CloudTrail"; "Creating a trail for an organization").

export interface BreakGlassAlarm {
  readonly id: string;
  readonly description: string;
  /** CloudWatch Logs metric filter pattern (JSON syntax) over CloudTrail records. */
  readonly pattern: string;
}

function assumeRoleOf(roleName: string): string {
  return `($.eventSource = "sts.amazonaws.com") && ($.eventName = "AssumeRole") && ($.requestParameters.roleArn = "arn:aws:iam::*:role/${roleName}")`;
}

export function breakGlassAlarms(roleName: string): BreakGlassAlarm[] {
  return [
    {
      id: 'break-glass-use',
      description: `The break-glass role ${roleName} was assumed in some account: open an incident`,
      pattern: `{ ${assumeRoleOf(roleName)} && ($.errorCode NOT EXISTS) }`,
    },
    {
      id: 'break-glass-failed-attempt',
      description: `A failed attempt to assume the break-glass role ${roleName}`,
      pattern: `{ ${assumeRoleOf(roleName)} && ($.errorCode = "*") }`,
    },
  ];
}
