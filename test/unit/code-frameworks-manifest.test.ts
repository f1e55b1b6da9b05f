// The manifest side follows the code's framework (issue 19): the workspace index learns from each code
// file how its fixed reads get the secret, and the manifest fix for that variable mounts accordingly —
// the plain file for the loader and pydantic's secrets_dir, `NAME_FILE` for django-environ's
// FileAwareEnv, and no preferred fix for a read the code's fix cannot make read a file (an env object
// made in another module), whose app the plain mount would starve of the variable.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { codeReadsOf } from '../../server/src/engine/combined-fix';
import { CrossFileIndex } from '../../server/src/engine/cross-file-index';
import { fixAll } from '../../server/src/engine/fix-all';
import { prepareCodeGrammars } from '../support/code-analysis';

const MANIFEST = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: registry.example.com/shop/web:1.4',
  '          env:',
  '            - name: DJANGO_SECRET_KEY',
  '              valueFrom:',
  '                secretKeyRef: {name: web, key: django-secret-key}',
  '',
].join('\n');

/** The manifest's preferred fix, with the workspace's code file analysed first (as the CLI does). */
function manifestFix(codePath: string, code: string) {
  const index = new CrossFileIndex();
  index.noteCodeReads(codePath, codeReadsOf(analyze({ text: code, path: codePath })));
  const analysis = analyze({ text: MANIFEST, path: '/w/k8s/deploy.yaml', codeReads: index.hooks.codeReads });
  const finding = analysis.findings.find((f) => f.rule === 'k8s-secret-env-ref');
  assert.ok(finding);
  const fixes = analysis.fixesFor(finding);
  return {
    preferred: fixes.find((f) => f.preferred),
    fixes,
    fixed: fixAll({ text: MANIFEST, path: '/w/k8s/deploy.yaml', codeReads: index.hooks.codeReads }).text,
  };
}

describe('the manifest fix follows how the code reads the secret', () => {
  before(prepareCodeGrammars);

  it('django-environ (FileAwareEnv after its fix): the variable becomes DJANGO_SECRET_KEY_FILE pointing at the mounted file', () => {
    const { preferred, fixed } = manifestFix('/w/mysite/settings.py', 'import environ\nenv = environ.Env()\nSECRET_KEY = env("DJANGO_SECRET_KEY")\n');
    assert.match(preferred?.title ?? '', /set DJANGO_SECRET_KEY_FILE \(the app's django-environ FileAwareEnv reads the file\)/);
    assert.match(fixed, /- name: DJANGO_SECRET_KEY_FILE\n\s+value: \/etc\/secrets\/DJANGO_SECRET_KEY/);
    assert.doesNotMatch(fixed, /secretKeyRef/);
  });

  it('dynaconf (the mounted files override its keys after its fix): the plain mount, the variable removed', () => {
    const code = 'from dynaconf import Dynaconf\nsettings = Dynaconf(envvar_prefix=False)\nkey = settings.DJANGO_SECRET_KEY\n';
    const { preferred, fixed } = manifestFix('/w/app/config.py', code);
    assert.ok(preferred && !/_FILE/.test(preferred.title), preferred?.title);
    assert.doesNotMatch(fixed, /name: DJANGO_SECRET_KEY\n/);
  });

  it('pydantic settings (secrets_dir after its fix): the plain mount, the variable removed', () => {
    const code = 'from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    django_secret_key: str\n';
    const { preferred, fixed } = manifestFix('/w/app/config.py', code);
    assert.ok(preferred && !/_FILE/.test(preferred.title), preferred?.title);
    assert.doesNotMatch(fixed, /name: DJANGO_SECRET_KEY\n/);
    assert.match(fixed, /mountPath: \/etc\/secrets/);
  });

  it('a read with no fix in this file (django-environ env made in another module): no preferred manifest fix, and fix-all leaves the manifest alone', () => {
    const code = 'from .base import env\n\nDEBUG = env.bool("DJANGO_DEBUG", default=False)\nSECRET_KEY = env("DJANGO_SECRET_KEY")\n';
    assert.equal(analyze({ text: code, path: '/w/config/production.py' }).findings.length, 1, 'the read is flagged');
    const { preferred, fixes, fixed } = manifestFix('/w/config/production.py', code);
    assert.equal(preferred, undefined);
    assert.ok(fixes.length > 0 && fixes.every((f) => f.caveat !== undefined));
    assert.equal(fixed, MANIFEST);
  });

  it('code that disagrees (one file reads the plain file, another the pointer) makes neither preferred', () => {
    const index = new CrossFileIndex();
    index.noteCodeReads('/w/a.py', codeReadsOf(analyze({ text: 'import environ\nenv = environ.Env()\nk = env("DJANGO_SECRET_KEY")\n', path: '/w/a.py' })));
    index.noteCodeReads('/w/b.py', codeReadsOf(analyze({ text: 'import os\nk = os.environ["DJANGO_SECRET_KEY"]\n', path: '/w/b.py' })));
    assert.equal(index.codeReads('DJANGO_SECRET_KEY'), false);
    index.noteCodeReads('/w/a.py', []);
    assert.equal(index.codeReads('DJANGO_SECRET_KEY'), true);
  });
});
