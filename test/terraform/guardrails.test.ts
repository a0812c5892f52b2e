// The offline Terraform plan of the organization stack (real AWS provider) creates every guardrail
// policy with exactly the content the policies module produces, and every attachment.
import * as path from 'node:path';
import { loadConfig } from '../../lib/config/load';
import { checkSynthOutput, type StackCheckResult } from '../../tools/terraform/check';
import { declarativeCatalogue, guardrailCatalogue } from '../../policies/catalogue';
import { MAX_POLICY_CHARACTERS, policyContent } from '../../policies/common';
import { EXAMPLE_CONFIG_DIR, synthConfig } from '../helpers/synth';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/terraform-guardrails');

interface ResourceChange {
  address: string;
  type: string;
  change: { actions: string[]; after: Record<string, unknown>; after_unknown: Record<string, unknown> };
}

describe('guardrails in the offline Terraform plan of the organization stack', () => {
  const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
  const catalogue = guardrailCatalogue(config);
  const declarative = declarativeCatalogue(config);
  let changes: ResourceChange[];

  beforeAll(async () => {
    const [organization]: StackCheckResult[] = await checkSynthOutput(synthConfig().outdir, {
      artifactsDir: ARTIFACTS,
      stacks: ['organization'],
    });
    changes = organization.plan.resource_changes;
  });

  it('creates every catalogue policy with the exact content AWS will receive, within 5,120 characters', () => {
    // The guardrails module's policies (the backup and tag policies have their own module and test).
    const policies = changes.filter((change) => change.type === 'aws_organizations_policy' && change.address.includes('.guardrails_'));
    expect(policies).toHaveLength(catalogue.length + declarative.length);
    for (const guardrail of catalogue) {
      const planned = policies.find((change) => change.change.after.name === guardrail.name);
      expect(planned?.change.actions).toEqual(['create']);
      expect(planned?.change.after.type).toBe(guardrail.type);
      // Terraform has resolved the $${...} escapes: this is the string submitted to the API.
      expect(planned?.change.after.content).toBe(policyContent(guardrail.document));
      expect(String(planned?.change.after.content).length).toBeLessThanOrEqual(MAX_POLICY_CHARACTERS);
    }
  });

  it('creates every EC2 declarative policy with its JSON content, accepted by the provider', () => {
    const policies = changes.filter((change) => change.type === 'aws_organizations_policy' && change.address.includes('.guardrails_'));
    for (const guardrail of declarative) {
      const planned = policies.find((change) => change.change.after.name === guardrail.name);
      expect(planned?.change.after.type).toBe('DECLARATIVE_POLICY_EC2');
      expect(JSON.parse(String(planned?.change.after.content))).toEqual(guardrail.content);
    }
    const organization = changes.find((change) => change.type === 'aws_organizations_organization');
    expect(organization?.change.after.enabled_policy_types).toEqual(expect.arrayContaining(['DECLARATIVE_POLICY_EC2']));
  });

  it('creates one attachment per catalogue target', () => {
    const attachments = changes.filter(
      (change) => change.type === 'aws_organizations_policy_attachment' && change.address.includes('.guardrails_'),
    );
    const expected = [...catalogue, ...declarative].flatMap((guardrail) =>
      guardrail.targets.map((target) => `${guardrail.key}-on-${target.kind === 'root' ? 'root' : `ou-${target.path.toLowerCase()}`}`),
    );
    expect(
      attachments
        .map((change) => change.address.replace(/^aws_organizations_policy_attachment\.guardrails_/, '').replace(/_[0-9A-F]{8}$/, ''))
        .sort(),
    ).toEqual(expected.sort());
    for (const attachment of attachments) {
      expect(attachment.change.actions).toEqual(['create']);
      // Both ends are known only once the organization, OUs and policies exist.
      expect(attachment.change.after_unknown).toMatchObject({ policy_id: true, target_id: true });
    }
  });
});
