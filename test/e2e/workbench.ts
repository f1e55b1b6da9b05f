// Using the VS Code web workbench as a person does: Quick Open, the keyboard, the mouse, and what is
// on screen (squiggles, the Problems panel, hovers, the quick-fix menu). Every wait polls the page.
import type { TestContext } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { newPage, screenshot } from './browser';
import type { CodeServer } from './code-server';

export const WARNING_SQUIGGLE = '.squiggly-warning';
export const ERROR_SQUIGGLE = '.squiggly-error';

/** Loads the workbench on `folder` and waits until it is ready for input. */
export async function loadWorkbench(page: Page, server: CodeServer, folder: string): Promise<void> {
  trace('goto');
  await page.goto(server.url(folder));
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  // The explorer lists the folder once the remote file system answered.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
  trace('workbench ready');
}

const started = Date.now();
/** With E2E_TRACE=1, prints each step with the time since the process started (for tuning). */
export function trace(step: string): void {
  if (process.env.E2E_TRACE === '1') process.stderr.write(`[e2e +${((Date.now() - started) / 1000).toFixed(1)}s] ${step}\n`);
}

/** Ctrl+P, type the path, Enter; resolves when its editor tab is active and the text is rendered. */
export async function quickOpen(page: Page, relativePath: string): Promise<Locator> {
  trace(`quick open ${relativePath}`);
  const name = relativePath.split('/').pop() ?? relativePath;
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('Control+P');
  await input.waitFor({ state: 'visible' });
  await input.fill(relativePath);
  // Wait for the matching entry before Enter, or Enter opens nothing.
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
  await page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).waitFor({ state: 'visible' });
  const editor = activeEditor(page);
  await editor.locator('.view-lines .view-line').first().waitFor({ state: 'visible' });
  return editor;
}

/** The text editor of the active editor group. */
export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/**
 * Polls `check` every 100 ms until it gives a value. The bound is a generous wait for a condition (a
 * slow machine only waits longer), never a measure of speed: past it the test fails with `why()`.
 */
export async function pollUntil<T>(page: Page, check: () => Promise<T | undefined> | T | undefined, why: () => string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${why()}`);
    await page.waitForTimeout(100);
  }
}

/** Polls until `count()` of the locator satisfies `ok`. */
export async function waitForCount(locator: Locator, ok: (n: number) => boolean, what: string, timeoutMs = 30_000): Promise<number> {
  let n = 0;
  const found = await pollUntil(
    locator.page(),
    async () => {
      n = await locator.count();
      return ok(n) ? n : undefined;
    },
    () => `${what} (count ${n})`,
    timeoutMs,
  );
  trace(`${what}: ${found}`);
  return found;
}

/** Moves the mouse onto the squiggle, as a person hovering it, and returns the hover widget. */
export async function hoverSquiggle(page: Page, squiggle: Locator): Promise<Locator> {
  const box = await squiggle.boundingBox();
  if (!box) throw new Error('the squiggle has no bounding box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Secret Hints' });
  await hover.first().waitFor({ state: 'visible' });
  return hover.first();
}

/** Puts the cursor on the squiggle with a click (as a person would before Ctrl+.). */
export async function clickSquiggle(page: Page, squiggle: Locator): Promise<void> {
  const box = await squiggle.boundingBox();
  if (!box) throw new Error('the squiggle has no bounding box');
  await page.mouse.click(box.x + Math.min(4, box.width / 2), box.y + box.height / 2);
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns its rows. */
export async function openProblems(page: Page): Promise<Locator> {
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible' });
  return panel.locator('.monaco-list-row');
}

/** Replaces the whole text of the active editor by pasting (Ctrl+A, Ctrl+V) and saves with Ctrl+S. */
export async function replaceTextAndSave(page: Page, text: string): Promise<void> {
  // Typing would auto-close brackets and auto-indent; a paste inserts the text as it is.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.evaluate(async (t) => {
    // Runs in the page (the repo's tsconfig has no DOM lib).
    const nav = (globalThis as unknown as { navigator: { clipboard: { writeText(x: string): Promise<void> } } }).navigator;
    await nav.clipboard.writeText(t);
  }, text);
  await activeEditor(page).locator('.view-lines').click();
  // Ctrl+A selects all only once the editor has the focus; otherwise the paste lands beside the old text.
  await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor({ state: 'visible' });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  // Wait for the paste to land before saving. A paste is one edit, so once the tab turns dirty the
  // whole text is in the model (the text must differ from the file's). Waiting for a rendered line is
  // not enough: a first line such as "{" is on screen before the paste.
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'visible' });
  await page.keyboard.press('Control+S');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
}

/**
 * Runs a scenario with a page; on failure keeps a screenshot under test-output/e2e/screenshots and
 * names it in the error. The page is closed either way.
 */
export async function scenario(t: TestContext, browser: Browser, server: CodeServer, folder: string, body: (page: Page) => Promise<void>): Promise<void> {
  const page = await newPage(browser);
  try {
    await loadWorkbench(page, server, folder);
    await body(page);
  } catch (err) {
    const shot = await screenshot(page, t.name);
    if (err instanceof Error) err.message += `\n(screenshot: ${shot ?? 'none'}; code-server log: ${server.logFile})`;
    throw err;
  } finally {
    await page.context().close();
  }
}

/**
 * With SECRET_HINTS_SCREENSHOTS=<dir>, keeps a picture of this moment (the README's pictures of the
 * hover and the quick-fix menu come from here); without it, does nothing.
 */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SECRET_HINTS_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}
