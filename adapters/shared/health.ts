/**
 * `GET /healthz` and `GET /metrics` for whoever runs the bot: a load balancer, an orchestrator,
 * Prometheus. Served by the Slack HTTP receiver when it runs, else by a small listener of its own
 * (HEALTH_PORT).
 */
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.js';

/** One part the bot needs to answer: the index, each chat adapter. `problem` says what is wrong, or undefined when ready. */
export interface HealthCheck {
  name: string;
  problem(): string | undefined;
}

export interface Health {
  ok: boolean;
  /** What is not ready, by part. */
  problems: Record<string, string>;
}

function checkHealth(checks: readonly HealthCheck[]): Health {
  const problems: Record<string, string> = {};
  for (const check of checks) {
    const problem = check.problem();
    if (problem !== undefined) problems[check.name] = problem;
  }
  return { ok: Object.keys(problems).length === 0, problems };
}

export type HealthRoutes = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>;

/**
 * Answers `/healthz` (200 or 503 with the problems as JSON) and `/metrics` (once `metrics()` has
 * them: they need the index); returns false for any other request.
 */
export function healthRoutes(checks: readonly HealthCheck[], metrics: () => Metrics | undefined = () => undefined): HealthRoutes {
  return async (req, res) => {
    const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
    if (route === 'GET /healthz') {
      const health = checkHealth(checks);
      res.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(health));
      return true;
    }
    const registry = metrics()?.registry;
    if (route === 'GET /metrics' && registry) {
      res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
      return true;
    }
    return false;
  };
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/** A listener of its own for the health routes (404 for anything else). */
export async function startHealthServer(port: number, host: string | undefined, routes: HealthRoutes): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    routes(req, res).then(
      (served) => served || res.writeHead(404).end(),
      () => res.writeHead(500).end(),
    );
  });
  server.listen(port, host);
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
