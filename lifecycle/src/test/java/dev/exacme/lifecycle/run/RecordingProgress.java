package dev.exacme.lifecycle.run;

import dev.exacme.acme.progress.ProgressEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Progress kept in a list, for tests to read what a run said. */
public final class RecordingProgress implements Progress {

    /** The lines and events, in order. */
    public final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void on(ProgressEvent event) {
        lines.add(String.valueOf(event));
    }

    @Override
    public void line(String text) {
        lines.add(text);
    }

    @Override
    public Progress prefixed(String prefix) {
        return this;
    }
}
