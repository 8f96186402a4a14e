package io.dynamodbbackup.backup;

import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.format.FileFormat;
import io.dynamodbbackup.manifest.BackupKey;
import io.dynamodbbackup.manifest.BackupState;
import io.dynamodbbackup.report.EventLog;
import io.dynamodbbackup.store.Destination;
import io.dynamodbbackup.store.ObjectSource;
import io.dynamodbbackup.store.StateObject;
import io.dynamodbbackup.store.UnfinishedWrite;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the interrupted backup that {@code backup --resume} goes on with: the newest one of the
 * table at the destination and prefix that left a checkpoint. A checkpoint taken with other options
 * is refused, naming the difference; one whose object is already complete is stale and forgotten.
 */
final class InterruptedBackups {

  /**
   * What a resume goes on with.
   *
   * @param key the interrupted backup's key
   * @param state its last checkpoint
   * @param stateObject where that checkpoint is kept
   */
  record Found(BackupKey key, BackupState state, StateObject stateObject) {}

  private final Destination destination;
  private final ObjectSource source;
  private final EventLog log;

  InterruptedBackups(Destination destination, EventLog log) {
    this.destination = destination;
    this.source = destination.source();
    this.log = log;
  }

  /** The newest interrupted backup of {@code plan}'s table to go on with, if any. */
  Optional<Found> newest(BackupPlan plan) {
    String folder = BackupKey.tableFolder(plan.prefix(), plan.table());
    List<BackupKey> keys = new ArrayList<>();
    try {
      for (String dataKey : source.backupStates(folder)) {
        BackupKey.parse(dataKey)
            .filter(k -> BackupKey.tableFolder(k.prefix(), k.table()).equals(folder))
            .ifPresent(keys::add);
      }
      keys.sort(
          Comparator.comparing(BackupKey::startedAt).thenComparing(BackupKey::sequence).reversed());
      for (BackupKey key : keys) {
        StateObject state = source.backupState(key.dataKey());
        Optional<byte[]> bytes = state.read();
        if (bytes.isEmpty()) {
          continue; // removed since the listing
        }
        BackupState checkpoint;
        try {
          checkpoint = BackupState.parse(bytes.get(), state.uri());
        } catch (IOException e) {
          // A store that keeps a body cut short by a kill (s3rver does) leaves such a checkpoint.
          log.warn(
              e.getMessage()
                  + "; it is removed and a new backup starts (an upload it named is left to"
                  + " `list --cleanup` or the bucket's lifecycle rule)");
          state.delete();
          continue;
        }
        if (source.exists(key.dataKey())) {
          forgetCompleted(key, state);
          continue;
        }
        refuseOtherOptions(plan, checkpoint, source.uri(key.dataKey()));
        if (checkpoint.uploadId() == null) {
          abortUnrecorded(key);
        }
        return Optional.of(new Found(key, checkpoint, state));
      }
    } catch (JobFailedException e) {
      throw e;
    } catch (Exception e) {
      throw new JobFailedException(
          "cannot read the checkpoints of interrupted backups under "
              + source.uri(folder)
              + ": "
              + JobFailedException.reason(e),
          e);
    }
    return Optional.empty();
  }

  /**
   * Removes the checkpoint of a backup that was stopped after its upload completed: with its
   * manifest it is complete; without, its object is not a backup and goes too, since what its last
   * items were is not recorded.
   */
  private void forgetCompleted(BackupKey key, StateObject state) throws Exception {
    if (source.exists(key.manifestKey())) {
      log.info(
          "the interrupted backup "
              + source.uri(key.dataKey())
              + " had completed; its leftover checkpoint is removed");
    } else {
      log.info(
          "the interrupted backup "
              + source.uri(key.dataKey())
              + " was stopped after its upload, before its manifest; the object is removed with"
              + " its checkpoint");
      destination.delete(key.dataKey());
      // A manifest the kill caught half-written (a folder's .partial file) goes too.
      destination.delete(key.manifestKey());
    }
    state.delete();
  }

  /**
   * Aborts an upload a run started but was stopped before its checkpoint named it, where the store
   * can list uploads; the resume starts its own.
   */
  private void abortUnrecorded(BackupKey key) {
    try {
      for (UnfinishedWrite write : source.unfinished(key.dataKey())) {
        if (write.key().equals(key.dataKey()) && !UnfinishedWrite.PARTIAL_FILE.equals(write.id())) {
          source.discard(write);
        }
      }
    } catch (Exception e) {
      // A store that cannot list uploads: its lifecycle rule removes such an upload.
    }
  }

  private static void refuseOtherOptions(BackupPlan plan, BackupState state, String uri) {
    List<String> differences = new ArrayList<>();
    String format = plan.format().cliName();
    if (!state.format().equals(format)) {
      differences.add(
          "the interrupted backup used --format "
              + state.format()
              + ", this run --format "
              + format);
    }
    String encoding = encoding(plan);
    if (!encoding.equals(state.encoding())) {
      differences.add(
          "base64".equals(state.encoding())
              ? "the interrupted backup used --encode (Base64 lines), this run does not"
              : "the interrupted backup did not use --encode (Base64 lines), this run does");
    }
    String compression = plan.compression().cliName();
    if (!state.compression().equals(compression)) {
      differences.add(
          "the interrupted backup used --compress "
              + state.compression()
              + ", this run --compress "
              + compression);
    }
    if (state.finalNewline() != plan.finalNewline()) {
      differences.add(
          state.finalNewline()
              ? "the interrupted backup did not use --no-final-newline, this run does"
              : "the interrupted backup used --no-final-newline, this run does not");
    }
    if (plan.segments() > 0 && plan.segments() != state.segments()) {
      differences.add(
          "the interrupted backup used --segments "
              + state.segments()
              + ", this run --segments "
              + plan.segments());
    }
    if (!differences.isEmpty()) {
      throw new JobFailedException(
          "cannot resume the backup "
              + uri
              + ": "
              + String.join("; ", differences)
              + "; repeat its options, or run without --resume to start a new backup",
          null);
    }
  }

  /** How a plan's lines are encoded, as a manifest and a checkpoint record it. */
  static String encoding(BackupPlan plan) {
    return plan.format() == FileFormat.CSV && plan.base64() ? "base64" : "json";
  }
}
