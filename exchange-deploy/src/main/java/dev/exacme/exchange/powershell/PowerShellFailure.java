package dev.exacme.exchange.powershell;

import java.util.Optional;

/**
 * A PowerShell run that did not produce a result: an error record the script threw (with
 * PowerShell's own message, category and cmdlet), a timeout, an exit without a result, or
 * output that is not the expected JSON.
 */
public final class PowerShellFailure extends Exception {

    /** What kind of failure. */
    public enum Kind {
        /** The script threw: {@link #category()} and {@link #cmdlet()} say what PowerShell reported. */
        ERROR_RECORD,
        /** The run took longer than allowed; the process tree was killed. */
        TIMEOUT,
        /** PowerShell could not be started. */
        NOT_STARTED,
        /** PowerShell ended without a result (crash, {@code exit}, output that is not JSON). */
        NO_RESULT
    }

    private final Kind kind;
    private final String category;
    private final String cmdlet;
    private final String errorId;

    /** A failure of {@code kind} with PowerShell's details (empty strings where unknown). */
    public PowerShellFailure(Kind kind, String message, String category, String cmdlet, String errorId) {
        super(message);
        this.kind = kind;
        this.category = category;
        this.cmdlet = cmdlet;
        this.errorId = errorId;
    }

    /** A failure without PowerShell error details. */
    public PowerShellFailure(Kind kind, String message) {
        this(kind, message, "", "", "");
    }

    /** The kind of failure. */
    public Kind kind() {
        return kind;
    }

    /** PowerShell's error category ({@code ObjectNotFound}, {@code InvalidArgument}...), empty if none. */
    public String category() {
        return category;
    }

    /** The cmdlet that failed, if PowerShell said. */
    public Optional<String> cmdlet() {
        return cmdlet.isEmpty() ? Optional.empty() : Optional.of(cmdlet);
    }

    /** PowerShell's fully qualified error id, empty if none. */
    public String errorId() {
        return errorId;
    }
}
