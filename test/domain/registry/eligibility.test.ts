import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../../domain/errors.ts';
import {
  assertMaySendInformationRequest,
  type JournalistRecord,
  type ResidentRegistrationRecord,
} from '../../../domain/registry/eligibility.ts';

const journalist: JournalistRecord = {
  id: 'j-1',
  fullName: 'Nguyễn Văn A',
  pressCardNumber: 'TNB-12345',
  pressCardExpiresOn: '2026-12-31',
};
const resident: ResidentRegistrationRecord = {
  provinceId: 'quang-tri',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
};

type Input = Parameters<typeof assertMaySendInformationRequest>[0];
const base: Input = {
  journalist,
  registrations: [resident],
  agencyProvinceId: 'quang-tri',
  today: '2026-03-09',
};

function refusal(input: Partial<Input>): ForbiddenError {
  try {
    assertMaySendInformationRequest({ ...base, ...input });
  } catch (error) {
    expect(error).toBeInstanceOf(ForbiddenError);
    return error as ForbiddenError;
  }
  throw new Error('expected a refusal');
}

describe('assertMaySendInformationRequest', () => {
  it('a resident reporter of the agency’s province with a valid card may send', () => {
    expect(() => assertMaySendInformationRequest(base)).not.toThrow();
  });

  it('the last day of the card and of the registration still count', () => {
    expect(() => assertMaySendInformationRequest({ ...base, today: '2026-12-31' })).not.toThrow();
    expect(() => assertMaySendInformationRequest({ ...base, today: '2026-01-01' })).not.toThrow();
  });

  it('no journalist record', () => {
    const error = refusal({ journalist: undefined });
    expect(error.code).toBe('journalist_not_registered');
    expect(error.details).toMatchObject({ suggestion: 'appointment' });
    expect(error.message).toContain('đề xuất lịch làm việc');
    expect(error.details['detailEn']).toContain('propose a work appointment');
  });

  it('an expired press card', () => {
    const error = refusal({ journalist: { ...journalist, pressCardExpiresOn: '2026-03-08' } });
    expect(error.code).toBe('press_card_expired');
    expect(error.details).toMatchObject({ pressCardExpiresOn: '2026-03-08' });
    expect(error.message).toContain('TNB-12345');
  });

  it('the card is checked before the registration', () => {
    expect(
      refusal({ journalist: { ...journalist, pressCardExpiresOn: '2025-12-31' }, registrations: [] }).code,
    ).toBe('press_card_expired');
  });

  it.each([
    ['a registration for another province', { registrations: [{ ...resident, provinceId: 'ha-noi' }] }],
    ['an expired registration', { registrations: [{ ...resident, validTo: '2026-03-08' }] }],
    ['a registration not yet valid', { registrations: [{ ...resident, validFrom: '2026-03-10' }] }],
    ['no registration at all', { registrations: [] }],
    ['an agency without a province', { agencyProvinceId: undefined }],
  ] as [string, Partial<Input>][])('%s', (_label, input) => {
    const error = refusal(input);
    expect(error.code).toBe('resident_reporter_required');
    expect(error.details).toMatchObject({ suggestion: 'appointment' });
  });

  it('one valid registration among several is enough', () => {
    const registrations = [
      { ...resident, provinceId: 'ha-noi' },
      { ...resident, validTo: '2025-12-31', validFrom: '2025-01-01' },
      resident,
    ];
    expect(() => assertMaySendInformationRequest({ ...base, registrations })).not.toThrow();
  });
});
