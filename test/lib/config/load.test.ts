// Configuration validation: every rule reports file, line and field, and all problems come at once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, type ConfigProblem, formatProblem } from '../../../lib/config/diagnostics';
import { loadConfig } from '../../../lib/config/load';
import { copyExampleConfig, editConfigFile } from '../../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR } from '../../helpers/synth';

const LZ = 'landing-zone.yaml';
const PROD = 'accounts/clinical-portal-prod.yaml';
const DEV = 'accounts/analytics-dev.yaml';

function problemsOf(dir: string): ConfigProblem[] {
  try {
    loadConfig(dir);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the configuration to be invalid');
}

/** 1-based line of the first line of a config file containing `text`. */
function lineContaining(dir: string, relative: string, text: string): number {
  const index = fs
    .readFileSync(path.join(dir, relative), 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`${text} not found in ${relative}`);
  return index + 1;
}

describe('loadConfig on the bundled example', () => {
  it('loads the fictional trust with its two workload accounts, sorted by name', () => {
    const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
    expect(loaded.accounts.map((account) => account.config.name)).toEqual(['analytics-dev', 'clinical-portal-prod']);
    expect(loaded.accounts.find((account) => account.config.hscn)?.config.ou).toBe('Workloads/Production');
    expect(loaded.accounts.find((account) => !account.config.hscn)?.config.ou).toBe('Workloads/NonProduction');
    expect(loaded.landingZone.roles.execution).toBe('lz-execution');
  });
});

interface Case {
  readonly rule: string;
  readonly file: string;
  readonly from: string | RegExp;
  readonly to: string;
  /** Text on the line the problem must point at (after the edit). */
  readonly lineText: string;
  readonly lineFile?: string;
  readonly field: string;
  readonly message: RegExp;
}

const cases: Case[] = [
  {
    rule: 'duplicate email',
    file: DEV,
    from: 'aws-analytics-dev@',
    to: 'aws-clinical-portal-prod@',
    lineText: 'email:',
    lineFile: PROD,
    field: 'email',
    message: /already used at .*analytics-dev.yaml:3/,
  },
  {
    rule: 'duplicate name with a core account',
    file: DEV,
    from: /name: analytics-dev/,
    to: 'name: network',
    lineText: 'name: network',
    field: 'name',
    message: /account name "network" is already used/,
  },
  {
    rule: 'email format',
    file: PROD,
    from: 'aws-clinical-portal-prod@example.nhs.uk',
    to: 'not-an-email',
    lineText: 'email:',
    field: 'email',
    message: /must be an email address/,
  },
  {
    rule: '12-digit account ID',
    file: DEV,
    from: '"333333333333"',
    to: '"33333333333"',
    lineText: 'accountId:',
    field: 'accountId',
    message: /12-digit AWS account ID/,
  },
  {
    rule: 'account name usable in stack names',
    file: PROD,
    from: 'name: clinical-portal-prod',
    to: 'name: Clinical_Portal',
    lineText: 'name:',
    field: 'name',
    message: /lower-case letters, digits and hyphens/,
  },
  {
    rule: 'OU reference exists',
    file: PROD,
    from: 'Workloads/Production',
    to: 'Workloads/Prod',
    lineText: 'ou:',
    field: 'ou',
    message: /"Workloads\/Prod", which is not in organizationalUnits/,
  },
  {
    rule: 'workload OU under Workloads',
    file: PROD,
    from: 'Workloads/Production',
    to: 'Sandbox',
    lineText: 'ou:',
    field: 'ou',
    message: /must sit under Workloads\//,
  },
  {
    rule: 'Region within the allowed pair',
    file: LZ,
    from: 'homeRegion: eu-west-2',
    to: 'homeRegion: us-east-1',
    lineText: 'homeRegion:',
    field: 'homeRegion',
    message: /"eu-west-2", "eu-west-1"/,
  },
  {
    rule: 'zone IDs, not names',
    file: LZ,
    from: 'euw2-az2]',
    to: 'eu-west-2b]',
    lineText: 'availabilityZones:',
    field: 'network.availabilityZones[1]',
    message: /availability-zone ID such as euw2-az1/,
  },
  {
    rule: 'zones of the home Region',
    file: LZ,
    from: 'euw2-az2]',
    to: 'euw1-az2]',
    lineText: 'availabilityZones:',
    field: 'network.availabilityZones[1]',
    message: /not a zone of the home Region eu-west-2/,
  },
  {
    rule: 'valid CIDR',
    file: PROD,
    from: '100.64.0.0/21',
    to: '100.64.0.300/21',
    lineText: 'cidr:',
    field: 'cidr',
    message: /not a valid IPv4 CIDR/,
  },
  {
    rule: 'aligned CIDR',
    file: PROD,
    from: '100.64.0.0/21',
    to: '100.64.1.0/21',
    lineText: 'cidr:',
    field: 'cidr',
    message: /not aligned to a \/21 boundary; did you mean 100\.64\.0\.0\/21/,
  },
  {
    rule: 'CIDR inside the workload pool',
    file: PROD,
    from: '100.64.0.0/21',
    to: '100.100.0.0/21',
    lineText: 'cidr:',
    field: 'cidr',
    message: /outside the workload pool 100\.64\.0\.0\/12/,
  },
  {
    rule: 'CIDRs do not overlap each other',
    file: DEV,
    from: '100.64.8.0/22',
    to: '100.64.4.0/22',
    lineText: 'cidr:',
    lineFile: PROD,
    field: 'cidr',
    message: /overlaps 100\.64\.4\.0\/22 of account analytics-dev/,
  },
  {
    rule: 'CIDRs avoid reserved ranges',
    file: DEV,
    from: '100.64.8.0/22',
    to: '100.79.0.0/22',
    lineText: 'cidr:',
    field: 'cidr',
    message: /overlaps reserved range 100\.79\.0\.0\/16/,
  },
  {
    rule: 'workload VPC big enough for its subnets (a /27 crashed synth)',
    file: PROD,
    from: '100.64.0.0/21',
    to: '100.64.0.0/27',
    lineText: 'cidr:',
    field: 'cidr',
    message: /100\.64\.0\.0\/27 is too small for a private subnet and a \/28 TGW subnet in each of 2 zones; use a \/26 or larger/,
  },
  {
    rule: 'gateway VPC big enough for its subnets',
    file: LZ,
    from: /gatewayVpcCidr: .*/,
    to: 'gatewayVpcCidr: 100.127.0.0/26',
    lineText: 'gatewayVpcCidr:',
    field: 'network.gatewayVpcCidr',
    message:
      /too small for the TGW, firewall and public \/28 subnets and a \/27 AWS endpoint subnet in each of 2 zones; use a \/24 or larger/,
  },
  {
    rule: 'no NHS private space (10/8)',
    file: PROD,
    from: '100.64.0.0/21',
    to: '10.1.0.0/21',
    lineText: 'cidr:',
    field: 'cidr',
    message: /overlaps NHS private address space 10\.0\.0\.0\/8/,
  },
  {
    rule: 'no NHS private space (172.16/12)',
    file: LZ,
    from: 'workloadPool: 100.64.0.0/12',
    to: 'workloadPool: 172.20.0.0/16',
    lineText: 'workloadPool:',
    field: 'network.workloadPool',
    message: /overlaps NHS private address space 172\.16\.0\.0\/12/,
  },
  {
    rule: 'HSCN settings when an account needs HSCN',
    file: LZ,
    from: /  hscn:[\s\S]*?(?=\n\npipeline:)/,
    to: '',
    lineText: 'hscn: true',
    lineFile: PROD,
    field: 'hscn',
    message: /no network\.hscn settings/,
  },
  {
    rule: 'HSCN allocation at least /27',
    file: LZ,
    from: 'allocation: 203.0.113.0/27',
    to: 'allocation: 203.0.113.0/28',
    lineText: 'allocation:',
    field: 'network.hscn.allocation',
    message: /smaller than \/27/,
  },
  {
    rule: 'HSCN prefixes no broader than /8',
    file: LZ,
    from: '198.51.100.0/24',
    to: '0.0.0.0/1',
    lineText: '0.0.0.0/1',
    field: 'network.hscn.prefixes[2]',
    message: /broader than \/8/,
  },
  {
    rule: 'HSCN prefixes outside the pool',
    file: LZ,
    from: '198.51.100.0/24',
    to: '100.64.0.0/16',
    lineText: '100.64.0.0/16',
    field: 'network.hscn.prefixes[2]',
    message: /overlaps the workload pool/,
  },
  {
    rule: 'Direct Connect gateway ASN differs from the TGW ASN',
    file: LZ,
    from: 'directConnectGatewayAsn: 64513',
    to: 'directConnectGatewayAsn: 64512',
    lineText: 'directConnectGatewayAsn:',
    field: 'network.directConnectGatewayAsn',
    message: /different ASNs/,
  },
  {
    rule: 'unknown keys',
    file: PROD,
    from: 'status: active',
    to: 'status: active\nnetwrok: big',
    lineText: 'netwrok:',
    field: 'netwrok',
    message: /not a known setting/,
  },
  {
    rule: 'schema types',
    file: PROD,
    from: 'hscn: true',
    to: 'hscn: "yes please"',
    lineText: 'hscn:',
    field: 'hscn',
    message: /must be a boolean/,
  },
  {
    rule: 'missing required field',
    file: PROD,
    from: /owner: .*\n/,
    to: '',
    lineText: 'name:',
    field: 'owner',
    message: /is required but missing/,
  },
  {
    rule: 'classification allowed',
    file: PROD,
    from: 'OFFICIAL-SENSITIVE',
    to: 'SECRET',
    lineText: 'classification:',
    field: 'classification',
    message: /not one of dataClassifications/,
  },
  {
    rule: 'Macie discovery classifications allowed',
    file: LZ,
    from: 'classifications: [OFFICIAL-SENSITIVE]',
    to: 'classifications: [PATIENT]',
    lineText: 'classifications: [PATIENT]',
    field: 'securityPosture.sensitiveDataDiscovery.classifications[0]',
    message: /"PATIENT", which is not one of dataClassifications/,
  },
  {
    rule: 'COMPLIANCE needs the acknowledgement',
    file: LZ,
    from: /\n    acknowledgeComplianceModeCannotBeUndone: true/,
    to: '',
    lineText: 'mode: COMPLIANCE',
    field: 'logging.objectLock.mode',
    message: /acknowledgeComplianceModeCannotBeUndone: true/,
  },
  {
    rule: 'execution role is not the Organizations bootstrap role',
    file: LZ,
    from: 'execution: lz-execution',
    to: 'execution: OrganizationAccountAccessRole',
    lineText: 'execution:',
    field: 'roles.execution',
    message: /whose trust cannot carry the pipeline's source identity/,
  },
  {
    rule: 'break-glass principal in the management account',
    file: LZ,
    from: 'arn:aws:iam::111111111111:user/break-glass-officer',
    to: 'arn:aws:iam::999999999999:user/break-glass-officer',
    lineText: 'breakGlassPrincipal:',
    field: 'roles.breakGlassPrincipal',
    message: /not the management account 111111111111/,
  },
  {
    rule: 'break-glass principal is an IAM user (MFA is never present on a role session)',
    file: LZ,
    from: 'user/break-glass-officer',
    to: 'role/break-glass-officer',
    lineText: 'breakGlassPrincipal:',
    field: 'roles.breakGlassPrincipal',
    message: /must be the ARN of an IAM user/,
  },
  {
    rule: 'file named after the account',
    file: PROD,
    from: 'name: clinical-portal-prod',
    to: 'name: clinical-portal-live',
    lineText: 'name:',
    field: 'name',
    message: /name the file clinical-portal-live\.yaml/,
  },
  {
    rule: 'adopted account says what AWS Config it has',
    file: DEV,
    from: /adoption:[\s\S]*?deliveryChannel: default \}\n/,
    to: '',
    lineText: 'accountId:',
    field: 'accountId',
    message: /may already have AWS Config.*add `adoption:`/,
  },
  {
    rule: 'adoption only for an adopted account',
    file: PROD,
    from: 'status: active',
    to: 'status: active\nadoption: { configServiceLinkedRole: false }',
    lineText: 'adoption:',
    field: 'adoption',
    message: /accountId is not set/,
  },
  {
    rule: 'transit VIF only after the network account is deployed',
    file: LZ,
    from: '      networkAccountDeployed: true\n',
    to: '',
    lineText: 'transitVifId:',
    field: 'network.hscn.directConnect.transitVifId',
    message: /network account has not been deployed yet.*Two phases/,
  },
  {
    rule: 'YAML syntax',
    file: PROD,
    from: 'costCentre: CC-1042',
    to: 'costCentre: [CC-1042',
    lineText: 'classification:',
    field: '',
    message: /not valid YAML/,
  },
];

describe('each configuration rule names file, line and field', () => {
  it.each(cases)('$rule', (testCase) => {
    const dir = copyExampleConfig();
    editConfigFile(dir, testCase.file, testCase.from, testCase.to);
    const problems = problemsOf(dir);
    const lineFile = testCase.lineFile ?? testCase.file;
    const expectedFile = path.join(dir, lineFile);
    const match = problems.find((problem) => problem.field === testCase.field && testCase.message.test(problem.message));
    expect(match).toBeDefined();
    expect(path.resolve(match!.file)).toBe(expectedFile);
    if (testCase.rule !== 'YAML syntax') {
      expect(match!.line).toBe(lineContaining(dir, lineFile, testCase.lineText));
    }
    expect(formatProblem(match!)).toMatch(new RegExp(`^.*${path.basename(lineFile).replace('.', '\\.')}:\\d+: `));
  });
});

describe('hosted transit VIF phases', () => {
  it('accepts the VIF without the acknowledgement when the network account is adopted (it exists already)', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, LZ, '      networkAccountDeployed: true\n', '');
    editConfigFile(
      dir,
      LZ,
      '    ou: Infrastructure\n',
      '    ou: Infrastructure\n    accountId: "555555555555"\n    adoption: { configServiceLinkedRole: false }\n',
    );
    expect(loadConfig(dir).landingZone.network.hscn?.directConnect.transitVifId).toBe('dxvif-fexample1');
  });
});

describe('all problems at once', () => {
  it('reports problems from several files and rules in one run', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, DEV, 'aws-analytics-dev@', 'aws-clinical-portal-prod@');
    editConfigFile(dir, DEV, '100.64.8.0/22', '100.64.4.0/22');
    editConfigFile(dir, LZ, 'directConnectGatewayAsn: 64513', 'directConnectGatewayAsn: 64512');
    const problems = problemsOf(dir);
    expect(problems.map((problem) => problem.field).sort()).toEqual(['cidr', 'email', 'network.directConnectGatewayAsn']);
  });

  it('still runs cross-file rules when one account file fails the schema', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, PROD, 'hscn: true', 'hscn: maybe');
    editConfigFile(dir, LZ, 'directConnectGatewayAsn: 64513', 'directConnectGatewayAsn: 64512');
    const fields = problemsOf(dir).map((problem) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(['hscn', 'network.directConnectGatewayAsn']));
  });

  it('explains a missing configuration directory', () => {
    const problems = problemsOf('/nonexistent/lz-config');
    expect(problems[0].message).toMatch(/LZ_CONFIG_DIR/);
  });
});
