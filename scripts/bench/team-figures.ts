/** The figures `npm run bench:server` measures (team-index.ts), as team-doc.ts writes them into docs/team-index.md. */

export interface LoadFigures {
  paragraphs: number;
  articles: number;
  units: number;
  postings: number;
  hashSeconds: number;
  insertSeconds: number;
  copyUnitsSeconds: number;
  postingsIndexSeconds: number;
  ginIndexSeconds: number;
  vacuumSeconds: number;
}

export interface LatencyFigures {
  p50: number;
  p95: number;
  perSecond: number;
  n: number;
}

export interface SizeRow {
  name: string;
  table: number;
  indexes: number;
}

export interface LookupFigures {
  keysPerQuery: number;
  postingsLayout: LatencyFigures;
  ginLayout: LatencyFigures;
  service: LatencyFigures;
  /** Hits per look-up (documents), postings layout; the same in the GIN layout (checked). */
  hitsPerQuery: number;
}

export interface RecordFigures {
  articles: number;
  paragraphs: number;
  seconds: number;
  p50: number;
  p95: number;
}

export interface ShardFigures {
  shards: number;
  /** Look-ups over the band-key table hash-partitioned on three clusters, by 8 clients. */
  postingsLayout: LatencyFigures;
  service: LatencyFigures;
  /** The same hits as one node for every query. */
  sameHits: boolean;
  /** Seconds to copy the postings into the partitions. */
  spreadSeconds: number;
  /** Postings in each partition (local first). */
  partitionRows: number[];
}

export interface FaultFigures {
  /** The run that measured them, when not the run of the other figures (`--only faults`). */
  measured?: { command: string; date: string; commit: string };
  /** PostgreSQL killed in the middle of a batch. */
  kill: { batchArticles: number; recordedBefore: number; afterRestart: number; halfRecorded: number; postingsMissing: number; recoverySeconds: number };
  /** The service restarted under load: clients retrying. */
  restart: { clients: number; articles: number; restarts: number; stored: number; duplicates: number; lost: number; retriedRequests: number; seconds: number };
}

export interface TeamFigures {
  loaded: LoadFigures;
  size: { rows: SizeRow[]; unitBytes: number };
  look: LookupFigures;
  rec: RecordFigures;
  clients: number;
  shards?: ShardFigures;
  faults?: FaultFigures;
}
