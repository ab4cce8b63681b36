import { outsideQuietHours, type QuietHours } from './quiet-hours';

const NIGHT: QuietHours = { startHour: 21, endHour: 8, utcOffsetMinutes: 480 };
// China time is UTC+8: 21:00 CST is 13:00Z.
const cst = (iso: string) => new Date(`${iso}+08:00`);

describe('outsideQuietHours', () => {
  it('leaves a daytime time alone', () => {
    expect(outsideQuietHours(cst('2026-12-05T14:30:00'), NIGHT)).toEqual(
      cst('2026-12-05T14:30:00'),
    );
    expect(outsideQuietHours(cst('2026-12-05T08:00:00'), NIGHT)).toEqual(
      cst('2026-12-05T08:00:00'),
    );
    expect(outsideQuietHours(cst('2026-12-05T20:59:59'), NIGHT)).toEqual(
      cst('2026-12-05T20:59:59'),
    );
  });

  it('moves an evening time to the next morning', () => {
    expect(outsideQuietHours(cst('2026-12-05T21:00:00'), NIGHT)).toEqual(
      cst('2026-12-06T08:00:00'),
    );
    expect(outsideQuietHours(cst('2026-12-05T23:59:00'), NIGHT)).toEqual(
      cst('2026-12-06T08:00:00'),
    );
  });

  it('moves a time after midnight to the same morning', () => {
    expect(outsideQuietHours(cst('2026-12-06T00:10:00'), NIGHT)).toEqual(
      cst('2026-12-06T08:00:00'),
    );
    expect(outsideQuietHours(cst('2026-12-06T07:59:00'), NIGHT)).toEqual(
      cst('2026-12-06T08:00:00'),
    );
  });

  it('handles a window that does not span midnight, and none at all', () => {
    const lunch: QuietHours = { startHour: 12, endHour: 14, utcOffsetMinutes: 480 };
    expect(outsideQuietHours(cst('2026-12-05T12:30:00'), lunch)).toEqual(
      cst('2026-12-05T14:00:00'),
    );
    expect(outsideQuietHours(cst('2026-12-05T14:00:00'), lunch)).toEqual(
      cst('2026-12-05T14:00:00'),
    );
    const none: QuietHours = { startHour: 0, endHour: 0, utcOffsetMinutes: 480 };
    expect(outsideQuietHours(cst('2026-12-05T23:00:00'), none)).toEqual(cst('2026-12-05T23:00:00'));
  });
});
