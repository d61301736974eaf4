package io.earshot.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.lucene.search.FieldDoc;

import io.earshot.web.ApiException;

/**
 * Where a page of results ends, as an opaque string. Ungrouped pages continue after the last hit's
 * sort values (Lucene's searchAfter), so new posts arriving between pages neither repeat nor skip a
 * hit in date order; grouped pages continue at an offset.
 */
final class SearchCursor {

    private SearchCursor() {
    }

    static String after(SearchRequest.SortOrder sort, FieldDoc last) {
        Object primary = last.fields[0];
        long id = (Long) last.fields[1];
        return encode(sort.name() + "|" + primary + "|" + id);
    }

    static String offset(int offset) {
        return encode("GROUP|" + offset);
    }

    /**
     * The FieldDoc to search after, for an ungrouped cursor made under the same sort. The sort values
     * end with the message id, so they identify the last hit alone; its doc is set to the reader's
     * last, which makes the last hit itself (equal values) count as already seen.
     */
    static FieldDoc fieldDoc(String cursor, SearchRequest.SortOrder sort, int maxDoc) {
        String[] parts = decode(cursor).split("\\|");
        if (parts.length != 3 || !parts[0].equals(sort.name())) {
            throw ApiException.badRequest("invalid parameter", "cursor does not belong to this search");
        }
        try {
            Object primary = sort == SearchRequest.SortOrder.RELEVANCE ? (Object) Float.parseFloat(parts[1])
                    : (Object) Long.parseLong(parts[1]);
            return new FieldDoc(maxDoc - 1, Float.NaN, new Object[] { primary, Long.parseLong(parts[2]) });
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid parameter", "cursor is not one this server made");
        }
    }

    static int offsetOf(String cursor) {
        String[] parts = decode(cursor).split("\\|");
        if (parts.length != 2 || !parts[0].equals("GROUP")) {
            throw ApiException.badRequest("invalid parameter", "cursor does not belong to this search");
        }
        try {
            return Math.max(0, Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid parameter", "cursor is not one this server made");
        }
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid parameter", "cursor is not one this server made");
        }
    }
}
