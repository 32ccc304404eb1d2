// Errors written for the person who reads them; anything else is shown as "Unexpected error (ref …)".
export class AppError extends Error {
  readonly code: string = "error";
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
export class NotFound extends AppError {
  override readonly code = "not_found";
}
export class Forbidden extends AppError {
  override readonly code = "forbidden";
}
export class Unauthenticated extends AppError {
  override readonly code = "unauthenticated";
}
export class Conflict extends AppError {
  override readonly code = "conflict";
}
export class Invalid extends AppError {
  override readonly code = "invalid";
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}
export class TooManyAttempts extends AppError {
  override readonly code = "too_many_attempts";
}
