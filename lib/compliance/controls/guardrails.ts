// Controls: Guardrails.
import {
  MGMT,
  SECURITY,
  SECURITY_ORG,
  ORGANIZATION,
  BASELINE_PROTECTION,
  SIMULATION_SUITE,
  WORKLOAD,
  ACCOUNT_BASELINE,
  guardrailWith,
  ALL_PUBLIC_ACCESS_BLOCKED,
} from './kit';
import type { Control } from '../types';

export const GUARDRAIL_CONTROLS: readonly Control[] = [
  {
    id: 'region-residency',
    title: 'Data and compute only in the allowed Regions',
    does: 'An SCP at the root denies every non-global action outside the allowed Regions (London and Ireland in the example) except for the execution and break-glass roles.',
    status: 'provided',
    refs: { ndg: ['1', '9'], caf: ['B3.c'], ncsc: ['2', '13'], annex11: ['7'] },
    resources: [guardrailWith('DenyOutsideAllowedRegions'), { type: 'aws_organizations_policy_attachment', atLeast: 1 }],
    tests: [
      { file: 'test/policies/region-guardrail.test.ts', name: 'denies every non-global action outside the configured Regions' },
      { file: SIMULATION_SUITE, name: 'evaluates every request to its stated outcome, naming the deciding policy and statement' },
    ],
    customer: 'Decide that the allowed Regions meet your data-residency position (UK GDPR transfer rules).',
  },
  {
    id: 'audit-tamper-protection',
    title: 'Audit services, log buckets and keys cannot be switched off',
    does: 'An SCP at the root denies stopping or reconfiguring CloudTrail, Config, GuardDuty, Security Hub, Access Analyzer and flow logs, and changing or deleting the log buckets, their objects and keys, except for the execution and break-glass roles.',
    status: 'provided',
    refs: { ndg: ['6', '9'], caf: ['C1.b'], ncsc: ['5', '13'], annex11: ['9', '12'] },
    resources: [guardrailWith('DenyAuditTampering'), guardrailWith('DenyLogBucketChanges'), guardrailWith('DenyLogKeyChanges')],
    tests: [
      { file: BASELINE_PROTECTION, name: 'protects the audit and detection services from being stopped or reconfigured' },
      { file: BASELINE_PROTECTION, name: 'protects every log bucket name the log archive uses, and their objects, but no other bucket' },
    ],
  },
  {
    id: 'data-perimeter',
    title: 'Data perimeter: organization identities only, TLS only',
    does: "A resource control policy lets only this organization's principals and AWS services acting for it use S3, KMS, STS, SQS and Secrets Manager resources, and denies every request without TLS.",
    status: 'provided',
    refs: { ndg: ['1', '4'], caf: ['B3.b', 'B3.c'], ncsc: ['1', '2', '3', '11'] },
    resources: [
      guardrailWith('EnforceOrgIdentities', 'RESOURCE_CONTROL_POLICY'),
      guardrailWith('EnforceSecureTransport', 'RESOURCE_CONTROL_POLICY'),
    ],
    tests: [
      {
        file: 'test/policies/data-perimeter-rcp.test.ts',
        name: 'covers S3, KMS, STS, SQS and Secrets Manager, keeping SAML and web-identity assumption open',
      },
      { file: SIMULATION_SUITE, name: 'evaluates every request to its stated outcome, naming the deciding policy and statement' },
    ],
  },
  {
    id: 'account-structure',
    title: 'An account per workload in an OU tree, with owner and classification',
    does: 'Every account is declared in the organization stack under its OU, tagged with its owner, cost centre and data classification, and can never be closed by Terraform.',
    status: 'provided',
    refs: { ndg: ['1'], caf: ['A3.a', 'B4.a'], ncsc: ['3'] },
    resources: [
      { type: 'aws_organizations_organizational_unit', atLeast: 2 },
      {
        type: 'aws_organizations_account',
        where: { 'tags.owner': { exists: true }, 'tags.data-classification': { exists: true }, close_on_deletion: false },
        atLeast: 2,
      },
    ],
    tests: [
      { file: ORGANIZATION, name: 'builds the OU tree from configuration, nested OUs under their parents' },
      {
        file: ORGANIZATION,
        name: 'declares every core and workload account with close_on_deletion false, prevent_destroy and ownership tags',
      },
    ],
    customer: 'Keep owners and classifications true in the account files; classify the data each account holds.',
  },
  {
    id: 'account-suspension',
    title: 'Suspended accounts quarantined',
    does: "A suspended account is moved to the Suspended OU, whose SCP denies everything but the landing zone's own roles, and is cut off from the Transit Gateway and HSCN.",
    status: 'provided',
    refs: { ndg: ['4'], caf: ['B2.d'], ncsc: ['9'] },
    resources: [guardrailWith('DenyAllWhileSuspended')],
    tests: [
      {
        file: 'test/policies/suspended.test.ts',
        name: 'denies everything except the execution, break-glass, StackSets execution (its stack only) and read-only plan roles',
      },
      { file: ORGANIZATION, name: 'moves a suspended account to the Suspended OU but keeps it' },
    ],
  },
  {
    id: 'account-baseline',
    title: 'Hardened account baseline',
    does: 'Every account gets EBS encryption by default in both Regions, account-level S3 Block Public Access, a strict IAM password policy, closed default security groups, and a guardrail that stops these being weakened.',
    status: 'provided',
    refs: {
      ndg: ['9'],
      caf: ['B4.b', 'B3.c'],
      ncsc: ['2', '5'],
      fsbp: ['EC2.7', 'S3.1', 'EC2.2', 'IAM.7'],
      cis: ['1.8', '1.9', '2.2.1', '5.4'],
    },
    resources: [
      { type: 'aws_ebs_encryption_by_default', where: { enabled: true }, atLeast: 2 },
      {
        type: 'aws_s3_account_public_access_block',
        where: ALL_PUBLIC_ACCESS_BLOCKED,
        atLeast: 2,
      },
      {
        type: 'aws_iam_account_password_policy',
        where: { minimum_password_length: { atLeast: 14 }, password_reuse_prevention: { atLeast: 24 } },
        atLeast: 2,
      },
      { type: 'aws_default_security_group', where: { ingress: { contains: '[]' }, egress: { contains: '[]' } }, atLeast: 2 },
    ],
    tests: [
      { file: 'test/modules/account-baseline.test.ts', name: 'is carried by every member stack and the management stack' },
      { file: WORKLOAD, name: 'closes the default security group and logs flows to the log archive' },
      { file: BASELINE_PROTECTION, name: 'denies weakening account settings, long-lived credentials, Region opt-in and default VPCs' },
    ],
  },
  {
    id: 'vulnerability-management',
    title: 'Vulnerability scanning of workloads',
    does: "Amazon Inspector scans EC2 instances, container images, Lambda functions and Lambda code in every account and allowed Region: enabled by each account's baseline for accounts present before organization auto-enable (ADR 0703), and by the security account's auto-enable, as delegated administrator, for every account that joins later (ADR 0704).",
    status: 'provided',
    customer: 'Triage Inspector findings and patch, upgrade or replace unsupported operating systems and software in workloads.',
    refs: { ndg: ['8'], caf: ['B4.d'], ncsc: ['5'], fsbp: ['Inspector.1', 'Inspector.2', 'Inspector.3', 'Inspector.4'] },
    resources: [
      { type: 'aws_inspector2_enabler', where: { resource_types: { contains: '"EC2","ECR","LAMBDA","LAMBDA_CODE"' } }, atLeast: 2 },
      { type: 'aws_inspector2_delegated_admin_account' },
      { type: 'aws_inspector2_organization_configuration' },
    ],
    tests: [
      {
        file: ACCOUNT_BASELINE,
        name: '%s: per Region, SSM Automation logs to CloudWatch, no public SSM documents, an account analyzer, Inspector and Macie',
      },
      { file: MGMT, name: 'designates the security account Inspector and Macie delegated administrator in each Region' },
      {
        file: SECURITY_ORG,
        name: 'auto-enables Inspector (EC2, ECR, Lambda, Lambda code) and Macie for accounts that join later, in both Regions, after the designations',
      },
    ],
  },
  {
    id: 'sensitive-data-discovery',
    title: 'Sensitive-data discovery in S3',
    does: "Amazon Macie is enabled in every account and allowed Region (each account's baseline, or the security account's organization auto-enable for accounts that join later) and evaluates S3 bucket security; the security account, as Macie delegated administrator, runs a scheduled discovery job over the buckets of every account tagged `data-classification` with a classification from `securityPosture.sensitiveDataDiscovery`, and keeps the detailed results in a KMS-encrypted bucket (ADR 0703, ADR 0704).",
    status: 'provided',
    requiresConfig: 'sensitiveDataDiscovery',
    customer:
      "Tag every bucket that holds patient data with its data-classification, review Macie's sensitive-data findings, and act on them.",
    refs: { ndg: ['1'], caf: ['B3.a'], ncsc: ['2'], fsbp: ['Macie.1'] },
    resources: [
      { type: 'aws_macie2_account', where: { status: 'ENABLED' }, atLeast: 2 },
      { type: 'aws_macie2_organization_admin_account' },
      { type: 'aws_macie2_organization_configuration', where: { auto_enable: true } },
      { type: 'aws_macie2_classification_job', where: { job_type: 'SCHEDULED' } },
      { type: 'aws_macie2_classification_export_configuration' },
    ],
    tests: [
      {
        file: ACCOUNT_BASELINE,
        name: '%s: per Region, SSM Automation logs to CloudWatch, no public SSM documents, an account analyzer, Inspector and Macie',
      },
      { file: MGMT, name: 'designates the security account Inspector and Macie delegated administrator in each Region' },
      {
        file: SECURITY_ORG,
        name: "runs a scheduled Macie job over every account's buckets tagged with a patient-data classification, in both Regions",
      },
      {
        file: SECURITY,
        name: "keeps Macie's discovery results in a KMS-encrypted, access-logged bucket per Region that only Macie, for this account, may write",
      },
    ],
  },
  {
    id: 'security-contacts',
    title: 'Security contacts on every account',
    does: "Every account registers the organisation's security, operations and billing alternate contacts from `securityPosture.alternateContacts`, so AWS can reach the right team about an incident.",
    status: 'provided',
    requiresConfig: 'alternateContacts',
    customer: 'Keep the contact mailboxes and phone numbers staffed and up to date.',
    refs: { caf: ['D1.a'], ncsc: ['4'], fsbp: ['Account.1'], cis: ['1.2'] },
    resources: [
      { type: 'aws_account_alternate_contact', where: { alternate_contact_type: 'SECURITY', email_address: { exists: true } }, atLeast: 2 },
    ],
    tests: [
      { file: ACCOUNT_BASELINE, name: '%s: security, operations and billing alternate contacts from configuration (Account.1)' },
      {
        file: 'test/tools/posture/evaluate.test.ts',
        name: 'estate 1: one account without a security contact fails Account.1 for the organization (FSBP 3/4, CIS 2/3)',
      },
    ],
  },
];
