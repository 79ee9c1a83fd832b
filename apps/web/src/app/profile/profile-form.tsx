'use client';

import type { NotificationPreference, Profile } from '@repo/api-contracts/profile';
import { useActionState } from 'react';
import { FormStatus } from '@/components/form-status';
import styles from '@/components/ui.module.css';
import { idleForm } from '@/lib/form-state';
import { updateProfileAction } from './actions';

const notificationLabels: Record<NotificationPreference, string> = {
  all: 'Everything',
  important: 'Important only',
  none: 'Nothing',
};

export function ProfileForm({ profile }: { readonly profile: Profile }) {
  const [state, submit, pending] = useActionState(updateProfileAction, idleForm);
  return (
    <form action={submit} className={styles.form} aria-labelledby="edit-profile-heading">
      <h2 id="edit-profile-heading">Edit profile</h2>
      <div className={styles.field}>
        <label htmlFor="displayName">Display name</label>
        <input
          id="displayName"
          name="displayName"
          defaultValue={profile.displayName}
          maxLength={80}
          required
        />
      </div>
      <div className={styles.field}>
        <label htmlFor="locale">Language</label>
        <input
          id="locale"
          name="locale"
          defaultValue={profile.locale}
          placeholder="en or fr-CA"
          required
        />
      </div>
      <div className={styles.field}>
        <label htmlFor="notifications">Email notifications</label>
        <select id="notifications" name="notifications" defaultValue={profile.notifications}>
          {Object.entries(notificationLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={styles.button} disabled={pending}>
        {pending ? 'Saving…' : 'Save'}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
