import { useContext, useEffect, useState } from 'react';
import { api, session } from '../api';
import { signedOutReason, signInConfig, startSignIn, type SignInConfig } from '../sign-in';
import { LangSwitch } from '../components/lang-switch';
import { ProblemBanner } from '../components/problem-banner';
import { LangContext, useT } from '../i18n';

interface DemoUser {
  id: string;
  label: { zh: string; en: string };
  roles: string[];
}

/**
 * Sign in at the city's OpenID Connect provider when the gateway names one; else as a seeded demo
 * user (dev issuer) or with a token from elsewhere, pasted.
 */
export function LoginPage({ onLogin }: { onLogin: () => void }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const [config, setConfig] = useState<SignInConfig | null>(null);
  const [users, setUsers] = useState<DemoUser[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pasted, setPasted] = useState('');

  useEffect(() => {
    void signInConfig().then(setConfig);
  }, []);
  useEffect(() => {
    if (!config || config.mode === 'oidc') return;
    api<{ users: DemoUser[] }>('GET', '/dev/users')
      .then((r) => setUsers(r.users))
      .catch(() => setUsers([]));
  }, [config]);

  if (config?.mode === 'oidc')
    return (
      <main className="login">
        <LoginHead />
        {signedOutReason() === 'expired' && (
          <p className="notice" role="status" data-signed-out="expired">
            {t('sessionEnded')}
          </p>
        )}
        <ProblemBanner error={error} />
        <button
          data-sign-in="oidc"
          onClick={() => startSignIn(config).catch((e: unknown) => setError(e))}
        >
          {t('signIn')}
        </button>
      </main>
    );

  const pick = async (userId: string) => {
    try {
      const { accessToken } = await api<{ accessToken: string }>('POST', '/dev/token', { userId });
      session.set(accessToken);
      onLogin();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <main className="login">
      <LoginHead />
      <ProblemBanner error={error} />
      {users && users.length > 0 && (
        <section>
          <h2>{t('pickUser')}</h2>
          <div className="user-grid">
            {users.map((u) => (
              <button
                key={u.id}
                className="user-card"
                data-user={u.id}
                onClick={() => void pick(u.id)}
              >
                {u.label[lang]}
              </button>
            ))}
          </div>
        </section>
      )}
      <section>
        <h2>{t('pasteToken')}</h2>
        <textarea
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          rows={3}
          aria-label="token"
        />
        <button
          disabled={!pasted.trim()}
          onClick={() => {
            session.set(pasted.trim());
            onLogin();
          }}
        >
          {t('useToken')}
        </button>
      </section>
    </main>
  );
}

function LoginHead() {
  const t = useT();
  return (
    <div className="login-head">
      <h1>{t('appTitle')}</h1>
      <LangSwitch />
    </div>
  );
}
