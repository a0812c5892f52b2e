// Checks a synthesized estate against the rules of lib/aws-implicit-resources.ts: no stack may try to
// create something AWS has already created by itself, unless an `import` block adopts it, the estate
// creates it before the AWS action that would, or the account's adoption configuration says it is
// absent. Everything is read from the synthesized JSON and the manifest's stack dependencies, so a new
// stack or resource is covered without editing this file.
import { IMPLICIT_RESOURCE_RULES, type ImplicitResourceRule } from '../../lib/aws-implicit-resources';
import type { AccountAdoption, LandingZoneConfig, WorkloadAccountConfig } from '../../lib/config/schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TerraformJson = Record<string, any>;

export interface SynthesizedEstate {
  readonly stacks: ReadonlyMap<string, TerraformJson>;
  /** cdktf manifest.json: `stacks.<name>.dependencies` gives the deploy order. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly manifest: any;
}

export interface ImplicitResourceViolation {
  readonly rule: string;
  readonly stack: string;
  /** Terraform address inside the stack, such as aws_guardduty_detector.guardduty-detector-euw2. */
  readonly address: string;
  readonly account: string;
  readonly region: string;
  readonly reason: string;
}

/** What configuration says about an account: adopted or not, and what it already has. */
interface AccountFacts {
  readonly name: string;
  readonly adopted: boolean;
  readonly adoption?: AccountAdoption;
}

/** Account name of an `allowed_account_ids` entry or an account reference, or undefined. */
function accountNameOf(value: string, config: LandingZoneConfig, accounts: readonly WorkloadAccountConfig[]): string | undefined {
  if (value === config.managementAccount.accountId) return 'management';
  const literal = [...Object.values(config.coreAccounts), ...accounts].find((account) => account.accountId === value);
  if (literal) return literal.name;
  // ${aws_organizations_account.account-<name>.id} in the organization stack, or the cross-stack
  // output named after that resource in every other stack.
  const reference = /aws_organizations_account\.?account-([a-z0-9-]+?)\.?id\b/.exec(value);
  return reference?.[1];
}

function accountFacts(config: LandingZoneConfig, accounts: readonly WorkloadAccountConfig[]): Map<string, AccountFacts> {
  const facts = new Map<string, AccountFacts>([['management', { name: 'management', adopted: false }]]);
  for (const account of [...Object.values(config.coreAccounts), ...accounts]) {
    facts.set(account.name, { name: account.name, adopted: account.accountId !== undefined, adoption: account.adoption });
  }
  return facts;
}

/** True when configuration adopts an organization that already exists (issue 11 item 4). */
function adoptsOrganization(config: LandingZoneConfig): boolean {
  const organization = config.organization as Record<string, unknown>;
  return typeof organization.existingId === 'string';
}

/** Every stack that must be applied before `stack` (transitive manifest dependencies). */
function ancestors(manifest: SynthesizedEstate['manifest'], stack: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    for (const dependency of (manifest.stacks?.[name]?.dependencies ?? []) as string[]) {
      if (seen.has(dependency)) continue;
      seen.add(dependency);
      visit(dependency);
    }
  };
  visit(stack);
  return seen;
}

interface Placed {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly body: TerraformJson;
  readonly account: string;
  readonly region: string;
}

/** Every resource of the estate with the account (by name) and Region its provider targets. */
function placeResources(estate: SynthesizedEstate, config: LandingZoneConfig, accounts: readonly WorkloadAccountConfig[]): Placed[] {
  const placed: Placed[] = [];
  for (const [stack, json] of estate.stacks) {
    const providers = new Map<string, { account: string; region: string }>();
    for (const provider of (json.provider?.aws ?? []) as TerraformJson[]) {
      const allowed = (provider.allowed_account_ids ?? []) as string[];
      const account = allowed.length === 1 ? accountNameOf(allowed[0], config, accounts) : undefined;
      providers.set(provider.alias ? `aws.${provider.alias}` : 'aws', {
        account: account ?? `unknown account of stack ${stack}`,
        region: provider.region,
      });
    }
    for (const [type, byName] of Object.entries<Record<string, TerraformJson>>(json.resource ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const target = providers.get(body.provider ?? 'aws') ?? { account: `unknown account of stack ${stack}`, region: 'unknown' };
        placed.push({ stack, type, name, body, ...target });
      }
    }
  }
  return placed;
}

function matchesAttributes(rule: ImplicitResourceRule, body: TerraformJson): boolean {
  return Object.entries(rule.attributes ?? {}).every(([key, value]) => body[key] === value);
}

function imported(estate: SynthesizedEstate, stack: string, address: string): boolean {
  return ((estate.stacks.get(stack)?.import ?? []) as { to: string }[]).some((block) => block.to === address);
}

/** The resource's own depends_on, and every reference in its body, as addresses. */
function dependsOn(body: TerraformJson, address: string): boolean {
  const explicit = ((body.depends_on ?? []) as string[]).includes(address);
  return explicit || JSON.stringify(body).includes(`\${${address}.`);
}

/**
 * Resources the estate holds that AWS will already have created. Accounts are resolved from each
 * provider's allowed_account_ids; delegated administrators from the designations in the estate itself.
 */
export function findImplicitResourceCollisions(
  estate: SynthesizedEstate,
  config: LandingZoneConfig,
  accounts: readonly WorkloadAccountConfig[],
  rules: readonly ImplicitResourceRule[] = IMPLICIT_RESOURCE_RULES,
): ImplicitResourceViolation[] {
  const resources = placeResources(estate, config, accounts);
  const facts = accountFacts(config, accounts);
  const designations = (type: string) =>
    resources
      .filter((resource) => resource.type === type)
      .map((resource) => ({ ...resource, admin: accountNameOf(String(resource.body.admin_account_id), config, accounts) ?? 'unresolved' }));
  const guardDutyAdmins = designations('aws_guardduty_organization_admin_account');
  const securityHubAdmins = designations('aws_securityhub_organization_admin_account');
  const macieAdmins = designations('aws_macie2_organization_admin_account');
  const centralConfiguration = resources.some(
    (resource) => resource.type === 'aws_securityhub_configuration_policy' && resource.body.configuration_policy?.service_enabled === true,
  );

  const inScope = (rule: ImplicitResourceRule, resource: Placed): boolean => {
    const account = facts.get(resource.account);
    switch (rule.scope) {
      case 'guardduty-delegated-administrator':
        return guardDutyAdmins.some((d) => d.admin === resource.account && d.region === resource.region);
      case 'securityhub-delegated-administrator':
        return securityHubAdmins.some((d) => d.admin === resource.account && d.region === resource.region);
      case 'macie-delegated-administrator':
        return macieAdmins.some((d) => d.admin === resource.account && d.region === resource.region);
      case 'securityhub-central-configuration':
        return centralConfiguration;
      case 'every-account':
        return true;
      case 'adopted-account':
        return account?.adopted === true;
      case 'adopted-organization':
        return resource.account === 'management' && adoptsOrganization(config);
    }
  };

  const createdBeforeTrigger = (rule: ImplicitResourceRule, resource: Placed): boolean => {
    const address = `${resource.type}.${resource.name}`;
    const triggers = resources.filter(
      (other) =>
        other.type === rule.triggerType &&
        other.region === resource.region &&
        accountNameOf(String(other.body.admin_account_id), config, accounts) === resource.account,
    );
    return (
      triggers.length > 0 &&
      triggers.every((trigger) =>
        trigger.stack === resource.stack ? dependsOn(trigger.body, address) : ancestors(estate.manifest, trigger.stack).has(resource.stack),
      )
    );
  };

  const declaredAbsent = (rule: ImplicitResourceRule, resource: Placed): boolean => {
    const adoption = facts.get(resource.account)?.adoption;
    if (!adoption) return false;
    if (rule.adoptionKey === 'configServiceLinkedRole') return adoption.configServiceLinkedRole === false;
    const existing = adoption.configRecorders[resource.region as keyof typeof adoption.configRecorders];
    if (rule.adoptionKey === 'configRecorder') return existing === undefined;
    if (rule.adoptionKey === 'configDeliveryChannel') return existing?.deliveryChannel === undefined;
    return false;
  };

  const violations: ImplicitResourceViolation[] = [];
  for (const rule of rules) {
    for (const resource of resources) {
      if (resource.type !== rule.resourceType || !matchesAttributes(rule, resource.body) || !inScope(rule, resource)) continue;
      const address = `${resource.type}.${resource.name}`;
      const allowed = rule.allowedWhen.some((allowance) => {
        if (allowance === 'imported') return imported(estate, resource.stack, address);
        if (allowance === 'created-before-trigger') return createdBeforeTrigger(rule, resource);
        return declaredAbsent(rule, resource);
      });
      if (allowed) continue;
      violations.push({
        rule: rule.id,
        stack: resource.stack,
        address,
        account: resource.account,
        region: resource.region,
        reason: `${rule.createdBy} Allowed only when: ${rule.allowedWhen.length ? rule.allowedWhen.join(' or ') : 'never (remove the resource)'}. ${rule.reference}`,
      });
    }
  }
  return violations;
}
