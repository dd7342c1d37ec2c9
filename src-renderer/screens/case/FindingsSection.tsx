// The case's findings: filters by severity, kind, platform and review, counted in the vault; cards for a
// short list, a virtual list fetched a page at a time for a long one.
import { useCallback, useEffect, useState } from 'react';
import type { FindingFilter, ListedFinding } from '../../../src-shared/findings-page.js';
import { Severity, type Platform } from '../../../src-shared/model.js';
import { VirtualList } from '../../components/VirtualList.js';
import { categoryLabel, useLanguage, useT } from '../../i18n/i18n.js';
import { findingAt, useFindings } from '../../stores/findings.js';
import { usePick } from '../../stores/pick.js';
import { FindingCard } from './FindingCard.js';

const ORDER = Severity.options;

/** The finding chosen, by its id; or a row chosen while its finding was still loading, by its place. */
type Choice = string | { row: number } | null;

/** Up to this many findings are shown as full cards; more become a list that renders only what is in view. */
const CARD_LIMIT = 50;

export function FindingsSection() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { overview, filter, total, pages, setFilter, need } = usePick(useFindings, 'overview', 'filter', 'total', 'pages', 'setFilter', 'need');
  const [selected, setSelected] = useState<Choice>(null);
  const onRange = useCallback((first: number, last: number) => need(first, last), [need]);
  // A row chosen while loading is remembered by its finding once it comes (rows move when the case changes).
  const arrived = typeof selected === 'object' && selected !== null ? findingAt(pages, selected.row)?.id : undefined;
  useEffect(() => {
    if (arrived) setSelected(arrived);
  }, [arrived]);
  // Until the overview comes, the first page unfiltered says how many there are.
  const active = overview?.active ?? (Object.keys(filter).length === 0 ? total : null);
  if (active === null) return null;
  const categories = Object.keys(overview?.byCategory ?? {}).sort();
  const platformList = Object.keys(overview?.byPlatform ?? {}).sort();
  const shown = total ?? 0;
  const firstPage = pages[0] ?? [];
  const chosen = shownBeside(selected, pages);
  const choose = (change: FindingFilter) => {
    setSelected(null);
    void setFilter(change);
  };
  return (
    <section aria-labelledby="findings-title" className="section">
      <h2 id="findings-title">{t('findings.title', { count: active })}</h2>
      {active === 0 ? <p className="empty">{t('findings.none')}</p> : <p className="help">{t('review.help')}</p>}
      {active > 1 ? (
        <div className="inline-form filters">
          <label htmlFor="filter-severity">{t('findings.filterSeverity')}</label>
          <select id="filter-severity" value={filter.severity ?? 'all'} onChange={(event) => choose(withOption(filter, 'severity', event.target.value as Severity | 'all'))}>
            <option value="all">{t('findings.allSeverities')}</option>
            {ORDER.map((value) => (
              <option key={value} value={value}>
                {t(`severity.${value}`)}
              </option>
            ))}
          </select>
          <label htmlFor="filter-category">{t('findings.filterCategory')}</label>
          <select id="filter-category" value={filter.category ?? 'all'} onChange={(event) => choose(withOption(filter, 'category', event.target.value))}>
            <option value="all">{t('findings.all')}</option>
            {categories.map((value) => (
              <option key={value} value={value}>
                {categoryLabel(t, value)}
              </option>
            ))}
          </select>
          {platformList.length > 1 ? (
            <>
              <label htmlFor="filter-platform">{t('findings.filterPlatform')}</label>
              <select id="filter-platform" value={filter.platform ?? 'all'} onChange={(event) => choose(withOption(filter, 'platform', event.target.value as Platform | 'all'))}>
                <option value="all">{t('findings.all')}</option>
                {platformList.map((value) => (
                  <option key={value} value={value}>
                    {t(`platform.${value as Platform}`)}
                  </option>
                ))}
              </select>
            </>
          ) : null}
          <span className="help" role="status">
            {total === null ? t('loading.part') : t('findings.shown', { shown, total: active })}
          </span>
        </div>
      ) : null}
      {total === null ? null : shown <= CARD_LIMIT ? (
        <ol className="findings">
          {firstPage.map((finding) => (
            <li key={finding.id}>
              <FindingCard finding={finding} />
            </li>
          ))}
        </ol>
      ) : (
        <div className="findings-split">
          <VirtualList
            count={shown}
            itemAt={(index) => findingAt(pages, index)}
            onRange={onRange}
            rowHeight={56}
            height={480}
            label={t('findings.title', { count: shown })}
            renderRow={(finding, index) =>
              finding ? (
                <button type="button" className={`finding-row finding-${finding.severity}`} aria-pressed={chosen?.id === finding.id} onClick={() => setSelected(finding.id)}>
                  <span className={`severity severity-${finding.severity}`}>{t(`severity.${finding.severity}`)}</span> <bdi className="finding-row-title">{finding.title[language]}</bdi>
                </button>
              ) : (
                <button type="button" className="finding-row" aria-busy="true" onClick={() => setSelected({ row: index })}>
                  {t('loading.part')}
                </button>
              )
            }
          />
          <div className="finding-detail">{chosen ? <FindingCard finding={chosen} /> : null}</div>
        </div>
      )}
    </section>
  );
}

/** The finding shown beside the list: the one chosen (none while a row chosen is still loading), else the first. */
function shownBeside(selected: Choice, pages: Record<number, ListedFinding[]>): ListedFinding | null {
  const first = findingAt(pages, 0);
  if (selected === null) return first;
  if (typeof selected === 'string') return Object.values(pages).flat().find((finding) => finding.id === selected) ?? first;
  return findingAt(pages, selected.row);
}

/** The filter with one choice changed (`all` removes it). */
function withOption<K extends keyof FindingFilter>(filter: FindingFilter, key: K, value: FindingFilter[K] | 'all'): FindingFilter {
  const next = { ...filter };
  if (value === 'all') delete next[key];
  else next[key] = value as FindingFilter[K];
  return next;
}
