// readSynthOutputPair: lz affected reads the base and head synth outputs together, parses a stack
// whose file is byte-identical on both sides once, and diffStacks skips walking it. The shortcut must
// never change the answer: the same diffs as reading both sides separately and walking every stack.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffStacks } from '../../../tools/synth-diff/synth-diff';
import { readSynthOutput, readSynthOutputPair } from '../../../tools/synth/output';
import { synthConfig } from '../../helpers/synth';

describe('readSynthOutputPair', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-pair-base-'));
  synthConfig(undefined, base);
  const head = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-pair-head-'));
  fs.cpSync(base, head, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(head, 'manifest.json'), 'utf8'));
  // One stack edited, one re-serialized with other whitespace (same JSON, other bytes), one removed.
  const file = (stack: string) => path.join(head, manifest.stacks[stack].synthesizedStackPath);
  const network = JSON.parse(fs.readFileSync(file('network'), 'utf8'));
  Object.values<Record<string, unknown>>(network.resource.aws_networkfirewall_rule_group)[0].tags = { edited: 'yes' };
  fs.writeFileSync(file('network'), JSON.stringify(network, null, 2));
  fs.writeFileSync(file('security'), JSON.stringify(JSON.parse(fs.readFileSync(file('security'), 'utf8'))));
  delete manifest.stacks['workload-analytics-dev'];
  fs.writeFileSync(path.join(head, 'manifest.json'), JSON.stringify(manifest));

  it('marks only byte-identical stacks present on both sides, and shares their parsed JSON', () => {
    const pair = readSynthOutputPair(base, head);
    expect(pair.identical.has('network')).toBe(false);
    expect(pair.identical.has('security')).toBe(false);
    expect(pair.identical.has('workload-analytics-dev')).toBe(false);
    expect(pair.identical.has('organization')).toBe(true);
    expect(pair.identical.size).toBe(pair.head.stacks.size - 2);
    expect(pair.head.stacks.get('organization')).toBe(pair.base.stacks.get('organization'));
    expect([...pair.head.stacks.keys()]).toEqual(Object.keys(manifest.stacks));
  });

  it('gives exactly the diffs of a full walk of two separate reads', () => {
    const pair = readSynthOutputPair(base, head);
    const separate = [readSynthOutput(base), readSynthOutput(head)];
    const shortcut = diffStacks(pair.base.stacks, pair.head.stacks, pair.identical);
    expect(shortcut).toEqual(diffStacks(separate[0].stacks, separate[1].stacks));
    const statuses = new Map(shortcut.map((diff) => [diff.stack, diff.status]));
    expect(statuses.get('network')).toBe('changed');
    expect(statuses.get('security')).toBe('unchanged');
    expect(statuses.get('workload-analytics-dev')).toBe('removed');
  });
});
