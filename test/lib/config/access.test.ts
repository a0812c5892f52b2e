// The access: section is validated like the rest of the configuration: every mistake is reported with
// file, line and field, all at once, before anything is synthesized.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, formatProblem } from '../../../lib/config/diagnostics';
import { loadConfig } from '../../../lib/config/load';
import { copyExampleConfig } from '../../helpers/config-fixtures';

function problemsAfter(edit: (landingZone: string) => string, accountEdit?: (account: string) => string): string[] {
  const dir = copyExampleConfig();
  const file = path.join(dir, 'landing-zone.yaml');
  fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')));
  if (accountEdit) {
    const account = path.join(dir, 'accounts', 'clinical-portal-prod.yaml');
    fs.writeFileSync(account, accountEdit(fs.readFileSync(account, 'utf8')));
  }
  try {
    loadConfig(dir);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map(formatProblem);
  }
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;
const example = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'config', 'landing-zone.yaml'), 'utf8');

describe('access configuration', () => {
  it('accepts the example', () => {
    expect(problemsAfter((text) => text)).toEqual([]);
  });

  it('names an unknown group, permission set, account and OU with file and line', () => {
    const problems = problemsAfter((text) =>
      text.replace(
        '{ group: lz-readonly, permissionSet: ReadOnly, ous: [Workloads] }',
        '{ group: lz-readers, permissionSet: ReadOnlyAccess, accounts: [nowhere], ous: [Workloads/Nothing] }',
      ),
    );
    const line = lineOf(example, '{ group: lz-readonly, permissionSet: ReadOnly');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `landing-zone\\.yaml:${line}: access\\.assignments\\[3\\]\\.group: names group "lz-readers", which is not in access\\.groups`,
          ),
        ),
        expect.stringMatching(
          /access\.assignments\[3\]\.permissionSet: names permission set "ReadOnlyAccess", which is not in access\.permissionSets/,
        ),
        expect.stringMatching(/access\.assignments\[3\]\.accounts\[0\]: is not an account of this configuration/),
        expect.stringMatching(/access\.assignments\[3\]\.ous\[0\]: refers to OU "Workloads\/Nothing"/),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('refuses the management account and a workload-boundary set on a core account or core OU', () => {
    const problems = problemsAfter((text) =>
      text.replace(
        '{ group: lz-finance, permissionSet: Billing, ous: [Workloads] }',
        '{ group: lz-finance, permissionSet: WorkloadDeveloper, accounts: [management, network], ous: [Security] }',
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/accounts\[0\]: is the management account: the identity stack runs in the delegated administrator/),
      expect.stringMatching(/accounts\[1\]: is a core account, but WorkloadDeveloper is capped by the workload boundary/),
      expect.stringMatching(/ous\[0\]: is outside Workloads\/, but WorkloadDeveloper is capped by the workload boundary/),
    ]);
  });

  it("sizes the inline policy against Identity Center's 10,240 non-whitespace characters and counts managed policies", () => {
    const manyActions = Array.from({ length: 700 }, (_, index) => `ec2:DescribeSomething${index}`).join(', ');
    const eleven = Array.from({ length: 11 }, (_, index) => `arn:aws:iam::aws:policy/Example${index}`).join(', ');
    const problems = problemsAfter((text) =>
      text
        .replace('Action: [securityhub:GetFindings, guardduty:GetFindings, guardduty:ListFindings]', `Action: [${manyActions}]`)
        .replace('managedPolicies: [arn:aws:iam::aws:policy/job-function/Billing]', `managedPolicies: [${eleven}]`),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /access\.permissionSets\[5\]\.inlinePolicy: is \d+ characters without whitespace; IAM Identity Center accepts at most 10240/,
      ),
      expect.stringMatching(/access\.permissionSets\[6\]\.managedPolicies: lists 11 managed policies; an IAM role takes at most 10/),
    ]);
  });

  it('rejects duplicate names (permission sets without case), a malformed instance ARN and a bad session length', () => {
    const problems = problemsAfter((text) =>
      text
        .replace('- name: Billing', '- name: readonly')
        .replace('ssoins-1111111111111111', 'ssoins-11')
        .replace(
          'sessionHours: 8\n      managedPolicies: [arn:aws:iam::aws:policy/job-function/ViewOnlyAccess]\n    - name: SecurityAuditor',
          'sessionHours: 13\n      managedPolicies: [arn:aws:iam::aws:policy/job-function/ViewOnlyAccess]\n    - name: SecurityAuditor',
        ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/access\.identityCenter\.instanceArn: must be an IAM Identity Center instance ARN/),
        expect.stringMatching(/access\.permissionSets\[3\]\.sessionHours: /),
      ]),
    );
    // Schema errors stop before the cross-field rules; fix them and the duplicate shows.
    const duplicate = problemsAfter((text) => text.replace('- name: Billing', '- name: readonly'));
    expect(duplicate).toEqual([
      expect.stringMatching(/access\.permissionSets\[6\]\.name: "readonly" is already the name of permissionSets\[3\]/),
      // The renamed set's assignment now names a set that does not exist, and says so.
      expect.stringMatching(/access\.assignments\[4\]\.permissionSet: names permission set "Billing"/),
    ]);
  });

  it("checks an account file's access against landing-zone.yaml", () => {
    const problems = problemsAfter(
      (text) => text,
      (account) =>
        account
          .replace('permissionSets: [WorkloadAdministrator, WorkloadDeveloper]', 'permissionSets: [WorkloadAdmin]')
          .replace('group: clinical-portal-engineers', 'group: portal-team'),
    );
    expect(problems).toEqual([
      expect.stringMatching(/clinical-portal-prod\.yaml:\d+: access\[0\]\.group: names group "portal-team"/),
      expect.stringMatching(/clinical-portal-prod\.yaml:\d+: access\[0\]\.permissionSets\[0\]: names permission set "WorkloadAdmin"/),
    ]);
  });
});
