// The new frontend's errors: a base class with a stable `code` and the `cause`, one subclass per failure.
export type FrontendErrorCode = "FRONTEND_CONFIG" | "FRONTEND_BAD_REQUEST" | "FRONTEND_SHOPPER_MISMATCH";

export class FrontendError extends Error {
  readonly code: FrontendErrorCode;

  constructor(code: FrontendErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export class FrontendConfigError extends FrontendError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("FRONTEND_CONFIG", message, options);
  }
}

export class FrontendBadRequestError extends FrontendError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("FRONTEND_BAD_REQUEST", message, options);
  }
}

/** A page for a customer group was asked by a shopper whose X-Magento-Vary does not name that group (or who has no session). */
export class ShopperMismatchError extends FrontendError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("FRONTEND_SHOPPER_MISMATCH", message, options);
  }
}
