import { describe, expect, it } from 'vitest';
import { isSpaceCode } from '../../src/engine/chars';

describe('isSpaceCode', () => {
  it('is true exactly for the characters /\\s/ matches (all of the Basic Multilingual Plane)', () => {
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) wrong.push(c);
    expect(wrong).toEqual([]);
    expect(isSpaceCode(NaN)).toBe(false);
  });
});
