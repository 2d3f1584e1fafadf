import { describe, expect, it } from 'vitest';
import { parsePhone } from '../../shared/phone';

const e164 = (input: string, country = 'US') => {
  const r = parsePhone(input, country);
  return r.ok ? r.e164 : r.problem;
};

describe('parsePhone', () => {
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
