/** Errors whose message is meant for the person who asked: adapters show it as is. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}

/** The question is empty, too long, or otherwise unusable. */
export class InvalidQuestionError extends UserFacingError {
  override name = 'InvalidQuestionError';
}

/** A reindex failed; the index in use before it is still the one answering. */
export class ReindexError extends UserFacingError {
  override name = 'ReindexError';
}

/** A setting has a bad value; the message names the variable, the value and what is allowed. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
