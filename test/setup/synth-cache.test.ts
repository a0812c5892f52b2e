// The synth helper (test/helpers/synth.ts) shares one synthesis per configuration within a test run
// and copies it into a caller's own folder only when the caller asks for `outdir`: the copy is what
// lets a caller change its folder freely, and skipping it is what keeps thirty readers cheap.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSynthOutput } from '../../tools/synth/output';
import { synthConfig, synthFolderCopies } from '../helpers/synth';

describe('synthConfig within a test run', () => {
  it('reads the stacks from the shared synthesis and copies a folder only when outdir is asked for', () => {
    synthConfig();
    const copies = synthFolderCopies();
    const reader = synthConfig();
    expect(reader.stacks.get('organization')).toBeDefined();
    expect(synthFolderCopies()).toBe(copies);

    const folder = reader.outdir;
    expect(synthFolderCopies()).toBe(copies + 1);
    expect(reader.outdir).toBe(folder);
    expect(synthFolderCopies()).toBe(copies + 1);
    expect(readSynthOutput(folder).stacks).toEqual(reader.stacks);
    expect(path.dirname(folder)).not.toContain('synth-cache');
  });

  it('gives each caller its own folder: a change to one reaches neither the shared synthesis nor another caller', () => {
    const first = synthConfig();
    const second = synthConfig();
    expect(first.outdir).not.toBe(second.outdir);
    fs.rmSync(path.join(first.outdir, 'manifest.json'));
    expect(fs.existsSync(path.join(second.outdir, 'manifest.json'))).toBe(true);
    const third = synthConfig();
    expect(third.stacks).toEqual(second.stacks);
    expect(fs.existsSync(path.join(third.outdir, 'manifest.json'))).toBe(true);
  });

  it('fills a folder the caller names before returning', () => {
    const named = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'lz-named-'));
    const result = synthConfig(undefined, named);
    expect(fs.existsSync(path.join(named, 'manifest.json'))).toBe(true);
    expect(result.outdir).toBe(named);
    expect(readSynthOutput(named).stacks).toEqual(result.stacks);
  });
});
