// Regression: the answer-time chart's text summary (read by screen readers instead of the bars) printed the
// count of answered contacts without grouping (`1234 hồ sơ`), unlike every other count on the page.
import { describe, expect, it } from 'vitest';
import { en } from '../../../widgets/internal/messages-en.ts';
import { vi } from '../../../widgets/internal/messages-vi.ts';

describe('the distribution chart’s summary', () => {
  it('groups the answered total as each language writes numbers', () => {
    expect(vi.stats.distributionLabel(12_345, 3)).toBe(
      'Biểu đồ cột: 12.345 hồ sơ đã trả lời, nhiều nhất ở mức 3 ngày làm việc.',
    );
    expect(en.stats.distributionLabel(12_345, 3)).toBe(
      'Bar chart: 12,345 answered contacts, most took 3 working days.',
    );
  });
});
