package io.rlstestkit.examples.evf;

/**
 * Raised when a unit of work would run without a verified tenant context: the document's {@code RLSViolationError}.
 * {@link #securityEvent()} names the security event the platform logs for it.
 */
public final class RlsViolationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The security event this violation corresponds to. */
    private final String securityEvent;

    /**
     * Creates the exception.
     *
     * @param securityEvent the security event, e.g. {@code RLS_NOT_ENFORCED} or {@code RLS_VERIFICATION_FAILED}
     * @param message       the message
     */
    public RlsViolationException(String securityEvent, String message) {
        super(message);
        this.securityEvent = securityEvent;
    }

    /**
     * The security event this violation corresponds to.
     *
     * @return {@code RLS_NOT_ENFORCED} or {@code RLS_VERIFICATION_FAILED}
     */
    public String securityEvent() {
        return securityEvent;
    }
}
