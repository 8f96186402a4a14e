package io.dynamodbbackup.cli;

/** The process's exit status. */
final class ExitCodes {
  /** The job did all it was asked. */
  static final int OK = 0;

  /** The job failed; one line on standard error says what and where. */
  static final int FAILED = 1;

  /** The command line was wrong: a missing or invalid option. */
  static final int USAGE = 2;

  private ExitCodes() {}
}
