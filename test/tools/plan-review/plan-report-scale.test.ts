// A 200-stack change still gets a useful comment: it fits GitHub's limit, every stack keeps its
// summary row, the security review is sorted by risk, and a guardrail's whole diff is shown however
// long the rest of the report is.
import { GITHUB_COMMENT_LIMIT, parsePlan, renderReport } from '../../../tools/plan-review/plan-report';

function change(type: string, name: string, actions: string[], before: object | null, after: object | null) {
  return {
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    change: { actions, before, after, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
  };
}

const scp = (statements: number, action: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: Array.from({ length: statements }, (_, index) => ({
      Sid: `Deny${index}`,
      Effect: 'Deny',
      Action: [`${action}:Action${index}`],
      Resource: '*',
    })),
  });

/** 199 workload stacks with role updates and routes, one of them deleting a route, and an organization stack whose SCP changes 30 statements. */
function plans() {
  const workloads = Array.from({ length: 199 }, (_, index) => {
    const stack = `workload-${String(index).padStart(4, '0')}`;
    const changes = [
      change(
        'aws_iam_role',
        'baseline_plan-readonly',
        ['update'],
        { name: 'lz-plan-readonly', max_session_duration: 3600 },
        { name: 'lz-plan-readonly', max_session_duration: 7200 },
      ),
      change(
        'aws_iam_role_policy',
        'baseline_flow-logs',
        ['update'],
        {
          name: 'lz-flow-logs',
          role: 'lz-flow-logs',
          policy: '{"Statement":[{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*"}]}',
        },
        {
          name: 'lz-flow-logs',
          role: 'lz-flow-logs',
          policy: '{"Statement":[{"Effect":"Allow","Action":["logs:PutLogEvents","logs:CreateLogStream"],"Resource":"*"}]}',
        },
      ),
      change('aws_vpc', 'spoke', ['create'], null, { cidr_block: `100.64.${index}.0/24` }),
      ...(index === 150 ? [change('aws_iam_role', 'baseline_legacy', ['delete'], { name: 'lz-legacy-reader' }, null)] : []),
    ];
    return parsePlan({ format_version: '1.2', terraform_version: '1.11.4', resource_changes: changes }, stack);
  });
  const organization = parsePlan(
    {
      format_version: '1.2',
      terraform_version: '1.11.4',
      resource_changes: [
        change(
          'aws_organizations_policy',
          'baseline-protection',
          ['update'],
          { name: 'lz-baseline-protection', content: scp(30, 'old') },
          { name: 'lz-baseline-protection', content: scp(30, 'new') },
        ),
      ],
    },
    'organization',
  );
  return [organization, ...workloads];
}

describe('plan comment at 200 stacks', () => {
  const report = renderReport(plans(), { artifactsUrl: 'https://example.invalid/run/1' });

  it('fits GitHub’s comment limit and keeps every stack’s summary row', () => {
    expect(report.markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(report.truncated).toBe(true);
    expect(report.markdown).toContain('| organization |');
    for (let index = 0; index < 199; index += 1) expect(report.markdown).toContain(`| workload-${String(index).padStart(4, '0')} |`);
    expect(report.markdown).toContain('The full plans are in [the plan artifacts of this run](https://example.invalid/run/1)');
  });

  it('shows the guardrail’s whole diff: every one of its 30 changed statements', () => {
    const guardrail = report.markdown.slice(report.markdown.indexOf('**Organization policies (SCP/RCP) and attachments**'));
    for (let index = 0; index < 30; index += 1) expect(guardrail).toContain(`Statement[${index}].Action`);
  });

  it('sorts the security review by risk: the deletion comes first in its category', () => {
    const security = report.markdown.slice(report.markdown.indexOf('### Needs security review'));
    const iam = security.slice(security.indexOf('**Landing-zone IAM'));
    const firstEntry = iam.split('\n').find((line) => line.startsWith('- '));
    expect(firstEntry).toMatch(/^- \*\*workload-0150\*\* `aws_iam_role.baseline_legacy` .*\(DELETE\)$/);
  });
});
