// Files an import refuses as a whole, with a clear message and nothing recorded: not a spreadsheet, not
// UTF-8, too large, too many rows or columns, malformed CSV, sent as a form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';
import { eventually, expectJson, expectProblem, USERS } from '../support/api-helpers.ts';
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

// Regression: the file name header was stored as sent, after URL-decoding: `%00a.csv` put a NUL into the job
// row, which the database refused (a 500). The name is only a label for the job, so a clerk's good file is
// never refused for it: characters the text policy refuses become `_`, and the name is cut to 255 characters.
describe('the file name header', () => {
  const importNamed = async (header: string) => {
    const token = await h.tokenFor(USERS.clerk);
    const response = await h.app.request('/api/v1/imports/spokespersons?mode=dry_run', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'x-file-name': header },
      body: new TextEncoder().encode(H.join(',')),
    });
    const { jobId } = await expectJson<{ jobId: string }>(response, 202);
    // Followed to its end, so no job is still running when the harness closes.
    const job = await eventually(
      async () =>
        expectJson<{ fileName: string | null; status: string }>(
          await h.call('GET', `/imports/${jobId}`, { as: USERS.clerk }),
          200,
        ),
      (j) => j.status === 'done',
    );
    expect(job.status).toBe('done');
    return job.fileName;
  };

  it('is kept as a safe label: no control or disguising characters, NFC, at most 255 characters', async () => {
    expect(await importNamed('%00a.csv')).toBe('_a.csv');
    expect(await importNamed(encodeURIComponent('bao-cao\u202Evsc.csv'))).toBe('bao-cao_vsc.csv');
    expect(await importNamed(encodeURIComponent('dòng\r\nmới\t.csv'))).toBe('dòng__mới_.csv');
    expect(await importNamed(encodeURIComponent('danh sa\u0301ch.csv'))).toBe('danh sách.csv');
    expect(await importNamed(encodeURIComponent(`${'đ'.repeat(100)}${'a'.repeat(200)}.csv`))).toBe(
      `${'đ'.repeat(100)}${'a'.repeat(155)}`,
    );
    // An emoji is two UTF-16 units but one character: the cut never leaves half of one.
    expect(await importNamed(encodeURIComponent(`${'a'.repeat(254)}😀b.csv`))).toBe(`${'a'.repeat(254)}😀`);
    expect(await importNamed('%20%20')).toBeNull();
    // Not URL-encoded after all: taken as it came.
    expect(await importNamed('100%-dung.csv')).toBe('100%-dung.csv');
  });
});
