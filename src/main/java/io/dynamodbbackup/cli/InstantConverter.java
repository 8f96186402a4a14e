package io.dynamodbbackup.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a moment written in ISO-8601 with a zone: {@code 2026-11-25T02:00:00Z} or {@code +01:00}.
 */
final class InstantConverter implements ITypeConverter<Instant> {

  @Override
  public Instant convert(String value) {
    try {
      return OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a time; write e.g. 2026-11-25T02:00:00Z or 2026-11-25T03:00+01:00");
    }
  }
}
