package dev.exacme.cli.output;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.acme.progress.ProgressEvent;
import dev.exacme.lifecycle.run.Progress;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * What the person or the script calling exacme sees. Results go to standard output, as
 * readable text or, with {@code --json}, as one JSON document; progress and errors go to
 * standard error, so that a script can parse stdout while a person watches stderr.
 */
public final class Console implements Progress {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean quiet;
    private final String prefix;
    private String networkContext;

    public Console(PrintWriter out, PrintWriter err, boolean json, boolean quiet) {
        this(out, err, json, quiet, "");
    }

    private Console(PrintWriter out, PrintWriter err, boolean json, boolean quiet, String prefix) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.quiet = quiet;
        this.prefix = prefix;
    }

    /** The same console with {@code more} before every progress line (e.g. {@code [mail] }). */
    @Override
    public Console prefixed(String more) {
        return new Console(out, err, json, quiet, prefix + more);
    }

    @Override
    public void line(String text) {
        progress(text);
    }

    @Override
    public void networkRoute(String route) {
        onNetworkFailure(route);
    }

    public boolean json() {
        return json;
    }

    /** A fresh JSON object for a result document (no ObjectMapper: building one costs more than most commands). */
    public ObjectNode newDocument() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Prints a result: the JSON document with {@code --json}, the text otherwise. */
    public void result(ObjectNode document, String text) {
        if (json) {
            out.println(document.toPrettyString());
            out.flush();
        } else {
            out.print(text);
            out.flush();
        }
    }

    /** An error: always on stderr; with {@code --json} also as a document on stdout. */
    public void error(ObjectNode document, String message) {
        err.println("exacme: " + message);
        err.flush();
        if (json) {
            out.println(document.toPrettyString());
            out.flush();
        }
    }

    /** A line added to messages about network failures: which proxy the connection went through. */
    public void onNetworkFailure(String context) {
        this.networkContext = context;
    }

    /** The network line, if a command set one. */
    public Optional<String> networkContext() {
        return Optional.ofNullable(networkContext);
    }

    /** A progress line on stderr, unless {@code --quiet}. */
    public void progress(String line) {
        if (!quiet) {
            err.println(prefix + line);
            err.flush();
        }
    }

    @Override
    public void on(ProgressEvent event) {
        progress(ProgressText.of(event));
    }
}
