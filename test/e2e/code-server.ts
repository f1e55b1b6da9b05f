// Starts a throwaway code-server (VS Code 1.100 server + web workbench) for one test file: fresh user
// data and extensions folders, 127.0.0.1 on a free port, no auth, no telemetry, no gallery. Its own
// process group (detached = setsid), so stopping it also stops the extension host and our language
// server. Installs code-server on first use through scripts/install-code-server.sh.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';
export const VSIX = path.join(ROOT, 'secret-exposure-hints.vsix');
export const OUTPUT = path.join(ROOT, 'test-output', 'e2e');
export const EXTENSION_ID = 'secret-hints.secret-exposure-hints';

/** User settings for every profile: nothing that opens on its own, asks for trust, or phones home. */
export const USER_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.hover.delay': 100,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
};

export function codeServerDir(): string {
  return process.env.CODE_SERVER_DIR ?? path.join(ROOT, '.tools', `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server');
}

/** Runs the (idempotent) install script unless code-server is already there. */
export function ensureCodeServer(): string {
  const dir = codeServerDir();
  if (process.env.CODE_SERVER_DIR !== undefined || existsSync(path.join(dir, '..', '..', '.installed'))) return dir;
  const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'install-code-server.sh')], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CODE_SERVER_VERSION },
  });
  if (r.status !== 0) throw new Error(`scripts/install-code-server.sh failed (exit ${String(r.status)})`);
  return dir;
}

/** A fresh copy of a fixture workspace, so tests may edit and save files. */
export function copyWorkspace(fixture: string, into: string): string {
  const target = path.join(into, 'workspace');
  cpSync(fixture, target, { recursive: true });
  return target;
}

export interface StartOptions {
  /** A name for the run folder under test-output/e2e (logs, screenshots). */
  name: string;
  /** Install this VSIX into the fresh extensions folder before starting. */
  vsix?: string;
  /** Extra user settings on top of USER_SETTINGS. */
  userSettings?: Record<string, unknown>;
  /** Extra environment for the server and its extension host. */
  env?: Record<string, string>;
}

export class CodeServer {
  private exited: Promise<void>;
  private stopped = false;

  private constructor(
    readonly proc: ChildProcess,
    readonly port: number,
    /** Throwaway folder of this run: user data, extensions, logs, copied workspaces. */
    readonly runDir: string,
    readonly logFile: string,
    /** The CLI prefix: node, entry.js, --user-data-dir …, --extensions-dir …. */
    private readonly cli: string[],
  ) {
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The workbench URL for a folder, optionally with the `payload` the web workbench understands. */
  url(folder: string, payload?: [string, string][]): string {
    const params = new URLSearchParams({ folder });
    if (payload) params.set('payload', JSON.stringify(payload));
    return `${this.origin}/?${params.toString()}`;
  }

  /** A `vscode-remote://` URI for a path on this server (its authority must be the page's host). */
  remoteUri(absPath: string): string {
    return `vscode-remote://127.0.0.1:${this.port}${absPath}`;
  }

  static async start(options: StartOptions): Promise<CodeServer> {
    const cs = ensureCodeServer();
    mkdirSync(OUTPUT, { recursive: true });
    const runDir = mkdtempSync(path.join(OUTPUT, `${options.name}-`));
    const userData = path.join(runDir, 'user-data');
    const extensions = path.join(runDir, 'extensions');
    mkdirSync(path.join(userData, 'User'), { recursive: true });
    mkdirSync(extensions, { recursive: true });
    writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...options.userSettings }, null, 2));
    const env = {
      ...process.env,
      EXTENSIONS_GALLERY: '{}',
      VSCODE_PROXY_URI: '',
      ...options.env,
    };
    const entry = path.join(cs, 'out', 'node', 'entry.js');
    const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
    if (options.vsix) {
      const r = spawnSync(process.execPath, [entry, ...common, '--install-extension', options.vsix], { encoding: 'utf8', env });
      if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
        throw new Error(`installing ${options.vsix} failed (exit ${String(r.status)}):\n${r.stdout}\n${r.stderr}`);
      }
    }
    const logFile = path.join(runDir, 'code-server.log');
    const args = [
      entry,
      ...common,
      '--bind-addr',
      '127.0.0.1:0',
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--log',
      'info',
    ];
    // detached: the child calls setsid(), so it leads a process group we can stop as a whole.
    const proc = spawn(process.execPath, args, { cwd: runDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(logFile);
    proc.stdout.pipe(log);
    proc.stderr.pipe(log);
    const port = await new Promise<number>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => fail(new Error(`code-server did not report its port within 60 s:\n${seen}`)), 60_000);
      const onData = (chunk: Buffer) => {
        seen += chunk.toString();
        const m = /HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
        if (m) {
          clearTimeout(timer);
          proc.stdout.off('data', onData);
          proc.stderr.off('data', onData);
          resolve(Number(m[1]));
        }
      };
      const onExit = (code: number | null) => fail(new Error(`code-server exited (${String(code)}) before listening:\n${seen}`));
      function fail(err: Error) {
        clearTimeout(timer);
        proc.off('exit', onExit);
        reject(err);
      }
      proc.stdout.on('data', onData);
      proc.stderr.on('data', onData);
      proc.once('exit', onExit);
    }).catch((err: unknown) => {
      killGroup(proc, 'SIGKILL');
      throw err;
    });
    return new CodeServer(proc, port, runDir, logFile, [entry, ...common]);
  }

  /** `--list-extensions --show-versions` of this profile: `publisher.name@version` lines. */
  listExtensions(): string[] {
    const r = spawnSync(process.execPath, [...this.cli, '--list-extensions', '--show-versions'], { encoding: 'utf8' });
    return r.stdout.split('\n').filter((l) => l.includes('@'));
  }

  /** Stops the whole process group: SIGTERM, then SIGKILL if it lingers. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    killGroup(this.proc, 'SIGTERM');
    const timer = setTimeout(() => killGroup(this.proc, 'SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
    // The extension host and language server are in the same group; make sure none survives.
    killGroup(this.proc, 'SIGKILL');
  }

  /** Removes the run folder (call after a passing test; failures keep it for the logs). */
  cleanUp(): void {
    rmSync(this.runDir, { recursive: true, force: true });
  }
}

function killGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  if (proc.pid === undefined) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    // Already gone.
  }
}
