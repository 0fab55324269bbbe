package dev.capstan.registry.client;

/**
 * A schema registry call that failed: an HTTP error answer ({@link #httpStatus()} and the Confluent
 * {@link #errorCode()}) or no answer at all (I/O error or timeout, {@link #httpStatus()} 0). The message never
 * contains credentials.
 */
public class RegistryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    /**
     * @param message what failed, without credentials
     * @param httpStatus the HTTP status, 0 when there was no answer
     * @param errorCode the Confluent {@code error_code} of the answer, 0 when there was none
     * @param cause the I/O failure, or null
     */
    public RegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** The HTTP status of the answer; 0 when the registry did not answer (I/O error, timeout). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The Confluent {@code error_code} of the answer (e.g. 40401 subject not found); 0 when there was none. */
    public int errorCode() {
        return errorCode;
    }

    /**
     * Whether the same call may succeed later: no answer (I/O error, timeout), HTTP 5xx, 408 or 429. Other 4xx
     * answers (bad schema, incompatible, not found, unauthorized) fail the same way again.
     */
    public boolean retriable() {
        return httpStatus == 0 || httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
    }

    /** Whether the registry refused the schema as incompatible with the subject's earlier versions (HTTP 409). */
    public boolean incompatible() {
        return httpStatus == 409;
    }
}
