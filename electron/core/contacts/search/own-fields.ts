/**
 * A part of the search index as its own fields, for the saved copy (../saved-index.ts), and back.
 * `leave` names the fields that are not its data: references to other parts, a clock, scratch that
 * is rebuilt. A saved part fits this build only when it has exactly the fields a new one has, so a
 * build that adds, drops or renames a field never reads an older copy (it rebuilds from the rows).
 */
export type Fields = Record<string, unknown>;

export function fieldsOf(part: object, leave: readonly string[] = []): Fields {
  const fields: Fields = {};
  for (const [key, value] of Object.entries(part)) if (!leave.includes(key)) fields[key] = value;
  return fields;
}

/** the part's fields set from `fields`; throws when they are not the part's fields (another build's copy) */
export function assignFields(part: object, fields: Fields, leave: readonly string[] = []) {
  const expected = Object.keys(part)
    .filter((key) => !leave.includes(key))
    .sort()
    .join();
  const given = Object.keys(fields).sort().join();
  if (given !== expected) throw new Error(`the saved index does not fit this build (${given} ≠ ${expected})`);
  const own = part as Fields;
  for (const key of Object.keys(fields))
    if (kindOf(fields[key]) !== kindOf(own[key]))
      throw new Error(`the saved index's ${key} is a ${kindOf(fields[key])}, not a ${kindOf(own[key])}`);
  Object.assign(part, fields);
}

/** what a value is: null, a primitive's type, or an object's constructor (Array, Map, Int32Array…) */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return typeof value === 'object' ? ((value.constructor as { name?: string } | undefined)?.name ?? 'object') : typeof value;
}

/**
 * A map saved from entries made while its pieces are written (a conversion spread over the save's
 * slices, not done at once); it is read back as a `Map`.
 */
export class MapEntries {
  constructor(
    readonly size: number,
    readonly entries: () => Iterable<[unknown, unknown]>,
  ) {}
}
