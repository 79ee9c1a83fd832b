import type { FormState } from '@/lib/form-state';
import styles from './ui.module.css';

/**
 * The outcome of a submit, announced without moving focus: a polite status when it worked, an
 * alert when it did not (so a refusal such as "no permission" is read out at once).
 */
export function FormStatus({ state }: { readonly state: FormState }) {
  if (state.kind === 'error') {
    return (
      <p role="alert" className={styles.error}>
        {state.message}
      </p>
    );
  }
  return (
    <p role="status" className={styles.ok}>
      {state.message}
    </p>
  );
}
