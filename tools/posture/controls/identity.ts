// IAM controls: the password policy, policies on users, the support role and the access analyzer.
import { type ControlFinding, type ControlContext, type PostureControl, ref, ofType, accountFinding } from './kit';

/** Password policy parameters of IAM.7 (Security Hub defaults). */
const IAM7 = { minimumPasswordLength: 8 } as const;

function passwordPolicyFinding(context: ControlContext, check: (policy: Record<string, unknown>) => string | undefined): ControlFinding[] {
  const policy = ofType(context.accountResources, 'aws_iam_account_password_policy')[0];
  if (!policy) return [accountFinding(context, 'FAILED', 'no IAM account password policy')];
  const problem = check(policy.body);
  return [problem ? accountFinding(context, 'FAILED', problem) : accountFinding(context, 'PASSED')];
}

export const IDENTITY_CONTROLS: readonly PostureControl[] = [
  {
    id: 'IAM.7',
    title: 'Password policies for IAM users should have strong configurations',
    standards: ['FSBP'],
    reference: ref('iam', 'IAM.7'),
    scope: 'global',
    evaluate: (context) =>
      passwordPolicyFinding(context, (policy) =>
        policy.require_uppercase_characters === true &&
        policy.require_lowercase_characters === true &&
        policy.require_symbols === true &&
        policy.require_numbers === true &&
        Number(policy.minimum_password_length) >= IAM7.minimumPasswordLength
          ? undefined
          : 'the policy does not require upper and lower case, symbols, numbers and 8 characters',
      ),
  },
  {
    id: 'IAM.15',
    title: 'Ensure IAM password policy requires minimum password length of 14 or greater',
    standards: ['CIS-3.0'],
    reference: ref('iam', 'IAM.15'),
    scope: 'global',
    evaluate: (context) =>
      passwordPolicyFinding(context, (policy) => (Number(policy.minimum_password_length) >= 14 ? undefined : 'minimum length below 14')),
  },
  {
    id: 'IAM.16',
    title: 'Ensure IAM password policy prevents password reuse',
    standards: ['CIS-3.0'],
    reference: ref('iam', 'IAM.16'),
    scope: 'global',
    evaluate: (context) =>
      passwordPolicyFinding(context, (policy) =>
        Number(policy.password_reuse_prevention) >= 24 ? undefined : 'reuse prevention below 24',
      ),
  },
  {
    id: 'IAM.18',
    title: 'Ensure a support role has been created to manage incidents with AWS Support',
    standards: ['CIS-3.0'],
    reference: ref('iam', 'IAM.18'),
    scope: 'global',
    evaluate: (context) => [
      ofType(context.accountResources, 'aws_iam_role_policy_attachment').some(
        (attachment) => attachment.body.policy_arn === 'arn:aws:iam::aws:policy/AWSSupportAccess',
      )
        ? accountFinding(context, 'PASSED')
        : accountFinding(context, 'FAILED', 'no role has AWSSupportAccess attached'),
    ],
  },
  {
    id: 'IAM.28',
    title: 'IAM Access Analyzer external access analyzer should be enabled',
    standards: ['CIS-3.0'],
    reference: ref('iam', 'IAM.28'),
    scope: 'regional',
    evaluate: (context) => [
      ofType(context.resources, 'aws_accessanalyzer_analyzer').some((analyzer) =>
        ['ACCOUNT', 'ORGANIZATION', undefined].includes(analyzer.body.type),
      )
        ? accountFinding(context, 'PASSED')
        : accountFinding(context, 'FAILED', 'no external access analyzer in this account and Region'),
    ],
  },
];
