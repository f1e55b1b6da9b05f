// Benchmark (not part of npm test): indexing time and memory for a generated workspace of 2,000
// manifests and 2,000 code files, in-process (engine + CLI's indexManifests) and through the bundled
// language server (start-up index, as a user opening the folder sees it).
// Run: npm run build && node --import tsx bench/workspace-index.ts [manifests] [codeFiles]
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { indexManifests } from '../server/src/cli/index-manifests';
import { collectFiles } from '../server/src/walk';
import { defaultSettings } from '../server/src/engine/settings';
import { fileUri, openDocument, startServer, type LspSession } from '../test/support/lsp-client';

const MANIFESTS = Number(process.argv[2] ?? 2000);
const CODE_FILES = Number(process.argv[3] ?? 2000);

function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${i}
  labels: {app: svc-${i}, tier: backend}
spec:
  replicas: 2
  selector:
    matchLabels: {app: svc-${i}}
  template:
    metadata:
      labels: {app: svc-${i}}
    spec:
      securityContext: {runAsNonRoot: true, fsGroup: 2000}
      containers:
        - name: app
          image: registry.example.com/svc-${i}:1.${i}
          ports: [{containerPort: 8080}]
          env:
            - name: SVC_${i}_DATABASE_URL
              valueFrom:
                secretKeyRef: {name: svc-${i}-db, key: url}
            - name: SVC_${i}_STRIPE
              valueFrom:
                secretKeyRef:
                  name: payments
                  key: stripe-key
            - name: LOG_LEVEL
              valueFrom:
                configMapKeyRef: {name: svc-${i}-config, key: level}
            - name: TOKEN_AUDIENCE
              value: api://svc-${i}
            - name: REGION
              value: eu-west-1
          envFrom:
            - secretRef: {name: svc-${i}-extra}
              prefix: X_
          resources:
            limits: {cpu: 500m, memory: 256Mi}
          readinessProbe:
            httpGet: {path: /healthz, port: 8080}
---
apiVersion: v1
kind: Secret
metadata:
  name: svc-${i}-extra
stringData:
  SIGNING_KEY: bench-placeholder
  WEBHOOK_SECRET: bench-placeholder
`;
}

function codeFile(i: number): [string, string] {
  if (i % 2 === 0) {
    return [
      `app/svc_${i}/settings.py`,
      `import os\nimport logging\n\nlog = logging.getLogger(__name__)\nDATABASE_URL = os.environ["SVC_${i}_DATABASE_URL"]\nSTRIPE = os.getenv("SVC_${i}_STRIPE")\n` +
        `AUDIENCE = os.environ.get("TOKEN_AUDIENCE", "api://default")\n\n\ndef describe():\n    log.info("service ${i} in %s", os.getenv("REGION"))\n`.repeat(
          3,
        ),
    ];
  }
  return [
    `web/svc-${i}/config.ts`,
    `export const databaseUrl = process.env.SVC_${i}_DATABASE_URL;\nexport const audience = process.env.TOKEN_AUDIENCE ?? 'api://default';\n` +
      `export function region(): string {\n  return process.env.REGION ?? 'eu-west-1';\n}\n`.repeat(3),
  ];
}

function generate(root: string): number {
  let bytes = 0;
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
    bytes += Buffer.byteLength(text);
  };
  for (let i = 0; i < MANIFESTS; i++) write(`deploy/team-${i % 40}/svc-${i}.yaml`, deployment(i));
  for (let i = 0; i < CODE_FILES; i++) write(...codeFile(i));
  return bytes;
}

/** User + system CPU time of a process so far (Linux /proc; clock ticks are 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

async function inProcess(root: string): Promise<void> {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const { files } = await collectFiles([root], []);
  const t1 = performance.now();
  const cpu = process.cpuUsage();
  const index = await indexManifests(files, defaultSettings());
  const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;
  const t2 = performance.now();
  index.envSource('SVC_1_DATABASE_URL'); // first query builds the name map
  const t3 = performance.now();
  let hits = 0;
  for (let i = 0; i < MANIFESTS; i++) if (index.envSource(`SVC_${i}_STRIPE`)?.kind === 'secret') hits++;
  const t4 = performance.now();
  global.gc?.();
  const rssAfter = process.memoryUsage().rss;
  console.log(
    `in-process: walk ${files.length} files ${(t1 - t0).toFixed(0)} ms; index ${index.size} manifests ${(t2 - t1).toFixed(0)} ms wall / ${cpuMs.toFixed(0)} ms CPU; ` +
      `first query (name map) ${(t3 - t2).toFixed(1)} ms; ${MANIFESTS} queries ${(t4 - t3).toFixed(1)} ms (${hits} secret); ` +
      `RSS +${mb(rssAfter - rssBefore)}, heap +${mb(process.memoryUsage().heapUsed - heapBefore)}${global.gc ? '' : ' (run with --expose-gc for steadier memory figures)'}`,
  );
}

async function server(root: string, label: string): Promise<number> {
  const t0 = performance.now();
  const session = await startServer({ rootPath: root });
  try {
    const rssStart = rssOf(session.child.pid ?? 0);
    // Responsiveness while the index is built: a manifest opened now gets its diagnostics at once.
    const probe = performance.now();
    await openDocument(session, fileUri(path.join(root, 'probe.yaml')), deployment(99_999));
    const probeMs = performance.now() - probe;
    const result = await session.connection.sendRequest<{ manifests: number }>('secretHints/envSource', { name: 'SVC_1_DATABASE_URL' });
    const elapsed = performance.now() - t0;
    const rss = rssOf(session.child.pid ?? 0);
    const cpu = cpuMsOf(session.child.pid ?? 0);
    const line = session.logs.find((l) => l.startsWith('Workspace index:')) ?? '';
    const actionMs = await codeActionLatency(session, root);
    console.log(
      `server (${label}): ${result.manifests} manifests indexed, ready ${elapsed.toFixed(0)} ms after spawn (server CPU ${cpu} ms); RSS ${mb(rss)} (at initialize ${mb(rssStart)}); diagnostics for a manifest opened during indexing after ${probeMs.toFixed(0)} ms; ` +
        `code actions on a secretKeyRef (combined fix looks through every code file) ${actionMs} ms; log: ${line}`,
    );
    return rss;
  } finally {
    await session.close();
  }
}

/** Time of a codeAction request on the first secretKeyRef diagnostic of a generated manifest. */
async function codeActionLatency(session: LspSession, root: string): Promise<string> {
  const file = path.join(root, 'deploy', 'team-1', 'svc-1.yaml');
  if (!existsSync(file)) return 'n/a';
  const uri = fileUri(file);
  const [diagnostic] = await openDocument(session, uri, readFileSync(file, 'utf8'));
  if (!diagnostic) return 'n/a';
  const t0 = performance.now();
  const actions = await session.connection.sendRequest<unknown[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  });
  return `${(performance.now() - t0).toFixed(0)} (${actions.length} actions)`;
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'secret-hints-bench-'));
  const empty = mkdtempSync(path.join(tmpdir(), 'secret-hints-bench-empty-'));
  try {
    const bytes = generate(root);
    console.log(`generated ${MANIFESTS} manifests + ${CODE_FILES} code files, ${mb(bytes)} in ${root}`);
    await inProcess(root);
    const baseline = await server(empty, 'empty folder');
    const loaded = await server(root, 'generated workspace');
    console.log(`server RSS delta for the index: +${mb(loaded - baseline)}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  }
}

void main();
