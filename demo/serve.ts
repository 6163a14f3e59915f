/**
 * A small static file server for the demo pages and tests: node:http on 127.0.0.1, port 0 (a free
 * port) by default or a fixed one (a port in use is said so), GET and HEAD only, no directory
 * listing, no path outside the root.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  /** Base URL with a trailing slash, e.g. http://127.0.0.1:41234/ */
  url: string;
  close(): Promise<void>;
}

export function contentType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

/** The file a request path names inside `root`, or null when it would leave the root. */
async function resolveInside(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  let file = resolve(root, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded));
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    if ((await stat(file)).isDirectory()) file = resolve(file, 'index.html');
    // Symbolic links must not lead out of the root either.
    const real = await realpath(file);
    if (real !== root && !real.startsWith(root + sep)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** The fixed port asked for is in use by another program (or another demo server). */
export class PortTakenError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} of 127.0.0.1 is already in use by another program`);
  }
}

/** `headers` are added to every file's response (tests serve pages with a Content-Security-Policy). */
export async function serveStatic(rootDir: string, opts: { port?: number; headers?: Record<string, string> } = {}): Promise<StaticServer> {
  const root = await realpath(resolve(rootDir));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        return send(res, 405, 'method not allowed');
      }
      const path = (req.url ?? '/').split(/[?#]/)[0] || '/';
      const file = await resolveInside(root, path);
      if (!file) return send(res, 404, 'not found');
      const size = (await stat(file)).size;
      res.writeHead(200, {
        'content-type': contentType(file),
        'content-length': size,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        ...opts.headers,
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    })().catch(() => {
      if (!res.headersSent) send(res, 500, 'server error');
      else res.destroy();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') fail(new PortTakenError(opts.port ?? 0));
      else if (e.code === 'EACCES') fail(new Error(`port ${opts.port} of 127.0.0.1 may not be used by this user`));
      else fail(e);
    });
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.closeAllConnections?.();
        server.close((err) => (err ? fail(err) : ok()));
      }),
  };
}
