/** The pod spec web, the APIs and the migration Jobs share: non-root, read-only, nothing extra. */
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { imageUserId } from '../stack/app-commands';
import { configMapName, secretName } from './labels';

export interface PodInput {
  /** The app whose image, ConfigMap and Secret the pod uses. */
  readonly app: string;
  readonly command?: readonly string[];
  /** emptyDir mounts: the only places the process may write. */
  readonly writable: readonly { readonly name: string; readonly path: string }[];
  readonly container: Partial<IContainer>;
  readonly restartPolicy?: 'Always' | 'Never';
}

export function podSpec(input: PodInput): IPodSpec {
  return {
    // The apps never call the Kubernetes API.
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    ...(input.restartPolicy ? { restartPolicy: input.restartPolicy } : {}),
    securityContext: {
      runAsNonRoot: true,
      runAsUser: imageUserId,
      runAsGroup: imageUserId,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [
      {
        name: input.app,
        // The kustomize image name: a release sets the registry reference and digest.
        image: input.app,
        ...(input.command ? { command: [...input.command] } : {}),
        // Values by name only: the Secret is created outside this repo (docs/deploying.md).
        envFrom: [
          { configMapRef: { name: configMapName(input.app) } },
          { secretRef: { name: secretName(input.app) } },
        ],
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
        volumeMounts: input.writable.map(({ name, path }) => ({ name, mountPath: path })),
        ...input.container,
      },
    ],
    volumes: input.writable.map(({ name }) => ({ name, emptyDir: {} })),
  };
}
