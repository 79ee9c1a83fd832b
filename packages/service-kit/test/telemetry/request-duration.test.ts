import { Histogram, Registry } from 'prom-client';
import { expect, it } from 'vitest';
import { RequestDurationHistogram } from '../../src/telemetry/request-duration';

const name = 'http_server_request_duration_seconds';
const help = 'Time to answer a request, by method, route template and status.';
const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 1];

// Values on a bound, between bounds, above the last one, and several series.
const observations: Array<[string, string, number, number]> = [
  ['GET', '/orders', 200, 0.001],
  ['GET', '/orders', 200, 0.005],
  ['GET', '/orders', 200, 0.0051],
  ['GET', '/orders', 200, 3],
  ['GET', '/orders/:id', 404, 0.02],
  ['POST', '/orders', 201, 0.07],
  ['GET', 'unmatched', 401, 0.0002],
  ['GET', '/orders', 500, 1],
];

function both() {
  const oursRegistry = new Registry();
  const ours = new RequestDurationHistogram({ name, help, buckets }).registerIn(oursRegistry);
  const promRegistry = new Registry();
  const prom = new Histogram({
    name,
    help,
    labelNames: ['method', 'route', 'status_code'],
    buckets,
    registers: [promRegistry],
  });
  return { ours, oursRegistry, prom, promRegistry };
}

it("writes the same /metrics text as prom-client's Histogram for the same observations", async () => {
  const { ours, oursRegistry, prom, promRegistry } = both();
  for (const [method, route, status, seconds] of observations) {
    ours.observe(method, route, status, seconds);
    prom.observe({ method, route, status_code: String(status) }, seconds);
  }
  const text = await oursRegistry.metrics();
  expect(text).toBe(await promRegistry.metrics());
  expect(text).toContain(
    `${name}_bucket{le="0.01",method="GET",route="/orders",status_code="200"} 3`,
  );
  expect(text).toContain(`${name}_count{method="GET",route="/orders",status_code="200"} 4`);
});

it('answers the JSON form like prom-client, and reset forgets every series', async () => {
  const { ours, oursRegistry, prom, promRegistry } = both();
  ours.observe('GET', '/orders', 200, 0.02);
  prom.observe({ method: 'GET', route: '/orders', status_code: '200' }, 0.02);
  // prom-client adds `exemplar: null` to each value (exemplars are off): the rest is the same.
  const withoutExemplars = (metrics: Awaited<ReturnType<Registry['getMetricsAsJSON']>>) =>
    metrics.map((m) => ({
      ...m,
      values: m.values.map(({ labels, value, ...rest }) => ({
        metricName: (rest as { metricName?: string }).metricName,
        labels,
        value,
      })),
    }));
  expect(withoutExemplars(await oursRegistry.getMetricsAsJSON())).toEqual(
    withoutExemplars(await promRegistry.getMetricsAsJSON()),
  );

  oursRegistry.resetMetrics();
  ours.observe('GET', '/healthz', 200, Number.NaN);
  expect(await oursRegistry.metrics()).not.toMatch(/_count\{/);
});
