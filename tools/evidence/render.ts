// Markdown tables and CSV for the evidence pack: one place for escaping, so every file renders the
// same way and a value containing a pipe, comma or quote never breaks a row.

export type Cell = string | number;

function markdownCell(value: Cell): string {
  return String(value).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export function markdownTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.map(markdownCell).join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}

function csvCell(value: Cell): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row and CRLF-free line endings (\n), as spreadsheets read it. */
export function csv(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [headers, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

/**
 * A synthesized value as an assessor reads it: the organization stack's account-ID outputs become
 * `<log-archive account ID>`, any other Terraform expression `<set at apply>`.
 */
export function readable(value: unknown): string {
  return String(value ?? '')
    .replace(/\$\{data\.terraform_remote_state\.[^}]*account-([a-z0-9-]+?)id\}/g, '<$1 account ID>')
    .replace(/\$\{[^}]*\}/g, '<set at apply>');
}
