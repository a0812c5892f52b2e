// The organization stack's Terraform holds every catalogue policy and attachment, and the content
// string Terraform submits is exactly the minified policy, within AWS's limits.
import { loadConfig } from '../../lib/config/load';
import { terraformLiteral } from '../../modules/guardrail-policies';
import { declarativeCatalogue, guardrailCatalogue, MAX_DECLARATIVE_POLICY_CHARACTERS } from '../../policies/catalogue';
import { MAX_POLICIES_PER_TARGET, MAX_POLICY_CHARACTERS, policyContent } from '../../policies/common';
import { EXAMPLE_CONFIG_DIR, resourcesOfType, synthConfig, type TerraformJson } from '../helpers/synth';

/** What Terraform makes of a JSON string literal: $${ and %%{ are escapes for ${ and %{. */
function terraformRendered(text: string): string {
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const catalogue = guardrailCatalogue(config);
const declarative = declarativeCatalogue(config);

describe('guardrail policies in the organization stack', () => {
  let stack: TerraformJson;
  let policies: Record<string, TerraformJson>;
  let attachments: TerraformJson[];
  beforeAll(() => {
    stack = synthConfig().stacks.get('organization') as TerraformJson;
    // The guardrails module's policies and attachments (the backup and tag policies have their own module).
    const ofGuardrails = (byAddress: Record<string, TerraformJson>) =>
      Object.fromEntries(Object.entries(byAddress).filter(([address]) => address.startsWith('guardrails_')));
    policies = ofGuardrails(resourcesOfType(stack, 'aws_organizations_policy'));
    attachments = Object.values(ofGuardrails(resourcesOfType(stack, 'aws_organizations_policy_attachment')));
  });

  const addressOf = (key: string) => {
    const entry = Object.entries(policies).find(([, body]) => body.name === `${config.organization.namePrefix}-lz-${key}`);
    if (!entry) throw new Error(`policy ${key} not synthesized`);
    return entry[0];
  };

  it('creates every catalogue policy with its type and exactly the minified content', () => {
    expect(Object.keys(policies)).toHaveLength(catalogue.length + declarative.length);
    for (const guardrail of catalogue) {
      const body = policies[addressOf(guardrail.key)];
      expect(body.type).toBe(guardrail.type);
      const submitted = terraformRendered(body.content);
      expect(submitted).toBe(policyContent(guardrail.document));
      expect(JSON.parse(submitted)).toEqual(guardrail.document);
    }
  });

  it('creates every EC2 declarative policy with its type and exactly its JSON content', () => {
    for (const guardrail of declarative) {
      const body = policies[addressOf(guardrail.key)];
      expect(body.type).toBe('DECLARATIVE_POLICY_EC2');
      expect(JSON.parse(terraformRendered(body.content))).toEqual(guardrail.content);
      expect(terraformRendered(body.content).length).toBeLessThanOrEqual(MAX_DECLARATIVE_POLICY_CHARACTERS);
    }
  });

  it('keeps every submitted SCP and RCP content string within 5,120 characters', () => {
    const authorization = Object.fromEntries(Object.entries(policies).filter(([, body]) => body.type !== 'DECLARATIVE_POLICY_EC2'));
    const sizes = Object.values(authorization).map((body) => terraformRendered(body.content).length);
    console.log(
      `guardrail policy sizes (limit ${MAX_POLICY_CHARACTERS}): ${Object.values(authorization)
        .map((body, index) => `${body.name} ${sizes[index]}`)
        .join(', ')}`,
    );
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_POLICY_CHARACTERS);
  });

  it('escapes IAM policy variables so Terraform passes them through literally', () => {
    const perimeter = policies[addressOf('data-perimeter')].content as string;
    expect(perimeter).toContain('"aws:PrincipalOrgID":"$${aws:ResourceOrgID}"');
    expect(perimeter).not.toMatch(/[^$]\$\{/);
    expect(terraformLiteral('a ${x} %{y} $z')).toBe('a $${x} %%{y} $z');
  });

  it('attaches every policy to every catalogue target, after the organization, never silently detached', () => {
    const expected = [...catalogue, ...declarative].flatMap((guardrail) =>
      guardrail.targets.map((target) => ({
        policy_id: `\${aws_organizations_policy.${addressOf(guardrail.key)}.id}`,
        target_id:
          target.kind === 'root'
            ? '${aws_organizations_organization.organization.roots[0].id}'
            : `\${aws_organizations_organizational_unit.ou-${target.path.toLowerCase().replace(/\//g, '-')}.id}`,
      })),
    );
    expect(attachments.map((body) => ({ policy_id: body.policy_id, target_id: body.target_id }))).toEqual(expect.arrayContaining(expected));
    expect(attachments).toHaveLength(expected.length);
    for (const body of attachments) {
      expect(body.depends_on).toContain('aws_organizations_organization.organization');
      expect(body.lifecycle).toEqual({ prevent_destroy: true });
    }
  });

  it('leaves room for the AWS default policy on every target', () => {
    const perTarget = new Map<string, number>();
    for (const body of attachments) {
      const type = Object.entries(policies).find(([address]) => body.policy_id === `\${aws_organizations_policy.${address}.id}`)?.[1].type;
      const key = `${body.target_id} ${type}`;
      perTarget.set(key, (perTarget.get(key) ?? 0) + 1);
    }
    // root SCP, root RCP, Workloads SCP, Suspended SCP; declarative: root and four OUs
    expect(perTarget.size).toBe(9);
    const overLimit = [...perTarget].filter(
      ([key, count]) => !key.endsWith('DECLARATIVE_POLICY_EC2') && count + 1 > MAX_POLICIES_PER_TARGET,
    );
    expect(overLimit).toEqual([]);
  });

  it('keeps every policy type enabled and central root access management on', () => {
    const organization = resourcesOfType(stack, 'aws_organizations_organization').organization;
    expect(organization.enabled_policy_types).toEqual(
      expect.arrayContaining(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'DECLARATIVE_POLICY_EC2']),
    );
    expect(Object.values(resourcesOfType(stack, 'aws_iam_organizations_features'))[0].enabled_features).toEqual(
      expect.arrayContaining(['RootCredentialsManagement', 'RootSessions']),
    );
  });
});
