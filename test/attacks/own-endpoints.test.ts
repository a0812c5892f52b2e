// A workload's own VPC endpoint to an AWS service (ADR 0625): what the central endpoints' policy
// stops that the organization policies do not, and why workloads may make no endpoint of their own.
// Each request runs as the workload account's AdministratorAccess role through its real OU chain with
// the same engine as `lz simulate`, plus the policy of the endpoint it travels through: the central
// endpoint's (lib/network/aws-endpoints.ts) or the attacker's `"Principal": "*", "Action": "*"`.
import { loadConfig } from '../../lib/config/load';
import { awsOwnedBucketsReadThroughS3, endpointPolicy } from '../../lib/network/aws-endpoints';
import { buildGuardrailModel, findAccount, SIMULATED_ORGANIZATION_ID, simulateRequest } from '../../tools/simulation/simulate';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
const model = buildGuardrailModel(
  loaded.landingZone,
  loaded.accounts.map((account) => account.config),
);
const REGION = 'eu-west-2';
const ACCOUNT = 'clinical-portal-prod';
const accountId = findAccount(model, ACCOUNT).accountId;
const admin = `arn:aws:iam::${accountId}:role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_AdministratorAccess_0123456789abcdef`;
const outside = { 'aws:ResourceOrgID': 'o-attacker0001', 'aws:ResourceAccount': '444455556666' };
const awsOwned = { 'aws:ResourceOrgID': '', 'aws:ResourceAccount': '' };

const central = (service: string) => ({
  name: `central ${service} endpoint`,
  policy: endpointPolicy(REGION, service, SIMULATED_ORGANIZATION_ID),
});
const permissive = {
  name: "the attacker's own endpoint",
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] },
};

async function decide(
  action: string,
  resource: string,
  context: Record<string, string>,
  vpcEndpointPolicy?: { name: string; policy: object },
) {
  const outcome = await simulateRequest(model, {
    resourceOutsideOrganization: 'aws:ResourceOrgID' in context,
    account: ACCOUNT,
    principal: admin,
    action,
    region: REGION,
    resource,
    context,
    vpcEndpointPolicy,
  });
  return { decision: outcome.decision, statement: outcome.deciding?.statement, policyType: outcome.deciding?.policyType };
}

/** Reads of another organization's resources: no organization policy denies them (see the last block). */
const OUTSIDE_READS: readonly [service: string, action: string, resource: string][] = [
  ['s3', 's3:GetObject', 'arn:aws:s3:::attacker-bucket/tools.tar'],
  ['s3', 's3:ListBucket', 'arn:aws:s3:::attacker-bucket'],
  ['secretsmanager', 'secretsmanager:GetSecretValue', `arn:aws:secretsmanager:${REGION}:444455556666:secret:attacker-AbCdEf`],
  ['kms', 'kms:Decrypt', `arn:aws:kms:${REGION}:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
];

describe('promise inside-organization: the central endpoints fence requests to the organization', () => {
  it.each(OUTSIDE_READS)(
    "through the central %s endpoint, %s on another organization's resource is refused",
    async (service, action, resource) => {
      // Refused by the endpoint's policy: no organization policy denies a read of an outside resource.
      expect(await decide(action, resource, outside, central(service))).toEqual({
        decision: 'Denied',
        statement: undefined,
        policyType: 'endpoint',
      });
    },
  );

  it('through the central s3 endpoint, a write to an outside bucket is refused explicitly by DenyWritesOutsideOrg', async () => {
    const viaCentral = await decide('s3:PutObject', 'arn:aws:s3:::attacker-bucket/export.csv', outside, central('s3'));
    expect(viaCentral).toEqual({ decision: 'Denied', statement: 'DenyWritesOutsideOrg', policyType: 'SCP' });
  });

  // Must allow: normal work through the same endpoints.
  it.each([
    ['s3', 's3:GetObject', `arn:aws:s3:::exvalley-clinical-portal-uploads/referral.pdf`],
    ['s3', 's3:PutObject', `arn:aws:s3:::exvalley-clinical-portal-uploads/referral.pdf`],
    ['secretsmanager', 'secretsmanager:GetSecretValue', `arn:aws:secretsmanager:${REGION}:${accountId}:secret:db-AbCdEf`],
    ['kms', 'kms:Decrypt', `arn:aws:kms:${REGION}:${accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
  ])('through the central %s endpoint, %s on its own resource is allowed (must allow)', async (service, action, resource) => {
    expect((await decide(action, resource, {}, central(service))).decision).toBe('Allowed');
  });

  it.each(awsOwnedBucketsReadThroughS3(REGION).slice(0, 4))(
    'through the central s3 endpoint, an AWS-owned bucket of normal work is readable: %s (must allow)',
    async (bucket) => {
      expect((await decide('s3:GetObject', bucket.replace(/\*$/, 'object'), awsOwned, central('s3'))).decision).toBe('Allowed');
    },
  );
});

describe("promise inside-organization: an endpoint of the workload's own would lift that fence, so it cannot be made", () => {
  it.each(OUTSIDE_READS)(
    'through an endpoint with an "Action: *" policy, %s\'s %s on another organization\'s resource would pass every organization policy',
    async (_service, action, resource) => {
      // Reads of outside resources are not in the resource perimeter (ADR 0625 says why): only the
      // endpoint's policy stops them, which is why the workload may not bring its own endpoint.
      expect((await decide(action, resource, outside, permissive)).decision).toBe('Allowed');
    },
  );

  it.each(['s3', 'secretsmanager', 'kms'])('creating its own %s endpoint is denied by DenyOwnVpcEndpoints', async (service) => {
    const outcome = await decide('ec2:CreateVpcEndpoint', `arn:aws:ec2:${REGION}:${accountId}:vpc-endpoint/*`, {
      'ec2:VpceServiceOwner': 'amazon',
      'ec2:VpceServiceName': `com.amazonaws.${REGION}.${service}`,
    });
    expect(outcome).toEqual({ decision: 'Denied', statement: 'DenyOwnVpcEndpoints', policyType: 'SCP' });
  });

  it('writes to an outside bucket stay denied even through such an endpoint (DenyWritesOutsideOrg does not depend on the path)', async () => {
    for (const action of ['s3:PutObject', 's3:PutObjectAcl', 's3:ReplicateObject'])
      expect(await decide(action, 'arn:aws:s3:::attacker-bucket/export.csv', outside, permissive)).toEqual({
        decision: 'Denied',
        statement: 'DenyWritesOutsideOrg',
        policyType: 'SCP',
      });
  });
});
