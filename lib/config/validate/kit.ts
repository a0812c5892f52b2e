// What every rule file shares: a located value and the reporter problems go to.
import type { FieldPath, SourceFile } from '../diagnostics';

export interface Located<T> {
  readonly value: T;
  readonly source: SourceFile;
  readonly path: FieldPath;
}

export type Reporter = (located: { source: SourceFile; path: FieldPath }, message: string) => void;

export function reportDuplicates(items: readonly Located<string>[], what: string, report: Reporter): void {
  const first = new Map<string, Located<string>>();
  for (const item of items) {
    const earlier = first.get(item.value);
    if (earlier) {
      report(
        item,
        `${what} "${item.value}" is already used at ${earlier.source.displayPath}:${earlier.source.lineOf(earlier.path)}; every ${what} must be unique`,
      );
    } else {
      first.set(item.value, item);
    }
  }
}
