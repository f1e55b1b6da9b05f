// vscode-languageclient only traces when its trace channel's *log level* is Trace, and then reads
// `<id>.trace.server` just for the verbosity, so setting `secretHints.trace.server` alone would show
// nothing. This channel reports a log level that follows the setting (Trace unless "off") and writes
// the trace into its own output channel, "Secret Hints (Trace)", as users of LSP extensions expect.
import { EventEmitter, LogLevel, window, workspace, type Disposable, type LogOutputChannel, type OutputChannel, type ViewColumn } from 'vscode';

const SETTING = 'secretHints.trace.server';

export class TraceChannel implements LogOutputChannel {
  readonly name = 'Secret Hints (Trace)';
  private readonly output: OutputChannel = window.createOutputChannel(this.name);
  private readonly levelChanged = new EventEmitter<LogLevel>();
  readonly onDidChangeLogLevel = this.levelChanged.event;
  private readonly watcher: Disposable;
  private level = TraceChannel.levelFromSettings();

  constructor() {
    this.watcher = workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SETTING)) return;
      this.level = TraceChannel.levelFromSettings();
      this.levelChanged.fire(this.level);
    });
  }

  private static levelFromSettings(): LogLevel {
    return workspace.getConfiguration().get<string>(SETTING, 'off') === 'off' ? LogLevel.Off : LogLevel.Trace;
  }

  get logLevel(): LogLevel {
    return this.level;
  }

  trace(message: string): void {
    this.appendLine(`[${new Date().toISOString()}] ${message}`);
  }
  debug(message: string): void {
    this.trace(message);
  }
  info(message: string): void {
    this.trace(message);
  }
  warn(message: string): void {
    this.trace(message);
  }
  error(error: string | Error): void {
    this.trace(typeof error === 'string' ? error : error.message);
  }
  append(value: string): void {
    this.output.append(value);
  }
  appendLine(value: string): void {
    this.output.appendLine(value);
  }
  replace(value: string): void {
    this.output.replace(value);
  }
  clear(): void {
    this.output.clear();
  }
  show(columnOrPreserveFocus?: ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean') this.output.show(columnOrPreserveFocus);
    else this.output.show(columnOrPreserveFocus, preserveFocus);
  }
  hide(): void {
    this.output.hide();
  }
  dispose(): void {
    this.watcher.dispose();
    this.levelChanged.dispose();
    this.output.dispose();
  }
}
