// The publisher sends a document's diagnostics only when they differ from the last set sent: a repeated
// set would make VS Code re-request code actions and cancel the user's Ctrl+. (test/e2e/ui-fixes).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { DiagnosticsPublisher } from '../../server/src/lsp/diagnostics-publisher';

const URI_A = 'file:///a.py';
const URI_B = 'file:///b.py';

function diagnostic(message: string, line = 4): Diagnostic {
  return { range: { start: { line, character: 14 }, end: { line, character: 39 } }, message, source: 'secret-hints', code: 'secret-env-read' };
}

function recording(): { sent: PublishDiagnosticsParams[]; publisher: DiagnosticsPublisher } {
  const sent: PublishDiagnosticsParams[] = [];
  return {
    sent,
    publisher: new DiagnosticsPublisher({
      sendDiagnostics: (p: PublishDiagnosticsParams) => {
        sent.push(p);
        return Promise.resolve();
      },
    }),
  };
}

describe('diagnostics publisher', () => {
  it('sends a set identical to the last one for the document only once', async () => {
    const { sent, publisher } = recording();
    await publisher.publish({ uri: URI_A, version: 1, diagnostics: [diagnostic('m')] });
    await publisher.publish({ uri: URI_A, version: 1, diagnostics: [diagnostic('m')] });
    assert.equal(sent.length, 1);
  });

  it('sends again when the message, the range, the version or the document differ', async () => {
    const { sent, publisher } = recording();
    await publisher.publish({ uri: URI_A, version: 1, diagnostics: [diagnostic('m')] });
    await publisher.publish({ uri: URI_A, version: 1, diagnostics: [diagnostic('m (fed from Secret "db")')] });
    await publisher.publish({ uri: URI_A, version: 1, diagnostics: [diagnostic('m (fed from Secret "db")', 5)] });
    await publisher.publish({ uri: URI_A, version: 2, diagnostics: [diagnostic('m (fed from Secret "db")', 5)] });
    await publisher.publish({ uri: URI_B, version: 2, diagnostics: [diagnostic('m (fed from Secret "db")', 5)] });
    await publisher.publish({ uri: URI_A, version: 2, diagnostics: [] });
    assert.equal(sent.length, 6);
  });

  it('a provisional set (no version) and the complete set that follows are both sent', async () => {
    const { sent, publisher } = recording();
    await publisher.publish({ uri: URI_A, diagnostics: [diagnostic('m')] });
    await publisher.publish({ uri: URI_A, version: 1, diagnostics: [diagnostic('m')] });
    assert.deepEqual(
      sent.map((p) => p.version),
      [undefined, 1],
    );
  });

  it('after a close clears the document, the same set is sent again when it reopens', async () => {
    const { sent, publisher } = recording();
    await publisher.publish({ uri: URI_A, version: 1, diagnostics: [diagnostic('m')] });
    await publisher.clear(URI_A);
    await publisher.publish({ uri: URI_A, version: 1, diagnostics: [diagnostic('m')] });
    assert.deepEqual(
      sent.map((p) => p.diagnostics.length),
      [1, 0, 1],
    );
  });
});
