import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { apiContext, connectApi } from './lib/api';

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element');

mount(App, { target, context: apiContext(connectApi()) });
