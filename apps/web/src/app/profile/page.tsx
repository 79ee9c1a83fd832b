import styles from '@/components/ui.module.css';
import { describeApiError } from '@/lib/api/describe-error';
import { serverApis } from '@/lib/api/server-apis';
import { requireSession } from '@/lib/session';
import { ProfileForm } from './profile-form';

export const metadata = { title: 'Profile · Acme Orders' };

export default async function ProfilePage() {
  await requireSession('/profile');
  const [profile] = await Promise.allSettled([serverApis().profile.me()]);
  return (
    <>
      <h1>Profile</h1>
      <section className={styles.card}>
        {profile.status === 'fulfilled' ? (
          <ProfileForm profile={profile.value} />
        ) : (
          <p role="alert" className={styles.error}>
            {describeApiError(profile.reason, 'load your profile')}
          </p>
        )}
      </section>
    </>
  );
}
