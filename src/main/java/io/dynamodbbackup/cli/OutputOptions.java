package io.dynamodbbackup.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How a command reports: its result as text or JSON, and whether progress is shown. */
final class OutputOptions {

  /** How a result is printed on standard output. */
  enum Format {
    text,
    json
  }

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (for a person) or json (one JSON object, or list's array, for scripts); the log"
              + " stays on standard error. Default: text.")
  Format output;

  @Option(
      names = "--no-progress",
      description =
          "No progress bar and no periodic progress lines in the log (the bar is drawn only when"
              + " standard error is a terminal anyway).")
  boolean noProgress;

  @Option(
      names = "--progress-every",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How often a progress line is logged: 10s, 1m, 500ms... (default: 10s).")
  Duration progressEvery;

  boolean json() {
    return output == Format.json;
  }
}
