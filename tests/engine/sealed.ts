/** An index line edited by a test, sealed again with its checksum (src/engine/line-check.ts). */
import { sealLine } from '../../src/engine/line-check';

export function sealed(line: Record<string, unknown>): string {
  const { sum: _old, ...rest } = line;
  return sealLine(JSON.stringify(rest));
}
