// The AWS SDK clients `lz verify` reads with, behind one factory so that the verifier never builds a
// client itself: the CLI passes real clients acting through each account's read-only plan role,
// and the tests pass clients whose responses aws-sdk-client-mock records.
import type { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { GuardDutyClient } from '@aws-sdk/client-guardduty';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { NetworkFirewallClient } from '@aws-sdk/client-network-firewall';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { Route53ResolverClient } from '@aws-sdk/client-route53resolver';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { SNSClient } from '@aws-sdk/client-sns';

/** Clients for one account and Region; each is created on first use. */
export interface AccountClients {
  cloudTrail(): CloudTrailClient;
  config(): ConfigServiceClient;
  ec2(): EC2Client;
  networkFirewall(): NetworkFirewallClient;
  route53Resolver(): Route53ResolverClient;
  guardDuty(): GuardDutyClient;
  securityHub(): SecurityHubClient;
  accessAnalyzer(): AccessAnalyzerClient;
  iam(): IAMClient;
  cloudFormation(): CloudFormationClient;
  cloudWatch(): CloudWatchClient;
  sns(): SNSClient;
  organizations(): OrganizationsClient;
}

export interface ClientFactory {
  /**
   * Confirms that the caller has credentials at all, before anything else is read; rejects with
   * a message a person can act on.
   */
  checkCallerCredentials(): Promise<void>;
  /** Read-only clients acting in this account and Region (through its plan role). */
  forAccount(accountId: string, region: string): AccountClients;
  /**
   * Clients acting with the caller's own credentials, used only by --send-test-alert (the plan
   * role cannot change an alarm's state).
   */
  asCaller(region: string): AccountClients;
}

/** Raised when the caller has no usable AWS credentials: reported as one line, no stack trace. */
export class CallerCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallerCredentialsError';
  }
}
