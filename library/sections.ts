/**
 * The sections of the library page, in page order. A new section is a file exporting a
 * LibrarySection (section.ts) and one line here.
 */
import { articlesSection } from './articles-section';
import { exercisesSection } from './exercises-section';
import { feedsSection } from './feeds-section';
import { outletsSection } from './outlets-section';
import { packsSection } from './packs-section';
import type { LibrarySection } from './section';
import { storageSection } from './storage-section';
import { syndicationSection } from './syndication-section';

export function librarySections(): LibrarySection[] {
  return [outletsSection(), articlesSection(), syndicationSection(), exercisesSection(), packsSection(), feedsSection(), storageSection()];
}
