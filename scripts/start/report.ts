/** What `npm start` prints for each demo page: the popup's report as Markdown (src/report-format.ts), in English. */
import type { CheckResult, Reply } from '../../src/protocol';
import { english } from '../../src/i18n-english';
import { toMarkdown } from '../../src/report-format';
import type { DemoPage } from './demo';

const RECORDING: Record<string, string> = {
  incognito: 'not recorded (private window)',
  paused: 'not recorded (recording paused)',
  'denied-site': 'not recorded (denied site)',
  'already-recorded': 'already in the index',
};

/**
 * `recorded`: what the popup said once the recording ended (the check's reply answers before the
 * article is recorded, so its own `recorded` is false for a new article).
 */
export function pageReport(n: number, page: DemoPage, url: string, reply: Reply<CheckResult>, state: string, recorded: boolean): string {
  const head = `# ${n}. ${page.outlet} (${page.role}${page.published ? `, ${page.published}` : ''})\n${url}\nPopup state: ${state}`;
  if (!reply.ok) return `${head}\nError: ${reply.error}\n`;
  const r = reply.res;
  if (r.status === 'not-article') return `${head}\nNot an article: ${r.reason}\n`;
  if (r.status === 'unsupported') return `${head}\nCannot check this page: ${r.reason}\n`;
  const recording = r.recorded || recorded ? 'recorded' : RECORDING[r.notRecorded ?? 'already-recorded'];
  // One heading level down, so each report sits under its page's heading (# n. Outlet).
  const md = toMarkdown(r.report, english).replace(/^(#+) /gm, '#$1 ');
  return `${head}\nIndex: ${recording} (compared with ${r.report.indexSize} article${r.report.indexSize === 1 ? '' : 's'})\n\n${md}`;
}
