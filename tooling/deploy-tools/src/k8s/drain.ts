/**
 * How a pod stops. On SIGTERM service-kit's startServer flips /readyz to 503, stops accepting and
 * drains in-flight requests for at most `drainTimeoutMs` (10 s by default), then exits. Kubernetes
 * sends SIGTERM while endpoints and the ingress controller may still route new connections to the
 * pod for a moment, so preStop first waits that moment out with the pod still serving.
 */
export const serviceKitDrainSeconds = 10;
/** The time endpoint removal takes to reach kube-proxy and the ingress controller. */
export const preStopSleepSeconds = 5;
/** preStop, then the drain, then a margin before SIGKILL. */
export const terminationGracePeriodSeconds = preStopSleepSeconds + serviceKitDrainSeconds + 5;
