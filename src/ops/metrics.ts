import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Config } from '../config/config.js';
import type { FlowEvent, FlowEventSink } from '../flows/flow-events.js';
import type { UpstreamObservation } from '../http/upstream-client.js';

/** Upper bound on the time a /metrics scrape waits for the queue's depth or the connection counts. */
const DEPTH_TIMEOUT_MS = 1_000;

/**
 * The service's Prometheus metrics, in a registry of its own (not prom-client's global one), so two
 * instances in one test process never share counters. Names follow
 * https://prometheus.io/docs/practices/naming/ (base units, `_total` for counters).
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #flowsStarted = new Counter({
    name: 'hac_flows_started_total',
    help: "Flows started (GET /connect or a partner session's continue answered 302).",
    registers: [this.registry],
  });
  readonly #flowsFinished = new Counter({
    name: 'hac_flows_finished_total',
    help: 'Flows finished, by outcome (created, updated, failed) and error code (empty unless failed).',
    labelNames: ['outcome', 'error_code'] as const,
    registers: [this.registry],
  });
  readonly #upstream = new Histogram({
    name: 'hac_upstream_request_duration_seconds',
    help: 'Duration of calls to HubSpot and Adobe, by upstream and HTTP status (0: no answer).',
    labelNames: ['upstream', 'status'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly #imsFetches = new Counter({
    name: 'hac_ims_token_fetches_total',
    help: 'Adobe IMS token requests sent.',
    registers: [this.registry],
  });
  readonly #webhooks = new Counter({
    name: 'hac_webhook_deliveries_total',
    help: 'Webhook delivery attempts, by outcome (delivered, retried, failed).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly #healthChecks = new Counter({
    name: 'hac_health_checks_total',
    help: 'Connection health checks, by outcome (healthy, unhealthy, unknown: Adobe or HubSpot could not answer).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly #registryRetries = new Counter({
    name: 'hac_registry_write_retries_total',
    help: 'Connection registry writes retried in the background, by outcome (queued, written, failed: given up).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly #eventLogRetries = new Counter({
    name: 'hac_event_log_write_retries_total',
    help: 'Partner events the event log refused, logged (then sent) in the background, by outcome (queued, written, failed: given up).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly #upstreamOf: (url: string) => string;

  constructor(config: Config, queueDepth: () => Promise<number>, connectionCounts?: () => Promise<Record<string, number>>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'hac_' });
    this.#upstreamOf = upstreamNamer(config);
    new Gauge({
      name: 'hac_queue_depth',
      help: 'Jobs waiting, delayed or running.',
      registers: [this.registry],
      async collect() {
        this.set(await withTimeout(queueDepth(), DEPTH_TIMEOUT_MS, Number.NaN));
      },
    });
    if (connectionCounts) {
      new Gauge({
        name: 'hac_connections',
        help: 'Connections in the registry, by status (active, needs_reauth, error, deleted).',
        labelNames: ['status'] as const,
        registers: [this.registry],
        async collect() {
          // A database that does not answer in time leaves the series out rather than reporting zeros.
          this.reset();
          const counts = await withTimeout(connectionCounts(), DEPTH_TIMEOUT_MS, {});
          for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
        },
      });
    }
  }

  flowStarted(): void {
    this.#flowsStarted.inc();
  }

  /** The UpstreamClient's observer. */
  readonly observeUpstream = (o: UpstreamObservation): void => {
    const upstream = this.#upstreamOf(o.url);
    this.#upstream.observe({ upstream, status: String(o.status) }, o.durationMs / 1000);
    if (upstream === 'adobe-ims') this.#imsFetches.inc();
  };

  /** One call per connection check of the health watch or check-now. */
  healthCheck(outcome: 'healthy' | 'unhealthy' | 'unknown'): void {
    this.#healthChecks.inc({ outcome });
  }

  /** For the webhook sender: one call per delivery attempt. */
  webhookDelivery(outcome: 'delivered' | 'retried' | 'failed'): void {
    this.#webhooks.inc({ outcome });
  }

  /** For the registry's retry: a write queued after the database refused it, then written or given up. */
  registryWriteRetry(outcome: 'queued' | 'written' | 'failed'): void {
    this.#registryRetries.inc({ outcome });
  }

  /** For the event log's retry: an event queued after the database refused it, then logged and sent, or given up. */
  eventLogWriteRetry(outcome: 'queued' | 'written' | 'failed'): void {
    this.#eventLogRetries.inc({ outcome });
  }

  /** A FlowEventSink that counts outcomes, so the numbers do not depend on how completion is built. */
  readonly flowEvents: FlowEventSink = {
    emit: async (event: FlowEvent) => {
      if (!event.type.startsWith('connection.')) return;
      const outcome = event.type.replace('connection.', '');
      this.#flowsFinished.inc({ outcome, error_code: event.errorCode ?? '' });
    },
  };
}

/** Names an upstream by which configured base URL a request went to; never puts the URL itself in a label. */
function upstreamNamer(config: Config): (url: string) => string {
  const bases: [string, string][] = [
    [config.adobe.imsTokenUrl, 'adobe-ims'],
    [config.adobe.flowServiceBaseUrl, 'flow-service'],
    [config.adobe.schemaRegistryBaseUrl, 'schema-registry'],
    [config.adobe.catalogBaseUrl, 'catalog'],
    [config.adobe.dataPrepBaseUrl, 'data-prep'],
    [config.hubspot.apiBaseUrl, 'hubspot'],
  ];
  return (url) => bases.find(([base]) => url.startsWith(base))?.[1] ?? 'other';
}

export function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}
