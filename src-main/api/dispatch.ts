import { z } from 'zod';
import { AppError, errorMessage } from '../errors';
import { apiMethods, type Api, type ApiErrorBody } from './contract';
import { apiMethodNames, isApiMethodName } from './method-names';
import type { CallOutcome } from './wire';

/**
 * The one entry point both transports use: checks the method name, validates the parameters
 * against the contract, runs the service and turns any failure into an error value.
 */
export async function dispatch(api: Api, method: unknown, params: unknown): Promise<CallOutcome> {
  if (!isApiMethodName(method)) {
    return failure({
      kind: 'invalid-request',
      message: `unknown method ${JSON.stringify(method)}; expected one of ${apiMethodNames.join(', ')}`,
    });
  }
  const parsed = apiMethods[method].params.safeParse(params ?? {});
  if (!parsed.success) {
    return failure({
      kind: 'invalid-request',
      message: `${method}: invalid parameters: ${z.prettifyError(parsed.error)}`,
    });
  }
  try {
    const run = api[method] as (p: unknown) => Promise<unknown>;
    return { ok: true, result: await run(parsed.data) };
  } catch (error) {
    return failure(toErrorBody(error));
  }
}

export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof AppError) return { kind: error.kind, message: error.message };
  return { kind: 'internal', message: errorMessage(error) };
}

function failure(error: ApiErrorBody): CallOutcome {
  return { ok: false, error };
}
