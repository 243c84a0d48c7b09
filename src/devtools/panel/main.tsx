import { render } from 'preact';
import { devtoolsTheme } from '../../platform/devtools';
import { App } from './App';
import './panel.css';

// DevTools' own theme inside DevTools; `?theme=` (screenshots, tests) or the system's outside.
const asked = new URLSearchParams(location.search).get('theme');
const theme = asked === 'dark' || asked === 'light' ? asked : devtoolsTheme();
if (theme !== null) document.documentElement.dataset['theme'] = theme;

const root = document.getElementById('app');
if (root) render(<App />, root);
