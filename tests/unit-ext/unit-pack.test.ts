/** Packing a document's units for its IndexedDB record: any number of keys a unit (band keys, then anchors), and back. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packUnits, unpackUnits } from '../../background/unit-pack';

describe('packUnits', () => {
  it('gives back units of different lengths as they were', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ paragraph: fc.integer({ min: -1, max: 500 }), keys: fc.array(fc.integer({ min: 1, max: 0xffffffff }), { maxLength: 60 }) }), { maxLength: 30 }), (us) => {
        const units = us.map((u) => ({ paragraph: u.paragraph, bandKeys: Uint32Array.from(u.keys) }));
        expect(unpackUnits(packUnits(units))).toEqual(units);
      }),
    );
  });

  it('reads records of units of one fixed length', () => {
    const fixed = { units: Uint32Array.from([1, 10, 11, 3, 12, 13]), us: 3 };
    expect(unpackUnits(fixed)).toEqual([
      { paragraph: 0, bandKeys: Uint32Array.from([10, 11]) },
      { paragraph: 2, bandKeys: Uint32Array.from([12, 13]) },
    ]);
  });
});
