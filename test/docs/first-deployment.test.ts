// docs/first-deployment.md makes claims that code must back: every lz verify check has a row in its
// failure table, it deploys every stack of the synthesized example after the stacks it depends on, the
// README links it, and every time it gives cites an AWS page.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VERIFY_CHECKS } from '../../tools/verify/checks';
import { EXAMPLE_CONFIG_DIR, PROJECT_ROOT, synthConfig } from '../helpers/synth';
import { EXIT_CHECKS_FAILED, EXIT_NO_CREDENTIALS } from '../../cli/commands/verify';

const doc = fs.readFileSync(path.join(PROJECT_ROOT, 'docs/first-deployment.md'), 'utf8');

describe('docs/first-deployment.md', () => {
  it('has a failure row for every lz verify check, and none for a check that does not exist', () => {
    const rows = [...doc.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]);
    expect(rows.sort()).toEqual(VERIFY_CHECKS.map((check) => check.id).sort());
  });

  it('states the exit statuses the command really uses', () => {
    expect(doc).toContain(
      `it exits 0 when every check passes, ${EXIT_CHECKS_FAILED} when one fails (${EXIT_NO_CREDENTIALS} without AWS credentials)`,
    );
  });

  it('deploys every stack the example synthesizes, each after every stack it depends on (the order of lz stack-order)', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-first-deployment-'));
    const stacks = synthConfig(EXAMPLE_CONFIG_DIR, outdir).stacks;
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, { dependencies?: string[] }>;
    };
    // `npx cdktf deploy <stack>` and `npx cdktf deploy 'workload-*'` lines, in document order, expanded to stacks.
    const deployed: string[] = [];
    for (const match of doc.matchAll(/npx cdktf deploy '?([a-z*-]+)'?$/gm)) {
      const pattern = new RegExp(`^${match[1].replace(/\*/g, '.*')}$`);
      const named = [...stacks.keys()].filter((stack) => pattern.test(stack));
      expect({ deploy: match[1], stacks: named.length > 0 }).toEqual({ deploy: match[1], stacks: true });
      for (const stack of named) if (!deployed.includes(stack)) deployed.push(stack);
    }
    expect([...deployed].sort()).toEqual([...stacks.keys()].sort());
    const outOfOrder = deployed.flatMap((stack, index) =>
      (manifest.stacks[stack]?.dependencies ?? [])
        .filter((dependency) => !deployed.slice(0, index).includes(dependency))
        .map((dependency) => `${stack} before ${dependency}`),
    );
    expect(outOfOrder).toEqual([]);
  });

  it('numbers its steps in order and leaves no guess for the integrator to confirm', () => {
    const numbers = [...doc.matchAll(/^## (\d+)\. /gm)].map((match) => Number(match[1]));
    expect(numbers).toEqual(numbers.map((_, index) => index));
    expect(doc).not.toMatch(/integrator: confirm/);
  });

  it('cites an AWS documentation page in every paragraph that gives a time', () => {
    const paragraphs = doc
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.replace(/\s+/g, ' '))
      .filter((paragraph) => /\b(\d+ minutes?|minutes|an hour|hourly|6 hours|seconds)\b/.test(paragraph));
    expect(paragraphs.length).toBeGreaterThanOrEqual(5);
    for (const paragraph of paragraphs) {
      const cites = /https:\/\/docs\.aws\.amazon\.com\//.test(paragraph) || /publishes no figure|not by AWS|\(step \d+\)/.test(paragraph);
      expect({ paragraph: paragraph.slice(0, 80), cites }).toEqual({ paragraph: paragraph.slice(0, 80), cites: true });
    }
  });

  it('is linked from the README deploy section', () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const deploying = readme.slice(readme.indexOf('## Deploying'));
    expect(deploying.slice(0, deploying.indexOf('\n## ', 5))).toContain('(docs/first-deployment.md)');
  });
});
