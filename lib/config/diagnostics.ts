// Configuration problems, each tied to a file, a line and a field, so that a platform engineer can
// go straight to the mistake. Every check collects problems instead of throwing, so that one run
// reports everything that is wrong.
import { isNode, LineCounter, type Document } from 'yaml';

export interface ConfigProblem {
  /** Path of the file, relative to the current directory when possible. */
  readonly file: string;
  readonly line: number;
  /** Dotted field path inside the file, such as network.hscn.allocation. */
  readonly field: string;
  /** What is wrong and what to do about it. */
  readonly message: string;
}

export function formatProblem(problem: ConfigProblem): string {
  const field = problem.field === '' ? '(file)' : problem.field;
  return `${problem.file}:${problem.line}: ${field}: ${problem.message}`;
}

/** Thrown when configuration cannot be used; carries every problem found. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

export type FieldPath = readonly (string | number)[];

export function fieldName(path: FieldPath): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

/** A parsed YAML file that can say where any field sits. */
export class SourceFile {
  constructor(
    readonly displayPath: string,
    readonly document: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  /**
   * Line of the field at `path`, or of its nearest existing parent when the field is missing
   * (a missing field is reported where it should have been written).
   */
  lineOf(path: FieldPath): number {
    for (let length = path.length; length >= 0; length -= 1) {
      const node = this.document.getIn(path.slice(0, length), true);
      if (isNode(node) && node.range) {
        return this.lineCounter.linePos(node.range[0]).line;
      }
    }
    return 1;
  }

  /** Line of the key (not the value) of a mapping entry, used for unknown keys. */
  lineOfKey(parentPath: FieldPath, key: string): number {
    const parent = parentPath.length === 0 ? this.document.contents : this.document.getIn(parentPath, true);
    if (parent && typeof parent === 'object' && 'items' in parent && Array.isArray(parent.items)) {
      for (const pair of parent.items as { key?: unknown }[]) {
        const keyNode = pair.key;
        if (isNode(keyNode) && 'value' in keyNode && keyNode.value === key && keyNode.range) {
          return this.lineCounter.linePos(keyNode.range[0]).line;
        }
      }
    }
    return this.lineOf(parentPath);
  }

  problem(path: FieldPath, message: string): ConfigProblem {
    return { file: this.displayPath, line: this.lineOf(path), field: fieldName(path), message };
  }
}
