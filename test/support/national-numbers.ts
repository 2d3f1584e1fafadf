import { getCountries, getCountryCallingCode, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { generateForeignCsv } from '../../bench/generate-foreign-csv';
import { rng } from '../../bench/generate-contacts';

/** National numbers as import files hold them, for the tests of the import's quick number checks. */
const r = rng(18);
const digit = () => String(Math.floor(r() * 10));
const digits = (n: number) => Array.from({ length: n }, digit).join('');
const one = (s: string) => s[Math.floor(r() * s.length)]!;

/** Mobile examples of every country, written as people write them: with and without trunk prefix, calling code with or without +, digits changed. */
export function fromExamples(countries = getCountries()): string[] {
  const out: string[] = [];
  for (const country of countries) {
    const example = getExampleNumber(country, examples);
    if (!example) continue;
    const nsn = example.nationalNumber as string;
    const cc = getCountryCallingCode(country);
    const national = example.formatNational();
    for (let i = 0; i < 2; i++) {
      const changed = nsn
        .split('')
        .map((d, j) => (j >= 2 && r() < 0.3 ? digit() : d))
        .join('');
      out.push(changed, `0${changed}`, `1${changed}`, `${cc}${changed}`, `${cc}0${changed}`, changed.slice(1), `${changed}${digit()}`);
      out.push(`+${cc} ${changed}`, `00${cc} ${changed}`, `+${cc}0${changed}`);
    }
    out.push(national, nsn, `${cc} ${nsn}`, national.replace(/\d(?=\D*$)/, digit()));
  }
  return out;
}

/** The shapes a US file holds and the bench's foreign export, international prefixes, plus junk. */
export function shapes(): string[] {
  const out: string[] = [];
  const nxx = () => `${one('23456789')}${digit()}${digit()}`;
  for (let i = 0; i < 150; i++) {
    out.push(
      `(${nxx()}) ${nxx()}-${digits(4)}`,
      `1-${nxx()}-${nxx()}-${digits(4)}`,
      `${nxx()}.${nxx()}.${digits(4)}`,
      `1${nxx()}${nxx()}${digits(4)}`,
    );
    out.push(
      `07${one('1345789')}${digits(2)} ${digits(6)}`,
      `7${one('1345789')}${digits(2)} ${digits(6)}`,
      `447${digits(9)}`,
      `4407${digits(9)}`,
    );
    out.push(
      `01${digits(3)} ${digits(6)}`,
      `02${digit()} ${digits(4)} ${digits(4)}`,
      `0${one('389')}${digits(2)} ${digits(3)} ${digits(4)}`,
    );
    out.push(`0${digits(9)}`, `0${digits(10)}`, `0${digits(8)}`, `00${digits(10)}`, `(0${digits(2)}) ${digits(7)}`);
    out.push(
      `0${digits(2)} ${digits(2)}-15-${digits(4)}`,
      `0 ${one('12')}${one('1245')} ${digits(2)} 9${digits(4)}-${digits(4)}`,
      `1831 ${digits(9)}`,
      `91${digits(10)}`,
    );
    out.push(digits(1 + Math.floor(r() * 18)), `${digits(3)}/${digits(5)}`, `${digits(4)}`, `${digits(7)}`);
    out.push(
      `+800 ${digits(8)}`,
      `+0${digits(9)}`,
      `+${digits(1 + Math.floor(r() * 14))}`,
      `011 ${digits(11)}`,
      `0011 ${digits(11)}`,
      `001 ${digits(10)}`,
      `0${one('0123')}${digits(10)}`,
    );
  }
  return out;
}

export const FROM_FILE = generateForeignCsv(1500, 21)
  .split('\n')
  .slice(1)
  .flatMap((line) => [line.split(',')[5]!, line.split(',')[7]!])
  .filter(Boolean);
