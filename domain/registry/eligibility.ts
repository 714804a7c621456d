/**
 * @module
 * Who may send an online information request (SPEC.md C2.1, Quảng Bình seed): a journalist with a valid
 * press card who is a registered resident reporter of the target agency's province on that day. Everyone
 * else is told to propose a work appointment instead.
 */
import type { LocalDate } from '../calendar/index.ts';
import { ForbiddenError } from '../errors.ts';

export interface JournalistRecord {
  id: string;
  fullName: string;
  pressCardNumber: string;
  pressCardExpiresOn: LocalDate;
}

export interface ResidentRegistrationRecord {
  provinceId: string;
  validFrom: LocalDate;
  validTo: LocalDate;
}

/** The problem's `detail` is Vietnamese; `detailEn` carries the English for English pages. */
const PROPOSE_INSTEAD = {
  vi: 'Hãy gửi đề xuất lịch làm việc thay thế.',
  en: 'Please propose a work appointment instead.',
};

/**
 * Any journalist with a valid press card may propose a work appointment (SPEC.md C2.2).
 * @throws ForbiddenError `journalist_not_registered` or `press_card_expired`.
 */
export function assertMayProposeAppointment(input: {
  journalist: JournalistRecord | undefined;
  today: LocalDate;
}): asserts input is { journalist: JournalistRecord; today: LocalDate } {
  const { journalist, today } = input;
  if (!journalist) {
    throw ForbiddenError.because(
      'journalist_not_registered',
      'Tài khoản chưa được liên kết với hồ sơ nhà báo (thẻ nhà báo).',
      { detailEn: 'Your account is not linked to a journalist record (press card).' },
    );
  }
  assertPressCardValid(journalist, today);
}

function assertPressCardValid(journalist: JournalistRecord, today: LocalDate): void {
  if (journalist.pressCardExpiresOn < today) {
    throw ForbiddenError.because(
      'press_card_expired',
      `Thẻ nhà báo ${journalist.pressCardNumber} đã hết hạn.`,
      {
        pressCardExpiresOn: journalist.pressCardExpiresOn,
        detailEn: `Press card ${journalist.pressCardNumber} has expired.`,
      },
    );
  }
}

/**
 * @throws ForbiddenError `journalist_not_registered`, `press_card_expired` or `resident_reporter_required`.
 */
export function assertMaySendInformationRequest(input: {
  journalist: JournalistRecord | undefined;
  registrations: readonly ResidentRegistrationRecord[];
  agencyProvinceId: string | undefined;
  today: LocalDate;
}): void {
  const { journalist, registrations, agencyProvinceId, today } = input;
  if (!journalist) {
    throw ForbiddenError.because(
      'journalist_not_registered',
      `Tài khoản chưa được liên kết với hồ sơ nhà báo. ${PROPOSE_INSTEAD.vi}`,
      {
        suggestion: 'appointment',
        detailEn: `Your account is not linked to a journalist record. ${PROPOSE_INSTEAD.en}`,
      },
    );
  }
  assertPressCardValid(journalist, today);
  const resident = registrations.some(
    (r) => r.provinceId === agencyProvinceId && r.validFrom <= today && today <= r.validTo,
  );
  if (!agencyProvinceId || !resident) {
    throw ForbiddenError.because(
      'resident_reporter_required',
      `Chỉ phóng viên thường trú tại tỉnh/thành phố của cơ quan mới được gửi yêu cầu cung cấp thông tin trực tuyến. ${PROPOSE_INSTEAD.vi}`,
      {
        suggestion: 'appointment',
        detailEn: `Only resident reporters of the agency's province may send online information requests. ${PROPOSE_INSTEAD.en}`,
      },
    );
  }
}
