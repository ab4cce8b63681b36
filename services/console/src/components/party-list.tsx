import { useContext } from 'react';
import { LangContext } from '../i18n';
import { label } from '../labels';

/**
 * A party as the case read answers: masked always, and in clear only for a reader entitled to it
 * (the committee handling it, or the stationed lawyer who claimed its referral).
 */
export interface PartyView {
  partyId: string;
  role: string;
  name: string;
  phoneMasked: string;
  addressMasked?: string;
  phone?: string;
  address?: string;
}

/** The parties, each with a phone to call when the reader may see it (a tap on a tablet calls). */
export function PartyList({ parties }: { parties: PartyView[] }) {
  const { lang } = useContext(LangContext);
  return (
    <ul className="parties">
      {parties.map((p) => (
        <li key={p.partyId} data-party={p.partyId}>
          {label(p.role, lang)}: {p.name}{' '}
          {p.phone ? (
            <a href={`tel:${p.phone}`} data-phone={p.phone}>
              {p.phone}
            </a>
          ) : (
            p.phoneMasked
          )}
          {(p.address || p.addressMasked) && ` · ${p.address || p.addressMasked}`}
        </li>
      ))}
    </ul>
  );
}
