package io.dynamodbbackup.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dynamodbbackup.JobFailedException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Supplier;

/** What {@code --output json} prints: records as indented JSON, times as ISO-8601 strings. */
final class Json {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Runs {@code job}; with {@code --output json} a failure is also printed as a JSON object on
   * {@code out}, so that a script reads a result either way. The failure goes on to the exception
   * handler, which prints its line on standard error and sets the exit status.
   */
  static <T> T failureAsJson(OutputOptions output, PrintWriter out, Supplier<T> job) {
    try {
      return job.get();
    } catch (JobFailedException e) {
      if (output.json()) {
        out.println(write(new Failure(e.getMessage())));
      }
      throw e;
    }
  }

  /** A failed job as JSON: what the error line on standard error says. */
  record Failure(String status, String error) {
    Failure(String error) {
      this("FAILED", error);
    }
  }

  /** Seconds with millisecond precision, as the JSON results give durations. */
  static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
