package io.dynamodbbackup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Tokens that make AWS's long-running requests (an export, an import) idempotent: the same request
 * identity always gives the same token, so a run retried after a crash gets the task the first run
 * started instead of a second one.
 */
public final class ClientTokens {

  private ClientTokens() {}

  /** 32 hex digits of the SHA-256 of {@code identity}. */
  public static String of(String identity) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
