import { expect, signIn, test } from './fixtures';

// With a live IdP session the hop through the IdP is silent: a crafted login link used to land
// the user on another site (the SDK's own returnTo check lets these shapes through).
for (const returnTo of [
  '/.//evil.example',
  '/%2e//evil.example',
  'http://localhost:3000//evil.example',
]) {
  test(`a login link with returnTo=${returnTo} stays on the app`, async ({ page, stack }) => {
    await signIn(page, 'alice', stack.webUrl);
    const crafted = returnTo.replace('http://localhost:3000', stack.webUrl);
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    await page.goto(`/auth/login?returnTo=${encodeURIComponent(crafted)}`);
    await page.waitForURL(
      (url) => !url.pathname.startsWith('/auth/') && !url.href.startsWith(stack.idpUrl),
    );
    expect(new URL(page.url()).origin).toBe(stack.webUrl);
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    expect(
      navigations.filter((url) => url.includes('evil.example') && !url.includes('returnTo')),
    ).toEqual([]);
  });
}
