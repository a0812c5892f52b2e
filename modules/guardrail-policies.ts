// Creates every guardrail of the catalogue as an AWS Organizations policy and attaches it where the
// catalogue says. Lives in the organization stack (management account), the only place policies
// can be managed.
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { LandingZoneConfig } from '../lib/config/schema';
import {
  checkedDeclarativeCatalogue,
  checkedGuardrailCatalogue,
  type DeclarativeGuardrail,
  type GuardrailPolicy,
  type PolicyTarget,
} from '../policies/catalogue';
import { policyContent } from '../policies/common';

export interface GuardrailPoliciesProps {
  readonly config: LandingZoneConfig;
  /** ID of the organization root. */
  readonly rootId: string;
  /** OU IDs by path (Workloads/Production...). */
  readonly organizationalUnitIds: ReadonlyMap<string, string>;
  /** Attachments wait for these (the organization, with every policy type enabled). */
  readonly dependsOn: readonly ITerraformDependable[];
}

export class GuardrailPolicies extends Construct {
  readonly catalogue: readonly GuardrailPolicy[];
  readonly declarative: readonly DeclarativeGuardrail[];
  readonly policies = new Map<string, OrganizationsPolicy>();
  readonly attachments: OrganizationsPolicyAttachment[] = [];

  constructor(scope: Construct, id: string, props: GuardrailPoliciesProps) {
    super(scope, id);
    // Refuses to synthesize a catalogue AWS would reject (size, per-target count, unknown OU).
    this.catalogue = checkedGuardrailCatalogue(props.config);

    this.declarative = checkedDeclarativeCatalogue(props.config);

    const guardrails = [
      ...this.catalogue.map((guardrail) => ({ ...guardrail, content: policyContent(guardrail.document) })),
      // Declarative policies (EC2 account attributes) are created and attached the same way.
      ...this.declarative.map((guardrail) => ({ ...guardrail, content: JSON.stringify(guardrail.content) })),
    ];
    for (const guardrail of guardrails) {
      const policy = new OrganizationsPolicy(this, guardrail.key, {
        name: guardrail.name,
        description: guardrail.description,
        type: guardrail.type,
        content: terraformLiteral(guardrail.content),
        dependsOn: [...props.dependsOn],
      });
      this.policies.set(guardrail.key, policy);

      for (const target of guardrail.targets) {
        this.attachments.push(
          new OrganizationsPolicyAttachment(this, `${guardrail.key}-on-${targetSlug(target)}`, {
            policyId: policy.id,
            targetId: targetId(target, props),
            dependsOn: [...props.dependsOn],
            // A guardrail must never come off as a side effect: removing or retargeting an
            // attachment fails the plan until someone deliberately lifts this (docs/guardrails.md).
            lifecycle: { preventDestroy: true },
          }),
        );
      }
    }
  }
}

/**
 * Terraform reads `${...}` and `%{...}` in JSON strings as template syntax; IAM policy variables
 * such as ${aws:ResourceOrgID} must reach AWS literally, so they are escaped ($${...}). Terraform
 * un-escapes them, and the content AWS receives is exactly policyContent().
 */
export function terraformLiteral(text: string): string {
  // Replacement functions, because "$$" in a replacement string would collapse to "$".
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

function targetSlug(target: PolicyTarget): string {
  return target.kind === 'root' ? 'root' : `ou-${target.path.replace(/\//g, '-').toLowerCase()}`;
}

function targetId(target: PolicyTarget, props: GuardrailPoliciesProps): string {
  if (target.kind === 'root') return props.rootId;
  const id = props.organizationalUnitIds.get(target.path);
  if (id === undefined) throw new Error(`guardrail target OU ${target.path} is not in the organization stack`);
  return id;
}
