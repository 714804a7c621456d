// Files an import refuses as a whole, with a clear message and nothing recorded: not a spreadsheet, not
// UTF-8, too large, too many rows or columns, malformed CSV, sent as a form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';
import { expectProblem, USERS } from '../support/api-helpers.ts';
import { SPOKESPERSON_HEADERS as H, upload } from '../support/import-helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ withWorker: false });
});
afterAll(async () => h?.close());

describe('bad files', () => {
  const refused = async (
    body: string | Uint8Array,
    status: number,
    code: string,
    detail: RegExp,
    type?: string,
  ) => {
    const problem = await expectProblem(
      await upload(h, 'spokespersons', body, { as: USERS.admin, type }),
      status,
      code,
    );
    expect(problem.detail).toMatch(detail);
  };

  it('says what the file is when it is no spreadsheet', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await refused(png, 422, 'unsupported_file', /PNG image/, 'text/csv');
    await refused(
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]),
      422,
      'unsupported_file',
      /\.xls/,
    );
    await refused(new Uint8Array([7, 0, 255, 3, 0, 9]), 422, 'unsupported_file', /binary/);
    await refused(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 422, 'unsupported_file', /damaged/);
    await refused('', 422, 'empty_file', /empty/);
    await refused('Tên,Tuổi\r\nA,1', 422, 'invalid_input', /not a spokespersons list/);
  });

  it('refuses CSV that is not UTF-8, naming Windows-1258 and UTF-16', async () => {
    const cp1258 = new Uint8Array([...new TextEncoder().encode('H'), 0xf7, 0x20, 0x76, 0xe0]); // "Họ và" in Windows-1258
    await refused(cp1258, 422, 'invalid_encoding', /not valid UTF-8 .*Windows-1258 or UTF-16/);
    const utf16 = new Uint8Array([0xff, 0xfe, 0x48, 0, 0x1a, 0x1ecd]);
    await refused(utf16, 422, 'unsupported_file', /UTF-16/);
  });

  it('refuses files over 10 MB with 413, and forms with 415', async () => {
    await refused(new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41), 413, 'payload_too_large', /10 MB/);
    await refused('a', 415, 'http_415', /not a form/, 'multipart/form-data; boundary=x');
  });

  it('refuses more than 20,000 rows or 30 columns', async () => {
    const many = `${H.join(',')}\r\n${'x\r\n'.repeat(20_001)}`;
    await refused(many, 422, 'too_many_rows', /more than 20000 data rows/);
    await refused(
      Array.from({ length: 31 }, (_, i) => `c${i}`).join(','),
      422,
      'too_many_columns',
      /30 columns/,
    );
  });

  it('reports an unclosed quote with its row', async () => {
    await refused(`${H.join(',')}\r\nx,"abc\r\n`, 422, 'invalid_csv', /opened on row 2/);
  });
});
