// GuardDuty facts the security stacks agree on: the protection plans enabled for every account.

/** GuardDuty protection plans enabled for every account (RUNTIME_MONITORING supersedes EKS-only runtime). */
export const GUARDDUTY_FEATURES: readonly { name: string; additional?: readonly string[] }[] = [
  { name: 'S3_DATA_EVENTS' },
  { name: 'EKS_AUDIT_LOGS' },
  { name: 'EBS_MALWARE_PROTECTION' },
  { name: 'RDS_LOGIN_EVENTS' },
  { name: 'LAMBDA_NETWORK_LOGS' },
  { name: 'RUNTIME_MONITORING', additional: ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT'] },
];

/** Construct-ID fragment of a feature (S3_DATA_EVENTS -> s3-data-events). */
export function guardDutyFeatureId(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}
