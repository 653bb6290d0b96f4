export { ApiCallError, type ApiClient } from './api-client';
export { connectApi } from './connect';
export { apiContext, useApi } from './context';
