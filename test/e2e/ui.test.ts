// UI scenarios in a real VS Code (code-server 4.100.3 = VS Code 1.100.3, web workbench in headless
// Chromium), with the packaged VSIX installed into a fresh profile, driven by keyboard and mouse.
// One code-server per test file; one fresh copy of the fixture workspace per scenario.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { CodeServer, copyWorkspace, EXTENSION_ID, ROOT, VSIX } from './code-server';
import {
  activeEditor,
  hoverSquiggle,
  keepScreenshot,
  openProblems,
  quickOpen,
  replaceTextAndSave,
  scenario,
  trace,
  waitForCount,
  WARNING_SQUIGGLE,
} from './workbench';

const FIXTURE = path.join(ROOT, 'test', 'vscode', 'workspace');

void describe('UI: the packaged extension in code-server', () => {
  let server: CodeServer;
  let browser: Browser;
  let failed = false;

  before(async () => {
    trace('starting code-server');
    server = await CodeServer.start({ name: 'ui', vsix: VSIX });
    browser = await launchBrowser();
    trace('code-server and browser up');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (!failed) server?.cleanUp();
  });

  void it('installs the VSIX; a manifest shows squiggles, Problems entries and the hover explanation', async (t) => {
    const installed = server.listExtensions();
    assert.ok(
      installed.some((e) => e.startsWith(`${EXTENSION_ID}@`)),
      `installed: ${installed.join(', ')}`,
    );
    const folder = copyWorkspace(FIXTURE, path.join(server.runDir, 'manifest'));
    await scenario(t, browser, server, folder, async (page) => {
      await quickOpen(page, 'k8s/deployment.yaml');
      // Our server runs once the extension activated on the YAML file: two warnings appear.
      const squiggles = activeEditor(page).locator(WARNING_SQUIGGLE);
      await waitForCount(squiggles, (n) => n === 2, 'two warning squiggles', 60_000);
      // Each squiggle sits under the secretKeyRef key.
      const lineOfFirst = activeEditor(page).locator('.view-line', { hasText: 'secretKeyRef:' }).first();
      const [sq, line] = [await squiggles.first().boundingBox(), await lineOfFirst.boundingBox()];
      assert.ok(sq && line && Math.abs(sq.y + sq.height / 2 - (line.y + line.height / 2)) < line.height, 'squiggle on a secretKeyRef line');

      const rows = await openProblems(page);
      const ours = rows.filter({ hasText: 'k8s-secret-env-ref' });
      await waitForCount(ours, (n) => n === 2, 'two Problems entries with our code');
      const problems = (await ours.allInnerTexts()).join('\n');
      assert.match(problems, /secret-hints/);
      assert.match(problems, /DB_PASSWORD/);
      assert.match(problems, /STRIPE_API_KEY/);

      const hover = await hoverSquiggle(page, squiggles.first());
      const text = await hover.innerText();
      assert.match(text, /k8s-secret-env-ref/);
      assert.match(text, /Environment variables leak/);
      assert.match(text, /DB_PASSWORD/);
      await keepScreenshot(page, 'hover');
    }).catch((err: unknown) => {
      failed = true;
      throw err;
    });
  });

  void it('turning the rule off in .vscode/settings.json removes its squiggles live', async (t) => {
    const folder = copyWorkspace(FIXTURE, path.join(server.runDir, 'settings'));
    const settingsFile = path.join(folder, '.vscode', 'settings.json');
    await scenario(t, browser, server, folder, async (page) => {
      await quickOpen(page, 'k8s/settings-toggle.yaml');
      const squiggles = () => activeEditor(page).locator(WARNING_SQUIGGLE);
      await waitForCount(squiggles(), (n) => n === 2, 'two warning squiggles', 60_000);

      await quickOpen(page, '.vscode/settings.json');
      const settings = { 'secretHints.rules': { 'k8s-secret-env-ref': 'off' }, 'editor.codeActionsOnSave': { 'source.fixAll.secretHints': 'explicit' } };
      await replaceTextAndSave(page, JSON.stringify(settings, null, 2));
      assert.deepEqual(JSON.parse(readFileSync(settingsFile, 'utf8')), settings);

      await quickOpen(page, 'k8s/settings-toggle.yaml');
      await waitForCount(squiggles(), (n) => n === 0, 'the squiggles to go away');
      const rows = await openProblems(page);
      await waitForCount(rows.filter({ hasText: 'k8s-secret-env-ref' }), (n) => n === 0, 'no Problems entries of ours');
    }).catch((err: unknown) => {
      failed = true;
      throw err;
    });
  });
});
