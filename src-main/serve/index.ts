export { startServer, API_PATH, type RunningServer, type ServerOptions } from './server';
