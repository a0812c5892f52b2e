// Review tools must never run stale code: `lz diff` once reported "No stack changes" after a
// guardrail edit because dist/ still held the previous build. bin/lz.js asks this module whether any
// TypeScript source is newer than what it was compiled into, and builds first (or refuses).
// Plain JavaScript on purpose: it runs before dist/ can be trusted.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** Folders (and files) of the program that dist/ is compiled from; tests and scripts do not run in lz. */
const SOURCES = ['main.ts', 'cli', 'lib', 'policies', 'modules', 'stacks', 'tools'];
/** Written after bin/lz.js builds: tsc does not re-emit a file whose content is unchanged (a git checkout touches it). */
const STAMP = '.lz-build-stamp';
/** Mirrors EXIT_STALE_BUILD in cli/exit-codes.ts (test/cli/stale-build.test.ts checks they agree). */
const EXIT_STALE_BUILD = 75;

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function* typescriptFiles(root, relative) {
  const full = path.join(root, relative);
  let stat;
  try {
    stat = fs.statSync(full);
  } catch {
    return;
  }
  if (stat.isFile()) {
    if (relative.endsWith('.ts') && !relative.endsWith('.d.ts')) yield relative;
    return;
  }
  for (const entry of fs.readdirSync(full)) yield* typescriptFiles(root, path.join(relative, entry));
}

/** The first source file newer than its compiled output (or with none), relative to root; undefined when dist/ is current. */
function staleSource(root) {
  const stamp = mtime(path.join(root, 'dist', STAMP)) ?? 0;
  for (const source of SOURCES) {
    for (const file of typescriptFiles(root, source)) {
      const compiled = mtime(path.join(root, 'dist', file.replace(/\.ts$/, '.js')));
      if (compiled === undefined) return file;
      if (mtime(path.join(root, file)) > Math.max(compiled, stamp)) return file;
    }
  }
  return undefined;
}

/** Builds when stale (unless LZ_NO_AUTO_BUILD is set); returns an exit status to stop with, or undefined to go on. */
function ensureFreshBuild(root, { env = process.env, log = (line) => process.stderr.write(`${line}\n`), build } = {}) {
  const stale = staleSource(root);
  if (!stale) return undefined;
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (env.LZ_NO_AUTO_BUILD || !fs.existsSync(tsc)) {
    log(`lz: dist/ is older than ${stale}: the compiled program would not be the code you are reviewing. Run npm run build, then retry.`);
    return EXIT_STALE_BUILD;
  }
  log(`lz: dist/ is older than ${stale}; building first (tsc -p .)`);
  const run =
    build ??
    (() =>
      require('node:child_process').spawnSync(process.execPath, [tsc, '-p', '.'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
        .status);
  if (run() !== 0) {
    log('lz: the build failed (errors above); nothing was run. Fix them and retry.');
    return EXIT_STALE_BUILD;
  }
  fs.writeFileSync(path.join(root, 'dist', STAMP), `${new Date().toISOString()}\n`);
  return undefined;
}

module.exports = { staleSource, ensureFreshBuild, EXIT_STALE_BUILD, STAMP, SOURCES };
