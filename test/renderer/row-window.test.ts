import { describe, expect, it } from 'vitest';
import { rowRange, scrollTopFor } from '../../renderer/src/screens/contacts/row-window';

/** The contact list draws only the rows on screen (60 px each here), and brings a newly selected row into view. */
describe('the rows the contact list draws', () => {
  it('draws the rows on screen and a few either side, whatever the list’s length', () => {
    // 600 px of list scrolled to row 1,000 of 100,000: rows 1,000–1,009 on screen, 8 more each side
    expect(rowRange(60_000, 600, 100_000, 60, 8)).toEqual({ first: 992, last: 1_017 });
  });

  it('stops at the list’s ends', () => {
    expect(rowRange(0, 600, 100_000, 60, 8)).toEqual({ first: 0, last: 17 });
    expect(rowRange(0, 600, 3, 60, 8)).toEqual({ first: 0, last: 2 });
    expect(rowRange(0, 600, 0, 60, 8).last).toBeLessThan(0);
  });
});

describe('bringing the selected row into view', () => {
  it('leaves the list where it is when the row is already on screen', () => {
    expect(scrollTopFor(3, 0, 600, 60)).toBeNull();
    expect(scrollTopFor(9, 0, 600, 60)).toBeNull();
  });

  it('scrolls just far enough: a row below shows at the bottom, a row above at the top', () => {
    expect(scrollTopFor(10, 0, 600, 60)).toBe(60);
    expect(scrollTopFor(99_999, 0, 600, 60)).toBe(99_999 * 60 + 60 - 600);
    expect(scrollTopFor(4, 1_200, 600, 60)).toBe(240);
  });
});
