// Data perimeter (RCP, root): the organization's S3, KMS, STS, SQS and Secrets Manager resources
// answer only to principals of this organization and to AWS services acting for it, and only over
// TLS. Shape after AWS's published identity-perimeter RCP (aws-samples/data-perimeter-policy-
// examples). The organization is named through the policy variable ${aws:ResourceOrgID}, so the
// policy needs no organization ID at synth time and stays a pure function of configuration.
import type { LandingZoneConfig } from '../lib/config/schema';
import type { PolicyDocument } from '../lib/iam-policy';
import { DATA_PERIMETER_SERVICES, ELB_LOG_DELIVERY_ACCOUNTS, type PerimeterService } from './data/perimeter-services';

/** "The organization that owns this resource", resolved by AWS at request time. */
export const RESOURCE_ORG = '${aws:ResourceOrgID}';

function identityPerimeterActions(services: readonly PerimeterService[]): string[] {
  return services.flatMap(({ service, actions }) => (actions ? actions.map((action) => `${service}:${action}`) : [`${service}:*`]));
}

/** AWS-owned accounts allowed through the identity perimeter: ELB log delivery in the allowed Regions. */
export function trustedAwsAccounts(config: LandingZoneConfig): string[] {
  return config.allowedRegions.flatMap((region) => (ELB_LOG_DELIVERY_ACCOUNTS[region] ? [ELB_LOG_DELIVERY_ACCOUNTS[region]] : []));
}

export function dataPerimeterRcp(
  config: LandingZoneConfig,
  services: readonly PerimeterService[] = DATA_PERIMETER_SERVICES,
): PolicyDocument {
  const everyAction = services.map(({ service }) => `${service}:*`);
  const awsAccounts = trustedAwsAccounts(config);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'EnforceOrgIdentities',
        Effect: 'Deny',
        Principal: '*',
        Action: identityPerimeterActions(services),
        Resource: '*',
        Condition: {
          // Both must differ for the deny: a principal of this organization, or an AWS-owned delivery account.
          StringNotEqualsIfExists: {
            'aws:PrincipalOrgID': RESOURCE_ORG,
            ...(awsAccounts.length > 0 ? { 'aws:PrincipalAccount': awsAccounts } : {}),
          },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      },
      {
        // An AWS service acting on a request must be acting for an account of this organization
        // (confused-deputy protection); a service call with no source account is the service's own.
        Sid: 'EnforceConfusedDeputyProtection',
        Effect: 'Deny',
        Principal: '*',
        Action: everyAction,
        Resource: '*',
        Condition: {
          StringNotEqualsIfExists: { 'aws:SourceOrgID': RESOURCE_ORG },
          Null: { 'aws:SourceAccount': 'false' },
          Bool: { 'aws:PrincipalIsAWSService': 'true' },
        },
      },
      {
        Sid: 'EnforceSecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: everyAction,
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
}
