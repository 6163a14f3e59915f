/**
 * A stored document's units as one typed array (the IndexedDB document record's `units`, schema 3):
 * takes the engine's UnitRecords, gives them packed, and back.
 */
import type { UnitRecord } from '../src/engine/store';

/** The fields of a document record that hold its units. */
export interface PackedUnits {
  units: Uint32Array;
  us: number;
}

/**
 * A document's units packed: per unit its paragraph + 1, its number of keys, then its keys (42 band
 * keys, and after them the paragraph's anchors on its first unit: src/engine/anchors.ts), with `us` 0.
 * A record with `us` > 0 holds units of exactly `us` values each (paragraph + 1, then `us - 1` keys).
 */
export function packUnits(units: UnitRecord[]): PackedUnits {
  let size = 0;
  for (const u of units) size += 2 + u.bandKeys.length;
  const out = new Uint32Array(size);
  let at = 0;
  for (const u of units) {
    out[at] = u.paragraph + 1;
    out[at + 1] = u.bandKeys.length;
    out.set(u.bandKeys, at + 2);
    at += 2 + u.bandKeys.length;
  }
  return { units: out, us: 0 };
}

export function unpackUnits(r: PackedUnits): UnitRecord[] {
  const out: UnitRecord[] = [];
  if (r.us > 0) {
    for (let i = 0; i < r.units.length; i += r.us) out.push({ paragraph: r.units[i] - 1, bandKeys: r.units.slice(i + 1, i + r.us) });
    return out;
  }
  for (let i = 0; i + 1 < r.units.length; ) {
    const n = r.units[i + 1];
    out.push({ paragraph: r.units[i] - 1, bandKeys: r.units.slice(i + 2, i + 2 + n) });
    i += 2 + n;
  }
  return out;
}
