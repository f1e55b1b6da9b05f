// Registers a handler for a custom request of protocol.ts, typed by the request's definition.
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import type { Request } from './protocol';

export function handleRequest<P, R>(connection: Connection, request: Request<P, R>, handler: (params: P, token: CancellationToken) => Promise<R>): void {
  connection.onRequest(request.method, (params: P, token: CancellationToken): Promise<R> => handler(params, token));
}
