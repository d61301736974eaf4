package io.earshot.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error the JSON API returns: what went wrong and, where it helps, the detail
 * and the 0-based position in the input.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String detail, Integer position) {

    public ApiError(String error, String detail) {
        this(error, detail, null);
    }
}
