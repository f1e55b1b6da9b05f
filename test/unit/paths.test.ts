// The one exclusion rule the CLI's walk, the workspace index and the editor's validator share (paths.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exclusion, globMatcher, toPosix } from '../../server/src/paths';

describe('exclusion globs', () => {
  it('exclude a path that matches, or that lies in a folder that matches', () => {
    const excluded = exclusion(['vendor', 'charts/*/templates/**', '**/*.gen.yaml']);
    for (const p of ['vendor', 'vendor/a.yaml', 'vendor/deep/b.py', 'charts/x/templates/d.yaml', 'k8s/app.gen.yaml', '.hidden/x.gen.yaml'])
      assert.equal(excluded(p), true, p);
    for (const p of ['vendors/a.yaml', 'src/vendor.py', 'charts/x/values.yaml', 'k8s/app.yaml']) assert.equal(excluded(p), false, p);
  });

  it('match nothing without globs, and only the path itself with globMatcher', () => {
    assert.equal(exclusion([])('anything/at/all.yaml'), false);
    assert.equal(globMatcher(['vendor'])('vendor/a.yaml'), false);
    assert.equal(globMatcher(['vendor/**'])('vendor/a.yaml'), true);
  });

  it('toPosix keeps forward slashes on this platform', () => {
    assert.equal(toPosix('a/b/c.yaml'), 'a/b/c.yaml');
  });
});
