import type { Api } from '$api/contract';
import { apiMethodNames, type ApiMethodName } from '$api/method-names';
import type { CallOutcome } from '$api/wire';
import { ApiCallError } from './api-client';

/** The contract's functions over one generic `call`, which each transport provides. */
export function apiOver(call: (method: ApiMethodName, params: unknown) => Promise<unknown>): Api {
  return Object.fromEntries(apiMethodNames.map((name) => [name, (params: unknown) => call(name, params)])) as Api;
}

/** A call's result, or its error thrown as an ApiCallError. */
export function unwrap(outcome: CallOutcome): unknown {
  if (outcome.ok) return outcome.result;
  throw new ApiCallError(outcome.error.kind, outcome.error.message);
}
