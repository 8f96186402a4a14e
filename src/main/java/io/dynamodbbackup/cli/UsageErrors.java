package io.dynamodbbackup.cli;

import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Turns a value's validation failure into a usage error that names the option. */
final class UsageErrors {

  private UsageErrors() {}

  /** {@code value}'s result, or a usage error "Invalid {@code what}: why" when it refuses. */
  static <T> T valid(CommandLine cmd, String what, Supplier<T> value) {
    try {
      return value.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cmd, "Invalid " + what + ": " + e.getMessage());
    }
  }
}
