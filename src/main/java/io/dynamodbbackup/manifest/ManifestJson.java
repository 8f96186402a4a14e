package io.dynamodbbackup.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads and writes manifests as pretty-printed UTF-8 JSON, times as ISO-8601 strings. */
public final class ManifestJson {

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  public byte[] write(Manifest manifest) {
    return bytes(manifest, manifest.tableName());
  }

  public byte[] write(ExportManifest manifest) {
    return bytes(manifest, manifest.tableName());
  }

  private byte[] bytes(Object manifest, String table) {
    try {
      return mapper.writeValueAsBytes(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise manifest of " + table, e);
    }
  }

  /**
   * Parses a manifest.
   *
   * @param source names the manifest in the error message
   */
  public Manifest read(byte[] json, String source) throws InvalidManifestException {
    return parse(json, source, Manifest.class, "a dynamodb-backup manifest");
  }

  /**
   * Parses the manifest of an export this tool drove.
   *
   * @param source names the manifest in the error message
   */
  public ExportManifest readExport(byte[] json, String source) throws InvalidManifestException {
    return parse(json, source, ExportManifest.class, "a dynamodb-backup export manifest");
  }

  private <T> T parse(byte[] json, String source, Class<T> type, String what)
      throws InvalidManifestException {
    try {
      T manifest = mapper.readValue(json, type);
      if (manifest == null) {
        throw new InvalidManifestException(source + ": empty manifest", null);
      }
      return manifest;
    } catch (IOException | IllegalArgumentException e) {
      String start = new String(json, 0, Math.min(json.length, 60), StandardCharsets.UTF_8);
      throw new InvalidManifestException(
          source + ": not " + what + " (" + firstLine(e) + "); it starts: " + start, e);
    }
  }

  private static String firstLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = String.valueOf(t.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
