// fast-check generators for Kubernetes manifests with secretKeyRef env entries, rendered in random
// layouts: 2/4-space indents, indentless or indented sequences, `-   ` gaps, flow containers and
// lists, comment lines and trailing comments, quoted scalars, random key order, LF or CRLF.
import fc from 'fast-check';

/** A YAML node as it will be written: `s` is scalar source text; maps and sequences may be flow. */
export type GenNode =
  | { s: string; note?: string }
  | { m: [string, GenNode][]; flow?: boolean; notes?: (string | undefined)[] }
  | { q: GenNode[]; flow?: boolean; notes?: (string | undefined)[] };

export interface GenStyle {
  indent: number;
  seqOffset: number;
  dashGap: number;
  eol: '\n' | '\r\n';
}

const CONTAINER_NAMES = ['app', 'web', 'worker', 'sidecar', 'db-migrate', 'API_Server'];
const VARIABLES = ['DB_PASSWORD', 'API_TOKEN', 'LOG_LEVEL', 'PORT', 'GITHUB_TOKEN', 'CLIENT_SECRET', 'REDIS_URL', 'FEATURE_X', 'SMTP_PASS', 'TZ'];
const note = fc.option(fc.constantFrom('keep me', 'rotated monthly', 'TODO: review', ''), { nil: undefined });

const envEntry = (name: string) =>
  fc
    .record({
      kind: fc.constantFrom('secret', 'secret', 'plain', 'configMap'),
      secret: fc.constantFrom('db', 'api', 'tls-creds'),
      key: fc.constantFrom('password', 'token', 'key.pem', 'user'),
      optional: fc.constantFrom(undefined, 'true', 'false'),
      value: fc.constantFrom('info', "'debug'", '"3"'),
      flow: fc.boolean(),
      note,
      trailing: note,
    })
    .map((e): GenNode => {
      const ref = (kind: string, pairs: [string, GenNode][]): GenNode => ({ m: [[kind, { m: pairs, flow: e.flow }]], flow: e.flow });
      const opt: [string, GenNode][] = e.optional ? [['optional', { s: e.optional }]] : [];
      const value: GenNode =
        e.kind === 'secret'
          ? ref('secretKeyRef', [['name', { s: e.secret }], ['key', { s: e.key, note: e.trailing }], ...opt])
          : e.kind === 'configMap'
            ? ref('configMapKeyRef', [
                ['name', { s: 'cfg' }],
                ['key', { s: 'k' }],
              ])
            : { s: e.value, note: e.trailing };
      return {
        m: [
          ['name', { s: name }],
          [e.kind === 'plain' ? 'value' : 'valueFrom', value],
        ],
        flow: e.flow,
      };
    });

const container = (name: string, existingVolumes: string[]) =>
  fc
    .record({
      group: fc.constantFrom('containers', 'containers', 'initContainers'),
      variables: fc.uniqueArray(fc.constantFrom(...VARIABLES), { maxLength: 5 }),
      flowEnv: fc.boolean(),
      flowMap: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      mount: fc.option(
        fc.record({
          volume: fc.constantFrom(...(existingVolumes.length ? existingVolumes : ['none'])),
          path: fc.constantFrom('/cache', '/etc/secrets', '/etc/secrets/extra', '/var/data'),
        }),
        { nil: undefined },
      ),
      envFirst: fc.boolean(),
      notes: fc.array(note, { minLength: 6, maxLength: 6 }),
    })
    .chain((c) =>
      fc.tuple(...c.variables.map(envEntry)).map((entries) => {
        const allFlow = c.flowEnv || c.flowMap;
        const env: GenNode = { q: allFlow ? entries.map(deepFlow) : entries, flow: allFlow, notes: c.notes };
        const pairs: [string, GenNode][] = [
          ['name', { s: name }],
          ['image', { s: '"registry.example/app:1"' }],
        ];
        if (c.mount && existingVolumes.length)
          pairs.push([
            'volumeMounts',
            {
              q: [
                {
                  m: [
                    ['name', { s: c.mount.volume }],
                    ['mountPath', { s: c.mount.path }],
                  ],
                  flow: c.flowMap,
                },
              ],
              flow: c.flowMap,
            },
          ]);
        if (entries.length) pairs.splice(c.envFirst ? 1 : pairs.length, 0, ['env', env]);
        const map: GenNode = { m: pairs, flow: c.flowMap, notes: c.notes };
        return { group: c.group, node: c.flowMap ? deepFlow(map) : map };
      }),
    );

const podSpec = fc
  .record({
    names: fc.uniqueArray(fc.constantFrom(...CONTAINER_NAMES), { minLength: 1, maxLength: 3, selector: (n) => n.toLowerCase().replace(/_/g, '-') }),
    volumes: fc.uniqueArray(fc.constantFrom('cache', 'app-secrets', 'data'), { maxLength: 2 }),
    flowVolumes: fc.boolean(),
    fsGroup: fc.boolean(),
    volumesFirst: fc.boolean(),
    notes: fc.array(note, { minLength: 6, maxLength: 6 }),
  })
  .chain((p) =>
    fc.tuple(...p.names.map((n) => container(n, p.volumes))).map((containers): GenNode => {
      const pairs: [string, GenNode][] = [];
      if (p.fsGroup) pairs.push(['securityContext', { m: [['fsGroup', { s: '2000' }]] }]);
      for (const group of ['initContainers', 'containers']) {
        const items = containers.filter((c) => c.group === group).map((c) => c.node);
        if (items.length) pairs.push([group, { q: items, notes: p.notes }]);
      }
      if (p.volumes.length) {
        const volumes: GenNode = {
          q: p.volumes.map((v) => ({
            m: [
              ['name', { s: v }],
              ['emptyDir', { m: [], flow: true }],
            ],
            flow: p.flowVolumes,
          })),
          flow: p.flowVolumes,
        };
        pairs.splice(p.volumesFirst ? 0 : pairs.length, 0, ['volumes', volumes]);
      }
      return { m: pairs, notes: p.notes };
    }),
  );

const WORKLOADS: Record<string, { apiVersion: string; wrap: (spec: GenNode) => GenNode }> = {
  Pod: { apiVersion: 'v1', wrap: (spec) => spec },
  Deployment: {
    apiVersion: 'apps/v1',
    wrap: (spec) => ({
      m: [
        ['replicas', { s: '2' }],
        ['template', { m: [['spec', spec]] }],
      ],
    }),
  },
  StatefulSet: {
    apiVersion: 'apps/v1',
    wrap: (spec) => ({
      m: [
        [
          'template',
          {
            m: [
              ['metadata', { m: [['labels', { m: [['app', { s: 'x' }]], flow: true }]] }],
              ['spec', spec],
            ],
          },
        ],
      ],
    }),
  },
  CronJob: {
    apiVersion: 'batch/v1',
    wrap: (spec) => ({
      m: [
        ['schedule', { s: '"*/5 * * * *"' }],
        ['jobTemplate', { m: [['spec', { m: [['template', { m: [['spec', spec]] }]] }]] }],
      ],
    }),
  },
};

export const manifestArb = fc
  .record({
    style: fc
      .record({ indent: fc.constantFrom(2, 4), indentless: fc.boolean(), wideGap: fc.boolean(), crlf: fc.boolean() })
      .map((s): GenStyle => ({ indent: s.indent, seqOffset: s.indentless ? 0 : s.indent, dashGap: s.wideGap ? s.indent : 2, eol: s.crlf ? '\r\n' : '\n' })),
    docs: fc.array(fc.record({ kind: fc.constantFrom(...Object.keys(WORKLOADS)), spec: podSpec, note }), { minLength: 1, maxLength: 3 }),
  })
  .map(({ style, docs }) => ({
    style,
    text: docs
      .map((d, i) => {
        const w = WORKLOADS[d.kind];
        const doc: GenNode = {
          m: [
            ['apiVersion', { s: w.apiVersion }],
            ['kind', { s: d.kind }],
            ['metadata', { m: [['name', { s: `w${i}` }]] }],
            ['spec', w.wrap(d.spec)],
          ],
        };
        const header = i === 0 ? '' : `---${d.note ? ` # ${d.note}` : ''}${style.eol}`;
        return header + renderMap(doc, 0, style).join(style.eol) + style.eol;
      })
      .join(''),
  }));

function deepFlow(node: GenNode): GenNode {
  if ('s' in node) return { s: node.s };
  if ('m' in node) return { m: node.m.map(([k, v]) => [k, deepFlow(v)]), flow: true };
  return { q: node.q.map(deepFlow), flow: true };
}

function flowText(node: GenNode): string {
  if ('s' in node) return node.s;
  if ('m' in node) return `{${node.m.map(([k, v]) => `${k}: ${flowText(v)}`).join(', ')}}`;
  return `[${node.q.map(flowText).join(', ')}]`;
}

const comment = (pad: string, text: string | undefined) => (text === undefined ? [] : [`${pad}#${text ? ` ${text}` : ''}`]);
const trailing = (node: GenNode) => ('s' in node && node.note ? `  # ${node.note}` : '');

export function renderMap(node: GenNode, column: number, style: GenStyle): string[] {
  if (!('m' in node)) throw new Error('map expected');
  const pad = ' '.repeat(column);
  return node.m.flatMap(([key, value], i) => {
    const head = [...comment(pad, node.notes?.[i]), `${pad}${key}:`];
    if ('s' in value || value.flow) return [...head.slice(0, -1), `${pad}${key}: ${flowText(value)}${trailing(value)}`];
    if ('m' in value) return [...head, ...renderMap(value, column + style.indent, style)];
    return [...head, ...renderSeq(value, column + style.seqOffset, style)];
  });
}

function renderSeq(node: GenNode, dashColumn: number, style: GenStyle): string[] {
  if (!('q' in node)) throw new Error('sequence expected');
  const pad = ' '.repeat(dashColumn);
  const dash = `${pad}-${' '.repeat(style.dashGap - 1)}`;
  return node.q.flatMap((item, i) => {
    const lines =
      'm' in item && !item.flow ? renderMap(item, dashColumn + style.dashGap, style) : [`${' '.repeat(dashColumn + style.dashGap)}${flowText(item)}`];
    const first = lines.findIndex((l) => !l.trimStart().startsWith('#'));
    return [...comment(pad, node.notes?.[i]), ...lines.slice(0, first), dash + lines[first].slice(dashColumn + style.dashGap), ...lines.slice(first + 1)];
  });
}
