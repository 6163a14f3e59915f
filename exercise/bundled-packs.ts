/**
 * The exercise packs that ship with the extension (exercises/*.exercise.json, made by
 * `npm run build:exercises`), bundled into the page so they open offline. Each is read through the
 * same schema as a file the user opens; the name is what `exercise.html?pack=NAME` takes.
 */
import lennock from '../exercises/lennock-floodgate.exercise.json';
import pelling from '../exercises/pelling-ferry.exercise.json';

export interface BundledPack {
  name: string;
  /** The pack file's text, as a user's file would be read. */
  text: string;
}

export const BUNDLED_PACKS: BundledPack[] = [
  { name: 'lennock-floodgate', text: `${JSON.stringify(lennock, null, 2)}\n` },
  { name: 'pelling-ferry', text: `${JSON.stringify(pelling, null, 2)}\n` },
];
