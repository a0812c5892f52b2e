// Writes a file so that readers see either nothing (or the old content) or the complete new content:
// the text goes to a temporary file in the same directory (same filesystem, so the final step is
// atomic), is flushed to disk, and only then takes the target's name.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXIT_CANNOT_CREATE } from './exit-codes';
import { UsageError } from './usage-error';

export interface AtomicWriteOptions {
  /** Fail with EEXIST instead of replacing a target that appeared in the meantime. */
  readonly noClobber?: boolean;
}

export function writeFileAtomically(target: string, content: string, options: AtomicWriteOptions = {}): void {
  try {
    writeThroughTemporary(target, content, options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // EEXIST under noClobber is the caller's to explain (someone else wrote the file meanwhile).
    if (typeof code === 'string' && code !== 'EEXIST') {
      throw new UsageError(
        `cannot write ${target}: ${(error as Error).message.replace(/^\w+: /, '')}; nothing was written`,
        EXIT_CANNOT_CREATE,
      );
    }
    throw error;
  }
}

function writeThroughTemporary(target: string, content: string, options: AtomicWriteOptions): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  const descriptor = fs.openSync(temporary, 'wx', 0o644);
  try {
    try {
      fs.writeSync(descriptor, content);
      fs.fsyncSync(descriptor);
    } finally {
      fs.closeSync(descriptor);
    }
    if (options.noClobber) {
      // link() refuses an existing target atomically, where rename() would silently replace it.
      fs.linkSync(temporary, target);
    } else {
      fs.renameSync(temporary, target);
    }
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}
