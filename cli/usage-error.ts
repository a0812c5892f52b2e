// A mistake in how a command was called (a bad flag value, a missing file): reported as one clear
// message without a stack trace.
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 64,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
