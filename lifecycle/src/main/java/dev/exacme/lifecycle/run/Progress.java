package dev.exacme.lifecycle.run;

import dev.exacme.acme.progress.ProgressListener;

/**
 * What a run tells the person watching it: the ACME client's events and lines of its own. The
 * front end decides how they look; a run over several certificates gives each its own prefix.
 */
public interface Progress extends ProgressListener {

    /** Progress no one sees. */
    Progress QUIET = new Progress() {
        @Override
        public void on(dev.exacme.acme.progress.ProgressEvent event) {
        }

        @Override
        public void line(String text) {
        }

        @Override
        public Progress prefixed(String prefix) {
            return this;
        }
    };

    /** A progress line. */
    void line(String text);

    /** The same progress with {@code prefix} before every line (e.g. {@code [mail] }). */
    Progress prefixed(String prefix);

    /** The route connections take (direct, or which proxy), added to messages about network failures. */
    default void networkRoute(String route) {
    }
}
