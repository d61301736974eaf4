package io.earshot.search;

/**
 * A CDI event fired (synchronously) by {@code POST /api/admin/reindex} after the index was rebuilt
 * from the database, so other views derived from the stored messages rebuild in the same request.
 *
 * @param documents how many documents the rebuilt index holds
 */
public record IndexRebuilt(long documents) {
}
