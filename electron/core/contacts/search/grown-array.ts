/** The typed arrays the index keeps per slot. */
export type SlotArray = Int8Array | Uint8Array | Int32Array | Float64Array;

/** A copy of `array`, `size` long: its values first, then `fill` (a per-slot array grown for more slots). */
export function grownArray<T extends SlotArray>(array: T, size: number, fill = 0): T {
  const grown = new (array.constructor as new (n: number) => T)(size);
  if (fill !== 0) grown.fill(fill);
  grown.set(array);
  return grown;
}
