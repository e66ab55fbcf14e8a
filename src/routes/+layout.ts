// Every page is prerendered to static HTML; the figures then compute in the reader's browser.
export const prerender = true;
export const trailingSlash = 'never';
