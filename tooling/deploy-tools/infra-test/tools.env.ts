/** Where the infra tests find their tools, from the environment (the one place they read it). */
export const toolsEnv = {
  /** PATH alone, for the child processes. */
  childEnv: (): Record<string, string> => ({ PATH: process.env.PATH ?? '' }),
  dockerCompose: () => process.env.DOCKER_COMPOSE ?? 'docker-compose',
  /** CI sets it: a missing kubectl is then a failure, not a comparison left out. */
  kubectlRequired: () => process.env.KUBECTL_REQUIRED === 'true',
};
