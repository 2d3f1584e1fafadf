/**
 * Countries in sentences, for the Dial screen and the import alike: "an Indian number",
 * "UK numbers", "a number from Portugal" — adjectives where English has a usual one.
 */
const ADJECTIVES: Record<string, string> = {
  US: 'US',
  GB: 'UK',
  CA: 'Canadian',
  AU: 'Australian',
  IN: 'Indian',
  DE: 'German',
  FR: 'French',
  ES: 'Spanish',
  IT: 'Italian',
  NL: 'Dutch',
  IE: 'Irish',
  NZ: 'New Zealand',
  ZA: 'South African',
  MX: 'Mexican',
  BR: 'Brazilian',
  SG: 'Singaporean',
  PK: 'Pakistani',
  BD: 'Bangladeshi',
  LK: 'Sri Lankan',
  NP: 'Nepali',
  PH: 'Philippine',
  CN: 'Chinese',
  JP: 'Japanese',
  KR: 'South Korean',
  PL: 'Polish',
  PT: 'Portuguese',
  SE: 'Swedish',
  NO: 'Norwegian',
  DK: 'Danish',
  FI: 'Finnish',
  BE: 'Belgian',
  CH: 'Swiss',
  AT: 'Austrian',
  GR: 'Greek',
  TR: 'Turkish',
  AE: 'UAE',
  SA: 'Saudi',
  NG: 'Nigerian',
  KE: 'Kenyan',
  EG: 'Egyptian',
  AR: 'Argentine',
  CO: 'Colombian',
  CL: 'Chilean',
  PE: 'Peruvian',
  IL: 'Israeli',
  MY: 'Malaysian',
  ID: 'Indonesian',
  TH: 'Thai',
  VN: 'Vietnamese',
  HK: 'Hong Kong',
};

/** "an Indian number", "a US number", "a number from Portugal" */
export function aNumberFrom(country: string): string {
  const adjective = ADJECTIVES[country];
  if (!adjective) return `a number from ${regionName(country)}`;
  // "an Indian", but "a US", "a UK", "a UAE" (said letter by letter, starting with "you")
  const an = /^[AEIOU][a-z]/.test(adjective);
  return `${an ? 'an' : 'a'} ${adjective} number`;
}

/** Adjectives that only work before a noun: "a US number", never "looks US". */
const NOUN_ONLY = new Set(['US', 'GB', 'NZ', 'AE', 'HK']);

/** "Indian numbers", "UK numbers", "numbers from Portugal" */
export function numbersFrom(country: string): string {
  const adjective = ADJECTIVES[country];
  return adjective ? `${adjective} numbers` : `numbers from ${regionName(country)}`;
}

/** The import's own country in a sentence: "Indian numbers", "United States numbers", "numbers of Portugal". */
export function homeNumbers(country: string): string {
  const adjective = ADJECTIVES[country];
  return adjective && !NOUN_ONLY.has(country) ? `${adjective} numbers` : `${regionName(country)} numbers`;
}

/** "look Indian", "looks like a UK number", "look like numbers from Portugal" */
export function lookFrom(country: string, count: number): string {
  const adjective = ADJECTIVES[country];
  if (adjective && !NOUN_ONLY.has(country)) return `${count === 1 ? 'looks' : 'look'} ${adjective}`;
  return count === 1 ? `looks like ${aNumberFrom(country)}` : `look like ${numbersFrom(country)}`;
}

let displayNames: Intl.DisplayNames | undefined;

/** "United Kingdom" for GB, in English. */
export function regionName(code: string | undefined): string {
  if (!code) return 'unknown country';
  try {
    displayNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return displayNames.of(code) ?? code;
  } catch {
    return code;
  }
}
