// Data, not logic: the services whose resources the data-perimeter RCP fences to this organization.
// AWS keeps adding services that support resource control policies; to extend the perimeter, add
// an entry here (the policy tests check that the service supports RCPs in AWS's IAM reference data,
// that every action exists, and that the policy still fits in 5,120 characters).
//
// RCPs support neither NotAction nor a bare "*" action, so a service whose federation entry points
// must stay open (STS) lists the actions the perimeter covers explicitly. This follows AWS's
// published identity-perimeter RCP (aws-samples/data-perimeter-policy-examples,
// resource_control_policies/identity_perimeter_rcp.json).

export interface PerimeterService {
  /** IAM service prefix. */
  readonly service: string;
  /** Actions the identity perimeter covers; omitted means every action of the service. */
  readonly actions?: readonly string[];
  readonly why: string;
}

export const DATA_PERIMETER_SERVICES: readonly PerimeterService[] = [
  { service: 's3', why: 'log archives, patient-data buckets and Terraform state' },
  { service: 'kms', why: 'keys that protect every other data store' },
  {
    service: 'sts',
    // Left out on purpose: AssumeRoleWithSAML and AssumeRoleWithWebIdentity (IAM Identity Center and
    // OIDC federation such as the delivery pipeline come from outside any organization), and
    // TagSession / SetSourceIdentity, which those federated assumptions carry with them.
    actions: [
      'AssumeRole',
      'DecodeAuthorizationMessage',
      'GetAccessKeyInfo',
      'GetFederationToken',
      'GetServiceBearerToken',
      'GetSessionToken',
      'SetContext',
    ],
    why: 'role assumption is how anyone reaches anything in an account',
  },
  { service: 'sqs', why: 'queues carry clinical messages between systems' },
  { service: 'secretsmanager', why: 'database and integration credentials' },
];

/**
 * The second perimeter RCP (service-perimeter): services that support RCPs and hold patient data or
 * carry it between accounts, fenced the same way (issue 12, path 8). A separate policy so each stays
 * well inside 5,120 characters. Lambda and SNS do not support RCPs; the workload-data-sharing SCP
 * stops workload administrators opening them to outsiders instead.
 */
export const SERVICE_PERIMETER_SERVICES: readonly PerimeterService[] = [
  { service: 'dynamodb', why: 'application tables' },
  { service: 'ecr', why: 'container images, which carry code and sometimes data' },
  { service: 'logs', why: 'application and audit logs, which carry patient identifiers' },
  { service: 'events', why: 'event buses carry clinical events between accounts' },
];

/**
 * AWS-owned accounts that deliver into this organization's buckets as plain IAM principals rather
 * than service principals: Elastic Load Balancing writes access logs as the Region's ELB account
 * in Regions opened before August 2022, which includes both allowed Regions (Elastic Load Balancing
 * user guide, "Enable access logs", bucket policy). AWS's identity-perimeter RCP carries the same
 * exception (<load-balancing-account-id>). Keyed by Region: only the allowed Regions are used.
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: Readonly<Record<string, string>> = {
  'eu-west-2': '652711504416',
  'eu-west-1': '156460612806',
};
