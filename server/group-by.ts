// Rows grouped by a key, each group in the rows' order: for code that would otherwise filter a
// whole list once per item (quadratic in the rows a clinic has).
export function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
