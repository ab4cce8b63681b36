import { orgDirectory } from '@mediation/org-directory';
import { InvalidInputError } from '@mediation/domain-kit';
import { routeToDesk } from './desk-routing';

const directory = orgDirectory();

describe('routeToDesk', () => {
  it('routes to the district institution of the case’s place', () => {
    expect(routeToDesk(directory, 'COURT', '210202001001')).toEqual({
      code: 'CRT-210202-D01',
      institutionCode: 'CRT-210202',
      institutionType: 'COURT',
    });
    expect(routeToDesk(directory, 'PUBLIC_SECURITY', '210211').code).toBe('PSB-210211-D01');
    expect(routeToDesk(directory, 'LEGAL_AID_CENTRE', '210203').code).toBe('LAD-210203-D01');
  });

  it('falls back to the city for a city-level place', () => {
    expect(routeToDesk(directory, 'PETITION_OFFICE', '210200').code).toBe('PET-210200-D01');
  });

  it('takes a named desk when it belongs to the requested type', () => {
    expect(routeToDesk(directory, 'COURT', '210202', 'CRT-210200-D02').institutionCode).toBe(
      'CRT-210200',
    );
    expect(() => routeToDesk(directory, 'COURT', '210202', 'PSB-210202-D01')).toThrow(
      InvalidInputError,
    );
    expect(() => routeToDesk(directory, 'COURT', '210202', 'NOPE')).toThrow(/unknown desk/);
  });
});
