// Real AWS clients for `lz verify`. Every account is read through one role assumed with STS from
// the caller's credentials: the read-only plan role (lz-plan-readonly), whose trust admits only the
// pipeline plan role of the management account, or the role given with --role. The SDK
// modules are loaded here, on first use, so that no other command pays for them.
/* eslint-disable @typescript-eslint/no-require-imports */
import { CallerCredentialsError, type AccountClients, type ClientFactory } from './clients';

/** The shape the SDK accepts as `credentials` (declared here rather than imported from a transitive package). */
interface AwsCredentialIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}
type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentity>;

export interface AwsClientFactoryOptions {
  /** Role assumed in every account: PLAN_READONLY_ROLE from lib/delivery/pipeline-policies.ts unless --role names another. */
  readonly readRoleName: string;
  /** Region of the STS endpoint (the home Region). */
  readonly stsRegion: string;
}

function lazyClients(region: string, credentials: AwsCredentialIdentityProvider | undefined): AccountClients {
  const cache = new Map<string, unknown>();
  const once = <T>(key: string, create: () => T): T => {
    if (!cache.has(key)) cache.set(key, create());
    return cache.get(key) as T;
  };
  const settings = { region, ...(credentials ? { credentials } : {}) };
  return {
    cloudTrail: () =>
      once(
        'cloudtrail',
        () => new (require('@aws-sdk/client-cloudtrail') as typeof import('@aws-sdk/client-cloudtrail')).CloudTrailClient(settings),
      ),
    config: () =>
      once(
        'config',
        () =>
          new (require('@aws-sdk/client-config-service') as typeof import('@aws-sdk/client-config-service')).ConfigServiceClient(settings),
      ),
    ec2: () => once('ec2', () => new (require('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2')).EC2Client(settings)),
    networkFirewall: () =>
      once(
        'nfw',
        () =>
          new (require('@aws-sdk/client-network-firewall') as typeof import('@aws-sdk/client-network-firewall')).NetworkFirewallClient(
            settings,
          ),
      ),
    route53Resolver: () =>
      once(
        'resolver',
        () =>
          new (require('@aws-sdk/client-route53resolver') as typeof import('@aws-sdk/client-route53resolver')).Route53ResolverClient(
            settings,
          ),
      ),
    guardDuty: () =>
      once(
        'guardduty',
        () => new (require('@aws-sdk/client-guardduty') as typeof import('@aws-sdk/client-guardduty')).GuardDutyClient(settings),
      ),
    securityHub: () =>
      once(
        'securityhub',
        () => new (require('@aws-sdk/client-securityhub') as typeof import('@aws-sdk/client-securityhub')).SecurityHubClient(settings),
      ),
    accessAnalyzer: () =>
      once(
        'accessanalyzer',
        () =>
          new (require('@aws-sdk/client-accessanalyzer') as typeof import('@aws-sdk/client-accessanalyzer')).AccessAnalyzerClient(settings),
      ),
    iam: () => once('iam', () => new (require('@aws-sdk/client-iam') as typeof import('@aws-sdk/client-iam')).IAMClient(settings)),
    cloudFormation: () =>
      once(
        'cloudformation',
        () =>
          new (require('@aws-sdk/client-cloudformation') as typeof import('@aws-sdk/client-cloudformation')).CloudFormationClient(settings),
      ),
    cloudWatch: () =>
      once(
        'cloudwatch',
        () => new (require('@aws-sdk/client-cloudwatch') as typeof import('@aws-sdk/client-cloudwatch')).CloudWatchClient(settings),
      ),
    sns: () => once('sns', () => new (require('@aws-sdk/client-sns') as typeof import('@aws-sdk/client-sns')).SNSClient(settings)),
    organizations: () =>
      once(
        'organizations',
        () =>
          new (require('@aws-sdk/client-organizations') as typeof import('@aws-sdk/client-organizations')).OrganizationsClient(settings),
      ),
  };
}

export function awsClientFactory(options: AwsClientFactoryOptions): ClientFactory {
  const sts = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
  const stsClient = new sts.STSClient({ region: options.stsRegion });
  const assumed = new Map<string, AwsCredentialIdentityProvider>();
  const clients = new Map<string, AccountClients>();

  /** Temporary credentials of the plan role in one account, renewed five minutes before they expire. */
  const roleCredentials = (accountId: string): AwsCredentialIdentityProvider => {
    let current: AwsCredentialIdentity | undefined;
    // Concurrent checks in one account share one AssumeRole call.
    let inFlight: Promise<AwsCredentialIdentity> | undefined;
    const assume = async (): Promise<AwsCredentialIdentity> => {
      const roleArn = `arn:aws:iam::${accountId}:role/${options.readRoleName}`;
      const response = await stsClient.send(
        new sts.AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'lz-verify', DurationSeconds: 3600 }),
      );
      const issued = response.Credentials;
      if (!issued?.AccessKeyId || !issued.SecretAccessKey) throw new Error(`STS returned no credentials for ${roleArn}`);
      current = {
        accessKeyId: issued.AccessKeyId,
        secretAccessKey: issued.SecretAccessKey,
        sessionToken: issued.SessionToken,
        expiration: issued.Expiration,
      };
      return current;
    };
    return async () => {
      if (current?.expiration && current.expiration.getTime() - Date.now() > 5 * 60_000) return current;
      inFlight ??= assume().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    };
  };

  return {
    async checkCallerCredentials() {
      try {
        await stsClient.send(new sts.GetCallerIdentityCommand({}));
      } catch (error) {
        throw new CallerCredentialsError(
          `no usable AWS credentials (${(error as Error).name}: ${(error as Error).message}); run lz verify with credentials of the management account: the pipeline plan role, or an administrator session with --role naming the execution role`,
        );
      }
    },
    forAccount(accountId, region) {
      const key = `${accountId}/${region}`;
      if (!assumed.has(accountId)) assumed.set(accountId, roleCredentials(accountId));
      if (!clients.has(key)) clients.set(key, lazyClients(region, assumed.get(accountId)));
      return clients.get(key)!;
    },
    asCaller(region) {
      return lazyClients(region, undefined);
    },
  };
}
