import { Metadata } from 'libphonenumber-js/max';

/**
 * How libphonenumber-js writes a national number at home ("020 7946 0958", "98765 43210") and
 * abroad ("+44 20 7946 0958"), with
 * its formats' patterns compiled once: its own formatNational compiles them again on every call,
 * and an import formats every valid reading of every foreign-looking number. The same steps as
 * its format.js (chooseFormatForNumber, formatNationalNumberUsingFormat), for a number without
 * carrier code or extension; test/unit/quick-reading.test.ts holds it to libphonenumber's output.
 */

/** The parts of libphonenumber-js's formats this reads; its typings leave them out. */
interface Format {
  pattern(): string;
  format(): string;
  leadingDigitsPatterns(): string[];
  nationalPrefixFormattingRule(): string | undefined;
  nationalPrefixIsOptionalWhenFormattingInNationalFormat(): boolean;
  internationalFormat(): string;
}
interface MetadataInternals {
  selectNumberingPlan(country: string): void;
  numberingPlan?: { formats?(): Format[] };
}

interface Compiled {
  entire: RegExp;
  replace: RegExp;
  leading: RegExp | null;
  /** the format with the national prefix, and as written when the prefix is left out where it is optional */
  withPrefix: string;
  withoutPrefix: string;
  /** the international format, or null when it holds a character other than digits' usual separators */
  international: string | null;
  /**
   * The digits `withoutPrefix` writes before the number ('' for none) when the format writes every digit of
   * the number, in order, after them and adds none among them (each part of the pattern a group, each group
   * used once, in order, no digit in the template after the first group); null when it does not.
   */
  barePrefix: string | null;
}

const metadata = new Metadata() as unknown as MetadataInternals;
const compiled = new Map<string, Compiled[] | null>();
const FIRST_GROUP_PATTERN = /(\$\d)/;
/** group references and separators libphonenumber's applyInternationalSeparatorStyle turns into one space */
const PLAIN_TEMPLATE = /^(?:\$\d|[ \-()./])*$/;

function formatsOf(country: string): Compiled[] | null {
  let found = compiled.get(country);
  if (found !== undefined) return found;
  metadata.selectNumberingPlan(country);
  const formats = typeof metadata.numberingPlan?.formats === 'function' ? metadata.numberingPlan.formats() : null;
  found =
    formats?.map((f) => {
      const leading = f.leadingDigitsPatterns();
      const rule = f.nationalPrefixFormattingRule();
      const withPrefix = rule ? f.format().replace(FIRST_GROUP_PATTERN, rule) : f.format();
      return {
        entire: new RegExp(`^(?:${f.pattern()})$`),
        replace: new RegExp(f.pattern()),
        leading: leading.length > 0 ? new RegExp(leading[leading.length - 1]!) : null,
        withPrefix,
        withoutPrefix: f.nationalPrefixIsOptionalWhenFormattingInNationalFormat() ? f.format() : withPrefix,
        international: PLAIN_TEMPLATE.test(f.internationalFormat()) ? f.internationalFormat() : null,
        barePrefix: digitsBefore(f.pattern(), f.nationalPrefixIsOptionalWhenFormattingInNationalFormat() ? f.format() : withPrefix),
      };
    }) ?? null;
  compiled.set(country, found);
  return found;
}

/** `national` written in `country`'s national format (libphonenumber's formatNational); null where this cannot tell. */
export function formatNational(national: string, country: string): string | null {
  const formats = formatsOf(country);
  if (!formats) return null;
  const f = chosen(formats, national);
  return f ? national.replace(f.replace, f.withPrefix) : national;
}

/** Both national formats at once (with its prefix; as written without it where optional), from one choice of format. */
export function formatNationalBoth(national: string, country: string): { national: string; bare: string } | null {
  const formats = formatsOf(country);
  if (!formats) return null;
  const f = chosen(formats, national);
  if (!f) return { national, bare: national };
  const withPrefix = national.replace(f.replace, f.withPrefix);
  return { national: withPrefix, bare: f.withoutPrefix === f.withPrefix ? withPrefix : national.replace(f.replace, f.withoutPrefix) };
}

/** `+44 20 7946 0958` (libphonenumber's formatInternational), or null where this cannot tell. */
export function formatInternational(national: string, country: string, callingCode: string): string | null {
  const formats = formatsOf(country);
  if (!formats) return null;
  const f = chosen(formats, national);
  if (!f) return `+${callingCode} ${national}`;
  if (f.international === null) return null;
  return `+${callingCode} ${national
    .replace(f.replace, f.international)
    .replace(/[ \-()./]+/g, ' ')
    .trim()}`;
}

/** Compiled.barePrefix, from the format's pattern and template. */
function digitsBefore(pattern: string, template: string): string | null {
  const groups = pattern.match(/\([^()]*\)/g);
  if (!groups || groups.join('') !== pattern) return null; // something outside the groups, or groups within groups
  const used = template.match(/\$\d/g) ?? [];
  if (used.join('') !== groups.map((_, i) => `$${i + 1}`).join('')) return null;
  const first = template.indexOf('$');
  if (/\d/.test(template.slice(first).replace(/\$\d/g, ''))) return null;
  return template.slice(0, first).replace(/\D/g, '');
}

/**
 * The digits the national format writes before `national` where its trunk prefix may be left out (what
 * formatNationalBoth's `bare` adds in front of the number): '' when none; undefined where this cannot tell.
 * The same answer as comparing the digits of `bare` with the number, without writing it out.
 */
export function prefixWrittenBefore(national: string, country: string): string | undefined {
  const formats = formatsOf(country);
  if (!formats) return undefined;
  const f = chosen(formats, national);
  if (!f) return '';
  return f.barePrefix ?? undefined;
}

/** libphonenumber's chooseFormatForNumber. */
function chosen(formats: Compiled[], national: string): Compiled | undefined {
  return formats.find((f) => (!f.leading || national.search(f.leading) === 0) && f.entire.test(national));
}
