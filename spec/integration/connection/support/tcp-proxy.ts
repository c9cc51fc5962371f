// A loopback TCP proxy in front of the shared node, to play a node that comes up late, never comes up,
// or stops answering. It listens on a free port of 127.0.0.1 and is closed by the spec that made it.
import net from 'node:net';

/** `down`: reset every connection (port closed); `up`: forward; `silent`: keep sockets open, drop the node's answers. */
export type ProxyMode = 'down' | 'up' | 'silent';

export interface TcpProxy {
  readonly port: number;
  readonly endpoint: string;
  mode: ProxyMode;
  /** Connections accepted so far (attempts the client made). */
  readonly accepted: number;
  close(): Promise<void>;
}

/** Starts a proxy to `target` on a free loopback port, in `mode`. */
export async function startProxy(target: { host: string; port: number }, mode: ProxyMode): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const proxy = {
    port: 0,
    endpoint: '',
    mode,
    get accepted() {
      return accepted;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = net.createServer((client) => {
    accepted++;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (proxy.mode === 'down') {
      client.resetAndDestroy(); // a TCP reset, as from a host whose port is closed
      return;
    }
    const upstream = net.connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (proxy.mode === 'up') client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address() as net.AddressInfo;
  proxy.port = address.port;
  proxy.endpoint = `127.0.0.1:${address.port}`;
  return proxy;
}

/** The shared node as `{ host, port }`, from the first contact point. */
export function nodeTarget(contactPoint: string): { host: string; port: number } {
  const [host, port] = contactPoint.includes(':') ? contactPoint.split(':') : [contactPoint, '9042'];
  return { host: host ?? '127.0.0.1', port: Number(port ?? 9042) };
}
