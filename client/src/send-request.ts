// Sends a custom request of the server's protocol.ts, typed by the request's definition.
import type { CancellationToken, LanguageClient } from 'vscode-languageclient/node';
import type { Request } from '../../server/src/lsp/protocol';

export function sendRequest<P, R>(client: LanguageClient, request: Request<P, R>, params: P, token?: CancellationToken): Promise<R> {
  return client.sendRequest<R>(request.method, params, token);
}
