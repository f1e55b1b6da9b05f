// package.json is the extension's public surface: it must contribute every command the client
// registers and every setting the server reads (with scopes and descriptions), every grammar it
// ships, and the marketplace assets; the README must link every rule's documentation.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CLIENT_COMMANDS, LANGUAGES } from '../../client/src/command-ids';
import { RULES } from '../../server/src/engine/rules';
import { SERVER_COMMANDS } from '../../server/src/lsp/rule-doc-command';
import { toResourceSettings } from '../../server/src/lsp/settings';

const ROOT = path.resolve(__dirname, '..', '..');

interface SettingSchema {
  scope?: string;
  description?: string;
  markdownDescription?: string;
  enum?: string[];
  enumDescriptions?: string[];
  properties?: Record<string, SettingSchema>;
  additionalProperties?: SettingSchema;
}

interface Manifest {
  icon: string;
  categories: string[];
  galleryBanner?: { color: string; theme: string };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    configuration: { properties: Record<string, SettingSchema> };
    grammars: { scopeName: string; path: string; injectTo?: string[] }[];
  };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const settings = manifest.contributes.configuration.properties;

/** Property paths the server reads from a `secretHints` settings object, recorded through a proxy. */
function settingPathsReadByServer(): string[] {
  const read = new Set<string>();
  const recorder = (prefix: string): object =>
    new Proxy(
      {},
      {
        get(_target, key) {
          if (typeof key !== 'string') return undefined;
          const full = prefix ? `${prefix}.${key}` : key;
          read.add(full);
          return recorder(full);
        },
      },
    );
  toResourceSettings(recorder(''));
  // Keep leaves only: `secretNames` is read on the way to `secretNames.extra`.
  return [...read].filter((p) => ![...read].some((q) => q.startsWith(`${p}.`)));
}

describe('package.json contributions', () => {
  it('contributes exactly the commands the client and the server register, in the Secret Hints category', () => {
    const registered = [...Object.values(CLIENT_COMMANDS), ...SERVER_COMMANDS].sort();
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, registered);
    for (const c of manifest.contributes.commands) {
      assert.equal(c.category, 'Secret Hints', `${c.command} category`);
      assert.ok(c.title.length > 0, `${c.command} has a title`);
    }
  });

  it('registers client commands only through CLIENT_COMMANDS, never by string literal', () => {
    const dir = path.join(ROOT, 'client', 'src');
    const literal = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /registerCommand\(\s*['"`]/.test(readFileSync(path.join(dir, f), 'utf8')));
    assert.deepEqual(literal, []);
  });

  it('contributes every setting the server reads, and the server or client reads every contributed one', () => {
    const read = settingPathsReadByServer().map((p) => `secretHints.${p}`);
    assert.ok(read.length >= 6, 'the recorder saw the settings being read');
    for (const key of read) assert.ok(key in settings, `${key} is contributed`);
    const readByClient = ['secretHints.trace.server'];
    for (const key of Object.keys(settings)) assert.ok(read.includes(key) || readByClient.includes(key), `${key} is read by someone`);
  });

  it('gives every setting a description, enum descriptions and the right scope', () => {
    const expectedScope: Record<string, string> = { 'secretHints.mountPath': 'machine-overridable', 'secretHints.trace.server': 'window' };
    const check = (key: string, s: SettingSchema) => {
      assert.ok(s.description ?? s.markdownDescription, `${key} has a description`);
      if (s.enum) assert.equal(s.enumDescriptions?.length, s.enum.length, `${key} describes each enum value`);
    };
    for (const [key, s] of Object.entries(settings)) {
      check(key, s);
      assert.equal(s.scope, expectedScope[key] ?? 'resource', `${key} scope`);
    }
    const rules = settings['secretHints.rules'];
    assert.ok(rules.additionalProperties, 'unknown rule ids still get the severity enum');
    check('secretHints.rules.*', rules.additionalProperties);
    for (const rule of RULES) {
      const schema = rules.properties?.[rule.id];
      assert.ok(schema, `secretHints.rules lists ${rule.id}`);
      check(`secretHints.rules.${rule.id}`, schema);
    }
  });

  it('activates for every language the client serves, and offers the palette commands there', () => {
    const raw = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      activationEvents: string[];
      contributes: { menus: { commandPalette: { command: string; when?: string }[] } };
    };
    for (const language of LANGUAGES) assert.ok(raw.activationEvents.includes(`onLanguage:${language}`), `activates for ${language}`);
    for (const entry of raw.contributes.menus.commandPalette) {
      const pattern = /resourceLangId =~ \/(.*?)\/(?:\s|$)/.exec(entry.when ?? '')?.[1];
      if (pattern === undefined) continue;
      const languages = new RegExp(pattern);
      for (const language of LANGUAGES.filter((l) => l !== 'json' && l !== 'jsonc'))
        assert.ok(languages.test(language), `${entry.command} is offered for ${language}`);
    }
  });

  it('ships every contributed grammar with the scope name it declares, injected into our languages', () => {
    assert.ok(manifest.contributes.grammars.length >= 4);
    for (const g of manifest.contributes.grammars) {
      const grammar = JSON.parse(readFileSync(path.join(ROOT, g.path), 'utf8')) as { scopeName: string; injectionSelector?: string };
      assert.equal(grammar.scopeName, g.scopeName);
      assert.ok(grammar.injectionSelector, `${g.path} is an injection grammar`);
      assert.ok(g.injectTo && g.injectTo.length > 0, `${g.scopeName} says where it is injected`);
    }
  });

  it('has the marketplace assets: a small PNG icon, Linters category, gallery banner, LICENSE', () => {
    const icon = path.join(ROOT, manifest.icon);
    const bytes = readFileSync(icon);
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(statSync(icon).size < 20 * 1024, 'icon under 20 KB');
    assert.ok(bytes.readUInt32BE(16) >= 128 && bytes.readUInt32BE(20) >= 128, 'icon at least 128×128');
    assert.ok(manifest.categories.includes('Linters'));
    assert.ok(manifest.galleryBanner?.color);
    assert.ok(existsSync(path.join(ROOT, 'LICENSE')));
  });

  it('links every rule documentation page from the README, and every README rule link resolves', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const linked = [...readme.matchAll(/\]\((docs\/rules\/([a-z0-9-]+)\.md)\)/g)];
    for (const [, target] of linked) assert.ok(existsSync(path.join(ROOT, target)), `${target} exists`);
    const linkedIds = new Set(linked.map((m) => m[2]));
    for (const rule of RULES) {
      assert.ok(existsSync(path.join(ROOT, 'docs', 'rules', `${rule.id}.md`)), `docs/rules/${rule.id}.md exists`);
      assert.ok(linkedIds.has(rule.id), `README links ${rule.id}`);
    }
  });
});
