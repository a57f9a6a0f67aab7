import { join } from 'node:path';

/** Where things live in a data dir, after etcd's `member/` layout. */
export const dbDir = (dataDir: string): string => join(dataDir, 'member', 'db');
export const tmpDir = (dataDir: string): string => join(dataDir, 'member', 'tmp');
