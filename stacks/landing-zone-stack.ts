// Base class of every stack: one Terraform state per stack in the shared S3 state bucket, and AWS
// providers pinned to one account (allowed_account_ids) in each Region the stack manages.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LocalBackend, S3Backend, type TerraformBackend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { secondaryRegion, stateBucketName } from '../lib/config/model';
import type { LandingZoneConfig } from '../lib/config/schema';

export interface AccountTarget {
  /** Account ID: a literal from configuration, or a reference to the account the organization stack creates. */
  readonly accountId: string;
  /**
   * Member accounts are reached by assuming the execution role from the management account;
   * stacks of the management account itself use the caller's credentials.
   */
  readonly assumeExecutionRole: boolean;
}

export interface LandingZoneStackProps {
  readonly config: LandingZoneConfig;
  readonly target: AccountTarget;
  /** Only the bootstrap stack keeps local state: the state bucket does not exist before it. */
  readonly localState?: boolean;
}

/** Stacks of the management account run with the caller's credentials (SCPs never apply there). */
export function managementAccountTarget(config: LandingZoneConfig): AccountTarget {
  return { accountId: config.managementAccount.accountId, assumeExecutionRole: false };
}

export const STATE_KEY_ALIAS = 'lz-tfstate';

export function stateKeyAliasName(config: LandingZoneConfig): string {
  return `alias/${config.organization.namePrefix}-${STATE_KEY_ALIAS}`;
}

export abstract class LandingZoneStack extends TerraformStack {
  readonly config: LandingZoneConfig;
  /** Provider for the home Region; the default provider of the stack. */
  readonly homeProvider: AwsProvider;
  /** Provider for the other allowed Region, when the configuration allows two. */
  readonly secondaryProvider?: AwsProvider;
  /** The stack's one state backend, made here in the constructor. */
  private readonly backend: TerraformBackend;

  constructor(scope: Construct, id: string, props: LandingZoneStackProps) {
    super(scope, id);
    this.config = props.config;
    const { config, target } = props;

    if (props.localState) {
      // Kept in the project root (Terraform runs in cdktf.out/stacks/<id>), not inside cdktf.out,
      // which synth rewrites and which is easy to delete.
      this.backend = new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    } else {
      this.backend = new S3Backend(this, {
        bucket: stateBucketName(config),
        key: `${id}/terraform.tfstate`,
        region: config.homeRegion,
        encrypt: true,
        kmsKeyId: `arn:aws:kms:${config.homeRegion}:${config.managementAccount.accountId}:${stateKeyAliasName(config)}`,
      });
      // S3-native locking (Terraform >= 1.11); cdktf 0.21 has no typed option for it.
      this.addOverride('terraform.backend.s3.use_lockfile', true);
    }

    const providerSettings = (region: string) => ({
      region,
      allowedAccountIds: [target.accountId],
      assumeRole: target.assumeExecutionRole
        ? [{ roleArn: `arn:aws:iam::${target.accountId}:role/${config.roles.execution}`, sessionName: `landing-zone-${id}` }]
        : undefined,
      defaultTags: [{ tags: { ...config.tags, 'lz:stack': id } }],
    });
    this.homeProvider = new AwsProvider(this, 'aws', providerSettings(config.homeRegion));
    const other = secondaryRegion(config);
    if (other) {
      this.secondaryProvider = new AwsProvider(this, `aws-${other}`, { ...providerSettings(other), alias: other.replace(/-/g, '_') });
    }
  }

  /**
   * The backend made in the constructor, the one cdktf's own implementation would find. cdktf 0.21
   * searches the stack's whole construct tree on every call, and calls it once for each stack that
   * reads this stack's outputs: with every workload stack reading the organization and network
   * stacks, that was a walk of those (largest) trees per workload account, quadratic in the estate.
   */
  override ensureBackendExists(): TerraformBackend {
    return this.backend;
  }

  /**
   * A home-Region provider for another member account (through its execution role), for the rare
   * resource that must sit in that account but belongs to this stack's account: the share of the HSCN
   * resolver rules with a workload account (docs/decisions/0508-vend-touches-four-stacks.md).
   */
  protected memberAccountProvider(alias: string, accountId: string): AwsProvider {
    return new AwsProvider(this, `aws-${alias}`, {
      alias,
      region: this.config.homeRegion,
      allowedAccountIds: [accountId],
      assumeRole: [
        { roleArn: `arn:aws:iam::${accountId}:role/${this.config.roles.execution}`, sessionName: `landing-zone-${this.node.id}` },
      ],
      defaultTags: [{ tags: { ...this.config.tags, 'lz:stack': this.node.id } }],
    });
  }

  /** Providers for every allowed Region, home first. */
  get regionalProviders(): { region: string; provider: AwsProvider }[] {
    const providers: { region: string; provider: AwsProvider }[] = [{ region: this.config.homeRegion, provider: this.homeProvider }];
    const other = secondaryRegion(this.config);
    if (other && this.secondaryProvider) providers.push({ region: other, provider: this.secondaryProvider });
    return providers;
  }
}
