// The fixture's own guarantees: the check it runs when a test ends refuses a console error, an
// uncaught exception and a foreign request, lets through only what a test allows by pattern, and
// the pages of a test that failed are closed all the same.
import { describe } from 'vitest';
import type { Page } from 'playwright-core';
import { checkOpened, expect, parseNumber, problemsOf, test } from './fixture';

describe('the browser-test fixture', () => {
  test('its end-of-test check refuses console errors and foreign requests, and allows only what a pattern names', () => {
    expect(() => checkOpened({ errors: ['TypeError: x is undefined'], foreign: [] })).toThrow(/console errors/);
    expect(() => checkOpened({ errors: [], foreign: ['https://cdn.example.com/font.woff2'] })).toThrow(/requests to other origins/);
    expect(() => checkOpened({ errors: [], foreign: [] })).not.toThrow();
    const opened = { errors: ['Failed to load resource: net::ERR_FAILED', 'Error: something else'], foreign: [] };
    expect(problemsOf(opened, [/^Failed to load resource: net::ERR_FAILED$/]).errors).toEqual(['Error: something else']);
    expect(() => checkOpened(opened, [/^Failed to load resource/])).toThrow(/console errors/);
    expect(() => checkOpened(opened, [/^Failed to load resource/, /^Error: something else$/])).not.toThrow();
  });

  test('a page that logs a console error or throws is caught by the check the fixture runs', async ({ open }) => {
    // Allowed here so that this test can look at what the fixture recorded; the check must refuse
    // both once the allowance is taken away.
    const opened = await open({ allowErrors: [/planted by fixture\.test/] });
    await opened.page.evaluate(() => {
      console.error('planted by fixture.test: a console error');
      setTimeout(() => {
        throw new Error('planted by fixture.test: an uncaught exception');
      });
    });
    await expect.poll(() => opened.errors.length).toBe(2);
    expect(opened.errors[0]).toBe('planted by fixture.test: a console error');
    expect(opened.errors[1]).toMatch(/planted by fixture\.test: an uncaught exception/);
    expect(() => checkOpened(opened)).toThrow(/console errors/);
    expect(() => checkOpened(opened, [/a console error$/])).toThrow(/console errors/);
    expect(() => checkOpened(opened, [/planted by fixture\.test/])).not.toThrow();
  });

  // Given to the next test: the page of a test that failed.
  let failedPage: Page | undefined;
  test.fails('(fails on purpose) a test that throws, with a page open…', async ({ open }) => {
    failedPage = (await open()).page;
    throw new Error('this test fails on purpose');
  });

  test('…has its page and context closed all the same', async ({ browser }) => {
    expect(failedPage).toBeDefined();
    expect(failedPage!.isClosed()).toBe(true);
    expect(browser.contexts()).toEqual([]);
  });

  test('a context made on the browser by hand is closed when its test ends…', async ({ browser }) => {
    await browser.newContext();
    expect(browser.contexts().length).toBe(1);
  });

  test('…so the next test starts with none', async ({ browser }) => {
    expect(browser.contexts()).toEqual([]);
  });

  test('parseNumber reads the page’s number formats', () => {
    expect(parseNumber('1,234.5 %')).toBe(1234.5);
    expect(parseNumber('−0.3')).toBe(-0.3);
    expect(parseNumber('4.2e-5')).toBe(4.2e-5);
    expect(parseNumber('2.1e+3')).toBe(2100);
    expect(parseNumber('—')).toBeNaN();
  });
});
