package dev.exacme.acme.progress;

/** Receives {@link ProgressEvent}s; the front end decides how to show them. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that shows nothing. */
    ProgressListener SILENT = event -> { };

    void on(ProgressEvent event);
}
