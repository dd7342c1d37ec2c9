// Settings: one tab each for how long closed cases are kept and when the vault locks itself, the signatures
// in use, custom rules, forwarding to a Wazuh server, the logs, and About (version, licence, credits) — each panel in its own file beside this one.
import { useState, type ReactNode } from 'react';
import { RekeyForm } from '../../components/RekeyForm.js';
import { Tabs, tabPanelProps } from '../../components/Tabs.js';
import { useT } from '../../i18n/i18n.js';
import { useSession } from '../../stores/session.js';
import { GeneralPanel } from './GeneralPanel.js';
import { SignaturesPanel } from './SignaturesPanel.js';
import { RulesPanel } from './RulesPanel.js';
import { ForwardingPanel } from './ForwardingPanel.js';
import { LogsPanel } from './LogsPanel.js';
import { AboutPanel } from './AboutPanel.js';

type Tab = 'general' | 'signatures' | 'rules' | 'forwarding' | 'logs' | 'about';

const TABS: Tab[] = ['general', 'signatures', 'rules', 'forwarding', 'logs', 'about'];

export function Settings() {
  const t = useT();
  const go = useSession((s) => s.go);
  const [tab, setTab] = useState<Tab>('general');
  const panels: Record<Tab, ReactNode> = { general: (
      <>
        <GeneralPanel />
        <RekeyForm />
      </>
    ), signatures: <SignaturesPanel />, rules: <RulesPanel />, forwarding: <ForwardingPanel />, logs: <LogsPanel />, about: <AboutPanel /> };
  return (
    <main className="panel">
      <div className="toolbar">
        <h1>{t('settings.title')}</h1>
        <button type="button" onClick={() => go('cases')}>
          {t('case.back')}
        </button>
      </div>
      <Tabs id="settings" label={t('settings.title')} items={TABS} selected={tab} name={(item) => t(`settings.tab.${item}`)} onSelect={setTab} />
      <div {...tabPanelProps('settings', tab)}>
        {panels[tab]}
      </div>
    </main>
  );
}
