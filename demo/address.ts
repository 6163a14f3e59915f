/**
 * The demo's one fixed address: `npm start` serves demo/ here, and the demo pack
 * (demo/demo.pack.jsonl, scripts/build-demo-pack.ts) records each page under its address here, so an
 * installed pack's articles open, and visiting a page of the demo is known as already recorded.
 */
export const DEMO_HOST = '127.0.0.1';
export const DEMO_PORT = 8471;
/** With its trailing slash: a page's address is `new URL(path, DEMO_URL)`. */
export const DEMO_URL = `http://${DEMO_HOST}:${DEMO_PORT}/`;
