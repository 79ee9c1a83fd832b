import styles from '@/components/ui.module.css';
import { requestLocale, requestProfile } from '@/lib/api/request-profile';
import { serverApis } from '@/lib/api/server-apis';
import { requireSession } from '@/lib/session';
import { DashboardCards } from './cards';

export const metadata = { title: 'Dashboard · Acme Orders' };

/**
 * Every registered API's card, each calling its API in parallel with the others; one API being
 * down costs only its own card and the page still answers 200.
 */
export default async function DashboardPage() {
  await requireSession('/dashboard');
  return (
    <>
      <h1>Dashboard</h1>
      <div className={styles.grid}>
        <DashboardCards apis={serverApis()} profile={requestProfile} locale={requestLocale} />
      </div>
    </>
  );
}
