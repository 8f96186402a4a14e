package io.dynamodbbackup.cli;

import java.time.Instant;
import picocli.CommandLine.Option;

/** How a restore puts the items into the table, and how far into a chain of exports it goes. */
final class RestoreEngineOptions {

  /** The restore engines. */
  enum Engine {
    write,
    import_;

    @Override
    public String toString() {
      return this == import_ ? "import" : name();
    }
  }

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      defaultValue = "write",
      converter = EngineConverter.class,
      description =
          "write (this tool's BatchWriteItem, into a new or an existing table; uses write capacity)"
              + " or import (AWS Import from S3 into a new table named by -t: no write capacity,"
              + " billed per GB; a full export or a dynamodb-json backup in S3, no LSIs)."
              + " Default: write.")
  Engine engine;

  @Option(
      names = "--to-time",
      paramLabel = "TIME",
      converter = InstantConverter.class,
      description =
          "For an incremental export: apply the chain only up to the link whose window holds TIME"
              + " (e.g. 2026-11-25T14:30:00Z); the table then holds its state at that link's end.")
  Instant toTime;

  /** Reads {@code write} or {@code import}. */
  static final class EngineConverter implements picocli.CommandLine.ITypeConverter<Engine> {
    @Override
    public Engine convert(String value) {
      return switch (value) {
        case "write" -> Engine.write;
        case "import" -> Engine.import_;
        default ->
            throw new picocli.CommandLine.TypeConversionException(
                "'" + value + "' is not a restore engine; write or import");
      };
    }
  }
}
