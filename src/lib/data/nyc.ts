/**
 * New York City's daily confirmed COVID-19 cases, spring and summer 2020.
 *
 * Source: NYC Department of Health and Mental Hygiene, public repository "coronavirus-data",
 * file trends/cases-by-day.csv (as last updated in October 2025), columns CASE_COUNT (citywide)
 * and BX_/BK_/MN_/QN_/SI_CASE_COUNT (boroughs). Each value is the number of people whose first
 * positive test was collected on that day ("by date of diagnosis"), not the day it was reported.
 * One value per day, 2020-02-29 to 2020-07-31 inclusive (154 days), in order.
 *
 * Population: 8,336,817 (NYC, U.S. Census Bureau Vintage 2019 estimate), split by borough below.
 */

/** First day of the series, as an ISO date (UTC midnight). */
export const NYC_START = '2020-02-29';
/** Number of days in the series. */
export const NYC_DAYS = 154;
/** NYC population, 2019 Census estimate: the N of the SIR model. */
export const NYC_POPULATION = 8_336_817;

export const NYC_SOURCE =
  'NYC Department of Health and Mental Hygiene, coronavirus-data, trends/cases-by-day.csv (updated October 2025)';

/** Citywide confirmed cases by date of diagnosis (CASE_COUNT). */
export const NYC_CITYWIDE: readonly number[] = [
  1, 0, 0, 1, 5, 3, 8, 7, 21, 57, 69, 155, 355, 619, 642, 1034, 2121, 2451, 2971, 3706, 4007, 2639,
  2580, 3570, 4497, 4873, 5044, 5119, 3478, 3560, 6129, 5458, 5448, 5746, 5670, 3866, 3782, 6353,
  6044, 5574, 5070, 4510, 3732, 2887, 3311, 4144, 3876, 3530, 3586, 2172, 2342, 3792, 3061, 3446,
  2841, 2535, 1595, 1003, 2290, 2726, 2339, 2021, 1886, 1058, 787, 1549, 1512, 1397, 1238, 1079,
  657, 457, 1231, 1285, 1333, 1111, 873, 485, 360, 894, 1002, 1077, 1069, 1036, 455, 467, 464,
  1050, 740, 646, 638, 346, 230, 686, 570, 515, 517, 402, 247, 197, 447, 419, 363, 363, 409, 196,
  180, 380, 419, 356, 378, 361, 203, 172, 402, 381, 381, 298, 317, 206, 201, 437, 442, 396, 416,
  233, 120, 155, 431, 461, 437, 391, 307, 259, 223, 483, 403, 440, 411, 413, 216, 175, 404, 341,
  328, 309, 299, 153, 140, 313, 313, 287, 274, 262
];

/** The Bronx: BX_CASE_COUNT. */
export const CASES_BRONX: readonly number[] = [
  0, 0, 0, 0, 0, 0, 2, 0, 3, 4, 8, 19, 29, 79, 86, 119, 305, 343, 482, 623, 723, 491, 495, 730,
  927, 1068, 998, 1090, 761, 699, 1315, 1282, 1240, 1289, 1452, 1012, 822, 1514, 1463, 1304, 1285,
  1227, 998, 763, 693, 1076, 1068, 940, 916, 552, 531, 981, 641, 927, 735, 579, 418, 196, 551, 668,
  557, 482, 450, 263, 153, 349, 294, 279, 298, 250, 175, 75, 226, 355, 461, 256, 181, 108, 56, 187,
  182, 278, 199, 264, 90, 101, 103, 283, 184, 119, 164, 82, 30, 158, 123, 116, 127, 108, 50, 43,
  96, 84, 75, 66, 80, 47, 27, 81, 80, 68, 60, 82, 53, 25, 92, 73, 90, 65, 66, 26, 35, 75, 77, 59,
  76, 41, 21, 20, 68, 112, 83, 90, 65, 40, 44, 108, 70, 107, 94, 75, 54, 39, 95, 71, 79, 69, 73,
  25, 30, 58, 58, 80, 58, 55
];

/** Brooklyn: BK_CASE_COUNT. */
export const CASES_BROOKLYN: readonly number[] = [
  0, 0, 0, 0, 1, 3, 1, 2, 5, 16, 11, 31, 96, 166, 163, 432, 740, 783, 965, 1204, 1136, 554, 755,
  909, 1212, 1255, 1372, 1425, 863, 1149, 1754, 1512, 1590, 1610, 1440, 920, 1144, 1461, 1397,
  1305, 1369, 1145, 1131, 703, 1066, 1038, 882, 885, 962, 575, 635, 983, 896, 854, 786, 630, 404,
  332, 607, 709, 683, 600, 497, 263, 245, 461, 432, 450, 403, 344, 119, 188, 410, 400, 362, 332,
  259, 165, 138, 266, 326, 323, 336, 350, 143, 161, 160, 313, 241, 219, 161, 101, 84, 250, 178,
  131, 127, 131, 58, 52, 111, 119, 99, 113, 122, 50, 53, 103, 132, 115, 112, 91, 46, 55, 110, 95,
  101, 81, 95, 70, 57, 127, 127, 121, 127, 72, 23, 53, 142, 123, 121, 104, 90, 73, 55, 123, 111,
  149, 90, 106, 58, 41, 87, 79, 95, 85, 68, 35, 40, 78, 106, 73, 99, 80
];

/** Manhattan: MN_CASE_COUNT. */
export const CASES_MANHATTAN: readonly number[] = [
  1, 0, 0, 0, 2, 0, 3, 1, 6, 24, 24, 62, 137, 182, 176, 205, 457, 567, 538, 555, 653, 399, 317,
  530, 619, 586, 625, 656, 388, 407, 802, 616, 573, 652, 671, 385, 356, 721, 605, 546, 558, 495,
  304, 252, 393, 440, 429, 355, 330, 187, 176, 381, 371, 382, 400, 408, 145, 98, 302, 323, 285,
  217, 240, 138, 103, 214, 242, 165, 119, 99, 75, 95, 192, 163, 156, 149, 135, 51, 50, 128, 165,
  164, 145, 153, 47, 69, 69, 127, 107, 97, 74, 38, 25, 77, 72, 75, 86, 52, 33, 24, 75, 66, 67, 54,
  58, 23, 28, 55, 67, 65, 58, 56, 44, 25, 63, 76, 73, 46, 63, 37, 41, 80, 95, 83, 79, 48, 32, 32,
  76, 88, 120, 85, 48, 47, 42, 79, 82, 70, 83, 104, 36, 33, 81, 70, 58, 65, 54, 34, 18, 72, 58, 54,
  44, 51
];

/** Queens: QN_CASE_COUNT. */
export const CASES_QUEENS: readonly number[] = [
  0, 0, 0, 1, 2, 0, 1, 3, 6, 10, 24, 40, 80, 166, 194, 231, 528, 650, 835, 1065, 1185, 947, 696,
  1192, 1389, 1570, 1644, 1576, 1201, 1075, 1859, 1811, 1781, 1826, 1762, 1203, 1136, 1927, 1949,
  1857, 1560, 1342, 987, 916, 974, 1300, 1180, 1139, 1099, 705, 866, 1223, 937, 1109, 793, 775,
  540, 331, 723, 896, 691, 592, 621, 333, 251, 437, 462, 443, 358, 344, 256, 85, 376, 314, 307,
  332, 265, 136, 106, 275, 287, 256, 311, 237, 138, 121, 116, 269, 165, 181, 212, 110, 79, 158,
  163, 148, 148, 103, 99, 74, 146, 131, 108, 114, 131, 74, 68, 123, 120, 92, 123, 123, 54, 58, 119,
  121, 103, 78, 77, 60, 57, 132, 114, 94, 117, 64, 32, 38, 117, 106, 88, 94, 91, 86, 69, 138, 121,
  92, 109, 106, 49, 45, 109, 100, 76, 63, 76, 46, 33, 79, 73, 67, 61, 58
];

/** Staten Island: SI_CASE_COUNT. */
export const CASES_STATEN_ISLAND: readonly number[] = [
  0, 0, 0, 0, 0, 0, 1, 1, 1, 3, 2, 3, 13, 26, 23, 47, 91, 108, 150, 258, 310, 248, 317, 209, 350,
  394, 405, 372, 265, 230, 398, 237, 264, 369, 345, 345, 323, 730, 630, 562, 298, 301, 311, 253,
  185, 290, 317, 211, 279, 153, 134, 224, 216, 173, 127, 143, 88, 46, 107, 130, 123, 130, 78, 61,
  35, 88, 82, 60, 60, 42, 32, 14, 27, 53, 47, 42, 33, 25, 10, 38, 42, 56, 78, 32, 37, 15, 16, 58,
  43, 30, 27, 15, 12, 43, 34, 45, 29, 8, 7, 4, 19, 19, 14, 16, 18, 2, 4, 18, 20, 16, 25, 9, 6, 9,
  18, 16, 14, 28, 16, 13, 11, 23, 29, 39, 17, 8, 12, 12, 28, 32, 25, 18, 13, 13, 13, 35, 19, 22,
  35, 22, 19, 17, 32, 21, 20, 27, 28, 13, 19, 26, 18, 13, 12, 18
];

export interface Borough {
  key: 'bronx' | 'brooklyn' | 'manhattan' | 'queens' | 'staten-island';
  name: string;
  /** Resident population, U.S. Census Bureau Vintage 2019 county estimates (the five sum to NYC_POPULATION). */
  population: number;
  cases: readonly number[];
}

export const BOROUGHS: readonly Borough[] = [
  { key: 'bronx', name: 'Bronx', population: 1_418_207, cases: CASES_BRONX },
  { key: 'brooklyn', name: 'Brooklyn', population: 2_559_903, cases: CASES_BROOKLYN },
  { key: 'manhattan', name: 'Manhattan', population: 1_628_706, cases: CASES_MANHATTAN },
  { key: 'queens', name: 'Queens', population: 2_253_858, cases: CASES_QUEENS },
  { key: 'staten-island', name: 'Staten Island', population: 476_143, cases: CASES_STATEN_ISLAND }
];

const DAY_MS = 86_400_000;
const START_MS = Date.parse(NYC_START + 'T00:00:00Z');

/** The calendar date of day index `day` (0 = 2020-02-29), as a UTC Date. */
export function dateOfDay(day: number): Date {
  return new Date(START_MS + day * DAY_MS);
}

/** ISO date (YYYY-MM-DD) of day index `day`. */
export function isoOfDay(day: number): string {
  return dateOfDay(day).toISOString().slice(0, 10);
}

/** Day index of an ISO date (may fall outside 0…NYC_DAYS-1; callers check). */
export function dayOfIso(iso: string): number {
  return Math.round((Date.parse(iso + 'T00:00:00Z') - START_MS) / DAY_MS);
}
