// The resource-policy entry point of the simulator: how it treats encryption-context conditions,
// which the underlying engine cannot evaluate itself, and that it applies the RCPs of the resource's
// account and the SCPs of a role's account.
import { loadConfig } from '../../lib/config/load';
import type { PolicyDocument } from '../../lib/iam-policy';
import { buildGuardrailModel, findAccount } from '../../tools/simulation/simulate';
import { decideEncryptionContext, evaluateResourceRequest } from '../../tools/simulation/resource-policy';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
const model = buildGuardrailModel(
  loaded.landingZone,
  loaded.accounts.map((account) => account.config),
);
const topic = 'arn:aws:sns:eu-west-2:111111111111:alerts';
const keyPolicy: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ForThisTopic',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': topic }, Bool: { 'aws:SecureTransport': 'true' } },
    },
  ],
};

describe('decideEncryptionContext', () => {
  it('keeps a statement whose encryption context holds, without that condition, and drops one whose context differs', () => {
    expect(decideEncryptionContext(keyPolicy, { 'kms:EncryptionContext:aws:sns:topicArn': topic })?.Statement).toEqual([
      { ...keyPolicy.Statement[0], Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    ]);
    expect(decideEncryptionContext(keyPolicy, { 'kms:EncryptionContext:aws:sns:topicArn': `${topic}-other` })?.Statement).toEqual([]);
    expect(decideEncryptionContext(keyPolicy, {})?.Statement).toEqual([]);
  });

  it('refuses an operator it does not model rather than guessing', () => {
    const numeric: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ ...keyPolicy.Statement[0], Condition: { NumericEquals: { 'kms:EncryptionContext:n': '1' } } }],
    };
    expect(() => decideEncryptionContext(numeric, { 'kms:EncryptionContext:n': '1' })).toThrow(/not modelled/);
  });
});

describe('evaluateResourceRequest', () => {
  const logArchive = findAccount(model, 'log-archive').accountId;

  it('allows a service through a key policy on its encryption context, and denies it for another topic', async () => {
    const request = {
      principal: 'events.amazonaws.com',
      action: 'kms:GenerateDataKey',
      resource: 'arn:aws:kms:eu-west-2:111111111111:key/k',
      resourceAccount: '111111111111',
      resourcePolicy: keyPolicy,
    };
    expect(
      (await evaluateResourceRequest(model, { ...request, context: { 'kms:EncryptionContext:aws:sns:topicArn': topic } })).decision,
    ).toBe('Allowed');
    expect(
      (await evaluateResourceRequest(model, { ...request, context: { 'kms:EncryptionContext:aws:sns:topicArn': `${topic}-other` } }))
        .decision,
    ).toBe('Denied');
  });

  it('applies the RCPs of the account that owns the resource: a service acting for another organization is denied', async () => {
    const open: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject', Resource: '*' }],
    };
    const request = {
      principal: 'delivery.logs.amazonaws.com',
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::bucket/key',
      resourceAccount: logArchive,
      resourcePolicy: open,
      region: 'eu-west-2',
    };
    expect(
      (
        await evaluateResourceRequest(model, {
          ...request,
          context: { 'aws:SourceAccount': logArchive, 'aws:SourceOrgID': 'o-exampleorg01' },
        })
      ).decision,
    ).toBe('Allowed');
    const foreign = await evaluateResourceRequest(model, {
      ...request,
      context: { 'aws:SourceAccount': '999999999999', 'aws:SourceOrgID': 'o-otherorg000' },
    });
    expect(foreign).toEqual({
      decision: 'Denied',
      reasons: [expect.stringMatching(/explicit deny in rcp data-perimeter EnforceConfusedDeputyProtection/)],
    });
  });

  it('applies the SCPs of a role of the estate (a request outside the allowed Regions is denied)', async () => {
    const request = {
      principal: `arn:aws:iam::${logArchive}:role/lz-log-replication`,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::bucket/key',
      resourceAccount: logArchive,
      context: {},
      identityPolicies: [
        { name: 'all', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } as PolicyDocument },
      ],
    };
    expect((await evaluateResourceRequest(model, { ...request, region: 'eu-west-2' })).decision).toBe('Allowed');
    expect((await evaluateResourceRequest(model, { ...request, region: 'us-east-2' })).decision).toBe('Denied');
  });
});
