package io.earshot.conversation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.earshot.web.ApiException;

/**
 * What a triage request changes. A null field leaves that part alone; {@code assignee} is set (to a
 * username, or to null to unassign) only when {@link #assigns()} is true. {@code tags} replaces the whole
 * set and cannot be combined with {@code addTags}/{@code removeTags}. Tags arrive normalised.
 */
public record TriageChange(Status status, boolean assigns, String assignee, Priority priority, Set<String> tags,
        Set<String> addTags, Set<String> removeTags) {

    private static final Set<String> FIELDS = Set.of("status", "assignee", "priority", "tags", "addTags", "removeTags");

    public TriageChange {
        if (tags != null && (addTags != null || removeTags != null)) {
            throw ApiException.badRequest("invalid triage", "send either tags (the whole set) or addTags/removeTags");
        }
        if (!assigns && assignee != null) {
            throw new IllegalArgumentException("an assignee is given only when assigns is true");
        }
        if (addTags != null && removeTags != null && addTags.stream().anyMatch(removeTags::contains)) {
            throw ApiException.badRequest("invalid triage", "a tag cannot be both added and removed");
        }
    }

    /** Only a new status. */
    public static TriageChange status(Status status) {
        return new TriageChange(status, false, null, null, null, null, null);
    }

    /** Only a new assignee (null unassigns). */
    public static TriageChange assign(String assignee) {
        return new TriageChange(null, true, assignee, null, null, null, null);
    }

    /** Only a new priority. */
    public static TriageChange priority(Priority priority) {
        return new TriageChange(null, false, null, priority, null, null, null);
    }

    /** Tags to add and remove (raw; they are normalised here). */
    public static TriageChange tags(List<String> add, List<String> remove) {
        return new TriageChange(null, false, null, null, null, add == null ? null : Tags.normaliseAll(add),
                remove == null ? null : Tags.normaliseAll(remove));
    }

    /** Reads the body of {@code PATCH /api/conversations/{id}}, refusing unknown fields and wrong types. */
    public static TriageChange fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid triage", "the body is a JSON object with any of " + FIELDS);
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("invalid triage", "unknown field '" + name + "'; fields are " + FIELDS);
            }
        }
        if (body.isEmpty()) {
            throw ApiException.badRequest("invalid triage", "nothing to change; send any of " + FIELDS);
        }
        Status status = null;
        if (body.has("status")) {
            String value = text(body, "status", false);
            try {
                status = Status.parse(value);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid triage", "status must be open, pending or closed");
            }
        }
        Priority priority = null;
        if (body.has("priority")) {
            String value = text(body, "priority", false);
            try {
                priority = Priority.parse(value);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid triage", "priority must be low, normal, high or urgent");
            }
        }
        boolean assigns = body.has("assignee");
        String assignee = assigns ? text(body, "assignee", true) : null;
        return new TriageChange(status, assigns, assignee, priority, tagList(body, "tags"), tagList(body, "addTags"),
                tagList(body, "removeTags"));
    }

    private static String text(JsonNode body, String field, boolean nullable) {
        JsonNode value = body.get(field);
        if (value.isNull() && nullable) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("invalid triage", field + " must be a string" + (nullable ? " or null" : ""));
        }
        return value.asText();
    }

    private static Set<String> tagList(JsonNode body, String field) {
        if (!body.has(field)) {
            return null;
        }
        JsonNode value = body.get(field);
        if (!value.isArray()) {
            throw ApiException.badRequest("invalid triage", field + " must be an array of strings");
        }
        List<String> raw = new ArrayList<>();
        for (JsonNode tag : value) {
            if (!tag.isTextual()) {
                throw ApiException.badRequest("invalid tag", field + " must be an array of strings");
            }
            raw.add(tag.asText());
        }
        return Tags.normaliseAll(raw);
    }
}
