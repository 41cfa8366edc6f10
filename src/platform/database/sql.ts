/** Helpers for hand-written SQL. */
/** A PostgreSQL array literal (`{"a","b",NULL}`), passed as one text parameter and cast in SQL. */
export function pgArray(values: (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}
