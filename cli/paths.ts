// Checks on the files and folders a command was pointed at, made before any work so that a wrong
// path is one clear message naming the flag (and nothing is written), not a Node stack trace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXIT_CANNOT_CREATE, EXIT_NO_INPUT } from './exit-codes';
import { UsageError } from './usage-error';

/** An existing folder to read from. */
export function requireInputFolder(dir: string, flag: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new UsageError(`${flag}: ${dir} does not exist; check the path`, EXIT_NO_INPUT);
  }
  if (!stat.isDirectory()) throw new UsageError(`${flag}: ${dir} is not a folder`, EXIT_NO_INPUT);
}

/** A file whose folder exists and can be written to (the file itself may or may not exist yet). */
export function requireWritableFile(file: string, flag: string): void {
  requireWritableFolder(path.dirname(path.resolve(file)), flag, `cannot write ${file}`);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory())
    throw new UsageError(`${flag}: ${file} is a folder; give a file name`, EXIT_CANNOT_CREATE);
}

/** A folder that exists and that this process may create files in. */
export function requireWritableFolder(dir: string, flag: string, what = `cannot write into ${dir}`): void {
  if (!fs.existsSync(dir))
    throw new UsageError(`${flag}: ${what}: the folder ${dir} does not exist; create it first. Nothing was written.`, EXIT_CANNOT_CREATE);
  if (!fs.statSync(dir).isDirectory())
    throw new UsageError(`${flag}: ${what}: ${dir} is not a folder. Nothing was written.`, EXIT_CANNOT_CREATE);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new UsageError(
      `${flag}: ${what}: the folder ${dir} is not writable by you (read-only file system or permissions). Nothing was written.`,
      EXIT_CANNOT_CREATE,
    );
  }
}
