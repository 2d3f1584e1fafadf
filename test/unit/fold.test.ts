import { describe, expect, it } from 'vitest';
import { rng } from '../../bench/generate-contacts';
import { fold, foldByNormalizing } from '../../shared/contacts/fold';

describe('fold', () => {
  it('folds accents, case and the letters NFD cannot take apart', () => {
    expect(fold('Zoë Müller-Łukasz')).toBe('zoe muller-lukasz');
    expect(fold('Straße Ærø')).toBe('strasse aero');
    expect(fold('İstanbul')).toBe('istanbul');
    expect(fold('Chloé 王秀英')).toBe('chloe 王秀英');
  });

  it('gives what normalizing the whole text gives, character by character below U+0250 and for any mix beyond it', () => {
    for (let c = 0; c < 0x250; c++)
      expect(fold(String.fromCharCode(c)), `U+${c.toString(16)}`).toBe(foldByNormalizing(String.fromCharCode(c)));
    // texts of Latin characters, with now and then a combining mark, Greek (final sigma), Turkish dotted I, CJK or a surrogate
    const beyond = ['\u0301', '\u0308', 'Σ', 'ς', 'Ω', '王', '\ud83d\ude00', 'ǅ', 'ẞ', 'Ǳ', ' '];
    const next = rng(7); // seeded, so a failure replays
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const length = 1 + Math.floor(next() * 12);
      for (let i = 0; i < length; i++)
        text += next() < 0.1 ? beyond[Math.floor(next() * beyond.length)]! : String.fromCharCode(Math.floor(next() * 0x250));
      expect(fold(text), JSON.stringify(text)).toBe(foldByNormalizing(text));
    }
  });
});
