/** How captions name New York's series (kept apart from nyc.ts so the page frame can say it without loading the data). */
export const NYC_LABEL = {
  name: 'New York City, daily confirmed COVID-19 cases',
  source: 'NYC Department of Health and Mental Hygiene'
} as const;
