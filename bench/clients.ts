// Clients that behave like people and partners' systems rather than like a flood: each of N clients sends a
// request, reads the whole answer, pauses for a random time (exponential, mean `thinkMs`), and starts again,
// on its own keep-alive connection. Latency is measured from sending to the last byte received.
import http from 'node:http';

export interface ClientRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ClientsResult {
  clients: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0
    ? NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number);
}

function send(agent: http.Agent, baseUrl: URL, request: ClientRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: baseUrl.hostname,
        port: baseUrl.port,
        method: request.method,
        path: request.path,
        headers: request.headers,
      },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/** Runs `clients` paced clients for `seconds` over the given requests (taken in rotation). */
export async function runClients(
  baseUrl: string,
  requests: ClientRequest[],
  options: { clients: number; seconds: number; thinkMs: number },
): Promise<ClientsResult> {
  const url = new URL(baseUrl);
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const stopAt = performance.now() + options.seconds * 1000;
  const client = async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    // Start at a random moment of the first pause, so that clients do not all fire together.
    await new Promise((r) => setTimeout(r, Math.random() * options.thinkMs));
    while (performance.now() < stopAt) {
      const request = requests[next++ % requests.length] as ClientRequest;
      const started = performance.now();
      try {
        const status = await send(agent, url, request);
        if (status < 200 || status >= 300) errors++;
        else latencies.push(performance.now() - started);
      } catch {
        errors++;
      }
      await new Promise((r) => setTimeout(r, -Math.log(1 - Math.random()) * options.thinkMs));
    }
    agent.destroy();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.clients }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    clients: options.clients,
    seconds: round(seconds),
    requests: latencies.length + errors,
    requestsPerSecond: Math.round((latencies.length + errors) / seconds),
    p50: round(percentile(latencies, 50)),
    p90: round(percentile(latencies, 90)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies.at(-1) ?? NaN),
    errors,
  };
}
