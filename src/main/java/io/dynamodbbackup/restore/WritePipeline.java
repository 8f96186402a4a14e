package io.dynamodbbackup.restore;

import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.concurrent.FailFastPool;
import io.dynamodbbackup.dynamo.BatchBuilder;
import io.dynamodbbackup.dynamo.BatchWriter;
import io.dynamodbbackup.dynamo.RawWrite;
import io.dynamodbbackup.format.ChangeRecord;
import io.dynamodbbackup.format.ItemBytes;
import io.dynamodbbackup.format.ItemJson;
import io.dynamodbbackup.schema.KeySchemaCheck;
import io.dynamodbbackup.source.DataFile;
import io.dynamodbbackup.source.FileItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Streams a set of data files into the table: one reader thread turns items into puts (and an
 * incremental export's change records into puts and deletes), groups them into batches and fills a
 * queue of at most two batches per writer; the writers drain it. The first failure on any thread
 * cancels the others and is rethrown. A run returns once every write of its files is done, so runs
 * one after another apply their files in that order. Batches are numbered in reading order across
 * runs ({@link WrittenPrefix}), and the records a resumed restore already wrote are skipped.
 */
final class WritePipeline {

  /** Marks the end of the batches; compared by identity. */
  private static final Batch END = new Batch(-1, List.of());

  private final FileItems reader;
  private final BatchWriter writer;
  private final byte[][] names;
  private final int writers;
  private final WrittenPrefix written;
  private final long skip;

  /** Records read by the runs so far, on the reader thread of each run in turn. */
  private long read;

  /**
   * @param written numbers the batches; the records it starts with were written by an interrupted
   *     run, and are skipped
   */
  WritePipeline(
      FileItems reader,
      BatchWriter writer,
      List<String> keyNames,
      int writers,
      WrittenPrefix written) {
    this.reader = reader;
    this.writer = writer;
    this.names = ItemBytes.names(keyNames);
    this.writers = writers;
    this.written = written;
    this.skip = written.items();
  }

  /**
   * Writes every record of {@code files}, in order.
   *
   * @param checkKeysOf without a recorded schema, the table the first items are checked against
   *     before anything is written; null when the schema was already checked
   * @param source names the backup in the refusal
   */
  void run(List<DataFile> files, TableDescription checkKeysOf, String source) throws Exception {
    BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(writers * 2);
    List<FailFastPool.Task> tasks = new ArrayList<>();
    tasks.add(
        () -> {
          BatchBuilder batches = new BatchBuilder(BatchBuilder.MAX_ITEMS, BatchBuilder.MAX_BYTES);
          long[] unchecked = {checkKeysOf == null ? -1 : 0};
          Batcher add =
              write -> {
                if (++read <= skip) {
                  return; // written before the interruption this run resumes
                }
                List<RawWrite> full = batches.add(write);
                if (full != null) {
                  unchecked[0] = -1;
                  queue.put(new Batch(written.register(full.size()), full));
                }
              };
          for (DataFile file : files) {
            if (file.changes()) {
              reader.readChanges(file, c -> add.accept(write(c)));
            } else {
              reader.readBytes(
                  file,
                  names,
                  item -> {
                    // The first items show whether this is the right table, before any write.
                    if (unchecked[0] >= 0) {
                      refuseWrongTable(source, checkKeysOf, item.item(), ++unchecked[0]);
                    }
                    add.accept(RawWrite.put(item.json(), item.key()));
                  });
            }
          }
          List<RawWrite> last = batches.drain();
          if (!last.isEmpty()) {
            queue.put(new Batch(written.register(last.size()), last));
          }
          queue.put(END);
        });
    for (int i = 0; i < writers; i++) {
      tasks.add(
          () -> {
            while (true) {
              Batch batch = queue.take();
              if (batch == END) {
                queue.put(END); // for the next writer
                return;
              }
              writer.write(batch.writes());
              written.finished(batch.number());
            }
          });
    }
    FailFastPool.runAll("restore", tasks.size(), tasks);
  }

  /** Writes for one BatchWriteItem, numbered in the order the reader made them. */
  private record Batch(long number, List<RawWrite> writes) {}

  private interface Batcher {
    void accept(RawWrite write) throws InterruptedException;
  }

  /** A change record's put of its new image, or delete of its keys. */
  private RawWrite write(ChangeRecord change) {
    if (change.isDelete()) {
      ItemBytes key = ItemBytes.of(ItemJson.toBytes(change.keys()), names);
      return RawWrite.delete(key.json(), key.key());
    }
    ItemBytes item = ItemBytes.of(ItemJson.toBytes(change.newImage()), names);
    return RawWrite.put(item.json(), item.key());
  }

  private static void refuseWrongTable(
      String source, TableDescription target, Map<String, AttributeValue> item, long n) {
    Optional<String> mismatch = KeySchemaCheck.itemMismatch(item, n, target);
    if (mismatch.isPresent()) {
      throw new JobFailedException(
          "refusing to restore " + source + ": " + mismatch.get() + "; nothing was written", null);
    }
  }
}
