package io.dynamodbbackup.backup;

import io.dynamodbbackup.store.Checkpointer;
import io.dynamodbbackup.store.StoredPart;
import io.dynamodbbackup.store.Upload;
import io.dynamodbbackup.store.UploadListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of one object that its store confirmed: they are confirmed out of order on the upload
 * threads, and only the parts 1 to n without a gap count, since a resume goes on after them. The
 * mark moves whenever that prefix grows or an upload starts.
 */
final class StoredParts implements UploadListener, Checkpointer.Mark {

  private final List<StoredPart> prefix;
  private final Map<Integer, StoredPart> beyond = new HashMap<>();
  private String uploadId;
  private long mark;

  /** Starts from what an interrupted run stored, or from nothing. */
  StoredParts(Upload stored) {
    this.prefix = new ArrayList<>(stored.parts());
    this.uploadId = stored.uploadId();
  }

  @Override
  public synchronized void started(String id) {
    uploadId = id;
    mark++;
    notifyAll();
  }

  @Override
  public synchronized void stored(StoredPart part) {
    beyond.put(part.number(), part);
    StoredPart next;
    boolean grew = false;
    while ((next = beyond.remove(prefix.size() + 1)) != null) {
      prefix.add(next);
      grew = true;
    }
    if (grew) {
      mark++;
      notifyAll();
    }
  }

  /** The upload and its parts 1 to n, as they are now. */
  synchronized Upload upload() {
    return new Upload(uploadId, prefix);
  }

  @Override
  public synchronized long current() {
    return mark;
  }

  @Override
  public synchronized long awaitBeyond(long seen, long millis) throws InterruptedException {
    if (mark == seen) {
      wait(millis);
    }
    return mark;
  }

  @Override
  public synchronized void wake() {
    notifyAll();
  }
}
