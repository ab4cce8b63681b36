import { useContext } from 'react';
import { LangContext } from '../i18n';

/** Switches between Chinese and English; it reads in the language it switches to. */
export function LangSwitch() {
  const { lang, setLang } = useContext(LangContext);
  const other = lang === 'zh' ? 'en' : 'zh';
  return (
    <button
      className="secondary"
      data-lang-switch
      lang={other === 'zh' ? 'zh-CN' : 'en'}
      onClick={() => setLang(other)}
    >
      {other === 'zh' ? '中文' : 'English'}
    </button>
  );
}
