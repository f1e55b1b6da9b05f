// The UI scenarios that apply fixes. Ctrl+. lists the fixes, Enter applies the
// preferred one (VS Code lists preferred fixes first and focuses the first), Ctrl+S saves — and the
// workspace's `editor.codeActionsOnSave` runs source.fixAll.secretHints — then the file on disk is checked.
// Go and Java: the loader fix also creates the loader file beside the code; the fixed program is built and
// run when the toolchain is installed.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parseAllDocuments } from 'yaml';
import { mustRunIn, offlineGoEnv, spawnIn } from '../support/toolchain';
import { launchBrowser } from './browser';
import { CodeServer, copyWorkspace, ROOT, VSIX } from './code-server';
import {
  activeEditor,
  clickSquiggle,
  ERROR_SQUIGGLE,
  keepScreenshot,
  openProblems,
  pollUntil,
  quickOpen,
  scenario,
  trace,
  waitForCount,
  WARNING_SQUIGGLE,
} from './workbench';

const FIXTURE = path.join(ROOT, 'test', 'vscode', 'workspace');
const GO_READ_FIX = 'Read DB_PASSWORD from the mounted secret file (with secret_loader.go beside this file)';
const JAVA_READ_FIX = 'Read API_KEY from the mounted secret file (with SecretLoader.java beside this file)';
const REDACT_FIX = 'Redact secret in log call';

/**
 * Ctrl+. on the squiggle, once the light bulb shows; returns the titles in the quick-fix menu (still
 * open). A person presses Ctrl+. after seeing the bulb, and so does the test: the click moves the cursor,
 * VS Code asks for code actions again 250 ms later, and that automatic request cancels a Ctrl+. still
 * in flight, which then reports "No code actions available" (seen on a busy CI machine).
 */
async function openQuickFixMenu(page: Page, squiggle: ReturnType<Page['locator']>): Promise<string[]> {
  // A code-action request VS Code drops (the diagnostics republished while it was out, seen once on CI)
  // leaves no bulb: click again, as a person would, which asks anew; a server that never answers still fails.
  const bulb = activeEditor(page).locator('.lightBulbWidget');
  for (let attempt = 1; ; attempt++) {
    await clickSquiggle(page, squiggle);
    try {
      await bulb.waitFor({ state: 'visible', timeout: 15_000 });
      break;
    } catch (err) {
      if (attempt === 3) throw err;
      trace(`no light bulb after click ${attempt}: clicking again`);
    }
  }
  await page.keyboard.press('Control+.');
  const rows = page.locator('.action-widget .monaco-list-row.action');
  const none = page.locator('.monaco-editor-overlaymessage', { hasText: 'No code actions available' });
  // Either the menu opens or VS Code says there is nothing to offer: fail at once on the latter.
  await rows.first().or(none).first().waitFor({ state: 'visible' });
  if (await none.isVisible()) throw new Error('Ctrl+. says "No code actions available"');
  return (await rows.allInnerTexts()).map((t) => t.trim()).filter((t) => t.length > 0);
}

async function saveAndWaitClean(page: Page): Promise<void> {
  await page.keyboard.press('Control+S');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
}

/** Ctrl+. on the squiggle, checks that `title` is listed first (the preferred fix), and applies it with Enter. */
async function applyPreferredFix(page: Page, squiggle: ReturnType<Page['locator']>, title: string): Promise<void> {
  const titles = await openQuickFixMenu(page, squiggle);
  assert.equal(titles[0], title, `fixes listed: ${titles.join(' | ')}`);
  await page.keyboard.press('Enter');
  await page.locator('.action-widget').waitFor({ state: 'hidden' });
}

/** Whether the toolchain is installed (it is optional here, as python3 is for the editor suite). */
function hasTool(work: string, command: string, versionArg: string): boolean {
  mkdirSync(work, { recursive: true });
  return spawnIn(work, command, [versionArg], work, {}).status === 0;
}

/** A file's text once it exists on disk and contains `marker` (a created file is filled, then saved). */
function fileOnDisk(page: Page, file: string, marker: string, timeoutMs = 30_000): Promise<string> {
  let text: string | undefined;
  return pollUntil(
    page,
    () => {
      text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      return text?.includes(marker) ? text : undefined;
    },
    () => `${file} with "${marker}" (${text === undefined ? 'missing' : `${text.length} chars`})`,
    timeoutMs,
  );
}

void describe('UI: applying fixes', () => {
  let server: CodeServer;
  let browser: Browser;
  let failed = false;

  before(async () => {
    trace('starting code-server');
    server = await CodeServer.start({ name: 'ui-fixes', vsix: VSIX });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (!failed) server?.cleanUp();
  });

  void it('manifest: Ctrl+. lists the fixes, Enter applies the preferred one, save writes the mounted Secret', async (t) => {
    const folder = copyWorkspace(FIXTURE, path.join(server.runDir, 'manifest'));
    const file = path.join(folder, 'k8s', 'fix-preferred.yaml');
    await scenario(t, browser, server, folder, async (page) => {
      await quickOpen(page, 'k8s/fix-preferred.yaml');
      const squiggles = activeEditor(page).locator(WARNING_SQUIGGLE);
      await waitForCount(squiggles, (n) => n === 2, 'two warning squiggles', 60_000);

      const titles = await openQuickFixMenu(page, squiggles.first());
      assert.ok(titles.length >= 1, `fixes listed: ${titles.join(' | ')}`);
      assert.ok(!titles.some((x) => /no code actions/i.test(x)));
      await keepScreenshot(page, 'quick-fix');
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden' });
      await waitForCount(squiggles, (n) => n === 1, 'one squiggle left after the preferred fix');
      await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'visible' });

      await saveAndWaitClean(page);
      await waitForCount(squiggles, (n) => n === 0, 'no squiggle after save (fix-all on save)');
      const disk = readFileSync(file, 'utf8');
      assert.doesNotMatch(disk, /secretKeyRef/);
      assert.match(disk, /projected:/);
      const docs = parseAllDocuments(disk);
      assert.equal(docs.length, 1);
      assert.deepEqual(docs[0].errors, []);
      const spec = (
        docs[0].toJS() as {
          spec: { template: { spec: { containers: { env?: { name: string }[]; volumeMounts?: { mountPath: string; readOnly?: boolean }[] }[] } } };
        }
      ).spec.template.spec;
      const [api] = spec.containers;
      assert.deepEqual(
        (api.env ?? []).map((e) => e.name),
        ['LOG_LEVEL', 'FEATURE_FLAGS'],
      );
      assert.ok(api.volumeMounts?.some((m) => m.mountPath === '/etc/secrets' && m.readOnly === true));
    }).catch((err: unknown) => {
      failed = true;
      throw err;
    });
  });

  void it('Python: the env read is flagged, Ctrl+. → Enter applies the loader fix, the file on disk reads load_secret()', async (t) => {
    const folder = copyWorkspace(FIXTURE, path.join(server.runDir, 'python'));
    const file = path.join(folder, 'app', 'service.py');
    await scenario(t, browser, server, folder, async (page) => {
      await quickOpen(page, 'app/service.py');
      const squiggles = activeEditor(page).locator(WARNING_SQUIGGLE);
      await waitForCount(squiggles, (n) => n === 1, 'one warning squiggle (DB_PASSWORD; DB_HOST is no secret)', 60_000);
      // The finding's final form names the manifest's Secret once the workspace index is in; waiting
      // for it means no re-published set arrives while the quick-fix menu is being asked for.
      const problems = await openProblems(page);
      await problems.filter({ hasText: 'fed from Secret "payments-db"' }).first().waitFor({ state: 'visible' });

      const titles = await openQuickFixMenu(page, squiggles.first());
      assert.ok(titles.length >= 1, `fixes listed: ${titles.join(' | ')}`);
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden' });
      await waitForCount(squiggles, (n) => n === 0, 'the squiggle to go away after the fix');

      await saveAndWaitClean(page);
      const disk = readFileSync(file, 'utf8');
      assert.match(disk, /DB_PASSWORD = load_secret\("DB_PASSWORD"\)/);
      assert.match(disk, /def load_secret\(|import load_secret/);
      assert.match(disk, /os\.environ\.get\("DB_HOST", "localhost"\)/);
      assert.ok(disk.startsWith('"""Payments service'));
    }).catch((err: unknown) => {
      failed = true;
      throw err;
    });
  });

  void it('Go: Ctrl+. redacts the log call, then reads DB_PASSWORD through getSecret() from the secret_loader.go it creates', async (t) => {
    const folder = copyWorkspace(FIXTURE, path.join(server.runDir, 'go'));
    const file = path.join(folder, 'go', 'main.go');
    const loader = path.join(folder, 'go', 'secret_loader.go');
    await scenario(t, browser, server, folder, async (page) => {
      await quickOpen(page, 'go/main.go');
      const warnings = activeEditor(page).locator(WARNING_SQUIGGLE);
      const errors = activeEditor(page).locator(ERROR_SQUIGGLE);
      await waitForCount(warnings, (n) => n === 1, 'one warning squiggle (the DB_PASSWORD read; DB_HOST is no secret)', 60_000);
      await waitForCount(errors, (n) => n === 1, 'one error squiggle (the logged password)', 60_000);
      // Wait for the read's final form (it names the manifest's Secret once the workspace index is in),
      // so no re-published set arrives while the quick-fix menu is being asked for.
      const problems = await openProblems(page);
      await problems
        .filter({ hasText: 'Secret DB_PASSWORD (fed from Secret "payments-db") is read from the environment' })
        .first()
        .waitFor({ state: 'visible' });
      await problems.filter({ hasText: 'Secret DB_PASSWORD reaches log.Printf()' }).first().waitFor({ state: 'visible' });
      assert.equal(existsSync(loader), false, 'no loader before the fix');

      // The redaction first: it edits this file only. The loader fix edits two files, so VS Code saves
      // both (files.refactoring.autoSave), and the workspace's fix-all on save would redact the log too.
      await applyPreferredFix(page, errors.first(), REDACT_FIX);
      await waitForCount(errors, (n) => n === 0, 'the error squiggle to go away after the redaction');
      await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'visible' });
      assert.equal(await warnings.count(), 1, 'the read is still flagged');

      await applyPreferredFix(page, warnings.first(), GO_READ_FIX);
      await waitForCount(warnings, (n) => n === 0, 'the warning squiggle to go away after the loader fix');
      await activeEditor(page).locator('.view-line', { hasText: 'getSecret("DB_PASSWORD")' }).first().waitFor({ state: 'visible' });
      // No Ctrl+S needed: an edit across files is a refactoring, and VS Code saves both files it touched.
      await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });

      const created = await fileOnDisk(page, loader, 'func getSecret(');
      assert.match(created, /^package main\n/);
      const disk = readFileSync(file, 'utf8');
      assert.match(disk, /\tpw := getSecret\("DB_PASSWORD"\)\n/);
      assert.match(disk, /\thost := os\.Getenv\("DB_HOST"\)\n/);
      assert.match(disk, /\tlog\.Printf\("pw=%s", "\[REDACTED\]"\)\n/);
      assert.match(disk, /_ = dsn\(host, pw\)/);

      // The fixed package builds and reads the password from the file ($SECRETS_DIR), not the env var.
      const goWork = path.join(server.runDir, 'go-build');
      if (hasTool(goWork, 'go', 'version')) {
        const secrets = path.join(goWork, 'secrets');
        mkdirSync(secrets, { recursive: true });
        writeFileSync(path.join(secrets, 'DB_PASSWORD'), 's3cr3t\n');
        const dir = path.dirname(file);
        const files = ['main.go', 'secret_loader.go'];
        const go = offlineGoEnv(goWork);
        assert.equal(mustRunIn(goWork, 'gofmt', ['-l', ...files], dir, {}).stdout, '', 'gofmt-clean');
        mustRunIn(goWork, 'go', ['vet', ...files], dir, go);
        mustRunIn(goWork, 'go', ['build', '-o', path.join(goWork, 'billing'), ...files], dir, go);
        const run = mustRunIn(goWork, path.join(goWork, 'billing'), [], dir, { SECRETS_DIR: secrets, DB_PASSWORD: 'from-env', DB_HOST: 'db' });
        const log = run.stdout + run.stderr;
        assert.match(log, /connecting to db with a password of 6 characters/);
        assert.match(log, /pw=\[REDACTED\]/);
        assert.doesNotMatch(log, /s3cr3t|from-env/);
        trace('the fixed Go package: gofmt, vet, build and run ok');
      }
    }).catch((err: unknown) => {
      failed = true;
      throw err;
    });
  });

  void it('Java: Ctrl+. → Enter reads API_KEY through SecretLoader.get() and creates SecretLoader.java in the package', async (t) => {
    const folder = copyWorkspace(FIXTURE, path.join(server.runDir, 'java'));
    const dir = path.join(folder, 'java', 'src', 'main', 'java', 'com', 'example');
    const loader = path.join(dir, 'SecretLoader.java');
    await scenario(t, browser, server, folder, async (page) => {
      await quickOpen(page, 'java/src/main/java/com/example/App.java');
      const warnings = activeEditor(page).locator(WARNING_SQUIGGLE);
      await waitForCount(warnings, (n) => n === 1, 'one warning squiggle (API_KEY; AWS_REGION is no secret)', 60_000);
      const problems = await openProblems(page);
      await problems.filter({ hasText: 'Secret API_KEY is read from the environment' }).first().waitFor({ state: 'visible' });
      assert.equal(await activeEditor(page).locator(ERROR_SQUIGGLE).count(), 0, "printing the key's length is no leak");
      assert.equal(existsSync(loader), false, 'no loader before the fix');

      await applyPreferredFix(page, warnings.first(), JAVA_READ_FIX);
      await waitForCount(warnings, (n) => n === 0, 'the squiggle to go away after the fix');
      await activeEditor(page).locator('.view-line', { hasText: 'SecretLoader.get("API_KEY")' }).first().waitFor({ state: 'visible' });
      await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });

      const created = await fileOnDisk(page, loader, 'final class SecretLoader');
      assert.match(created, /^package com\.example;\n/);
      const disk = readFileSync(path.join(dir, 'App.java'), 'utf8');
      assert.match(disk, /String k = SecretLoader\.get\("API_KEY"\);/);
      assert.match(disk, /String region = System\.getenv\("AWS_REGION"\);/);

      // The fixed classes compile without warnings and read the key from the file ($SECRETS_DIR).
      const javaWork = path.join(server.runDir, 'java-build');
      if (hasTool(javaWork, 'javac', '-version')) {
        const secrets = path.join(javaWork, 'secrets');
        mkdirSync(secrets, { recursive: true });
        writeFileSync(path.join(secrets, 'API_KEY'), 's3cr3t\n');
        const classes = path.join(javaWork, 'classes');
        mustRunIn(javaWork, 'javac', ['-Xlint:all', '-Werror', '-d', classes, 'App.java', 'SecretLoader.java'], dir, {});
        const run = mustRunIn(javaWork, 'java', ['-cp', classes, 'com.example.App'], dir, {
          SECRETS_DIR: secrets,
          API_KEY: 'from-env',
          AWS_REGION: 'eu-west-1',
        });
        assert.equal(run.stdout.trim(), 'region eu-west-1, key of 6 characters');
        trace('the fixed Java classes: javac -Werror and run ok');
      }
    }).catch((err: unknown) => {
      failed = true;
      throw err;
    });
  });
});
