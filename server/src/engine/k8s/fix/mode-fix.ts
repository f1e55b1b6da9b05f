// Fix for k8s-secret-mount-mode: with the pod's fsGroup owning the files, 0440 (owner and group read)
// is enough, so the loose mode is replaced. Without fsGroup a non-root app might lose access: no fix.
import { isPair, isScalar, visit } from 'yaml';
import type { Finding, Fix } from '../../findings';
import type { RuleEnv } from '../../rule';
import type { ManifestContext } from '../documents';
import { findPair, getMap, keyName } from '../nodes';
import { blocksAt, extendsBlocks } from '../template-blocks';
import { startOf } from './geometry';
import { setsFsGroup } from './projected';
import { podSiteFor, type PodSite } from './site';

const MODE_FIELDS = new Set(['defaultMode', 'mode']);

export function modeFixes(ctx: ManifestContext, finding: Finding, _env: RuleEnv): Fix[] {
  const site = podSiteFor(ctx, finding);
  const volumes = site && findPair(site.pod.spec, 'volumes')?.value;
  if (!site || !volumes || !setsFsGroup(site) || !fsGroupRendersWith(site, finding.start)) return [];
  let field: string | undefined;
  let source: string | undefined;
  let end = 0;
  visit(volumes as Parameters<typeof visit>[0], {
    Scalar(_, node, path) {
      const parent = path[path.length - 1];
      if (!isScalar(node) || !node.range || node.range[0] !== finding.start || !isPair(parent) || parent.value !== node) return undefined;
      field = keyName(parent);
      source = node.source;
      end = node.range[1];
      return visit.BREAK;
    },
  });
  if (field === undefined || !MODE_FIELDS.has(field) || source === undefined) return [];
  // Keep the notation: a decimal mode stays decimal (JSON-minded manifests), octal stays octal; JSON has no octal.
  const newText = /^[1-9][0-9]*$/.test(source) || site.style.json ? '288' : '0440';
  return [
    {
      title: `Tighten ${field} to ${newText === '288' ? '288 (0440)' : '0440'}: owner and fsGroup read only`,
      kind: 'quickfix',
      preferred: true,
      edits: [{ start: finding.start, end, newText }],
      conflictKey: site.conflictKey,
    },
  ];
}

/** In a Helm template: the fsGroup renders whenever the mode does (not in an `if` the mode is not in). */
function fsGroupRendersWith(site: PodSite, offset: number): boolean {
  const ctx = site.ctx;
  if (!ctx.template) return true;
  const fsGroup = startOf(findPair(getMap(site.pod.spec, 'securityContext', site.document.doc), 'fsGroup')?.key);
  const mode = blocksAt(ctx, offset);
  const group = fsGroup === undefined ? undefined : blocksAt(ctx, fsGroup);
  return mode !== undefined && group !== undefined && extendsBlocks(ctx, mode, group);
}
