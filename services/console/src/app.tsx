import { useContext, useEffect, useRef, useState } from 'react';
import { session, tokenClaims } from './api';
import { Link, navigate, usePath } from './components/router';
import { LangContext, useT, type Key, type Lang } from './i18n';
import { label } from './labels';
import { CallerLookupPage } from './pages/caller-lookup';
import { CaseDetailPage } from './pages/case-detail';
import { CaseListPage } from './pages/case-list';
import { DashboardPage } from './pages/dashboard';
import { DeadlinesPage } from './pages/deadlines';
import { EntrustPage } from './pages/entrust';
import { InboxPage } from './pages/inbox';
import { LoginPage } from './pages/login';
import { isPartyPath, PartyApp } from './party/party-app';
import { OpenCasePage } from './pages/open-case';
import { ReadAuditPage } from './pages/read-audit';
import { ReferralPage } from './pages/referral';
import { RosterPage } from './pages/roster';
import { StaffInboxPage } from './pages/staff-inbox';
import { LangSwitch } from './components/lang-switch';
import { ProblemBanner } from './components/problem-banner';
import {
  CALLBACK_PATH,
  completeSignIn,
  endLocally,
  hasOidcSession,
  onSessionChange,
  schedule,
  signOut,
} from './sign-in';

const CASE_ROLES = ['VOLUNTEER', 'MEDIATOR', 'COMMITTEE_ADMIN', 'ADMINISTRATOR'];
const STATS_ROLES = ['ANALYST', 'COMMITTEE_ADMIN', 'ADMINISTRATOR'];
/** Committee staff: the combined deadline view of their subtree. */
const DEADLINE_ROLES = ['MEDIATOR', 'COMMITTEE_ADMIN', 'ADMINISTRATOR'];
/** The committee roster: kept by committee admins (and administrators), read by its mediators. */
const ROSTER_ROLES = ['MEDIATOR', 'COMMITTEE_ADMIN', 'ADMINISTRATOR'];

/** Navigation by role: each user sees only what the gateway will let them use. */
function navFor(roles: string[]): [string, Key][] {
  const has = (list: string[]) => roles.some((r) => list.includes(r));
  return [
    ...(has(CASE_ROLES)
      ? ([
          ['/cases/new', 'openCase'],
          ['/cases', 'myCases'],
          ['/lookup', 'callerLookup'],
        ] as [string, Key][])
      : []),
    ...(has(CASE_ROLES) ? ([['/staff-inbox', 'staffInbox']] as [string, Key][]) : []),
    ...(has(DEADLINE_ROLES) ? ([['/deadlines', 'deadlines']] as [string, Key][]) : []),
    ...(has(ROSTER_ROLES) ? ([['/roster', 'roster']] as [string, Key][]) : []),
    ...(has(['STATIONED_LAWYER', 'ADMINISTRATOR'])
      ? ([
          ['/inbox', 'inbox'],
          ['/entrust', 'entrust'],
        ] as [string, Key][])
      : []),
    ...(has(STATS_ROLES) ? ([['/dashboard', 'dashboard']] as [string, Key][]) : []),
    ...(has(['ADMINISTRATOR']) ? ([['/audit', 'readAudit']] as [string, Key][]) : []),
  ];
}

function Shell() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const path = usePath();
  const [, setTick] = useState(0);
  const claims = tokenClaims();
  useEffect(() => {
    // Signed in through the provider, a 401 means the sign-in is over (refreshing failed).
    session.onUnauthorized(() =>
      hasOidcSession() ? endLocally('expired') : setTick((x) => x + 1),
    );
    // After a reload: refresh the provider's token on time again.
    schedule();
    return onSessionChange(() => setTick((x) => x + 1));
  }, []);
  // A new page: the keyboard and screen readers continue at its content, not at the old link.
  const firstPath = useRef(path);
  useEffect(() => {
    if (path !== firstPath.current) document.getElementById('main')?.focus();
  }, [path]);

  if (path === CALLBACK_PATH) return <SignInCallback />;
  if (!claims)
    return (
      <LoginPage
        onLogin={() => {
          setTick((x) => x + 1);
          navigate('/');
        }}
      />
    );
  const roles = claims.roles ?? [];
  const nav = navFor(roles);
  const home = nav[0]?.[0] ?? '/cases';
  let page;
  const caseMatch = /^\/cases\/([^/]+)$/.exec(path);
  const rosterMatch = /^\/roster\/([^/]+)$/.exec(path);
  const referralMatch = /^\/referrals\/([^/]+)$/.exec(path);
  if (path === '/cases/new') page = <OpenCasePage />;
  else if (caseMatch) page = <CaseDetailPage caseId={decodeURIComponent(caseMatch[1])} />;
  else if (path === '/cases') page = <CaseListPage />;
  else if (path === '/lookup') page = <CallerLookupPage />;
  else if (path === '/audit') page = <ReadAuditPage />;
  else if (path === '/inbox') page = <InboxPage />;
  else if (path === '/staff-inbox') page = <StaffInboxPage />;
  else if (path === '/entrust') page = <EntrustPage />;
  else if (referralMatch) page = <ReferralPage referralId={decodeURIComponent(referralMatch[1])} />;
  else if (path === '/deadlines') page = <DeadlinesPage />;
  else if (path === '/roster') page = <RosterPage />;
  else if (rosterMatch) page = <RosterPage code={decodeURIComponent(rosterMatch[1])} />;
  else if (path === '/dashboard') page = <DashboardPage />;
  else {
    queueMicrotask(() => navigate(home));
    page = null;
  }

  return (
    <>
      {/* Keyboard users skip the navigation (WCAG 2.4.1); it shows when focused. */}
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top">
        <strong>{t('appTitle')}</strong>
        <nav aria-label={t('navigation')}>
          {nav.map(([to, key]) => (
            <Link key={to} to={to} current={path === to}>
              {t(key)}
            </Link>
          ))}
        </nav>
        <span className="who" data-roles={roles.join(',')}>
          {claims.name} · {roles.map((r) => label(r, lang)).join('/')}
        </span>
        <LangSwitch />
        <button
          className="secondary"
          onClick={() => {
            // Through the provider's end_session when signed in there; else just forget the token.
            if (signOut()) return;
            session.clear();
            setTick((x) => x + 1);
            navigate('/');
          }}
        >
          {t('logout')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}

/** Back from the provider: exchanges the code, then shows the page the user came from. */
function SignInCallback() {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let gone = false;
    completeSignIn()
      .then((returnTo) => {
        if (gone) return;
        // Replaced, so that Back does not return to the spent callback.
        window.history.replaceState(null, '', returnTo);
        window.dispatchEvent(new PopStateEvent('popstate'));
      })
      .catch((e: unknown) => !gone && setError(e));
    return () => {
      gone = true;
    };
  }, []);
  return (
    <main className="login" data-sign-in="callback">
      <h1>{t('appTitle')}</h1>
      {error ? (
        <>
          <ProblemBanner error={error} />
          <Link to="/">{t('login')}</Link>
        </>
      ) : (
        <p>{t('signingIn')}</p>
      )}
    </main>
  );
}

export function App() {
  const [lang, setLangState] = useState<Lang>(() =>
    localStorage.getItem('mediation.lang') === 'en' ? 'en' : 'zh',
  );
  const setLang = (l: Lang) => {
    localStorage.setItem('mediation.lang', l);
    setLangState(l);
  };
  // Screen readers and the browser pick voice and fonts by the page's language.
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const path = usePath();
  return (
    <LangContext.Provider value={{ lang, setLang }}>
      {isPartyPath(path) ? <PartyApp path={path} /> : <Shell />}
    </LangContext.Provider>
  );
}
