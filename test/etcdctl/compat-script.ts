// The etcdctl scripts run against a fresh real etcd and a fresh etcd-lite. Each section starts on an
// empty store (revision 1), so revisions printed by `-w json` are compared as they are.
import {
  run,
  runWithStdin,
  waitGone,
  watchStart,
  watchStop,
  type Step,
} from '../support/etcdctl-compat.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

const kv: Step[] = [
  run('put', 'a', '1'),
  run('put', 'b', '2'),
  run('put', 'c', '3'),
  run('put', 'a', '11', '--prev-kv'),
  run('put', 'a', '11', '-w', 'json'), // same value: revision and version still bump
  run('get', 'a'),
  run('get', 'a', '-w', 'json'),
  run('get', 'a', '-w', 'fields'),
  run('get', 'missing'),
  run('get', 'missing', '-w', 'json'),
  run('get', 'a', 'c'),
  run('get', '', '--prefix'),
  run('get', '', '--prefix', '--keys-only'),
  run('get', '', '--prefix', '--limit=2'),
  run('get', '', '--prefix', '--limit=2', '-w', 'json'),
  run('get', '', '--prefix', '--print-value-only'),
  run('get', 'b', '--from-key'),
  run('get', 'b', '--from-key', '--keys-only', '-w', 'json'),
  run('get', 'a', '--rev=1'),
  run('get', 'a', '--rev=2'),
  run('get', '', '--prefix', '--rev=3', '-w', 'json'),
  run('get', 'a', '--rev=99'),
  run('get', '', '--prefix', '--sort-by=MODIFY', '--order=DESCEND'),
  run('get', '', '--prefix', '--sort-by=CREATE', '--keys-only'),
  run('get', '', '--prefix', '--sort-by=VERSION', '--order=DESCEND', '-w', 'json'),
  run('get', '', '--prefix', '--sort-by=VALUE', '--limit=2', '-w', 'json'),
  run('get', '', '--prefix', '--order=DESCEND', '--limit=1'),
  run('get', 'a', '--consistency=s', '-w', 'json'),
  run('get'),
  run('put', '', 'v'),
  // del
  run('put', 'd/1', 'x'),
  run('put', 'd/2', 'y'),
  run('put', 'd/3', 'z'),
  run('del', 'd/1'),
  run('del', 'd/', '--prefix', '--prev-kv'),
  run('del', 'missing'),
  run('del', 'missing', '-w', 'json'),
  run('del', 'b', 'c', '-w', 'json'),
  // txn from stdin
  runWithStdin('create("t/x") = "0"\n\nput t/x x\nput t/y y\n\nget t/x\n\n', 'txn'),
  runWithStdin('create("t/x") = "0"\n\nput t/x x\n\nget t/x\n\n', 'txn'),
  runWithStdin('create("t/x") = "0"\n\nput t/x x\n\nget t/x\n\n', 'txn', '-w', 'json'),
  runWithStdin('value("t/x") = "x"\nversion("t/y") > "0"\n\nput t/z z\nget t/ --prefix\n\n\n', 'txn', '-w', 'json'),
  runWithStdin('mod("t/x") = "999"\n\nput t/never n\n\nput t/else e\ndel t/y\n\n', 'txn'),
  runWithStdin('value("missing") != "x"\n\nput t/never n\n\n\n', 'txn'),
  runWithStdin('\nput t3 a\nput t3 b\n\n\n', 'txn'),
  runWithStdin('\ndel t/ --prefix\n\n\n', 'txn', '-w', 'json'),
  run('get', '', '--prefix', '-w', 'json'),
];

const registryKeys = [
  '/registry/apiregistration.k8s.io/apiservices/v1.',
  '/registry/configmaps/kube-system/extension-apiserver-authentication',
  '/registry/namespaces/default',
  '/registry/namespaces/kube-node-lease',
  '/registry/namespaces/kube-public',
  '/registry/namespaces/kube-system',
  '/registry/pods/default/web-0',
  '/registry/priorityclasses/system-cluster-critical',
  '/registry/priorityclasses/system-node-critical',
  '/registry/ranges/serviceips',
  '/registry/ranges/servicenodeports',
  '/registry/services/endpoints/default/kubernetes',
  '/registry/services/specs/default/kubernetes',
];

const registry: Step[] = [
  ...registryKeys.map((k) => run('put', k, JSON.stringify({ kind: 'x', metadata: { name: k.split('/').pop() } }))),
  run('put', '/registry/health', '{"health":"true"}'),
  run('put', 'compact_rev_key', '1'),
  run('get', '/', '--prefix', '--keys-only', '--limit=10'),
  run('get', '/', '--prefix', '--keys-only', '--limit=10', '-w', 'json'),
  run('get', '/registry/namespaces/', '--prefix'),
  run('get', '/registry/', '--prefix', '--keys-only', '--limit=3', '-w', 'json'),
  run('get', '/registry/pods/default/web-0', '--print-value-only'),
];

const watch: Step[] = [
  run('put', 'w/a', '0'),
  watchStart('from-next', ['watch', 'w/', '--prefix', '--rev={REV+1}']),
  watchStart('json-prev', ['watch', 'w/', '--prefix', '--prev-kv', '--rev={REV+1}', '-w', 'json']),
  watchStart('single-key', ['watch', 'w/a', '--rev={REV+1}', '--prev-kv']),
  run('put', 'w/a', '1'),
  run('put', 'w/b', '2'),
  run('put', 'w/a', '3'),
  run('del', 'w/b'),
  runWithStdin('\nput w/c c\nput w/d d\n\n\n', 'txn'),
  run('put', 'other', 'not watched'),
  run('del', 'w/', '--prefix'),
  run('put', 'w/end', 'x'),
  watchStop('from-next', 'w/end'),
  watchStop('json-prev', b64('w/end')),
  watchStop('single-key', 'DELETE'),
  // history replay from a past revision
  watchStart('history', ['watch', 'w/', '--prefix', '--rev=2', '--prev-kv']),
  watchStop('history', 'w/end'),
  watchStart('history-json', ['watch', 'w/a', '--rev=3', '-w', 'json']),
  watchStop('history-json', '"type":1'),
  // a compacted start revision: the server cancels the watch, etcdctl exits
  run('compaction', '{REV-2}'),
  run('watch', 'w/', '--prefix', '--rev=2'),
  // a plain watch (from "now"), established before the writes
  watchStart('plain', ['watch', 'p/', '--prefix'], 'p/~ready'),
  run('put', 'p/1', 'one'),
  run('put', 'p/2', 'two'),
  run('del', 'p/1'),
  run('put', 'p/end', 'x'),
  watchStop('plain', 'p/end'),
];

const lease: Step[] = [
  run('lease', 'grant', '100'), // L1
  run('lease', 'grant', '300', '-w', 'json'), // L2
  run('lease', 'list'),
  run('put', 'l/a', '1', '--lease={L1}'),
  run('put', 'l/b', '2', '--lease={L1}'),
  run('put', 'l/c', '3', '--lease={L2}'),
  run('get', 'l/', '--prefix', '-w', 'json'),
  run('lease', 'timetolive', '{L1}'),
  run('lease', 'timetolive', '{L1}', '--keys'),
  run('lease', 'timetolive', '{L1}', '--keys', '-w', 'json'),
  run('lease', 'keep-alive', '--once', '{L1}'),
  run('lease', 'keep-alive', '--once', '{L1}', '-w', 'json'),
  // streaming keep-alive (renews every TTL/3): the first renewal is printed at once
  watchStart('keep-alive', ['lease', 'keep-alive', '{L2}']),
  watchStop('keep-alive', 'keepalived'),
  run('lease', 'revoke', '{L1}'),
  run('get', 'l/', '--prefix', '-w', 'json'),
  run('lease', 'revoke', '{L1}'),
  run('lease', 'timetolive', '{L1}'),
  run('lease', 'timetolive', '{L1}', '-w', 'json'),
  run('lease', 'keep-alive', '--once', '{L1}'),
  run('lease', 'revoke', '1234abcd'),
  run('put', 'l/x', 'v', '--lease=1234abcd'),
  run('lease', 'grant', '9000000001'),
  // expiry: the smallest TTL (etcd raises 1 s to its minimum)
  run('lease', 'grant', '1'), // L3
  run('put', 'l/exp1', 'v', '--lease={L3}'),
  run('put', 'l/exp2', 'v', '--lease={L3}'),
  waitGone('l/exp2'),
  run('get', 'l/', '--prefix', '-w', 'json'),
  run('lease', 'timetolive', '{L3}'),
  run('lease', 'revoke', '{L2}'),
  run('lease', 'list'),
  run('get', '', '--prefix', '-w', 'json'),
];
// `lease list` prints ids in map order: sort its lines.
for (const step of lease) if (step.kind === 'run' && step.argv.join(' ') === 'lease list') step.sortLines = true;

const maintenance: Step[] = [
  run('version'),
  run('put', 'm/a', '1'),
  run('put', 'm/a', '2'),
  run('put', 'm/a', '3'),
  run('put', 'm/b', '1'),
  run('endpoint', 'health'),
  run('endpoint', 'health', '-w', 'json'),
  run('endpoint', 'health', '-w', 'table'),
  run('endpoint', 'status'),
  run('endpoint', 'status', '-w', 'json'),
  run('endpoint', 'status', '-w', 'table'),
  run('member', 'list'),
  run('member', 'list', '-w', 'json'),
  run('member', 'list', '-w', 'table'),
  run('alarm', 'list'),
  run('alarm', 'disarm'),
  run('defrag'),
  { kind: 'run', argv: ['snapshot', 'save', '{TMP}/snapshot.db'], compare: 'exit-and-stdout' },
  run('compaction', '3'),
  run('compaction', '3'),
  run('compaction', '2'),
  run('compaction', '99'),
  run('get', 'm/a', '--rev=2'),
  run('get', 'm/a', '--rev=3', '-w', 'json'),
  run('compaction', '4', '--physical'),
  run('get', 'm/a', '--rev=3'),
  run('get', 'm/', '--prefix', '-w', 'json'),
  run('endpoint', 'health'),
];

export const sections: Record<string, Step[]> = { kv, registry, watch, lease, maintenance };
