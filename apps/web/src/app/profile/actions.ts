'use server';

import { profileUpdateSchema } from '@repo/api-contracts/profile';
import { revalidatePath } from 'next/cache';
import { describeApiError } from '@/lib/api/describe-error';
import { serverApis } from '@/lib/api/server-apis';
import { auth0 } from '@/lib/auth0';
import type { FormState } from '@/lib/form-state';

export async function updateProfileAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  if (!(await auth0().getSession()))
    return { kind: 'error', message: 'Your session has ended. Log in again.' };
  const update = profileUpdateSchema.safeParse({
    displayName: String(form.get('displayName') ?? ''),
    locale: String(form.get('locale') ?? ''),
    notifications: String(form.get('notifications') ?? ''),
  });
  if (!update.success) {
    const problems = update.error.issues.map((i) => `${i.path.join('.') || 'form'} ${i.message}`);
    return { kind: 'error', message: `Check the form: ${problems.join('; ')}.` };
  }
  try {
    await serverApis().profile.updateMe(update.data);
    revalidatePath('/profile');
    revalidatePath('/dashboard');
    return { kind: 'ok', message: 'Profile saved.' };
  } catch (error) {
    return { kind: 'error', message: describeApiError(error, 'update your profile') };
  }
}
