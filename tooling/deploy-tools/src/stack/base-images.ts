import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The third-party images the generated files run (hand-edited in infra/base-images.json, pinned
 * by Renovate). A reference is `name:tag` or `name:tag@sha256:<digest>`: generators copy it as it
 * is and never add a digest of their own.
 */
export interface BaseImages {
  readonly node: string;
  readonly postgres: string;
  readonly redis: string;
  readonly otelCollector: string;
  readonly jaeger: string;
}

export const baseImagesFile = 'infra/base-images.json';

const keys = ['node', 'postgres', 'redis', 'otelCollector', 'jaeger'] as const;
const reference = /^[a-z0-9][a-z0-9._/-]*:[\w][\w.-]*(@sha256:[a-f0-9]{64})?$/;

export function loadBaseImages(repoRoot: string): BaseImages {
  const raw = JSON.parse(readFileSync(join(repoRoot, baseImagesFile), 'utf8')) as Record<
    string,
    unknown
  >;
  const images = {} as Record<(typeof keys)[number], string>;
  for (const key of keys) {
    const value = raw[key];
    if (typeof value !== 'string' || !reference.test(value))
      throw new Error(
        `${baseImagesFile}: ${key} must be "name:tag" or "name:tag@sha256:<digest>", got ${JSON.stringify(value)}`,
      );
    images[key] = value;
  }
  return images;
}
