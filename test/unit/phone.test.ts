import { describe, expect, it } from 'vitest';
import { normalizeDialInput, parsePhone } from '../../shared/phone';

const e164 = (input: string, country = 'US') => {
  const r = parsePhone(input, country);
  return r.ok ? r.e164 : r.problem;
};

describe('parsePhone', () => {
  it('says "an international number" and "a United States number", never "a international"', () => {
    const long = parsePhone('+1 415 555 01234567', 'US');
    const short = parsePhone('415 55', 'US');
    expect(long.ok ? '' : long.message).toMatch(/for an international number/);
    expect(short.ok ? '' : short.message).toMatch(/for a United States number/);
  });

  it('reads national numbers with the default country', () => {
    expect(e164('(415) 555-0132')).toBe('+14155550132');
    expect(e164('415.555.0132')).toBe('+14155550132');
    expect(e164('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(e164('030 901820', 'DE')).toBe('+4930901820');
  });

  it('keeps the own country of numbers written with + or 00', () => {
    expect(e164('+44 20 7946 0958', 'US')).toBe('+442079460958');
    expect(e164('0044 20 7946 0958', 'US')).toBe('+442079460958');
    expect(e164('+1 (415) 555-0132', 'GB')).toBe('+14155550132');
    const r = parsePhone('00 33 1 42 68 53 00', 'US');
    expect(r.ok && r.country).toBe('FR');
  });

  it('accepts spaces, non-breaking spaces, dashes, dots and slashes', () => {
    expect(e164(' 415\u00a0555 0132 ')).toBe('+14155550132');
    expect(e164('415/555-0132')).toBe('+14155550132');
  });

  it('rejects letters, junk and extensions with a reason', () => {
    expect(e164('1-800-FLOWERS')).toBe('letters');
    expect(e164('415*555*0132')).toBe('invalid_characters');
    expect(e164('+1 415 555 0132 ext. 12')).toBe('extension');
    expect(e164('415 555 0132 x12')).toBe('extension');
    expect(e164('41+5550132')).toBe('invalid_characters');
    expect(e164('')).toBe('empty');
  });

  it('rejects too short and too long numbers', () => {
    expect(e164('555')).toBe('too_short');
    expect(e164('+1 415 555 0132 1234 5678')).toBe('too_long');
  });

  it('does not "fix" a national number into another country', () => {
    // A UK national number typed while the default is US stays invalid.
    const r = parsePhone('020 7946 0958', 'US');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/United States/);
  });

  it('reports spreadsheet damage instead of converting it', () => {
    const r = parsePhone('1.41555E+10', 'US');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toBe('spreadsheet_damage');
  });

  it('rejects an unknown country calling code', () => {
    expect(['invalid_country', 'invalid']).toContain(e164('+999 1234 5678'));
  });
});

describe('pasted numbers', () => {
  const dial = (input: string, country = 'US') => {
    const n = normalizeDialInput(input);
    const r = parsePhone(n.text, country, { suggestCountry: true });
    return { e164: r.ok ? r.e164 : r.problem, extension: n.extension, notices: n.notices };
  };
  it('reads tel: and callto: links, percent-escapes and URI parameters', () => {
    expect(dial('tel:+1-415-555-0132').e164).toBe('+14155550132');
    expect(dial('TEL:+44%2020%207946%200958').e164).toBe('+442079460958');
    expect(dial('callto:+14155550132').e164).toBe('+14155550132');
    expect(dial('tel:+1-415-555-0132;phone-context=example.com').e164).toBe('+14155550132');
    expect(dial('tel:%E0%A4%A').e164).not.toBe('+14155550132'); // a broken escape is judged, not thrown
  });
  it('takes typographic dashes, non-breaking and thin spaces, full-width digits', () => {
    expect(dial('415\u2011555\u20110132').e164).toBe('+14155550132'); // non-breaking hyphens
    expect(dial('(415)\u00a0555\u2013\u200a0132').e164).toBe('+14155550132');
    expect(dial('＋１ ４１５ ５５５ ０１３２').e164).toBe('+14155550132');
  });
  it('strips an extension with a notice, never silently', () => {
    for (const input of ['415 555 0132 x123', '415-555-0132 ext. 12', 'tel:+14155550132;ext=12', '+1 415 555 0132, 12']) {
      const r = dial(input);
      expect(r.e164, input).toBe('+14155550132');
      expect(r.notices[0], input).toMatch(/^Extension \d+ was removed/);
    }
    expect(dial('415 555 0132').notices).toEqual([]);
  });
  it('suggests the country a national number is valid in, without applying it', () => {
    const r = parsePhone('020 7946 0958', 'US', { suggestCountry: true });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.suggestion).toMatchObject({ country: 'GB', e164: '+442079460958' });
    expect(!r.ok && r.message).toMatch(/looks like a UK number: \+44 20 7946 0958/);
    expect(parsePhone('020 7946 0958', 'US')).not.toHaveProperty('suggestion'); // opt-in only
  });
});
