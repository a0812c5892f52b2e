// docs/first-deployment.md makes claims that code must back: every lz verify check has a row in its
// failure table, every stack it tells the reader to deploy exists in the synthesized example, the
// README links it, and every time it gives cites an AWS page.
import * as fs from 'node:fs';
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
    expect(doc).toContain(`it exits 0 when every check passes, ${EXIT_CHECKS_FAILED} when one fails (${EXIT_NO_CREDENTIALS} without AWS credentials)`);
  });

  it('deploys only stacks that the example synthesizes (stack names still to be confirmed are marked for the integrator)', () => {
    const stacks = new Set(synthConfig(EXAMPLE_CONFIG_DIR).stacks.keys());
    const lines = doc.split('\n');
    expect(lines.filter((line) => /^npx cdktf deploy [a-z-]+$/.test(line.trim())).length).toBeGreaterThanOrEqual(7);
    lines.forEach((line, index) => {
      const match = /^npx cdktf deploy ([a-z-]+)$/.exec(line.trim());
      if (!match || stacks.has(match[1])) return;
      // A stack another change adds: the heading above it must carry the integrator marker.
      const before = lines.slice(Math.max(0, index - 4), index).join('\n');
      expect({ stack: match[1], marked: before.includes('<!-- integrator: confirm -->') }).toEqual({ stack: match[1], marked: true });
    });
  });

  it('cites an AWS documentation page in every paragraph that gives a time', () => {
    const paragraphs = doc.split(/\n\s*\n/).map((paragraph) => paragraph.replace(/\s+/g, ' ')).filter((paragraph) => /\b(\d+ minutes?|minutes|an hour|hourly|6 hours|seconds)\b/.test(paragraph));
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
