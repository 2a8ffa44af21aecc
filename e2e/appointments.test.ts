describe('the offer pages of the territory’s pilot', { timeout: 120_000 }, () => {
  it('pass axe, and a wrong hour is shown next to its field', async () => {
    const t = h.t;
    const token = await createSession(
      t.db,
      t.config,
      await userIdByEmail(t.db, 'pilote@demo.localhost'),
      'test',
    );
    const { context, page } = await newPage(h, { width: 360 });
    await context.addCookies([{ name: 'sc_session', value: token, url: h.baseUrl }]);
    for (const url of ['/offre', '/offre/fraicheur', '/offre/lieux/mdph-lot']) {
      await page.goto(url);
      expect(await page.locator('h1').count()).toBe(1);
      await expectNoAxeViolations(page);
    }
    await page.fill('#horaires', 'Lu 09:00-25:00');
    await page.click('form[action="/offre/lieux/mdph-lot"] button[type=submit]');
    expect(await page.textContent('#horaires-error')).toContain('non reconnue');
    await expectNoAxeViolations(page);
    await context.close();
  });
});
