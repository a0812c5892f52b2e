// Builds the organization conformance packs from the NCSC rule sets: every rule of either set
// exactly once per Region, grouped by framework, split further if a group would exceed AWS's
// per-pack limits. The template is CloudFormation JSON (Config accepts JSON or YAML bodies), emitted
// minified so the character limit is measured on exactly what the API receives.
import {
  AUTHORIZED_IGW_RULE,
  AUTHORIZED_IGW_TEMPLATE_PARAMETER,
  type ConformanceRule,
  ncscRules,
  PROCESS_CHECK,
  ruleParameters,
} from './rules';

/** AWS Config quotas: rules per conformance pack, and characters of a template body. */
export const CONFORMANCE_PACK_LIMITS = { maxRules: 130, maxTemplateChars: 51_200 } as const;

export interface ConformancePackDefinition {
  /** Organization conformance pack name (unique per Region in the organization). */
  readonly name: string;
  readonly rules: readonly ConformanceRule[];
  /** Minified CloudFormation JSON, exactly as sent to PutOrganizationConformancePack. */
  readonly templateBody: string;
  /** Values for the template's parameters, passed as input_parameter on the pack. */
  readonly inputParameters: Readonly<Record<string, string>>;
}

export interface ConformancePackOptions {
  /** Home Region packs carry the global-resource rules; the other Region's packs do not. */
  readonly homeRegion: boolean;
  /**
   * VPCs allowed an internet gateway (the gateway VPC). Unknown at synth until the network stack
   * exposes it; without it the rule runs unparameterised and flags every internet gateway.
   */
  readonly authorizedInternetGatewayVpcIds?: readonly string[];
  /** Per-pack limits; AWS's quotas unless a test wants to force a split. */
  readonly limits?: { readonly maxRules: number; readonly maxTemplateChars: number };
}

interface PackGroup {
  readonly name: string;
  readonly description: string;
  readonly rules: ConformanceRule[];
}

export function buildConformancePacks(options: ConformancePackOptions): ConformancePackDefinition[] {
  const rules = ncscRules().filter((rule) => options.homeRegion || !rule.homeRegionOnly);
  // Grouped by framework so a pack reads like the NCSC document it implements: every Cloud
  // Security Principles rule in one pack, the CAF rules that CSP does not already cover in another.
  const groups: PackGroup[] = [
    {
      name: 'lz-ncsc-cloud-security-principles',
      description: 'NCSC Cloud Security Principles',
      rules: rules.filter((rule) => rule.frameworks.includes('ncsc_csp')),
    },
    {
      name: 'lz-ncsc-caf',
      description: 'NCSC Cyber Assessment Framework (rules not already in the CSP pack)',
      rules: rules.filter((rule) => !rule.frameworks.includes('ncsc_csp')),
    },
  ];
  const parameters = ruleParameters();
  return groups.filter((group) => group.rules.length > 0).flatMap((group) => splitWithinLimits(group, parameters, options));
}

function splitWithinLimits(
  group: PackGroup,
  parameters: ReturnType<typeof ruleParameters>,
  options: ConformancePackOptions,
): ConformancePackDefinition[] {
  const limits = options.limits ?? CONFORMANCE_PACK_LIMITS;
  // Common case first: the whole group fits in one pack, rendered once.
  const whole = renderTemplate(group.rules, parameters, options);
  if (group.rules.length <= limits.maxRules && whole.templateBody.length <= limits.maxTemplateChars) {
    return [{ name: group.name, rules: group.rules, ...whole }];
  }
  const chunks: ConformanceRule[][] = [[]];
  for (const rule of group.rules) {
    const current = chunks[chunks.length - 1];
    const candidate = [...current, rule];
    const fits =
      candidate.length <= limits.maxRules && renderTemplate(candidate, parameters, options).templateBody.length <= limits.maxTemplateChars;
    if (fits || current.length === 0) current.push(rule);
    else chunks.push([rule]);
  }
  return chunks.map((chunk, index) => {
    const rendered = renderTemplate(chunk, parameters, options);
    if (rendered.templateBody.length > limits.maxTemplateChars) {
      throw new Error(`conformance pack ${group.name}: rule ${chunk[0].name} alone exceeds the template limit`);
    }
    return {
      name: chunks.length === 1 ? group.name : `${group.name}-${index + 1}`,
      rules: chunk,
      ...rendered,
    };
  });
}

/** CloudFormation logical ID from a rule name: access-keys-rotated -> AccessKeysRotated. */
export function logicalId(ruleName: string): string {
  return ruleName
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function renderTemplate(
  rules: readonly ConformanceRule[],
  parameters: ReturnType<typeof ruleParameters>,
  options: ConformancePackOptions,
): { templateBody: string; inputParameters: Record<string, string> } {
  const templateParameters: Record<string, unknown> = {};
  const inputParameters: Record<string, string> = {};
  const resources: Record<string, unknown> = {};
  for (const rule of rules) {
    let ruleInput: Record<string, unknown> | undefined = parameters[rule.name] ? { ...parameters[rule.name] } : undefined;
    if (
      rule.name === AUTHORIZED_IGW_RULE &&
      options.authorizedInternetGatewayVpcIds &&
      options.authorizedInternetGatewayVpcIds.length > 0
    ) {
      // Passed as a pack parameter, not inlined, so the template stays a constant whose size is
      // checked at synth even though the VPC ID is a cross-stack reference.
      templateParameters[AUTHORIZED_IGW_TEMPLATE_PARAMETER] = { Type: 'String' };
      inputParameters[AUTHORIZED_IGW_TEMPLATE_PARAMETER] = options.authorizedInternetGatewayVpcIds.join(',');
      ruleInput = { AuthorizedVpcIds: { Ref: AUTHORIZED_IGW_TEMPLATE_PARAMETER } };
    }
    const id = logicalId(rule.name);
    if (resources[id]) throw new Error(`conformance pack: logical ID ${id} is used by two rules`);
    resources[id] = {
      Type: 'AWS::Config::ConfigRule',
      Properties: {
        ConfigRuleName: rule.name,
        ...(rule.sourceIdentifier === PROCESS_CHECK
          ? { Description: `Manual process check (${rule.frameworks.join(', ')}): record the evidence in AWS Config.` }
          : {}),
        ...(ruleInput ? { InputParameters: ruleInput } : {}),
        Source: { Owner: 'AWS', SourceIdentifier: rule.sourceIdentifier },
      },
    };
  }
  const template =
    Object.keys(templateParameters).length > 0 ? { Parameters: templateParameters, Resources: resources } : { Resources: resources };
  return { templateBody: JSON.stringify(template), inputParameters };
}
