export * from './registry';
export * from './local-profile';
export * from './issuer';
export * from './env/problems';
export { withEnvFiles, type EnvSource } from './env/source';
export { type IdpProfile } from './env/profile';

export * from './env/web';
export * from './env/api';
export * from './env/local-idp';
export * from './env/telemetry';
export * from './data-dir';
export * from './legacy-env-names';
export { webBanner, webPort } from './web-banner';

export { waitForIssuer, IssuerUnreachableError } from './issuer-wait';
