// k8s-secret-env-ref: a container receives a Secret key as an environment variable.
import type { Detected, ManifestRule } from '../rule';
import { asMap, findPair, getMap, getSeq, getString, rangeOf } from '../k8s/nodes';
import { envRefFixes } from '../k8s/fix/env-ref-fix';
import { allContainers } from '../k8s/workloads';

export const k8sSecretEnvRef: ManifestRule = {
  id: 'k8s-secret-env-ref',
  target: 'manifest',
  summary: 'A Secret key is handed to a container as an environment variable (env[].valueFrom.secretKeyRef).',
  explanation:
    'Environment variables leak: anyone with a shell in the container can run `env`, crash reporters and loggers dump them, ' +
    'and they only change when the pod restarts. Mount the Secret as a read-only volume instead: its files live in RAM (tmpfs), ' +
    'stay out of `docker inspect`, and are refreshed in place when the Secret rotates — the application must read the file.',
  defaultSeverity: 'warning',
  detect(ctx) {
    const out: Detected[] = [];
    for (const container of allContainers(ctx)) {
      const doc = container.pod.object.document.doc;
      const env = getSeq(container.map, 'env', doc);
      if (!env) continue;
      for (const item of env.items) {
        const entry = asMap(item, doc);
        const ref = findPair(getMap(entry, 'valueFrom', doc), 'secretKeyRef');
        const refMap = asMap(ref?.value, doc);
        const keyRange = rangeOf(ref?.key);
        if (!ref || !refMap || !keyRange) continue;
        const variable = getString(entry, 'name', doc) ?? '(unnamed)';
        const secret = getString(refMap, 'name', doc) ?? '(unnamed Secret)';
        const key = getString(refMap, 'key', doc) ?? '(no key)';
        out.push({
          ...keyRange,
          message: `Container "${container.name}" receives Secret "${secret}" key "${key}" as env var ${variable}; mount it as a read-only file instead.`,
          data: { variable, secret, key, container: container.name, group: container.group, documentIndex: container.pod.object.document.index },
        });
      }
    }
    return out;
  },
  fixes: envRefFixes,
};
