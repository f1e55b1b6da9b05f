// Found by the long fuzz run: a fix that edits outside its own document must not touch a broken one.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { CODE_READS_EVERYTHING } from '../support/k8s-fix';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
  containers:
    - name: app
      env:
        - name: DB_PASSWORD
          value: hunter2-not-printed
`;

it('offers no fix whose edit lands in a document with syntax errors (the literal fix appends a Secret)', () => {
  const healthy = analyze({ codeReads: CODE_READS_EVERYTHING, text: `${POD}---\napiVersion: v1\nkind: ConfigMap\n`, path: 'a.yaml' });
  const literal = healthy.findings.find((f) => f.rule === 'k8s-secret-env-literal');
  assert.ok(literal);
  assert.ok(healthy.fixesFor(literal).length > 0, 'the fix exists when every document parses');

  const broken = analyze({ codeReads: CODE_READS_EVERYTHING, text: `${POD}---\napiVersion: v1\nkind: ConfigMap\ndata: [unclosed\n`, path: 'a.yaml' });
  const same = broken.findings.find((f) => f.rule === 'k8s-secret-env-literal');
  assert.ok(same, 'the finding in the healthy document is still reported');
  assert.deepEqual(broken.fixesFor(same), []);
});
