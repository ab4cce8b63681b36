import { disputeKeys } from './dispute-keys';

const hash = (t: string) => `h(${t})`;
const APPLICANT = 1;
const RESPONDENT = 2;

describe('disputeKeys', () => {
  it('gives one key per applicant-respondent pair, independent of order', () => {
    const a = disputeKeys(
      2,
      [
        { role: APPLICANT, identity: 'a1' },
        { role: RESPONDENT, identity: 'r1' },
        { role: RESPONDENT, identity: 'r2' },
        { role: 3, identity: 'third' },
      ],
      hash,
    );
    const b = disputeKeys(
      2,
      [
        { role: RESPONDENT, identity: 'r2' },
        { role: RESPONDENT, identity: 'r1' },
        { role: APPLICANT, identity: 'a1' },
      ],
      hash,
    );
    expect(a).toHaveLength(2);
    expect(a).toEqual(b);
  });

  it('differs by category and ignores parties without identity', () => {
    const parties = [
      { role: APPLICANT, identity: 'a1' },
      { role: RESPONDENT, identity: 'r1' },
    ];
    expect(disputeKeys(2, parties, hash)).not.toEqual(disputeKeys(4, parties, hash));
    expect(
      disputeKeys(
        2,
        [
          { role: APPLICANT, identity: 'a1' },
          { role: RESPONDENT, identity: '' },
        ],
        hash,
      ),
    ).toEqual([]);
  });
});
