import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Modules stay small: no product file over 300 lines unless its first line says why, and the Dial
 * screen's views stay under about 200 lines each (its model lives in renderer/src/dial/).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PRODUCT = ['electron', 'shared', 'renderer'];
const WHY = /^\/\/ Over 300 lines on purpose: \S/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return filesUnder(file);
    return /\.(ts|tsx)$/.test(name) ? [file] : [];
  });
}
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').length;
const relative = (file: string) => path.relative(root, file);

describe('small modules', () => {
  it('no product file is over 300 lines without a first-line comment saying why', () => {
    const long = PRODUCT.flatMap((dir) => filesUnder(path.join(root, dir))).filter((file) => lines(file) > 300);
    const unexplained = long.filter((file) => !WHY.test(readFileSync(file, 'utf8')));
    expect(unexplained.map(relative)).toEqual([]);
  });

  it('each Dial screen view is at most about 200 lines', () => {
    const views = filesUnder(path.join(root, 'renderer/src/screens/dial'));
    expect(views.length).toBeGreaterThan(5);
    expect(views.filter((file) => lines(file) > 210).map(relative)).toEqual([]);
  });
});
