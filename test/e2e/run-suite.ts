// Runs the editor suite (test/vscode/suite, built into dist-test/) inside code-server's extension host.
// The code-server CLI rejects --extensionTestsPath, but the web workbench reads a `payload` URL parameter
// with extensionDevelopmentPath/extensionTestsPath; when the suite's run() settles it calls
// window.codeAutomationExit(code), and the extension host's output arrives through
// window.codeAutomationLog. Both are exposed here with Playwright and become this process's output and
// exit code.
//
//   node --import tsx test/e2e/run-suite.ts       (npm run test:e2e builds and packages first)
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser, newPage, screenshot } from './browser';
import { CodeServer, copyWorkspace, ROOT } from './code-server';

const SUITE = path.join(ROOT, 'dist-test', 'vscode', 'suite', 'index.js');
const FIXTURE = path.join(ROOT, 'test', 'vscode', 'workspace');
const NATIVE_NOISE = /@vscode\/spdlog\/.*spdlog\.node|native-watchdog|build\/Release\/watchdog/;
let suppressed = 0;
const TIMEOUT_MS = Number(process.env.SECRET_HINTS_SUITE_TIMEOUT_MS ?? 300_000);

async function main(): Promise<number> {
  for (const required of [SUITE, path.join(ROOT, 'dist', 'extension.js')]) {
    if (!existsSync(required)) throw new Error(`${path.relative(ROOT, required)} is missing: run npm run build && node scripts/build-tests.mjs`);
  }
  const server = await CodeServer.start({ name: 'suite' });
  const browser = await launchBrowser();
  let code = 1;
  try {
    const workspace = copyWorkspace(FIXTURE, server.runDir);
    const page = await newPage(browser);
    let settle: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationLog', (level: unknown, args: unknown) => {
      // The extension host's console calls, printf-style (mocha's spec reporter uses %s and %d).
      const text = format(...(Array.isArray(args) ? (args as unknown[]) : [args]));
      // The install skips building two optional native addons (file logging, a parent watchdog);
      // the server logs a stack for each use of them. Count them instead of printing them.
      if (NATIVE_NOISE.test(text)) {
        suppressed++;
        return;
      }
      (level === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (exitCode: unknown) => {
      settle(typeof exitCode === 'number' ? exitCode : 1);
    });
    page.on('pageerror', (err) => process.stderr.write(`[page error] ${err.message}\n`));
    const url = server.url(workspace, [
      ['extensionDevelopmentPath', server.remoteUri(ROOT)],
      ['extensionTestsPath', server.remoteUri(SUITE)],
    ]);
    await page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        process.stderr.write(`The suite did not finish within ${TIMEOUT_MS} ms.\n`);
        resolve(1);
      }, TIMEOUT_MS);
    });
    code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (suppressed > 0) process.stdout.write(`(${suppressed} log messages about the unbuilt spdlog/native-watchdog addons suppressed)\n`);
    if (code !== 0) {
      const shot = await screenshot(page, 'suite-failure');
      process.stderr.write(`Screenshot: ${shot ?? '(none)'}; code-server log: ${server.logFile}\n`);
    }
  } finally {
    await browser.close();
    await server.stop();
    if (code === 0) server.cleanUp();
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
