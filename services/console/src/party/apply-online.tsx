import { useContext, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import {
  InputField,
  SelectField,
  labelled,
  TextAreaField,
} from '../components/mediation-actions/form-helpers';
import { navigate } from '../components/router';
import { useFormSubmit } from '../components/use-form-submit';
import { LangContext, useT, type Key } from '../i18n';
import { CATEGORIES } from '../labels';
import { PartyProblem, partyFieldWords } from './party-problem';
import { partyApi, partySession, type PartyCase } from './party-session';

interface Place {
  code: string;
  name: string;
  level: string;
  hasChildren: boolean;
}
interface Respondent {
  name: string;
  phone: string;
  organisation: boolean;
}
const LEVELS: Key[] = ['district', 'street', 'community', 'point'];
const MAX_RESPONDENTS = 5;

/** The places under each chosen one, one select per level (no map: district to point). */
function PlacePicker({
  path,
  onChange,
  error,
}: {
  path: string[];
  onChange: (path: string[]) => void;
  error?: ReactNode;
}) {
  const t = useT();
  const [levels, setLevels] = useState<Place[][]>([]);
  const key = path.join('/');
  useEffect(() => {
    let gone = false;
    const parents = ['', ...path];
    Promise.all(
      parents.map((parent) =>
        partyApi<{ places: Place[] }>('GET', `/places${parent ? `?parent=${parent}` : ''}`),
      ),
    )
      .then((lists) => !gone && setLevels(lists.map((l) => l.places).filter((l) => l.length)))
      .catch(() => undefined);
    return () => {
      gone = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the path's codes are the key
  }, [key]);
  return (
    <fieldset className="places">
      <legend>{t('wherePlace')}</legend>
      {levels.map((places, i) => (
        <SelectField
          key={i}
          text={LEVELS[i]!}
          name={`place-${i}`}
          value={path[i] ?? ''}
          onChange={(code) => onChange([...path.slice(0, i), ...(code ? [code] : [])])}
          options={[
            { id: '', text: t('choose') },
            ...places.map((p) => ({ id: p.code, text: p.name })),
          ]}
        />
      ))}
      {error}
    </fieldset>
  );
}

/** The proven number, from the session the party holds (shown, never sent: the gateway adds it). */
function provenMobile(): string {
  try {
    const payload = partySession.token()!.split('.')[1]!;
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    return (JSON.parse(json) as { phone?: string }).phone ?? '';
  } catch {
    return '';
  }
}

/** 网上申请调解: the dispute, where it arose, who is on the other side. */
export function ApplyOnline() {
  const t = useT();
  const { lang } = useContext(LangContext);
  // One key per application: a retry after a lost answer files nothing twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [path, setPath] = useState<string[]>([]);
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [address, setAddress] = useState('');
  const [others, setOthers] = useState<Respondent[]>([
    { name: '', phone: '', organisation: false },
  ]);
  const { busy, problem, submit, err } = useFormSubmit({ describe: partyFieldWords(t) });

  const setOther = (i: number, change: Partial<Respondent>) =>
    setOthers(others.map((o, k) => (k === i ? { ...o, ...change } : o)));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    // A community at least: a street or district alone has no committee close to the parties.
    if (path.length < 3) local.orgUnitCode = t('choose');
    if (!category) local.category = t('choose');
    if (!description.trim()) local.description = '必填 / required';
    if (!name.trim()) local['applicant.name'] = '必填 / required';
    others.forEach((o, i) => {
      if (!o.name.trim()) local[`respondents[${i}].name`] = '必填 / required';
    });
    let opened: PartyCase | undefined;
    const done = await submit(async () => {
      const out = await partyApi<{ case: PartyCase }>('POST', '/applications', {
        idempotencyKey,
        orgUnitCode: path[path.length - 1],
        category,
        description: description.trim(),
        applicant: {
          name: name.trim(),
          ...(idNumber.trim() ? { idNumber: idNumber.trim() } : {}),
          ...(address.trim() ? { address: address.trim() } : {}),
        },
        respondents: others.map((o) => ({
          kind: o.organisation ? 'PARTY_KIND_ORGANISATION' : 'PARTY_KIND_PERSON',
          name: o.name.trim(),
          ...(o.phone.trim() ? { phone: o.phone.trim() } : {}),
        })),
      });
      opened = out.case;
    }, local);
    if (done && opened) navigate(`/my/cases/${encodeURIComponent(opened.caseId)}`);
  };

  return (
    <form className="stack" onSubmit={onSubmit} aria-labelledby="apply-online" noValidate>
      <h1 id="apply-online">{t('applyOnline')}</h1>
      <p>{t('applyLead')}</p>
      <div className="card">
        <PlacePicker path={path} onChange={setPath} error={err('orgUnitCode')} />
        <SelectField
          text="category"
          name="category"
          value={category}
          onChange={setCategory}
          options={[{ id: '', text: t('choose') }, ...labelled(CATEGORIES, lang)]}
          error={err('category')}
        />
        <TextAreaField
          text="whatHappened"
          name="description"
          rows={5}
          value={description}
          onChange={setDescription}
          error={err('description')}
        />
      </div>
      <fieldset className="card">
        <legend>{t('aboutYou')}</legend>
        <InputField
          text="name"
          name="applicant.name"
          value={name}
          onChange={setName}
          autoComplete="name"
          error={err('applicant.name')}
        />
        <InputField
          text="yourPhone"
          name="applicant.phone"
          value={provenMobile()}
          onChange={() => undefined}
          readOnly
        />
        <InputField
          text="idNumberOptional"
          name="applicant.idNumber"
          value={idNumber}
          onChange={setIdNumber}
          error={err('applicant.idNumber')}
        />
        <InputField
          text="addressOptional"
          name="applicant.address"
          value={address}
          onChange={setAddress}
          autoComplete="street-address"
          error={err('applicant.address')}
        />
      </fieldset>
      {others.map((o, i) => (
        <fieldset className="card" key={i} data-respondent={i}>
          <legend>
            {t('otherSide')} {others.length > 1 ? i + 1 : ''}
          </legend>
          <InputField
            text="name"
            name={`respondents[${i}].name`}
            value={o.name}
            onChange={(v) => setOther(i, { name: v })}
            error={err(`respondents[${i}].name`)}
          />
          <label className="inline">
            <input
              type="checkbox"
              checked={o.organisation}
              onChange={(e) => setOther(i, { organisation: e.target.checked })}
            />
            {t('organisation')}
          </label>
          <InputField
            text="phoneOptional"
            name={`respondents[${i}].phone`}
            type="tel"
            value={o.phone}
            onChange={(v) => setOther(i, { phone: v })}
            error={err(`respondents[${i}].phone`)}
          />
          {others.length > 1 && (
            <button
              type="button"
              className="link"
              onClick={() => setOthers(others.filter((_, k) => k !== i))}
            >
              {t('remove')}
            </button>
          )}
        </fieldset>
      ))}
      {others.length < MAX_RESPONDENTS && (
        <button
          type="button"
          className="secondary"
          onClick={() => setOthers([...others, { name: '', phone: '', organisation: false }])}
        >
          {t('addOtherSide')}
        </button>
      )}
      <PartyProblem error={problem} />
      <button type="submit" disabled={busy}>
        {t('submitApplication')}
      </button>
    </form>
  );
}
