/** Per app: a Deployment, its Service, a HorizontalPodAutoscaler and a PodDisruptionBudget. */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Service } from 'kubernetes-models/v1/Service';
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import { apiCommands, webNextCacheDir } from '../stack/app-commands';
import type { DeployApi, DeployRegistry } from '../stack/registry';
import { preStopSleepSeconds, terminationGracePeriodSeconds } from './drain';
import type { ClusterEnvironment } from './environments';
import { labelsOf, nameLabel, selectorOf, type Component } from './labels';
import { podSpec } from './pod';

/**
 * Requests are what the scheduler reserves and what the HPA's utilisation is measured against;
 * memory limits stop a leak from taking the node; no CPU limit, which would only throttle.
 */
const resources: Record<'web' | 'api', IResourceRequirements> = {
  web: { requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '512Mi' } },
  api: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
};
/** Scale out before the pods are saturated. */
const targetCpuUtilization = 70;

interface AppShape {
  readonly name: string;
  readonly port: number;
  readonly component: Extract<Component, 'web' | 'api'>;
  readonly command?: readonly string[];
  readonly writable: readonly { name: string; path: string }[];
}

function probe(path: string, periodSeconds: number, failureThreshold: number) {
  return { httpGet: { path, port: 'http' }, periodSeconds, failureThreshold, timeoutSeconds: 3 };
}

function deployment(app: AppShape, registry: DeployRegistry): Deployment {
  return new Deployment({
    metadata: { name: app.name, labels: labelsOf(app.name, app.component) },
    spec: {
      // No `replicas`: the HPA owns the count (at least its minimum). A fixed number here would
      // reset a scaled-out Deployment on every apply.
      selector: selectorOf(app.name),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: labelsOf(app.name, app.component) },
        spec: {
          ...podSpec({
            app: app.name,
            command: app.command,
            writable: app.writable,
            container: {
              ports: [
                { name: 'http', containerPort: app.port },
                { name: 'metrics', containerPort: registry.metricsPort },
              ],
              env: [
                { name: 'PORT', value: String(app.port) },
                { name: 'METRICS_PORT', value: String(registry.metricsPort) },
              ],
              resources: resources[app.component],
              // Slow first start (web waits for the issuer): liveness only counts after this.
              startupProbe: probe('/healthz', 5, 30),
              livenessProbe: probe('/healthz', 10, 3),
              readinessProbe: probe('/readyz', 5, 2),
              lifecycle: { preStop: { exec: { command: ['sleep', String(preStopSleepSeconds)] } } },
            },
          }),
          terminationGracePeriodSeconds,
          // Replicas on different nodes when there are several.
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: selectorOf(app.name),
            },
          ],
        },
      },
    },
  });
}

function service(app: AppShape): Service {
  return new Service({
    metadata: { name: app.name, labels: labelsOf(app.name, app.component) },
    spec: {
      selector: { [nameLabel]: app.name },
      ports: [{ name: 'http', port: app.port, targetPort: 'http' }],
    },
  });
}

function autoscaler(app: AppShape, env: ClusterEnvironment): HorizontalPodAutoscaler {
  return new HorizontalPodAutoscaler({
    metadata: { name: app.name, labels: labelsOf(app.name, app.component) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app.name },
      minReplicas: env.replicas.min,
      maxReplicas: env.replicas.max,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: targetCpuUtilization },
          },
        },
      ],
    },
  });
}

function disruptionBudget(app: AppShape): PodDisruptionBudget {
  return new PodDisruptionBudget({
    metadata: { name: app.name, labels: labelsOf(app.name, app.component) },
    // A node drain takes one replica at a time; the others keep serving.
    spec: { maxUnavailable: 1, selector: selectorOf(app.name) },
  });
}

const tmp = { name: 'tmp', path: '/tmp' };

export function appShapes(registry: DeployRegistry, apis: readonly DeployApi[]): AppShape[] {
  return [
    {
      name: registry.web.serviceName,
      port: registry.web.port,
      component: 'web',
      // Next.js writes its image and fetch caches there.
      writable: [tmp, { name: 'next-cache', path: webNextCacheDir(registry) }],
    },
    ...apis.map((api): AppShape => ({
      name: api.name,
      port: api.port,
      component: 'api',
      // The server only: the migration ran as a Job before this rollout.
      command: apiCommands(api).server,
      writable: [tmp],
    })),
  ];
}

export function workloads(app: AppShape, registry: DeployRegistry, env: ClusterEnvironment) {
  return [deployment(app, registry), service(app), autoscaler(app, env), disruptionBudget(app)];
}
