package io.earshot.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A connector's report on {@code earshot.reply-status}:
 * {@code {"reply_id": 42, "status": "sent"|"failed", "platform_id": "...", "reason": "...", "attempt": 1}}.
 * {@code attempt} is optional; when given, a report about an earlier attempt than the reply's latest is stale.
 */
public record DeliveryReport(long replyId, DeliveryState status, String platformId, String reason, Integer attempt) {

    private static final int MAX_TEXT = 1000;

    /** A report, or the reason the record is not one. */
    public sealed interface Parsed permits Valid, Malformed {
    }

    public record Valid(DeliveryReport report) implements Parsed {
    }

    public record Malformed(String reason) implements Parsed {
    }

    /** Reads one record's value; never throws on bad input. */
    public static Parsed parse(ObjectMapper json, byte[] value) {
        JsonNode node;
        try {
            node = value == null ? null : json.readTree(value);
        } catch (Exception e) {
            return new Malformed("not JSON");
        }
        if (node == null || !node.isObject()) {
            return new Malformed("a delivery report is a JSON object");
        }
        JsonNode id = node.get("reply_id");
        long replyId;
        if (id != null && id.canConvertToLong() && id.isIntegralNumber()) {
            replyId = id.asLong();
        } else if (id != null && id.isTextual() && id.asText().matches("\\d{1,18}")) {
            replyId = Long.parseLong(id.asText());
        } else {
            return new Malformed("reply_id is required: the reply's id");
        }
        JsonNode status = node.get("status");
        DeliveryState state;
        if (status != null && "sent".equals(status.asText())) {
            state = DeliveryState.SENT;
        } else if (status != null && "failed".equals(status.asText())) {
            state = DeliveryState.FAILED;
        } else {
            return new Malformed("status must be sent or failed");
        }
        String platformId = text(node, "platform_id");
        String reason = text(node, "reason");
        if (platformId != null && platformId.length() > 256) {
            return new Malformed("platform_id is longer than 256 characters");
        }
        if (reason != null && reason.length() > MAX_TEXT) {
            reason = reason.substring(0, MAX_TEXT - 1) + "…";
        }
        JsonNode attempt = node.get("attempt");
        if (attempt != null && !attempt.isNull() && !attempt.canConvertToInt()) {
            return new Malformed("attempt must be a number");
        }
        return new Valid(new DeliveryReport(replyId, state, platformId, reason,
                attempt == null || attempt.isNull() ? null : attempt.asInt()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
