// Columns the way kubectl's tabwriter prints them: no borders, each column padded to its widest
// cell, three spaces between columns, no trailing blanks.
import Table from 'cli-table3';

const NO_BORDER = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '',
};

/** Renders rows (the header included, when wanted) as aligned text ending in a newline. */
export function renderColumns(rows: readonly (readonly string[])[], decorateHeader?: (line: string) => string): string {
  if (rows.length === 0) return '';
  const table = new Table({ chars: NO_BORDER, style: { head: [], border: [], 'padding-left': 0, 'padding-right': 3 } });
  for (const r of rows) table.push([...r]);
  const lines = table.toString().split('\n').map((l) => l.trimEnd());
  if (decorateHeader && lines[0] !== undefined) lines[0] = decorateHeader(lines[0]);
  return `${lines.join('\n')}\n`;
}

/** kubectl's rendering of one Table cell. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '<none>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
