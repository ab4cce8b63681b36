import { useEffect, useState } from 'react';
import { LangSwitch } from '../components/lang-switch';
import { navigate } from '../components/router';
import { useT } from '../i18n';
import { ApplyOnline } from './apply-online';
import { PartyCaseView } from './party-case';
import { PartyCases } from './party-cases';
import { partySession } from './party-session';
import { PhoneSignIn } from './phone-sign-in';

/**
 * The party app under /my: the people in a dispute, mostly on a phone from a link in a text.
 * Its own sign-in (a code texted to the number) and session; nothing of the staff console.
 */
export function PartyApp({ path }: { path: string }) {
  const t = useT();
  const [, setTick] = useState(0);
  useEffect(() => partySession.onChange(() => setTick((x) => x + 1)), []);
  const signedIn = !!partySession.token();
  const caseMatch = /^\/my\/cases\/([^/]+)$/.exec(path);
  let page;
  if (!signedIn) page = <PhoneSignIn />;
  else if (caseMatch) page = <PartyCaseView caseId={decodeURIComponent(caseMatch[1])} />;
  else if (path === '/my/apply') page = <ApplyOnline />;
  else page = <PartyCases />;
  return (
    <div className="party-app">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top">
        <strong>{t('partyAppTitle')}</strong>
        <span className="spacer" />
        <LangSwitch />
        {signedIn && (
          <button
            className="secondary"
            onClick={() => {
              partySession.clear();
              navigate('/my');
            }}
          >
            {t('signOutParty')}
          </button>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </div>
  );
}

/** Whether a path is the party app's. */
export const isPartyPath = (path: string) => path === '/my' || path.startsWith('/my/');
