import { api } from '../api';
import { CaseDocuments } from '../components/case-documents';
import { CasePath, type CaseProgress } from '../components/case-table';
import { PartyList, type PartyView } from '../components/party-list';
import { ProblemBanner } from '../components/problem-banner';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n';

/**
 * The case behind a referral the lawyer claimed, on the referral's page: whom to call (the
 * parties' phones, which the case read discloses to that lawyer only), the committees it passed
 * through, and its documents.
 */
export function ReferralCase({ caseId }: { caseId: string }) {
  const t = useT();
  const read = useLoad(
    () =>
      api<{ case: { parties: PartyView[]; progress: CaseProgress | null } }>(
        'GET',
        `/cases/${encodeURIComponent(caseId)}`,
      ),
    [caseId],
  );
  const c = read.data?.case;
  return (
    <>
      <section className="card referral-case">
        <h2>{t('partyContacts')}</h2>
        <ProblemBanner error={read.error} />
        {c && <PartyList parties={c.parties} />}
        {c?.progress && c.progress.path.length > 0 && (
          <>
            <h3>{t('casePath')}</h3>
            <CasePath path={c.progress.path} />
          </>
        )}
      </section>
      <CaseDocuments caseId={caseId} canAttach={false} />
    </>
  );
}
