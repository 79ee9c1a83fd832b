/**
 * Offline schema validation of rendered Kubernetes objects: each apiVersion/kind maps to its
 * kubernetes-models class, whose validate() checks the object against the API's OpenAPI schema.
 * A kind missing here fails the test: nothing is left unchecked by accident.
 */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';

const models: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Service': Service,
};

/** Throws with the object's kind and name when it does not match its schema. */
export function validateObject(object: {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string };
}): void {
  const Model = models[`${object.apiVersion}/${object.kind}`];
  if (!Model)
    throw new Error(`${object.apiVersion} ${object.kind}: no schema to validate it against`);
  // The constructor sets apiVersion/kind itself; the rest is the object as written.
  const { apiVersion: _v, kind: _k, ...data } = object;
  try {
    new Model(data as never).validate();
  } catch (error) {
    throw new Error(`${object.kind}/${object.metadata?.name}: ${String(error)}`, { cause: error });
  }
}
