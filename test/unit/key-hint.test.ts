import { describe, expect, it } from 'vitest';
import { keyHint, redactKeys } from '../../electron/core/connection/key-hint';

const visible = (hint: string) => hint.replace('…', '');

describe('keyHint', () => {
  it('keeps the fth_ prefix and the last four for a Feather key', () => {
    expect(keyHint('fth_live_aaaaaaaaaaaaaaaaaaaa8cja')).toBe('fth_live_…8cja');
    expect(keyHint('  fth_test_Zq3xR7pLm2Nw8vKc5Tb1Hy9j\n')).toBe('fth_test_…Hy9j');
  });

  it('shows only a well-known prefix and the last four of a long key of another format', () => {
    expect(keyHint('sk-ant4Xb9QmR2vLp8NcT7wYz3K')).toBe('sk-…Yz3K');
    expect(keyHint('sk-proj-ant4Xb9QmR2vLp8NcT7wYz3K')).toBe('sk-proj-…Yz3K');
    expect(keyHint('AbCdEfGhIjKlMnOpQrSt')).toBe('…QrSt');
    expect(keyHint('0123456789abcdef')).toBe('…cdef'); // 16: no longer short
  });

  it('shows at most 4 characters of a key under 16 characters, fewer the shorter it is', () => {
    expect(keyHint('k9Xq2Wm7Pz')).toBe('…7Pz');
    expect(keyHint('sk-abc12345xyz')).toBe('…5xyz');
    expect(keyHint('0123456789abcde')).toBe('…bcde');
    expect(keyHint('12345678')).toBe('…78');
    expect(keyHint('fth_live_8cja')).toBe('…8cja');
    for (let length = 1; length < 16; length++) {
      const key = 'abcdefghijklmnop'.slice(0, length);
      const hint = keyHint(key);
      expect(visible(hint).length).toBeLessThanOrEqual(4);
      expect(visible(hint).length).toBeLessThanOrEqual(Math.floor(length / 3));
    }
  });

  it('redactKeys still replaces fth_ keys by pattern, short ones with the short hint', () => {
    expect(redactKeys('key fth_live_aaaaaaaaaaaaaaaaaaaa8cja refused')).toBe('key fth_live_…8cja refused');
    expect(redactKeys('key fth_live_8cja refused')).toBe('key …8cja refused');
  });
});
