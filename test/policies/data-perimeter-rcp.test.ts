import { loadConfig } from '../../lib/config/load';
import { dataPerimeterRcp, RESOURCE_ORG } from '../../policies/data-perimeter-rcp';
import { DATA_PERIMETER_SERVICES } from '../../policies/data/perimeter-services';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const policy = dataPerimeterRcp(config);
const statement = (sid: string, document = policy) => {
  const found = document.Statement.find((candidate) => candidate.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}`);
  return found;
};

describe('data-perimeter RCP', () => {
  it('uses only what RCPs accept: Deny, Principal "*", service-scoped actions, no NotAction', () => {
    for (const candidate of policy.Statement) {
      expect(candidate).toMatchObject({ Effect: 'Deny', Principal: '*', Resource: '*' });
      expect(candidate.NotAction).toBeUndefined();
      expect(candidate.Action).not.toContain('*');
    }
  });

  it('covers S3, KMS, STS, SQS and Secrets Manager, keeping SAML and web-identity assumption open', () => {
    const actions = statement('EnforceOrgIdentities').Action as string[];
    expect(actions).toEqual(expect.arrayContaining(['s3:*', 'kms:*', 'sqs:*', 'secretsmanager:*', 'sts:AssumeRole']));
    for (const federated of ['sts:*', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity'])
      expect(actions).not.toContain(federated);
    expect(statement('EnforceSecureTransport').Action).toEqual(['s3:*', 'kms:*', 'sts:*', 'sqs:*', 'secretsmanager:*']);
  });

  it('names the organization through ${aws:ResourceOrgID}, so no organization ID is needed at synth', () => {
    expect(RESOURCE_ORG).toBe('${aws:ResourceOrgID}');
    expect(statement('EnforceOrgIdentities').Condition).toEqual({
      StringNotEqualsIfExists: { 'aws:PrincipalOrgID': RESOURCE_ORG, 'aws:PrincipalAccount': ['652711504416', '156460612806'] },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
    });
    expect(statement('EnforceConfusedDeputyProtection').Condition).toEqual({
      StringNotEqualsIfExists: { 'aws:SourceOrgID': RESOURCE_ORG },
      Null: { 'aws:SourceAccount': 'false' },
      Bool: { 'aws:PrincipalIsAWSService': 'true' },
    });
    expect(JSON.stringify(policy)).not.toMatch(/o-[a-z0-9]{10,32}/);
  });

  it('lets through only the ELB log-delivery accounts of the allowed Regions', () => {
    const londonOnly = dataPerimeterRcp({ ...config, allowedRegions: ['eu-west-2'] });
    expect(statement('EnforceOrgIdentities', londonOnly).Condition?.StringNotEqualsIfExists).toEqual({
      'aws:PrincipalOrgID': RESOURCE_ORG,
      'aws:PrincipalAccount': ['652711504416'],
    });
  });

  it('grows with the service list, which is data', () => {
    const extended = dataPerimeterRcp(config, [...DATA_PERIMETER_SERVICES, { service: 'dynamodb', why: 'tables' }]);
    for (const sid of ['EnforceOrgIdentities', 'EnforceConfusedDeputyProtection', 'EnforceSecureTransport'])
      expect(statement(sid, extended).Action).toContain('dynamodb:*');
  });
});
