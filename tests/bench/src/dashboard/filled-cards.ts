import type { Page } from '@playwright/test';

/** The dashboard's API cards on `page`, and how many show their data (no alert inside). */
export async function filledCards(page: Page): Promise<{ cards: number; filled: number }> {
  const cardLocator = page.locator('[data-api-card]');
  const cards = await cardLocator.count();
  let filled = 0;
  for (let i = 0; i < cards; i++) {
    if ((await cardLocator.nth(i).getByRole('alert').count()) === 0) filled += 1;
  }
  return { cards, filled };
}
