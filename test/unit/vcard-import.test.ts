import { describe, expect, it } from 'vitest';
import { decodeFile } from '../../electron/core/contacts/import/decode-text';
import { ImportPlanner, indexExisting } from '../../electron/core/contacts/import/import-plan';
import { parseVcards, parseVcardsInSlices } from '../../electron/core/contacts/import/vcard-import';
import { parseHead } from '../../electron/core/contacts/import/vcard-lines';

/** Cards as the apps write them, CRLF line ends unless a test says otherwise. */
const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n';
const one = (text: string) => {
  const { records, errors } = parseVcards(text);
  expect(errors).toEqual([]);
  expect(records).toHaveLength(1);
  return records[0]!;
};
const labels = (text: string) => one(text).phones.map((p) => `${p.label} ${p.raw}`);

/** A JPEG-ish base64 blob of about `bytes` characters. */
const base64Blob = (bytes: number) =>
  'AAgAAgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/9j/4AAQSkZJRgABAQ'
    .repeat(Math.ceil(bytes / 100))
    .slice(0, bytes);
/** RFC folding at 75 characters, continuation lines indented by one space. */
const fold = (line: string, width = 75) => {
  const out = [line.slice(0, width)];
  for (let i = width; i < line.length; i += width - 1) out.push(' ' + line.slice(i, i + width - 1));
  return out;
};

describe('vCard N components are comma lists (RFC 6350 §6.2.2)', () => {
  it('joins a component’s values with spaces, never keeping the raw comma; an escaped comma stays a comma', () => {
    const card = (n: string, version = '4.0') =>
      one(crlf(['BEGIN:VCARD', `VERSION:${version}`, `N:${n}`, 'FN:x', 'TEL:+1 415 555 0132', 'END:VCARD']));
    expect(card('Stevenson;John;Philip,Paul;Dr.;Jr.,M.D.,A.C.P.')).toMatchObject({ lastName: 'Stevenson', firstName: 'John Philip Paul' });
    expect(card('Richter;John;Richter,James', '3.0')).toMatchObject({ firstName: 'John Richter James' });
    expect(card('Smith\\, Jones;Ann;;;')).toMatchObject({ lastName: 'Smith, Jones', firstName: 'Ann' });
  });
});

describe('vCard 2.1 quoted-printable (Android, Outlook, Nokia)', () => {
  it('decodes UTF-8 quoted-printable names and joins soft line breaks in notes', () => {
    const android = crlf([
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:N=C3=BA=C3=B1ez;Jos=C3=A9;;;',
      'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Jos=C3=A9 N=C3=BA=C3=B1ez Garc=C3=ADa',
      'TEL;CELL:+34 612 34 56 78',
      'NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Llamar por la ma=C3=B1ana, nunca despu=C3=A9s de las 18h.=0A=',
      'Prefiere espa=C3=B1ol; tiene perro =E2=80=94 no tocar el timbre.',
      'END:VCARD',
    ]);
    const jose = one(android);
    expect(jose).toMatchObject({ firstName: 'José', lastName: 'Núñez', displayName: 'José Núñez García' });
    expect(jose.notes).toBe('Llamar por la mañana, nunca después de las 18h.\nPrefiere español; tiene perro — no tocar el timbre.');
  });

  it('takes the bare 2.1 QUOTED-PRINTABLE parameter and a soft break in the middle of a multi-byte character', () => {
    const card = crlf([
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=UTF-8;QUOTED-PRINTABLE:=E7=94=B0=E4=B8=AD;=E7=94=B1=',
      '=E7=B4=80;;;',
      'TEL;VOICE;CELL:090-1234-5678',
      'END:VCARD',
    ]);
    expect(one(card)).toMatchObject({ lastName: '田中', firstName: '由紀' });
  });

  it('reads each value in its own CHARSET, whatever the file was decoded as', () => {
    const card = crlf([
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=ISO-8859-7;ENCODING=QUOTED-PRINTABLE:=D0=E1=F0=E1=E4=FC=F0=EF=F5=EB=EF=F2;=D3=F9=EA=F1=DC=F4=E7=F2',
      'ORG;CHARSET=Windows-1253;ENCODING=QUOTED-PRINTABLE:=A2=ED=ED=E1 =C3=E5=F9=F1=E3=DF=EF=F5 =C1=C5',
      'TITLE;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=93c=92=86',
      'NOTE;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Fran=E7ois appelle le mardi',
      'TEL;HOME:+30 21 0123 4567',
      'END:VCARD',
    ]);
    expect(one(card)).toMatchObject({
      lastName: 'Παπαδόπουλος',
      firstName: 'Σωκράτης',
      company: 'Άννα Γεωργίου ΑΕ',
      title: '田中',
      notes: 'François appelle le mardi',
    });
  });

  it('reads an Outlook 2003 card: Windows-1252 quoted-printable, 2.1 bare types, fax and pager kept as such', () => {
    const outlook = crlf([
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;LANGUAGE=de;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:M=FCller;S=F6ren',
      'FN;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:S=F6ren M=FCller',
      'ORG;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:M=FCller & S=F6hne GmbH;Vertrieb',
      'TITLE;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:Gesch=E4ftsf=FChrer',
      'NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:Bitte nur vormittags anrufen =96 nie nach 12 Uhr.=0D=0A=',
      'Gr=FC=DFe an die Familie, =84Frau Meier=93.',
      'TEL;WORK;VOICE:+49 (30) 1234567',
      'TEL;HOME;VOICE:+49 (30) 7654321',
      'TEL;CELL;VOICE:+49 (171) 1234567',
      'TEL;WORK;FAX:+49 (30) 1234568',
      'TEL;HOME;FAX:+49 (30) 7654322',
      'TEL;PAGER;VOICE:+49 (30) 5555',
      'ADR;WORK;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:;;Hauptstra=DFe 1;Berlin;;10115;Deutschland',
      'LABEL;WORK;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:Hauptstra=DFe 1=0D=0A=',
      'Berlin 10115=0D=0A=',
      'Deutschland',
      'EMAIL;PREF;INTERNET:soeren.mueller@example.de',
      'REV:20240101T120000Z',
      'END:VCARD',
    ]);
    const soeren = one(outlook); // no "Unreadable line" for the soft-broken LABEL either
    expect(soeren).toMatchObject({
      firstName: 'Sören',
      lastName: 'Müller',
      displayName: '',
      company: 'Müller & Söhne GmbH',
      title: 'Geschäftsführer',
      emails: ['soeren.mueller@example.de'],
    });
    expect(soeren.notes).toBe('Bitte nur vormittags anrufen – nie nach 12 Uhr.\nGrüße an die Familie, „Frau Meier“.');
    expect(soeren.phones.map((p) => p.label)).toEqual(['work', 'home', 'mobile', 'fax', 'fax', 'pager']);
  });

  it('falls back to Windows-1252 for quoted-printable bytes that are not UTF-8 and have no CHARSET', () => {
    const card = crlf([
      'BEGIN:VCARD',
      'VERSION:2.1',
      'FN;ENCODING=QUOTED-PRINTABLE:Ren=E9e Lef=E8vre',
      'TEL:+33 1 23 45 67 89',
      'END:VCARD',
    ]);
    expect(one(card).displayName).toBe('Renée Lefèvre');
  });

  it('reads a Nokia card with unindented base64 photo lines without an "Unreadable line" for each', () => {
    const photo = base64Blob(900);
    const nokia = crlf([
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:Virtanen;Matti',
      'TEL;PREF;HOME:+358 9 1234567',
      'TEL;CELL:+358 40 1234567',
      'TEL;TEXTPHONE:+358 9 7654321',
      `PHOTO;ENCODING=BASE64;TYPE=JPEG:${photo.slice(0, 76)}`,
      ...photo.slice(76).match(/.{1,76}/g)!,
      '',
      'X-EPOCSECONDNAME:Masa',
      'EMAIL;INTERNET:matti.virtanen@example.fi',
      'END:VCARD',
    ]);
    expect(labels(nokia)).toEqual(['home +358 9 1234567', 'mobile +358 40 1234567', 'tty +358 9 7654321']);
    expect(one(nokia).emails).toEqual(['matti.virtanen@example.fi']);
  });

  it('reads past extension properties with a space in their name (Highrise "X-GOOGLE TALK") without reporting them', () => {
    const highrise = crlf([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'X-YAHOO;TYPE=HOME:yahoo.jacob.whitaker',
      'X-GOOGLE TALK;TYPE=WORK:gtalk.jacob.whitaker',
      'X-MS IM;ENCODING=QUOTED-PRINTABLE:jacob=',
      '=40example.com',
      'N:Whitaker;Jacob;;;',
      'TEL;TYPE=CELL:310.555.0122',
      'FN:Jacob Whitaker',
      'END:VCARD',
    ]);
    expect(one(highrise)).toMatchObject({
      firstName: 'Jacob',
      lastName: 'Whitaker',
      phones: [{ label: 'mobile', raw: '310.555.0122', doNotCall: false }],
      notes: '',
    });
  });

  it('keeps an unescaped note line that happens to start like "X-ray results: …" in the note', () => {
    const card = crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Ann Lee', 'NOTE:Seen on Monday', 'X-ray results: fine', 'END:VCARD']);
    expect(one(card).notes).toBe('Seen on Monday\nX-ray results: fine');
  });

  it('still reports a line that is neither a property nor base64', () => {
    const { errors } = parseVcards(crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Ann Lee', 'this line is not a property', 'END:VCARD']));
    expect(errors).toEqual([{ row: 1, message: 'Unreadable line: this line is not a property' }]);
  });
});

describe('phone types: a fax is never a voice number', () => {
  it.each([
    ['TEL;WORK;FAX:+1 212 555 0101', 'fax'],
    ['TEL;TYPE=FAX,WORK:+1 212 555 0101', 'fax'],
    ['TEL;TYPE=HOME,FAX:+1 212 555 0101', 'fax'],
    ['TEL;TYPE=work;TYPE=fax:+1 212 555 0101', 'fax'],
    ['TEL;TYPE="work,fax":+1 212 555 0101', 'fax'],
    ['TEL;PAGER:+1 212 555 0101', 'pager'],
    ['TEL;TYPE=TEXTPHONE:+1 212 555 0101', 'tty'],
    ['TEL;TYPE=x-tty-tdd:+1 212 555 0101', 'tty'],
    ['TEL;X-EVOLUTION-UI-SLOT=3;TYPE=X-EVOLUTION-TTYTDD:+44 161 496 0443', 'tty'],
    ['TEL;X-EVOLUTION-UI-SLOT=3;TYPE=X-EVOLUTION-TELEX:+44 20 7946 0716', 'telex'],
    ['TEL;X-EVOLUTION-UI-SLOT=3;TYPE=X-EVOLUTION-CALLBACK:+44 117 496 0572', 'callback'],
    ['TEL;MODEM:+1 212 555 0101', 'modem'],
    ['TEL;BBS:+1 212 555 0101', 'modem'],
    ['TEL;CELL:+1 212 555 0101', 'mobile'],
    ['TEL;TYPE=CELL,VOICE,PREF:+1 212 555 0101', 'mobile'],
    ['TEL;WORK;VOICE:+1 212 555 0101', 'work'],
    ['TEL;PREF;HOME:+1 212 555 0101', 'home'],
    ['TEL;VOICE:+1 212 555 0101', 'other'],
    ['TEL;X-Werkstatt:+49 30 1234567', 'werkstatt'],
    ['TEL;TYPE=ISDN:+49 30 1234567', 'isdn'],
  ])('%s → %s', (line, label) => {
    expect(one(crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Test Person', line, 'END:VCARD'])).phones[0]!.label).toBe(label);
  });

  it('reads Apple item labels, and a fax label wins over the TEL types', () => {
    const iphone = crlf([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Appleseed;Johnny;;;',
      'FN:Johnny Appleseed',
      'item1.TEL;type=pref:+1 408 555 0101',
      'item1.X-ABLabel:_$!<Mobile>!$_',
      'item2.TEL;type=HOME:+1 408 555 0102',
      'item2.X-ABLabel:_$!<HomeFAX>!$_',
      'item3.TEL:+1 408 555 0103',
      'item3.X-ABLabel:homeFax',
      'item4.TEL;type=WORK;type=VOICE:+1 408 555 0104',
      'item4.X-ABLabel:Front desk',
      'TEL;type=WORK;type=FAX:+1 408 555 0105',
      'END:VCARD',
    ]);
    expect(labels(iphone)).toEqual([
      'mobile +1 408 555 0101',
      'fax +1 408 555 0102',
      'fax +1 408 555 0103',
      'front desk +1 408 555 0104',
      'fax +1 408 555 0105',
    ]);
  });

  it('reads Evolution numbers with quoted parameter values, folded inside the quotes, holding : ; and ,', () => {
    const evolution = crlf([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Matthew Adams',
      'TEL;X-EVOLUTION-UI-SLOT=1;X-COUCHDB-UUID="c2fa1cca-2926-4087-8971-609cfc735',
      ' 4ce";TYPE=CELL:+44 7825 997551',
      'TEL;X-EVOLUTION-UI-SLOT=2;X-COUCHDB-UUID="urn:uuid;a,b:c";TYPE=WORK,VOICE:028 9018 0565',
      'TEL;X-EVOLUTION-UI-SLOT=3;X-COUCHDB-UUID="c2fa1d08-2926-4087:8971-609cfc735',
      '\t4ce";TYPE=X-EVOLUTION-TTYTDD:0161 496 0443',
      'EMAIL;TYPE=WORK:madams@example.co.uk',
      'END:VCARD',
    ]);
    expect(labels(evolution)).toEqual(['mobile +44 7825 997551', 'work 028 9018 0565', 'tty 0161 496 0443']);
  });

  it('reads quoted parameter values per RFC 6350 (":" ";" "," inside quotes) and RFC 6868 ^-escapes', () => {
    const params = 'item1.TEL;X-COUCHDB-UUID="urn:uuid;a,b";TYPE="fax,work";X-NOTE="say ^\'hi^\'^nnow ^^":';
    expect(parseHead(`${params}+1 212 555 0199`)).toEqual({
      group: 'item1',
      name: 'TEL',
      params: { 'X-COUCHDB-UUID': ['urn:uuid;a,b'], TYPE: ['fax', 'work'], 'X-NOTE': ['say "hi"\nnow ^'] },
      valueStart: params.length,
    });
  });

  it('reads a number leniently when its quoted parameter is never closed', () => {
    expect(labels(crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Ann Lee', 'TEL;X-ID="abc;TYPE=CELL:+1 212 555 0101', 'END:VCARD']))).toEqual([
      'mobile +1 212 555 0101',
    ]);
  });

  it('reads vCard 4.0 tel: URIs with quoted type lists', () => {
    const card = crlf([
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Kim Lee',
      'TEL;VALUE=uri;TYPE="work,voice";PREF=1:tel:+1-212-555-0100;ext=7',
      'TEL;VALUE=uri;TYPE="fax,work":tel:+1-212-555-0199',
      'END:VCARD',
    ]);
    expect(labels(card)).toEqual(['work +1-212-555-0100 ext 7', 'fax +1-212-555-0199']);
  });
});

describe('iPhone 3.0 with photos and line-end quirks', () => {
  const photoLines = fold(`PHOTO;ENCODING=b;TYPE=JPEG:${base64Blob(4000)}`);
  const iphone = (eol: string) =>
    [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'PRODID:-//Apple Inc.//iPhone OS 17.2//EN',
      'N:Dubois;Émilie;;;',
      'FN:Émilie Dubois',
      'item1.TEL;type=pref:+33 6 12 34 56 78',
      'item1.X-ABLabel:_$!<Mobile>!$_',
      ...photoLines,
      'NOTE:Deux lignes\\nde note',
      'END:VCARD',
      '',
    ].join(eol);

  it.each([
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR', '\r'],
    ['CR CR LF', '\r\r\n'],
  ])('%s line ends: the folded photo is skipped and nothing is reported', (_name, eol) => {
    const emilie = one(iphone(eol));
    expect(emilie).toMatchObject({ firstName: 'Émilie', lastName: 'Dubois', notes: 'Deux lignes\nde note' });
    expect(emilie.phones).toEqual([{ label: 'mobile', raw: '+33 6 12 34 56 78', doNotCall: false }]);
  });

  it('unfolds folded text lines, tab or space, in the middle of a word', () => {
    const card = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Yuki Tanaka',
      'NOTE:This note is long enough that the iPhone folds it across several line',
      ' s when it exports the card\\, as RFC 2426 allo',
      '\tws.',
      'END:VCARD',
    ].join('\r\r\n');
    expect(one(card).notes).toBe(
      'This note is long enough that the iPhone folds it across several lines when it exports the card, as RFC 2426 allows.',
    );
  });

  it('skips a PHOTO whose base64 is indented with a blank line after it (Android 2.1)', () => {
    const card = crlf([
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:Lee;Ann;;;',
      `PHOTO;ENCODING=BASE64;JPEG:${base64Blob(76)}`,
      ...base64Blob(600)
        .match(/.{1,76}/g)!
        .map((l) => ` ${l}`),
      '',
      'TEL;CELL:+1 415 555 0142',
      'END:VCARD',
    ]);
    expect(labels(card)).toEqual(['mobile +1 415 555 0142']);
  });
});

describe('names, notes, emails and escapes', () => {
  it('keeps the first FN, or the preferred one', () => {
    expect(one(crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Dr. Ann Lee', 'FN:Ann', 'N:Lee;Ann;;;', 'END:VCARD'])).displayName).toBe(
      'Dr. Ann Lee',
    );
    expect(one(crlf(['BEGIN:VCARD', 'VERSION:4.0', 'FN:Ann', 'FN;PREF=1:Dr. Ann Lee', 'N:Lee;Ann;;;', 'END:VCARD'])).displayName).toBe(
      'Dr. Ann Lee',
    );
    expect(one(crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Ann', 'FN;TYPE=pref:Dr. Ann Lee', 'END:VCARD'])).displayName).toBe('Dr. Ann Lee');
  });

  it('keeps every NOTE, separated by a blank line', () => {
    expect(one(crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Ann Lee', 'NOTE:Gate code 4711', 'NOTE:Prefers mornings', 'END:VCARD'])).notes).toBe(
      'Gate code 4711\n\nPrefers mornings',
    );
  });

  it('uses N when FN is missing, the first ORG component as the company, and ignores BDAY', () => {
    const r = one(
      crlf([
        'BEGIN:VCARD',
        'VERSION:2.1',
        'N:Lee;Ann;Marie;Dr.;PhD',
        'ORG:Northwind Health;Cardiology;Ward 3',
        'TITLE:Consultant',
        'BDAY:1980-04-01',
        'CATEGORIES:Patients,VIP',
        'END:VCARD',
      ]),
    );
    expect(r).toMatchObject({
      displayName: '',
      firstName: 'Ann Marie',
      lastName: 'Lee',
      company: 'Northwind Health',
      title: 'Consultant',
      tags: ['Patients', 'VIP'],
      notes: '',
    });
  });

  it('reads RFC escapes and, leniently, \\" and \\:', () => {
    const r = one(
      crlf([
        'BEGIN:VCARD',
        'VERSION:3.0',
        'N:O\\;Brien;Seán;;;',
        'FN:Seán O;Brien',
        'ORG:Baker\\, Sons \\& Co\\;;Plumbing',
        'NOTE:Says \\"call me Sean\\"\\NTime: 10\\:30\\, path C:\\\\temp',
        'END:VCARD',
      ]),
    );
    expect(r.lastName).toBe('O;Brien');
    expect(r.company).toBe('Baker, Sons \\& Co;');
    expect(r.notes).toBe('Says "call me Sean"\nTime: 10:30, path C:\\temp');
  });

  it('keeps every email, drops ones that are not addresses, and reads mailto:', () => {
    const r = one(
      crlf([
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Ann Lee',
        'EMAIL;TYPE=work:ann@northwind.example',
        'EMAIL;TYPE=home:mailto:ann.lee@example.com',
        'EMAIL:-',
        'EMAIL:ANN@northwind.example',
        'END:VCARD',
      ]),
    );
    expect(r.emails).toEqual(['ann@northwind.example', 'ann.lee@example.com']);
  });

  it.each(['-', '--', '—', 'n/a', 'N/A', '#N/A', 'none', 'null'])(
    'reads the placeholder "%s" as no value in EMAIL, FN, ORG, TITLE and TEL, quietly',
    (nothing) => {
      const card = crlf([
        'BEGIN:VCARD',
        'VERSION:3.0',
        `FN:${nothing}`,
        'N:Lee;Ann;;;',
        `ORG:${nothing};`,
        `TITLE:${nothing}`,
        `TEL;TYPE=CELL:${nothing}`,
        'TEL;TYPE=WORK:+1 212 555 0100',
        `EMAIL;TYPE=INTERNET:${nothing}`,
        'END:VCARD',
      ]);
      const r = one(card);
      expect(r).toMatchObject({
        displayName: '',
        firstName: 'Ann',
        lastName: 'Lee',
        company: '',
        title: '',
        emails: [],
        phones: [{ label: 'work', raw: '+1 212 555 0100', doNotCall: false }],
      });
      expect(r.warnings).toBeUndefined();
    },
  );

  it('skips a card that holds only placeholders, and names an email-only card by its real address', () => {
    const { records } = parseVcards(
      crlf([
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:n/a',
        'TEL:-',
        'EMAIL:-',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:-',
        'EMAIL:none',
        'EMAIL:info@example.com',
        'END:VCARD',
      ]),
    );
    expect(records.map((r) => [r.displayName, r.skipReason ?? null])).toEqual([
      ['', 'An empty card: no name, number or email.'],
      ['info@example.com', null],
    ]);
  });

  it('warns about an EMAIL that is not an address, reads "Name <address>", and several addresses in one value', () => {
    const r = one(
      crlf([
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Ann Lee',
        'EMAIL:Ann Lee <ann@example.com>',
        'EMAIL:ann at example dot com',
        'EMAIL:a@example.org\\, b@example.org',
        'END:VCARD',
      ]),
    );
    expect(r.emails).toEqual(['ann@example.com', 'a@example.org', 'b@example.org']);
    expect(r.warnings).toEqual(['EMAIL: "ann at example dot com" is not an email address; not imported.']);
  });
});

describe('what is and is not a contact', () => {
  const plan = (text: string) => {
    const { records } = parseVcards(text);
    let n = 0;
    const planner = new ImportPlanner(records, indexExisting([]), 'US', () => `id-${++n}`, '2026-11-26T00:00:00.000Z');
    planner.step(records.length);
    return planner.rows;
  };

  it('skips vCard 4.0 and Apple group cards with a reason', () => {
    const groups = crlf([
      'BEGIN:VCARD',
      'VERSION:4.0',
      'KIND:group',
      'FN:Book club',
      'MEMBER:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'X-ADDRESSBOOKSERVER-KIND:group',
      'N:Family;;;;',
      'FN:Family',
      'X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'KIND:individual',
      'FN:Ann Lee',
      'TEL:+1 212 555 0100',
      'END:VCARD',
    ]);
    const { records } = parseVcards(groups);
    expect(records.map((r) => r.skipReason ?? null)).toEqual(['A contact group, not a person.', 'A contact group, not a person.', null]);
    expect(plan(groups).map((r) => r.kind)).toEqual(['skip', 'skip', 'new']);
  });

  it('imports email-only cards, names them by their address when they have no name, and skips empty ones', () => {
    const text = crlf([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Ingrid Bergman',
      'EMAIL:ingrid@example.se',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:',
      'N:;;;;',
      'EMAIL;TYPE=INTERNET:newsletter@example.com',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:;;;;',
      'FN:',
      'END:VCARD',
    ]);
    const rows = plan(text);
    expect(rows.map((r) => [r.kind, r.name])).toEqual([
      ['new', 'Ingrid Bergman'],
      ['new', 'newsletter@example.com'],
      ['skip', 'Unnamed contact'],
    ]);
    expect(parseVcards(text).records[2]!.skipReason).toBe('An empty card: no name, number or email.');
  });

  it('reports a card without END:VCARD and reads it anyway', () => {
    const { records, errors } = parseVcards(
      crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Ann Lee', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Tom Baker']),
    );
    expect(records.map((r) => r.displayName)).toEqual(['Ann Lee', 'Tom Baker']);
    expect(errors.map((e) => e.row)).toEqual([1, 2]);
  });

  it('ignores the 2.1 AGENT card embedded in another card', () => {
    const text = crlf([
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:Boss;Big',
      'AGENT:',
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:Assistant;Anna',
      'TEL:+1 212 555 0111',
      'END:VCARD',
      'TEL;WORK:+1 212 555 0100',
      'END:VCARD',
    ]);
    expect(one(text)).toMatchObject({ lastName: 'Boss', phones: [{ label: 'work', raw: '+1 212 555 0100', doNotCall: false }] });
  });

  it('says when a file has no vCard in it', () => {
    expect(parseVcards('Name,Phone\r\nAnn,555-0100\r\n').errors).toEqual([
      { row: 0, message: 'No vCard in this file (no BEGIN:VCARD line).' },
    ]);
  });
});

describe('parsing in slices', () => {
  const card = (i: number) =>
    crlf([
      'BEGIN:VCARD',
      'VERSION:3.0',
      `N:Person${i};Test;;;`,
      `FN:Test Person${i}`,
      `item1.TEL;type=pref:+1 212 555 ${String(i % 10000).padStart(4, '0')}`,
      'item1.X-ABLabel:_$!<Mobile>!$_',
      ...fold(`PHOTO;ENCODING=b;TYPE=JPEG:${base64Blob(20_000)}`),
      'END:VCARD',
    ]);
  const text = Array.from({ length: 300 }, (_, i) => card(i)).join('');

  it('gives the same result as one synchronous pass, handing the event loop back between slices', async () => {
    let pauses = 0;
    let longestCpuMs = 0; // CPU time, not wall time: a busy test machine preempts us, which is not our blocking
    let last = process.cpuUsage();
    const sliced = await parseVcardsInSlices(
      text,
      async () => {
        pauses++;
        const used = process.cpuUsage(last);
        longestCpuMs = Math.max(longestCpuMs, (used.user + used.system) / 1000);
        await new Promise((resolve) => setImmediate(resolve));
        last = process.cpuUsage();
      },
      1,
    );
    expect(sliced).toEqual(parseVcards(text));
    expect(sliced.records).toHaveLength(300);
    expect(pauses).toBeGreaterThan(3); // 6 MB of cards does not go through in one slice of 1 ms
    expect(longestCpuMs).toBeLessThan(50);
  });

  it('reads the decoded pieces of a file without joining them, and pieces cut anywhere too', () => {
    const whole = parseVcards(text);
    const file = decodeFile(new TextEncoder().encode(text));
    expect(file.chunks.length).toBeGreaterThan(10);
    expect(parseVcards(file.chunks)).toEqual(whole);
    expect(parseVcards(text.match(/[\s\S]{1,997}/g)!)).toEqual(whole); // cut inside lines, CR LF pairs and folded photos
  });

  it('stops when the pause rejects (a cancelled import)', async () => {
    await expect(parseVcardsInSlices(text, () => Promise.reject(new Error('cancelled')), 1)).rejects.toThrow('cancelled');
  });
});
