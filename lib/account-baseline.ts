// Account-baseline settings that the baseline construct deploys and the conformance rules check, so
// the two can never disagree.

/** NCSC password guidance: long passwords, no forced expiry, no reuse. */
export const PASSWORD_POLICY = {
  minimumPasswordLength: 14,
  passwordReusePrevention: 24,
  requireLowercaseCharacters: true,
  requireUppercaseCharacters: true,
  requireNumbers: true,
  requireSymbols: true,
  allowUsersToChangePassword: true,
  // No maxPasswordAge: forced expiry makes people choose weaker passwords, so NCSC advises
  // against it, and leaving it unset means passwords never expire.
} as const;

/**
 * Systems Manager service settings every account and Region gets (Security Hub SSM.6 and SSM.7):
 * Automation runbook output goes to CloudWatch Logs, and SSM documents cannot be shared publicly.
 * IDs in the "/ssm/..." form GetServiceSetting documents
 * (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetServiceSetting.html).
 */
export const SSM_SERVICE_SETTINGS = [
  { id: 'automation-logging', settingId: '/ssm/automation/customer-script-log-destination', value: 'CloudWatch' },
  { id: 'document-public-sharing', settingId: '/ssm/documents/console/public-sharing-permission', value: 'Disable' },
] as const;

/** The AWS managed policy CIS expects on a support role (Security Hub IAM.18). */
export const AWS_SUPPORT_ACCESS_POLICY_ARN = 'arn:aws:iam::aws:policy/AWSSupportAccess';

/**
 * Amazon Inspector scan types every account enables for itself in every allowed Region
 * (Security Hub Inspector.1-4; https://docs.aws.amazon.com/inspector/v2/APIReference/API_Enable.html).
 */
export const INSPECTOR_SCAN_TYPES = ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'] as const;
