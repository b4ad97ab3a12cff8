import type { NextFunction, Request, Response } from "express";
import {
  AlreadyExistsError,
  AuthenticationError,
  AuthorizationError,
  CommerceError,
  InputError,
  NoSuchEntityError,
  type PhraseParameters,
} from "../commerce/errors.ts";

/**
 * Magento's REST error body: `{ message, parameters }` where `message` keeps its `%1` / `%name`
 * placeholders. Service exceptions map to statuses as Magento's Webapi ErrorProcessor does.
 */
export interface RestErrorBody {
  message: string;
  parameters?: PhraseParameters;
}

export class RestError extends CommerceError {
  readonly status: number;

  constructor(status: number, template: string, parameters?: PhraseParameters) {
    super("REST", template, parameters);
    this.status = status;
  }
}

export const consumerNotAuthorized = (resources: string): RestError =>
  new RestError(401, "The consumer isn't authorized to access %resources.", { resources });

export const requiredField = (fieldName: string): RestError =>
  new RestError(400, '"%fieldName" is required. Enter and try again.', { fieldName });

export const noSuchEntity = (fieldName: string, fieldValue: string): RestError =>
  new RestError(404, "No such entity with %fieldName = %fieldValue", { fieldName, fieldValue });

function statusOf(error: CommerceError): number {
  if (error instanceof RestError) return error.status;
  if (error instanceof NoSuchEntityError) return 404;
  if (error instanceof AuthorizationError || error instanceof AuthenticationError) return 401;
  if (error instanceof InputError || error instanceof AlreadyExistsError) return 400;
  return 500;
}

export function sendError(res: Response, error: unknown): void {
  if (error instanceof CommerceError) {
    const body: RestErrorBody = { message: error.template };
    if (error.parameters) body.parameters = error.parameters;
    res.status(statusOf(error)).json(body);
    return;
  }
  res.status(500).json({ message: "Internal Error. Details are available in Magento log file. Report ID: %1", parameters: ["sandbox"] });
}

/** Wraps a handler that returns the response body (or throws a Magento error). */
export function handle(run: (req: Request, res: Response) => unknown) {
  return (req: Request, res: Response, _next: NextFunction): void => {
    try {
      res.json(run(req, res));
    } catch (error) {
      sendError(res, error);
    }
  };
}

/** Reads a required object/string field of the JSON body. */
export function readField<T>(body: unknown, name: string): T {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (value === undefined || value === null) throw requiredField(name);
  return value as T;
}
