package io.dynamodbbackup.store;

/**
 * An object completely stored.
 *
 * @param bytes its length
 * @param sha256 lowercase hex SHA-256 of its bytes, or null when the writer did not see them all (a
 *     resumed object)
 * @param parts how many parts it was stored in
 * @param stored what the store confirmed holding
 */
public record WrittenObject(long bytes, String sha256, int parts, StoredObject stored) {}
