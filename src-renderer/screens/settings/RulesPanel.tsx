// Custom rules: the list, each enabled or not, edited or deleted (after a confirmation), and the editor.
import { useEffect, useState } from 'react';
import type { CustomRule } from '../../../src-shared/rules.js';
import { RuleEditor } from '../../components/RuleEditor.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useAction } from '../../components/use-action.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { usePick } from '../../stores/pick.js';
import { useRules } from '../../stores/rules.js';

export function RulesPanel() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { error, run } = useAction();
  const rules = useRules((s) => s.rules);
  const { load, setEnabled: saveEnabled, remove: removeRule } = usePick(useRules, 'load', 'setEnabled', 'remove');
  /** The rule being edited (null: the form makes a new one); its key resets the form. */
  const [editing, setEditing] = useState<CustomRule | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [deleting, setDeleting] = useState<string | null>(null);
  useEffect(() => {
    void run(load);
  }, []);
  const openForm = (rule: CustomRule | null) => {
    setEditing(rule);
    setFormKey(formKey + 1);
  };
  /** Shown at once, then read back from the vault (which says whether it took). */
  async function setEnabled(rule: CustomRule, enabled: boolean) {
    await run(() => saveEnabled(rule, enabled));
  }
  async function remove(rule: CustomRule) {
    const removed = await run(async () => {
      await removeRule(rule.id);
      return true;
    });
    if (!removed) return;
    setDeleting(null);
    if (editing?.id === rule.id) openForm(null);
  }
  return (
    <div>
      {rules.length === 0 ? <p className="empty">{t('rules.none')}</p> : null}
      <ul className="devices">
        {rules.map((rule) => (
          <li key={rule.id} className="device">
            <strong>{rule.definition.name}</strong> — {t(`severity.${rule.definition.severity}`)} — {rule.definition.message[language]}{' '}
            <span className="help">({t('rules.version', { version: rule.version })})</span>
            <div className="inline-form">
              <label className="checkbox">
                <input type="checkbox" checked={rule.definition.enabled} onChange={(event) => void setEnabled(rule, event.target.checked)} />
                <span>{t('rules.enabled')}</span>
              </label>
              <button type="button" aria-label={`${t('rules.editRule')} — ${rule.definition.name}`} onClick={() => openForm(rule)}>
                {t('rules.editRule')}
              </button>
              <button type="button" aria-label={`${t('rules.delete')} — ${rule.definition.name}`} onClick={() => setDeleting(rule.id)}>
                {t('rules.delete')}
              </button>
            </div>
            {deleting === rule.id ? (
              <div className="notice notice-warning" role="alert">
                <p>{t('rules.deleteConfirm', { name: rule.definition.name })}</p>
                <div className="inline-form">
                  <button type="button" className="danger" onClick={() => void remove(rule)}>
                    {t('rules.deleteYes')}
                  </button>
                  <button type="button" onClick={() => setDeleting(null)}>
                    {t('rules.cancelEdit')}
                  </button>
                </div>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorNotice error={error} />
      <RuleEditor
        key={formKey}
        editing={editing}
        onSaved={() => openForm(null)}
        onCancel={() => openForm(null)}
      />
    </div>
  );
}
