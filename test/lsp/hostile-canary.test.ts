// Secrets never leak from the server: with verbose tracing on, every notification and request the
// server sends (diagnostics with related information, logMessage, logTrace, showMessage…), its stderr,
// hovers at every position of every finding, and code action titles and created files hold no canary.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Message, type CodeAction, type Diagnostic, type Hover } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CANARY_DIR, canaryCount, canaryFiles, channelText } from '../support/canary';
import { fileUri, openDocument, startServer, type LspSession } from '../support/lsp-client';
import { tapServerOutput, type ServerTap } from '../support/lsp-tap';

/** Hovers per finding are capped so a finding spanning a huge range cannot stall the suite. */
const MAX_HOVERS_PER_FINDING = 400;

/** What a code action shows or creates: its title and any content it puts in another file. */
function visibleParts(action: CodeAction, documentUri: string): unknown[] {
  const parts: unknown[] = [action.title];
  const changes = action.edit?.documentChanges ?? [];
  for (const change of changes) {
    if ('textDocument' in change && change.textDocument.uri !== documentUri) parts.push(change.edits);
  }
  return parts;
}

describe('canary values through the language server', () => {
  let session: LspSession;
  let tap: ServerTap;
  const seen: unknown[] = [];
  let findings = 0;
  let hovers = 0;
  before(async () => {
    session = await startServer({ rootPath: CANARY_DIR });
    tap = tapServerOutput(session);
    await session.connection.sendNotification('$/setTrace', { value: 'verbose' });
  });
  after(async () => {
    tap.dispose();
    await session.close();
  });

  for (const file of canaryFiles()) {
    it(`${file.name}: diagnostics, hovers and code actions`, async () => {
      const uri = fileUri(file.path);
      const diagnostics = await openDocument(session, uri, file.text, file.languageId);
      const doc = TextDocument.create(uri, file.languageId, 1, file.text);
      const own = diagnostics.filter((d: Diagnostic) => d.data !== undefined);
      findings += own.length;
      for (const d of own) {
        const [start, end] = [doc.offsetAt(d.range.start), doc.offsetAt(d.range.end)];
        for (let offset = start; offset <= end && offset - start < MAX_HOVERS_PER_FINDING; offset++) {
          seen.push(await session.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: doc.positionAt(offset) }));
          hovers++;
        }
        const actions = await session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri },
          range: d.range,
          context: { diagnostics: [d] },
        });
        for (const a of actions) seen.push(...visibleParts(a, uri));
      }
      const fixAll = await session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: doc.positionAt(file.text.length) },
        context: { diagnostics: [], only: ['source.fixAll'] },
      });
      for (const a of fixAll) seen.push(...visibleParts(a, uri));
      assert.equal(session.child.exitCode, null);
    });
  }

  it('nothing the server said or logged holds a canary value', (t) => {
    // Everything the server sent on its own (notifications, requests); responses were gathered above.
    const sent = tap.messages.filter((m) => Message.isNotification(m) || Message.isRequest(m));
    const channels = [...sent, ...seen, ...session.logs, ...session.stderr].map(channelText).join('\n');
    t.diagnostic(`canary: ${sent.length} server messages, ${hovers} hovers, ${findings} findings checked`);
    assert.ok(findings > 0 && hovers > 0, 'the harness exercised findings and hovers');
    assert.equal(canaryCount(channels), 0, 'canary occurrences in server output');
  });
});
