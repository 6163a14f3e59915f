/** The team index service on an ephemeral port of 127.0.0.1, over a test database, for one test file. */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { createApp } from '../../server/app';

export interface RunningService {
  url: string;
  close(): Promise<void>;
}

export function startService(pool: pg.Pool): Promise<RunningService> {
  const app = createApp(pool, { onError: (e) => console.error('service error:', e) });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
