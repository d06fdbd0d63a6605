package dev.exacme.lifecycle.notify;

/** The Windows Event Log as a notification channel: the entries {@link EventLogEntries} chooses. */
public final class EventLogChannel implements NotificationChannel {

    private final EventLogWriter writer;

    /** A channel writing through {@code writer}. */
    public EventLogChannel(EventLogWriter writer) {
        this.writer = writer;
    }

    @Override
    public String name() {
        return "Windows Event Log";
    }

    @Override
    public boolean wants(Notification notification) {
        return true;
    }

    @Override
    public String send(Notification notification) throws Exception {
        var entries = EventLogEntries.of(notification);
        var ids = new StringBuilder();
        for (var entry : entries) {
            writer.write(entry);
            ids.append(ids.isEmpty() ? "" : ", ").append(entry.eventId());
        }
        return "wrote " + entries.size() + (entries.size() == 1 ? " entry" : " entries") + " (event IDs "
                + (ids.isEmpty() ? "none" : ids) + ") to the Application log, source " + EventLogEntries.SOURCE
                + "; " + writer.describeSource();
    }
}
