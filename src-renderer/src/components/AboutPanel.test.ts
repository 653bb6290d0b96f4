import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import AboutPanel from './AboutPanel.svelte';

const about = {
  appName: 'Salience Workbench',
  appVersion: '0.1.0',
  shell: 'browser' as const,
  electronVersion: null,
  chromeVersion: null,
  nodeVersion: '20.20.2',
  platform: 'linux-x64',
  sqliteVersion: '3.53.2',
  onnxRuntime: {
    version: '1.30.0',
    executionProviders: [
      { name: 'cpu', status: 'bundled' as const },
      { name: 'cuda', status: 'not-installed' as const },
    ],
  },
};

describe('AboutPanel', () => {
  it('shows the versions an analyst quotes, and the providers with their status', () => {
    render(AboutPanel, { about });
    expect(screen.getByTestId('about-shell')).toHaveTextContent('browser mode');
    expect(screen.getByTestId('about-onnxruntime')).toHaveTextContent('1.30.0');
    expect(screen.getByText('Salience Workbench 0.1.0')).toBeInTheDocument();
    expect(screen.getByText('cuda').nextElementSibling).toHaveTextContent('not installed');
    expect(screen.queryByText('Chromium')).not.toBeInTheDocument();
  });

  it('names the Electron version when running in the desktop shell', () => {
    render(AboutPanel, { about: { ...about, shell: 'electron', electronVersion: '41.7.1', chromeVersion: '146.0' } });
    expect(screen.getByTestId('about-shell')).toHaveTextContent('Electron 41.7.1');
    expect(screen.getByText('Chromium')).toBeInTheDocument();
  });
});
