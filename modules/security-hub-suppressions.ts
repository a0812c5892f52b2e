// Security Hub automation rules that suppress the accepted exceptions (lib/security-hub-exceptions.ts)
// and note the reason and decision record on each finding. Created in the aggregation (home) Region
// of the administrator account, where they apply to findings from every linked Region
// (https://docs.aws.amazon.com/securityhub/latest/userguide/automation-rules.html).
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityhubAutomationRule } from '@cdktf/provider-aws/lib/securityhub-automation-rule';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { AcceptedException } from '../lib/security-hub-exceptions';

export interface SecurityHubSuppressionsProps {
  /** The home Region's provider of the Security Hub administrator account. */
  readonly provider: AwsProvider;
  /** Prefix of the rule names (the organization's namePrefix). */
  readonly namePrefix: string;
  readonly exceptions: readonly AcceptedException[];
  /**
   * Resources that must exist first (the Security Hub organization configuration).
   * @default none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

const equalsEach = (values: readonly string[]): { comparison: string; value: string }[] =>
  values.map((value) => ({ comparison: 'EQUALS', value }));

export class SecurityHubSuppressions extends Construct {
  constructor(scope: Construct, id: string, props: SecurityHubSuppressionsProps) {
    super(scope, id);
    props.exceptions.forEach((exception, index) => {
      new SecurityhubAutomationRule(this, exception.id, {
        provider: props.provider,
        ruleName: `${props.namePrefix}-lz-${exception.id}`,
        ruleOrder: 10 + index,
        ruleStatus: 'ENABLED',
        description: `${exception.controlId} accepted: ${exception.reason} Decision: ${exception.decision}`.slice(0, 1024),
        criteria: [
          {
            complianceSecurityControlId: equalsEach([exception.controlId]),
            complianceStatus: equalsEach(['FAILED']),
            awsAccountId: exception.accountIds ? equalsEach(exception.accountIds) : undefined,
            resourceType: exception.resourceType ? equalsEach([exception.resourceType]) : undefined,
            resourceId: exception.resourceIds ? equalsEach(exception.resourceIds) : undefined,
          },
        ],
        actions: [
          {
            type: 'FINDING_FIELDS_UPDATE',
            findingFieldsUpdate: [
              {
                workflow: [{ status: 'SUPPRESSED' }],
                note: [
                  { text: `Accepted exception (${exception.decision}): ${exception.reason}`.slice(0, 512), updatedBy: 'landing-zone' },
                ],
              },
            ],
          },
        ],
        dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
      });
    });
  }
}
