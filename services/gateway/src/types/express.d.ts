// @types/express is not installed in the workspace (and the gateway may not add dependencies), so
// the small part of Express 5 the gateway touches is declared here.
declare module 'express' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface Request extends IncomingMessage {
    method: string;
    path: string;
    originalUrl: string;
    route?: { path?: string };
    header(name: string): string | undefined;
    accepts(type: string): string | false;
    /** The client's address, through the proxies "trust proxy" names. */
    ip: string | undefined;
  }

  export interface Response extends ServerResponse {
    status(code: number): this;
    type(type: string): this;
    json(body: unknown): this;
    send(body?: unknown): this;
    sendFile(path: string): void;
  }

  export type NextFunction = (error?: unknown) => void;
}
