// The checker can fail: a provided entry whose resource is absent, whose test does not exist or
// failed, a partial entry that does not say what is missing, and a customer entry naming resources.
import type { Control } from '../../../lib/compliance/types';
import { checkControl, declaredTests, describePredicate, matchPredicate, TestIndex } from '../../../tools/evidence/check';
import { PROJECT_ROOT } from '../../helpers/synth';

const stacks = new Map([
  [
    'management',
    {
      resource: {
        aws_cloudtrail: {
          trail: {
            is_organization_trail: true,
            retention: 400,
            advanced_event_selector: [{ name: 'x', field_selector: [{ equals: ['AWS::S3::Object'] }] }],
          },
        },
      },
    },
  ],
]);
const REAL_TEST = {
  file: 'test/stacks/management-stack.test.ts',
  name: 'has one organization, multi-Region trail with global events and log file validation',
};
const base: Control = {
  id: 'example',
  title: 't',
  does: 'd',
  status: 'provided',
  refs: { ndg: ['6'] },
  resources: [{ type: 'aws_cloudtrail', where: { is_organization_trail: true } }],
  tests: [REAL_TEST],
};

const FULL = { hscn: true, regions: 2 };

describe('evidence checker', () => {
  it('matches resources by type and attribute: equality, contains (on JSON of structures), atLeast, exists', () => {
    expect(
      matchPredicate(stacks, {
        type: 'aws_cloudtrail',
        where: { is_organization_trail: true, retention: { atLeast: 365 }, advanced_event_selector: { contains: 'AWS::S3::Object' } },
      }).satisfied,
    ).toBe(true);
    expect(matchPredicate(stacks, { type: 'aws_cloudtrail', where: { retention: { atLeast: 500 } } }).satisfied).toBe(false);
    expect(matchPredicate(stacks, { type: 'aws_cloudtrail', where: { kms_key_id: { exists: true } } }).satisfied).toBe(false);
    expect(matchPredicate(stacks, { type: 'aws_cloudtrail', atLeast: 2 }).satisfied).toBe(false);
    expect(describePredicate({ type: 'aws_cloudtrail', where: { retention: { atLeast: 365 } }, atLeast: 2 })).toBe(
      'at least 2 x aws_cloudtrail where retention >= 365',
    );
  });

  it('accepts a provided entry with its resource and a real test', () => {
    expect(checkControl(base, stacks, new TestIndex(PROJECT_ROOT), FULL).problems).toEqual([]);
  });

  it('rejects a provided entry whose resource is absent, whose test does not exist, or that names neither', () => {
    const tests = new TestIndex(PROJECT_ROOT);
    expect(checkControl({ ...base, resources: [{ type: 'aws_backup_vault' }] }, stacks, tests, FULL).problems).toEqual([
      'resource not found: aws_backup_vault (found 0)',
    ]);
    expect(checkControl({ ...base, tests: [{ file: REAL_TEST.file, name: 'no such test' }] }, stacks, tests, FULL).problems).toEqual([
      `test not found: ${REAL_TEST.file} "no such test"`,
    ]);
    expect(checkControl({ ...base, resources: [], tests: [] }, stacks, tests, FULL).problems).toEqual([
      'provided, but names no resource that implements it',
      'provided, but names no test that proves it',
    ]);
  });

  it('rejects a provided entry whose test failed in the given Jest results, and reports passed ones', () => {
    const result = (status: string) => ({
      testResults: [{ name: `${PROJECT_ROOT}/${REAL_TEST.file}`, assertionResults: [{ title: REAL_TEST.name, status }] }],
    });
    expect(checkControl(base, stacks, new TestIndex(PROJECT_ROOT, result('failed')), FULL).problems).toEqual([
      `test failed: ${REAL_TEST.file} "${REAL_TEST.name}"`,
    ]);
    expect(checkControl(base, stacks, new TestIndex(PROJECT_ROOT, result('passed')), FULL).tests[0].outcome).toBe('passed');
  });

  it('requires the pending work once an entry is flipped to provided', () => {
    const pending = { issue: '15', resources: [{ type: 'aws_backup_vault' }], tests: [] };
    const tests = new TestIndex(PROJECT_ROOT);
    expect(checkControl({ ...base, status: 'partial', missing: 'not built (issue 15)', pending }, stacks, tests, FULL).problems).toEqual(
      [],
    );
    expect(checkControl({ ...base, pending }, stacks, tests, FULL).problems).toEqual(['resource not found: aws_backup_vault (found 0)']);
  });

  it('rejects a partial entry that does not say what is missing and a customer entry that names resources', () => {
    const tests = new TestIndex(PROJECT_ROOT);
    expect(checkControl({ ...base, status: 'partial' }, stacks, tests, FULL).problems).toEqual([
      'partial, but does not say what is missing',
    ]);
    expect(checkControl({ ...base, status: 'customer' }, stacks, tests, FULL).problems).toEqual([
      "customer's responsibility, but does not say what the customer does",
      "customer's responsibility, but names resources: mark it partial or provided",
    ]);
  });

  it('rejects framework references to items that do not exist', () => {
    const problems = checkControl(
      { ...base, refs: { ndg: ['11'], ncsc: ['15'], caf: ['E1', 'B2.a'] } },
      stacks,
      new TestIndex(PROJECT_ROOT),
      FULL,
    ).problems;
    expect(problems).toEqual([
      'NDG standard 11 does not exist',
      'NCSC cloud principle 15 does not exist',
      'CAF E1 is not a principle or contributing outcome of A1-D2',
    ]);
  });

  it('skips resources of an HSCN-only control when no HSCN is configured, but still checks its tests', () => {
    const evidence = checkControl(
      { ...base, requiresHscn: true, resources: [{ type: 'aws_dx_gateway' }] },
      stacks,
      new TestIndex(PROJECT_ROOT),
      { hscn: false, regions: 2 },
    );
    expect(evidence.applicable).toBe(false);
    expect(evidence.problems).toEqual([]);
  });

  it('checks a predicate marked for two Regions only in an estate with two Regions', () => {
    const control: Control = {
      ...base,
      resources: [...base.resources, { type: 'aws_s3_bucket_replication_configuration', onlyWithTwoRegions: true }],
    };
    const tests = new TestIndex(PROJECT_ROOT);
    expect(checkControl(control, stacks, tests, { hscn: true, regions: 1 }).problems).toEqual([]);
    expect(checkControl(control, stacks, tests, FULL).problems).toEqual([
      'resource not found: aws_s3_bucket_replication_configuration (found 0)',
    ]);
  });

  it('reads it() and test() titles with any quote and escapes', () => {
    expect(declaredTests(`it('a \\'quoted\\' one', () => {});\n  test("double", ...); it(\`tick\`, x)`)).toEqual([
      "a 'quoted' one",
      'double',
      'tick',
    ]);
  });
});
