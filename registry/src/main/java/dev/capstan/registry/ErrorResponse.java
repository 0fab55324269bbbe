package dev.capstan.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An error answer of the registry: an HTTP status and a body {@code {"error_code": N, "message": "..."}} with the
 * Confluent schema registry's error codes. Thrown by the handlers and the store, answered by {@link RegistryServer}.
 */
final class ErrorResponse extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorCode;

    ErrorResponse(int status, int errorCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    static ErrorResponse subjectNotFound(String subject) {
        return new ErrorResponse(404, 40401, "Subject '" + subject + "' not found.");
    }

    static ErrorResponse versionNotFound(String subject, int version) {
        return new ErrorResponse(404, 40402, "Version " + version + " not found for subject '" + subject + "'.");
    }

    static ErrorResponse schemaNotFound(String what) {
        return new ErrorResponse(404, 40403, "Schema " + what + " not found.");
    }

    static ErrorResponse subjectLevelNotConfigured(String subject) {
        return new ErrorResponse(404, 40408,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static ErrorResponse invalidSchema(String detail) {
        return new ErrorResponse(422, 42201, "Invalid schema: " + detail);
    }

    static ErrorResponse invalidVersion(String version) {
        return new ErrorResponse(422, 42202, "The specified version '" + version + "' is not a valid version id. "
                + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static ErrorResponse invalidLevel(String level) {
        return new ErrorResponse(422, 42203, "Invalid compatibility level '" + level + "'. Valid values are none, "
                + "backward, forward, full, backward_transitive, forward_transitive, and full_transitive");
    }

    static ErrorResponse incompatible(String subject, List<String> violations) {
        return new ErrorResponse(409, 409, "Schema being registered is incompatible with an earlier schema for "
                + "subject \"" + subject + "\", details: " + violations);
    }

    static ErrorResponse storeFailure(StoreException e) {
        return new ErrorResponse(500, 50001, "Error in the backend data store: " + e.getMessage()
                + "; nothing was changed, try again later");
    }

    static ErrorResponse badRequest(String message) {
        return new ErrorResponse(400, 400, message);
    }

    int status() {
        return status;
    }

    int errorCode() {
        return errorCode;
    }

    ObjectNode body() {
        return RegistryJson.object().put("error_code", errorCode).put("message", getMessage());
    }
}
