package io.dynamodbbackup.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The checksum each part is sent with, and the whole-object value a store derives from them: the
 * composite CRC32C that Amazon S3 reports, or the MD5-form ETag that S3-compatible stores report.
 */
final class PartDigests {

  private PartDigests() {}

  /** The digest of one part, as the raw bytes of its checksum. */
  static byte[] of(S3Dialect dialect, byte[] data, int length) {
    if (dialect == S3Dialect.AWS) {
      CRC32C crc = new CRC32C();
      crc.update(data, 0, length);
      long v = crc.getValue();
      return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
    MessageDigest md5 = md5();
    md5.update(data, 0, length);
    return md5.digest();
  }

  static String base64(byte[] digest) {
    return Base64.getEncoder().encodeToString(digest);
  }

  /**
   * What the store should report for an object made of parts with these digests: for Amazon S3
   * {@code CRC32C:<base64>} (a composite {@code -N} for a multipart upload), otherwise the ETag.
   */
  static String expected(S3Dialect dialect, List<byte[]> parts, boolean multipart) {
    if (!multipart) {
      byte[] only = parts.get(0);
      return dialect == S3Dialect.AWS ? "CRC32C:" + base64(only) : HexFormat.of().formatHex(only);
    }
    String suffix = "-" + parts.size();
    if (dialect == S3Dialect.AWS) {
      CRC32C crc = new CRC32C();
      parts.forEach(crc::update);
      long v = crc.getValue();
      byte[] composite = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
      return "CRC32C:" + base64(composite) + suffix;
    }
    MessageDigest md5 = md5();
    parts.forEach(md5::update);
    return HexFormat.of().formatHex(md5.digest()) + suffix;
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }
}
