/**
 * Index packs in the extension: the installed list, removing one (its articles go unless another
 * source also brought them), and exporting a selection of the index (outlets, a time range) as the
 * article lines of a pack, which the page writes out under a header of its own making.
 */
import { articleLine } from '../src/engine/serialize';
import type { StoredDocument } from '../src/engine/store';
import type { Req, Res } from '../src/protocol';
import { getStore, resetEngine } from './engine-host';
import { freeDeletedSpace } from './free-space';
import { indexStats } from './index-stats';
import { forgetReports } from './report-cache';

export async function listPacks(): Promise<Res<'listPacks'>> {
  return (await getStore()).packs();
}

export async function removePack(req: Req<'removePack'>): Promise<Res<'removePack'>> {
  const store = await getStore();
  const r = await store.removeSource(`pack:${req.id}`);
  await store.forgetPack(req.id);
  if (r.deleted || r.untagged) {
    resetEngine();
    await forgetReports();
  }
  if (r.deleted) await freeDeletedSpace(store);
  return { ...r, stats: await indexStats() };
}

/** Whether an article is in the selection: its outlet, and its time (published, else first seen) in range. */
export function selected(doc: StoredDocument, req: Req<'exportSelection'>): boolean {
  if (req.outletKeys && !req.outletKeys.includes(doc.outletKey)) return false;
  const t = doc.published ?? doc.firstSeen;
  return (req.from === undefined || t >= req.from) && (req.to === undefined || t <= req.to);
}

export async function exportSelection(req: Req<'exportSelection'>): Promise<Res<'exportSelection'>> {
  const store = await getStore();
  const page = await store.page(req.after, Math.max(1, Math.min(req.limit ?? 200, 1000)));
  const lines = page.entries.filter((e) => selected(e.doc, req)).map((e) => articleLine(e, true));
  return { params: (await store.getParams()) ?? null, lines, next: page.next };
}
