/** What a server action tells its form: shown in a live region next to the form. */
export interface FormState {
  readonly kind: 'idle' | 'ok' | 'error';
  readonly message: string;
}

export const idleForm: FormState = { kind: 'idle', message: '' };
