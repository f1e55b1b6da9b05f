// A Secret the workload creates itself (an init container or a Job in the same file running
// `kubectl create secret …`): an env reference waits for it at container start, after the init
// containers ran, but a volume is set up before any container starts, so a non-optional source would
// keep the pod from ever starting. The fix then makes the source optional and says the file appears
// later — a change of behaviour the user must accept, so it is never preferred.
import type { ManifestContext } from '../documents';
import { asString, getSeq } from '../nodes';
import { containerLabel, objectLabel } from '../uses';
import { allContainers } from '../workloads';

const CREATES_SECRET = /\bkubectl\b[^\n;&|]*\b(?:create|apply)\b[^\n;&|]*\bsecret\b|\bcreate\s+secret\b/;

/** Who creates Secret `name` at run time (for the fix's caveat), or undefined. */
export function creatorOf(ctx: ManifestContext, name: string): string | undefined {
  const word = new RegExp(`(^|[^A-Za-z0-9.-])${name.replace(/[.]/g, '\\.')}($|[^A-Za-z0-9.-])`);
  for (const container of allContainers(ctx)) {
    const doc = container.pod.object.document.doc;
    const argv = ['command', 'args'].flatMap((key) => (getSeq(container.map, key, doc)?.items ?? []).map((i) => asString(i, doc) ?? ''));
    const script = argv.join(' ');
    if (CREATES_SECRET.test(script) && word.test(script)) {
      const object = container.pod.object;
      const who = container.group === 'initContainers' ? 'init container' : 'container';
      return `${who} "${containerLabel(ctx, container)}" of ${object.kind ?? 'object'} "${objectLabel(ctx, object) ?? '(unnamed)'}"`;
    }
  }
  return undefined;
}
