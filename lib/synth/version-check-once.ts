// Runs `terraform version` once per synth instead of once per imported resource.
//
// Why: in cdktf 0.21.0 every `importFrom()` (adopted accounts: the organization's account, its
// baseline's existing resources) adds a ValidateTerraformVersion to that resource, and synth runs
// each one, so each spawns `terraform version` (about 0.3-0.5 s each, most of the example's synth
// time beyond the framework's work). The answer cannot differ within one process: the same binary,
// the same command, the same constraint.
//
// How: ValidateBinaryVersion.prototype.validate (which ValidateTerraformVersion inherits) is
// replaced by a function that calls cdktf's own validate once per (binary, constraint, command,
// hint) and returns a copy of that first answer afterwards; every resource still gets its messages,
// a too-old or missing Terraform still fails synth with cdktf's words. Guarded like
// lib/synth/fast-tokens.ts: only cdktf 0.21.0 with the recorded SHA-256 of
// cdktf/lib/validations/validate-binary-version.js; anything else throws, patching nothing.
// LZ_FRAMEWORK_SYNTH=1 leaves it unpatched too (main.ts).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { EXPECTED_CDKTF_VERSION, installedCdktfVersion } from './fast-tokens';

/** The module whose ValidateBinaryVersion.validate this replaces. */
export const BINARY_VERSION_MODULE = 'cdktf/lib/validations/validate-binary-version.js';

/** SHA-256 of cdktf/lib/validations/validate-binary-version.js in cdktf 0.21.0. */
export const EXPECTED_BINARY_VERSION_SOURCE_SHA256 = 'bc00400e8f097a1262908868dbea31805bce2006b16a1e7fef5062a2641284e6';

interface BinaryVersionValidation {
  readonly binary: string;
  readonly versionConstraint: string;
  readonly versionCommand: string;
  readonly hint?: string;
  validate(): string[];
}

interface BinaryVersionModule {
  ValidateBinaryVersion: { prototype: BinaryVersionValidation };
}

/** SHA-256 (hex) of the installed cdktf/lib/validations/validate-binary-version.js. */
export function binaryVersionSourceSha256(): string {
  return createHash('sha256')
    .update(fs.readFileSync(require.resolve(BINARY_VERSION_MODULE)))
    .digest('hex');
}

/**
 * Makes every ValidateBinaryVersion (ValidateTerraformVersion included) run its command once per
 * process and returns a function that restores cdktf's validate (and forgets the answers).
 * Idempotent. Throws, patching nothing, on another cdktf version or source.
 */
export function checkBinaryVersionsOnce(
  cdktfVersion: string = installedCdktfVersion(),
  sourceSha256: string = binaryVersionSourceSha256(),
): () => void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const prototype = (require(BINARY_VERSION_MODULE) as BinaryVersionModule).ValidateBinaryVersion.prototype;
  if (onceMarker in prototype.validate) return () => undefined;
  if (cdktfVersion !== EXPECTED_CDKTF_VERSION) {
    throw new Error(
      `lib/synth/version-check-once.ts: cdktf ${cdktfVersion} is installed but this override was checked against cdktf ${EXPECTED_CDKTF_VERSION}. ` +
        `Re-check ${BINARY_VERSION_MODULE}, then update the expected version and EXPECTED_BINARY_VERSION_SOURCE_SHA256 ` +
        "(or set LZ_FRAMEWORK_SYNTH=1 to synthesize with cdktf's own behaviour).",
    );
  }
  if (sourceSha256 !== EXPECTED_BINARY_VERSION_SOURCE_SHA256) {
    throw new Error(
      `lib/synth/version-check-once.ts: ${BINARY_VERSION_MODULE} is not the source this override was checked against ` +
        `(SHA-256 ${sourceSha256}, expected ${EXPECTED_BINARY_VERSION_SOURCE_SHA256}). Nothing was patched.`,
    );
  }
  const original = prototype.validate;
  const answers = new Map<string, string[]>();
  const validateOnce = function (this: BinaryVersionValidation): string[] {
    const key = JSON.stringify([this.binary, this.versionConstraint, this.versionCommand, this.hint ?? null]);
    let answer = answers.get(key);
    if (!answer) {
      answer = original.call(this);
      answers.set(key, answer);
    }
    return [...answer];
  };
  Object.defineProperty(validateOnce, onceMarker, { value: true });
  prototype.validate = validateOnce;
  return () => {
    prototype.validate = original;
    answers.clear();
  };
}

const onceMarker = Symbol('lz:binary-version-once');
