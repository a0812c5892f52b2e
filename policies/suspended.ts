// Suspended OU (SCP): a quarantined or closing account can do nothing, except through the
// execution role (to tidy up or re-home it), the break-glass role (incident response), the
// StackSets execution role (keeps the execution role current, so a StackSet update never fails
// in a suspended account; only the management account can drive it) and the read-only plan role
// (pull-request plans of the suspended account's stack; its identity policy is ReadOnlyAccess
// minus data reads, and only the execution and break-glass roles can change it).
// docs/decisions/0005-deployment-principals-and-guardrails.md
import type { LandingZoneConfig } from '../lib/config/schema';
import type { PolicyDocument } from '../lib/iam-policy';
import { exemptRoleArns, planReadOnlyRoleArn, stackSetsExecutionRoleArn, unlessPrincipal } from './common';

/** What a StackSet instance does in an account: its CloudFormation stack, and the IAM roles of the template. */
export const STACKSETS_ACTIONS: readonly string[] = ['cloudformation:*', 'iam:*'];

export function suspended(config: LandingZoneConfig): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyAllWhileSuspended',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: unlessPrincipal([...exemptRoleArns(config), stackSetsExecutionRoleArn(), planReadOnlyRoleArn()]),
      },
      {
        // The StackSets role needs only its stack and the roles the template holds; nothing else here.
        Sid: 'StackSetsOnlyTheirStackWhileSuspended',
        Effect: 'Deny',
        NotAction: [...STACKSETS_ACTIONS],
        Resource: '*',
        Condition: { ArnLike: { 'aws:PrincipalArn': [stackSetsExecutionRoleArn()] } },
      },
    ],
  };
}
