// Turns off cdktf's per-token stack-trace capture for synthesis.
//
// Why: in cdktf 0.21.0 every token constructor (Intrinsic, Lazy, and the dynamic-block / computed-list
// tokens) calls `captureStackTrace()` from `cdktf/lib/tokens/private/stack-trace`, which raises
// `Error.stackTraceLimit` to `Number.MAX_SAFE_INTEGER`, captures the whole stack and formats it into
// strings. The App's `stackTraces: false` only covers construct metadata, not tokens. The traces are
// read only when a token fails to resolve (they are appended to that error message); they never reach
// the synthesized JSON. On a 1,000-account estate the capture and its formatting were ~20 % of synth
// CPU time (issue 18).
//
// How: the call sites look the function up on the module's exports at every call
// (`(0, stack_trace_1.captureStackTrace)()`), so replacing that export replaces every capture. The
// override is applied only when the installed cdktf is the version it was written against AND the
// function it replaces has exactly the expected source text (SHA-256 below); anything else throws,
// so a cdktf upgrade cannot silently patch a function that now does something else.
//
// What a user loses: a token that cannot be resolved reports its error without the "Object creation
// stack" of where the token was made. Set LZ_TOKEN_STACK_TRACES=1 to synthesize with the traces
// (main.ts then skips the override).
import { createHash } from 'node:crypto';

/** The cdktf version whose `captureStackTrace` this override was checked against. */
export const EXPECTED_CDKTF_VERSION = '0.21.0';

/** SHA-256 of `captureStackTrace.toString()` in cdktf 0.21.0 (cdktf/lib/tokens/private/stack-trace.js). */
export const EXPECTED_CAPTURE_SOURCE_SHA256 = '4b92f5ee4e8121d22119163f3879f66780d7caa51974b68cbf1421829f32e047';

/** The module path whose `captureStackTrace` export the token constructors call. */
export const STACK_TRACE_MODULE = 'cdktf/lib/tokens/private/stack-trace';

/** The shape of that module: the one export this override replaces. */
export interface StackTraceModule {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  captureStackTrace: (below?: Function) => string[];
}

/** The replacement: no capture, an empty creation stack (what cdktf itself returns when there is none). */
export function noTokenStackTrace(): string[] {
  return [];
}

/** SHA-256 (hex) of a function's source text, as `Function.prototype.toString` returns it. */
export function functionSourceSha256(fn: (...args: never[]) => unknown): string {
  return createHash('sha256').update(Function.prototype.toString.call(fn)).digest('hex');
}

/** The version of cdktf that `require('cdktf')` loads. */
export function installedCdktfVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('cdktf/package.json') as { version: string }).version;
}

function loadStackTraceModule(): StackTraceModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(STACK_TRACE_MODULE) as StackTraceModule;
}

/**
 * Replaces cdktf's token stack-trace capture with `noTokenStackTrace` and returns a function that
 * puts the original back. Idempotent: a second call while patched changes nothing. Throws, patching
 * nothing, when the cdktf version or the function's source text is not the one expected.
 */
export function disableTokenStackTraces(
  target: StackTraceModule = loadStackTraceModule(),
  cdktfVersion: string = installedCdktfVersion(),
): () => void {
  const original = target.captureStackTrace;
  if (original === noTokenStackTrace) return () => undefined;
  if (cdktfVersion !== EXPECTED_CDKTF_VERSION) {
    throw new Error(
      `lib/synth/fast-tokens.ts: cdktf ${cdktfVersion} is installed but the token stack-trace override was checked against ` +
        `cdktf ${EXPECTED_CDKTF_VERSION}. Re-check ${STACK_TRACE_MODULE}.captureStackTrace and its callers, then update ` +
        'EXPECTED_CDKTF_VERSION and EXPECTED_CAPTURE_SOURCE_SHA256 (or set LZ_TOKEN_STACK_TRACES=1 to synthesize without the override).',
    );
  }
  if (typeof original !== 'function') {
    throw new Error(`lib/synth/fast-tokens.ts: ${STACK_TRACE_MODULE} has no captureStackTrace function to override`);
  }
  const actual = functionSourceSha256(original);
  if (actual !== EXPECTED_CAPTURE_SOURCE_SHA256) {
    throw new Error(
      `lib/synth/fast-tokens.ts: ${STACK_TRACE_MODULE}.captureStackTrace is not the function this override was checked against ` +
        `(source SHA-256 ${actual}, expected ${EXPECTED_CAPTURE_SOURCE_SHA256}). Nothing was patched.`,
    );
  }
  target.captureStackTrace = noTokenStackTrace;
  return () => {
    target.captureStackTrace = original;
  };
}

/** Whether the user asked for token creation stacks (LZ_TOKEN_STACK_TRACES=1), e.g. to debug a resolve error. */
export function tokenStackTracesRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LZ_TOKEN_STACK_TRACES === '1';
}
