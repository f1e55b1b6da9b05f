// Deterministic benchmark inputs: multi-document manifests with mixed workloads, and Python / TypeScript
// services, of a requested line count. A seeded PRNG keeps every run identical.

export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ConfigMap', 'Service'];

function workload(i: number, rand: () => number): string[] {
  const kind = KINDS[Math.floor(rand() * KINDS.length)];
  const name = `svc-${i}`;
  // Every rule has work to do: env refs in all workloads, and by chance a literal secret value, a
  // whole-Secret envFrom, and a Secret volume with a loose mode mounted through subPath.
  const literal = rand() < 0.2;
  const secretEnvFrom = rand() < 0.3;
  const volume = rand() < 0.3;
  const env = [
    '              - name: LOG_LEVEL',
    '                value: info',
    `              - name: DB_PASSWORD_${i}`,
    '                valueFrom:',
    '                  secretKeyRef:',
    `                    name: db-${i}`,
    '                    key: password',
    '              - name: FEATURE_FLAGS',
    '                valueFrom:',
    `                  configMapKeyRef: {name: flags-${i}, key: flags}`,
    ...(literal ? ['              - name: API_TOKEN', `                value: "bench-literal-${i}"`] : []),
  ];
  const container = [
    '          - name: app',
    `            image: registry.example.com/${name}:1.${i % 10}`,
    '            ports:',
    '              - containerPort: 8080',
    '            env:',
    ...env,
    '            envFrom:',
    `              - configMapRef: {name: common-${i}}`,
    ...(secretEnvFrom ? [`              - secretRef: {name: shared-${i}}`] : []),
    ...(volume
      ? ['            volumeMounts:', '              - name: tls', '                mountPath: /etc/tls/tls.crt', '                subPath: tls.crt']
      : []),
    '            resources:',
    '              limits: {cpu: 500m, memory: 256Mi}',
  ];
  const volumes = volume ? ['volumes:', '  - name: tls', '    secret:', `      secretName: tls-${i}`, '      defaultMode: 0644'] : [];
  const header = [
    `apiVersion: ${kind === 'CronJob' || kind === 'Job' ? 'batch/v1' : kind === 'Pod' || kind === 'ConfigMap' || kind === 'Service' ? 'v1' : 'apps/v1'}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    `    app: ${name}`,
    `    tier: ${rand() < 0.5 ? 'web' : 'worker'}`,
  ];
  if (kind === 'ConfigMap') return [...header, 'data:', ...Array.from({ length: 12 }, (_, k) => `  key${k}: "value ${k} of ${name}"`)];
  if (kind === 'Service') return [...header, 'spec:', '  selector:', `    app: ${name}`, '  ports:', '    - port: 80', '      targetPort: 8080'];
  const podSpec = (indent: string) => [`${indent}containers:`, ...container.map((l) => indent + l.slice(8)), ...volumes.map((l) => indent + l)];
  if (kind === 'Pod') return [...header, 'spec:', ...podSpec('  ')];
  if (kind === 'CronJob')
    return [...header, 'spec:', '  schedule: "0 3 * * *"', '  jobTemplate:', '    spec:', '      template:', '        spec:', ...podSpec('          ')];
  return [
    ...header,
    'spec:',
    '  replicas: 2',
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    ...podSpec('      '),
  ];
}

/** A multi-document manifest of about `lines` lines. */
export function manifest(lines: number, seed = 1): string {
  const rand = prng(seed);
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    if (i > 0) out.push('---');
    out.push(`# workload ${i}`, ...workload(i, rand));
  }
  return out.join('\n') + '\n';
}

/** A Python module of about `lines` lines with env reads, logging (some of it leaking a secret or the whole environment) and plain code. */
export function python(lines: number, seed = 2): string {
  const rand = prng(seed);
  const out = ['import logging', 'import os', '', 'log = logging.getLogger(__name__)', ''];
  for (let i = 0; out.length < lines; i++) {
    const secret = rand() < 0.3;
    out.push(
      `def handler_${i}(request, retries=${i % 5}):`,
      `    """Handle request kind ${i}."""`,
      secret ? `    token = os.environ.get("SERVICE_TOKEN_${i}", "")` : `    level = os.getenv("LOG_LEVEL_${i}", "info")`,
      `    total = 0`,
      `    for item in request.items[:${(i % 7) + 1}]:`,
      `        total += item.price * ${(i % 3) + 1}`,
      secret
        ? i % 2 === 0
          ? `    log.info("calling upstream %s with %s", request.id, token)`
          : `    log.info("calling upstream %s", request.id)`
        : `    log.debug("level %s total %d", level, total)`,
      ...(i % 20 === 7 ? ['    log.debug("environment: %s", dict(os.environ))'] : []),
      `    return {"id": request.id, "total": total}`,
      '',
    );
  }
  return out.join('\n') + '\n';
}

/** A TypeScript module of about `lines` lines with env reads, logging (some of it leaking a secret or the whole environment) and plain code. */
export function typescript(lines: number, seed = 3): string {
  const rand = prng(seed);
  const out = ["import { createLogger } from './logger';", '', 'const log = createLogger();', ''];
  for (let i = 0; out.length < lines; i++) {
    const secret = rand() < 0.3;
    out.push(
      `export function handler${i}(request: { id: string; items: { price: number }[] }): { id: string; total: number } {`,
      secret ? `  const apiKey = process.env.SERVICE_API_KEY_${i} ?? '';` : `  const level = process.env.LOG_LEVEL_${i} ?? 'info';`,
      '  let total = 0;',
      `  for (const item of request.items.slice(0, ${(i % 7) + 1})) {`,
      `    total += item.price * ${(i % 3) + 1};`,
      '  }',
      secret
        ? i % 2 === 0
          ? '  log.info(`calling upstream ${request.id} with ${apiKey}`);'
          : '  log.info(`calling upstream ${request.id}`);'
        : '  log.debug(`level ${level} total ${total}`);',
      ...(i % 20 === 7 ? ['  log.debug(JSON.stringify(process.env));'] : []),
      // Now and then a secret under a browser-public prefix (secret-public-env).
      ...(i % 40 === 13 ? [`  const widgetToken = process.env.NEXT_PUBLIC_WIDGET_TOKEN_${i};`, '  log.debug(`widget ${Boolean(widgetToken)}`);'] : []),
      '  return { id: request.id, total };',
      '}',
      '',
    );
  }
  return out.join('\n') + '\n';
}

/**
 * A finding-dense Python service of about `lines` lines: every function reads a secret from the
 * environment, and most log it (the shape of a real service written against env vars throughout).
 */
export function densePython(lines: number, seed = 4): string {
  const rand = prng(seed);
  const out = ['import logging', 'import os', '', 'log = logging.getLogger(__name__)', ''];
  for (let i = 0; out.length < lines; i++) {
    const logged = rand() < 0.7;
    out.push(
      `def connect_${i}(request, attempts=${(i % 4) + 1}):`,
      `    """Connect to upstream ${i}."""`,
      `    password = os.environ["UPSTREAM_${i}_PASSWORD"]`,
      `    user = os.getenv("UPSTREAM_${i}_USER", "svc")`,
      `    url = f"https://{user}@upstream-${i}.internal/api"`,
      logged ? `    log.info("connecting to %s as %s with %s", url, user, password)` : `    log.info("connecting to %s", url)`,
      `    for attempt in range(attempts):`,
      `        if request.ok(attempt):`,
      `            return {"url": url, "attempt": attempt}`,
      `    return None`,
      '',
    );
  }
  return out.join('\n') + '\n';
}

/** The TypeScript twin of densePython: every function reads a secret, most log it. */
export function denseTypescript(lines: number, seed = 5): string {
  const rand = prng(seed);
  const out = ["import { createLogger } from './logger';", '', 'const log = createLogger();', ''];
  for (let i = 0; out.length < lines; i++) {
    const logged = rand() < 0.7;
    out.push(
      `export function connect${i}(request: { ok(attempt: number): boolean }, attempts = ${(i % 4) + 1}): { url: string; attempt: number } | undefined {`,
      `  const password = process.env.UPSTREAM_${i}_PASSWORD ?? '';`,
      `  const user = process.env.UPSTREAM_${i}_USER ?? 'svc';`,
      `  const url = \`https://\${user}@upstream-${i}.internal/api\`;`,
      logged ? '  log.info(`connecting to ${url} as ${user} with ${password}`);' : '  log.info(`connecting to ${url}`);',
      '  for (let attempt = 0; attempt < attempts; attempt++) {',
      '    if (request.ok(attempt)) return { url, attempt };',
      '  }',
      '  return undefined;',
      '}',
      '',
    );
  }
  return out.join('\n') + '\n';
}

/**
 * The same module as `parts` files of about equal length, cut at the blank lines between functions; each
 * part repeats the module's header (imports, the logger) so that it stands on its own as a file would.
 */
export function splitModule(text: string, parts: number): string[] {
  const blocks = text.trimEnd().split('\n\n');
  const first = blocks.findIndex((b) => /^(def|export function) /.test(b));
  const [header, functions] = [blocks.slice(0, first), blocks.slice(first)];
  const per = Math.ceil(functions.length / parts);
  return Array.from({ length: parts }, (_, i) => [...header, ...functions.slice(i * per, (i + 1) * per)].join('\n\n') + '\n\n');
}
