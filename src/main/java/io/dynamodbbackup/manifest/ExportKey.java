package io.dynamodbbackup.manifest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a backup made by AWS Export to S3 lives: the folder {@code
 * [prefix/]<table>/<table>_<timestamp>/}, named by the moment the export holds (a full export's
 * point in time, an incremental export's window end) as a Scan backup is named by its start. AWS
 * writes its {@code AWSDynamoDB/...} folder under it; this tool's manifest sits in it as {@code
 * <table>_<timestamp>.export.manifest.json}. The same table and time always give the same folder,
 * so a retried run asks AWS for the same export.
 */
public record ExportKey(String prefix, String table, Instant exportTime) {

  public static final String MANIFEST_SUFFIX = ".export.manifest.json";

  private static final Pattern MANIFEST_NAME =
      Pattern.compile(
          "(?<table>[A-Za-z0-9_.-]{1,255})_(?<ts>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d)"
              + Pattern.quote(MANIFEST_SUFFIX));

  public ExportKey {
    prefix = prefix == null ? "" : BackupKey.trimSlashes(prefix);
    BackupKey.requireNonBlank("table", table);
    if (exportTime == null) {
      throw new IllegalArgumentException("exportTime must be set");
    }
    exportTime = exportTime.truncatedTo(ChronoUnit.SECONDS);
  }

  /** The folder holding AWS's export and this tool's manifest, ending in {@code /}. */
  public String folder() {
    return BackupKey.tableFolder(prefix, table) + name() + "/";
  }

  /** The {@code S3Prefix} given to AWS: the folder without its final slash. */
  public String exportPrefix() {
    String folder = folder();
    return folder.substring(0, folder.length() - 1);
  }

  /** This tool's manifest in the folder. */
  public String manifestKey() {
    return folder() + name() + MANIFEST_SUFFIX;
  }

  private String name() {
    return table + "_" + BackupKey.TIMESTAMP.format(exportTime);
  }

  /** Reads a manifest's key back, if it has this layout. */
  public static Optional<ExportKey> parse(String manifestKey) {
    int slash = manifestKey.lastIndexOf('/');
    Matcher m = MANIFEST_NAME.matcher(manifestKey.substring(slash + 1));
    if (slash < 0 || !m.matches()) {
      return Optional.empty();
    }
    String table = m.group("table");
    String stem = table + "_" + m.group("ts");
    String folder = manifestKey.substring(0, slash);
    String tableFolder = "/" + table + "/" + stem;
    String prefix;
    if (folder.equals(table + "/" + stem)) {
      prefix = "";
    } else if (folder.endsWith(tableFolder)) {
      prefix = folder.substring(0, folder.length() - tableFolder.length());
    } else {
      return Optional.empty();
    }
    try {
      Instant ts = Instant.from(BackupKey.TIMESTAMP.parse(m.group("ts")));
      return Optional.of(new ExportKey(prefix, table, ts));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The manifest key for a source a person gave: the manifest itself, or the export's folder (with
   * or without its final slash); empty for anything else.
   */
  public static Optional<String> manifestKeyOf(String key) {
    if (key.endsWith(MANIFEST_SUFFIX)) {
      return parse(key).map(ExportKey::manifestKey);
    }
    String folder = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    int slash = folder.lastIndexOf('/');
    return parse(folder + "/" + folder.substring(slash + 1) + MANIFEST_SUFFIX)
        .map(ExportKey::manifestKey);
  }
}
