package dev.exacme.lifecycle.notify;

/**
 * One Windows Event Log entry exacme writes: its event ID, its type and its text.
 *
 * @param eventId the event ID ({@link EventLogEntries} lists them)
 * @param type    information, warning or error
 * @param message the text, shown in Event Viewer and read by monitoring
 */
public record EventLogEntry(int eventId, Type type, String message) {

    /** The entry types exacme uses, with their {@code EVENTLOG_*_TYPE} values from {@code winnt.h}. */
    public enum Type {
        /** {@code EVENTLOG_ERROR_TYPE}. */
        ERROR(0x0001),
        /** {@code EVENTLOG_WARNING_TYPE}. */
        WARNING(0x0002),
        /** {@code EVENTLOG_INFORMATION_TYPE}. */
        INFORMATION(0x0004);

        private final int nativeValue;

        Type(int nativeValue) {
            this.nativeValue = nativeValue;
        }

        /** The value {@code ReportEvent} takes as {@code wType}. */
        public int nativeValue() {
            return nativeValue;
        }
    }
}
