// The day-one posture of the bundled example and of a generated 50-account estate, predicted from
// their synthesized Terraform (docs/security-posture.md).
import { loadConfig } from '../../../lib/config/load';
import { evaluatePosture, type PostureReport } from '../../../tools/posture/evaluate';
import { meetsThresholds } from '../../../tools/posture/render';
import { generateConfig } from '../../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, synthConfig } from '../../helpers/synth';

/**
 * What still fails until the default VPCs are removed or neutralised (the network work of issue 12):
 * the default VPCs' flow logs, EC2 endpoint, public subnets and network ACL, and the EC2 endpoint of
 * the landing zone's own VPCs, which use the central endpoints instead.
 */
const AWAITING_DEFAULT_VPC_WORK = ['EC2.6', 'EC2.10', 'EC2.15', 'EC2.21'];

const scoredFailures = (report: PostureReport) =>
  report.controls.filter((result) => result.status === 'FAILED' && result.control.standards.length > 0);

describe.each([
  ['the example estate', () => synthConfig(EXAMPLE_CONFIG_DIR).stacks, EXAMPLE_CONFIG_DIR],
  ['a generated 50-account estate', () => synthConfig(generateConfig(50)).stacks, undefined],
])('posture of %s', (_name, synth, configDir) => {
  let report: PostureReport;
  beforeAll(() => {
    report = evaluatePosture(synth());
  });

  it('fails no scored control except those that wait for the default-VPC work, and those only on VPCs', () => {
    expect(
      scoredFailures(report)
        .map((result) => result.control.id)
        .filter((id) => !AWAITING_DEFAULT_VPC_WORK.includes(id)),
    ).toEqual([]);
    for (const result of scoredFailures(report)) {
      for (const finding of result.failed) expect(finding.resourceType).toMatch(/^AwsEc2(Vpc|Subnet|NetworkAcl|SecurityGroup)$/);
    }
  });

  it('suppresses EC2.23 for the hub Transit Gateway only, in the network account', () => {
    const ec223 = report.controls.find((result) => result.control.id === 'EC2.23');
    expect(ec223?.suppressed.map((finding) => finding.accountLabel)).toEqual(['network']);
    expect(ec223?.failed).toEqual([]);
  });

  it('predicts FSBP >= 90 % and CIS v3.0 >= 95 % (the thresholds in configuration)', () => {
    const thresholds = loadConfig(configDir ?? EXAMPLE_CONFIG_DIR).landingZone.securityPosture.minimumScores;
    expect({ scores: report.scores, meets: meetsThresholds(report, thresholds) }).toEqual({ scores: report.scores, meets: true });
  });
});
