import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Service } from '../api';
import { CONTENT_SECURITY_POLICY } from '../app/content-security-policy';
import { serveApiSocket } from './api-socket';
import { createToken, requestToken, sourceAllowed, tokenCookieName, tokenMatches } from './auth';
import { BadTokenLimiter } from './bad-token-limiter';
import { contentTypeOf, resolveStaticPath } from '../app/renderer-files';

export interface ServerOptions {
  service: Service;
  /** The built renderer (index.html and its assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Blocks the server after repeated wrong tokens (a default one if not given). */
  badTokenLimiter?: BadTokenLimiter;
}

export interface RunningServer {
  /** The URL to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const API_PATH = '/api';
/** A larger WebSocket message closes the connection (1009); calls are small JSON objects. */
export const MAX_MESSAGE_BYTES = 1 << 20;

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Browser mode: the built renderer and the API's WebSocket on 127.0.0.1 only. Every request
 * needs this run's token and a loopback Host/Origin naming this port, and must not come from
 * another site's page; repeated wrong tokens block the server for a while.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = createToken();
  const limiter = options.badTokenLimiter ?? new BadTokenLimiter();
  let port = options.port;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  sockets.on('connection', (socket) => {
    // ws closes a connection that breaks the protocol or the size limit itself (1009 for an
    // oversize message); its error event must not bring the server down.
    socket.on('error', () => undefined);
    serveApiSocket(socket, options.service);
  });

  const server = createServer((req, res) => {
    const refusal = refuse(req, port, token, limiter);
    if (refusal !== null) {
      reply(res, refusal.status, refusal.message, refusal.headers);
      return;
    }
    serveFile(req, res, options.rendererDir, port, token);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refusal =
      url.pathname === API_PATH ? refuse(req, port, token, limiter) : { status: 404, message: 'Not found' };
    if (refusal !== null) {
      const headers = Object.entries(refusal.headers ?? {}).map(([name, value]) => `${name}: ${value}\r\n`);
      socket.end(
        `HTTP/1.1 ${refusal.status} ${refusal.message}\r\n${headers.join('')}Connection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

interface Refusal {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

function refuse(req: IncomingMessage, port: number, token: string, limiter: BadTokenLimiter): Refusal | null {
  if (!sourceAllowed(req.headers, port)) return { status: 403, message: 'Forbidden' };
  const retryAfter = limiter.retryAfterSeconds();
  if (retryAfter > 0) {
    return { status: 429, message: 'Too Many Requests', headers: { 'Retry-After': String(retryAfter) } };
  }
  const candidate = requestToken(req, new URL(req.url ?? '/', 'http://127.0.0.1'), port);
  if (tokenMatches(candidate, token)) return null;
  // Only a token that was tried counts: a request without one guesses nothing.
  if (candidate !== null) limiter.recordFailure();
  return { status: 401, message: 'Unauthorized' };
}

function serveFile(req: IncomingMessage, res: ServerResponse, rendererDir: string, port: number, token: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    reply(res, 405, 'Method not allowed');
    return;
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = resolveStaticPath(rendererDir, url.pathname);
  if (path === null) {
    reply(res, 404, 'Not found');
    return;
  }
  const isPage = path.endsWith('.html');
  if (isPage && url.searchParams.has('token')) {
    // The page's own asset and WebSocket requests carry no query, so the token moves to a cookie.
    res.setHeader('Set-Cookie', `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`);
  }
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': contentTypeOf(path),
    'Cache-Control': isPage ? 'no-store' : 'private, max-age=3600',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(path).pipe(res);
}

function reply(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...securityHeaders, ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(
    status === 401 ? `${message}: open the URL that 'salience serve' printed (it carries the token)\n` : `${message}\n`,
  );
}
