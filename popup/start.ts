/**
 * The popup's first script, a classic one (popup-start.js, scripts/build.ts) run while popup.html is
 * parsed: starts the check (early-check.ts) for popup.ts to take over from
 * `globalThis.wiretraceEarlyCheck` once its modules have loaded.
 */
import { startCheck, type EarlyApi, type EarlyCheck } from './early-check';

const g = globalThis as unknown as { browser?: EarlyApi; chrome?: EarlyApi; wiretraceEarlyCheck?: EarlyCheck };
const api = g.browser ?? g.chrome;
if (api) g.wiretraceEarlyCheck = startCheck(api, location.search);
