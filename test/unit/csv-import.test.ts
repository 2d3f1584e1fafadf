import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ColumnMappingSchema } from '../../shared/contacts/import/column-mapping';
import { customKeyFor } from '../../shared/contacts/import/custom-key';
import { csvRecords, parseCsv, type ColumnMapping } from '../../electron/core/contacts/import/csv-import';
import { ImportPlanner, indexExisting } from '../../electron/core/contacts/import/import-plan';
import type { ImportRecord } from '../../electron/core/contacts/import/import-record';

// English Outlook (2010–365) "Export to CSV", header line as Outlook writes it.
const OUTLOOK_HEADER =
  '"Title","First Name","Middle Name","Last Name","Suffix","Company","Department","Job Title","Business Street","Business Street 2","Business Street 3","Business City","Business State","Business Postal Code","Business Country/Region","Home Street","Home Street 2","Home Street 3","Home City","Home State","Home Postal Code","Home Country/Region","Other Street","Other Street 2","Other Street 3","Other City","Other State","Other Postal Code","Other Country/Region","Assistant\'s Phone","Business Fax","Business Phone","Business Phone 2","Callback","Car Phone","Company Main Phone","Home Fax","Home Phone","Home Phone 2","ISDN","Mobile Phone","Other Fax","Other Phone","Pager","Primary Phone","Radio Phone","TTY/TDD Phone","Telex","Account","Anniversary","Assistant\'s Name","Billing Information","Birthday","Business Address PO Box","Categories","Children","Directory Server","E-mail Address","E-mail Type","E-mail Display Name","E-mail 2 Address","E-mail 2 Type","E-mail 2 Display Name","E-mail 3 Address","E-mail 3 Type","E-mail 3 Display Name","Gender","Government ID Number","Hobby","Home Address PO Box","Initials","Internet Free Busy","Keywords","Language","Location","Manager\'s Name","Mileage","Notes","Office Location","Organizational ID Number","Other Address PO Box","Priority","Private","Profession","Referred By","Sensitivity","Spouse","User 1","User 2","User 3","User 4","Web Page"';

// Google Contacts, the "Google CSV" layout before 2023 …
const GOOGLE_OLD_HEADER =
  'Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Phone 3 - Type,Phone 3 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department,Organization 1 - Symbol,Organization 1 - Location,Organization 1 - Job Description,Website 1 - Type,Website 1 - Value,Custom Field 1 - Type,Custom Field 1 - Value';

// … and since 2023.
const GOOGLE_NEW_HEADER =
  'First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Phone 3 - Label,Phone 3 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Relation 1 - Label,Relation 1 - Value,Website 1 - Label,Website 1 - Value,Event 1 - Label,Event 1 - Value,Custom Field 1 - Label,Custom Field 1 - Value';

/** A file with `header` (plus `extra` columns) and one line per row, cells placed by column name. */
function csv(header: string, rows: Array<Record<string, string>>, extra: string[] = []): string {
  const names = [...(Papa.parse<string[]>(header).data[0] ?? []), ...extra];
  const line = (values: Record<string, string>) => Papa.unparse([names.map((n) => values[n] ?? '')], { quotes: true });
  return [extra.length ? `${header},${Papa.unparse([extra], { quotes: true })}` : header, ...rows.map(line)].join('\r\n');
}

const read = (text: string) => {
  const parsed = parseCsv(text);
  return { parsed, records: csvRecords(parsed, parsed.mapping) };
};

let n = 0;
const plan = (records: ImportRecord[], country = 'US') => {
  const planner = new ImportPlanner(records, indexExisting([]), country, () => `id-${++n}`, '2026-11-26T00:00:00.000Z');
  planner.step(records.length);
  return planner.rows;
};

/** What Outlook writes in a row where nothing was filled in. */
const OUTLOOK_DEFAULTS = {
  Birthday: '0/0/00',
  Anniversary: '0/0/00',
  Gender: 'Unspecified',
  Priority: 'Normal',
  Private: 'False',
  Sensitivity: 'Normal',
};

describe('Outlook CSV: the full English header, column by column', () => {
  const ada = {
    ...OUTLOOK_DEFAULTS,
    Title: 'Dr.',
    'First Name': 'Ada',
    'Middle Name': 'King',
    'Last Name': 'Lovelace',
    Suffix: 'PhD',
    Company: 'Analytical Engines Ltd',
    Department: 'Research',
    'Job Title': 'Chief Engineer',
    "Assistant's Phone": '+44 20 7946 0001',
    'Business Fax': '+44 20 7946 0002',
    'Business Phone': '+44 20 7946 0003',
    'Business Phone 2': '+44 20 7946 0004',
    Callback: '+44 20 7946 0005',
    'Car Phone': '+44 7911 100006',
    'Company Main Phone': '+44 20 7946 0007',
    'Home Fax': '+44 20 7946 0008',
    'Home Phone': '+44 20 7946 0009',
    'Home Phone 2': '+44 20 7946 0010',
    ISDN: '+44 20 7946 0011',
    'Mobile Phone': '+44 7911 100012',
    'Other Fax': '+44 20 7946 0013',
    'Other Phone': '+44 20 7946 0014',
    Pager: '+44 7911 100015',
    'Primary Phone': '+44 20 7946 0016',
    'Radio Phone': '+44 7911 100017',
    'TTY/TDD Phone': '+44 20 7946 0018',
    Telex: '+44 20 7946 0019',
    Categories: 'Patients;VIP',
    'E-mail Address': 'ada@engines.example',
    'E-mail Type': 'SMTP',
    'E-mail Display Name': 'Ada Lovelace (ada@engines.example)',
    'E-mail 2 Address': 'ADA@Engines.Example',
    'E-mail 2 Type': 'SMTP',
    'E-mail 2 Display Name': 'Ada (work)',
    'Government ID Number': '123-45-6789',
    'Organizational ID Number': '0044 2079 460020',
    "Manager's Name": 'Charles Babbage',
    Notes: 'Prefers mornings.',
    'User 1': 'Gold',
  };
  const { parsed, records } = read(csv(OUTLOOK_HEADER, [ada]));
  const record = records[0]!;

  it('is recognised as Outlook', () => {
    expect(parsed.format).toBe('outlook');
    expect(parsed.headers).toHaveLength(92);
  });

  it('gives every phone column its own label: fax, pager, telex, TTY, callback, ISDN and the rest', () => {
    expect(record.phones.map((p) => [p.label, p.raw.slice(-4)])).toEqual([
      ['assistant', '0001'],
      ['fax', '0002'],
      ['work', '0003'],
      ['work', '0004'],
      ['callback', '0005'],
      ['car', '0006'],
      ['company', '0007'],
      ['fax', '0008'],
      ['home', '0009'],
      ['home', '0010'],
      ['isdn', '0011'],
      ['mobile', '0012'],
      ['fax', '0013'],
      ['other', '0014'],
      ['pager', '0015'],
      ['main', '0016'],
      ['radio', '0017'],
      ['tty', '0018'],
      ['telex', '0019'],
    ]);
  });

  it('never reads "E-mail Type" (SMTP) or "E-mail Display Name" as emails, and keeps one of two spellings of an address', () => {
    expect(record.emails).toEqual(['ada@engines.example']);
    expect(record.warnings ?? []).toEqual([]);
  });

  it('never reads the government or organisational ID number as a phone number', () => {
    expect(record.phones.map((p) => p.raw)).not.toContain('123-45-6789');
    expect(record.phones.map((p) => p.raw)).not.toContain('0044 2079 460020');
    expect(record.phones).toHaveLength(19);
  });

  it('takes the job title from "Job Title", not the honorific "Title" or the suffix; Categories → tags, Notes → notes', () => {
    expect(record).toMatchObject({
      firstName: 'Ada King',
      lastName: 'Lovelace',
      company: 'Analytical Engines Ltd',
      title: 'Chief Engineer',
      tags: ['Patients', 'VIP'],
      notes: 'Prefers mornings.',
      custom: {},
    });
  });

  it('keeps fax, pager, telex and TTY numbers with their type through the planner', () => {
    const [row] = plan(records, 'GB');
    const byLabel = (label: string) => row!.contact.phones.filter((p) => p.label === label).map((p) => p.e164);
    expect(byLabel('fax')).toEqual(['+442079460002', '+442079460008', '+442079460013']);
    expect(byLabel('pager')).toEqual(['+447911100015']);
    expect(byLabel('telex')).toEqual(['+442079460019']);
    expect(byLabel('tty')).toEqual(['+442079460018']);
    expect(row!.contact.emails).toEqual(['ada@engines.example']);
  });

  it("maps an added column with a plain name to a custom field; Outlook's own columns are never custom", () => {
    const {
      parsed: withPlan,
      records: [grace],
    } = read(
      csv(
        OUTLOOK_HEADER,
        [{ ...OUTLOOK_DEFAULTS, 'First Name': 'Grace', Plan: 'Enterprise', 'Account Manager': 'Sam' }],
        ['Plan', 'Account Manager'],
      ),
    );
    expect(withPlan.format).toBe('outlook');
    expect(withPlan.mapping.at(-2)).toEqual({ target: 'custom', label: 'plan' });
    expect(withPlan.mapping.at(-1)).toEqual({ target: 'custom', label: 'accountManager' });
    expect(grace!.custom).toEqual({ plan: 'Enterprise', accountManager: 'Sam' }); // not Gender, Priority, User 1…
  });

  it('reads "-", "—", "n/a", "none" and "null" as empty in every column', () => {
    const blank = {
      ...OUTLOOK_DEFAULTS,
      'First Name': 'Linus',
      Company: '—',
      'Job Title': 'N/A',
      'Mobile Phone': '-',
      'Business Phone': '--',
      'E-mail Address': '-',
      'E-mail 2 Address': 'n/a',
      Categories: 'none',
      Notes: 'NULL',
      'Home Phone': ' - ',
    };
    const [linus] = read(csv(OUTLOOK_HEADER, [blank])).records;
    expect(linus).toMatchObject({ firstName: 'Linus', company: '', title: '', phones: [], emails: [], tags: [], notes: '' });
    expect(linus!.warnings ?? []).toEqual([]);
  });

  it('drops an address that is not an email, and the preview says which column and value', () => {
    const rows = [
      {
        ...OUTLOOK_DEFAULTS,
        'First Name': 'Alan',
        'E-mail Address': 'alan at bletchley dot uk',
        'E-mail 2 Address': 'alan@bletchley.example',
        'E-mail 3 Address': 'Alan@Bletchley.Example',
      },
      {
        ...OUTLOOK_DEFAULTS,
        'First Name': 'Joan',
        'E-mail Address': '/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=joan',
        'E-mail Type': 'EX',
      },
    ];
    const {
      records: [alan, joan],
    } = read(csv(OUTLOOK_HEADER, rows));
    expect(alan!.emails).toEqual(['alan@bletchley.example']);
    expect(joan!.emails).toEqual([]);
    const planned = plan([alan!, joan!]);
    expect(planned[0]!.warnings).toEqual(['E-mail Address: "alan at bletchley dot uk" is not an email address; not imported.']);
    expect(planned[1]!.warnings[0]).toMatch(/^E-mail Address: "\/o=ExchangeLabs.*" is an Exchange address; not imported\.$/);
    expect(planned.map((r) => r.kind)).toEqual(['new', 'new']); // the row is still imported
  });
});

describe('Google Contacts CSV', () => {
  it('old layout: Type/Value pairs, " ::: " multi-values, fax and pager labels, Starred → favourite, Custom Field → custom', () => {
    const { parsed, records } = read(
      csv(GOOGLE_OLD_HEADER, [
        {
          Name: 'Marie Curie',
          'Given Name': 'Marie',
          'Family Name': 'Curie',
          Notes: '-',
          'Group Membership': '* My Contacts ::: * Starred ::: Friends',
          'E-mail 1 - Type': '* Home',
          'E-mail 1 - Value': 'marie@radium.example ::: MARIE@radium.example ::: pierre-and-marie',
          'Phone 1 - Type': 'Mobile',
          'Phone 1 - Value': '+33 6 12 34 56 78 ::: +33 6 98 76 54 32',
          'Phone 2 - Type': 'Work Fax',
          'Phone 2 - Value': '+33 1 44 27 00 00',
          'Phone 3 - Type': 'Pager',
          'Phone 3 - Value': '+33 6 00 00 00 01',
          'Organization 1 - Name': 'Institut du Radium',
          'Organization 1 - Title': 'Directrice',
          'Custom Field 1 - Type': 'Plan',
          'Custom Field 1 - Value': 'Gold',
        },
      ]),
    );
    expect(parsed.format).toBe('google');
    const [marie] = records;
    expect(marie).toMatchObject({
      firstName: 'Marie',
      lastName: 'Curie',
      company: 'Institut du Radium',
      title: 'Directrice',
      notes: '',
      favorite: true,
      tags: ['Friends'],
      custom: { plan: 'Gold' },
    });
    expect(marie!.phones).toEqual([
      { label: 'mobile', raw: '+33 6 12 34 56 78', doNotCall: false },
      { label: 'mobile', raw: '+33 6 98 76 54 32', doNotCall: false },
      { label: 'fax', raw: '+33 1 44 27 00 00', doNotCall: false },
      { label: 'pager', raw: '+33 6 00 00 00 01', doNotCall: false },
    ]);
    expect(marie!.emails).toEqual(['marie@radium.example']);
    expect(marie!.warnings).toEqual(['E-mail 1 - Value: "pierre-and-marie" is not an email address; not imported.']);
  });

  it('2023 layout: Label/Value pairs, "* starred" label, Home Fax, a "Plan" column added by hand → custom.plan', () => {
    const { parsed, records } = read(
      csv(
        GOOGLE_NEW_HEADER,
        [
          {
            'First Name': 'Rosalind',
            'Last Name': 'Franklin',
            Labels: '* myContacts ::: * starred ::: Clients',
            'Phone 1 - Label': 'Home Fax',
            'Phone 1 - Value': '+44 20 7946 0958',
            'Phone 2 - Label': 'Mobile',
            'Phone 2 - Value': '07700 900123',
            'E-mail 1 - Label': 'Work',
            'E-mail 1 - Value': 'rosalind@kings.example',
            Plan: 'Starter',
          },
          { 'First Name': 'Max', 'Last Name': 'Perutz', Labels: '* myContacts', 'E-mail 1 - Value': '-', Plan: 'n/a' },
        ],
        ['Plan'],
      ),
    );
    expect(parsed.format).toBe('google');
    expect(parsed.mapping.at(-1)).toEqual({ target: 'custom', label: 'plan' });
    const [rosalind, max] = records;
    expect(rosalind).toMatchObject({ favorite: true, tags: ['Clients'], emails: ['rosalind@kings.example'], custom: { plan: 'Starter' } });
    expect(rosalind!.phones.map((p) => p.label)).toEqual(['fax', 'mobile']);
    expect(max).toMatchObject({ favorite: false, tags: [], emails: [], custom: {} });
    // the known columns of the layout are not custom fields
    expect(parsed.mapping.filter((m) => m.target === 'custom').map((m) => m.label)).toEqual(['customField1', 'plan']);
  });
});

describe('custom fields', () => {
  it('any column can be mapped to a custom field in the mapping step', () => {
    const parsed = parseCsv('Customer,Cell,Tier,Account Manager\nDana Scully,(202) 555-0111,Gold,Walter\n');
    expect(parsed.format).toBe('generic');
    expect(parsed.mapping.map((m) => m.target)).toEqual(['ignore', 'phone', 'ignore', 'ignore']); // generic files guess no custom fields
    const mapping: ColumnMapping = [
      { target: 'displayName' },
      parsed.mapping[1]!,
      { target: 'custom', label: customKeyFor('Tier') },
      { target: 'custom', label: customKeyFor('Account Manager') },
    ];
    expect(ColumnMappingSchema.parse(mapping)).toEqual(mapping);
    const [dana] = csvRecords(parsed, mapping);
    expect(dana).toMatchObject({ displayName: 'Dana Scully', custom: { tier: 'Gold', accountManager: 'Walter' } });
  });

  it('suggests keys templates can read: camelCase of the header', () => {
    expect(customKeyFor('Plan')).toBe('plan');
    expect(customKeyFor('Account Manager')).toBe('accountManager');
    expect(customKeyFor('Société cliente')).toBe('societeCliente');
    expect(customKeyFor('customer_id')).toBe('customer_id');
    expect(customKeyFor('Customer ID')).toBe('customerId');
    expect(customKeyFor('2FA phone')).toBe('_2faPhone');
    expect(customKeyFor('constructor')).toBe('constructorField');
    expect(customKeyFor('计划', 'field3')).toBe('field3');
  });

  it('refuses a custom key that templates could not read or that is too long', () => {
    const bad = (label: string) => ColumnMappingSchema.safeParse([{ target: 'custom', label }]).success;
    expect(bad('plan')).toBe(true);
    expect(bad('account_manager')).toBe(true);
    expect(bad('my plan')).toBe(false);
    expect(bad('')).toBe(false);
    expect(bad('__proto__')).toBe(false);
    expect(bad('a'.repeat(61))).toBe(false);
    expect(ColumnMappingSchema.safeParse([{ target: 'custom' }]).success).toBe(false);
  });
});

describe('any other CSV', () => {
  it('does not guess ID, account or type columns as phones or emails', () => {
    const parsed = parseCsv('Name,Mobile,ID Number,Account Number,E-mail Type,Email,Office number\nA,1,2,3,SMTP,a@b.example,4\n');
    expect(parsed.format).toBe('generic');
    expect(parsed.mapping.map((m) => m.target)).toEqual(['displayName', 'phone', 'ignore', 'ignore', 'ignore', 'email', 'phone']);
  });

  it('is not taken for Outlook because it has a "Mobile Phone" column', () => {
    const parsed = parseCsv('Name,Mobile Phone,Email,Plan\nA,1,a@b.example,Gold\n');
    expect(parsed.format).toBe('generic');
    expect(parsed.mapping.map((m) => m.target)).toEqual(['displayName', 'phone', 'email', 'ignore']);
  });
});
