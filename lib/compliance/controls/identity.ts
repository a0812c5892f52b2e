// Controls: Identity and access.
import { ORGANIZATION, BASELINE_PROTECTION, IDENTITY, guardrailWith } from './kit';
import type { Control } from '../types';

export const IDENTITY_CONTROLS: readonly Control[] = [
  {
    id: 'break-glass',
    title: 'Break-glass role in every account, MFA-only, alarmed',
    does: 'A break-glass role in every account (management included) trusts one named management-account principal with recent MFA for at most an hour; every use and every failed attempt raises an alarm.',
    status: 'provided',
    refs: { ndg: ['4'], caf: ['B2.c'], ncsc: ['10', '12'], annex11: ['12'] },
    resources: [
      {
        type: 'aws_iam_role',
        where: { assume_role_policy: { contains: 'aws:MultiFactorAuthPresent' }, max_session_duration: 3600 },
        atLeast: 2,
      },
      { type: 'aws_cloudwatch_log_metric_filter', where: { pattern: { contains: 'requestParameters.roleArn' } }, atLeast: 2 },
    ],
    tests: [
      { file: 'test/stacks/break-glass.test.ts', name: 'exists in every account stack, the management account included' },
      {
        file: 'test/stacks/break-glass.test.ts',
        name: 'trusts only the named management-account principal, with recent MFA, for at most an hour',
      },
      {
        file: 'test/stacks/break-glass.test.ts',
        name: 'alarms on every use and every failed attempt through the organization trail log group to the alert topic',
      },
    ],
    customer: 'Create the named break-glass user with hardware MFA, keep its credentials under dual custody, and review every use.',
  },
  {
    id: 'central-root-access',
    title: 'No root credentials in member accounts',
    does: "Central root access management removes member accounts' root credentials, and a guardrail denies the root user everything except centrally managed root sessions.",
    status: 'provided',
    refs: { ndg: ['4'], caf: ['B2.c'], ncsc: ['9', '10'] },
    resources: [
      { type: 'aws_iam_organizations_features', where: { enabled_features: { contains: 'RootCredentialsManagement' } } },
      guardrailWith('DenyRootUser'),
    ],
    tests: [
      { file: BASELINE_PROTECTION, name: 'denies the root user except centrally managed root sessions' },
      { file: ORGANIZATION, name: 'enables RAM sharing with the organization and central root access management' },
    ],
    customer: "Protect the management account's root user (hardware MFA, custody), which no guardrail covers.",
  },
  {
    id: 'no-long-lived-credentials',
    title: 'No IAM users or access keys in member accounts',
    does: 'A guardrail denies creating IAM users and access keys in member accounts (except the execution and break-glass roles), so people and pipelines use temporary credentials.',
    status: 'provided',
    refs: { ndg: ['4'], caf: ['B2.a'], ncsc: ['10'] },
    resources: [guardrailWith('DenyAccountSecurityChanges')],
    tests: [
      { file: BASELINE_PROTECTION, name: 'denies weakening account settings, long-lived credentials, Region opt-in and default VPCs' },
    ],
  },
  {
    id: 'workforce-identity',
    title: 'Human access through IAM Identity Center, reviewed',
    does: "People reach accounts through IAM Identity Center permission sets (one-hour sessions, permissions boundaries) assigned only to groups from the organisation's identity provider, delegated to the security account; the management account alarms on console sign-in without MFA and on Identity Center changes outside the pipeline, and `lz access` lists who can do what for the access review.",
    status: 'provided',
    requiresConfig: 'access',
    customer:
      'Federate Identity Center with your identity provider, enforce MFA there, keep group membership true, and review access (`lz access --csv`) at least annually.',
    refs: { ndg: ['4', '5'], caf: ['B2.a', 'B2.c', 'B2.d'], ncsc: ['9', '10'], annex11: ['12'] },
    resources: [
      { type: 'aws_ssoadmin_permission_set', where: { session_duration: { exists: true } }, atLeast: 2 },
      { type: 'aws_ssoadmin_account_assignment', where: { principal_type: 'GROUP' }, atLeast: 2 },
      { type: 'aws_ssoadmin_permissions_boundary_attachment' },
    ],
    tests: [
      {
        file: IDENTITY,
        name: 'creates each permission set of the catalogue with its session, managed policies, inline policy and boundary',
      },
      {
        file: IDENTITY,
        name: 'assigns exactly the expanded rows, to groups by ID, each in the shard its account hashes to, after identity and its workload stack',
      },
      {
        file: IDENTITY,
        name: 'the management stack alarms on console sign-in without MFA and on Identity Center changes outside the pipeline',
      },
      {
        file: 'test/policies/permission-set-simulation.test.ts',
        name: 'evaluates every request to its stated outcome and by the stated layer',
      },
      { file: 'test/cli/access.test.ts', name: 'filters by account and by group, and prints CSV for the access review' },
    ],
  },
];
