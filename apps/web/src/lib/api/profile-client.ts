import { profileSchema, type ProfileUpdate } from '@repo/api-contracts/profile';
import type { ApiHttp } from './http-client';

/** Typed calls to profile-api; each answer is checked against the contract. */
export function profileClient(http: ApiHttp) {
  return {
    me: async () => (await http({ method: 'GET', path: '/me', schema: profileSchema })).data,
    updateMe: async (update: ProfileUpdate) =>
      (await http({ method: 'PATCH', path: '/me', body: update, schema: profileSchema })).data,
  };
}
