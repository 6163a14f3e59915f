import { request } from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortTakenError, serveStatic } from '../../demo/serve';

/** A raw GET: fetch() would normalise "/../" away before it reaches the server. */
function rawGet(base: string, path: string, method = 'GET'): Promise<{ status: number; type?: string; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serveStatic', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof serveStatic>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wiretrace-serve-'));
    mkdirSync(join(dir, 'root/sub'), { recursive: true });
    writeFileSync(join(dir, 'root/index.html'), '<h1>home</h1>');
    writeFileSync(join(dir, 'root/sub/page.html'), '<p>page</p>');
    writeFileSync(join(dir, 'root/a b.json'), '{"ok":true}');
    writeFileSync(join(dir, 'root/style.css'), 'body{}');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'root/link.txt'));
    server = await serveStatic(join(dir, 'root'));
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 on a free port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('says so when a fixed port asked for is already in use', async () => {
    const port = Number(new URL(server.url).port);
    const second = serveStatic(join(dir, 'root'), { port });
    await expect(second).rejects.toBeInstanceOf(PortTakenError);
    await expect(second).rejects.toThrow(`port ${port} of 127.0.0.1 is already in use by another program`);
  });

  it('serves files with content types, directories as index.html', async () => {
    expect(await rawGet(server.url, '/sub/page.html')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '<p>page</p>' });
    expect(await rawGet(server.url, '/')).toMatchObject({ status: 200, body: '<h1>home</h1>' });
    expect(await rawGet(server.url, '/a%20b.json?x=1')).toMatchObject({ status: 200, type: 'application/json; charset=utf-8' });
    expect(await rawGet(server.url, '/style.css')).toMatchObject({ status: 200, type: 'text/css; charset=utf-8' });
    expect(await rawGet(server.url, '/sub/page.html', 'HEAD')).toMatchObject({ status: 200, body: '' });
  });

  it('refuses paths outside the root, missing files and other methods', async () => {
    for (const path of ['/../secret.txt', '/sub/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/link.txt', '/nope.html', '/%E0%A4%A', '/x%00.html']) {
      const res = await rawGet(server.url, path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('secret');
    }
    expect((await rawGet(server.url, '/', 'POST')).status).toBe(405);
  });
});
