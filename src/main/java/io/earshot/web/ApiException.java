package io.earshot.web;

/** A request the API refuses, with the HTTP status and the {@link ApiError} to answer. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;

    public ApiException(int status, String error, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
    }

    public static ApiException badRequest(String error, String detail) {
        return new ApiException(400, error, detail);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not found", what);
    }

    public int status() {
        return status;
    }

    public ApiError toError() {
        return new ApiError(error, getMessage());
    }
}
