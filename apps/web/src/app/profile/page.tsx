import styles from '@/components/ui.module.css';
import { describeApiError } from '@/lib/api/describe-error';
import { serverApis } from '@/lib/api/server-apis';
import { requireSession } from '@/lib/session';
import { ProfileForm } from './profile-form';

export const metadata = { title: 'Profile · Acme Orders' };

export default async function ProfilePage() {
  await requireSession('/profile');
  let content: React.ReactNode;
  try {
    const profile = await serverApis().profile.me();
    content = <ProfileForm profile={profile} />;
  } catch (error) {
    content = (
      <p role="alert" className={styles.error}>
        {describeApiError(error, 'load your profile')}
      </p>
    );
  }
  return (
    <>
      <h1>Profile</h1>
      <section className={styles.card}>{content}</section>
    </>
  );
}
