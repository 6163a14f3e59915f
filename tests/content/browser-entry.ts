/** Bundled (IIFE) for the Chromium tests: exposes the DOM modules to page.evaluate. */
import { extractArticle } from '../../src/extract/extract-article';
import { clearHighlights, highlight } from '../../content/highlight';
import { shownLabel } from '../../content/mark-label';
import { paragraphRange } from '../../content/paragraph-map';

(globalThis as unknown as { wiretraceTest: unknown }).wiretraceTest = { extractArticle, highlight, clearHighlights, paragraphRange, shownLabel };
