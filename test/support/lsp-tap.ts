// Extra instruments for LSP tests that the basic client does not need: a tap that records every
// message the server writes (notifications and responses, as parsed JSON), and the server's peak RSS.
import { readFileSync } from 'node:fs';
import { Message, StreamMessageReader } from 'vscode-languageserver-protocol/node';
import type { LspSession } from './lsp-client';

export interface ServerTap {
  /** Every message the server sent since the tap was attached, in order. */
  messages: Message[];
  dispose(): void;
}

/** Reads the server's stdout a second time, alongside the session's own reader. */
export function tapServerOutput(session: LspSession): ServerTap {
  const reader = new StreamMessageReader(session.child.stdout);
  const messages: Message[] = [];
  const listening = reader.listen((m) => messages.push(m));
  return {
    messages,
    dispose: () => {
      listening.dispose();
      reader.dispose();
    },
  };
}

/** The params of every notification with this method that the tap saw. */
export function notificationParams<T>(tap: ServerTap, method: string): T[] {
  return tap.messages.filter((m) => Message.isNotification(m) && m.method === method).map((m) => (m as { params?: unknown }).params as T);
}

/** Peak resident set size (VmHWM) of a process in MiB, from /proc; undefined where /proc is missing. */
export function peakRssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}
