/**
 * An API's migration as a Job, one per release: its name carries the image digest, because a
 * Job's pod template cannot change once created. Re-applying the same release finds the Job done
 * and changes nothing; a new image gets a new Job, which the deploy waits for before it rolls the
 * Deployments out.
 */
import { Job } from 'kubernetes-models/batch/v1/Job';
import { apiCommands } from '../stack/app-commands';
import type { DeployApi } from '../stack/registry';
import { labelsOf } from './labels';
import { podSpec } from './pod';

export const migrationName = (api: string) => `${api}-migrate`;

const digestPattern = /^sha256:([a-f0-9]{64})$/;

/** `orders-api-migrate-0123456789ab`: the first 12 hex digits, as `docker images` shows them. */
export function migrationJobName(api: string, digest: string): string {
  const hex = digestPattern.exec(digest)?.[1];
  if (!hex) throw new Error(`${api}: "${digest}" is not an image digest (sha256:<64 hex>)`);
  const name = `${migrationName(api)}-${hex.slice(0, 12)}`;
  // The Job controller copies the name into a label value: 63 characters at most.
  if (name.length > 63) throw new Error(`${name}: longer than 63 characters`);
  return name;
}

export function migrationJob(api: DeployApi, image: string, digest: string): Job {
  const name = migrationJobName(api.name, digest);
  const labels = labelsOf(migrationName(api.name), 'migration');
  return new Job({
    metadata: { name, labels },
    spec: {
      backoffLimit: 2,
      // A migration that hangs fails the deploy instead of holding it forever.
      activeDeadlineSeconds: 600,
      // Kept a week for its logs; re-applying a release after that runs the (idempotent) migration again.
      ttlSecondsAfterFinished: 7 * 24 * 3600,
      template: {
        metadata: { labels },
        spec: podSpec({
          app: api.name,
          command: apiCommands(api).migrate,
          writable: [{ name: 'tmp', path: '/tmp' }],
          restartPolicy: 'Never',
          container: {
            image: `${image}@${digest}`,
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          },
        }),
      },
    },
  });
}
