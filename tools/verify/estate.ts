// What `lz verify` must look at, read from configuration and the synthesized Terraform JSON: which
// accounts exist, in which Regions each stack manages resources, and which trails, delivery
// channels, flow logs, firewalls, query-log associations, alarms, topics and StackSets it creates.
// A new account, Region or log destination is therefore covered without editing the verifier.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedConfig } from '../../lib/config/load';
import { isActive, platformAccounts } from '../../lib/config/model';

/** One account of the estate, by its configured name. */
export interface EstateAccount {
  readonly name: string;
  readonly email: string;
  /** Known from configuration (management account, adopted accounts); otherwise looked up in AWS Organizations. */
  readonly accountId?: string;
  readonly isManagement: boolean;
}

/** A resource the verifier checks, located in an account and Region. */
export interface Located {
  readonly stack: string;
  readonly account: string;
  readonly region: string;
}

export interface NamedResource extends Located {
  readonly name: string;
}

export interface EstateTargets {
  readonly homeRegion: string;
  readonly regions: readonly string[];
  /** Every active account: the management account first. Suspended accounts are left out (the deny-all also denies the plan role). */
  readonly accounts: readonly EstateAccount[];
  readonly executionRoleName: string;
  readonly breakGlassRoleName: string;
  readonly trails: readonly (NamedResource & { readonly logFileValidation: boolean })[];
  readonly deliveryChannels: readonly Located[];
  /** How many flow logs each stack creates in a Region; every one must deliver. */
  readonly flowLogs: readonly (Located & { readonly count: number })[];
  readonly firewalls: readonly (NamedResource & { readonly logTypes: readonly string[] })[];
  readonly queryLogConfigs: readonly NamedResource[];
  readonly queryLogAssociations: readonly (Located & { readonly count: number })[];
  readonly alarms: readonly (NamedResource & { readonly description: string })[];
  readonly alertTopics: readonly NamedResource[];
  readonly stackSets: readonly NamedResource[];
  /** IAM Access Analyzer analyzers: the organization analyzer (security account) and each account's own. */
  readonly analyzers: readonly (NamedResource & { readonly type: AnalyzerType })[];
}

/** The analyzer types lz verify checks; AWS creates an ACCOUNT analyzer when `type` is left out. */
export type AnalyzerType = 'ACCOUNT' | 'ORGANIZATION';

type TerraformJson = {
  provider?: { aws?: { alias?: string; region: string; allowed_account_ids?: string[] }[] };
  resource?: Record<string, Record<string, Record<string, unknown>>>;
};

/** A literal value of the synthesized JSON; Terraform references (`${...}`) are unknown until apply. */
function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}

/**
 * The account a stack's providers are pinned to: a literal ID from configuration, or the
 * organization stack's output for the account it creates (`...account-<name>id}`).
 */
function stackAccount(json: TerraformJson, accounts: readonly EstateAccount[], stack: string): string | undefined {
  const pinned = json.provider?.aws?.[0]?.allowed_account_ids?.[0];
  if (!pinned) return undefined;
  const byId = accounts.find((account) => account.accountId === pinned);
  if (byId) return byId.name;
  // Longest name first, so that `prod` never claims the output of `clinical-portal-prod`.
  const byOutput = [...accounts]
    .sort((a, b) => b.name.length - a.name.length)
    .find((account) => pinned.endsWith(`account-${account.name}id}`));
  if (byOutput) return byOutput.name;
  throw new Error(`stack ${stack}: cannot tell which configured account its provider is pinned to (${pinned})`);
}

/** Reads every stack of a synth output directory (cdktf.out) against the loaded configuration. */
export function readEstate(loaded: LoadedConfig, synthDir: string): EstateTargets {
  const config = loaded.landingZone;
  const accounts: EstateAccount[] = [
    { name: 'management', email: config.managementAccount.email, accountId: config.managementAccount.accountId, isManagement: true },
    // The platform accounts: the core accounts, and the backup account when `backup` is configured.
    ...platformAccounts(config).map(({ account: platform }) => ({
      name: platform.name,
      email: platform.email,
      accountId: platform.accountId,
      isManagement: false,
    })),
    ...loaded.accounts
      .map((entry) => entry.config)
      .filter(isActive)
      .map((account) => ({ name: account.name, email: account.email, accountId: account.accountId, isManagement: false })),
  ];
  // Suspended accounts keep their stacks; they are recognised so that those stacks can be left out.
  const suspended: EstateAccount[] = loaded.accounts
    .map((entry) => entry.config)
    .filter((account) => !isActive(account))
    .map((account) => ({ name: account.name, email: account.email, accountId: account.accountId, isManagement: false }));
  const stacksDir = path.join(synthDir, 'stacks');
  if (!fs.existsSync(stacksDir)) throw new Error(`${synthDir} has no stacks/ directory; give the cdktf.out of a synth`);

  const targets = {
    trails: [] as (NamedResource & { logFileValidation: boolean })[],
    deliveryChannels: [] as Located[],
    flowLogs: [] as (Located & { count: number })[],
    firewalls: [] as (NamedResource & { logTypes: string[] })[],
    queryLogConfigs: [] as NamedResource[],
    queryLogAssociations: [] as (Located & { count: number })[],
    alarms: [] as (NamedResource & { description: string })[],
    alertTopics: [] as NamedResource[],
    stackSets: [] as NamedResource[],
    analyzers: [] as (NamedResource & { type: AnalyzerType })[],
  };
  for (const stack of fs.readdirSync(stacksDir).sort()) {
    const file = path.join(stacksDir, stack, 'cdk.tf.json');
    if (!fs.existsSync(file)) continue;
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as TerraformJson;
    const account = stackAccount(json, [...accounts, ...suspended], stack);
    // Stacks without providers, and the stacks of suspended accounts, are not verified.
    if (!account || suspended.some((entry) => entry.name === account)) continue;
    const providers = json.provider?.aws ?? [];
    const regionOf = (resource: Record<string, unknown>): string => {
      const alias = typeof resource.provider === 'string' ? resource.provider.replace(/^aws\.?/, '') : '';
      const provider = providers.find((candidate) => (candidate.alias ?? '') === alias);
      return provider?.region ?? config.homeRegion;
    };
    const each = (type: string): Record<string, unknown>[] => Object.values(json.resource?.[type] ?? {});
    const at = (resource: Record<string, unknown>): Located => ({ stack, account, region: regionOf(resource) });
    const counted = (type: string, into: (Located & { count: number })[]) => {
      for (const resource of each(type)) {
        const where = at(resource);
        const existing = into.find((entry) => entry.stack === stack && entry.region === where.region);
        if (existing) existing.count += 1;
        else into.push({ ...where, count: 1 });
      }
    };
    const named = (type: string, field: string, into: NamedResource[]) => {
      for (const resource of each(type)) {
        const name = literal(resource[field]);
        if (name) into.push({ ...at(resource), name });
      }
    };

    for (const trail of each('aws_cloudtrail')) {
      const name = literal(trail.name);
      if (name) targets.trails.push({ ...at(trail), name, logFileValidation: trail.enable_log_file_validation === true });
    }
    for (const channel of each('aws_config_delivery_channel')) targets.deliveryChannels.push(at(channel));
    counted('aws_flow_log', targets.flowLogs);
    counted('aws_route53_resolver_query_log_config_association', targets.queryLogAssociations);
    named('aws_route53_resolver_query_log_config', 'name', targets.queryLogConfigs);
    named('aws_sns_topic', 'name', targets.alertTopics);
    named('aws_cloudformation_stack_set', 'name', targets.stackSets);
    for (const analyzer of each('aws_accessanalyzer_analyzer')) {
      const name = literal(analyzer.analyzer_name);
      if (name)
        targets.analyzers.push({ ...at(analyzer), name, type: literal(analyzer.type) === 'ORGANIZATION' ? 'ORGANIZATION' : 'ACCOUNT' });
    }
    for (const alarm of each('aws_cloudwatch_metric_alarm')) {
      const name = literal(alarm.alarm_name);
      if (name) targets.alarms.push({ ...at(alarm), name, description: literal(alarm.alarm_description) ?? '' });
    }
    // A firewall's logging configuration names it by reference; its log types come from the configuration.
    const firewallNames = new Map(
      Object.entries(json.resource?.aws_networkfirewall_firewall ?? {}).map(([id, firewall]) => [id, literal(firewall.name)]),
    );
    for (const logging of each('aws_networkfirewall_logging_configuration')) {
      const id = /aws_networkfirewall_firewall\.([^.]+)\.arn/.exec(String(logging.firewall_arn))?.[1];
      const name = id ? firewallNames.get(id) : undefined;
      if (!name) continue;
      const destinations = (
        (logging.logging_configuration as { log_destination_config?: { log_type?: string }[] } | undefined)?.log_destination_config ?? []
      ).map((entry) => entry.log_type ?? '');
      targets.firewalls.push({ ...at(logging), name, logTypes: destinations.filter(Boolean).sort() });
    }
  }
  return {
    homeRegion: config.homeRegion,
    regions: config.allowedRegions,
    accounts,
    executionRoleName: config.roles.execution,
    breakGlassRoleName: config.roles.breakGlass,
    ...targets,
  };
}
